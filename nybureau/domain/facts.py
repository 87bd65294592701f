"""What a project has recorded, gathered in one snapshot that requirement kinds evaluate.

The persistence layer builds it with a handful of queries; requirement kinds only read it. The
snapshot is plain data so the workflow engine can be tested without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ProjectFacts:
    # (decision id, body) -> effective outcome (the latest final one; see vocabulary)
    decisions: dict[tuple[str, str], str] = field(default_factory=dict)
    # body -> number of members
    body_members: dict[str, int] = field(default_factory=dict)
    # person id -> full name of the project's documentation agents
    agents: dict[int, str] = field(default_factory=dict)
    # activity kind -> number of recorded activities (project's own and its network's)
    activity_counts: dict[str, int] = field(default_factory=dict)
    # (kind, number) -> person ids who attended, e.g. ("module", 1), ("network_meeting", 2)
    attendance: dict[tuple[str, int], frozenset[int]] = field(default_factory=dict)
    # further counts added by later features, e.g. {"governance_items": 12}
    counts: dict[str, int] = field(default_factory=dict)

    def held(self, kind: str, number: int) -> bool:
        return (kind, number) in self.attendance
