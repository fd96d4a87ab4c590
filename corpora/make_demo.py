"""Generate qualkit's bundled demo material. Everything it writes is SYNTHETIC.

No real survey, respondent, client or person is behind any of it. The design
echoes the published shape of a Flemish survey of OCMW social workers (time
pressure, hours of administration, open questions on what would lower the
workload) so that the demos show realistic numbers, but every answer is
assembled here from phrase banks with ``random.Random(2026)``, and the two
interview transcripts are fixed texts written for this purpose.

Run from the repository root (rewrites the committed files in ``corpora/``)::

    python corpora/make_demo.py

or from Python, into any folder (register the module before executing it, as
dataclasses need it in ``sys.modules``)::

    >>> import importlib.util, sys, tempfile                  # doctest: +SKIP
    >>> spec = importlib.util.spec_from_file_location("make_demo", "corpora/make_demo.py")
    >>> make_demo = sys.modules["make_demo"] = importlib.util.module_from_spec(spec)
    >>> spec.loader.exec_module(make_demo)
    >>> sorted(make_demo.generate(tempfile.mkdtemp()))[:2]
    ['interviews/interview-01.txt', 'interviews/interview-02.md']

Outputs (see corpora/README.md for the columns):

- ``ocmw-werkdruk-2026.csv``   146 respondents R001..R146, UTF-8 with BOM, ';'
- ``ocmw-werkdruk-2027.csv``   second wave, 130 respondents S001..S130
- ``ocmw-werkdruk-2026-groundtruth.csv`` / ``-2027-groundtruth.csv``: the codes
  planted in every non-empty answer (one row per respondent and question)
- ``ocmw-werkdruk-2026-studentcodering.csv``: a simulated student's hand coding
  of Q23 and Q24 (the ground truth with about 8% disagreements)
- ``interviews/interview-01.txt`` and ``interviews/interview-02.md``, with ``interviews/sprekers.csv``
  (speaker attributes)
"""
from __future__ import annotations

import csv
import importlib.util
import io
import random
from dataclasses import dataclass, field
from pathlib import Path

SEED = 2026

# ---------------------------------------------------------------------------
# Design: the shares the generator plants (over respondents who answered).
# ---------------------------------------------------------------------------

Q23_CODES = ["personeel", "administratie", "samenwerking", "caseload",
             "digitalisering", "vorming", "flexibel_werk", "verloning"]
Q24_CODES = ["steun", "supervisie", "communicatie", "autonomie", "vorming"]
Q25_CODES = ["uitval", "personeel", "administratie", "steun"]
CODE_COLUMNS = ["personeel", "administratie", "samenwerking", "caseload", "digitalisering",
                "vorming", "flexibel_werk", "verloning", "steun", "supervisie",
                "communicatie", "autonomie", "uitval"]
STUDENT_COLUMNS = [c for c in CODE_COLUMNS if c != "uitval"]

QUESTIONS = {
    "Q23": "Wat zou volgens u de werkdruk binnen OCMW's kunnen verlagen?",
    "Q24": "Wat heeft u nodig van uw leidinggevende of organisatie om uw werk goed te kunnen blijven doen?",
    "Q25": "Wat wilt u nog kwijt?",
}


@dataclass(frozen=True)
class Wave:
    name: str
    prefix: str
    n: int
    tijdsdruk_high: float          # share with 4-5 on "Ik sta voortdurend onder tijdsdruk"
    admin_over20: float            # share with admin_uren ">20u"
    admin_under10: float
    empty: dict[str, float]        # share of empty answers per question
    q23: dict[str, float]
    q24: dict[str, float]
    q25: dict[str, float]


_Q23_2026 = {"personeel": 0.45, "administratie": 0.30, "samenwerking": 0.15, "caseload": 0.10,
             "digitalisering": 0.08, "vorming": 0.06, "flexibel_werk": 0.07, "verloning": 0.09}
_Q24 = {"steun": 0.28, "supervisie": 0.12, "communicatie": 0.14, "autonomie": 0.08, "vorming": 0.10}
_Q25 = {"uitval": 0.18, "personeel": 0.08, "administratie": 0.10, "steun": 0.07}
_EMPTY = {"Q23": 0.08, "Q24": 0.15, "Q25": 0.45}

WAVES = {
    "2026": Wave("2026", "R", 146, 0.57, 0.36, 0.20, _EMPTY, _Q23_2026, _Q24, _Q25),
    "2027": Wave("2027", "S", 130, 0.60, 0.40, 0.18, _EMPTY,
                 {**_Q23_2026, "personeel": 0.38, "administratie": 0.40}, _Q24, _Q25),
}

ADMIN_WEIGHT_OVER20 = 2.5
"""How much likelier a '>20u' respondent is to be picked for 'administratie' in Q23/Q25."""

