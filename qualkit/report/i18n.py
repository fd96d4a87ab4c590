"""Every fixed string of the HTML report, in Dutch and English.

>>> t = strings("nl")
>>> t["quotes"]
'Citaten'
>>> choose_lang(None, "en")
'en'
"""
from __future__ import annotations

import re

from qualkit.errors import AnalysisError

LANGS = ("nl", "en")

STRINGS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Resultaten: {name}",
        "generated": "Gemaakt met qualkit {version} op {date}",
        "contents": "Inhoud",
        "summary": "Samenvatting",
        "card_units_survey": "respondenten",
        "card_units_transcript": "interviews",
        "card_questions": "vragen",
        "card_codes": "codes in het codeboek",
        "card_codings": "coderingen (een code op een fragment)",
        "summary_intro": "Per vraag de codes die het vaakst voorkomen, als percentage van de respondenten die de vraag beantwoordden.",
        "summary_q": "{question}: {base} respondenten antwoordden. Meest genoemd:",
        "summary_none": "{question}: {base} respondenten antwoordden; geen enkel antwoord kreeg een code.",
        "nobody": "{question}: geen enkele respondent beantwoordde deze vraag.",
        "no_test": "–: geen toets (minder dan twee groepen, of de code komt in geen enkel of in elk antwoord voor).",
        "results": "Resultaten per vraag",
        "question": "Vraag",
        "code": "Code",
        "label": "Omschrijving",
        "n": "n",
        "pct": "%",
        "ci": "95%-BI",
        "base_note": "Percentage van de {base} respondenten die antwoordden, met 95%-betrouwbaarheidsinterval (Wilson). "
                     "Eén antwoord kan meerdere codes krijgen, dus de percentages tellen niet op tot 100.",
        "chart_title": "{question}: % respondenten per code met 95%-betrouwbaarheidsinterval",
        "breakdowns": "Verschillen tussen groepen",
        "breakdown_title": "{question} naar {variable}",
        "breakdown_note": "Kolompercentages: het aandeel respondenten in elke groep dat de code kreeg. "
                          "p: Holm-gecorrigeerde p-waarde van de chi-kwadraattoets (of Fisher exact bij kleine aantallen); "
                          "* p < 0,05, ** p < 0,01, *** p < 0,001.",
        "group_base": "n = {n}",
        "missing_group": "{group}: de {n} respondent(en) die antwoordden maar geen waarde hebben voor {variable} "
                         "(niet in de toets).",
        "breakdown_note_interviews": "Kolompercentages: het aandeel interviews in elke groep met de code. p: "
                                     "Holm-gecorrigeerde p-waarde van de chi-kwadraattoets (of Fisher exact bij kleine "
                                     "aantallen); * p < 0,05, ** p < 0,01, *** p < 0,001.",
        "missing_group_interviews": "{group}: de {n} interview(s) zonder waarde voor {variable} (niet in de toets).",
        "test": "p (Holm)",
        "quotes": "Citaten",
        "quotes_intro": "Tot {n} citaten per code; de woorden die de code deden toekennen zijn gemarkeerd.",
        "quotes_pseudo": " Namen, adressen, telefoonnummers en andere gegevens die iemand kunnen identificeren zijn vervangen door [NAAM], [ADRES] enz.",
        "quotes_none": "Geen gecodeerde antwoorden.",
        "quote_of": "{unit}, {question}",
        "themes": "Voorgestelde thema's buiten het codeboek",
        "themes_intro": "Thema's die qualkit in de antwoorden vond (BERTopic). Het zijn suggesties: lees de citaten voor u ze als code opneemt.",
        "theme_size": "{n} fragmenten",
        "theme_new": "nieuw",
        "theme_keywords": "Kernwoorden",
        "agreement": "Overeenstemming tussen codeurs",
        "agreement_intro": "{units} eenheden gecodeerd door {coders} codeurs ({names}). "
                           "Krippendorffs alfa met {boot}; ≥ 0,800 betrouwbaar, ≥ 0,667 alleen voorlopige conclusies.",
        "agr_units": "Eenheden",
        "agr_coders": "Codeurs",
        "agr_percent": "% overeenstemming",
        "agr_kappa": "Cohens kappa",
        "agr_alpha": "Krippendorffs alfa",
        "agr_verdict": "Oordeel",
        "agr_all": "(alle codes)",
        "methods": "Methode",
        "methods_intro": "Deze tekst beschrijft de analyse en kan in een verslag of artikel worden overgenomen.",
        "run_inputs": "Invoer",
        "run_codebook": "Codeboek",
        "run_pipeline": "Taalmodel",
        "run_date": "Datum",
        "run_version": "qualkit-versie",
        "run_unit": "Codeereenheid",
        "unit_sentence": "zin",
        "unit_segment": "heel antwoord",
        "uncoded": "geen code",
        "no_data": "Geen gegevens.",
        "more_groups": "Alleen de eerste {n} groepen worden getoond.",
        "figure_alt": "Staafdiagram",
        "heatmap_alt": "Warmtekaart",
        # transcripts: interviews, turns and speakers, never respondents
        "results_transcript": "Codes in de interviews",
        "card_speakers": "sprekers gecodeerd",
        "card_turns": "beurten gecodeerd",
        "summary_intro_transcript": "Per code het aantal gecodeerde fragmenten en in hoeveel interviews en bij hoeveel "
                                    "sprekers de code voorkomt.",
        "summary_transcript": "{docs} interviews, {turns} beurten van {speakers} sprekers gecodeerd. Meest voorkomend:",
        "summary_none_transcript": "{docs} interviews gecodeerd; geen enkel fragment kreeg een code.",
        "top_transcript": "{segments} fragmenten in {docs} van {base} interviews, bij {speakers} sprekers",
        "col_segments": "Fragmenten",
        "col_docs": "Interviews",
        "col_docs_pct": "% interviews",
        "col_speakers": "Sprekers",
        "base_note_transcript": "Fragmenten: gecodeerde eenheden ({unit}) met de code. Interviews: de {base} "
                                "interviews waarin de code minstens één keer voorkomt, met 95%-betrouwbaarheidsinterval "
                                "(Wilson); sprekers: de {speakers} gecodeerde sprekers met minstens één fragment met de "
                                "code. Een fragment kan meerdere codes krijgen.",
        "chart_title_transcript": "Gecodeerde fragmenten per code",
        "matrix": "Codes per interview",
        "matrix_intro": "Aantal gecodeerde fragmenten per code en interview (alle cijfers: by_document.csv; per "
                        "spreker: by_speaker.csv).",
        "matrix_title": "Gecodeerde fragmenten per code en interview",
        "matrix_more": "Alleen de eerste {n} van {total} interviews worden getoond; by_document.csv heeft ze allemaal.",
        "cooccurrence": "Codes die samen voorkomen",
        "cooccurrence_intro": "Aantal fragmenten met beide codes; op de diagonaal het aantal fragmenten met de code. "
                              "De tooltip geeft ook de Jaccard-index (fragmenten met beide codes / fragmenten met "
                              "minstens één van de twee) en het aantal interviews met beide codes (cooccurrence.csv).",
        "cooccurrence_title": "Fragmenten met beide codes",
        "cooccurrence_tip": "{a} en {b}: {n} fragmenten samen (Jaccard {j}); {docs} interviews met beide",
        "speakers": "Wie werd gecodeerd",
        "speakers_intro": "{coded} sprekers werden gecodeerd. Niet gecodeerd: {skipped}.",
        "speakers_none_skipped": "geen",
        "col_speaker": "Spreker",
        "col_turns": "Gecodeerde beurten",
        "col_skipped": "Niet gecodeerd",
        "speakers_more": "Alleen de eerste {n} van {total} sprekers worden getoond; speakers.csv heeft ze allemaal.",
        "breakdown_title_transcript": "Codes naar {variable}",
        "breakdown_note_transcript": "Per groep het aandeel van de gecodeerde beurten met de code (tussen haakjes: "
                                     "beurten met de code / beurten). Zonder toets: beurten van eenzelfde spreker "
                                     "of interview zijn niet onafhankelijk.",
        "group_turns": "{n} beurten",
        "missing_speaker_group": "(onbekend)",
        "quotes_intro_transcript": "Tot {n} citaten per code, verspreid over de interviews, met de beurt ervoor "
                                   "(meestal de vraag); de woorden die de code deden toekennen zijn gemarkeerd.",
        "place": "Interview {doc}, beurt {turn}",
        "document": "interview",
        "speaker": "spreker",
    },
    "en": {
        "title": "Results: {name}",
        "generated": "Made with qualkit {version} on {date}",
        "contents": "Contents",
        "summary": "Summary",
        "card_units_survey": "respondents",
        "card_units_transcript": "interviews",
        "card_questions": "questions",
        "card_codes": "codes in the codebook",
        "card_codings": "codings (a code on a segment)",
        "summary_intro": "For each question the codes that occur most, as a percentage of the respondents who answered it.",
        "summary_q": "{question}: {base} respondents answered. Mentioned most:",
        "summary_none": "{question}: {base} respondents answered; no answer got a code.",
        "nobody": "{question}: no respondent answered this question.",
        "no_test": "–: no test (fewer than two groups, or the code is in no answer or in every answer).",
        "results": "Results per question",
        "question": "Question",
        "code": "Code",
        "label": "Label",
        "n": "n",
        "pct": "%",
        "ci": "95% CI",
        "base_note": "Percentage of the {base} respondents who answered, with 95% confidence interval (Wilson). "
                     "An answer can get several codes, so the percentages need not add up to 100.",
        "chart_title": "{question}: % of respondents per code with 95% confidence interval",
        "breakdowns": "Differences between groups",
        "breakdown_title": "{question} by {variable}",
        "breakdown_note": "Column percentages: the share of respondents in each group who got the code. "
                          "p: Holm-adjusted p value of the chi-square test (or Fisher's exact test for small counts); "
                          "* p < .05, ** p < .01, *** p < .001.",
        "group_base": "n = {n}",
        "missing_group": "{group}: the {n} respondent(s) who answered but have no value for {variable} "
                         "(not in the test).",
        "breakdown_note_interviews": "Column percentages: the share of interviews in each group with the code. p: "
                                     "Holm-adjusted p value of the chi-square test (or Fisher's exact test for small "
                                     "counts); * p < .05, ** p < .01, *** p < .001.",
        "missing_group_interviews": "{group}: the {n} interview(s) without a value for {variable} (not in the test).",
        "test": "p (Holm)",
        "quotes": "Quotes",
        "quotes_intro": "Up to {n} quotes per code; the words that triggered the code are highlighted.",
        "quotes_pseudo": " Names, addresses, phone numbers and other details that could identify someone are replaced by [NAME], [ADDRESS] etc.",
        "quotes_none": "No coded answers.",
        "quote_of": "{unit}, {question}",
        "themes": "Suggested themes beyond the codebook",
        "themes_intro": "Themes qualkit found in the answers (BERTopic). They are suggestions: read the quotes before adding one as a code.",
        "theme_size": "{n} segments",
        "theme_new": "new",
        "theme_keywords": "Keywords",
        "agreement": "Intercoder agreement",
        "agreement_intro": "{units} units coded by {coders} coders ({names}). "
                           "Krippendorff's alpha with {boot}; ≥ .800 reliable, ≥ .667 tentative conclusions only.",
        "agr_units": "Units",
        "agr_coders": "Coders",
        "agr_percent": "% agreement",
        "agr_kappa": "Cohen's kappa",
        "agr_alpha": "Krippendorff's alpha",
        "agr_verdict": "Verdict",
        "agr_all": "(all codes)",
        "methods": "Methods",
        "methods_intro": "This text describes the analysis and can be pasted into a report or paper.",
        "run_inputs": "Inputs",
        "run_codebook": "Codebook",
        "run_pipeline": "Language pipeline",
        "run_date": "Date",
        "run_version": "qualkit version",
        "run_unit": "Coding unit",
        "unit_sentence": "sentence",
        "unit_segment": "whole answer",
        "uncoded": "uncoded",
        "no_data": "No data.",
        "more_groups": "Only the first {n} groups are shown.",
        "figure_alt": "Bar chart",
        "heatmap_alt": "Heat map",
        # transcripts: interviews, turns and speakers, never respondents
        "results_transcript": "Codes in the interviews",
        "card_speakers": "speakers coded",
        "card_turns": "turns coded",
        "summary_intro_transcript": "For each code the coded segments, and in how many interviews and for how many "
                                    "speakers it occurs.",
        "summary_transcript": "{docs} interviews, {turns} turns by {speakers} speakers coded. Occurring most:",
        "summary_none_transcript": "{docs} interviews coded; no segment got a code.",
        "top_transcript": "{segments} segments in {docs} of {base} interviews, {speakers} speakers",
        "col_segments": "Segments",
        "col_docs": "Interviews",
        "col_docs_pct": "% interviews",
        "col_speakers": "Speakers",
        "base_note_transcript": "Segments: coded units ({unit}) with the code. Interviews: of the {base} interviews, "
                                "those where the code occurs at least once, with 95% confidence interval (Wilson); "
                                "speakers: of the {speakers} speakers coded, those with at least one segment with the "
                                "code. A segment can get several codes.",
        "chart_title_transcript": "Coded segments per code",
        "matrix": "Codes per interview",
        "matrix_intro": "Coded segments per code and interview (all figures: by_document.csv; per speaker: "
                        "by_speaker.csv).",
        "matrix_title": "Coded segments per code and interview",
        "matrix_more": "Only the first {n} of {total} interviews are shown; by_document.csv has them all.",
        "cooccurrence": "Codes that occur together",
        "cooccurrence_intro": "Segments with both codes; on the diagonal the segments with the code. The tooltip also "
                              "gives the Jaccard index (segments with both codes / segments with either) and the "
                              "interviews with both codes (cooccurrence.csv).",
        "cooccurrence_title": "Segments with both codes",
        "cooccurrence_tip": "{a} and {b}: {n} segments together (Jaccard {j}); {docs} interviews with both",
        "speakers": "Who was coded",
        "speakers_intro": "{coded} speakers were coded. Not coded: {skipped}.",
        "speakers_none_skipped": "none",
        "col_speaker": "Speaker",
        "col_turns": "Turns coded",
        "col_skipped": "Not coded",
        "speakers_more": "Only the first {n} of {total} speakers are shown; speakers.csv has them all.",
        "breakdown_title_transcript": "Codes by {variable}",
        "breakdown_note_transcript": "Per group the share of its coded turns with the code (in brackets: turns with "
                                     "the code / turns). No test: turns of one speaker or interview are not "
                                     "independent.",
        "group_turns": "{n} turns",
        "missing_speaker_group": "(missing)",
        "quotes_intro_transcript": "Up to {n} quotes per code, spread over the interviews, with the turn before "
                                   "(usually the question); the words that triggered the code are highlighted.",
        "place": "Interview {doc}, turn {turn}",
        "document": "interview",
        "speaker": "speaker",
    },
}

