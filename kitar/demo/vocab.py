"""Invented Danish vocabulary for the demo generator: people, bodies, titles, sentences.

Every person here is made up. Tests check that no name of the real samples appears.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Anne", "Birgitte", "Camilla", "Dorte", "Eva", "Frederik", "Gitte", "Hans", "Ida", "Jakob",
    "Karina", "Lars", "Mads", "Nina", "Ole", "Pernille", "Rasmus", "Signe", "Torben", "Ulla",
    "Mikkel", "Helle", "Søren", "Lene", "Kasper", "Trine", "Jonas", "Line", "Bjarne", "Malene",
    "Christian", "Louise", "Morten", "Tine", "Asger", "Bodil", "Esben", "Freja", "Gustav", "Hanne",
)  # fmt: skip
MIDDLE_NAMES = ("Skov", "Holm", "Lund", "Dam", "Bech", "Krog", "Vang", "Friis")
SURNAMES = (
    "Aagesen", "Birkholm", "Dalsgaard", "Engholm", "Fjordside", "Grønbech", "Hvidberg",
    "Kjærsgaard", "Lindholt", "Mosbæk", "Nyvang", "Overgaard", "Ravnholt", "Skovbo", "Thorsager",
    "Ulvedal", "Vindelev", "Westergren", "Bøgelund", "Hald", "Lundsteen", "Moesgaard", "Norup",
    "Riisager", "Solgaard", "Tangmose", "Aalund", "Brandstrup", "Kastbjerg", "Lykkegaard",
    "Mørkholt", "Pilgaard", "Rosenvold", "Søndergård", "Toftlund", "Vadgaard", "Æbelø", "Ørsnæs",
)  # fmt: skip

# Organisations a presenter can come from (all known to pipelines/organisations.txt).
PRESENTER_ORGS = (
    "KL", "KL", "KL", "KOMBIT", "KOMBIT", "Digitaliseringsstyrelsen", "STIL", "Datatilsynet",
    "Danske Regioner", "Sundhedsdatastyrelsen",
)  # fmt: skip
COUNCIL = "Kommunernes It-Arkitekturråd"
COUNCIL_SHORT = "It-Arkitekturrådet"
COUNCIL_ROLES = ("Formand for Kommunernes It-Arkitekturråd", "Næstformand for It-Arkitekturrådet")

MUNICIPALITIES = ("Egeslev Kommune", "Bøgely Kommune", "Nørre Havbo Kommune", "Skårup Kommune")
COMMITTEES = (
    "Børne- og Ungeudvalget", "Kultur- og Fritidsudvalget", "Teknik- og Miljøudvalget",
    "Social- og Sundhedsudvalget", "Økonomiudvalget",
)  # fmt: skip
COUNCIL_ADDRESS = ("Lærkevej 7", "Postboks 4412", "9999 Fiktivby")
KL_LOCATION = "Kommunernes Hus, Lærkevej 7, mødelokale 3"
TOWN_HALL_ROOMS = ("Mødelokale 2, Rådhuset", "Byrådssalen", "Mødelokale Egen, Rådhuset")

MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip
WEEKDAYS = ("Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag")

# Invented system names used as sub-item and annex subjects.
SYSTEMS = (
    "Samarbejdsportalen", "Borgerblikket", "Ydelsesoverblikket", "Fælles Dataindgang",
    "Sagsnavet", "Læringsbroen", "Omsorgsoverblikket", "Dokumentsluse",
)  # fmt: skip

# Topic titles for the council: (title, subject phrase used in sentences).
COUNCIL_TOPICS = (
    ("Status på den fælleskommunale digitaliseringsstrategi", "digitaliseringsstrategien"),
    ("Sikkerhedsarkitektur på tværs af brugerportalsinitiativet", "sikkerhedsarkitekturen"),
    ("Fælles rammearkitektur for data om borgere og virksomheder", "rammearkitekturen"),
    ("Udbud af ny infrastruktur til dokumentudveksling", "dokumentudvekslingen"),
    ("Anvendelse af CPR-nummer i fælleskommunale løsninger", "brugen af CPR-nummer"),
    ("EU-udbud af fælles platform for digital post", "EU-udbuddet"),
    ("Standarder for e-handel i kommunerne", "e-handelsstandarderne"),
    ("Kunstig intelligens i sagsbehandlingen", "anvendelsen af kunstig intelligens"),
    ("Datadeling mellem kommuner og regioner", "datadelingen"),
    ("Governance for fælles it-arkitektur", "governancemodellen"),
    ("Ny model for bruger- og adgangsstyring", "brugerstyringen"),
    ("2030-fremskrivning af kommunernes it-udgifter", "fremskrivningen"),
    ("Ledelsesinformation på beskæftigelsesområdet", "ledelsesinformationen"),
    ("Fælles løsning for borgerrettet selvbetjening", "selvbetjeningsløsningen"),
    ("Kravspecifikation for den nye økonomiplatform", "kravspecifikationen"),
    ("Digital identitet og log-in for medarbejdere", "den digitale identitet"),
    ("Tilgængelighed på kommunernes hjemmesider", "tilgængelighedsarbejdet"),
    ("Evaluering af netværket for kommunale it-arkitekter", "netværket"),
)
CLOSED_COUNCIL_TOPICS = (
    ("Økonomi og tidsplan for udbud af fælles sagssystem", "udbuddet"),
    ("Forhandling med leverandøren af den fælles betalingsløsning", "forhandlingen"),
)
COMMITTEE_TOPICS = (
    ("Budgetopfølgning pr. 31. marts", "budgetopfølgningen"),
    ("Anlægsbevilling til renovering af Egeskolen", "renoveringen"),
    ("Kvalitetsstandard for specialundervisning", "kvalitetsstandarden"),
    ("Takster for dagtilbud", "taksterne"),
    ("Høring om ny skolestruktur", "skolestrukturen"),
    ("Evaluering af sommerferieaktiviteter", "evalueringen"),
    ("Digitaliseringsstrategi for skoleområdet", "digitaliseringsstrategien"),
    ("Ungdomsklubbernes åbningstider", "åbningstiderne"),
    ("Trafiksikkerhedsplan for skoleveje", "trafiksikkerhedsplanen"),
    ("Tilskud til foreningernes lokaleudgifter", "tilskudsordningen"),
)
CLOSED_COMMITTEE_TOPICS = (("Salg af kommunal grund ved Mosevej", "salget"),)

# Body sentences; {org}, {subject}, {month}, {year}, {next_year} are filled in.
SENTENCES = (
    "{org} har i foråret gennemført en analyse af {subject}, og resultaterne viser et betydeligt "
    "potentiale for kommunerne.",
    "Formålet er at understøtte den fællesoffentlige digitaliseringsstrategi og sikre, at "
    "kommunernes løsninger kan genbruge data på tværs af sektorer.",
    "Arbejdet tager udgangspunkt i den fælleskommunale rammearkitektur og de principper for "
    "sikkerhedsarkitektur, som rådet godkendte på sit seneste møde.",
    "Netværket af kommunale it-arkitekter har bidraget med input til de foreløbige anbefalinger.",
    "Løsningen skal kunne håndtere oplysninger om borgernes CPR-nummer, og der stilles derfor "
    "skærpede krav til logning og adgangskontrol.",
    "Kontrakten forventes sendt i EU-udbud i løbet af efteråret, så leverandøren kan påbegynde "
    "arbejdet primo {next_year}.",
    "Flere kommuner efterspørger fælles standarder for e-handel, da de nuværende kataloger er "
    "vanskelige at vedligeholde.",
    "Den nye 2030-fremskrivning af kommunernes udgifter peger på et stigende behov for "
    "automatisering af rutineprægede arbejdsgange.",
    "Erfaringerne fra brugerportalsinitiativet viser, at en tydelig governance er en "
    "forudsætning for at realisere de forventede gevinster.",
    "Der er behov for en fælles forståelse af roller og ansvar mellem kommunerne, {org} og "
    "leverandørerne.",
    "Sekretariatet har udarbejdet et udkast til en tidsplan, som fremgår af bilaget.",
    "Erfaringerne fra pilotkommunerne viser, at medarbejderne hurtigt tager de nye arbejdsgange "
    "til sig, når de inddrages tidligt i forløbet.",
    "Samtidig skal løsningen leve op til databeskyttelsesforordningens krav om dataminimering og "
    "sikker behandling af følsomme personoplysninger.",
    "Det forventes, at de første leverancer kan tages i brug i {month} {year}.",
    "Projektet er finansieret af den fælleskommunale digitaliseringspulje, og der er ikke behov "
    "for yderligere bevillinger i indeværende år.",
    "Styregruppen har besluttet at udskyde den endelige beslutning om valg af teknologi, indtil "
    "markedsdialogen er afsluttet.",
    "En række kommuner har peget på, at bruger- og adgangsstyring bør løses i fællesskab frem "
    "for i hver enkelt kommune.",
    "Børne- og Ungeudvalget i flere kommuner har efterspurgt en mere sammenhængende indsats på "
    "skoleområdet.",
    "Arkitekturrapporten beskriver, hvordan de fælleskommunale komponenter spiller sammen med de "
    "nationale infrastrukturløsninger.",
    "Kommunernes it-arkitekter har i den forbindelse udtrykt bekymring for tidsplanen og for "
    "kvaliteten af de tværgående snitflader.",
    "Det er vurderingen, at en fælles løsning vil reducere kommunernes samlede udgifter til drift "
    "og vedligeholdelse betydeligt.",
    "Initiativet indgår som en del af økonomiaftalen mellem regeringen og KL for {year}.",
    "Datakvaliteten i de eksisterende registre er varierende, hvilket gør det vanskeligt at "
    "sammenstille oplysninger på tværs af forvaltningerne.",
    "Der lægges op til, at arbejdet organiseres i tre spor med hver sin projektleder og en fælles "
    "styregruppe.",
    "Høringsperioden løber frem til udgangen af {month}, hvorefter de indkomne høringssvar "
    "behandles i sekretariatet.",
    "Informationssikkerheden vurderes løbende i samarbejde med kommunernes "
    "informationssikkerhedskoordinatorer.",
    "Der er desuden gennemført interview med udvalgte sagsbehandlere, ledere og "
    "systemadministratorer i fem kommuner.",
    "Analysen peger bl.a. på, at den tekniske gæld i de ældre fagsystemer udgør en væsentlig "
    "risiko for forsyningssikkerheden.",
    "Ændringerne kræver tilpasning af de kommunale fagsystemer, jf. den aftalte "
    "implementeringsplan.",
    "Endelig skal der tages stilling til, hvordan de fælles komponenter finansieres efter "
    "etableringsperioden.",
)

COMMITTEE_SENTENCES = (
    "Forvaltningen har i samarbejde med skolebestyrelserne udarbejdet et forslag til {subject}.",
    "Sagen behandles i Børne- og Ungeudvalget og oversendes herefter til Økonomiudvalget og "
    "Byrådet.",
    "Udgifterne afholdes inden for den eksisterende budgetramme på serviceområdet.",
    "Der har været afholdt dialogmøder med forældrebestyrelser, medarbejdere og ledere i løbet af "
    "{month}.",
    "Forslaget indebærer en mindreudgift på 1,2 mio. kr. årligt fra {next_year}.",
    "Administrationen vurderer, at {subject} kan gennemføres uden ændringer i "
    "personalenormeringen.",
    "Der er indkommet 14 høringssvar, som er samlet i vedlagte høringsnotat.",
    "Tidsplanen forudsætter, at anlægsarbejdet kan sendes i EU-udbud inden sommerferien.",
    "Sagen har betydning for kommunens 2030-fremskrivning af elevtallet, som viser et fald i de "
    "nordlige skoledistrikter.",
    "Ændringen vil blive evalueret efter et år, og udvalget vil modtage en status på resultaterne.",
)

BULLET_PHRASES = (
    "Fælles arkitekturstyring og tydelige beslutningsprocesser",
    "Gode data og effektiv datadeling mellem myndighederne",
    "Sikker identifikation og autentifikation af brugerne",
    "Genbrug af fælleskommunale komponenter i nye løsninger",
    "Standarder for e-handel og elektroniske fakturaer",
    "Kompetenceudvikling for kommunale it-arkitekter",
    "Ensartet logning af opslag på CPR-nummer",
    "Klare krav til leverandørernes dokumentation",
)
NUMBERED_PHRASES = (
    "Fælles arkitekturstyring",
    "Fælles rammer for gode data",
    "Fælles rammer for infrastruktur til datadeling",
    "Tværgående sikkerhedsarkitektur",
)

COMMITTEE_NUMBERED = (
    "Justering af budgetrammen",
    "Ny fordeling af timer mellem skolerne",
    "Tidsplan for inddragelse af brugerne",
    "Evaluering efter første år",
)
COMMITTEE_BULLETS = (
    "Dialogmøder med forældrebestyrelser og medarbejdere",
    "Tilpasning af åbningstider i sommerperioden",
    "Bedre skiltning ved skoleveje og stisystemer",
    "Digital booking af kommunale lokaler",
    "Samarbejde med de lokale idrætsforeninger",
)
RECOMMENDATION_CLAUSES = (
    "tager orienteringen om {subject} til efterretning",
    "drøfter forslaget til {subject} og giver input til det videre arbejde",
    "godkender den foreslåede tidsplan for {subject}",
    "drøfter de foreløbige anbefalinger, særligt med henblik på prioritering af leverancerne",
    "giver opbakning til, at der gennemføres en analyse af {subject}",
    "kommer med input til mulige risici og opmærksomhedspunkter",
    "godkender, at sekretariatet udarbejder et oplæg til en fælles sikkerhedsarkitektur",
)
COMMITTEE_CLAUSES = (
    "forslaget til {subject} godkendes",
    "udgifterne finansieres inden for den eksisterende ramme",
    "sagen oversendes til Økonomiudvalget og Byrådet",
    "orienteringen tages til efterretning",
    "forvaltningen udarbejder en evaluering af {subject} til udvalgets møde i {month}",
)
INPUT_TOPICS = (
    "Kommunernes rolle som identitetsgarant for medarbejdere og elever",
    "Ansattes muligheder for sikkert login ved behandling af følsomme data",
    "Ansvarsfordelingen mellem kommunerne, KL og KOMBIT i driftsfasen",
)
ANNEX_TITLES = (
    "Leveranceplan for {subject}",
    "Arkitekturrapport for {system}",
    "Høringssvar – {system_lower}",
    "Overordnet tidsplan for indsatsområderne",
    "Notat om {subject}",
    "Økonomisk overblik {year}",
)