STUDENT_DISAGREEMENT = 0.08
"""Student disagreements as a share of the planted (code, answer) pairs, half missed, half added."""

AFDELINGEN = [("Sociale dienst", 0.40), ("Schuldbemiddeling", 0.15), ("Activering", 0.15),
              ("Onthaal", 0.15), ("Huisvesting", 0.15)]
REGIOS = [("Antwerpen", 0.26), ("Oost-Vlaanderen", 0.24), ("West-Vlaanderen", 0.19),
          ("Limburg", 0.14), ("Vlaams-Brabant", 0.17)]
ANCIENNITEIT = [("<2 jaar", 0.17), ("2-5 jaar", 0.27), ("5-10 jaar", 0.24), (">10 jaar", 0.32)]
SURVEY_COLUMNS = ["respondent", "afdeling", "regio", "anciënniteit", "tijdsdruk", "admin_uren",
                  "uitputting", "Q23", "Q24", "Q25"]

# ---------------------------------------------------------------------------
# Phrase banks. "full": a sentence naming the theme; "np": a short phrase that
# fits in a list or after "wel ..."; "neg": a sentence that names the theme but
# negates it (not coded); "neg_wel": a negated mention followed by another
# theme's np ("Meer personeel is niet de oplossing, wel minder papierwerk.").
# A few entries are deliberately hard for a rule-based coder (no key word, a
# misspelling, a negation that is not one); that is what real answers are like.
# ---------------------------------------------------------------------------

