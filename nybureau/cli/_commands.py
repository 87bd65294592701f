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
    'meeting': ('meetings',),
    'network': ('projects', 'trace'),
    'person': ('admin',),
    'project': ('projects',),
    'prototype': ('prototypes', 'void_prototypes'),
    'render': ('render',),
    'spreading': ('evaluation', 'void_evaluation'),
    'status': ('phases',),
    'survey': ('evaluation', 'void_evaluation'),
    'trace': ('trace',),
    'workflow': ('workflows', 'admin'),
    'workshop': ('workshop', 'void_workshop'),
}

#: the layout width of ROOT_HELP: click's width on a terminal of 80 columns or more
ROOT_HELP_WIDTH = 78

#: exactly what ``nybureau --help`` writes to stdout (and ``nybureau`` alone to stderr)
ROOT_HELP = (
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
