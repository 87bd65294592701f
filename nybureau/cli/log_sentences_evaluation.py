"""``nybureau log`` sentences for evaluation by design (issue 16 §5): the evaluation design,
the implementation questionnaire and the interview log. Merged into
:data:`nybureau.cli.log_sentences.SENTENCES`."""

from __future__ import annotations

from nybureau.cli.log_sentences import Sentence
from nybureau.domain import substance as sub
from nybureau.domain.vocabulary import label


def _design(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    who = {lang: label(sub.EVALUATORS, a.get("evaluator") or "", lang) for lang in ("da", "en")}
    name = f" ({a['evaluator_name']})" if a.get("evaluator_name") else ""
    again = bool(b)
    return ((f"Evalueringsdesignet er {'ændret' if again else 'fastlagt'}"
             f"{w.on(a.get('decided_on'))[0]}; evaluator: {who['da']}{name}."),
            (f"The evaluation design was {'changed' if again else 'set'}"
             f"{w.on(a.get('decided_on'))[1]}; evaluator: {who['en']}{name}."))


def _rate(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    degree = a.get("degree") or ""
    return (f"Kerneelementet {a.get('element')} er vurderet i runden {a.get('round')}: "
            f"{label(sub.IMPLEMENTATION_DEGREES, degree, 'da')}.",
            f"The core element {a.get('element')} was assessed in the round {a.get('round')}: "
            f"{label(sub.IMPLEMENTATION_DEGREES, degree, 'en')}.")


def _interview(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    return (f"Et interview (rolle: {a.get('role')}) er logget{w.on(a.get('held_on'))[0]}.",
            f"An interview (role: {a.get('role')}) was logged{w.on(a.get('held_on'))[1]}.")


def _void_rating(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    return (f"Vurderingen af kerneelementet {a.get('element')} i runden {a.get('round')} er "
            f"annulleret. Begrundelse: {a.get('reason')}",
            f"The assessment of the core element {a.get('element')} in the round "
            f"{a.get('round')} was voided. Reason: {a.get('reason')}")


def _void_interview(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    return (f"Interviewet (rolle: {a.get('role')}){w.on(a.get('held_on'))[0]} er annulleret. "
            f"Begrundelse: {a.get('reason')}",
            f"The interview (role: {a.get('role')}){w.on(a.get('held_on'))[1]} was voided. "
            f"Reason: {a.get('reason')}")


EVALUATION: dict[str, Sentence] = {
    "evaluation.design": _design,
    "implementation.rate": _rate,
    "implementation.interview": _interview,
    "implementation.void_rating": _void_rating,
    "implementation.void_interview": _void_interview,
}