BANKS: dict[str, dict[str, list[str]]] = {
    "personeel": {
        "full": [
            "Meer personeel.", "Meer personeel!!", "meer personeel aanwerven",
            "Extra personeel, we lopen op onze tandvlees.",
            "Het personeelstekort aanpakken. Er zijn gewoon te weinig maatschappelijk werkers voor het aantal aanvragen.",
            "Meer collega's zodat we de dossiers terug grondig kunnen opvolgen.",
            "Openstaande vacatures sneller invullen, nu blijven plaatsen maanden open.",
            "Zieke collega's vervangen! Nu moeten wij alles mee opvangen.",
            "Er moeten gewoon meer mensen bij.", "Meer volk op de vloer.", "Meer handen. Simpel.",
            "Een betere personeelsbezetting, zeker op de sociale dienst.",
            "persooneel!! we zijn met veel te weinig",
            "Meer personneel en vooral mensen die blijven.",
            "Aanwerving van bijkomende maatschappelijk werkers.", "Extra MA's aanwerven.",
            "De onderbezetting oplossen, we draaien al maanden met twee mensen minder.",
            "Meer maatschappelijk assistenten in dienst nemen.",
            "Uitbreiding van het team, de vraag is de laatste jaren verdubbeld.",
            "Een extra kracht per team zou al een wereld van verschil maken.",
            "Meer personeel zodat er terug tijd is voor het echte werk met mensen in plaats van brandjes blussen.",
            "Meer mankracht.", "Investeren in personeel in plaats van besparen op personeel.",
            "Personeel!",
            "Genoeg mensen op de dienst zodat verlof en ziekte opgevangen kunnen worden.",
            "Een personeelsbestand dat mee groeit met het aantal aanvragen.",
            "Vervanging voorzien bij ziekte en zwangerschapsverlof.",
            "Echte werkdrukverlaging begint bij meer personeel.",
            "Ik denk echt dat meer personeel de enige oplossing is, de rest is pleisters plakken.",
            "Meer collegas!",
            # hard cases: no key word, an unlisted misspelling, a negation that is not one
            "We zijn met veel te weinig om alles gedaan te krijgen.",
            "Meer perseneel aub",
            "Zonder extra personeel gaat het gewoon niet meer.",
            "Dat er iemand bijkomt op onze dienst, we zijn maar met drie.",
        ],
        "np": ["meer personeel", "extra personeel", "meer collega's", "bijkomende mensen", "meer handen",
               "extra aanwervingen", "meer volk", "meer persooneel"],
        "neg": [
            "Meer personeel is niet de oplossing.",
            "Ik denk niet dat extra personeel het probleem oplost.",
            "Aan personeel geen gebrek bij ons.",
            "Personeel genoeg, daar ligt het niet aan.",
        ],
        "neg_wel": [
            "Meer personeel is niet de oplossing, wel {np}.",
            "We hebben geen extra personeel nodig maar {np}.",
            "Niet zozeer meer personeel, maar {np}.",
            "Geen extra collega's, wel {np}.",
            "Niet nog meer mensen aanwerven, eerst {np}.",
        ],
    },
    "administratie": {
        "full": [
            "Minder administratie.", "Minder adminstratie!!", "Administratieve vereenvoudiging.",
            "administratieve vereenvoudiging, echt dringend",
            "De administratielast moet omlaag, ik zit meer achter mijn bureau te typen dan bij cliënten.",
            "Minder papierwerk.", "Minder papierwerk en dubbele registraties.",
            "Minder regeltjes en procedures, alles moet drie keer genoteerd worden.",
            "Schrappen van overbodige rapportering naar de POD.",
            "Kortere sociale verslagen. Tien bladzijden voor een leefloonaanvraag is zot.",
            "De planlast verminderen.", "Minder bureaucratie.",
            "Eenvoudigere procedures voor het leefloon.",
            "Minder paperassen, meer tijd voor de mensen zelf.",
            "De administartie vereenvoudigen.", "Minder admin",
            "Af van al die formulieren en attesten die we moeten opvragen.",
            "Minder dubbel werk: nu registreren we alles op twee plaatsen.",
            "Een vereenvoudiging van de regelgeving rond het leefloon, dat is een doolhof.",
            "Minder verantwoording afleggen op papier.",
            "Administratie beperken tot wat echt nodig is, nu is het de helft van mijn tijd.",
            "Stoppen met alles in drievoud te moeten registreren.",
            "Minder tijd kwijt aan adminstratie zodat we terug hulpverleners kunnen zijn.",
            "Die papierwinkel moet echt minder.",
            # hard cases
            "Al dat invullen en afvinken voor de inspectie, dat moet echt minder.",
            "Minder adminsitratieve rompslomp.",
            "Minder tijd achter de computer, meer tijd bij de mensen.",
            "Niet alles drie keer moeten noteren.",
            "Minder papier, meer mens.",
        ],
        "np": ["minder papierwerk", "minder administratie", "administratieve vereenvoudiging",
               "minder regeltjes", "minder adminstratie", "een lagere planlast", "minder bureaucratie",
               "eenvoudigere procedures"],
        "neg": [
            "De administratie is niet het probleem.",
            "Minder administratie is niet realistisch, dat zal altijd blijven.",
        ],
        "neg_wel": [
            "Het is niet de administratie, wel {np}.",
            "Aan de administratie valt niet veel te veranderen, dus {np}.",
            "Administratie hoort er nu eenmaal bij, maar {np}.",
        ],
    },
    "samenwerking": {
        "full": [
            "Betere samenwerking met externe diensten.",
            "Vlottere samenwerking met VDAB en CAW, nu verwijzen we door en hoor je nadien niets meer.",
            "Meer afstemming met de partners in het netwerk (CAW, CGG, huisartsen).",
            "Samenwerken met andere diensten zodat cliënten hun verhaal maar één keer moeten doen.",
            "Een vast aanspreekpunt bij de VDAB en de mutualiteit.",
            "beter samenwerkig met externe partners",
            "Samewerking met het CAW en de wijkgezondheidscentra.",
            "Korte lijnen met externe diensten.",
            "Dat andere diensten ook hun deel doen ipv alles naar het OCMW door te schuiven.",
            "Een betere doorverwijzing naar gespecialiseerde hulpverlening.",
            "Netwerkoverleg dat ook echt iets oplevert.",
            "Het geïntegreerd breed onthaal echt laten werken.",
            "Samenwerkingsafspraken met de sociale huisvestingsmaatschappijen.",
            "Meer overleg met scholen, CLB en kinderopvang.",
            "Dat het CAW en wij eindelijk eens van elkaar weten wat we doen.",
            # hard cases
            "Minder van het kastje naar de muur tussen de verschillende diensten.",
            "Dat de VDAB zijn eigen administratie doet in plaats van alles naar ons door te schuiven.",
            "Een vaste contactpersoon bij het CAW, zodat we niet elke keer een andere collega aan de lijn hebben.",
            "Dat de verschillende diensten in de gemeente eens samen rond de tafel gaan zitten.",
        ],
        "np": ["betere samenwerking met externe diensten", "meer samenwerking met het CAW",
               "vlottere samenwerking met de VDAB", "een goede samenwerkig met partners"],
        "neg": [
            "Samenwerking is niet het probleem.",
            "Aan de samenwerking met externe diensten ligt het niet.",
        ],
        "neg_wel": ["Niet meer overleg met partners, wel {np}."],
    },
    "caseload": {
        "full": [
            "Een lagere caseload.", "Caseload beperken tot max 60 dossiers per MA.",
            "Minder dossiers per persoon.", "Een maximum op het aantal dossiers, nu heb ik er 95.",
            "Minder cliënten per maatschappelijk werker zodat je terug kwaliteit kan leveren.",
            "De cliëntaantallen zijn gewoon te hoog.", "caseload omlaag!!", "Kleinere caseloads.",
            "De dossierlast verlagen.", "Een eerlijke verdeling van de dossiers.",
            "Een realistische caseload, nu is het onmenselijk.", "kaseload verminderen",
            "Minder dossiers, meer diepgang.",
            # hard cases
            "Minder dossiers zodat er tijd is voor verslagen die kloppen.",
            "Niet meer dan 50 gezinnen per persoon.", "Minder mensen per MA.",
        ],
        "np": ["een lagere caseload", "minder dossiers per MA", "een haalbare caseload"],
        "neg": [], "neg_wel": [],
    },
    "digitalisering": {
        "full": [
            "Betere IT-systemen die met elkaar communiceren.", "Een softwarepakket dat gewoon werkt.",
            "Digitalisering van de aanvragen zodat cliënten minder moeten binnenbrengen.",
            "Een degelijk digitaal dossier.", "Computerprogramma's die gebruiksvriendelijk zijn.",
            "Koppeling van de databanken zodat we gegevens automatisch binnenkrijgen.",
            "ICT die werkt.", "Betere digitale tools, alles gaat nu nog via mail en Excel.",
            "Investeren in digitalisering van het dossier.",
            "Een programma waar alles in één keer ingegeven kan worden.",
            # hard cases
            "Snellere pc's en een systeem dat niet om het uur crasht.",
            "Een computer die niet om de haverklap vastloopt.",
        ],
        "np": ["betere IT-systemen", "goede software", "digitalisering van de dossiers"],
        "neg": ["Nog meer digitalisering is niet de oplossing, veel van onze cliënten kunnen daar niet mee om."],
        "neg_wel": ["Geen nieuwe software, wel {np}."],
    },
    "vorming": {
        "full": [
            "Meer vorming rond schuldbemiddeling en budgetbeheer.",
            "Opleidingen over nieuwe wetgeving zodat we dat niet allemaal zelf moeten uitzoeken.",
            "Bijscholing in omgaan met agressie.", "Tijd om vormingen te volgen.",
            "Een goede opleiding voor starters.", "Meer vormingen, zeker voor nieuwe collega's.",
            "Training in motiverende gespreksvoering.", "Kansen om bij te leren.",
            "Opleidingen die aansluiten bij de praktijk.", "Budget voor vormingen.",
            "Meer kennis over nieuwe wetgeving via infosessies.",
        ],
        "np": ["meer vorming", "goede opleidingen", "bijscholing"],
        "neg": [], "neg_wel": [],
    },
    "flexibel_werk": {
        "full": [
            "Meer mogelijkheden tot telewerk.", "Een vaste thuiswerkdag om in alle rust dingen af te werken.",
            "Flexibele uren, ik heb jonge kinderen.", "Glijdende werkuren.",
            "Thuiswerk toelaten, ook voor de mensen van het onthaal.",
            "Meer flexibiliteit in het uurrooster.", "Telewerk twee dagen per week.",
            "Flexibel kunnen werken, ook eens van thuis uit.", "Zelf mijn uren kunnen indelen.",
            "Recht op 4/5 werken, ook voor MA's.",
            "Zelf kunnen kiezen wanneer ik begin en stop.",
        ],
        "np": ["meer telewerk", "flexibele uren", "thuiswerken"],
        "neg": [], "neg_wel": [],
    },
    "verloning": {
        "full": [
            "Een beter loon voor wat we allemaal doen.", "Betere verloning!",
            "Een correcte verloning in verhouding met de verantwoordelijkheid die we dragen.",
            "Hogere barema's, het is zwaar werk.",
            "Een loonsverhoging zou de motivatie al fameus opkrikken.",
            "Het salaris optrekken, anders blijft er niemand.",
            "Maaltijdcheques verhogen en een fatsoenlijke wedde.", "Meer loon.",
            "Beter betaald worden, we doen het werk van drie.",
            "Een eindejaarspremie die die naam waard is.",
        ],
        "np": ["een beter loon", "betere verloning", "meer loon"],
        "neg": [],
        "neg_wel": ["Het gaat niet om meer loon, wel om {np}."],
    },
    # ---- Q24 -------------------------------------------------------------
    "steun": {
        "full": [
            "Steun en erkenning.", "Meer erkenning voor wat we doen.",
            "Waardering! Een schouderklopje af en toe zou al veel doen.",
            "Een leidinggevende die achter ons staat als het misloopt.",
            "Ondersteuning bij moeilijke dossiers.", "Dat ze luisteren naar wat er op de vloer leeft.",
            "Appreciatie, en niet enkel opmerkingen als er iets fout loopt.", "Een luisterend oor.",
            "Erkenning van onze expertise, we zijn geen uitvoerders.",
            "Meer ondersteuning van de leiding bij agressie-incidenten.",
            "Rugdekking als er klachten komen.", "Steun, vooral emotioneel na zware gesprekken.",
            "Gesteund worden in de beslissingen die we nemen.", "Respect en waardering voor ons werk.",
            "Erkening!!", "Meer waardeering van het bestuur.",
            "Meer steun van de leidinggevende, nu sta je er alleen voor.",
            "Erkenning dat het werk zwaar is.", "Gehoord worden.",
            "Vertrouwen dat de leiding achter ons staat.",
            # hard cases
            "Dat mijn leidinggevende eens vraagt hoe het met mij gaat.",
            "Dat er eens gezegd wordt dat we goed bezig zijn.",
        ],
        "np": ["steun", "erkenning", "waardering", "meer ondersteuning", "een luisterend oor"],
        "neg": ["Aan steun geen gebrek."],
        "neg_wel": ["Geen extra steun nodig, wel {np}.", "Niet zozeer steun, maar {np}."],
    },
    "supervisie": {
        "full": [
            "Regelmatig supervisie.", "Intervisie met collega's van andere OCMW's.",
            "Tijd voor casusbesprekingen in team.", "Externe supervisie na incidenten.",
            "Coaching, zeker voor starters.", "Momenten om moeilijke dossiers samen te bespreken.",
            "Supervisie door iemand van buiten de organisatie.", "Een vaste intervisiegroep.",
            "Reflectiemomenten in team.",
            # hard case
            "Intervisiemomenten die niet telkens geschrapt worden omdat er geen tijd is.",
        ],
        "np": ["supervisie", "intervisie", "coaching", "casusbespreking"],
        "neg": [], "neg_wel": [],
    },
    "communicatie": {
        "full": [
            "Duidelijke communicatie.", "Duidelijke communicatie over veranderingen, nu horen we alles via via.",
            "Transparantie over beslissingen.", "Duidelijke richtlijnen, en dat die dan ook een tijdje blijven.",
            "Info op tijd, niet achteraf.", "Betere communicatie tussen directie en werkvloer.",
            "Duidelijkheid over wie wat beslist.", "Communcatie!!",
            "Dat we op de hoogte gehouden worden van wat er beslist wordt.",
            "Open communicatie over de besparingen.", "Heldere afspraken en een duidelijke visie.",
        ],
        "np": ["duidelijke communicatie", "transparantie", "duidelijke afspraken"],
        "neg": [], "neg_wel": [],
    },
    "autonomie": {
        "full": [
            "Vertrouwen en autonomie.", "Meer vrijheid om zelf beslissingen te nemen in dossiers.",
            "Autonomie in hoe ik mijn werk organiseer.",
            "Minder controle, meer vertrouwen in onze professionele inschatting.",
            "Ruimte om zelf te beslissen.", "Vertrouwen in ons als professionals.", "Beslissingsruimte.",
            # hard case
            "Dat ze ons ons werk laten doen zonder alles te controleren.",
        ],
        "np": ["meer autonomie", "vertrouwen", "meer vrijheid"],
        "neg": [], "neg_wel": [],
    },
    # ---- Q25 -------------------------------------------------------------
    "uitval": {
        "full": [
            "In ons team zijn er dit jaar al drie uitgevallen met een burn-out.",
            "Ik twijfel sterk om te stoppen in deze sector.", "Veel mensen vallen uit, dat zegt genoeg.",
            "Ik ben zelf net terug na een burn-out.", "Ik voel me vaak emotioneel uitgeput.",
            "Als dit zo blijft zoek ik ander werk.", "Het verloop in ons team is enorm.",
            "De uitstroom van ervaren mensen is zorgwekkend.", "Het ziekteverzuim stijgt elk jaar.",
            # hard case
            "Ik weet niet hoe lang ik dit nog volhoud.",
        ],
        "np": [], "neg": [], "neg_wel": [],
    },
}

