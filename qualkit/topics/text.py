"""Words that never make a theme: stop words, fillers, procedure, numbers, names; and languages.

* :func:`stop_words` - spaCy's stop words for the language plus qualkit's lists of
  spoken fillers (``eh, uhm, hoor, zeg maar, you know, kind of``), politeness and
  meeting procedure (``voorzitter, collega, mijnheer, minister, applaus,
  spreektijd, vraag, antwoord, dank``), number words and units, with their lemmas.
* :func:`names` - person names in a corpus: every part of a speaker's name,
  words right after a form of address (``mijnheer Ronse``, ``Mr Smith``) or a
  sign-off (``groeten, tom``), words written with a capital nearly everywhere they
  occur mid-sentence, and capitalised words next to a name (``Tom`` in ``Tom Peeters``):
  acronyms such as ``NMBS`` stay (they name organisations, not people).
* :func:`detect_language` - which language a text is in, from its share of each
  language's stop words (spaCy's lists; no model, no download).

>>> "applaus" in stop_words("nl") and "um" in stop_words("en")
True
>>> detect_language("Merci beaucoup, monsieur le ministre, pour votre réponse.")
'fr'
"""
from __future__ import annotations

import ast
import importlib.util
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Sequence

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
LANGUAGES = ("nl", "en", "fr", "de", "es", "it", "pt", "tr", "pl")
"""Languages :func:`detect_language` tells apart: the first four by the stop words no other one
has; the others (answers in a migrant's language are common in Flemish surveys) by those none of
the first four has, so a Spanish or Turkish answer is set apart, not read as Dutch."""
CORE = 4

FILLERS = {
    "nl": """eh ehm euh uh uhm hm hmm mm mhm ah oh ja jaja jawel nee neen oké ok okay hoor eigenlijk gewoon
        zeg zeggen allez enfin awel ge gij toch nou effe even echt zeker natuurlijk inderdaad precies sowieso
        ofzo zoiets soort ding dingen iets beetje heel erg vrij best nogal misschien denk denken vind vinden
        weet weten gaan komen doen maken hebben krijgen geven zien kijken staan zitten liggen laten mogen
        willen moeten kunnen zullen worden vooral bijvoorbeeld uiteraard duidelijk goed fijn mooi leuk
        ding zaak kwestie manier keer feit vlak punt kant deel geval mens men iedereen niemand soms vaak
        helaas altijd nooit meestal gelukkig jammer trouwens overigens eens ineens nodig proberen
        bepaald specifiek verschillend stellen zetten brengen nemen houden dergelijk zulk belangrijk
        via amai allee voilà tja goh hè hé wauw oei ocharme zulle zenne ewa
        vandaag gisteren morgen eergisteren overmorgen straks zonet onlangs binnenkort vorig volgend huidig""",
    "en": """um umm uh uhm erm er ah oh hmm mm mhm yeah yes yep yup no nope okay ok alright right like well
        so just really actually basically literally kind sort kinda sorta maybe perhaps pretty stuff thing
        things lot lots bit guess mean know think say said says go going goes get gets got gonna wanna want
        sure exactly definitely probably obviously certainly interesting cool great good nice fine awesome
        repeat question questions answer thank thanks please sorry hello hi bye zoom mic microphone hear
        recording interview interviewer participant way time times something anything everything nothing
        somebody someone anyone everyone people person guy guys thing make made use used look looking
        feel felt tell told talk talking come coming often sometimes always never sadly honestly again
        today still indeed now anyway need needs needed try tries tried trying especially little able
        usually generally certain particular specific different deal put take bring keep such important
        yesterday tomorrow recently soon lately previous next current hey wow gotcha amazing absolutely
        totally huh oops""",
    "fr": """euh ben bah hein bon voilà quoi donc alors enfin oui non merci monsieur madame mesdames messieurs
        collègue collègues ministre président présidente question réponse applaudissements""",
    "de": "äh ähm hm ja nein also halt eben mal genau danke bitte herr frau",
}
"""Spoken fillers and empty words: what people say while thinking, not what they talk about
(also light verbs, vague adjectives and words that only place a thing in time)."""

PROCEDURE = {
    "nl": """voorzitter voorzitster collega collega's mijnheer meneer mevrouw heer dame dames heren juffrouw
        minister ministers premier vicepremier staatssecretaris kamerlid kamerleden excellentie fractie
        applaus applaudissements gelach hilariteit spreektijd repliek repliektijd replica maidenspeech
        spreker sprekers zitting vergadering agenda vragenuurtje debat interpellatie kamer vraag vragen
        antwoord antwoorden dank danken bedankt bedanken dankjewel dankuwel merci graag alstublieft
        alsjeblieft welkom woord aandacht uiteenzetting tussenkomst vragenronde vragensessie vraagsteller
        reglement""",
    "en": """chair chairman chairwoman mr mrs ms miss dr sir madam applause laughter minister speaker
        colleague colleagues honourable honorable member members house floor""",
    "fr": "", "de": "",
}
"""Politeness and meeting procedure: how people address each other, not what about."""

