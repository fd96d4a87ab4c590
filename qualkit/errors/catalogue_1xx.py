"""The error catalogue, QK1xx: reading inputs (survey exports, transcripts, coding files).

One entry per code, sorted by code; merged into :data:`qualkit.errors.MESSAGES` by
:mod:`qualkit.errors.catalogue`, which says how to add a message.
"""
from __future__ import annotations

from qualkit.errors.message import Message

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
}