Q25_FULL = {
    "personeel": ["Er is dringend meer personeel nodig, anders loopt het mis.",
                  "Het personeelstekort wordt echt onderschat.",
                  "Nogmaals: meer mensen op de vloer!"],
    "administratie": ["Nogmaals: de adminstratie slorpt al onze tijd op.",
                      "De planlast is de laatste jaren verdubbeld.",
                      "Die administratieve rompslomp maakt het werk kapot.",
                      "Het papierwerk is echt niet meer te doen."],
    "steun": ["Erkenning van het beleid ontbreekt volledig.",
              "Wat waardering zou deugd doen.",
              "Onze leidinggevende doet haar best maar krijgt zelf geen steun."],
}

VAGUE = {
    "Q23": [
        "Geen idee.", "Moeilijke vraag, alles hangt samen met alles.",
        "Dat de politiek eens komt kijken op de vloer.", "Realistische verwachtingen van het beleid.",
        "Meer respect van cliënten, de agressie aan het loket neemt toe.",
        "Een betere sfeer en samenwerking binnen het team.", "Rust. Gewoon wat rust.",
        "Weet het echt niet meer.", "Minder veranderingen tegelijk.", "Haalbare deadlines.",
        "Minder vergaderingen.", "Minder agressie, meer beveiliging aan het loket.",
        "Minder telefoons tijdens de permanentie.", "Een beleid dat de realiteit kent.",
        "Minder nieuwe projecten tegelijk.",
        "Een directie die weet wat er leeft.", "Alles eigenlijk.", "Zie hierboven.",
    ],
    "Q24": [
        "Niets speciaal, het is goed zo.", "Weet ik niet.", "Gewoon wat meer rust.",
        "Dat ze realistisch blijven.", "Meer tijd.", "Een goede werkplek, mijn stoel is kapot.",
        "Idem vorige vraag.", "Zie vorige vraag.", "Een koffiemachine die werkt haha",
        "Niets speciaal, ik voel me goed ondersteund.",
        "Respect van de cliënten, maar daar kan de organisatie weinig aan doen.",
        "Een rustige plek om gesprekken te voeren.", "Een parkeerplaats dichter bij het werk.",
        "Dat de lat wat lager gelegd wordt.", "Moeilijk te zeggen.", "Een laptop die werkt.",
        "Dat er eens iemand van de directie mee op huisbezoek komt.", "Meer tijd per cliënt.",
        "Minder vergaderingen die over niets gaan.", "Een bureau met een deur die dicht kan.",
        "Dat ze de werkdruk serieus nemen.", "Geen idee eigenlijk.", "Eigenlijk niets, ik zit goed.",
        "Rust in de organisatie na alle hervormingen.",
    ],
    "Q25": [
        "Nee.", "Niets.", "Neen, alles gezegd.", "Bedankt voor deze bevraging.",
        "Hopelijk wordt hier iets mee gedaan.", "Goed dat dit eens bevraagd wordt!", "Geen opmerkingen.",
        "Het werk blijft mooi, ondanks alles.", "De agressie aan het loket neemt toe.",
        "De financiële steun voor cliënten is veel te laag.", "Ik hoop dat de resultaten gedeeld worden.",
        "nee hoor", "Succes met de thesis!",
    ],
}

