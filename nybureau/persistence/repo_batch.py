"""Repository methods that read the phase gate's facts for many projects at once, in a constant
number of statements.

A mixin of :class:`~nybureau.persistence.repository.Tx` (uses ``self.conn``).
``facts_many`` gives the same :class:`ProjectFacts` as ``Tx.facts`` for each project (a test
holds them equal); ``status`` for all projects and ``advance --all-ready`` use it instead of one
set of queries per project. (The many-project moves are in ``repo_projects``, the bulk audit in
``repo_history``.)
"""

from __future__ import annotations

from typing import Any

from nybureau.domain.facts import ProjectFacts
from nybureau.persistence.gatefacts import (  # noqa: F401  (paused_gc: re-exported)
    FactNeeds,
    paused_gc,
    read_facts,
)


class BatchRepo:
    def _tuples(self, stmt) -> list[tuple]:
        """All rows as the driver's plain tuples: for statements whose columns need no type
        conversion (integers and text), this skips building a Row object per row."""
        result = self.conn.execute(stmt)
        try:
            return result.cursor.fetchall()
        finally:
            result.close()

    # -- facts for the phase gate, for many projects ------------------------------------------
    def fact_needs(self, requirements) -> FactNeeds:
        """What ``requirements`` read of the facts, for ``facts_many(..., only=...)``."""
        return FactNeeds.of(requirements)

    def fact_rows(self, query, ids: list[int] | None, nets: list[int]) -> list[tuple]:
        """The rows of one fact query (the facts module's one interface to a reader)."""
        from nybureau.persistence.facts_sqla import fact_rows

        return fact_rows(self.conn, query, ids, nets)

    def facts_many(self, projects: list[dict[str, Any]],
                   only: FactNeeds | None = None, as_of: Any = None
                   ) -> dict[int, ProjectFacts]:
        """project id → the facts ``Tx.facts(project)`` gives, in one statement per fact
        query (:func:`~nybureau.persistence.gatefacts.read_facts`).

        ``only`` (optional) limits the reading to what some requirements need (see
        :class:`FactNeeds`): facts outside it are left empty, so they are right for those
        requirements only. Without it, the facts are complete. ``as_of`` (a date): the facts
        as they stood on that day."""
        if not projects:
            return {}
        return read_facts(self, projects, self.workflow_specs(projects), only, as_of)
