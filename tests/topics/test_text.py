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
