"""The root command's table: each command of ``nybureau`` and the modules that define it.

Kept by hand. The root group (:mod:`nybureau.cli.main`) imports only a command's own modules
when that command runs, so ``nybureau status`` never imports the code of ``render`` or
``import``; ``nybureau --help`` imports them all (click asks every command for its short help).
tests/unit/test_startup.py checks this table against the commands the modules really define:
when you add, rename or move a command, change the table in the same commit.
"""

#: root command → the modules of nybureau.cli that define it (the one listing it in COMMANDS
#: first, then the ones adding subcommands to it)
TABLE: dict[str, tuple[str, ...]] = {
    'action': ('actions',),
    'activity': ('records', 'void_records'),
    'advance': ('phases',),
    'agent': ('projects',),
    'audit': ('admin',),
    'backup': ('admin',),
    'body': ('projects', 'due', 'body_approval'),
    'decision': ('records', 'void_records'),
    'demo': ('demo',),
    'due': ('due',),
    'evaluation': ('evaluation', 'void_evaluation', 'evaluation_design'),
    'exemption': ('exemptions',),
    'export': ('admin',),
    'focus': ('workshop',),
    'import': ('admin',),
    'init': ('main',),
    'item': ('items', '_templates'),
    'log': ('phases',),
    'meeting': ('meetings', 'meeting_items', 'meeting_minutes', 'meeting_series', 'actions',
                'meeting_send'),
    'network': ('projects', 'trace', 'programme'),
    'note': ('notes', 'void_notes'),
    'outbox': ('mail',),
    'person': ('admin',),
    'project': ('projects',),
    'prototype': ('prototypes', 'void_prototypes'),
    'remind': ('due',),
    'render': ('render',),
    'spreading': ('evaluation', 'void_evaluation'),
    'status': ('phases',),
    'survey': ('evaluation', '_templates', 'void_evaluation'),
    'trace': ('trace',),
    'workflow': ('workflows', 'admin'),
    'workshop': ('workshop', '_templates', 'void_workshop', 'workshop_plan'),
    # the web view (issue 15)
    'serve': ('serve',),
    'web': ('web',),
    # risks, drivers and barriers; communication (issue 16 §6)
    'risk': ('risks',),
    'stakeholder': ('communication',),
}
