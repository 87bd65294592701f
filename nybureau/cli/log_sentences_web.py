"""``nybureau log`` sentences for the web view (issue 15): signing in and out, grants,
members' approvals of minutes and the workshop's voting rounds. Merged into
:data:`nybureau.cli.log_sentences.SENTENCES`."""

from __future__ import annotations

from nybureau.cli.log_sentences import Sentence


def _signin(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    return ("Logget ind på webben med et personligt link.",
            "Signed in on the web with a personal link.")


def _signout(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    n = a.get("sessions") or 0
    if a.get("everywhere"):
        return (f"Logget ud på alle enheder ({n} {'session' if n == 1 else 'sessioner'}).",
                f"Signed out everywhere ({n} {'session' if n == 1 else 'sessions'}).")
    return "Logget ud på webben.", "Signed out on the web."


# -- members' approval of minutes (helper C) -----------------------------------------------
def _member_approve(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    who = a.get("person") or "Et medlem"
    who_en = a.get("person") or "A member"
    done, needed = a.get("approvals") or 0, a.get("required") or 0
    tail_da = " Dermed er udvalgets regel opfyldt." if a.get("met") else ""
    tail_en = " With it the body's rule is met." if a.get("met") else ""
    if a.get("rule") == "chair":
        return (f"{who} har godkendt referatet på webben (formanden godkender).{tail_da}",
                f"{who_en} approved the minutes on the web (the chair approves).{tail_en}")
    return (f"{who} har godkendt referatet på webben ({done} af {needed}).{tail_da}",
            f"{who_en} approved the minutes on the web ({done} of {needed}).{tail_en}")


def _minutes_rule(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    chair = a.get("minutes_rule") == "chair"
    return (f"Referater fra {w.body(a.get('body'), 'da')} godkendes nu på webben af "
            f"{'formanden alene' if chair else 'alle medlemmer, der deltog i mødet'}.",
            f"The minutes of {w.body(a.get('body'), 'en')} are now approved on the web by "
            f"{'the chair alone' if chair else 'every member who took part in the meeting'}.")


WEB: dict[str, Sentence] = {
    "web.signin": _signin,
    "web.signout": _signout,
    # helper C
    "minutes.member_approve": _member_approve,
    "body.minutes_rule": _minutes_rule,
}