NUMBERS = {
    "nl": """nul een één twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien
        twintig dertig veertig vijftig zestig zeventig tachtig negentig honderd duizend miljoen miljard
        eerste tweede derde vierde vijfde laatste helft procent percent euro eur cent jaar jaren maand
        maanden week weken dag dagen uur uren minuut minuten seconde seconden keer cijfer cijfers aantal
        getal getallen per tal""",
    "en": """zero one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
        hundred thousand million billion first second third fourth fifth last half percent per cent euro
        euros dollar dollars year years month months week weeks day days hour hours minute minutes
        seconds number numbers""",
    "fr": "un une deux trois quatre cinq six sept huit neuf dix cent mille million milliard euro euros",
    "de": "",
}
"""Number words and units: they count, they do not name a theme."""

ADDRESS = frozenset("""mijnheer meneer mevrouw heer collega minister premier vicepremier staatssecretaris voorzitter
    burgemeester dokter mr mrs ms miss dr sir madam professor prof monsieur madame""".split())
"""Words after which a capitalised word is a person's name."""
SIGN_OFF = frozenset("""groeten groetjes groet mvg gr regards cheers sincerely""".split())
"""Words after which the next word is a person's name, written with a capital or not (``groeten, tom``)."""
PARTICLES = frozenset("de den der ten ter le la du di da del".split())
"""Name particles between a form of address and a surname ("mevrouw de Moor"; not "van": "minister van Justitie")."""
PLACE_MARKS = frozenset("de het een in naar uit the a an to from le la les en au aux im nach aus".split())
"""Articles and prepositions of place: a capitalised word after one ("in Griekenland", "de Europese
Commissie", "the Netherlands") names a place, a body or a people, not a person."""


def stop_words(language: str, lemmatize: Callable[[str], str] | None = None,
               extra: Iterable[str] = ()) -> frozenset[str]:
    """spaCy's stop words for ``language`` plus fillers, procedure, numbers and units,
    and ``extra`` (a user's own list), in lower case, with their lemmas when
    ``lemmatize`` (a word -> lemma function) is given."""
    words = set(_spacy_stops(language))
    for table in (FILLERS, PROCEDURE, NUMBERS):
        words |= set(table.get(language, "").split())
    words |= SIGN_OFF   # "groeten, tom": the greeting names no theme
    words |= {" ".join(w.lower().split()) for w in extra if w and w.strip()}
    if lemmatize is not None:   # a phrase by the lemmas of its words: "zwarte geld" hides "zwart geld"
        words |= {" ".join(lemmatize(p) for p in w.split()) for w in list(words)}
    return frozenset(w for w in words if w)


@lru_cache(maxsize=8)
def _spacy_stops(language: str) -> frozenset[str]:
    """spaCy's STOP_WORDS for ``language``, parsed from its ``stop_words.py`` alone (the string in
    its ``STOP_WORDS`` assignment): importing ``spacy.lang.fr`` would compile
    its tokenizer exceptions, seconds of CPU for a word list."""
    spec = importlib.util.find_spec("spacy.lang")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / language / "stop_words.py"
        if path.is_file():
            tree = ast.parse(path.read_text(encoding="utf-8"))
            words = next((n.value for node in tree.body if isinstance(node, ast.Assign)
                          and any(getattr(t, "id", "") == "STOP_WORDS" for t in node.targets)
                          for n in ast.walk(node.value) if isinstance(n, ast.Constant) and isinstance(n.value, str)),
                         "")
            return frozenset(w.lower() for w in words.split())
    return frozenset()


@lru_cache(maxsize=1)
def _profiles() -> dict[str, frozenset[str]]:
    """Each language's stop words that no other language in :data:`LANGUAGES` shares (for the
    languages after the first four: that none of those four shares)."""
    sets = {lang: _spacy_stops(lang) | set(FILLERS.get(lang, "").split()) for lang in LANGUAGES}
    core = LANGUAGES[:CORE]
    return {lang: frozenset(s - set().union(*(o for k, o in sets.items() if k != lang and (lang in core or k in core))))
            for lang, s in sets.items()}


