"""Hostile inputs for theme suggestion, round 5: respondents' names, a user's stop phrases,
seeds out of range, odd cache files (findings of the second hostile check)."""
from __future__ import annotations

import json
import random

import pytest
import yaml

from conftest import shared
from qualkit.topics.keywords import Terms
from qualkit.topics.text import clean_terms, names, stop_words
from topics_fixtures import answers

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")

FIRST = ["Tom", "Els", "Bram", "Sofie", "Wim", "Lotte", "An", "Piet"]
LAST = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens"]


def test_names_after_a_sign_off_and_first_names_next_to_a_surname():
    """A first name written with a capital next to a surname, and in lower case after a
    greeting, was not a name (under 90% capitalised): "Groeten piet, An, Tom" was a label."""
    texts = ["Ik ben Tom Peeters en ik wil meer personeel. Groeten, tom",
             "Volgens Peeters is dat zo. Groetjes, els", "Er is te weinig tijd. mvg an", "tom zegt ook iets"]
    found = names(texts)
    assert {"tom", "els", "an", "peeters"} <= found
    assert not {"personeel", "tijd", "zegt", "groeten", "ik"} & found


def test_names_keep_the_topic_words_of_real_parliament_turns():
    """Capitalised words next to a name are names only when mostly written with a capital:
    "Nationale Bank", "Ministerie van Defensie" do not hide "defensie" or "begroting"."""
    texts, speakers = [], set()
    for line in shared("nl-be-kamer-plenary-qa", "plenary_questions_all.jsonl").read_text(encoding="utf-8").splitlines():
        for turn in json.loads(line)["turns"]:
            texts.append(turn["text"])
            speakers.add(turn.get("speaker") or "")
    found = names(texts, speakers)
    assert not {"pensioen", "trein", "defensie", "begroting", "afspraak", "kanker", "drugs", "federale", "nmbs",
                "commissie", "plan", "index"} & found
    assert {"merkel", "zuckerberg", "vladimir"} <= found        # first found by their neighbours


def test_a_users_stop_phrase_hides_the_phrase():
    """--stop-word "open vld" (or the codebook's stop_words:) was only compared with single
    words, so the phrase itself still became a keyword and a stub rule."""
    lemma = {"zwarte": "zwart"}.get
    stops = stop_words("nl", lambda w: lemma(w, w), ["Open  VLD", "zwarte geld"])
    terms = Terms(stops)("open vld wil geen zwart geld en open grenzen")
    assert "open vld" not in terms and "zwart geld" not in terms and "open grenzen" in terms
    assert clean_terms(["open vld", "zwart geld", "open grens"], stops, frozenset()) == ["open grens"]


@pytest.mark.slow
def test_respondents_names_never_reach_labels_keywords_or_stub_rules():
    from qualkit.topics import ThemeSuggester

    rnd = random.Random(3)
    texts = []
    for i, (_, text) in enumerate(answers(per_theme=25)):
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        texts.append(f"Ik ben {first} {last} en ik vind dit: {text} Groeten, {rnd.choice(FIRST).lower()}"
                     if i % 2 else f"{text} Groetjes, {first.lower()}")
    ts = ThemeSuggester(mode="all", min_topic_size=8).fit(texts)
    people = {w.lower() for w in FIRST + LAST} | {"groeten", "groetjes", "groet"}
    assert ts.themes_
    for t in ts.themes_:
        shown = {w.lower() for term in [t.label, *t.words] for w in term.replace(",", " ").split()}
        rules = [w for r in yaml.safe_load(t.stub)[0]["include"] for ws in r.values() for w in ws]
        assert not shown & people and not {w for r in rules for w in r.split()} & people, (t.label, rules)
        examples = yaml.safe_load(t.stub)[0].get("examples", {}).get("match", [])
        assert not {w.strip(".,:").lower() for x in examples for w in x.split()} & (people - {"groeten", "groetjes"})
        assert t.label == t.label.lower() or any(w[:1].isupper() and w[1:2].isupper() for w in t.label.split())