METHODS = {
    "nl": {
        "coding": "De open antwoorden op {questions} ({bases}) werden gecodeerd met het codeboek "
                  "\u201c{codebook}\u201d versie {version} ({n_codes} codes; SHA-256 {sha}) in qualkit {qualkit} "
                  "op {date}. De codering gebeurde met regels: elke code heeft woorden (lemma's), woordgroepen, "
                  "jokertekens of reguliere expressies die in een {unit} moeten voorkomen, met taalverwerking door "
                  "{pipeline}.",
        "transcript": "{docs} interviews ({turns} beurten van {speakers} sprekers) werden gecodeerd met het "
                      "codeboek \u201c{codebook}\u201d versie {version} ({n_codes} codes; SHA-256 {sha}) in qualkit "
                      "{qualkit} op {date}. De codering gebeurde met regels (woorden, woordgroepen, jokertekens, "
                      "reguliere expressies) per {unit}, met taalverwerking door {pipeline}.",
        "negation": "Een treffer telde niet wanneer een ontkenning ({cues}) tot {window} woorden ervoor of {after} "
                    "woorden erna in hetzelfde zinsdeel stond.",
        "negation_which": "Zo werd gecodeerd voor {on}.",
        "negation_off": "Voor {off} speelde een ontkenning geen rol (negation: false).",
        "negation_mixed": "Voor {mixed} gold de ontkenning alleen voor een deel van de regels.",
        "negation_none": "Ontkenningen werden niet in rekening gebracht (negation: false voor alle codes).",
        "exclusion": "Uitsluitingsregels: {rules}. Een {unit} waarin zo'n uitsluiting voorkwam, kreeg de code niet.",
        "pipeline_model": "het spaCy-taalmodel {name}",
        "pipeline_fallback": "spaCy zonder statistisch taalmodel ({name}): lemma's uit opzoektabellen en zinnen "
                             "volgens leestekens",
        "transcript_counting": "Per code tellen we de gecodeerde fragmenten (een {unit} met de code telt één keer "
                               "per code), de interviews en de sprekers met de code. Percentages zijn berekend op de "
                               "{docs} gecodeerde interviews; 95%-betrouwbaarheidsintervallen zijn "
                               "Wilson-scoreintervallen.",
        "skipped": "Niet gecodeerd werden de beurten van {skipped}.",
        "talk_breakdown": "De verdeling naar {variables} toont per groep het aandeel gecodeerde beurten met de code, "
                          "zonder toets.",
        "counting": "Een respondent telt één keer per code, ongeacht hoe vaak de code in het antwoord voorkwam. "
                    "Percentages zijn berekend op de respondenten die de vraag beantwoordden; 95%-"
                    "betrouwbaarheidsintervallen zijn Wilson-scoreintervallen.",
        "crosstab": "Verschillen naar {variables} werden per code getoetst met de chi-kwadraattoets van Pearson, "
                    "of met de exacte toets van Fisher bij verwachte aantallen onder 5 in een 2 \u00d7 2-tabel; "
                    "de p-waarden zijn per vraag gecorrigeerd volgens Holm.",
        "agreement": "De betrouwbaarheid werd nagegaan op {units} eenheden die door {coders} codeurs werden "
                     "gecodeerd, met procentuele overeenstemming, Cohens kappa en Krippendorffs alfa ({boot}).",
        "themes": "Om thema's buiten het codeboek op te sporen werden de antwoorden geclusterd met BERTopic; "
                  "de voorgestelde thema's werden niet automatisch als code toegekend.",
        "pseudo": "Citaten werden gepseudonimiseerd: namen, e-mailadressen, telefoonnummers, "
                  "rijksregisternummers, IBAN-nummers en adressen werden vervangen door een plaatshouder.",
        "and": "en",
        "bootstrap": "bootstrap-95%-interval uit {n} steekproeven",
        "no_bootstrap": "zonder bootstrap-interval",
    },
    "en": {
        "coding": "The open answers to {questions} ({bases}) were coded with the codebook \u201c{codebook}\u201d "
                  "version {version} ({n_codes} codes; SHA-256 {sha}) in qualkit {qualkit} on {date}. Coding was "
                  "rule-based: each code has words (lemmas), phrases, wildcards or regular expressions that must "
                  "occur in a {unit}, with language processing by {pipeline}.",
        "transcript": "{docs} interviews ({turns} turns by {speakers} speakers) were coded with the codebook "
                      "\u201c{codebook}\u201d version {version} ({n_codes} codes; SHA-256 {sha}) in qualkit "
                      "{qualkit} on {date}. Coding was rule-based (words, phrases, wildcards, regular expressions) "
                      "per {unit}, with language processing by {pipeline}.",
        "negation": "A match did not count when a negation ({cues}) stood up to {window} words before it or "
                    "{after} words after it in the same clause.",
        "negation_which": "This applied to {on}.",
        "negation_off": "For {off} a negation did not cancel a match (negation: false).",
        "negation_mixed": "For {mixed} negation applied to some of the rules only.",
        "negation_none": "Negations were not taken into account (negation: false for every code).",
        "exclusion": "Exclusion rules: {rules}. A {unit} in which such an exclusion occurred did not get the code.",
        "pipeline_model": "the spaCy language model {name}",
        "pipeline_fallback": "spaCy without a statistical language model ({name}): lemmas from lookup tables and "
                             "sentences split at punctuation",
        "transcript_counting": "For each code we count the coded segments (a {unit} with the code counts once per "
                               "code), the interviews and the speakers with the code. Percentages are of the {docs} "
                               "interviews coded; 95% confidence intervals are Wilson score intervals.",
        "skipped": "The turns of {skipped} were not coded.",
        "talk_breakdown": "The breakdown by {variables} shows, per group, the share of coded turns with the code, "
                          "without a test.",
        "counting": "A respondent counts once per code, however often the code occurred in the answer. "
                    "Percentages are of the respondents who answered the question; 95% confidence intervals "
                    "are Wilson score intervals.",
        "crosstab": "Differences by {variables} were tested per code with Pearson's chi-square test, or Fisher's "
                    "exact test when an expected count in a 2 \u00d7 2 table was below 5; p values were "
                    "Holm-adjusted per question.",
        "agreement": "Reliability was assessed on {units} units coded by {coders} coders, with percent agreement, "
                     "Cohen's kappa and Krippendorff's alpha ({boot}).",
        "themes": "To find themes beyond the codebook, the answers were clustered with BERTopic; suggested themes "
                  "were not applied as codes automatically.",
        "pseudo": "Quotes were pseudonymised: names, e-mail addresses, phone numbers, national register numbers, "
                  "IBANs and street addresses were replaced by a placeholder.",
        "and": "and",
        "bootstrap": "bootstrap 95% interval from {n} resamples",
        "no_bootstrap": "without a bootstrap interval",
    },
}


