"""The learning meeting (*læringsmøde*, phase 5): a template for its notes — what was tried,
what was learned, theory failure versus implementation failure, what changes, and who does what
by when. Filled in from the prototype iterations recorded since the last learning meeting;
about the latest learning meeting recorded as an activity, if there is one."""

from __future__ import annotations

from typing import Any

from nybureau.domain.records import Project
from nybureau.i18n import Msg
from nybureau.services.documents import rows
from nybureau.services.documents.parts import project_facts, source
from nybureau.services.documents.programme_rows import programme_rows
from nybureau.services.documents.registry import DocumentData, Needs, Section, Words, document


def _phase(spec) -> Any:
    """The phase of the prototypes: the one requiring teaching module 3, else the one
    requiring a learning meeting."""
    return (rows.phase_with(spec, "module_attendance", number=3)
            or rows.phase_with(spec, "activity", activity="learning_meeting"))


@document("learning-meeting", title=Words("Læringsmøde – skabelon til referat",
                                          "Learning meeting: notes template"),
          stem=Words("laeringsmoede", "learning-meeting"), needs=Needs.PROJECT,
          section=Section.PHASE_GUIDES,
          available=lambda scope, _: scope.reached(_phase(scope.spec)))
def learning_meeting(tx, project: Project, lang: str) -> DocumentData:
    spec = tx.workflow_spec(project.workflow_definition_id)
    held = rows.activity_rows(tx, project, lang, kinds={"learning_meeting"})
    meeting = held[-1] if held else None
    previous = held[-2]["held_on"] if len(held) > 1 else None
    tried = []
    for p in tx.prototypes(project.id):
        if p.status == "dropped":
            continue
        for it in p.iterations:
            if previous is not None and it.held_on <= previous:
                continue  # talked over at an earlier learning meeting
            if meeting is not None and it.held_on > meeting["held_on"]:
                continue  # after this learning meeting: the next one's
            tried.append({"id": it.id, "prototype": p.title, "focus_area": p.focus_area,
                          "number": it.number, "place": it.place, "held_on": it.held_on,
                          "learned": it.learned or "", "changed": it.changed or ""})
    tried.sort(key=lambda t: (t["held_on"], t["prototype"], t["number"]))
    programme = programme_rows(spec, "learning_meeting", lang)
    return {
        "project": project_facts(tx, project, lang),
        "phase": rows.phase_block(spec, _phase(spec), lang),
        "meeting": meeting,
        "agents": rows.agents(tx, project),
        "tried": tried,
        "programme": programme,
        "sources": [
            programme["source"],
            *([source("activity", meeting["id"], meeting["title"])] if meeting else []),
            *[source("prototype_iteration", t["id"],
                     Msg("{prototype}, iteration {number}: what was tried, learned and changed",
                         prototype=t["prototype"], number=t["number"]).render(lang))
              for t in tried],
        ],
        "subject": project.slug,
    }
