"""The root command's table and its help as click prints it. GENERATED: do not edit.

Regenerate with ``python -m nybureau.cli._generate`` (tests/unit/test_startup.py fails while
this file is stale). Imported by the entry point before click, so it holds plain data only.
"""

#: root command → the modules of nybureau.cli that define it (the one listing it in COMMANDS
#: first, then the ones adding subcommands to it)
TABLE: dict[str, tuple[str, ...]] = {
    'activity': ('records', 'void_records'),
    'advance': ('phases',),
    'agent': ('projects',),
    'audit': ('admin',),
    'backup': ('admin',),
    'body': ('projects',),
    'decision': ('records', 'void_records'),
    'demo': ('demo',),
    'evaluation': ('evaluation', 'void_evaluation'),
    'export': ('admin',),
    'focus': ('workshop',),
    'import': ('admin',),
    'init': ('main',),
    'item': ('items', '_templates'),
    'log': ('phases',),
    'meeting': ('meetings', 'meeting_items', 'meeting_minutes'),
    'network': ('projects', 'trace'),
    'person': ('admin',),
    'project': ('projects',),
    'prototype': ('prototypes', 'void_prototypes'),
    'render': ('render',),
    'spreading': ('evaluation', 'void_evaluation'),
    'status': ('phases',),
    'survey': ('evaluation', '_templates', 'void_evaluation'),
    'trace': ('trace',),
    'workflow': ('workflows', 'admin'),
    'workshop': ('workshop', '_templates', 'void_workshop'),
}

#: the layout width of ROOT_HELP: click's width on a terminal of 80 columns or more
ROOT_HELP_WIDTH = 78

#: exactly what ``nybureau --help`` writes to stdout (and ``nybureau`` alone to stderr), in
#: Danish (the default language) and in English (NYBUREAU_LANG=en)
ROOT_HELP = (
    'Brug: nybureau [OPTIONS] COMMAND [ARGS]...\n'
    '\n'
    '  nybureau — fører Nybureaukratisering-projekter gennem deres seks faser.\n'
    '\n'
    '  Registrér beslutninger og aktiviteter, se hvad hver fase stadig mangler, og\n'
    '  flyt et projekt fra opbakning og organisering til evaluering og spredning,\n'
    '  med en fuld historik.\n'
    '\n'
    'Tilvalg:\n'
    '  --version       Vis versionen og afslut.\n'
    '  --db PATH|URL   Database: stien til en SQLite-fil eller en SQLAlchemy-URL\n'
    '                  (postgresql+psycopg://…). Standard:\n'
    '                  ~/.local/share/nybureau/nybureau.db.\n'
    '  --actor NAME    Hvem der registreres i historikken (standard: dit brugernavn\n'
    '                  i styresystemet).\n'
    '  --lang [da|en]  Sprog i beskeder og dokumenter (standard: da).\n'
    '  -h, --help      Vis denne hjælp og afslut.\n'
    '\n'
    'Kommandoer:\n'
    '  activity    Aktiviteter: opstartsmøder, seminarer, interview, moduler,...\n'
    '  advance     Flyt et projekt til næste fase, når alle krav er opfyldt.\n'
    '  agent       Dokumentationsagenter.\n'
    '  audit       Den manipulationssikre historik.\n'
    '  backup      En konsistent kopi af SQLite-databasen, sikker mens andre...\n'
    '  body        Et projekts organer: ledelsen, MED, styregruppen og grupperne.\n'
    '  decision    Beslutninger, faserne kræver (af ledelsen, MED,...\n'
    '  demo        Kør Odder Kommune-casen gennem alle seks faser, og vis dens...\n'
    '  evaluation  Evalueringen: spørgeskemaresultater før og efter, noter fra...\n'
    '  export      Eksportér alle registreringer (eller ét projekts) til en...\n'
    '  focus       Indsatsområder, som styregruppen beslutter efter de små...\n'
    '  import      Importér en fil lavet med `nybureau export` (det hele eller...\n'
    '  init        Opret databasen, eller opgradér den til denne versions...\n'
    '  item        Styringselementer fundet i kortlægningen: mål, regler og...\n'
    '  log         Projektets historik, ældste først: hvem ændrede hvad og...\n'
    '  meeting     Møder i MED, ledelsen, styregruppen … og netværksmøde 1–4.\n'
    '  network     Netværk af lokale projekter, der deler netværksmøde 1–4.\n'
    '  person      Personer: vis, omdøb og slå dem sammen; deres...\n'
    '  project     Lokale projekter: opret, vis liste, vis, importér et scenarie.\n'
    '  prototype   Prototyper på ny styring: afprøvet drypvis, med kriterier...\n'
    '  render      Dan et dokument som Markdown, HTML eller DOCX (som standard...\n'
    '  spreading   Spredning af erfaringerne: artikler, nyhedsbreve,...\n'
    '  status      Hvor et projekt står: dets fase, hvad fasen stadig mangler,...\n'
    '  survey      Spørgeskemarunder (før- og eftermåling) på de tre bundlinjer.\n'
    '  trace       Ét styringselements vej (ITEM: id eller nøjagtig titel):...\n'
    '  workflow    Workflow-definitionerne: den indbyggede model og dine egne...\n'
    '  workshop    Prioriteringsworkshoppen: stemmer om at fjerne, forandre...\n'
)