def strings(lang: str) -> dict[str, str]:
    """The report's fixed strings in ``lang``."""
    return STRINGS[check_lang(lang)]


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise AnalysisError(603, language=lang)
    return lang


def choose_lang(codebook_lang: str | None, lang: str | None = None) -> str:
    """``lang`` when given, else the codebook's language when the report has it, else English."""
    if lang:
        return check_lang(lang)
    return codebook_lang if codebook_lang in LANGS else "en"


_ONE = {"interviews": "interview", "beurten": "beurt", "sprekers": "spreker", "fragmenten": "fragment",
        "coderingen": "codering", "turns": "turn", "speakers": "speaker", "segments": "segment", "codings": "coding",
        "codes": "code", "sources": "source"}
_NOUN = re.compile(r"(?<![\d.,/])\b1 (" + "|".join(_ONE) + r")\b")
_VERB = re.compile(r"(?<![\d.,/])\b1 (interview|spreker|speaker)( \([^()]*\))? (werden|were)\b")


def singular(text: str) -> str:
    """A counted sentence with ``1 interviews``, ``1 sprekers werden`` ... in the singular
    (``1/1 interviews`` is left as it is).

    >>> singular("1 interviews (12 turns by 1 speakers) were coded; 11 interviews, 1 turns")
    '1 interview (12 turns by 1 speaker) was coded; 11 interviews, 1 turn'
    >>> singular("1 sprekers werden gecodeerd, 2,1 fragmenten")
    '1 spreker werd gecodeerd, 2,1 fragmenten'
    """
    text = _NOUN.sub(lambda m: "1 " + _ONE[m.group(1)], text)
    return _VERB.sub(lambda m: f"1 {m.group(1)}{m.group(2) or ''} {'werd' if m.group(3) == 'werden' else 'was'}", text)


def join(items: list[str], lang: str) -> str:
    """``a, b and c`` in ``lang``.

    >>> join(["Q23", "Q24", "Q25"], "nl")
    'Q23, Q24 en Q25'
    """
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {METHODS[lang]['and']} " + items[-1]


def number(x: float, lang: str, digits: int = 1) -> str:
    """A number with the language's decimal sign: ``45,2`` in Dutch.

    >>> number(45.25, "nl"), number(0.5, "en", 3)
    ('45,2', '0.500')
    """
    s = f"{x:.{digits}f}"
    return s.replace(".", ",") if lang == "nl" else s