FILLERS_AFTER = {
    "Q23": ["Dat zou al veel helpen.", "Zo kan het echt niet verder.", "Echt waar.", "De rek is eruit.",
            "We doen ons best maar het is nooit genoeg.", "Dan kunnen we terug ons werk doen.",
            "Nu is het overleven.", "Dat is de kern van het probleem."],
    "Q24": ["Dat zou al veel doen.", "Meer vraag ik eigenlijk niet.", "Dat is alles.",
            "Dan hou ik het nog jaren vol.", "Nu is dat er te weinig."],
}
FILLERS_BEFORE = ["Eerlijk gezegd: ", "Vooral ", "In de eerste plaats ", "Voor mij: ", "Allez, "]
EMPTY_FORMS = ["", " ", "   "]


# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------

@dataclass
class Answer:
    text: str
    codes: list[str] = field(default_factory=list)
    negated: list[str] = field(default_factory=list)


def _weighted(rng: random.Random, items: list[tuple[str, float]]) -> str:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


def _pick(rng: random.Random, pool: list[str], k: int, weights: dict[str, float]) -> list[str]:
    """``k`` ids from ``pool`` without replacement, likelier with a higher weight
    (Efraimidis-Spirakis keys); the result keeps ``pool`` order."""
    keys = {i: rng.random() ** (1.0 / weights.get(i, 1.0)) for i in pool}
    chosen = set(sorted(pool, key=lambda i: -keys[i])[:k])
    return [i for i in pool if i in chosen]


