"""Issue 11, §4, carried through phases 4–6: a focus area, a prototype's iteration, an evaluation
note and a spreading activity record what has happened, so a date after today is refused —
through the CLI in English and Danish, exit code 1, the database unchanged; today's date and an
earlier one are accepted."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

TODAY = datetime.now(ZoneInfo("Europe/Copenhagen")).date()
FUTURE = (TODAY + timedelta(days=10)).isoformat()


@pytest.fixture
def project(cli):
    cli.ok('project create odder --name "Bostøtte" --municipality "Odder Kommune" '
           "--date 2025-01-06")
    cli.ok('item add odder --kind rule --title "Visitation" --date 2025-02-01')
    cli.ok('focus add odder "Mindre dokumentation" --item 1 --date 2025-03-01')
    cli.ok('prototype add odder "Færre skemaer" --focus-area 1')
    return "odder"


CASES = [
    (['focus', 'add', 'odder', 'Ny styring', '--item', '1', '--reason', 'To områder'],
     "a focus area is recorded when the steering group has decided it",
     "et indsatsområde registreres, når styregruppen har besluttet det"),
    (['prototype', 'iterate', 'odder', '1', '--place', 'Team Syd'],
     "an iteration is recorded when it has been tried out",
     "en afprøvning registreres, når den er gennemført"),
    (['evaluation', 'note', 'odder', 'learning_meeting', 'Læringsmøde', '--text', 'Tekst'],
     "an evaluation note is recorded when the interview or meeting has been held",
     "en evalueringsnote registreres, når interviewet eller mødet er holdt"),
    (['spreading', 'add', 'odder', 'newsletter', 'Nyhedsbrev 1', '--audience', 'Alle'],
     "a spreading activity is recorded when it has taken place",
     "en spredningsaktivitet registreres, når den har fundet sted"),
]


@pytest.mark.parametrize("args,en,da", CASES, ids=[c[0][0] + "-" + c[0][1] for c in CASES])
def test_a_future_date_is_refused_and_today_is_not(cli, snapshot, project, args, en, da):
    for lang, expected in (("en", en), ("da", da)):
        before = snapshot()
        result = cli([*args, "--date", FUTURE], lang=lang)
        assert result.exit_code == 1, result.output
        out = " ".join(result.output.split())
        assert expected in out and FUTURE in out and "Traceback" not in out
        assert snapshot() == before, "a refused command changed the database"
    cli.ok([*args, "--date", TODAY.isoformat()])
