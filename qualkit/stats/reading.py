"""What agreement and prevalence figures mean, in plain Dutch and English.

One place for the readings (:func:`verdict`, :func:`interpret`), a line per
statistic (:data:`EXPLAIN`), the short "how to read this" text (:data:`HOW_TO_READ`)
and the words the terminal and the report show (:data:`WORDS`), so the whole output
can be translated.

A reading takes the 95% interval into account, not only the point estimate
(thresholds of Krippendorff 2004: .800 reliable, .667 tentative):

- ``reliable``: the whole interval is at or above .800;
- ``tentative``: the whole interval is at or above .667;
- ``unreliable``: the whole interval is below .667;
- ``uncertain``: the interval runs across .667 (too few units to tell);
- ``rare``: a 0/1 code applied to fewer than ``min_positives`` units: too rare to
  judge (alpha and kappa swing wildly with one or two codings);
- ``few``: fewer than :data:`MIN_UNITS` units coded twice: too few to judge;
- ``undefined``: no variation, or too few units coded twice.

Without an interval (no bootstrap) the point estimate is read alone.

>>> verdict(0.784, 0.02, 1.0), verdict(0.91, 0.84, 0.97), verdict(0.0, n_positive=1)
('uncertain', 'reliable', 'rare')
>>> interpret(0.784, lang="nl", low=-0.02, high=1.0)
'onzeker: het interval loopt over de grens van .667'
"""
from __future__ import annotations

import math

from qualkit.errors import AnalysisError

LANGS = ("en", "nl")
RELIABLE, TENTATIVE = 0.800, 0.667
MIN_POSITIVES = 5
"""Default: a 0/1 code applied to fewer units than this is too rare to judge."""
MIN_UNITS = 10
"""Fewer units coded twice than this: too few to judge (an interval from a handful of units means little)."""

VERDICTS = {
    "en": {"reliable": "reliable", "tentative": "tentative conclusions only", "unreliable": "unreliable",
           "uncertain": "uncertain: the interval runs across .667", "rare": "too rare to judge",
           "few": "too few units coded twice to judge",
           "undefined": "undefined (no variation or too few units coded twice)"},
    "nl": {"reliable": "betrouwbaar", "tentative": "alleen voorlopige conclusies", "unreliable": "onbetrouwbaar",
           "uncertain": "onzeker: het interval loopt over de grens van .667", "rare": "te zeldzaam om te beoordelen",
           "few": "te weinig dubbel gecodeerde eenheden om te beoordelen",
           "undefined": "niet te bepalen (geen variatie of te weinig dubbel gecodeerde eenheden)"},
}

SHORT = {
    "en": {"reliable": "reliable", "tentative": "tentative", "unreliable": "unreliable", "uncertain": "uncertain",
           "rare": "too rare", "few": "too few", "undefined": "undefined"},
    "nl": {"reliable": "betrouwbaar", "tentative": "voorlopig", "unreliable": "onbetrouwbaar",
           "uncertain": "onzeker", "rare": "te zeldzaam", "few": "te weinig", "undefined": "onbepaald"},
}
"""The readings in one or two words, for narrow tables (the full text is in :data:`VERDICTS`)."""

VERSUS = {
    "en": {"below": "below people", "within": "within range", "above": "above people", "undefined": "undefined"},
    "nl": {"below": "onder mensen", "within": "binnen bereik", "above": "boven mensen", "undefined": "onbepaald"},
}
"""A machine coder's alpha against each person, read against the people's own 95% interval."""


