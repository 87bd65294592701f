"""The web view in a real browser: Debian's Chromium driven through its own chromedriver by
Selenium, against a real server (waitress in a thread, on a free loopback port) over a copy of
the demo database.

Nothing here downloads a browser or a driver: both are the system's (``/usr/bin/chromium`` and
``/usr/bin/chromedriver``, or NYBUREAU_CHROMIUM / NYBUREAU_CHROMEDRIVER), given to Selenium by
path, with Selenium Manager told to stay offline. Without them the tests are skipped — except
when NYBUREAU_REQUIRE_BROWSER=1 (CI sets it): then a missing browser, a missing axe-core
(NYBUREAU_AXE_JS, the path of axe.min.js) or a page of the URL contract that the application
does not have fails the run instead of skipping. NYBUREAU_BROWSER_SCREENSHOTS=DIR keeps a
screenshot of every page the tests check with axe.

The server, its database and the desk browser live for the whole session (starting Chromium
costs about a second); tests that need a person sign in through a fresh one-time link, as a
member does from the e-mail, and sign out (or drop their cookies) at the end.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("NYBUREAU_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("NYBUREAU_CHROMEDRIVER", "/usr/bin/chromedriver"))
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--disable-extensions", "--disable-default-apps",
         "--lang=da-DK")
DESK = (1280, 900)
PHONE = (375, 667)
NARROW = (320, 640)
WAIT = 10  # seconds a page or an element may take to appear


def required() -> bool:
    return os.environ.get("NYBUREAU_REQUIRE_BROWSER") == "1"


def unavailable(reason: str):
    """Skip, or under NYBUREAU_REQUIRE_BROWSER=1 fail, with ``reason``."""
    if required():
        pytest.fail(f"{reason} (NYBUREAU_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


@dataclass
class Server:
    base: str
    db_url: str
    app: Any

    @property
    def store(self):
        return self.app.config["NYBUREAU_STORE"]

    def url(self, path: str) -> str:
        return self.base + path

    def has_page(self, rule: str) -> bool:
        """Whether the application has a route like ``rule`` (``/m/<id>``: any converter and
        variable name)."""
        def shape(text: str) -> str:
            return re.sub(r"<[^>]*>", "<>", text)

        return any(shape(r.rule) == shape(rule) for r in self.app.url_map.iter_rules())

    def link(self, name: str) -> str:
        """A fresh one-time sign-in path for the person named ``name``."""
        from nybureau.services.web import make_link

        with self.store.transaction("test") as tx:
            person = tx.person_get(name)
            assert person is not None, name
            return f"/login/{make_link(tx, person.id)}"


def _axe_source() -> str | None:
    path = os.environ.get("NYBUREAU_AXE_JS")
    if path and Path(path).is_file():
        return Path(path).read_text(encoding="utf-8")
    return None


@pytest.fixture(scope="session")
def browser_available() -> None:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        unavailable(f"Chromium ({CHROMIUM}) and its driver ({CHROMEDRIVER}) are not installed "
                    "(Debian: apt-get install chromium chromium-driver)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        unavailable("selenium is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="session")
def axe_source(browser_available) -> str:
    source = _axe_source()
    if source is None:
        unavailable("axe-core is not available: set NYBUREAU_AXE_JS to the path of axe.min.js "
                    "(npm install axe-core@4.14.1)")
    return source


@pytest.fixture(scope="session")
def server(browser_available, tmp_path_factory):
    """The application served by waitress over HTTP on 127.0.0.1, over a copy of the demo."""
    from waitress import create_server

    from nybureau.persistence.store import Store
    from nybureau.services.admin import demo
    from nybureau.web import create_app

    path = tmp_path_factory.mktemp("browser") / "demo.db"
    url = f"sqlite:///{path}"
    s = Store(url)
    demo.run(s, "test")
    s.dispose()
    # Secure cookies as in production: Chromium keeps Secure cookies of http://localhost.
    app = create_app(url, secure_cookies=True)
    srv = create_server(app, host="127.0.0.1", port=0, threads=6, ident="nybureau-test")
    thread = threading.Thread(target=srv.run, name="waitress", daemon=True)
    thread.start()
    yield Server(base=f"http://localhost:{srv.effective_port}", db_url=url, app=app)
    srv.task_dispatcher.shutdown(timeout=5)  # the worker threads first, then the sockets
    srv.close()
    thread.join(timeout=5)
    app.config["NYBUREAU_STORE"].dispose()


class Browsers:
    """Starts Chromium instances and quits every one of them at the end."""

    def __init__(self) -> None:
        self.drivers: list[Any] = []
        self.dirs: list[str] = []

    def start(self, size: tuple[int, int] = DESK, *, mobile: bool = False):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must fetch nothing
        profile = tempfile.mkdtemp(prefix="nybureau-chromium-")
        self.dirs.append(profile)
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument(f"--window-size={size[0]},{size[1]}")
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        driver.set_page_load_timeout(30)
        self.drivers.append(driver)
        set_viewport(driver, size, mobile=mobile)
        return driver

    def stop(self, driver) -> None:
        """Quit one browser (a test's own, before the end of the session)."""
        if driver in self.drivers:
            self.drivers.remove(driver)
            try:
                driver.quit()
            except Exception:  # noqa: BLE001 - a driver that died already
                pass

    def quit(self) -> None:
        for driver in list(self.drivers):
            self.stop(driver)
        for profile in self.dirs:
            shutil.rmtree(profile, ignore_errors=True)


def set_viewport(driver, size: tuple[int, int], *, mobile: bool = False) -> None:
    """The page's viewport exactly ``size`` CSS pixels (a phone: ``mobile``, touch, DPR 2)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": size[0], "height": size[1], "deviceScaleFactor": 2 if mobile else 1,
        "mobile": mobile})
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": mobile})


@pytest.fixture(scope="session")
def browsers(browser_available, server):
    # (after the server: the browsers quit, and close their connections, before it stops)
    pool = Browsers()
    yield pool
    pool.quit()


@pytest.fixture(scope="session")
def desk_driver(browsers):
    return browsers.start(DESK)


@pytest.fixture
def desk(desk_driver, server):
    """The desk browser, signed out and at the desk's size, before and after the test."""
    _reset(desk_driver, server)
    yield desk_driver
    _reset(desk_driver, server)


def _reset(driver, server: Server) -> None:
    driver.get(server.url("/static/web.css"))  # a page of the site, to reach its cookies
    driver.delete_all_cookies()
    set_viewport(driver, DESK)
