"""The texts an agenda item is written from: a decision's *sagsfremstilling* and *indstilling*,
the status item, and a network meeting's item for each project. :mod:`nybureau.services.meetings`
stores them (in Danish and English) when it plans a meeting; the decision paper in
:mod:`nybureau.services.documents` prints the same texts.
"""

from __future__ import annotations

from nybureau.domain.records import Project
from nybureau.domain.vocabulary import BODIES, join_words, label
from nybureau.i18n import Msg
from nybureau.services.documents.parts import decision_rows, phase_checklist, project_facts
from nybureau.workflow.spec import text


def decision_recommendation(spec, decision_id: str) -> dict[str, str]:
    found = spec.decision(decision_id)
    rec = found[1].recommendation if found else {}
    title = found[1].title if found else {"da": decision_id, "en": decision_id}
    return {"da": rec.get("da") or f"«{text(title, 'da')}» godkendes",
            "en": rec.get("en") or f"“{text(title, 'en')}” is approved"}


def decision_case_text(tx, project: Project, spec, decision_id: str, body: str | None,
                       lang: str) -> str:
    """The sagsfremstilling of a decision: the definition's description, then the project's own
    state — the phase, what the phase requires and how far it is, and earlier treatments."""
    from nybureau.rendering.dates import short_date

    phase, dspec = spec.decision(decision_id)
    parts = []
    if dspec.description.get(lang):
        parts.append(dspec.description[lang])
    words = [label(BODIES, b, lang) for b in dspec.by]
    if lang == "da":  # 'Ledelsen' → 'ledelsen' mid-sentence; 'MED-udvalget' stays
        words = [w[0].lower() + w[1:] if len(w) > 1 and w[1].islower() else w for w in words]
    bodies = join_words(words, lang)
    ptitle = text(phase.title, lang)
    if lang == "da":
        parts.append(
            f"{project.name} ({project.municipality}) er et projekt om nybureaukratisering "
            f"efter modellen «{text(spec.title, 'da')}». Beslutningen «{text(dspec.title, 'da')}» "
            f"hører til fase {phase.number}, «{ptitle}», og træffes af {bodies}.")
        if text(phase.purpose, "da"):
            parts.append(f"Om fasen: {text(phase.purpose, 'da')}")
    else:
        parts.append(
            f"{project.name} ({project.municipality}) is a Nybureaukratisering project "
            f"following the model “{text(spec.title, 'en')}”. The decision "
            f"“{text(dspec.title, 'en')}” belongs to phase {phase.number}, “{ptitle}”, and is "
            f"made by {bodies}.")
        if text(phase.purpose, "en"):
            parts.append(f"About the phase: {text(phase.purpose, 'en')}")
    earlier = decision_rows(tx, project, lang, decision_id)
    for d in earlier:
        line = (Msg("{body} treated the item on {short_date}: "
                    "{outcome}.", body=d['body'],
                    short_date=short_date(d['decided_on'], 'en'),
                    outcome=d['outcome'],
                    short_date_2=short_date(d['decided_on'], 'da')).render(lang))
        if d["note"]:
            line += f" {d['note']}"
        parts.append(line)
    return "\n\n".join(parts)


def status_case_text(tx, project: Project, lang: str) -> str:
    """The status item's text: the phase and its requirements, met or still missing."""
    facts = project_facts(tx, project, lang)
    if facts["completed"]:
        return Msg("The project is completed.").render(lang)
    head = Msg("The project is in phase {phase_number} of {phase_count}: "
               "{phase_title}. The phase requires:",
               phase_number=facts['phase_number'], phase_count=facts['phase_count'],
               phase_title=facts['phase_title']).render(lang)
    lines = [head]
    for r in phase_checklist(tx, project, project.phase, lang):
        mark = Msg("met").render(lang) if r["met"] else \
            (Msg("missing").render(lang) + (f": {r['missing']}" if r["missing"] else ""))
        lines.append(f"- {r['text']} ({mark})")
    return "\n".join(lines)


def network_project_case(tx, project: Project) -> dict[str, str]:
    """A network agenda's item for one project: its phase and its open points."""
    out = {}
    for lang in ("da", "en"):
        facts = project_facts(tx, project, lang)
        open_points = [r for r in phase_checklist(tx, project, project.phase, lang)
                       if not r["met"]]
        if facts["completed"]:
            head = Msg("{name} ({municipality}) is completed.", name=project.name,
                       municipality=project.municipality).render(lang)
        else:
            head = Msg("{name} ({municipality}) is in phase "
                       "{phase_number}: {phase_title}.", name=project.name,
                       municipality=project.municipality,
                       phase_number=facts['phase_number'],
                       phase_title=facts['phase_title']).render(lang)
        lines = [head]
        if open_points:
            lines.append(Msg("Open points:").render(lang))
            lines += [f"- {r['text']}" + (f" ({r['missing']})" if r["missing"] else "")
                      for r in open_points]
        elif not facts["completed"]:
            lines.append(Msg("The phase's requirements are met.").render(lang))
        out[lang] = "\n".join(lines)
    return out
