"""The two SYNTHETIC demo interviews on activation barriers of OCMW clients.

Written for qualkit's demos; no real conversation, interviewee, client or place
is behind them. ``make_demo.py`` writes them to ``corpora/interviews/``.
"""

INTERVIEW_01 = """\
Interview 1 - drempels bij activering (synthetisch voorbeeld, geen echt gesprek)
Maatschappelijk assistent (MA1), activeringsdienst van een OCMW in een centrumstad

Interviewer: Goeiemiddag, bedankt dat je wilt meewerken. Kan je eerst kort vertellen wat je job inhoudt?

MA1: Ja, natuurlijk. Ik werk nu een jaar of zes als maatschappelijk assistent bij de activeringsdienst van het OCMW. Ik begeleid vooral leefloongerechtigden naar werk of naar een opleiding. Dat gaat van het eerste gesprek tot de opvolging als ze al aan het werk zijn.

Interviewer: En wat zijn volgens jou de grootste drempels voor je cliënten?

MA1: Oei, da's een brede vraag. Euh, ik zou zeggen: taal, zeker bij de nieuwkomers. Veel mensen spreken nog te weinig Nederlands om op de werkvloer mee te kunnen. Ze volgen wel NT2-lessen bij het agentschap Inburgering, maar met kinderen thuis en een deeltijdse job raken die lessen vaak op de achtergrond.

Interviewer: Hoe pakken jullie dat aan?

MA1: We proberen taal en werk te combineren. Dus bijvoorbeeld een art. 60 in een keuken waar ze ondertussen Nederlands oefenen. En bij de intake werken we soms met een tolk, via het telefoontolken. Dat is niet ideaal, maar anders begrijp je elkaar gewoon niet.

Interviewer: Je noemde art. 60. Kan je daar wat meer over vertellen?

MA1: Ja, artikel 60 is eigenlijk een tewerkstelling via het OCMW, om werkervaring op te doen en ook om terug recht te krijgen op een uitkering. Voor veel mensen is dat de eerste echte werkervaring in België.
Het probleem is dat er na dat contract vaak niks volgt. De doorstroom naar de reguliere arbeidsmarkt blijft moeilijk.

Interviewer: Waarom is die doorstroom zo moeilijk, denk je?

MA1: Werkgevers vragen veel. Diploma's, ervaring, een rijbewijs. En de vacatures die er zijn, zijn vaak in ploegen of ver buiten de stad. Wij werken wel samen met de VDAB, en die jobcoaches doen goed werk, maar de wachttijden zijn lang.

Interviewer: Je zei rijbewijs. Is mobiliteit een probleem?

MA1: Enorm. Veel van mijn cliënten hebben geen rijbewijs en geen auto. Dan ben je afhankelijk van De Lijn, en de bus rijdt hier 's avonds en in het weekend amper. Als de job om zes uur 's morgens begint op het industrieterrein, dan geraak je daar gewoon niet. We hebben al fietsen geregeld via een tweedehandsproject, maar in de winter is dat ook niet alles.

Interviewer: En huisvesting? Speelt dat ook mee?

MA1: Ja, absoluut. De huurprijzen zijn de laatste jaren zot gestegen. Mensen met een leefloon vinden bijna geen betaalbare woning. De wachtlijst voor een sociale woning is hier acht, negen jaar. Dus ze wonen in slechte omstandigheden, vochtige appartementen, of ze verhuizen constant. En ja, als ge niet weet waar ge volgende maand woont, dan zijt ge niet bezig met solliciteren.

Interviewer: Dat klinkt als meerdere problemen tegelijk.

MA1: Dat is het ook. Multiproblematiek, zo noemen wij dat. Schulden, psychische problemen, soms een verslaving, kinderen die opgevangen moeten worden. Kinderopvang is trouwens ook zo'n drempel: geen plaats in de crèche, dus mama kan niet gaan werken. Alles hangt aan elkaar.

Interviewer: Hoe ga je daarmee om in de begeleiding?

MA1: Dan starten we eerst met pre-activering. Dat is eigenlijk een soort voortraject waar werk nog niet het doel is. Het gaat om stabiliseren: schuldbemiddeling opstarten, een psycholoog zoeken, structuur in de dag brengen. Sommigen zitten in een zorgtraject of een welzijnstraject bij het CAW voor ze überhaupt aan werk kunnen denken.

Interviewer: Wordt dat vastgelegd in het GPMI?

MA1: Ja. Het GPMI, het geïndividualiseerd project voor maatschappelijke integratie, dat is het contract dat we met elke leefloner afsluiten. Daarin staan de doelen en de afspraken. Bij jongeren onder de 25 is dat verplicht. Maar eerlijk, het risico is dat het een papieren document wordt. Ik probeer het echt samen met de persoon op te stellen, met haalbare stappen.

Interviewer: Wat bedoel je met haalbare stappen?

MA1: Bijvoorbeeld eerst "elke week naar de taalles gaan" of "een afspraak maken bij de huisarts", en pas later solliciteren. Kleine dingen. Als het GPMI te zwaar is, haken mensen af.

Interviewer: Je hebt het nog niet gehad over digitale vaardigheden. Is dat een thema?

MA1: Ja, dat is de laatste jaren echt een groot probleem geworden. De digitale kloof. Alles moet online: solliciteren, je inschrijven bij de VDAB, je documenten opvragen met itsme. Veel mensen hebben wel een smartphone, maar geen computer, geen printer, en ze weten niet hoe ze een cv moeten maken of een mail met een bijlage moeten sturen.

Interviewer: Hoe helpen jullie daarbij?

MA1: We hebben een digitaal inloopmoment, twee keer per week, met vrijwilligers. Daar helpen ze met e-mail, met itsme installeren, met Mijn VDAB. Maar het blijft een druppel op een hete plaat. En sommigen schamen zich ook, die komen niet.

Interviewer: Zijn er ook cliënten voor wie taal geen drempel is?

MA1: Jawel, zeker. Ik heb bijvoorbeeld een man die hier geboren en getogen is. Voor hem is taal geen probleem. Maar hij heeft zware schulden, hij slaapt slecht en zijn zelfvertrouwen is helemaal weg. Dus ook daar is het niet zo simpel.

Interviewer: Wat zou jou als hulpverlener helpen om die drempels beter aan te pakken?

MA1: Meer tijd per cliënt, eerlijk gezegd. En betere samenwerking met de VDAB en met de huisvestingsmaatschappij. En misschien een budget voor vervoer, zodat we een busabonnement of een fietsherstelling kunnen betalen zonder dat we daar drie formulieren voor moeten invullen.

Interviewer: Denk je dat de arbeidsmarkt voldoende openstaat voor jullie doelgroep?

MA1: Niet altijd. Er zijn wel knelpuntberoepen, in de zorg, in de schoonmaak, in de logistiek. Maar werkgevers zijn soms bang. Iemand met een gat in zijn cv of met een accent krijgt minder kansen. Discriminatie is er gewoon, ook al zegt niemand dat luidop.

Interviewer: Heb je een voorbeeld van een traject dat goed gelopen is?

MA1: Ja, een jonge vrouw, alleenstaande moeder. Ze kwam binnen met schulden, zonder werk, zonder kinderopvang, en ze sprak amper Nederlands. We hebben eerst de kinderopvang geregeld, dan taalles, dan een art. 60 in een woonzorgcentrum. Ondertussen heeft ze een vast contract als logistiek assistent. Dat heeft wel drie jaar geduurd.

Interviewer: Drie jaar, dat is lang.

MA1: Ja, maar dat is de realiteit. Activering is geen sprint. Als het beleid verwacht dat iedereen binnen zes maanden aan het werk is, dan kent het onze cliënten niet.

Interviewer: Nog een laatste vraag: wat mag zeker niet ontbreken in ons onderzoek?

MA1: Dat je de mens achter het dossier niet vergeet. En dat pre-activering ook als activering telt. Die kleine stappen zijn ook resultaten, ook al staan ze nergens in de statistieken.

Interviewer: Bedankt voor het gesprek.

MA1: Graag gedaan.
"""

