"""``nybureau serve``: the web view (:mod:`nybureau.web`) on this machine, served by waitress.

It listens on 127.0.0.1 (this machine only) unless another address is asked for with
``--host``; then it warns that the server must sit behind a reverse proxy with TLS. Like a
notebook server printing its token URL, it prints a one-time sign-in link for the person
running it: ``--as NAME``, else the person named by ``NYBUREAU_ACTOR`` when one is.

Cookies are ``Secure`` when the public address is https (behind a reverse proxy with TLS) and
when it is this machine (127.0.0.1, localhost, ::1): Chromium and Firefox treat
http://127.0.0.1 and http://localhost as secure and keep Secure cookies from them. They are
not Secure on plain http to another address — which must not be used beyond a test, and is
warned about. ``X-Forwarded-For``/``-Proto``/``-Host``/``-Prefix`` are honoured only with
``--proxy`` (werkzeug's ProxyFix, one proxy in front), since a client could otherwise claim
any address and escape the sign-in rate limits.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import click

from nybureau.cli.app import App, echo, pass_app
from nybureau.i18n import Msg

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", "::", ""):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def secure_cookies_for(public_url: str) -> bool:
    """Whether cookies are Secure for a server reached at ``public_url`` (see the module)."""
    parts = urlsplit(public_url)
    return parts.scheme == "https" or _loopback((parts.hostname or "").lower())


def _person_running(app: App, tx, as_name: str | None):  # noqa: ANN001
    """The full name of the person to print a link for, or None."""
    from nybureau.services.people.identity import find_person

    if as_name:
        return find_person(tx, as_name)["full_name"]
    actor = os.environ.get("NYBUREAU_ACTOR")
    if actor and tx.person_get(actor.strip()) is not None:
        return actor.strip()
    return None


@click.command("serve", epilog=(
    "\b\n"
    "Examples:\n"
    "  nybureau --db demo/nybureau-demo.db serve --as \"Rikke Vestergaard Hansen\"\n"
    "  nybureau serve --host 0.0.0.0 --port 8080 --proxy \\\n"
    "      --public-url https://nybureau.odder.dk --threads 8\n"
    "\b\n"
    "Anything but 127.0.0.1 must sit behind a reverse proxy with TLS (README: Web view)."))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="The port to listen on.")
@click.option("--as", "as_name", metavar='"FULL NAME"',
              help="Print a sign-in link for this person (default: the person named by "
                   "NYBUREAU_ACTOR, if there is one).")
@click.option("--threads", type=click.IntRange(1, 64), default=4, show_default=True,
              help="How many requests are served at once.")
@click.option("--processes", type=click.IntRange(1, 64), default=1, show_default=True,
              help="How many worker processes serve on the one address (one per core on a "
                   "server; Linux and macOS).")
@click.option("--public-url", "public_url", metavar="URL",
              help="The address browsers use, e.g. https://nybureau.odder.dk behind a "
                   "reverse proxy (default NYBUREAU_PUBLIC_URL, else http://HOST:PORT).")
@click.option("--proxy", is_flag=True,
              help="Trust the X-Forwarded-* headers of one reverse proxy in front.")
@click.option("--check", is_flag=True,
              help="Check the database and the settings, print the address and the link, "
                   "and stop without serving.")
@pass_app
def serve_command(app: App, host: str, port: int, as_name: str | None, threads: int,
                  processes: int, public_url: str | None, proxy: bool, check: bool) -> None:
    """Serve the web view: members read agendas and minutes and approve minutes, workshop
    participants vote, project leaders see the portfolio. Prints a sign-in link for the
    person running it."""
    from nybureau.cli.web import base_url, print_link

    host = (host or "").strip()
    if not host or any(c.isspace() for c in host) or len(host) > 253:
        from nybureau.errors import InvalidInput

        raise InvalidInput(Msg("'{host}' is not an address to listen on: give an IP address "
                               "such as 127.0.0.1, or a host name.", host=host[:60]))
    from nybureau.web.server import can_fork

    if processes > 1 and not can_fork():
        from nybureau.errors import InvalidInput

        raise InvalidInput(Msg("--processes needs a system that can fork (Linux, macOS); "
                               "here, start one `nybureau serve --port …` per core and let "
                               "the reverse proxy spread the requests (README: Web view)."))
    public = base_url(public_url or os.environ.get("NYBUREAU_PUBLIC_URL")
                      or f"http://{_url_host(host)}:{port}")
    secure = secure_cookies_for(public)
    if not _loopback(host):
        echo(app.t(Msg("Warning: nybureau listens on {host}, so others on the network can "
                       "reach it. Run it behind a reverse proxy with TLS (https) and give "
                       "--public-url https://… and --proxy; see the README, “Web view”.",
                       host=host)), err=True)
        if not public.startswith("https://"):
            echo(app.t(Msg("Warning: the public address {url} is not https: from other "
                           "machines, sign-in links and session cookies would cross the "
                           "network unencrypted.", url=public)), err=True)
    with app.write() as tx:  # the database is there and upgraded; the link, if any
        tx.project_list()
        name = _person_running(app, tx, as_name)
        link = None
        if name is not None:
            from nybureau.services.web.sessions import link_for

            link = link_for(tx, name, public)
    if processes > 1:
        echo(app.t(Msg("nybureau serves the web view at {url} with {processes} processes of "
                       "{threads} threads (press Ctrl+C to stop).", url=public,
                       processes=processes, threads=threads)))
    else:
        echo(app.t(Msg("nybureau serves the web view at {url} (press Ctrl+C to stop).",
                       url=public)))
    if link is not None:
        print_link(app, link)
    else:
        echo(app.t(Msg("To get a sign-in link printed here, start it with --as \"Full Name\" "
                       "(or set NYBUREAU_ACTOR to your name); `nybureau web link \"Full "
                       "Name\"` makes one for anyone.")))
    if check:
        return
    app.store.dispose()  # each worker opens its own connections
    code = _serve(app, host, port, threads=threads, processes=processes, public=public,
                  secure=secure, proxy=proxy)
    if code:
        raise SystemExit(code)


def _serve(app: App, host: str, port: int, *, threads: int, processes: int, public: str,
           secure: bool, proxy: bool) -> int:
    from nybureau.web import create_app
    from nybureau.web.server import serve

    def make_app():  # noqa: ANN202 - a Flask application
        web_app = create_app(app.db, secure_cookies=secure, public_url=public,
                             connections=threads)
        if proxy:
            from werkzeug.middleware.proxy_fix import ProxyFix

            web_app.wsgi_app = ProxyFix(web_app.wsgi_app, x_for=1, x_proto=1,  # type: ignore[method-assign]
                                        x_host=1, x_prefix=1)
        return web_app

    return serve(make_app, host, port, threads=threads, processes=processes,
                 say=lambda message: echo(app.t(message), err=True),
                 clear_untrusted_proxy_headers=not proxy)


COMMANDS = [serve_command]