def _style(rng: random.Random, text: str) -> str:
    if rng.random() < 0.22 and text[:1].isupper():
        text = text[0].lower() + text[1:]
    if rng.random() < 0.18 and text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    return text


def _lower_first(s: str) -> str:
    return s[0].lower() + s[1:] if s[:2] != s[:2].upper() else s


def _compose(rng: random.Random, question: str, codes: list[str]) -> Answer:
    """One answer expressing exactly ``codes``, sometimes with a negated other theme."""
    if not codes:
        return Answer(_style(rng, rng.choice(VAGUE[question])))
    themes = codes[:]
    rng.shuffle(themes)
    negated: list[str] = []
    parts: list[str] = []
    negatable = [c for c in BANKS if c not in codes and (BANKS[c]["neg"] or BANKS[c]["neg_wel"])
                 and c in (Q23_CODES if question == "Q23" else Q24_CODES)]
    if negatable and rng.random() < (0.22 if question == "Q23" else 0.12):
        pool = negatable + (["personeel"] * 3 if "personeel" in negatable else [])
        neg = rng.choice(pool)
        negated.append(neg)
        bank = BANKS[neg]
        if bank["neg_wel"] and BANKS[themes[0]]["np"] and (not bank["neg"] or rng.random() < 0.7):
            parts.append(rng.choice(bank["neg_wel"]).format(np=rng.choice(BANKS[themes[0]]["np"])))
            themes = themes[1:]
        else:
            parts.append(rng.choice(bank["neg"]))
    listable = [t for t in themes if BANKS[t]["np"]]
    form = rng.random()
    if len(themes) >= 2 and len(listable) == len(themes) and form < 0.2 and not parts:
        nps = [rng.choice(BANKS[t]["np"]) for t in themes]
        text = ", ".join(nps[:-1]) + " en " + nps[-1] + rng.choice([".", "", "!"])
        return Answer(text[0].upper() + text[1:] if rng.random() < 0.6 else text, codes, negated)
    sentences = [rng.choice(BANKS[t]["full"]) for t in themes]
    if len(sentences) >= 2 and form < 0.4 and not parts:
        bullet = rng.choice(["- ", "* ", "{n}. ", "{n}) "])
        lines = [bullet.format(n=k + 1) + _lower_first(s) if rng.random() < 0.5 else bullet.format(n=k + 1) + s
                 for k, s in enumerate(sentences)]
        return Answer("\n".join(lines), codes, negated)
    if not parts and rng.random() < 0.2:
        sentences[0] = rng.choice(FILLERS_BEFORE) + _lower_first(sentences[0])
    parts += sentences
    if len(parts) < 4 and rng.random() < 0.25:
        parts.append(rng.choice(FILLERS_AFTER[question]))
    return Answer(_style(rng, " ".join(parts)), codes, negated)


