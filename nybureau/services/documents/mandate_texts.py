"""What the steering group's mandate (*kommissorium*) says, written from the project's records:
who the steering group answers to (the bodies that approve the organisation), what it may
change (course and budget, within what is not open for discussion), how it escalates, its
period, and how it meets — each as sentences in the document's language, so the Markdown and
HTML templates print the same text."""

from __future__ import annotations

from typing import Any

from nybureau.domain.records import Project
from nybureau.domain.vocabulary import join_words
from nybureau.services.documents.case_substance import date_of, q, w
from nybureau.services.documents.case_texts import KINDS, body_in_sentence, texts_of
from nybureau.services.documents.parts import paragraphs
from nybureau.workflow.spec import text


def approving_bodies(spec) -> list[str]:
    """The bodies that approve the project organisation (and with it the mandate): those of
    the workflow's organisation decision, else of its first decision; never the steering group
    itself."""
    found = [d for p in spec.phases for d in p.decisions if KINDS.get(d.id) == "organisation"]
    if not found:
        found = [d for p in spec.phases for d in p.decisions][:1]
    bodies = [b for b in (found[0].by if found else []) if b != "steering_group"]
    return bodies or ["management"]


def mandate_sections(tx, project: Project, spec, members: list[dict[str, Any]],
                     lang: str) -> dict[str, Any]:
    """The kommissorium's sections as blocks (see :func:`parts.paragraphs`)."""
    texts = texts_of(tx, project)
    bodies = approving_bodies(spec)
    who = join_words([body_in_sentence(b, lang) for b in bodies], lang)
    chair = next((m["name"] for m in members if (m.get("role") or "").lower()
                  .startswith(("formand", "chair"))), None)

    purpose = [w(lang, f"Styregruppen leder projektet {q(project.name, lang)} på vegne af {who} "
                       "og sikrer, at det gennemføres efter den godkendte projektbeskrivelse.",
                 f"The steering group leads the project {q(project.name, lang)} on behalf of "
                 f"{who} and makes sure it is carried out according to the approved project "
                 "description.")]
    if "purpose" in texts:
        purpose.append(w(lang, "Projektets formål:", "The project's purpose:") + "\n"
                       + texts["purpose"])

    mandate = [w(lang, "Styregruppen er projektets øverste besluttende organ. Den har mandat til "
                       "at ændre projektets kurs og økonomi inden for de rammer, som "
                       f"{who} har godkendt.",
                 "The steering group is the project's highest decision-making body. It may "
                 "change the project's course and budget within the frame "
                 f"{who} have approved.")]
    if "not_open" in texts:
        mandate.append(w(lang, "Mandatet omfatter ikke det, der ikke er til drøftelse:",
                         "The mandate does not cover what is not open for discussion:")
                       + "\n" + texts["not_open"])
    else:
        mandate.append(w(lang, "Hvad der ikke er til drøftelse, er endnu ikke beskrevet i "
                               "projektbeskrivelsen; indtil da gælder mandatet kun inden for "
                               "den godkendte projektbeskrivelse.",
                         "What is not open for discussion is not described in the project "
                         "description yet; until it is, the mandate holds only within the "
                         "approved project description."))

    escalation = [w(lang, "Beslutninger, der går ud over mandatet – en ændring af projektets "
                          "formål, en økonomi ud over den godkendte eller noget af det, der ikke "
                          f"er til drøftelse – indstiller styregruppen til {who}.",
                    "The steering group puts decisions beyond the mandate – a change of the "
                    "project's purpose, a budget beyond the one approved, or anything not open "
                    f"for discussion – to {who}.")]
    if chair:
        escalation.append(w(lang, f"Kan styregruppen ikke blive enig, forelægger formanden, "
                                  f"{chair}, sagen for {who}.",
                            f"If the steering group cannot agree, its chair, {chair}, puts the "
                            f"matter to {who}."))

    started = project.started_on
    ended = next((t.on_date for t in tx.transitions(project.id)
                  if t.to_phase == spec.final.id), None)
    last = spec.phases[-1]
    if ended:
        period = w(lang, f"Styregruppen virkede fra projektets start den {date_of(started, lang)} "
                         f"til projektets afslutning den {date_of(ended, lang)}.",
                   f"The steering group served from the project's start on "
                   f"{date_of(started, lang)} to its end on {date_of(ended, lang)}.")
    else:
        period = w(lang, f"Styregruppen virker fra projektets start den {date_of(started, lang)}, "
                         f"til projektet er afsluttet efter fase {last.number}, "
                         f"{q(text(last.title, lang), lang)}.",
                   f"The steering group serves from the project's start on "
                   f"{date_of(started, lang)} until the project ends after phase {last.number}, "
                   f"{q(text(last.title, lang), lang)}.")

    economy = (paragraphs(texts["economy"]) if "economy" in texts else
               paragraphs(w(lang, "Projektets økonomi er endnu ikke beskrevet i "
                                  "projektbeskrivelsen.",
                            "The project's finances are not described in the project "
                            "description yet.")))
    meetings = w(lang, "Styregruppen mødes, når en af dens beslutninger er klar til behandling, "
                       "og i øvrigt efter behov.",
                 "The steering group meets when one of its decisions is ready to be taken, "
                 "and otherwise as needed.")
    return {
        "purpose": paragraphs("\n\n".join(purpose)),
        "mandate": paragraphs("\n\n".join(mandate)),
        "escalation": paragraphs(" ".join(escalation)),
        "period": paragraphs(period),
        "economy": economy,
        "meetings": paragraphs(meetings),
        "approvers": who,
    }
