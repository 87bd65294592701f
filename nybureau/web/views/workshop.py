"""The workshop's voting: the facilitator's pages (open a round, show its join address, QR code
and live tally, close it) and the participants' pages on their phones (join, choose a role in
the governance chain, vote). What may be done and what is recorded is decided in
:mod:`nybureau.services.web.rounds`; this module parses the requests and renders."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, g, jsonify, redirect, request, url_for
from markupsafe import Markup

from nybureau.errors import NybureauError
from nybureau.web import pages
from nybureau.web.app import reading, set_session_cookie, store

bp = Blueprint("workshop", __name__)


def _rounds():
    from nybureau.services.web import rounds

    return rounds


def join_url(code: str) -> str:
    """The address participants open: the public URL (NYBUREAU_PUBLIC_URL / --public-url), or
    the host the facilitator's browser asked for."""
    base = current_app.config.get("NYBUREAU_PUBLIC_URL") or request.host_url
    return base.rstrip("/") + url_for("workshop.join_page", code=code)


def qr_svg(url: str, lang: str) -> Markup:
    """The join address as an inline SVG QR code (``id="join-qr"``), its text alternative
    naming the address."""
    import segno

    from nybureau.i18n import Msg

    alt = Msg("QR code that opens {url}", url=url).render(lang)
    svg = segno.make(url, error="m").svg_inline(
        scale=1, border=4, omitsize=True, svgid="join-qr", svgclass="qr-code", light="#fff",
        dark="#000", title=alt)
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))


# -- the facilitator ----------------------------------------------------------------------------

@bp.get("/p/<slug>/workshop")
def index(slug: str):
    with reading() as tx:
        data = _rounds().round_list(tx, g.viewer, slug)
    return pages.page("web/workshop.html.j2", **data)


def _hours(value: Any) -> int:
    from nybureau.errors import InvalidInput
    from nybureau.i18n import Msg

    text = str(value or "").strip() or str(_rounds().ROUND_HOURS)
    if not (text.isascii() and text.isdigit()):
        raise InvalidInput(Msg("A voting round stays open from 1 to {most} hours, not {hours}.",
                               most=_rounds().MAX_ROUND_HOURS, hours=text[:20]))
    return int(text)


@bp.post("/p/<slug>/workshop/open")
def open_(slug: str):
    from nybureau.services.web import require_person

    viewer = require_person(g.viewer)
    hours = _hours(request.form.get("hours"))
    with store().transaction(viewer.actor) as tx:
        opened = _rounds().open_round(tx, viewer, slug, title=request.form.get("title"),
                                      hours=hours)
    return redirect(url_for("workshop.show", slug=slug, round_id=opened["id"]), code=303)


def _round_context(tx, slug: str, round_id: int) -> dict[str, Any]:
    data = _rounds().round_view(tx, g.viewer, slug, round_id)
    data["join_url"] = join_url(data["round"].code)
    return data


@bp.get("/p/<slug>/workshop/<int:round_id>")
def show(slug: str, round_id: int):
    with reading() as tx:
        data = _round_context(tx, slug, round_id)
    return pages.page("web/workshop_round.html.j2", qr=qr_svg(data["join_url"], g.lang),
                      **data)


@bp.get("/p/<slug>/workshop/<int:round_id>/tally.json")
def tally_json(slug: str, round_id: int):
    with reading() as tx:
        data = _round_context(tx, slug, round_id)
    t = data["tally"]
    return jsonify({
        "round": data["round"].code, "state": data["state"], "joined": data["joined"],
        "voted": data["voted"], "votes": t["votes"], "roles": data["roles"],
        "items": [{"id": e["id"], "title": e["title"], "votes": e["votes"],
                   "points": e["points"], "counts": e["counts"],
                   "verdict_points": e["verdict_points"], "chain": e["chain"],
                   "leading": e["leading"]} for e in t["items"]],
        "html": pages.render("web/workshop_tally.html.j2", **data),
        "summary": pages.render("web/workshop_summary.html.j2", **data),
    })


