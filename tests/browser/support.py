"""What the browser tests do on every page: open it and wait for it, sign in through a link,
run axe-core, walk the page with the Tab key, measure its width."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.browser.conftest import WAIT, Server, unavailable

#: the WCAG 2.1 A and AA rules of axe-core
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

FOCUSABLE = ("a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), "
             "select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])")


def need_page(server: Server, rule: str, owner: str) -> None:
    """Skip (fail under NYBUREAU_REQUIRE_BROWSER=1) if the application has no route ``rule``."""
    if not server.has_page(rule):
        unavailable(f"the application has no page {rule} yet ({owner})")


def wait_for(driver, css: str, timeout: float = WAIT):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def wait_until(driver, predicate, timeout: float = WAIT, message: str = ""):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.2).until(
        lambda d: predicate(d), message)


def one(driver, css: str):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, css)


def every(driver, css: str) -> list:
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, css)


def open_page(driver, server: Server, path: str) -> None:
    driver.get(server.url(path))
    wait_for(driver, "main#indhold")


def text(driver) -> str:
    return one(driver, "body").text


def heading(driver) -> str:
    h1 = every(driver, "h1")
    assert len(h1) == 1, f"{driver.current_url}: {len(h1)} <h1> on the page"
    return h1[0].text


def click_and_wait(driver, element) -> None:
    """Press ``element`` (a submit button or a link) and wait for the next page."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    old = one(driver, "html")
    element.click()

    def gone(_driver) -> bool:
        # the old page's element is stale once the next page is there; Chromium may also
        # answer that the node no longer belongs to the document (the same thing, worded
        # as an inspector error while it swaps the pages)
        try:
            old.is_enabled()
        except WebDriverException:
            return True
        return False

    WebDriverWait(driver, WAIT).until(gone)
    wait_for(driver, "main#indhold")


def sign_in(driver, server: Server, name: str) -> None:
    """As a member does from the e-mail: open the personal link, press the one button."""
    open_page(driver, server, server.link(name))
    assert "Log ind" in heading(driver)
    click_and_wait(driver, one(driver, "main form button[type=submit]"))
    assert "/login/" not in driver.current_url
    assert name in one(driver, "header .who").text, "the header does not name the person"


def sign_out(driver) -> None:
    click_and_wait(driver, one(driver, "header form.signout button[type=submit]"))


def axe_violations(driver, source: str) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations on the current page (injected through the driver,
    which the page's Content-Security-Policy does not restrict)."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(source + "\n;return true;")
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},"
        " resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 5).map(n => n.html + ' — ' + n.failureSummary)}))))"
        ".catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));",
        AXE_TAGS)
    return result


def screenshot(driver) -> None:
    """With NYBUREAU_BROWSER_SCREENSHOTS=DIR, the page as a PNG in DIR (named by its path and
    the window's width), to look at what the tests saw."""
    folder = os.environ.get("NYBUREAU_BROWSER_SCREENSHOTS")
    if not folder:
        return
    path = urlsplit(driver.current_url).path.strip("/") or "front"
    path = re.sub(r"^login/.*", "login", path)  # never a sign-in token in a file name
    width = driver.execute_script("return window.innerWidth")
    name = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-")[:80] + f"-{width}px.png"
    Path(folder).mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(Path(folder) / name))


def assert_accessible(driver, source: str) -> None:
    """No axe violation, the document's language set, one <h1> (and a screenshot, if asked
    for)."""
    screenshot(driver)
    lang = driver.execute_script("return document.documentElement.lang")
    assert lang in ("da", "en"), f"{driver.current_url}: lang={lang!r}"
    heading(driver)
    violations = axe_violations(driver, source)
    assert not violations, f"{driver.current_url}: axe found\n" + "\n".join(
        f"- {v['id']} ({v.get('impact')}): {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in violations)


_DESCRIBE = """
const el = document.activeElement;
if (!el || el === document.body) return null;
const s = getComputedStyle(el);
return {key: el.outerHTML.slice(0, 160), tag: el.tagName.toLowerCase(),
        cls: el.className || '', outline: s.outlineStyle, width: parseFloat(s.outlineWidth) || 0,
        shadow: s.boxShadow, index: Array.from(document.querySelectorAll(arguments[0])).indexOf(el)};
"""


def tab_through(driver, limit: int | None = None) -> list[dict[str, Any]]:
    """Press Tab from the top of the page until focus comes back round (or ``limit`` times,
    by default a few more than the page has controls): what received focus, in order, each
    with its computed outline."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    if limit is None:
        limit = driver.execute_script(
            "return document.querySelectorAll(arguments[0]).length;", FOCUSABLE) + 5

    driver.execute_script("window.scrollTo(0, 0); document.activeElement.blur();"
                          "document.body.focus();")
    seen: list[dict[str, Any]] = []
    for _ in range(limit):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        focused = driver.execute_script(_DESCRIBE, FOCUSABLE)
        if focused is None or (seen and focused["key"] == seen[0]["key"]
                               and focused["index"] == seen[0]["index"]):
            break
        seen.append(focused)
    return seen


def assert_keyboard(driver) -> None:
    """Tab from the top reaches the skip link first, then every control of the page, each
    with a visible focus outline."""
    reached = tab_through(driver)
    assert reached, f"{driver.current_url}: Tab reaches nothing"
    assert "skip" in reached[0]["cls"], f"the first Tab stop is not the skip link: {reached[0]}"
    visible = driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]))"
        ".map((el, i) => [i, el.getClientRects().length > 0 || el.classList.contains('skip'),"
        " el.outerHTML.slice(0, 160), el.type === 'radio' ?"
        " Array.from(document.forms).indexOf(el.form) + ':' + el.name : null])"
        ".filter(x => x[1]);", FOCUSABLE)
    got = {r["index"] for r in reached}
    # a group of radio buttons is one Tab stop (the arrow keys move inside it)
    groups = {radio for i, _vis, _html, radio in visible if radio and i in got}
    missed = [html for i, _vis, html, radio in visible
              if i not in got and not (radio and radio in groups)]
    assert not missed, f"{driver.current_url}: Tab never reaches " + "; ".join(missed)
    for r in reached:
        assert (r["outline"] != "none" and r["width"] >= 2) or r["shadow"] not in ("", "none"), \
            f"{driver.current_url}: no visible focus on {r['key']}"


def horizontal_overflow(driver) -> int:
    """How many CSS pixels the page is wider than its viewport (0: no horizontal scroll)."""
    return driver.execute_script(
        "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth;")