INTERVIEW_02 = """\
# Interview 2: drempels bij activering

*Synthetisch voorbeeld, geen echt gesprek. Maatschappelijk assistent (MA2), sociale dienst van een OCMW in een landelijke gemeente.*

**Interviewer**: Fijn dat je tijd maakt. Wil je jezelf even voorstellen?

**MA2**: Ik ben maatschappelijk assistent in een kleinere gemeente, al veertien jaar. Bij ons doe je eigenlijk alles: leefloon, huisvesting, budgetbeheer en ook de activering. We zijn met drie op de sociale dienst.

**Interviewer**: Welke drempels zie je het vaakst als het over werk gaat?

**MA2**: Bij ons is het in de eerste plaats mobiliteit. We zitten op het platteland, hé. De bus van De Lijn komt hier twee keer per dag, en sinds de hervorming van het openbaar vervoer is dat er niet beter op geworden. Zonder auto of rijbewijs zit je hier echt vast.

**Interviewer**: Hoe lossen jullie dat op?

**MA2**: We hebben een paar jaar geleden een project opgezet om mensen te helpen hun rijbewijs te halen. We betalen de lessen deels terug en er is een vrijwilliger die met hen oefent. Maar het theoretisch examen is moeilijk, zeker als je het Nederlands nog niet goed beheerst. Dan kom je weer bij taal uit.

**Interviewer**: Is taal bij jullie ook een grote drempel?

**MA2**: Minder dan in de stad, maar toch. We hebben een aantal gezinnen die hier in het lokaal opvanginitiatief gewoond hebben en gebleven zijn. Die volgen Nederlands als tweede taal in de centrumstad, op veertig minuten met de bus. Dus taal en mobiliteit, dat versterkt elkaar.

**Interviewer**: En huisvesting?

**MA2**: Dat is het grootste probleem, eerlijk gezegd. Er zijn hier bijna geen huurwoningen. De sociale huisvestingsmaatschappij heeft een wachtlijst van jaren. De private huurmarkt is duur, en verhuurders willen vaak geen mensen met een leefloon. Dat zeggen ze niet letterlijk, maar je voelt het.

**Interviewer**: Wat betekent dat concreet voor je cliënten?

**MA2**: Dat ze in slechte woningen terechtkomen. Ik heb een gezin gehad dat in een woning met schimmel op alle muren woonde, de kinderen waren altijd ziek. Of mensen die bij familie inwonen en daardoor hun leefloon als samenwonende krijgen. Dat is een pak minder.

Dan ben je maanden bezig met overleven en niet met werk zoeken.

**Interviewer**: Je hebt het over overleven. Zie je veel multiproblematiek?

**MA2**: Ja. Eigenlijk bijna altijd. Schulden zie je bijna overal, dan psychische problemen, depressie, angst. En ook veel mensen met een fysieke beperking of chronische pijn. Ik denk dat de helft van mijn dossiers eerst nood heeft aan zorg voor je kunt spreken van werk.

**Interviewer**: Hoe ziet pre-activering er bij jullie uit?

**MA2**: We werken samen met het welzijnsloket en met een zorgboerderij in de buurt. Mensen gaan daar een paar halve dagen per week naartoe, gewoon om een ritme te krijgen, om buiten te komen. Dat noemen we dan een welzijnstraject, of een traject arbeidszorg. Het is geen betaald werk, maar het is een begin.

**Interviewer**: En het GPMI? Hoe gebruik je dat?

**MA2**: Het GPMI is voor mij een werkinstrument. Ik schrijf daar de afspraken in, maar ik pas het aan als het leven van de persoon verandert. Sommige collega's gebruiken het meer als controle: als je je niet aan het GPMI houdt, volgt er een sanctie. Dat vind ik niet de bedoeling. Een sanctie lost geen enkel probleem op.

**Interviewer**: Heb je het gevoel dat het geïndividualiseerd project werkt?

**MA2**: Soms wel, soms niet. Het werkt als het een project is van de cliënt zelf. Als het alleen een formulier is dat ondertekend moet worden voor de inspectie, dan werkt het niet.

**Interviewer**: We hebben het nog niet over digitale vaardigheden gehad.

**MA2**: Oh, dat is een ramp. Ik heb cliënten van zestig die nog nooit een computer hebben aangeraakt. Alles moet via itsme, via de app van de bank, via Mijn VDAB. Een smartphone hebben ze soms wel, maar met een kapot scherm en zonder mobiele data. En de bib in ons dorp heeft maar twee computers.

**Interviewer**: Hoe vang je dat op?

**MA2**: Ik zit vaak zelf met de mensen achter mijn pc om hun sollicitatie te versturen. Dat is eigenlijk niet mijn taak, maar wie doet het anders? Sinds kort is er een digipunt in het gemeentehuis, één namiddag per week. Dat helpt een beetje.

**Interviewer**: En de VDAB, hoe verloopt die samenwerking?

**MA2**: De VDAB-consulent komt één keer per maand naar hier. Dat is te weinig. Voor mensen zonder vervoer is naar het VDAB-kantoor in de stad gaan al een hele opdracht. Dus dat ze naar hier komen, dat is goed, maar het zou vaker mogen.

**Interviewer**: Hoe zit het met de arbeidsmarkt in de regio?

**MA2**: Er zijn vacatures, vooral in de land- en tuinbouw, in de voedingsindustrie en in de zorg. Maar veel van dat werk is seizoenswerk of in ploegen. Voor een alleenstaande mama zonder kinderopvang is een vroege shift onmogelijk. En werkgevers hier kennen art. 60 vaak niet, ze denken dat het veel papierwerk is.

**Interviewer**: Gebruiken jullie art. 60?

**MA2**: Ja, we hebben een paar plaatsen in de eigen diensten: de technische dienst, de poetsdienst, het woonzorgcentrum. Dat geeft mensen werkervaring en een referentie. Maar na het contract valt de helft terug op een leefloon, omdat er geen vervolgjob is.

**Interviewer**: Wat zou er moeten veranderen?

**MA2**: Meer betaalbare woningen, beter openbaar vervoer, en tijd. Tijd om mensen echt te begeleiden. Nu heb ik zoveel dossiers dat ik vaak alleen maar brandjes blus. En misschien ook dat de VDAB en het OCMW echt één traject maken, in plaats van twee aparte dossiers.

**Interviewer**: Is er nog iets dat je kwijt wil?

**MA2**: Ja. Dat activering niet altijd werk betekent. Voor sommige mensen is het al een enorme stap dat ze elke week naar de zorgboerderij gaan of dat ze zelf hun post openen. Dat mag ook gezien worden.

**Interviewer**: Dankjewel voor je openheid.

**MA2**: Graag gedaan, en veel succes ermee.
"""

# Speaker attributes for `--speakers` (one row per speaker label; synthetic like the interviews).
SPEAKERS = """spreker;rol;dienst;gemeente
Interviewer;onderzoeker;;
MA1;maatschappelijk assistent;activeringsdienst;centrumstad
MA2;maatschappelijk assistent;sociale dienst;landelijke gemeente
"""
