"""Regenerate the synthetic ingest fixtures (byte-exact encodings): python make_fixtures.py

All texts are invented. Each survey variant holds the same four respondents,
each transcript variant the same four turns, so one expectation serves all.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

HERE = Path(__file__).parent

ROWS = [  # id, leeftijd, regio, Q1, Q2
    ("101", "34", "Noord", "Meer personeel op de afdeling.", "  Minder regels, meer vertrouwen. "),
    ("102", "51", "Zuid", "", "Het café is té duur."),
    ("103", "27", "Oost", "   ", "Goede begeleiding;\nmaar weinig tijd"),
    ("104", "45", "West", "Werkdruk, vooral ’s avonds.", ""),
]
Q1_TEXT = "Wat zou u willen veranderen aan uw werk, en waarom?"
Q2_TEXT = "Hoe kijkt u terug op het afgelopen jaar?\n\nNeem rustig de tijd."


def table(header, rows, delimiter=",", quoting=csv.QUOTE_MINIMAL) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def surveys() -> None:
    head = ["id", "leeftijd", "regio", "Q1", "Q2"]
    (HERE / "survey_utf8.csv").write_bytes(table(head, ROWS).encode("utf-8"))
    (HERE / "survey_utf8_bom.csv").write_bytes(table(head, ROWS).encode("utf-8-sig"))
    (HERE / "survey_cp1252_semicolon.csv").write_bytes(
        table(head, ROWS, ";").replace("\n", "\r\n").encode("cp1252"))
    (HERE / "survey_tab.tsv").write_bytes(table(head, ROWS, "\t").encode("utf-8"))
    (HERE / "survey_pipe.txt").write_bytes(table(head, ROWS, "|").encode("utf-8"))
    # Excel "Unicode text": UTF-16 with BOM, tabs, CRLF.
    (HERE / "survey_excel_unicode.txt").write_bytes(
        table(head, ROWS, "\t").replace("\n", "\r\n").encode("utf-16"))
    # Excel CSV with a "sep=;" first line.
    (HERE / "survey_excel_sep.csv").write_bytes(("sep=;\n" + table(head, ROWS, ";")).encode("utf-8-sig"))
    # LimeSurvey R export: unnamed row-number column, NA for no answer, question texts as headers.
    lime_head = ["", "Respons ID", "Laatste pagina", "leeftijd", "regio", Q1_TEXT, Q2_TEXT]
    lime_rows = [[str(i), r[0], "2", r[1], r[2], r[3] or "NA", r[4] or "NA"] for i, r in enumerate(ROWS, 1)]
    text = table(lime_head, lime_rows, quoting=csv.QUOTE_NONNUMERIC).replace('"NA"', "NA")
    (HERE / "survey_limesurvey.csv").write_bytes(text.encode("utf-8"))
    # Qualtrics: question texts in row 2, ImportIds in row 3.
    q_head = ["StartDate", "ResponseId", "leeftijd", "regio", "Q1", "Q2"]
    q_row2 = ["Start Date", "Response ID", "Wat is uw leeftijd?", "In welke regio werkt u?", Q1_TEXT, Q2_TEXT]
    q_row3 = ['{"ImportId":"startDate","timeZone":"Europe/Amsterdam"}', '{"ImportId":"_recordId"}',
              '{"ImportId":"QID1_TEXT"}', '{"ImportId":"QID2"}', '{"ImportId":"QID3_TEXT"}',
              '{"ImportId":"QID4_TEXT"}']
    q_rows = [["2024-03-0%d 10:00:00" % i, r[0], r[1], r[2], r[3], r[4]] for i, r in enumerate(ROWS, 1)]
    (HERE / "survey_qualtrics.csv").write_bytes(table(q_head, [q_row2, q_row3] + q_rows).encode("utf-8-sig"))


TURNS = [
    ("Wat vindt u van de werkdruk?", True),
    ("Het is te druk, vooral ’s avonds.", False),
    ("Kunt u een voorbeeld geven?", True),
    ("Gisteren had ik geen pauze. Dat gebeurt vaak.", False),
]


def transcript(label) -> str:
    lines = ["Interview 7, locatie Utrecht", ""]
    for i, (text, is_int) in enumerate(TURNS):
        lines += [label(i, is_int, text), ""]
    return "\n".join(lines)


def transcripts() -> None:
    forms = {
        "t_colon.txt": lambda i, q, t: f"{'Interviewer' if q else 'Respondent'}: {t}",
        "t_code.txt": lambda i, q, t: f"{'I' if q else 'MA1'}: {t}",
        "t_ir.txt": lambda i, q, t: f"{'I' if q else 'R'}:\t{t}",
        "t_bracket_ts.txt": lambda i, q, t: f"[00:0{i}:23] {'Interviewster' if q else 'Anna de Vries'}: {t}",
        "t_ts.txt": lambda i, q, t: f"00:0{i}:23 {'Moderator' if q else 'Anna de Vries'}: {t}",
        "t_name_ts.txt": lambda i, q, t: f"{'Onderzoeker' if q else 'Anna de Vries'} (00:0{i}:23): {t}",
        "t_bold.md": lambda i, q, t: ("**Interviewer**\\\n" if q else "***Participant***\\\n") + t,
        "t_bold_colon.md": lambda i, q, t: f"**{'Interviewer' if q else 'Anna'}:** {t}",
    }
    for name, label in forms.items():
        (HERE / name).write_bytes(transcript(label).encode("utf-8"))
    crlf = transcript(forms["t_colon.txt"]).replace("\n", "\r\n")
    (HERE / "t_cp1252_crlf.txt").write_bytes(crlf.encode("cp1252"))
    (HERE / "t_utf8_bom.txt").write_bytes(transcript(forms["t_code.txt"]).encode("utf-8-sig"))
    teams = ["WEBVTT", ""]
    zoom = ["WEBVTT", ""]
    n = 0
    for i, (text, q) in enumerate(TURNS):
        parts = ["Gisteren had ik geen pauze.", "Dat gebeurt vaak."] if i == 3 else [text]  # two cues
        for part in parts:
            spk = "Interviewer" if q else "Anna de Vries"
            n += 1
            cue_id = f"a1b2c3d4-{n}/{n}-0"
            time = f"00:00:{n:02d}.000 --> 00:00:{n + 1:02d}.000"
            teams += [cue_id, time, f"<v {spk}>{part}</v>", ""]
            zoom += [str(n), time, f"{spk}: {part}", ""]
    (HERE / "t_teams.vtt").write_bytes("\n".join(teams).encode("utf-8"))
    (HERE / "t_zoom.vtt").write_bytes("\n".join(zoom).encode("utf-8"))
    recs = [
        {"question_id": "12", "meeting_id": "3", "topic_nl": "Werkdruk in de zorg", "share_nl_turns": 1.0,
         "turns": [{"speaker": "Els Peeters", "lang": "nl", "text": "Mevrouw de minister, de wachtlijsten groeien."},
                   {"speaker": "Minister Jansen", "lang": "nl", "text": "Wij investeren extra.\nDat helpt."}]},
        {"question_id": "13", "meeting_id": "3", "topic_nl": "Treinen", "share_nl_turns": 0.5,
         "turns": [{"speaker": "Jan Maes", "lang": "nl", "text": "Waarom zijn de treinen te laat?"},
                   {"speaker": "Minister Jansen", "lang": "fr", "text": "  Door werken.  "},
                   {"speaker": "Jan Maes", "lang": "nl", "text": "Dat is geen antwoord."}]},
    ]
    (HERE / "t_plenary.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n",
                                          encoding="utf-8")


if __name__ == "__main__":
    surveys()
    transcripts()
