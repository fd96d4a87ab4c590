"""Dutch without the model (#18): lemma forms, split verbs, compounds with a word check,
negation you can see, list items as units, spans kept as offsets."""
from __future__ import annotations

import pytest

from conftest import shared
from qualkit.codebook import loads
from qualkit import code_corpus
from qualkit.coding.examples import check_examples
from qualkit.types import parse_spans

from test_coding import book, coded, corpus_of


@pytest.mark.parametrize("written", ["aannemen", "aan_nemen", "neemt aan"])
def test_lemma_rule_matches_inflected_and_separated_forms(nl, written):
    texts = ("Het voorstel werd aangenomen.",            # participle, one word
             "De Kamer neemt het voorstel morgen aan.",  # split: particle at the end of the clause
             "Ze weigeren het voorstel aan te nemen.",   # particle + te + infinitive
             "Als ze het voorstel aannemen, volgt er meer.",
             "Hij neemt de trein aan de kust.")          # 'aan de kust' is a preposition: no split verb
    assert coded(f"      - lemma: {written}", *texts, nlp=nl) == [True, True, True, True, False]


def test_inflected_rule_word_and_known_simplemma_errors(nl):
    # the rule may be written in any form; the text in any form
    assert coded("      - lemma: huisartsen", "De huisarts belt.", "Twee huisartsen.", nlp=nl) == [True, True]
    # simplemma alone reads 'fiets' as the verb 'fietsen' and 'zitten' as the noun 'zit'
    assert nl.lemma_of("fiets") == "fiets" and nl.lemma_of("zitten") == "zitten"
    assert nl.lemma_of("krijgsgevangenen") == "krijgsgevangene"
    assert coded("      - lemma: zitten", "Ze zat thuis.", "Ze zitten thuis.", nlp=nl) == [True, True]


def test_split_verb_offsets_cover_both_parts(nl):
    cb = loads(book("      - lemma: aanspreken"))
    c = corpus_of("Ze durven hem er niet op aan te spreken. Ik spreek hem morgen aan.")
    res = code_corpus(c, cb, nl)
    doc = c.documents[res.codings.doc_id.iloc[0]]
    pieces = [[doc[s:e] for s, e in parse_spans(v)] for v in res.codings.match_spans]
    assert pieces == [["aan", "spreken"], ["spreek", "aan"]]
    assert list(res.codings.matched) == ["aan … spreken", "spreek … aan"]


def test_compound_needs_a_word_as_the_other_part(nl):
    r = "      - lemma: {t}\n        compound: true"
    # the rest must be a word: personeel-s-tekort, huisartsen-praktijk; not zorg-vuldig, werk-elijk
    assert coded(r.format(t="personeel"), "Personeelstekort!", "Personeelsleden weg.", nlp=nl) == [True, True]
    assert coded(r.format(t="praktijk"), "De huisartsenpraktijken zijn vol.", nlp=nl) == [True]
    assert coded(r.format(t="zorg"), "Zorgvuldig werken.", "Meer thuiszorg.", nlp=nl) == [False, True]
    assert coded(r.format(t="werk"), "Werkelijk waar.", "Meer werkdruk.", nlp=nl) == [False, True]
    assert coded(r.format(t="last"), "Laster.", "De administratielast.", nlp=nl) == [False, True]


def test_codebook_exceptions(nl):
    r = "      - lemma: oor\n        compound: true"
    assert coded(r, "Naar kantoor.", "Oordoppen kopen.", nlp=nl) == [True, True]   # kant + oor: both words
    assert coded(r + "\n        exceptions: [kantoor]", "Naar kantoor.", "Oordoppen kopen.", nlp=nl) == [False, True]


@pytest.mark.parametrize("text, expected", [
    ("De vriendschap niet willen schaden.", True),        # the negation belongs to 'willen schaden'
    ("Ze durven vrienden niet aan te spreken.", True),
    ("Geen vrienden meer.", False),
    ("Vrienden zijn niet het probleem.", False),
    ("Ik wil niet dat mijn vrienden het weten.", True),    # 'dat' opens a new clause
    ("Niet alleen vrienden, ook familie.", True),         # 'niet alleen' is no negation
])
def test_negation_scope(nl, text, expected):
    assert coded("      - lemma: [vriend, vriendschap]", text, nlp=nl) == [expected]


def test_negation_keeps_the_cue_of_what_it_cancelled(nl):
    cb = loads(book("      - lemma: personeel"))
    c = corpus_of("Meer collega's. Echt geen extra personeel nodig.")
    res = code_corpus(c, cb, nl)
    assert res.codings.empty
    row = res.negated.iloc[0]
    doc = c.documents[row.doc_id]
    assert doc[row.cue_start:row.cue_end] == "geen" and doc[row.match_start:row.match_end] == "personeel"
    assert row.why == "negated by 'geen' (word 2)"


def test_codebook_check_reports_the_cue(nl):
    cb = loads(book("      - lemma: personeel",
                    code_extra="    examples: {match: [Meer personeel., We hebben geen personeel.]}"))
    fails = [c for c in check_examples(cb, nl) if not c.passed]
    assert [c.describe() for c in fails] == [
        "code 'x', examples.match[1] 'We hebben geen personeel.': should get the code; "
        "'personeel' negated by 'geen' (word 3)."]


def test_list_items_are_units(nl):
    text = "- omdat ze het geluid te veel dempen\n- omdat ze het vergeten\n- omdat anderen het niet doen"
    cb = loads(book("      - lemma: [geluid, vergeten]"))
    res = code_corpus(corpus_of(text), cb, nl)
    units = [res.corpus.documents[r.doc_id][r.unit_start:r.unit_end] for r in res.codings.itertuples()]
    assert units == ["omdat ze het geluid te veel dempen", "omdat ze het vergeten"]
    numbered = "1. Te duur\n2) Vergeten\nGeen gewoonte"
    res = code_corpus(corpus_of(numbered), loads(book("      - lemma: [duur, vergeten, gewoonte]")), nl)
    units = [res.corpus.documents[r.doc_id][r.unit_start:r.unit_end] for r in res.codings.itertuples()]
    assert units == ["Te duur", "Vergeten"]   # 'Geen gewoonte': negated


