"""The command line's message catalogue and the words it accepts: every help text has a Danish
translation and the committed .mo is current (else: edit the .po and run
``python -m nybureau.cli._catalogue --update``); the catalogue is read with the standard
library at run time (no Babel at start-up); every kind of audit event has a `log` sentence;
one vocabulary for the choices."""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from nybureau.cli import _catalogue, choices, i18n
from nybureau.cli.log_sentences import SENTENCES
from nybureau.domain.vocabulary import TRANSITION_KINDS

PACKAGE = Path(__file__).resolve().parents[2] / "nybureau"


def test_every_help_text_has_a_danish_translation_and_the_mo_is_current():
    problems = _catalogue.check()
    assert not problems, (
        "the message catalogue is incomplete or stale:\n  " + "\n  ".join(problems)
        + f"\nTranslate the texts in {_catalogue.PO.relative_to(PACKAGE.parent)} and run "
        f"`{_catalogue.UPDATE}`.")


def test_the_catalogue_is_read_with_the_standard_library():
    with _catalogue.MO.open("rb") as f:
        catalogue = gettext.GNUTranslations(f)
    assert catalogue.gettext("Record a decision's outcome.") == \
        "Registrér udfaldet af en beslutning."
    assert catalogue.gettext("Usage:") == "Brug:"
    assert catalogue.ngettext("Option {name!r} requires an argument.",
                              "Option {name!r} requires {nargs} arguments.", 2) == \
        "Tilvalget {name!r} kræver {nargs} værdier."
    assert i18n.catalogue("da").gettext("Options") == "Tilvalg"


def test_the_check_names_an_untranslated_text_and_its_command(monkeypatch, tmp_path):
    """A new command's help without a translation is reported with where it is shown."""
    real = _catalogue.command_texts

    def more():
        found = real()
        found["Frobnicate the project."] = ["nybureau frobnicate"]
        return found

    monkeypatch.setattr(_catalogue, "command_texts", more)
    problems = _catalogue.check()
    assert any("Frobnicate the project." in p and "nybureau frobnicate" in p for p in problems)
    assert any("stale" in p for p in problems)


def test_help_imports_no_babel(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NYBUREAU_")}
    env["HOME"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "nybureau", "decision", "record", "--help"],
        capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Registrér udfaldet af en beslutning." in result.stdout
    imported = {line.split("|")[-1].strip().split(".")[0]
                for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "babel" not in imported


# -- every kind of audit event has a sentence ----------------------------------------------------

_ACTION = re.compile(r"""\b_?audit\(\s*(?:tx,\s*)?["']([a-z_]+(?:\.[a-z_]+)+)["']"""
                     # a correction: _void(tx, project, "table", row, "x.void", …)
                     r"""|\b_void\([^()]*?["']([a-z_]+(?:\.[a-z_]+)*\.void)["']""")


def event_kinds() -> set[str]:
    """The actions the code records (``tx.audit("x.y", …)``, ``_audit(tx, "x.y", …)``), and
    ``phase.<kind>`` for every kind of phase transition."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        found |= {a or b for a, b in _ACTION.findall(path.read_text(encoding="utf-8"))}
    return found | {f"phase.{kind}" for kind in TRANSITION_KINDS}


def test_the_scan_finds_the_known_kinds():
    kinds = event_kinds()
    assert {"decision.record", "meeting.item.record", "person.forget", "phase.back",
            "project.import", "workshop.warning"} <= kinds


def test_every_event_kind_has_a_log_sentence():
    missing = sorted(event_kinds() - set(SENTENCES))
    assert not missing, (f"`nybureau log` shows these kinds of event as key=value: {missing}; "
                         "add a sentence to SENTENCES in nybureau/cli/log_sentences.py")


@pytest.mark.parametrize("action", sorted(SENTENCES))
def test_every_sentence_copes_with_an_event_that_recorded_little(action):
    from nybureau.cli.log_sentences import Words, sentence

    for lang in ("da", "en"):
        said, ok = sentence({"action": action, "after": {}, "before": {}}, Words(lang))
        assert ok and said and "None" not in said, (action, said)


# -- one vocabulary --------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(choices.TABLES))
def test_every_choice_accepts_its_id_and_both_labels_in_any_spelling(name):
    vocab = choices.Vocab(name)
    table = choices.TABLES[name][0]
    for code in vocab.codes:
        for word in (code, table[code]["da"], table[code]["en"]):
            for spelling in (word, word.upper(), word.replace("æ", "ae").replace("ø", "oe")
                             .replace("å", "aa"), word.replace(" ", "-")):
                assert vocab.convert(spelling, None, None) == code, (name, spelling)
    assert len(set(vocab.words["da"])) == len(vocab.codes)  # one Danish word per code


def test_the_danish_words_are_the_documents_words():
    assert choices.Vocab("outcome").words["da"] == [
        "godkendt", "godkendt_med_ændringer", "ikke_godkendt", "udsat", "taget_til_efterretning",
        "tiltrådt", "drøftet", "orienteret"]
    assert choices.Vocab("body").words["da"][:3] == ["ledelsen", "med", "styregruppen"]
    assert choices.Vocab("activity_kind").words["da"][:5] == [
        "opstartsmøde", "seminar", "interview", "observation", "workshop"]


def test_the_cli_has_no_plain_click_choice_left():
    """Every fixed choice goes through cli/choices.py (Danish words, case-insensitive)."""
    offenders = [p.name for p in (PACKAGE / "cli").glob("*.py")
                 if "click.Choice(" in p.read_text(encoding="utf-8")]
    assert not offenders, offenders
