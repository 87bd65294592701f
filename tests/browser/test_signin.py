"""In a real Chromium: the front page, signing in by a personal link, the portfolio and the
Odder project's page — each passing axe-core's WCAG 2.1 A/AA rules and usable from the
keyboard alone."""

from __future__ import annotations

from tests.browser.support import (
    assert_accessible,
    assert_keyboard,
    click_and_wait,
    heading,
    one,
    open_page,
    sign_in,
    sign_out,
    text,
)


def test_front_page_is_danish_accessible_and_keyboard_usable(desk, server, axe_source):
    open_page(desk, server, "/")
    assert desk.execute_script("return document.documentElement.lang") == "da"
    assert "Velkommen" in heading(desk)
    assert_accessible(desk, axe_source)
    assert_keyboard(desk)
    # the skip link, once pressed, moves focus to the content
    desk.execute_script("document.querySelector('a.skip').focus()")
    from selenium.webdriver.common.keys import Keys

    one(desk, "a.skip").send_keys(Keys.ENTER)
    assert desk.execute_script("return document.activeElement.id") == "indhold"


def test_english_is_one_link_away(desk, server, axe_source):
    open_page(desk, server, "/")
    click_and_wait(desk, one(desk, "header nav a[hreflang=en]"))
    assert desk.execute_script("return document.documentElement.lang") == "en"
    assert "Welcome" in heading(desk)
    assert_accessible(desk, axe_source)


def test_sign_in_by_link_then_out(desk, server, axe_source):
    open_page(desk, server, server.link("Rikke Vestergaard Hansen"))
    # the link shows one button (a mail scanner opening it signs nobody in)
    assert "Log ind" in heading(desk)
    assert_accessible(desk, axe_source)
    assert_keyboard(desk)
    click_and_wait(desk, one(desk, "main form button[type=submit]"))
    assert desk.current_url.endswith("/portfolio")
    assert "Rikke Vestergaard Hansen" in one(desk, "header .who").text
    cookie = desk.get_cookie("nybureau_session")
    assert cookie and cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "Lax"
    sign_out(desk)
    assert desk.get_cookie("nybureau_session") is None
    open_page(desk, server, "/portfolio")
    assert "Log ind" in text(desk) or "log ind" in text(desk)


def test_a_used_link_does_not_sign_in_again(desk, server):
    link = server.link("Camilla Høj Pedersen")
    open_page(desk, server, link)
    click_and_wait(desk, one(desk, "main form button[type=submit]"))
    desk.delete_all_cookies()
    open_page(desk, server, link)
    click_and_wait(desk, one(desk, "main form button[type=submit]"))
    assert "udløbet eller allerede brugt" in text(desk)
    assert desk.get_cookie("nybureau_session") is None


def test_portfolio_and_project_page(desk, server, axe_source):
    sign_in(desk, server, "Rikke Vestergaard Hansen")
    open_page(desk, server, "/portfolio")
    assert "Odder" in text(desk)
    assert_accessible(desk, axe_source)
    assert_keyboard(desk)
    click_and_wait(desk, one(desk, "main a[href='/p/odder-bostoette']"))
    assert desk.current_url.endswith("/p/odder-bostoette")
    assert_accessible(desk, axe_source)
    assert_keyboard(desk)
