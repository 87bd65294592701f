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


# -- D: the workshop's voting rounds --------------------------------------------------------------

def _round_open(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    title = a.get("title")
    da_title = f" (»{title}«)" if title else ""
    en_title = f" (“{title}”)" if title else ""
    da_on, en_on = w.on(a.get("voted_on"))
    return (f"En afstemningsrunde til workshoppen{da_title} er åbnet på webben med koden "
            f"{a.get('code')}; stemmerne registreres{da_on}.",
            f"A workshop voting round{en_title} was opened on the web with the code "
            f"{a.get('code')}; the votes are recorded{en_on}.")


def _round_close(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    votes = a.get("votes") or 0
    people = a.get("participants") or 0
    return (f"Afstemningsrunden {a.get('code')} er lukket: "
            f"{votes} {'stemme' if votes == 1 else 'stemmer'} fra "
            f"{people} {'deltager' if people == 1 else 'deltagere'}.",
            f"The voting round {a.get('code')} was closed: "
            f"{votes} {'vote' if votes == 1 else 'votes'} from "
            f"{people} {'participant' if people == 1 else 'participants'}.")


WEB: dict[str, Sentence] = {
    "workshop.round_open": _round_open,
    "workshop.round_close": _round_close,
    "web.signin": _signin,
    "web.signout": _signout,
}
