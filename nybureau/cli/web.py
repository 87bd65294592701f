"""``nybureau web``: the web view's sign-in links and roles — ``web link`` makes a one-time
link for a named person to hand over (printed, or as a QR code in the terminal), ``web grant``,
``web revoke`` and ``web grants`` keep the roles given by hand (project leader, secretary,
reader) of a project or a network (:mod:`nybureau.services.web`)."""

from __future__ import annotations

import os

import click

from nybureau.cli.app import App, NybureauGroup, echo, emit_json, esc, pass_app
from nybureau.cli.choices import Vocab
from nybureau.i18n import Msg

#: where ``nybureau serve`` listens by default, and so where a link points without --url
DEFAULT_URL = "http://127.0.0.1:8000"


def base_url(url: str | None) -> str:
    """The server's address a link is made for: --url, NYBUREAU_PUBLIC_URL, or serve's
    default address."""
    from nybureau.errors import InvalidInput

    value = (url or os.environ.get("NYBUREAU_PUBLIC_URL") or DEFAULT_URL).strip().rstrip("/")
    if not value.startswith(("http://", "https://")) or any(c.isspace() for c in value) \
            or len(value) > 300 or not value.split("://", 1)[1]:
        raise InvalidInput(Msg("'{url}' is not the address of a server: give it as "
                               "https://nybureau.odder.dk or http://127.0.0.1:8000.",
                               url=value[:80]))
    return value


def print_link(app: App, link: dict, qr: bool = False) -> None:
    """The link on a line of its own (never wrapped, so it can be copied), with whose it is
    and until when it can be used."""
    from nybureau.rendering.dates import formatter

    until = formatter("long_datetime", app.lang)(link["expires_at"])
    echo(app.t(Msg("A sign-in link for {name}, to be used once, by {until}:",
                   name=link["person"], until=until)))
    click.echo(link["url"])
    if qr:
        import segno

        segno.make(link["url"], error="m").terminal(compact=True)


@click.group("web", cls=NybureauGroup)
def web() -> None:
    """The web view (nybureau serve): sign-in links and roles."""


@web.command("link", epilog=(
    "\b\n"
    "Examples:\n"
    "  nybureau web link \"Birgitte Østergaard Nielsen\"\n"
    "  nybureau web link \"Birgitte Østergaard Nielsen\" --minutes 1440 \\\n"
    "      --url https://nybureau.odder.dk --qr"))
@click.argument("name", metavar='"FULL NAME"')
@click.option("--minutes", type=click.IntRange(1, 7 * 24 * 60), default=30,
              help="How long the link can wait before it is used (default 30 minutes, at "
                   "most a week).")
@click.option("--url", metavar="URL",
              help="The server's address (default NYBUREAU_PUBLIC_URL, else "
                   "http://127.0.0.1:8000).")
@click.option("--qr", is_flag=True, help="Also print the link as a QR code.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def web_link(app: App, name: str, minutes: int, url: str | None, qr: bool,
             as_json: bool) -> None:
    """Make a one-time sign-in link for a person, to hand over (by a message of your own, or
    shown as a QR code). The link is personal: whoever has it can sign in as the person
    once."""
    from nybureau.services.web.sessions import link_for

    base = base_url(url)
    with app.write() as tx:
        link = link_for(tx, name, base, minutes=minutes)
    if as_json:
        emit_json(link)
        return
    print_link(app, link, qr)


_SCOPE = [
    click.option("--project", "project", metavar="SLUG", help="The project."),
    click.option("--network", "network", metavar="SLUG",
                 help="The network (the role holds for every project of it)."),
    click.option("--role", type=Vocab("web_role"), required=True,
                 help="leader: every write of the project; secretary: its meetings and "
                      "minutes; reader: the public renders only."),
]


def _scoped(f):  # noqa: ANN001, ANN202
    for option in reversed(_SCOPE):
        f = option(f)
    return f


def _where(row: dict) -> str:
    return row["where"] or row["project"] or row["network"] or ""


@web.command("grant", epilog=(
    "\b\n"
    "Examples:\n"
    "  nybureau web grant \"Rikke Vestergaard Hansen\" --project odder-bostoette --role leader\n"
    "  nybureau web grant \"Hanne Kjær\" --network fremfaerd-nybureaukratisering --role reader"))
@click.argument("name", metavar='"FULL NAME"')
@_scoped
@pass_app
def web_grant(app: App, name: str, project: str | None, network: str | None,
              role: str) -> None:
    """Give a person a role on the web for a project or a network. Members of a body need
    no grant: they read their body's meetings and approve its minutes as members."""
    from nybureau.services.web.grants import ROLE_WORDS, grant

    with app.write() as tx:
        row = grant(tx, name, role, project=project, network=network)
    echo(app.t(Msg("{name} is now {role} of {where} on the web.", name=row["person"],
                   role=ROLE_WORDS[role]["en"], role_da=ROLE_WORDS[role]["da"],
                   where=_where(row))))


@web.command("revoke", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau web revoke \"Hanne Kjær\" --network fremfaerd-nybureaukratisering --role reader"))
@click.argument("name", metavar='"FULL NAME"')
@_scoped
@pass_app
def web_revoke(app: App, name: str, project: str | None, network: str | None,
               role: str) -> None:
    """Take a role on the web back from a person (their next page is read with what is
    left)."""
    from nybureau.services.web.grants import ROLE_WORDS, revoke

    with app.write() as tx:
        row = revoke(tx, name, role, project=project, network=network)
    echo(app.t(Msg("{name} is no longer {role} of {where} on the web.", name=row["person"],
                   role=ROLE_WORDS[role]["en"], role_da=ROLE_WORDS[role]["da"],
                   where=_where(row))))


@web.command("grants", epilog=(
    "\b\n"
    "Example:\n"
    "  nybureau web grants odder-bostoette --json"))
@click.argument("project", metavar="[PROJECT]", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def web_grants(app: App, project: str | None, as_json: bool) -> None:
    """The roles given on the web (of one project: its own and its network's)."""
    from nybureau.services.web.grants import ROLE_WORDS, grants

    with app.read() as tx:
        rows = grants(tx, project)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        echo(app.t(Msg("No roles are given on the web.")))
        return
    from nybureau.cli.tables import col, make_table

    table = make_table([col(app.t(Msg("name")), "title"), col(app.t(Msg("role")), "text"),
                        col(app.t(Msg("project or network")), "text")])
    for r in rows:
        where = r["where"] if r["project"] else app.t(Msg("every project of the network "
                                                          "{name}", name=r["where"]))
        table.add_row(esc(r["person"] or ""), esc(ROLE_WORDS[r["role"]][app.lang]), esc(where))
    app.print(table)


COMMANDS = [web]
