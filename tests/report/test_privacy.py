"""Pseudonymising: each rule, the checksums, the placeholders, and offsets in quotes."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualkit.errors import AnalysisError
from qualkit.privacy import (
    Pseudonymiser, iban_valid, pseudonymise, pseudonymise_frame, read_names, rrn_valid,
)
from qualkit.report.quotes import kwic


@pytest.mark.parametrize("text, expected", [
    # e-mail
    ("mail an.peeters@ocmw-gent.be nu", "mail [E-MAIL] nu"),
    ("Mail: j_de.smet+werk@sub.ocmw.vlaanderen!", "Mail: [E-MAIL]!"),
    # phone numbers, Belgian and Dutch
    ("Bel 0470 12 34 56.", "Bel [TELEFOON]."),
    ("gsm 0470/12.34.56", "gsm [TELEFOON]"),
    ("Tel +32 470 12 34 56 of 0032 2 123 45 67", "Tel [TELEFOON] of [TELEFOON]"),
    ("+32 (0)2 123 45 67", "[TELEFOON]"),
    ("Kantoor 09/123.45.67!", "Kantoor [TELEFOON]!"),
    ("050 12 34 56", "[TELEFOON]"),
    ("NL 06-12345678 of +31 6 12345678 of 020-1234567", "NL [TELEFOON] of [TELEFOON] of [TELEFOON]"),
    # national register numbers (valid check numbers only; 2000+ rule)
    ("RRN 85.07.31-003.28", "RRN [RIJKSREGISTERNR]"),
    ("85073100328", "[RIJKSREGISTERNR]"),
    ("85 07 31 003 28", "[RIJKSREGISTERNR]"),
    ("kind: 05.03.12-123.60", "kind: [RIJKSREGISTERNR]"),
    ("dossier 85.07.31-003.29", "dossier 85.07.31-003.29"),
    # IBAN
    ("op BE68 5390 0754 7034 en ik", "op [IBAN] en ik"),
    ("be68539007547034 ok", "[IBAN] ok"),
    ("NL91 ABNA 0417 1643 00.", "[IBAN]."),
    # street addresses
    ("Ik woon in de Kerkstraat 12, 9000 Gent.", "Ik woon in de [ADRES]."),
    ("Brusselsesteenweg 100 bus 3", "[ADRES]"),
    ("Grote Markt 1", "[ADRES]"),
    ("Frankrijklei 5A", "[ADRES]"),
    ("Koning Albertlaan 3", "[ADRES]"),
    ("Sint-Pietersnieuwstraat 41", "[ADRES]"),
    ("Damrak 1 ligt niet aan een straat", "Damrak 1 ligt niet aan een straat"),
    ("Keizersgracht 123, 1015 CJ Amsterdam", "[ADRES]"),
    # titles + names
    ("mevrouw Van den Bossche zei", "mevrouw [NAAM] zei"),
    ("dhr. Peeters belde", "dhr. [NAAM] belde"),
    ("de heer J. Janssens kwam", "de heer [NAAM] kwam"),
    ("Mevr. El Amrani", "Mevr. [NAAM]"),
    ("dokter Willems", "dokter [NAAM]"),
    ("Mr Smith and Mrs. Jane Doe", "Mr [NAAM] and Mrs. [NAAM]"),
])
def test_rules(text, expected):
    assert pseudonymise(text) == expected


@pytest.mark.parametrize("text", [
    "Op 01/02/2024 kwamen 10 mensen.",
    "Datum 12.03.2024 om 14u.",
    "Wachtlijst van 3 maanden, 0,5 VTE extra.",
    "In 2023 werkten 12 mensen op de dienst.",
    "Na een loopbaan 20 jaar in de sector.",
    "de snelweg 3 uur lang",
    "de mevrouw van het onthaal",
    "de HR Manager is nieuw",
    "meneer zei dat het kon",
    "Telefoonnummer 0123456789012 is te lang",
    "Meer personeel en minder administratie.",
])
def test_ordinary_text_stays(text):
    assert pseudonymise(text) == text


def test_english_placeholders_and_names():
    p = Pseudonymiser("en", names=["Jan", "Anne-Marie"])
    assert p("jan saw Anne-Marie and Janssens; mail a@b.be, 0470 12 34 56") == \
        "[NAME] saw [NAME] and Janssens; mail [EMAIL], [PHONE]"
    assert pseudonymise("Kerkstraat 1 and 85073100328", lang="en") == "[ADDRESS] and [NATIONAL-ID]"


def test_checksums():
    assert rrn_valid("85073100328") and not rrn_valid("85073100329")
    assert rrn_valid("05031212360")  # born in 2005: check on 2050312123
    assert not rrn_valid("0503121236")
    assert iban_valid("BE68 5390 0754 7034") and not iban_valid("BE68 5390 0754 7035")


def test_unknown_language():
    with pytest.raises(AnalysisError, match=r"\[QK601\]"):
        Pseudonymiser("fr")


def test_frame_and_names_file(tmp_path):
    df = pd.DataFrame({"unit_id": ["R1", "R2"], "text": ["Fatima belde.", None], "n": [1, 2]})
    out = pseudonymise_frame(df, ["text", "missing"], names=["Fatima"])
    assert out["text"].tolist()[0] == "[NAAM] belde." and out["text"].isna().tolist()[1]
    assert df.loc[0, "text"] == "Fatima belde."  # the input is not changed
    f = tmp_path / "names.txt"
    f.write_text("# clients\nFatima\n\n  Jozef  # colleague\n", encoding="utf-8")
    assert read_names(f) == ["Fatima", "Jozef"]
    with pytest.raises(AnalysisError, match=r"\[QK602\]"):
        read_names(tmp_path / "absent.txt")


def test_kwic_offsets_survive_placeholders():
    unit = "Bel 0470 12 34 56 voor meer personeel, zegt mevrouw Peeters."
    s = unit.index("personeel")
    pieces = kwic(unit, [(s, s + 9)], pseudo=Pseudonymiser())
    assert pieces == [("Bel [TELEFOON] voor meer ", False), ("personeel", True), (", zegt mevrouw [NAAM].", False)]


def test_kwic_marked_identifier_is_replaced_and_marked():
    unit = "Vraag het aan mevrouw Peeters."
    s = unit.index("Peeters")
    assert kwic(unit, [(s - 8, s + 7)], pseudo=Pseudonymiser()) == \
        [("Vraag het aan ", False), ("mevrouw [NAAM]", True), (".", False)]


def test_kwic_cuts_long_units_but_not_inside_identifiers():
    unit = "woord " * 60 + "Bel 0470 12 34 56 nu. " + "meer personeel " + "woord " * 80
    s = unit.index("personeel")
    pieces = kwic(unit, [(s, s + 9)], pseudo=Pseudonymiser())
    text = "".join(t for t, _ in pieces)
    assert text.startswith("…") and text.endswith("…") and len(text) < len(unit)
    assert "0470" not in text and ("personeel", True) in pieces


WORDS = ["Meer", "personeel", "mevrouw", "Peeters", "0470 12 34 56", "an@ocmw.be", "Kerkstraat 12",
         "BE68 5390 0754 7034", "85.07.31-003.28", "en", "niet", ",", ".", "Jan"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14), st.data())
def test_kwic_pieces_are_the_pseudonymised_unit(words, data):
    """However the marks fall, the pieces put together are exactly the pseudonymised unit."""
    unit = " ".join(words)
    a = data.draw(st.integers(0, len(unit)))
    b = data.draw(st.integers(a, len(unit)))
    p = Pseudonymiser(names=["Jan"])
    pieces = kwic(unit, [(a, b)], pseudo=p)
    assert "".join(t for t, _ in pieces) == p(unit)
    assert p(p(unit)) == p(unit)
