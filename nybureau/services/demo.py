"""The demo: the Odder Kommune case (and a second municipality in the same network) loaded into
a fresh database and run through the phases by the same use cases the CLI calls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nybureau.services import history, scenario


def scenario_files() -> list[Path]:
    """The example scenarios, the Odder case first."""
    from nybureau.resources import data_dir

    files = sorted(data_dir("examples").glob("*/project.yaml"))
    return sorted(files, key=lambda p: (p.parent.name != "odder", p.parent.name))


def run(store, actor: str) -> list[dict[str, Any]]:
    """Import every example scenario (one transaction each); return their timelines."""
    store.init()
    slugs = []
    for path in scenario_files():
        data, name = scenario.read(path)
        with store.transaction(actor) as tx:
            slugs.append(scenario.run(tx, data, name)["project"])
    with store.transaction(actor, write=False) as tx:
        return [history.timeline(tx, slug) for slug in slugs]
