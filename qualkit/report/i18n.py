"""Every fixed string of the HTML report, in Dutch and English.

>>> t = strings("nl")
>>> t["quotes"]
'Citaten'
>>> choose_lang(None, "en")
'en'
"""
from __future__ import annotations

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
        "card_codings": "gecodeerde fragmenten",
        "summary_intro": "Per vraag de codes die het vaakst voorkomen, als percentage van de respondenten die de vraag beantwoordden.",
        "summary_q": "{question}: {base} respondenten antwoordden. Meest genoemd:",
        "summary_none": "{question}: {base} respondenten antwoordden; geen enkel antwoord kreeg een code.",
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
        "card_codings": "coded segments",
        "summary_intro": "For each question the codes that occur most, as a percentage of the respondents who answered it.",
        "summary_q": "{question}: {base} respondents answered. Mentioned most:",
        "summary_none": "{question}: {base} respondents answered; no answer got a code.",
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
    },
}

METHODS = {
    "nl": {
        "coding": "De open antwoorden op {questions} ({bases}) werden gecodeerd met het codeboek "
                  "\u201c{codebook}\u201d versie {version} ({n_codes} codes; SHA-256 {sha}) in qualkit {qualkit} "
                  "op {date}. De codering gebeurde met regels: elke code heeft woorden (lemma's), woordgroepen, "
                  "jokertekens of reguliere expressies die in een {unit} moeten voorkomen, op basis van de "
                  "taalverwerking van spaCy ({pipeline}).",
        "transcript": "De interviewfragmenten ({bases}) werden gecodeerd met het codeboek \u201c{codebook}\u201d "
                      "versie {version} ({n_codes} codes; SHA-256 {sha}) in qualkit {qualkit} op {date}. De codering "
                      "gebeurde met regels (woorden, woordgroepen, jokertekens, reguliere expressies) per {unit}, "
                      "op basis van de taalverwerking van spaCy ({pipeline}).",
        "negation": "Een treffer telde niet wanneer een ontkenning ({cues}) tot {window} woorden ervoor of {after} "
                    "woorden erna in hetzelfde zinsdeel stond.",
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
                  "occur in a {unit}, using spaCy language processing ({pipeline}).",
        "transcript": "The interview segments ({bases}) were coded with the codebook \u201c{codebook}\u201d version "
                      "{version} ({n_codes} codes; SHA-256 {sha}) in qualkit {qualkit} on {date}. Coding was "
                      "rule-based (words, phrases, wildcards, regular expressions) per {unit}, using spaCy "
                      "language processing ({pipeline}).",
        "negation": "A match did not count when a negation ({cues}) stood up to {window} words before it or "
                    "{after} words after it in the same clause.",
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
        raise AnalysisError(603, f"unknown report language {lang!r}. Use one of: nl, en.")
    return lang


def choose_lang(codebook_lang: str | None, lang: str | None = None) -> str:
    """``lang`` when given, else the codebook's language when the report has it, else English."""
    if lang:
        return check_lang(lang)
    return codebook_lang if codebook_lang in LANGS else "en"


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