@bp.post("/p/<slug>/workshop/<int:round_id>/close")
def close(slug: str, round_id: int):
    from nybureau.services.web import require_person

    viewer = require_person(g.viewer)
    with store().transaction(viewer.actor) as tx:
        _rounds().close_round(tx, viewer, slug, round_id)
    return redirect(url_for("workshop.show", slug=slug, round_id=round_id), code=303)


# -- the participants ---------------------------------------------------------------------------

@bp.get("/vote")
def vote_page():
    """Where the front page sends a workshop voter: their round's ballot."""
    if g.viewer is not None and g.viewer.round_id is not None:
        with reading() as tx:
            rnd = tx.round_get(g.viewer.round_id)
        if rnd is not None:
            return redirect(url_for("workshop.ballot", code=rnd.code))
    return redirect(url_for("signin.home"))


@bp.get("/w/<code>")
def join_page(code: str):
    rounds = _rounds()
    with reading() as tx:
        rnd = rounds.round_by_code(tx, code)
        project = tx.round_project(rnd.id)
        state = rounds.state(rnd, tx.now)
    if g.viewer is not None and g.viewer.round_id == rnd.id and state == "open":
        return redirect(url_for("workshop.ballot", code=rnd.code))
    return pages.page("web/workshop_join.html.j2", round=rnd, project=project, state=state)


@bp.post("/w/<code>")
def join(code: str):
    from nybureau.services.web.sessions import VOTER_HOURS

    with store().transaction("web") as tx:
        cookie, voter = _rounds().join(tx, code, viewer=g.viewer, lang=g.lang)
        rnd = tx.round_get(voter.round_id)
    response = redirect(url_for("workshop.role", code=rnd.code), code=303)
    if cookie is not None:
        set_session_cookie(response, cookie, VOTER_HOURS)
    return response


@bp.get("/w/<code>/role")
def role(code: str):
    with reading() as tx:
        data = _rounds().ballot(tx, g.viewer, code)
    return pages.page("web/workshop_role.html.j2", **data)


@bp.post("/w/<code>/role")
def save_role(code: str):
    with store().transaction(g.viewer.actor if g.viewer else "web") as tx:
        _rounds().choose_role(tx, g.viewer, code, request.form.get("chain_role"))
    return redirect(url_for("workshop.ballot", code=_rounds().normalise_code(code)), code=303)


@bp.get("/w/<code>/vote")
def ballot(code: str):
    with reading() as tx:
        data = _rounds().ballot(tx, g.viewer, code)
    if data["voter"].chain_role is None:
        return redirect(url_for("workshop.role", code=data["round"].code))
    return pages.page("web/workshop_vote.html.j2", **data)


@bp.post("/w/<code>/vote/<int:item_id>")
def cast(code: str, item_id: int):
    rounds = _rounds()
    try:
        with store().transaction(g.viewer.actor if g.viewer else "web") as tx:
            rounds.vote(tx, g.viewer, code, item_id, verdict=request.form.get("verdict"),
                        points=request.form.get("points"))
    except NybureauError as exc:
        from nybureau.errors import AlreadyExists, Denied

        if isinstance(exc, Denied) and (g.viewer is None or g.viewer.round_id is None):
            raise
        # the refusal on the ballot itself, next to the item, so the phone stays on the page
        with reading() as tx:
            data = rounds.ballot(tx, g.viewer, code)
        status = (403 if isinstance(exc, Denied) else 409 if isinstance(exc, AlreadyExists)
                  else 400)
        return pages.page("web/workshop_vote.html.j2", status=status,
                          refusal=exc.render(g.lang), refused_item=item_id, **data)
    return redirect(url_for("workshop.ballot", code=rounds.normalise_code(code))
                    + f"#item-{item_id}", code=303)
