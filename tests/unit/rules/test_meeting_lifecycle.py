"""The meeting's rules (nybureau/domain/meetings.py) on their own, with no database: the
lifecycle (planned → held → minutes approved; cancelled), what may change in which state, and
the bilingual texts an agenda stores."""

from __future__ import annotations

import pytest

from nybureau.domain import meetings as rules


def test_the_states_and_their_labels_are_the_same_set():
    assert set(rules.STATES) == set(rules.STATUSES) == {"planned", "held", "approved",
                                                        "cancelled"}
    for label in rules.STATUSES.values():
        assert set(label) == {"da", "en"}


@pytest.mark.parametrize(("state", "event", "after"), [
    ("planned", "record", "held"),
    ("held", "record", "held"),          # a further outcome: still held
    ("approved", "record", None),
    ("cancelled", "record", None),
    ("planned", "approve", None),        # nothing recorded yet: no minutes
    ("held", "approve", "approved"),
    ("approved", "approve", None),
    ("cancelled", "approve", None),
    ("planned", "cancel", "cancelled"),
    ("held", "cancel", None),            # it was held
    ("approved", "cancel", None),
    ("cancelled", "cancel", None),
])
def test_transitions(state, event, after):
    assert rules.transition(state, event) == after


def test_every_path_starts_planned_and_ends_closed():
    state = "planned"
    for event in ("record", "record", "approve"):
        state = rules.transition(state, event)
    assert state == "approved" and rules.is_closed(state)
    assert rules.is_closed(rules.transition("planned", "cancel"))
    assert not rules.is_closed("planned") and not rules.is_closed("held")


@pytest.mark.parametrize("what", rules.CHANGES)
def test_what_may_change_in_which_state(what):
    assert rules.may_change("planned", what)
    assert rules.may_change("held", what)
    assert not rules.may_change("approved", what)
    assert not rules.may_change("cancelled", what)


def test_unknown_states_and_changes_are_programming_errors():
    with pytest.raises(ValueError):
        rules.may_change("postponed", "agenda")
    with pytest.raises(ValueError):
        rules.transition("postponed", "record")
    with pytest.raises(KeyError):
        rules.may_change("planned", "colour")
    with pytest.raises(KeyError):
        rules.transition("planned", "reopen")


def test_only_a_cancelled_meeting_has_no_documents():
    assert [s for s in rules.STATES if not rules.has_documents(s)] == ["cancelled"]


def test_standing_items_of_every_body_are_known_and_in_both_languages():
    for opening, closing in [*rules.STANDING_BY_BODY.values(), rules.DEFAULT_STANDING]:
        for key in (*opening, *closing):
            item = rules.STANDING[key]
            assert item["da"] and item["en"] and item["kind"] in rules.ITEM_KINDS
            if "rec" in item:
                assert set(item["rec"]) == {"da", "en"}
    assert rules.standing_for("med") == rules.STANDING_BY_BODY["med"]
    assert rules.standing_for("project_group") == rules.DEFAULT_STANDING


def test_network_themes_cover_the_four_network_meetings():
    from nybureau.domain.vocabulary import NUMBERED_ACTIVITIES

    lo, hi = NUMBERED_ACTIVITIES["network_meeting"]
    assert sorted(rules.NETWORK_THEMES) == list(range(lo, hi + 1))


# -- bilingual texts ---------------------------------------------------------------------------
def test_a_generated_text_is_given_in_the_language_asked():
    text = rules.both("dansk", "english")
    assert rules.is_bilingual(text)
    assert rules.in_lang(text, "da") == "dansk"
    assert rules.in_lang(text, "en") == "english"
    assert rules.in_lang({"da": "kun dansk"}, "en") == "kun dansk"


def test_a_users_text_that_looks_like_json_is_given_whole_in_both_languages():
    typed = '{"da": "skjult", "en": "vist"}'
    assert not rules.is_bilingual(typed)
    assert rules.in_lang(typed, "da") == typed
    assert rules.in_lang(typed, "en") == typed


def test_a_users_text_replaces_the_generated_one():
    generated = rules.both("genereret", "generated")
    assert rules.text_of(None, generated, "en") == "generated"
    assert rules.text_of("mit eget", generated, "en") == "mit eget"
    assert rules.text_of(None, None, "da") == ""
    assert rules.in_lang(None, "da") == ""
