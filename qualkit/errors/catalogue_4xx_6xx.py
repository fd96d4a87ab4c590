"""The error catalogue, QK4xx: statistics and agreement; QK5xx: REFI-QDA; QK6xx: reports and interview studies.

One entry per code, sorted by code; merged into :data:`qualkit.errors.MESSAGES` by
:mod:`qualkit.errors.catalogue`, which says how to add a message.
"""
from __future__ import annotations

from qualkit.errors.message import Message

MESSAGES: dict[int, Message] = {
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
}
