"""In a real Chromium: the project leader opens a voting round for the Odder workshop on the
desk's screen; three phones (two at 375×667, one at 320×640) join by the short link, choose
their role in the governance chain and vote on every mapped item; the facilitator's tally
shows their votes, and the votes are in the database exactly once each."""

from __future__ import annotations

import re

from tests.browser.conftest import NARROW, PHONE, Server
from tests.browser.support import (
    assert_accessible,
    assert_keyboard,
    click_and_wait,
    every,
    heading,
    horizontal_overflow,
    need_page,
    one,
    open_page,
    sign_in,
    text,
    wait_until,
)

SLUG = "odder-bostoette"
VOTED = "Din stemme er afgivet"


def open_round(driver, server: Server, *, axe_source: str | None = None) -> str:
    """Sign in as the project leader, open a round; the join address shown (``/w/<code>``)."""
    sign_in(driver, server, "Rikke Vestergaard Hansen")
    open_page(driver, server, f"/p/{SLUG}/workshop")
    if axe_source:
        assert_accessible(driver, axe_source)
    form = one(driver, f"main form[action$='/p/{SLUG}/workshop/open']")
    click_and_wait(driver, form.find_element("css selector", "button[type=submit]"))
    assert re.search(rf"/p/{SLUG}/workshop/\d+$", driver.current_url), driver.current_url
    join = one(driver, "#join-link")
    address = join.get_attribute("href") or join.text
    found = re.search(r"/w/([A-Za-z0-9]+)", address)
    assert found, f"no join address in #join-link: {address!r}"
    return f"/w/{found.group(1)}"


def join_round(phone, server: Server, join: str) -> None:
    open_page(phone, server, join)
    click_and_wait(phone, one(phone, "#join"))
    assert phone.current_url.endswith(f"{join}/role"), phone.current_url


def choose_role(phone, index: int) -> str:
    radios = every(phone, "input[type=radio][name=chain_role]")
    assert len(radios) >= 3, "fewer than three roles in the governance chain to choose from"
    radio = radios[index % len(radios)]
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", radio)
    radio.click()
    role = radio.get_attribute("value")
    click_and_wait(phone, one(phone, "#save-role"))
    assert phone.current_url.endswith("/vote"), phone.current_url
    return role


def vote_on_everything(phone, points: int) -> list[str]:
    """Vote on each item's form in turn (the first verdict, ``points`` or the most allowed);
    the addresses voted at, one per item."""
    from selenium.webdriver.support.ui import Select

    forms = len(every(phone, "main form button.vote"))
    assert forms, "the voting page has no item to vote on"
    actions = []
    for _ in range(forms):
        buttons = every(phone, "main form button.vote")
        if not buttons:
            break
        form = buttons[0].find_element("xpath", "./ancestor::form")
        radio = form.find_elements("css selector", "input[type=radio][name=verdict]")[0]
        phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", radio)
        radio.click()
        select = Select(form.find_element("css selector", "select[name=points]"))
        values = [o.get_attribute("value") for o in select.options]
        select.select_by_value(str(points) if str(points) in values else values[-1])
        actions.append(form.get_attribute("action"))
        click_and_wait(phone, form.find_element("css selector", "button.vote"))
        # post/redirect/get: back on the voting page (a refusal stays on the vote's address)
        assert phone.current_url.split("#")[0].endswith("/vote"), text(phone)
    return actions


def post_again(phone, action: str) -> int:
    """POST a vote to ``action`` from the page, with its CSRF token: the answer's status."""
    return phone.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const csrf = document.querySelector('input[name=csrf]');"
        "const body = new URLSearchParams({csrf: csrf ? csrf.value : '', points: '0',"
        " verdict: arguments[1]});"
        "fetch(arguments[0], {method: 'POST', body: body, credentials: 'same-origin',"
        " redirect: 'manual'}).then(r => done(r.status)).catch(e => done(0));",
        action, "change")


def _votes(server: Server) -> int:
    from nybureau.services.common import get_project

    with server.store.read("test") as tx:
        return len(tx.votes(get_project(tx, SLUG)["id"]))


def test_three_phones_vote_and_the_tally_shows_it(browsers, server, axe_source):
    need_page(server, "/p/<slug>/workshop", "the facilitator's page")
    need_page(server, "/w/<code>", "joining a workshop")
    before = _votes(server)
    desk = browsers.start()
    join = open_round(desk, server, axe_source=axe_source)
    qr = one(desk, "#join-qr")
    assert qr.tag_name == "svg" or qr.find_elements("css selector", "svg"), \
        "the QR code is not an inline SVG"
    alternative = (qr.get_attribute("aria-label") or "") + qr.text + " ".join(
        e.get_attribute("aria-label") or e.get_attribute("textContent") or ""
        for e in qr.find_elements("css selector", "svg, svg title, [role=img]"))
    assert alternative.strip(), "the QR code has no text alternative"
    assert_accessible(desk, axe_source)
    assert_keyboard(desk)
    tally_before = one(desk, "#tally").text

    phones = [browsers.start(PHONE, mobile=True), browsers.start(PHONE, mobile=True),
              browsers.start(NARROW, mobile=True)]
    items = 0
    try:
        for n, phone in enumerate(phones):
            join_round(phone, server, join)
            if n == 0:
                assert_accessible(phone, axe_source)
            choose_role(phone, n)
            if n == 2:  # the narrow phone: no horizontal scroll, accessible, keyboard-usable
                assert horizontal_overflow(phone) <= 0, "the voting page scrolls sideways at 320 px"
                assert_accessible(phone, axe_source)
                assert_keyboard(phone)
            actions = vote_on_everything(phone, points=n + 1)
            items = len(actions)
            assert text(phone).count(VOTED) >= items, f"not every item shows »{VOTED}«"
            assert horizontal_overflow(phone) <= 0
        # every vote landed, once
        assert _votes(server) - before == 3 * items
        # a second vote on an item is neither offered nor, sent anyway, counted
        again = phones[0]
        open_page(again, server, f"{join}/vote")
        assert not every(again, "main form button.vote"), "an item can be voted on twice"
        refused = post_again(again, actions[0])
        assert 400 <= refused < 500, f"a second vote answered {refused}"
        assert _votes(server) - before == 3 * items
        # a participant's session reaches neither the portfolio nor a meeting page
        for path in ("/portfolio", f"/p/{SLUG}", "/m/2"):
            open_page(again, server, path)
            assert "Oversigt" not in heading(again) and "16. august 2017" not in text(again)
            assert "Projekterne" not in text(again)
    finally:
        for phone in phones:
            browsers.stop(phone)

    # the facilitator's tally refreshes by itself (tally.js) and counts the votes …
    wait_until(desk, lambda d: one(d, "#tally").text != tally_before, timeout=20,
               message="the tally did not refresh")
    # … and after a reload (the page works without JavaScript) shows the three participants
    desk.refresh()
    assert one(desk, "#tally").text != tally_before
    assert re.search(r"\b3\b", text(desk)), "the page does not count three participants"
    assert_accessible(desk, axe_source)
    # the facilitator closes the round
    close = one(desk, "main form[action$='/close'] button[type=submit]")
    click_and_wait(desk, close)
    browsers.stop(desk)