def _plant(rng: random.Random, ids: list[str], shares: dict[str, float],
           weights: dict[str, dict[str, float]]) -> dict[str, list[str]]:
    """Exactly ``round(share * len(ids))`` respondents per code; respondents
    still without a code are favoured a little for the later, smaller codes."""
    planted: dict[str, list[str]] = {i: [] for i in ids}
    for code in sorted(shares, key=lambda c: -shares[c]):
        k = round(shares[code] * len(ids))
        w = {i: weights.get(code, {}).get(i, 1.0) * (2.5 if not planted[i] else 1.0) for i in ids}
        for i in _pick(rng, ids, k, w):
            planted[i].append(code)
    return planted


def _closed(rng: random.Random, wave: Wave, ids: list[str]) -> dict[str, dict[str, object]]:
    n = len(ids)
    over20 = set(_pick(rng, ids, round(wave.admin_over20 * n), {}))
    rest = [i for i in ids if i not in over20]
    under10 = set(_pick(rng, rest, round(wave.admin_under10 * n), {}))
    high = set(_pick(rng, ids, round(wave.tijdsdruk_high * n), {i: 1.8 for i in over20}))
    rows = {}
    for i in ids:
        admin = ">20u" if i in over20 else "<10u" if i in under10 else "10-20u"
        tijd = rng.choice([4, 4, 4, 5, 5]) if i in high else rng.choice([1, 2, 2, 3, 3, 3])
        uit = max(1, min(5, tijd - 1 + rng.choice([0, 0, 1, 1, 1, 2]) - (1 if admin == "<10u" else 0)))
        afd = _weighted(rng, AFDELINGEN)
        rows[i] = {"respondent": i, "afdeling": afd, "regio": _weighted(rng, REGIOS),
                   "anciënniteit": _weighted(rng, ANCIENNITEIT), "tijdsdruk": tijd,
                   "admin_uren": admin, "uitputting": uit}
    return rows


def _empties(rng: random.Random, wave: Wave, ids: list[str]) -> dict[str, set[str]]:
    """Who leaves each question empty; who skips Q23 also skips the later ones."""
    n = len(ids)
    e23 = set(_pick(rng, ids, round(wave.empty["Q23"] * n), {}))
    e24 = e23 | set(_pick(rng, [i for i in ids if i not in e23], round(wave.empty["Q24"] * n) - len(e23), {}))
    e25 = e24 | set(_pick(rng, [i for i in ids if i not in e24], round(wave.empty["Q25"] * n) - len(e24), {}))
    return {"Q23": e23, "Q24": e24, "Q25": e25}


@dataclass
class Survey:
    rows: list[dict[str, object]]
    truth: dict[tuple[str, str], Answer]     # (respondent, question) -> answer, non-empty answers only


def make_wave(rng: random.Random, wave: Wave) -> Survey:
    ids = [f"{wave.prefix}{k:03d}" for k in range(1, wave.n + 1)]
    closed = _closed(rng, wave, ids)
    empty = _empties(rng, wave, ids)
    admin_w = {i: ADMIN_WEIGHT_OVER20 for i in ids if closed[i]["admin_uren"] == ">20u"}
    truth: dict[tuple[str, str], Answer] = {}
    for q, shares in (("Q23", wave.q23), ("Q24", wave.q24), ("Q25", wave.q25)):
        answered = [i for i in ids if i not in empty[q]]
        weights = {"administratie": admin_w}
        if q == "Q25":  # who named a theme in Q23 tends to come back to it
            weights = {c: {**weights.get(c, {}), **{i: 3.0 for i in ids if c in _codes(truth, i, "Q23")}}
                       for c in ("personeel", "administratie")}
        planted = _plant(rng, answered, shares, weights)
        for i in answered:
            if q == "Q25":
                truth[(i, q)] = _q25(rng, planted[i])
            else:
                truth[(i, q)] = _compose(rng, q, planted[i])
    rows = []
    for i in ids:
        row = dict(closed[i])
        for q in QUESTIONS:
            ans = truth.get((i, q))
            row[q] = ans.text if ans else rng.choice(EMPTY_FORMS)
        rows.append(row)
    return Survey(rows, truth)