def test_wrapped_line_stays_one_sentence(nl):
    text = ("Wij hebben in ons team al jaren te weinig mensen om alle aanvragen op tijd\n"
            "af te handelen en het personeel is moe.")
    res = code_corpus(corpus_of(text), loads(book("      - lemma: personeel")), nl)
    row = res.codings.iloc[0]
    assert res.corpus.documents[row.doc_id][row.unit_start:row.unit_end] == text


def test_real_bullet_answer_is_split(nl):
    """The LimeSurvey answer of 8 lines starting with '- ' (#14): one unit per item."""
    from qualkit.ingest import read_survey

    corpus = read_survey(shared("nl-partypanel-openanswers", "pp18.1_pre2_survey_180102.csv"), id_column="id",
                         questions=["advise*", "disclose*"])
    cb = loads(book("      - lemma: [vriend, vriendin, persoon, situatie, gedrag]"))
    res = code_corpus(corpus, cb, nl)
    items = [res.corpus.documents[r.doc_id][r.unit_start:r.unit_end] for r in res.codings.itertuples()]
    listed = [s for s in corpus.segments if s.text.count("\n- ") >= 5]
    assert listed                                             # the answers written as lists are there
    assert not any(u.startswith("-") or "\n" in u for u in items)
    from_lists = [r for r in res.codings.itertuples() if r.doc_id in {s.doc_id for s in listed}]
    assert len({(r.doc_id, r.unit_start) for r in from_lists}) >= 5 and all(
        r.unit_end - r.unit_start < 150 for r in from_lists)


def test_disagreement_list_names_the_negation(tmp_path):
    """`qualkit agree`: where qualkit did not code because of a negation, the trace says which cue."""
    import pandas as pd
    from typer.testing import CliRunner

    from conftest import STAFF_ADMIN
    from qualkit.cli import app

    pd.DataFrame({"respondent": ["R1", "R2"], "Q23": ["Meer personeel aub.", "Echt geen personeel nodig."]}).to_csv(
        tmp_path / "survey.csv", index=False, sep=";")
    pd.DataFrame({"respondent": ["R1", "R2"], "personeel": [1, 1], "admin": [0, 0]}).to_csv(
        tmp_path / "student.csv", index=False, sep=";")
    (tmp_path / "cb.yaml").write_text(STAFF_ADMIN, encoding="utf-8")
    res = CliRunner().invoke(app, ["agree", str(tmp_path / "student.csv"), "--qualkit-run", str(tmp_path / "survey.csv"),
                                   "--codebook", str(tmp_path / "cb.yaml"), "--id-column", "respondent", "-q", "Q23",
                                   "--boot", "0", "--out", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    dis = pd.read_csv(tmp_path / "out" / "disagreements.csv")
    row = dis[dis.unit == "R2/Q23"].iloc[0]
    assert row["qualkit rule"] == "negated by 'geen' (word 2): personeel include[0] lemma:personeel"
    assert row["qualkit matched"] == "personeel"


def test_word_kept_whole_with_its_full_stop_still_matches(nl):
    # spaCy's Dutch tokenizer keeps abbreviations such as 'vol.', 'ing.', 'pers.' whole,
    # so a rule word at the end of a sentence was missed
    assert coded("      - lemma: vol", "De wachtzaal zit vol.", "Het zit altijd vol", nlp=nl) == [True, True]
    assert coded("      - lemma: ING", "Ik bankier bij ING.", "Geen bank", nlp=nl) == [True, False]


def test_compound_term_that_is_an_ending_does_not_match_derived_words(nl):
    # 'ing' (the bank) is also a noun ending: oploss-ing is no compound with it
    rule = "      - lemma: ING\n        compound: true"
    assert coded(rule, "Dit is een oplossing.", "De regering faalt.", "De ING-bank is duur.",
                 nlp=nl) == [False, False, True]


def test_compound_written_with_a_hyphen(nl):
    rule = "      - lemma: collega\n        compound: true"
    assert coded(rule, "Er is een collega-tekort.", "Het tekort-collega is raar", "Collega-'s", nlp=nl)[:2] == [True, True]


def test_negation_stops_at_a_full_stop_kept_inside_a_word(nl):
    # 'vol.' and 'top.' are one token each (spaCy's abbreviations): the stop still ends the clause
    texts = ("De agenda zit niet vol. Personeel is nodig.", "Wij zijn niet top. Personeel is nodig.",
             "We hebben niet genoeg personeel.")
    assert coded("      - lemma: personeel", *texts, nlp=nl) == [True, True, False]
    assert coded("      - lemma: vol", "De wachtzaal zit vol. Niet te doen.", "Niet vol", nlp=nl) == [True, False]


def test_separable_verbs_with_longer_particles(nl):
    # real headlines (nl-ecosent): 'zetten ... voort' is voortzetten, 'gaat voort' voortgaan
    import pandas as pd
    heads = pd.read_csv(shared("nl-ecosent", "metadata.csv")).headline.dropna()
    split = [h for h in heads if h.endswith(" voort") and h.split()[1] in ("zet", "zetten")]
    assert split
    assert all(coded("      - lemma: voortzetten", *split, nlp=nl))
    assert coded("      - lemma: teweegbrengen", "Dat brengt veel onrust teweeg.", "Dat brengt veel onrust.",
                 nlp=nl) == [True, False]