def detect_language(text: str, min_words: int = 4) -> str | None:
    """The language of ``text`` (one of :data:`LANGUAGES`) by its share of each language's
    own stop words, or None when it has fewer than ``min_words`` of them or no clear winner."""
    counts = Counter()
    profiles = _profiles()
    for w in WORD.findall(text.lower()):
        for lang, words in profiles.items():
            if w in words:
                counts[lang] += 1
    if sum(counts.values()) < min_words:
        return None
    (best, n), *rest = counts.most_common() + [("", 0)]
    return best if n >= 2 * rest[0][1] else None


def names(texts: Iterable[str], speakers: Iterable[str] = (), min_count: int = 2,
          share: float = 0.9) -> frozenset[str]:
    """Lower-case words that name people in ``texts``: parts of ``speakers``, words after a
    form of address (and its name particles: "mevrouw de Moor") or a sign-off ("groeten, tom"),
    words capitalised in at least ``share`` of their (at least ``min_count``) occurrences that
    do not start a sentence, unless at least ``min_count`` of them follow a lower-case article
    or preposition of place that is not a name particle ("in Griekenland", "de Europese", but
    not "Jan de Vries"): those name places, bodies and peoples, which labels may show; and
    capitalised words (not at a sentence start) next to a name: first names before a surname.
    All-capital acronyms are kept out.

    >>> sorted(names(["Volgens mevrouw de Moor zegt Tsipras nee.", "In Griekenland zegt Tsipras ja.",
    ...               "Ze gaan naar Griekenland en Tsipras wacht.", "Mevrouw de Moor uit Griekenland."]))
    ['moor', 'tsipras']
    >>> sorted(names(["Ik ben Tom Peeters en ik wil meer personeel. Groeten, tom",
    ...               "Volgens Peeters is dat zo.", "groetjes, els"]))
    ['els', 'peeters', 'tom']
    """
    out = {p.lower() for s in speakers for p in WORD.findall(s) if len(p) > 1}
    caps: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    placed: Counter[str] = Counter()
    runs: list[list[str]] = []   # capitalised words standing next to each other (no punctuation between)
    for text in texts:
        before = prev = "."
        run: list[str] = []
        for m in re.finditer(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|[.!?:;,\n]", text):
            w = m.group(0)
            if not w[0].isalpha():
                if w != ",":
                    before = prev = w
                run = _end_run(run, runs)
                continue
            low = w.lower()
            capital = w[0].isupper() and not w.isupper()
            starts_upper = w[0].isupper() and not (w.isupper() and len(w) > 1)   # not an acronym (NMBS); "I" is
            mid = prev not in ".!?:;\n"   # a capital at a sentence start says nothing
            if prev.lower() in SIGN_OFF or capital and (prev.lower() in ADDRESS
                                                        or prev in PARTICLES and before.lower() in ADDRESS):
                out.add(low)
            elif capital and (prev in PLACE_MARKS and not (prev in PARTICLES and (before[0].isupper()
                                                                                   or before.lower() in ADDRESS))
                              or before in ".!?:;\n" and prev.lower() in PLACE_MARKS - PARTICLES):  # "In Athene"
                placed[low] += 1
            if mid:
                seen[low] += 1
                if starts_upper:
                    caps[low] += 1
            if starts_upper and mid and low not in ADDRESS:
                run.append(low)
            else:
                run = _end_run(run, runs)
            before, prev = prev, w
        _end_run(run, runs)
    out |= {w for w, n in caps.items() if seen[w] >= min_count and n >= share * seen[w] and placed[w] < min_count}
    half = {w for w, n in caps.items() if 2 * n >= seen[w] and placed[w] < min_count}   # "Tom" next to "Peeters"
    out |= {w for run in runs if len(run) <= 3 and set(run) & out for w in run if w in half}
    return frozenset(w for w in out if len(w) > 1)


def _end_run(run: list[str], runs: list[list[str]]) -> list[str]:
    if len(run) > 1:
        runs.append(run)
    return []


def mask_names(text: str, names_: frozenset[str] | set[str], mask: str = "[…]") -> str:
    """``text`` with every word that is one of ``names_`` (lower case) replaced by ``mask``:
    a quote that goes into a code stub, and so into a codebook that is shared, names no one.

    >>> mask_names("Ik ben Tom Peeters. Groeten, tom", {"tom", "peeters"})
    'Ik ben […] […]. Groeten, […]'
    """
    return WORD.sub(lambda m: mask if m.group(0).lower() in names_ else m.group(0), text)


def clean_terms(terms: Sequence[str], stops: frozenset[str] | set[str], names_: frozenset[str] | set[str]) -> list[str]:
    """``terms`` without any that is, or has a word that is, a stop word or a name (order kept)."""
    out = []
    for t in terms:
        words = t.lower().split()
        if words and " ".join(words) not in stops and not any(w in stops or w in names_ or len(w) < 2 for w in words):
            out.append(t)
    return out