ROOT_HELP_EN = (
    'Usage: nybureau [OPTIONS] COMMAND [ARGS]...\n'
    '\n'
    '  nybureau — run Nybureaukratisering projects through their six phases.\n'
    '\n'
    '  Record decisions and activities, see what each phase still needs, and move a\n'
    '  project from backing and organisation to evaluation and spreading, with a\n'
    '  full audit history.\n'
    '\n'
    'Options:\n'
    '  --version       Show the version and exit.\n'
    '  --db PATH|URL   Database: an SQLite file path or a SQLAlchemy URL\n'
    '                  (postgresql+psycopg://…). Default:\n'
    '                  ~/.local/share/nybureau/nybureau.db.\n'
    '  --actor NAME    Who is recorded in the audit history (default: your OS user\n'
    '                  name).\n'
    '  --lang [da|en]  Language of messages and documents (default: da).\n'
    '  -h, --help      Show this message and exit.\n'
    '\n'
    'Commands:\n'
    '  activity    Activities: start-up meetings, seminars, interviews,...\n'
    '  advance     Move a project to its next phase when every requirement is...\n'
    '  agent       Documentation agents (dokumentationsagenter).\n'
    '  audit       The tamper-evident history.\n'
    '  backup      A consistent copy of the SQLite database, safe while others...\n'
    '  body        The bodies of a project: management, MED, steering group...\n'
    '  decision    Decisions the phases need (by management, MED, the steering...\n'
    '  demo        Run the Odder Kommune case through all six phases and print...\n'
    '  evaluation  The evaluation: survey results before and after, interview...\n'
    "  export      Export every record (or one project's) to a JSON file that...\n"
    '  focus       Focus areas (indsatsområder) the steering group decides,...\n'
    '  import      Import a file made by `nybureau export` (all of it, or...\n'
    "  init        Create the database, or upgrade it to this version's schema...\n"
    '  item        Governance items found in the mapping: goals, rules and...\n'
    "  log         The project's audit history, oldest first: who changed...\n"
    '  meeting     Meetings of MED, management, the steering group … and...\n'
    '  network     Networks of local projects that share network meetings 1–4.\n'
    '  person      Persons: list, rename and merge them; their personal data...\n'
    '  project     Local projects: create, list, show, import a scenario.\n'
    '  prototype   Prototypes of new governance: piloted drop by drop, with...\n'
    '  render      Render a document as Markdown, HTML or DOCX (Danish by...\n'
    '  spreading   Spreading the lessons: articles, newsletters, publications,...\n'
    '  status      Where a project stands: its phase, what the phase still...\n'
    '  survey      Survey rounds (baseline and follow-up) on the three bottom...\n'
    '  trace       The way of one governance item (ITEM: id or exact title):...\n'
    '  workflow    The workflow definitions: the built-in model and your own...\n'
    '  workshop    The prioritisation workshop: votes to remove, change or...\n'
)

ROOT_HELPS = {"da": ROOT_HELP, "en": ROOT_HELP_EN}