def test_the_cache_never_writes_into_a_users_file(monkeypatch, tmp_path):
    """embeddings.sqlite as a symbolic link to a user's (empty) file, or a user's own SQLite
    database in the cache folder: the vectors went into it (the empty file became a database,
    the database got a table). Now: no cache, the user's file unchanged, the vectors the same."""
    import sqlite3

    from qualkit.topics import embed as E

    texts = ["Er is te weinig personeel op de afdeling.", "Het eten in de kantine is koud."]
    good = E.embed(texts, "use", cache=False)
    user = tmp_path / "notes.txt"
    user.write_bytes(b"")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "embeddings.sqlite").symlink_to(user)
    monkeypatch.setenv("QUALKIT_CACHE_DIR", str(tmp_path / "cache"))
    assert abs(E.embed(texts, "use") - good).max() < 1e-6
    assert user.read_bytes() == b""
    own = tmp_path / "own"
    own.mkdir()
    with sqlite3.connect(own / "embeddings.sqlite") as db:
        db.execute("CREATE TABLE survey (id INTEGER, answer TEXT)")
    before = (own / "embeddings.sqlite").read_bytes()
    monkeypatch.setenv("QUALKIT_CACHE_DIR", str(own))
    assert abs(E.embed(texts, "use") - good).max() < 1e-6
    assert (own / "embeddings.sqlite").read_bytes() == before


SPANISH = ["Creo que necesitamos más personal en los servicios sociales y menos burocracia.",
           "La carga de trabajo es demasiado alta y los salarios son bajos para el personal.",
           "Hay que reducir el papeleo porque nosotros no tenemos tiempo para los usuarios."]
TURKISH = ["Bence sosyal hizmetlerde daha fazla personele ve daha az bürokrasiye ihtiyacımız var.",
           "İş yükü çok fazla ve maaşlar personel için çok düşük, bu yüzden herkes yorgun."]


def test_answers_in_a_migrants_language_are_told_apart():
    """Spanish was read as French (or as Dutch), Turkish, Italian, Polish as Dutch: a Turkish
    minority in a Flemish survey became a theme of Turkish function words."""
    from qualkit.topics.text import detect_language

    assert [detect_language(t) for t in SPANISH] == ["es", "es", "es"]
    assert [detect_language(t) for t in TURKISH] == ["tr", "tr"]
    assert detect_language("Il carico di lavoro è troppo alto e gli stipendi sono bassi per il personale.") == "it"
    assert detect_language("Obciążenie pracą jest za duże, a pensje są za niskie dla personelu.") == "pl"
    assert detect_language("Er is te weinig personeel op de afdeling en dat is voor iedereen zwaar.") == "nl"


def test_a_spanish_corpus_is_named_as_spanish():
    from qualkit.errors import ModelError
    from qualkit.topics import ThemeSuggester

    with pytest.raises(ModelError, match=r"\[QK396\] 100% of the 60 segments are in 'es'"):
        ThemeSuggester().fit(SPANISH * 20)


@pytest.mark.slow
def test_no_keyword_or_rule_that_only_one_segment_uses():
    """Answers that share no word (each names things no one else does): the themes showed
    BERTopic's own keywords instead, words one respondent used, in alphabetical order, and
    the stubs had rules for them. Now such a theme says '(no keywords)' and its stub is a
    code to apply by hand, which a codebook loads."""
    from qualkit.codebook.io import loads
    from qualkit.topics import ThemeSuggester
    from qualkit.topics.output import stubs_yaml

    rnd = random.Random(0)
    word = lambda: "".join(rnd.choice("bdfgklmnprstvz") + rnd.choice("aeiou") for _ in range(3))  # noqa: E731
    texts = [" ".join(word() for _ in range(5)) for _ in range(60)]
    ts = ThemeSuggester(mode="all", min_topic_size=5).fit(texts)
    assert ts.themes_
    for t in ts.themes_:
        rules = [w for r in yaml.safe_load(t.stub)[0].get("include", []) for ws in r.values() for w in ws]
        for term in [*t.words, *rules]:
            assert sum(term in x for x in texts) >= 2, (t.label, term)
    assert {t.label for t in ts.themes_} == {"(no keywords)"}
    assert "no stub" in stubs_yaml(ts)     # code_stubs.yaml leaves them out; each theme's own stub is manual
    head = "name: s\nversion: '1'\nlanguage: nl\ncodes:\n"
    assert all(loads(head + "".join("  " + ln + "\n" for ln in t.stub.splitlines())).codes[0].manual
               for t in ts.themes_)
