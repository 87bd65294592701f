"""The records have exactly the columns of their tables (plus the joined fields they name), so a
migration that adds a column cannot forget its record."""

from __future__ import annotations

import dataclasses

import pytest

from nybureau.domain import records as r
from nybureau.persistence import tables as t


@pytest.mark.parametrize("table", sorted(r.TABLE_RECORDS))
def test_a_table_record_has_the_tables_columns(table):
    cls = r.TABLE_RECORDS[table]
    assert r.field_names(cls) == tuple(c.name for c in t.metadata.tables[table].columns)


@pytest.mark.parametrize("table", sorted(r.JOINED_RECORDS))
def test_a_joined_record_has_the_tables_columns_and_its_joined_fields(table):
    cls, joined = r.JOINED_RECORDS[table]
    assert r.field_names(cls) == (tuple(c.name for c in t.metadata.tables[table].columns)
                                  + joined)


def test_every_table_with_entities_has_a_record():
    # link tables and stored-as-is tables (admin/export reads them generically as dicts)
    generic = {"workflow_definition", "activity_attendee", "focus_area_item", "survey_response",
               "survey_answer", "meeting_person", "row_seal", "import_batch", "imported_event",
               "field_note_item"}
    assert set(t.metadata.tables) == set(r.TABLE_RECORDS) | set(r.JOINED_RECORDS) | generic


def test_records_are_frozen_with_slots():
    net = r.Network(id=1, slug="n", name="N", created_at=None, responsible_municipality=None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        net.slug = "m"  # type: ignore[misc]
    assert not hasattr(net, "__dict__")


def test_the_transitional_mapping_compatibility():
    net = r.Network(id=1, slug="n", name="N", created_at=None, responsible_municipality=None)
    assert net["slug"] == "n" and net.get("slug") == "n" and net.get("nope", 3) == 3
    assert "slug" in net and "nope" not in net
    assert list(net.keys()) == ["id", "slug", "name", "created_at", "responsible_municipality"]
    assert dict(net) == {**net} == dict(net.items()) == net
    with pytest.raises(KeyError):
        net["nope"]
    with pytest.raises(KeyError):
        net["nope"] = 1


def test_plain_turns_nested_records_into_dicts():
    att = r.Attachment(id=1, agenda_item_id=2, title="a", location="l", publishable=True,
                       created_at=None, voided_at=None, void_reason=None)
    assert r.plain({"x": [att], "y": (att,)}) == {"x": [dict(att)], "y": [dict(att)]}
    assert type(r.plain(att)) is dict
