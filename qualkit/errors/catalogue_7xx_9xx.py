"""The error catalogue, QK7xx: projects, waves, engines; QK8xx: resource limits; QK9xx: output files.

One entry per code, sorted by code; merged into :data:`qualkit.errors.MESSAGES` by
:mod:`qualkit.errors.catalogue`, which says how to add a message.
"""
from __future__ import annotations

from qualkit.errors.message import Message

MESSAGES: dict[int, Message] = {
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
