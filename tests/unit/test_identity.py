"""One person, one identity: name normalisation, folding, near matches, and that a merge of
two persons covers every column of the schema that refers to a person."""

from __future__ import annotations

import pytest

from nybureau.errors import InvalidInput
from nybureau.services import people
from nybureau.services.people import names as name_rules
from nybureau.services.people import close_matches, collapse, fold, is_near, near_names, normalise


@pytest.mark.parametrize("raw, stored", [
    ("Pia  Lund", "Pia Lund"),
    ("  Pia Lund ", "Pia Lund"),
    ("Pia\u00a0Lund", "Pia Lund"),           # a non-breaking space
    ("Pia \u2009 Lund", "Pia Lund"),         # a thin space among spaces
    ("Line Bo\u0308gh", "Line Bögh"),        # decomposed ö → NFC
    ("Ma\u030ads Lund", "Måds Lund"),        # a + combining ring → å
])
def test_normalise(raw, stored):
    assert normalise(raw) == stored
    assert collapse(raw) == stored


@pytest.mark.parametrize("bad", ["", "   ", "\u00a0", "Pia\nLund", "Pia\tLund"])
def test_normalise_refuses_what_a_name_cannot_be(bad):
    with pytest.raises(InvalidInput):
        normalise(bad)


def test_fold():
    assert fold("Line Bøgh Kjær") == fold("line bøgh kjaer") == "line boegh kjaer"
    assert fold("Mads Bøje") == fold("Mads Boeje")
    assert fold("Åse Ågård") == fold("aase aagaard")
    assert fold("René Østergård") == fold("rene oestergaard")


@pytest.mark.parametrize("a, b", [
    ("Line Bøgh Kjær", "Line Bøgh Kjaer"),
    ("Line Bøgh Kjær", "line bøgh kjær"),
    ("Mads Bøje", "Mads Boeje"),
    ("Lise Holm", "Lisa Holm"),              # one letter off, 8 letters
    ("Anne Marie Holm", "Annemarie Holm"),   # but for a space
    ("Hanne Kjær Sørensen", "Hanne Kjær Sørensn"),
    ("Camilla Høj Pedersen", "Camila Høj Pedersn"),  # two off in a long name
])
def test_near(a, b):
    assert is_near(a, b) and is_near(b, a)


@pytest.mark.parametrize("a, b", [
    ("Mette Hansen", "Mette Jensen"),        # two letters off: different people
    ("Bo Lund", "Bo Lun"),                   # five letters: too short for a letter off to count
    ("Ib Hansen", "Bo Hansen"),
    ("Anne Holm", "Anne Holm Berg"),
    ("Agent A", "Agent B"),                  # a letter off in a one-letter word
    ("Deltager 1", "Deltager 2"),
    ("Lis Holm", "Lise Holm"),               # a letter off in a three-letter word
])
def test_not_near(a, b):
    assert not is_near(a, b)


def test_near_names_closest_first_and_at_most_five():
    names = ["Line Bøgh Kjær", "Line Bøgh Kjaer", "Line Bøgh Kjær", "Line Bøg Kjær"] + \
        [f"Person Nummer{c}" for c in "abcdefghij"]
    assert near_names("line bøgh kjær", names)[:2] == ["Line Bøgh Kjaer", "Line Bøgh Kjær"]
    assert len(near_names("Person Nummer", names)) == name_rules.MAX_CANDIDATES


def test_close_matches_for_slugs():
    assert close_matches("rander", ["randers", "odder", "egelund"]) == ["randers"]
    assert close_matches("Randers", ["randers", "odder"]) == ["randers"]
    assert close_matches("xyz", ["randers", "odder"]) == []
    en, da = people.did_you_mean("rander", ["randers"])
    assert en == ' Did you mean "randers"?' and da == ' Mente du »randers«?'


def test_near_match_message():
    err = people.near_match_error("Line Bøgh Kjaer", ["Line Bøgh Kjær"])
    assert err.render("en") == ('No person is called "Line Bøgh Kjaer". Did you mean: '
                                '"Line Bøgh Kjær"? If this is a new person, repeat the command '
                                "with --new-person.")
    assert err.render("da") == ('Ingen person hedder »Line Bøgh Kjaer«. Mente du: '
                                '»Line Bøgh Kjær«? Er det en ny person, så gentag kommandoen '
                                "med --new-person.")


def test_merge_covers_every_column_that_refers_to_a_person():
    """A new table (or column) with a foreign key to person must be considered by `person
    merge` — what happens when both persons have such a row — and listed in
    PERSON_REFERENCES."""
    from nybureau.persistence import tables as t
    from nybureau.services.people.classification import PERSON_REFERENCES

    fks = {(table.name, col.name) for table in t.metadata.sorted_tables
           for col in table.columns for fk in col.foreign_keys
           if fk.column.table.name == "person"}
    assert fks == set(PERSON_REFERENCES), (
        "merge_persons (services/people/classification.py: PERSON_REFERENCES) does not know "
        "these columns: "
        f"{sorted(fks - set(PERSON_REFERENCES))}")
    assert set(PERSON_REFERENCES.values()) <= {"collapse", "move"}


def test_name_references_are_free_text_columns():
    """Columns holding a person's name as text are rewritten by rename/merge; they exist and
    are classified as free text (so `person forget` finds them too)."""
    from nybureau.persistence import tables as t
    from nybureau.services.people.classification import FREE_TEXT, NAME_REFERENCES

    for table, cols in NAME_REFERENCES.items():
        for col in cols:
            assert col in t.metadata.tables[table].c
            assert col in FREE_TEXT[table]
