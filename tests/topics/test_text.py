"""Stop lists, person names and language detection for themes (no model needed)."""
from __future__ import annotations

import json
from collections import Counter

from conftest import shared
from qualkit.topics.text import clean_terms, detect_language, names, stop_words


def test_stop_lists_hold_fillers_procedure_numbers_and_user_words():
    nl = stop_words("nl", extra=["Vivaldi"])
    assert {"eh", "euh", "uhm", "hoor", "eigenlijk", "voorzitter", "collega", "mijnheer", "mevrouw", "minister",
            "applaus", "spreektijd", "vraag", "antwoord", "dank", "vijf", "procent", "vivaldi"} <= nl
    # time words and light verbs seen in real labels and stub rules ("directie, werknemer, ... gisteren")
    assert {"gisteren", "vandaag", "vorig", "zetten", "dergelijk", "belangrijk"} <= nl
    assert {"yesterday", "recently", "important"} <= stop_words("en")
    assert {"um", "uh", "kind", "know", "yeah", "pretty", "repeat", "zoom", "right"} <= stop_words("en")
    assert not {"pensioen", "wachttijd", "personeel", "treinen"} & nl


def test_names_from_speakers_addresses_and_capitals():
    texts = ["Mijnheer Ronse, dank u. Ik sprak gisteren met collega Depoorter over de NMBS.",
             "De NMBS rijdt niet. Volgens Jansen moet de NMBS beter. Ook Jansen vindt dat.",
             "I talked to John about it. And then John said the build broke."]
    found = names(texts, speakers=["Frank Vandenbroucke"])
    assert {"ronse", "depoorter", "jansen", "john", "frank", "vandenbroucke"} <= found
    assert "nmbs" not in found and "mijnheer" not in found
    assert clean_terms(["nmbs", "jansen", "trein vertraging", "minister trein"], stop_words("nl"), found) == [
        "nmbs", "trein vertraging"]


def test_places_bodies_and_peoples_are_not_person_names():
    texts = ["Volgens mevrouw de Moor is de Griekse regering klaar. In Athene zegt Tsipras nee.",
             "De Grieken gaan naar Athene. Volgens Tsipras blijft Griekenland in de Europese Unie.",
             "Het geld gaat uit Athene naar Griekenland, zegt Jan de Vries. Ook Tsipras en de Europese Commissie.",
             "Minister van Justitie Verlinden sprak met minister Verlinden over de Griekse schuld en de Grieken.",
             "Volgens Jan de Vries en Tsipras zijn de Grieken moe in Griekenland. De Vries zegt dat minister de Moor wacht."]
    found = names(texts)
    assert {"tsipras", "moor", "vries", "verlinden"} <= found
    assert not {"griekse", "grieken", "griekenland", "athene", "europese"} & found


def test_language_of_real_parliament_turns():
    """The kamer turns carry a language tag (its compilers' own heuristic): where ours decides, it agrees."""
    path = shared("nl-be-kamer-plenary-qa", "plenary_questions_all.jsonl")
    pairs = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        for turn in json.loads(line)["turns"]:
            if turn["lang"] in ("nl", "fr"):
                pairs[(turn["lang"], detect_language(turn["text"]))] += 1
    decided = sum(n for (_, got), n in pairs.items() if got)
    agree = pairs[("nl", "nl")] + pairs[("fr", "fr")]
    assert decided > 0.9 * sum(pairs.values())
    assert agree / decided > 0.99
    assert detect_language("Ja.") is None
    assert detect_language("So I think the main motivation is that it gives you control over memory.") == "en"


def test_keywords_skip_near_duplicates_and_show_written_forms():
    from qualkit.topics.records import cut_quote, pick_keywords, says_more, written_forms

    # a word inside a chosen phrase, a compound's head or tail (>= 4 letters), an inflection
    assert not says_more("zieken", ["langdurig zieken"]) and not says_more("ziek", ["langdurig zieken"]) and not says_more("wassen", ["witwassen"])
    assert not says_more("witwassen", ["wassen"]) and not says_more("zorgen", ["zorg"])
    assert says_more("wit", ["witwassen"]) and says_more("geld", ["zwart"])
    got = pick_keywords([("witwassen", .9), ("wassen", .8), ("zwart", .7), ("zwart geld", .6), ("geld", .5),
                         ("fraude", .4)])
    assert got == [("witwassen", .9), ("zwart geld", .6), ("fraude", .4)]
    # written forms: most common spelling, capitals only when most uses have them
    lem = [["nmbs", "trein"], ["nmbs", "trein"], ["sociaal", "inspectie"], ["sociaal", "inspectie"]]
    wr = [["NMBS", "Treinen"], ["NMBS", "treinen"], ["Sociale", "inspectie"], ["sociale", "inspectie"]]
    shown = written_forms(["nmbs", "trein", "sociaal inspectie", "ziek"], lem, wr)
    assert shown == {"nmbs": "NMBS", "trein": "treinen", "sociaal inspectie": "sociale inspectie"}
    # a quote cut mid-sentence says so, at a word boundary; whole sentences stay as they are
    cut = cut_quote("woord " * 100, 300)
    assert cut.endswith("woord…") and len(cut) <= 301
    assert cut_quote("Een zin. " * 50, 300).endswith("zin.")


def test_keywords_are_used_together():
    import numpy as np

    from qualkit.topics.keywords import coherent, segment_terms, theme_keywords

    # "perron" is said with "trein" but never with "vertraging": once both are chosen it is not shown
    used = np.array([[1, 1, 0], [1, 1, 0], [1, 0, 1], [0, 1, 0]], dtype=bool)
    assert coherent(["trein", "vertraging", "perron"], np.array([1.0, .8, .9]), used, 3) == [0, 1]
    said_once = np.vstack([used, [[1, 1, 1]]])  # one segment says all three
    assert coherent(["trein", "vertraging", "perron"], np.array([1.0, .8, .9]), said_once, 3) == [0, 1, 2]
    # a phrase that fewer than half of a chosen word's segments use does not take the word's place
    used = np.array([[1, 1, 0], [1, 0, 1], [1, 0, 1], [1, 0, 0], [0, 0, 1]], dtype=bool)
    assert coherent(["uefi", "uefi specificatie", "firmware"], np.array([1.0, .9, .5]), used, 3) == [0, 2]
    assert coherent(["uefi", "uefi specificatie", "firmware"], np.array([1.0, .9, .5]), used[[0, 0, 1, 4]], 3) == [0, 1]
    # the candidates not shown stay for the stub's rules
    docs = ["vertraging trein"] * 3 + ["vertraging bus"] * 2 + ["perron trein"] * 2 + ["kantine koffie"] * 2
    X, terms = segment_terms(docs, set())
    kw = theme_keywords(X, terms, np.array([0] * 7 + [1, 1]), n=5, min_share=0.2)
    shown, more = [w for w, _ in kw[0].shown], [w for w, _ in kw[0].more]
    assert shown == ["vertraging trein"] and {"perron", "bus"} <= set(more) and not set(shown) & set(more)
