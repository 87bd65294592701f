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


WEB: dict[str, Sentence] = {
    "web.signin": _signin,
    "web.signout": _signout,
}
