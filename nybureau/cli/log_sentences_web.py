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


# -- roles granted by hand and handed-over sign-in links -----------------------------
_ROLES = {"leader": ("projektleder", "project leader"), "secretary": ("sekretær", "secretary"),
          "reader": ("læser", "reader")}


def _grant_of(a) -> tuple[str, str, str, str]:  # noqa: ANN001
    da, en = _ROLES.get(a.get("role") or "", (a.get("role") or "", a.get("role") or ""))
    if a.get("project"):
        name = a.get("where") or a["project"]
        return da, en, f"projektet »{name}«", f"the project “{name}”"
    name = a.get("where") or a.get("network")
    return (da, en, f"alle projekter i netværket »{name}«",
            f"every project of the network “{name}”")


def _grant(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    da, en, where_da, where_en = _grant_of(a)
    return (f"{a.get('person')} har fået rollen som {da} i {where_da} på webben.",
            f"{a.get('person')} was given the role of {en} in {where_en} on the web.")


def _revoke(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    da, en, where_da, where_en = _grant_of(b)
    return (f"{b.get('person')} har ikke længere rollen som {da} i {where_da} på webben.",
            f"{b.get('person')} no longer has the role of {en} in {where_en} on the web.")


def _link(a, b, w) -> tuple[str, str]:  # noqa: ANN001
    n = int(a.get("minutes") or 0)
    return (f"Et personligt link til at logge ind er lavet til {a.get('person')} "
            f"(gyldigt i {n} {'minut' if n == 1 else 'minutter'}).",
            f"A personal sign-in link was made for {a.get('person')} "
            f"(valid for {n} {'minute' if n == 1 else 'minutes'}).")

# -- members' approval of minutes -----------------------------------------------------------
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
    # roles granted by hand, handed-over links
    "web.grant": _grant,
    "web.revoke": _revoke,
    "web.link": _link,

    # members' approval of minutes
    "minutes.member_approve": _member_approve,
    "body.minutes_rule": _minutes_rule,
}
