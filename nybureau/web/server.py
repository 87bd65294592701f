"""Serving the web application with waitress: one process, or several on one listening socket.

One Python process runs one request's Python at a time, whatever its thread count: a page
costs 10–20 ms of CPU, so with a handful of members opening the agenda at once the answers
queue behind each other. ``processes`` > 1 binds the address once and forks that many
waitress processes that accept from the same socket, so every core serves pages. Everything a
request needs lives in the database (sessions, links, rate limits, rounds and votes), so any
process answers any request; each opens its own database connections after the fork.

The first process is a supervisor: it serves nothing, starts the workers, starts a worker
again if one dies (a worker that dies within seconds of starting, again and again, stops the
server with its exit code), and ends them all on Ctrl+C or SIGTERM.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import time
from typing import Any, Callable

from nybureau.i18n import Msg

#: a worker that stops within this many seconds of starting counts as failing to start
_QUICK_DEATH_S = 5.0
#: … and this many quick deaths in a row stop the server
_QUICK_DEATHS = 3


def can_fork() -> bool:
    """Whether this system can run several worker processes (fork: Linux, macOS, BSD)."""
    return hasattr(os, "fork")


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.set_inheritable(True)
    return sock


def _stderr(message: Msg) -> None:
    print(message.render("en"), file=sys.stderr, flush=True)


def serve(make_app: Callable[[], Any], host: str, port: int, *, threads: int,
          processes: int = 1, say: Callable[[Msg], None] = _stderr,
          **waitress_options: Any) -> int:
    """Serve the WSGI application ``make_app()`` on ``host:port`` until stopped; the exit
    code. With ``processes`` > 1 (where :func:`can_fork`), that many worker processes, each
    with its own application (made after the fork) and ``threads`` threads; ``say`` tells the
    person running it when a worker stops."""
    import waitress

    options = dict(threads=threads, ident="nybureau", **waitress_options)
    try:
        if processes <= 1:
            server = waitress.create_server(make_app(), host=host, port=port, **options)
        else:
            sock = _listen(host, port)
    except OSError as exc:
        raise _cannot_listen(host, port, exc) from None
    if processes <= 1:
        try:
            server.run()
        except KeyboardInterrupt:
            pass
        finally:
            server.close()
        return 0
    return _Supervisor(make_app, sock, processes, options, say).run()


def _cannot_listen(host: str, port: int, exc: OSError):  # noqa: ANN202 - an InvalidInput
    from nybureau.errors import InvalidInput

    reason = exc.strerror or str(exc)
    return InvalidInput(Msg("nybureau cannot listen on {host} port {port} ({reason}). If another "
                            "program (or another nybureau serve) uses that port, give another "
                            "with --port; for --host, give an address of this machine.",
                            host=host, port=port, reason=reason))


class _Supervisor:
    def __init__(self, make_app: Callable[[], Any], sock: socket.socket, processes: int,
                 options: dict[str, Any], say: Callable[[Msg], None]) -> None:
        self.make_app, self.sock, self.count, self.options = make_app, sock, processes, options
        self.say = say
        self.workers: dict[int, float] = {}  # pid → when it started
        self.stopping = False

    def run(self) -> int:
        previous = {s: signal.signal(s, self._stop) for s in (signal.SIGINT, signal.SIGTERM)}
        quick_deaths, code = 0, 0
        try:
            for _ in range(self.count):
                self._start()
            while self.workers:
                try:
                    pid, status = os.wait()
                except ChildProcessError:
                    break
                except InterruptedError:
                    continue
                started = self.workers.pop(pid, None)
                if started is None or self.stopping:
                    continue
                code = os.waitstatus_to_exitcode(status)
                quick = time.monotonic() - started < _QUICK_DEATH_S
                quick_deaths = quick_deaths + 1 if quick else 0
                if quick_deaths >= _QUICK_DEATHS:
                    self.say(Msg("A worker process stopped {times} times right after starting "
                                 "(exit code {code}); the server stops. The lines above say "
                                 "why.", times=quick_deaths, code=code))
                    self._stop(signal.SIGTERM, None)
                    return code or 1
                self.say(Msg("Worker process {pid} stopped (exit code {code}); another one "
                             "starts in its place.", pid=pid, code=code))
                time.sleep(0.5 if quick else 0)
                self._start()
        finally:
            for s, handler in previous.items():
                signal.signal(s, handler)
            self.sock.close()
        return 0

    def _start(self) -> None:
        pid = os.fork()
        if pid == 0:  # the worker
            code = 0
            try:
                for s in (signal.SIGINT, signal.SIGTERM):
                    signal.signal(s, signal.SIG_DFL)
                import waitress

                waitress.serve(self.make_app(), sockets=[self.sock], **self.options)
            except KeyboardInterrupt:
                pass
            except BaseException as exc:  # noqa: BLE001 - reported, and the supervisor decides
                self.say(Msg("A worker process failed: {exc}", exc=exc))
                code = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        self.workers[pid] = time.monotonic()

    def _stop(self, signum: int, _frame: Any) -> None:
        self.stopping = True
        for pid in list(self.workers):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                self.workers.pop(pid, None)
