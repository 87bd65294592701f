"""``Tx`` and the in-memory fake offer what the Protocols of ``domain/ports.py`` declare, with
the same parameters."""

from __future__ import annotations

import inspect

import pytest

from nybureau.domain import ports
from nybureau.persistence.memory import MemoryTx
from nybureau.persistence.repository import Tx

#: the aggregates the fake implements (substance, evaluation and admin run on SQLite only)
FAKED = ("projects", "people", "decisions", "activities", "meetings", "history", "facts")


def _members(protocol: type) -> list[str]:
    return [name for name, value in vars(protocol).items()
            if callable(value) and not name.startswith("_")]


def _params(fn) -> list[tuple[str, object, object]]:
    sig = inspect.signature(fn)
    return [(p.name, p.kind, p.default) for p in list(sig.parameters.values())[1:]]


@pytest.mark.parametrize("aggregate", sorted(ports.AGGREGATES))
def test_tx_implements_every_aggregate(aggregate):
    protocol = ports.AGGREGATES[aggregate]
    for name in _members(protocol):
        assert hasattr(Tx, name), f"Tx lacks {aggregate}.{name}"
        assert _params(getattr(Tx, name)) == _params(getattr(protocol, name)), name


@pytest.mark.parametrize("aggregate", FAKED)
def test_the_fake_implements_the_rule_aggregates(aggregate):
    protocol = ports.AGGREGATES[aggregate]
    for name in _members(protocol):
        assert hasattr(MemoryTx, name), f"the fake lacks {aggregate}.{name}"
        assert _params(getattr(MemoryTx, name)) == _params(getattr(protocol, name)), name


def test_every_public_method_of_tx_is_declared():
    declared = {n for p in ports.AGGREGATES.values() for n in _members(p)}
    public = {n for n, v in inspect.getmembers(Tx) if callable(v) and not n.startswith("_")}
    assert public - declared == set()