def _codes(truth: dict[tuple[str, str], Answer], rid: str, q: str) -> list[str]:
    a = truth.get((rid, q))
    return a.codes if a else []


def _q25(rng: random.Random, codes: list[str]) -> Answer:
    parts = []
    for c in codes:
        parts.append(rng.choice(BANKS["uitval"]["full"] if c == "uitval" else Q25_FULL[c]))
    if not parts or rng.random() < 0.3:
        parts.append(rng.choice(VAGUE["Q25"][3:]) if parts else rng.choice(VAGUE["Q25"]))
    rng.shuffle(parts)
    return Answer(" ".join(parts), codes)


def _student(rng: random.Random, survey: Survey) -> dict[tuple[str, str], set[str]]:
    """The planted truth of Q23/Q24 with ~8% disagreements: half the errors are
    missed codes, half are extra codes (preferably where a theme was negated)."""
    cells = {k: set(a.codes) for k, a in survey.truth.items() if k[1] in ("Q23", "Q24")}
    positives = [(k, c) for k in cells for c in sorted(cells[k])]
    n_err = round(STUDENT_DISAGREEMENT * len(positives))
    n_miss = n_err // 2
    for k, c in rng.sample(positives, n_miss):
        cells[k].discard(c)
    tempting = [(k, c) for k, a in survey.truth.items() if k in cells for c in a.negated]
    extra = rng.sample(tempting, min(len(tempting), (n_err - n_miss) // 2))
    others = [(k, c) for k in cells for c in (Q23_CODES if k[1] == "Q23" else Q24_CODES)
              if c not in survey.truth[k].codes and (k, c) not in extra]
    extra += rng.sample(others, n_err - n_miss - len(extra))
    for k, c in extra:
        cells[k].add(c)
    return cells


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------

def _csv(rows: list[list[object]]) -> bytes:
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode("utf-8-sig")


def _matrix(cells: dict[tuple[str, str], set[str] | list[str]], columns: list[str]) -> bytes:
    rows: list[list[object]] = [["respondent", "vraag", *columns]]
    for (rid, q), codes in sorted(cells.items()):
        rows.append([rid, q, *(1 if c in codes else 0 for c in columns)])
    return _csv(rows)


def _transcripts() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("_demo_interviews", Path(__file__).with_name("demo_interviews.py"))
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return {"interview-01.txt": mod.INTERVIEW_01, "interview-02.md": mod.INTERVIEW_02, "sprekers.csv": mod.SPEAKERS}


def build() -> tuple[dict[str, bytes], dict[str, Survey]]:
    """Every demo file as ``{relative path: bytes}``, and the surveys with their truth."""
    rng = random.Random(SEED)
    surveys = {name: make_wave(rng, wave) for name, wave in WAVES.items()}
    files: dict[str, bytes] = {}
    for name, s in surveys.items():
        files[f"ocmw-werkdruk-{name}.csv"] = _csv([SURVEY_COLUMNS] + [[r[c] for c in SURVEY_COLUMNS] for r in s.rows])
        files[f"ocmw-werkdruk-{name}-groundtruth.csv"] = _matrix({k: a.codes for k, a in s.truth.items()}, CODE_COLUMNS)
    files["ocmw-werkdruk-2026-studentcodering.csv"] = _matrix(_student(rng, surveys["2026"]), STUDENT_COLUMNS)
    for fname, text in _transcripts().items():
        files[f"interviews/{fname}"] = text.encode("utf-8")
    return files, surveys


def generate(out_dir: str | Path) -> dict[str, Path]:
    """Write every demo file under ``out_dir``; return ``{relative path: written path}``."""
    out = Path(out_dir)
    files, _ = build()
    written = {}
    for rel, data in files.items():
        p = out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        written[rel] = p
    return written


def shares(survey: Survey, question: str) -> dict[str, float]:
    """Planted share per code among respondents who answered ``question``."""
    answers = [a for (_, q), a in survey.truth.items() if q == question]
    codes = sorted({c for a in answers for c in a.codes})
    return {c: sum(c in a.codes for a in answers) / len(answers) for c in codes}


if __name__ == "__main__":
    for rel in generate(Path(__file__).resolve().parent):
        print(rel)