def _nan(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def check_lang(lang: str) -> None:
    """QK417 unless ``lang`` is ``en`` or ``nl``."""
    if lang not in LANGS:
        raise AnalysisError(417, language=lang, languages=', '.join(map(repr, LANGS)))


def verdict(alpha: float | None, low: float | None = None, high: float | None = None, *,
            n_positive: int | None = None, min_positives: int = MIN_POSITIVES, n_units: int | None = None) -> str:
    """The reading of alpha (a key of :data:`VERDICTS`), using its interval where there is one.

    >>> verdict(1.0, 1.0, 1.0, n_units=3)
    'few'
    """
    if n_positive is not None and n_positive < min_positives:
        return "rare"
    if n_units is not None and n_units < MIN_UNITS:
        return "few"
    if _nan(alpha):
        return "undefined"
    if _nan(low) or _nan(high):
        low = high = alpha
    if low >= RELIABLE:
        return "reliable"
    if low >= TENTATIVE:
        return "tentative"
    if high < TENTATIVE:
        return "unreliable"
    return "uncertain"


def interpret(alpha: float | None, lang: str = "en", low: float | None = None, high: float | None = None, *,
              n_positive: int | None = None, min_positives: int = MIN_POSITIVES) -> str:
    """The reading of alpha in ``lang`` (``en`` or ``nl``); see the module docstring.

    >>> interpret(0.85), interpret(0.70), interpret(0.5, lang="nl")
    ('reliable', 'tentative conclusions only', 'onbetrouwbaar')
    """
    check_lang(lang)
    return VERDICTS[lang][verdict(alpha, low, high, n_positive=n_positive, min_positives=min_positives)]


EXPLAIN = {
    "en": {
        "n": "n: the units compared for the code (coded by the coders compared; blank answers left out).",
        "percent": "% agree: the share of units on which the coders gave the same answer. Easy to read, "
                   "but inflated by chance: two coders who never use a rare code agree on almost every unit.",
        "kappa": "kappa (Cohen, two coders): agreement corrected for the agreement expected by chance from "
                 "each coder's own habits. 0 = no better than chance, 1 = perfect.",
        "ac1": "AC1 (Gwet): like kappa, but chance is estimated so that a rare code is not punished. When "
               "alpha is low and AC1 high, the coders mostly agree that a rare code is absent.",
        "bp": "BP (Brennan-Prediger): agreement corrected for chance as if every category were equally likely.",
        "alpha": "alpha (Krippendorff): the standard for content analysis; any number of coders, missing "
                 "codings allowed. Read it with its 95% interval: >= .800 reliable, >= .667 tentative.",
        "interval": "95% interval: the range the true alpha lies in, given how many units were coded twice. "
                    "A wide interval means: code more units before you judge.",
        "pos_agree": "+agree / -agree: of the times a coder applied (left out) the code, how often the other "
                     "coder did too. Low +agree on a rare code shows where the coders really differ.",
        "positives": "n+: units each coder applied the code to. Fewer than {min_positives} units in all: "
                     "too rare to judge.",
        "prf": "P / R / F1 against the reference coder: precision = share of the other coder's codings the "
               "reference also made; recall = share of the reference's codings the other also found; "
               "F1 = their harmonic mean.",
    },
    "nl": {
        "n": "n: de eenheden vergeleken voor de code (gecodeerd door de vergeleken codeurs; lege antwoorden "
             "weggelaten).",
        "percent": "% eens: het aandeel eenheden waarop de codeurs hetzelfde antwoordden. Makkelijk te lezen, "
                   "maar opgeblazen door toeval: twee codeurs die een zeldzame code nooit gebruiken, zijn het "
                   "bijna overal eens.",
        "kappa": "kappa (Cohen, twee codeurs): overeenstemming gecorrigeerd voor wat je bij toeval verwacht "
                 "uit de eigen gewoontes van elke codeur. 0 = niet beter dan toeval, 1 = perfect.",
        "ac1": "AC1 (Gwet): zoals kappa, maar het toeval wordt zo geschat dat een zeldzame code niet wordt "
               "afgestraft. Is alpha laag en AC1 hoog, dan zijn de codeurs het vooral eens dat een zeldzame "
               "code ontbreekt.",
        "bp": "BP (Brennan-Prediger): overeenstemming gecorrigeerd voor toeval alsof elke categorie even "
              "waarschijnlijk is.",
        "alpha": "alpha (Krippendorff): de standaard voor inhoudsanalyse; elk aantal codeurs, ontbrekende "
                 "coderingen toegestaan. Lees hem met zijn 95%-interval: >= .800 betrouwbaar, >= .667 voorlopig.",
        "interval": "95%-interval: waar de echte alpha ligt, gegeven hoeveel eenheden dubbel gecodeerd zijn. "
                    "Een breed interval betekent: codeer eerst meer eenheden.",
        "pos_agree": "+eens / -eens: van de keren dat een codeur de code gaf (wegliet), hoe vaak de andere "
                     "codeur dat ook deed. Een lage +eens bij een zeldzame code toont waar de codeurs echt "
                     "verschillen.",
        "positives": "n+: eenheden waaraan elke codeur de code gaf. Minder dan {min_positives} eenheden in "
                     "totaal: te zeldzaam om te beoordelen.",
        "prf": "P / R / F1 tegenover de referentiecodeur: precisie = aandeel van de coderingen van de andere "
               "codeur dat de referentie ook gaf; recall = aandeel van de coderingen van de referentie dat "
               "de andere ook vond; F1 = hun harmonisch gemiddelde.",
    },
}
"""One plain-language line per statistic (``{min_positives}`` filled in by the caller)."""

HOW_TO_READ = {
    "en": [
        "Look at the units first: agreement counts only units that every coder compared coded. "
        "Few units (under 50) give wide intervals; under 10 the reading is 'too few'.",
        "Read alpha with its interval: the reading is 'reliable' only when the whole 95% interval is at or "
        "above .800. An interval across .667 means you cannot tell yet: code more units.",
        "A rare code (few n+) gives low kappa and alpha even when the coders almost always agree; AC1 and "
        "+agree/-agree show what happened. Such codes are marked 'too rare to judge', not 'unreliable'.",
        "Disagreements are listed with the least reliable codes first. When a code is unreliable: discuss "
        "those units together, sharpen the code's definition (what counts, what does not, an example of each), "
        "code a fresh sample and compare again; until then, do not report that code's frequencies.",
    ],
    "nl": [
        "Kijk eerst naar de eenheden: de overeenstemming telt alleen eenheden die elke vergeleken codeur "
        "codeerde. Weinig eenheden (minder dan 50) geven brede intervallen; onder 10 is de lezing 'te weinig'.",
        "Lees alpha met zijn interval: 'betrouwbaar' alleen als het hele 95%-interval op of boven .800 ligt. "
        "Loopt het interval over .667, dan weet je het nog niet: codeer meer eenheden.",
        "Een zeldzame code (weinig n+) geeft een lage kappa en alpha, ook als de codeurs het bijna altijd eens "
        "zijn; AC1 en +eens/-eens tonen wat er gebeurde. Zulke codes heten 'te zeldzaam om te beoordelen', "
        "niet 'onbetrouwbaar'.",
        "De verschillen staan met de minst betrouwbare codes eerst. Is een code onbetrouwbaar: bespreek die "
        "eenheden samen, scherp de definitie van de code aan (wat telt, wat niet, een voorbeeld van elk), codeer "
        "een nieuwe steekproef en vergelijk opnieuw; rapporteer tot dan geen frequenties van die code.",
    ],
}

WORDS = {
    "en": {
        "title": "Agreement per code at unit '{unit}'",
        "units_line": "{overlap} units compared ({mode}); units per coder: {per_coder}.",
        "mode_all": "coded by every coder", "mode_pairs": "coded by at least two coders",
        "warn_small": "Warning: only {overlap} units were coded by the coders compared; intervals are wide.",
        "warn_apart": "Warning: the coders mostly coded different units ({overlap} in common of {fewest} "
                      "coded by {coder}); agreement rests on the overlap only.",
        "code": "code", "units": "n", "percent": "% agr", "kappa": "kappa", "ac1": "AC1", "bp": "BP",
        "alpha": "alpha", "ci": "95% CI", "reading": "reading", "all_codes": "(all codes)",
        "detail_title": "Per code: units each coder applied it to (n+: {coders}) and specific agreement",
        "positives": "n+ per coder", "pos_agree": "+agr", "neg_agree": "-agr",
        "precision": "P", "recall": "R", "f1": "F1",
        "dis_title": "Disagreements, least reliable codes first: {shown} of {total}",
        "dis_none": "{total} disagreements.", "unit": "unit", "who": "who coded what", "text": "text",
        "rule": "{coder} rule", "how": "How to read this", "not_compared": "Not compared (not in the coding file): {codes}",
        "note_read": "{file}: {rows} rows read as {units} units (units per coder: {per_coder}).",
        "note_read_empty": "{file}: {lines} rows: {empty} empty (skipped), {rows} read as {units} units (units "
                           "per coder: {per_coder}).",
        "note_units": "{file}: {units} units (units per coder: {per_coder}).",
        "note_total": "{files} files: {rows} rows read as {units} units.",
        "note_total_empty": "{files} files: {lines} rows: {empty} empty (skipped), {rows} read as {units} units.",
        "note_uncoded": "{coder}: {n} rows without any code were taken as not coded (--coverage all: they mean "
                        "'no code applies').",
        "note_nocode": "{coder}: {n} rows without any code count as 'no code applies' (--coverage coded: they "
                       "were not coded).",
        "note_nocode_hit": "{coder}: {n} rows without any code count as 'no code applies', but another coder gave "
                           "a code to {hit} of these units. If {coder} did not code those rows, read that file with --coverage "
                           "coded (one --coverage per file, in order).",
        "note_merged": "{n} duplicate rows (same unit and coder) were merged.",
        "note_files": "Unit ids repeat across the {n} files, so each file keeps its own units ({labels}).",
        "note_blank": "{n} units with an empty answer were left out (blank answers are not agreements).",
        "note_unsplit": "{n} answers with a comma were kept whole (pieces not all known options): "
                        "declare --separator to split them.",
        "note_title": "{file}: the first row looks like a title; the header was read from row {row}.",
        "unused": "{n} code(s) no coder applied to the units compared (left out of the tables; in agreement.csv): "
                  "{codes}.",
        "note_zeros": "{n} unit ids matched only without their leading zeros ('007' and '7': Excel drops "
                      "them) and were read as the same units.",
        "note_numbers": "Columns of numbers not read as codes (only 0/1 columns are): {columns}. To use "
                        "one, name it with --code (e.g. a sentiment of -1/0/1).",
        "note_platform": "{file}: a crowd-platform export (_unit_id); platform columns not read as codes: {columns}. "
                         "To use one, name it with --code.",
        "wrote": "Wrote {n} files to {out}/: {files}",
        "how_pairs": "Look at the units first: agreement counts units that at least two coders coded (pairs of "
                     "coders on the same unit). Few units (under 50) give wide intervals; under 10 the reading "
                     "is 'too few'.",
        "n_coders": "{n} coders", "many_coders": "{n} coders, {low}-{high} units each",
        "prf_title": "Against the reference '{reference}' (averaged over the categories)",
        "vs_title": "'{coder}' beside the people", "vs_machine": "vs each", "vs_people": "people",
        "vs_how": "'vs each': alpha of '{coder}' against each person (their pairs pooled, n = units with such a "
                  "pair); 'people': alpha among the people only. Reading: '{coder}' below, within or above the "
                  "people's 95% interval. Within or above: it codes like a person; below: check it before use.",
    },
    "nl": {
        "title": "Overeenstemming per code op eenheid '{unit}'",
        "units_line": "{overlap} eenheden vergeleken ({mode}); eenheden per codeur: {per_coder}.",
        "mode_all": "door elke codeur gecodeerd", "mode_pairs": "door minstens twee codeurs gecodeerd",
        "warn_small": "Let op: slechts {overlap} eenheden werden door de vergeleken codeurs gecodeerd; de "
                      "intervallen zijn breed.",
        "warn_apart": "Let op: de codeurs codeerden vooral verschillende eenheden ({overlap} gemeenschappelijk "
                      "van {fewest} gecodeerd door {coder}); de overeenstemming steunt alleen op de overlap.",
        "code": "code", "units": "n", "percent": "% eens", "kappa": "kappa", "ac1": "AC1", "bp": "BP",
        "alpha": "alpha", "ci": "95%-BI", "reading": "lezing", "all_codes": "(alle codes)",
        "detail_title": "Per code: eenheden waaraan elke codeur hem gaf (n+: {coders}) en specifieke overeenstemming",
        "positives": "n+ per codeur", "pos_agree": "+eens", "neg_agree": "-eens",
        "precision": "P", "recall": "R", "f1": "F1",
        "dis_title": "Verschillen, minst betrouwbare codes eerst: {shown} van {total}",
        "dis_none": "{total} verschillen.", "unit": "eenheid", "who": "wie codeerde wat", "text": "tekst",
        "rule": "regel {coder}", "how": "Zo lees je dit", "not_compared": "Niet vergeleken (niet in het codeerbestand): {codes}",
        "note_read": "{file}: {rows} rijen gelezen als {units} eenheden (eenheden per codeur: {per_coder}).",
        "note_read_empty": "{file}: {lines} rijen: {empty} leeg (overgeslagen), {rows} gelezen als {units} "
                           "eenheden (eenheden per codeur: {per_coder}).",
        "note_units": "{file}: {units} eenheden (eenheden per codeur: {per_coder}).",
        "note_total": "{files} bestanden: {rows} rijen gelezen als {units} eenheden.",
        "note_total_empty": "{files} bestanden: {lines} rijen: {empty} leeg (overgeslagen), {rows} gelezen als "
                            "{units} eenheden.",
        "note_uncoded": "{coder}: {n} rijen zonder enige code golden als niet gecodeerd (--coverage all: ze "
                        "betekenen 'geen code van toepassing').",
        "note_nocode": "{coder}: {n} rijen zonder enige code gelden als 'geen code van toepassing' (--coverage "
                       "coded: ze werden niet gecodeerd).",
        "note_nocode_hit": "{coder}: {n} rijen zonder enige code gelden als 'geen code van toepassing', maar een "
                           "andere codeur gaf {hit} van die eenheden een code. Codeerde {coder} die rijen niet, "
                           "lees dat bestand dan met --coverage coded (één --coverage per bestand, in volgorde).",
        "note_merged": "{n} dubbele rijen (zelfde eenheid en codeur) werden samengevoegd.",
        "note_files": "Eenheid-id's komen in meer dan één van de {n} bestanden voor, dus elk bestand houdt zijn "
                      "eigen eenheden ({labels}).",
        "note_blank": "{n} eenheden met een leeg antwoord werden weggelaten (lege antwoorden zijn geen "
                      "overeenstemming).",
        "note_unsplit": "{n} antwoorden met een komma bleven heel (niet alle stukken zijn bekende opties): "
                        "geef --separator om ze te splitsen.",
        "note_title": "{file}: de eerste rij lijkt een titel; de koprij werd gelezen uit rij {row}.",
        "unused": "{n} code(s) die geen codeur gaf op de vergeleken eenheden (niet in de tabellen; wel in "
                  "agreement.csv): {codes}.",
        "note_zeros": "{n} eenheid-id's kwamen alleen zonder hun voorloopnullen overeen ('007' en '7': Excel "
                      "laat ze weg) en werden als dezelfde eenheden gelezen.",
        "note_numbers": "Kolommen met getallen niet als codes gelezen (alleen 0/1-kolommen zijn codes): "
                        "{columns}. Gebruik er een door hem te noemen met --code (bv. een sentiment -1/0/1).",
        "note_platform": "{file}: een export van een crowdplatform (_unit_id); kolommen van het platform niet als "
                         "codes gelezen: {columns}. Gebruik er een door hem te noemen met --code.",
        "wrote": "{n} bestanden geschreven naar {out}/: {files}",
        "how_pairs": "Kijk eerst naar de eenheden: de overeenstemming telt eenheden die minstens twee codeurs "
                     "codeerden (paren van codeurs op dezelfde eenheid). Weinig eenheden (minder dan 50) geven "
                     "brede intervallen; onder 10 is de lezing 'te weinig'.",
        "n_coders": "{n} codeurs", "many_coders": "{n} codeurs, {low}-{high} eenheden elk",
        "prf_title": "Tegenover de referentie '{reference}' (gemiddeld over de categorieën)",
        "vs_title": "'{coder}' naast de mensen", "vs_machine": "vs elk", "vs_people": "mensen",
        "vs_how": "'vs elk': alpha van '{coder}' tegenover elke persoon (hun paren samen, n = eenheden met zo'n "
                  "paar); 'mensen': alpha tussen de mensen alleen. Lezing: '{coder}' onder, binnen of boven het "
                  "95%-interval van de mensen. Binnen of boven: codeert als een persoon; onder: eerst nakijken.",
    },
}
"""Words of the agreement output (terminal and report), per language."""


def words(lang: str) -> dict[str, str]:
    """The :data:`WORDS` of ``lang`` (QK417 on an unknown language)."""
    check_lang(lang)
    return WORDS[lang]


def per_coder(counts: dict, lang: str = "en", most: int = 8, name=str) -> str:
    """Units per coder for a line of text: ``an: 20, bo: 18``; past ``most`` coders, a
    summary. ``name`` shows a coder (a pseudonym in a report).

    >>> per_coder({"6": 62, "9": 71}), per_coder({f"c{i}": 5 for i in range(20)})
    ('6: 62, 9: 71', '20 coders, 5-5 units each')
    """
    if len(counts) <= most:
        return ", ".join(f"{name(str(c))}: {n}" for c, n in counts.items())
    return words(lang)["many_coders"].format(n=len(counts), low=min(counts.values()), high=max(counts.values()))


PREVALENCE = {
    "en": {
        "title": "Shares corrected for coder error",
        "intro": "A person coded a random sample of {n} answers; on it the machine coder found the share of "
                 "the person's codes shown as sensitivity, and left alone the share shown as specificity. The "
                 "corrected share is what a person would have found in all answers (Rogan-Gladen), with a 95% "
                 "interval that includes the uncertainty of the small sample.",
        "question": "question", "code": "code", "raw": "raw %", "sample": "n (n+)", "se": "sens.",
        "sp": "spec.", "corrected": "corr. %", "ci": "95% CI",
        "how": "How to read this: n (n+) is the sample and the person's positives in it; sens. (sensitivity) "
               "and spec. (specificity) are the machine's hit rates on them. A low sensitivity means the machine misses many answers with the code, so the "
               "raw share is too low; a low specificity means false alarms, so it is too high. A wide interval: "
               "code a larger sample. Without positives in the sample the share cannot be corrected.",
        "no_positives": "no positives", "no_negatives": "no negatives", "chance": "as chance",
        "method": "Shares were corrected for coder error with {method}.",
    },
    "nl": {
        "title": "Aandelen gecorrigeerd voor codeerfouten",
        "intro": "Een persoon codeerde een willekeurige steekproef van {n} antwoorden; daarop vond de "
                 "machinecodeur het aandeel van de codes van de persoon dat als sensitiviteit staat, en liet hij "
                 "het aandeel dat als specificiteit staat terecht ongemoeid. Het gecorrigeerde aandeel is wat een "
                 "persoon in alle antwoorden gevonden zou hebben (Rogan-Gladen), met een 95%-interval dat de "
                 "onzekerheid van de kleine steekproef meeneemt.",
        "question": "vraag", "code": "code", "raw": "ruw %", "sample": "n (n+)", "se": "sens.",
        "sp": "spec.", "corrected": "gecorr. %", "ci": "95%-BI",
        "how": "Zo lees je dit: n (n+) is de steekproef en de positieven van de persoon erin; sens. "
               "(sensitiviteit) en spec. (specificiteit) zijn de trefkansen van de machine daarop. Een lage "
               "sensitiviteit betekent dat de machine veel antwoorden met de code mist, "
               "dus het ruwe aandeel is te laag; een lage specificiteit betekent vals alarm, dus het is te hoog. "
               "Een breed interval: codeer een grotere steekproef. Zonder positieven in de steekproef kan het "
               "aandeel niet gecorrigeerd worden.",
        "no_positives": "geen positieven", "no_negatives": "geen negatieven", "chance": "als toeval",
        "method": "Aandelen werden gecorrigeerd voor codeerfouten met een {method}.",
    },
}
"""Words of the corrected-prevalence table (terminal and report), per language."""
