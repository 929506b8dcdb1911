"""End to end in Debian's Chromium: an analyst opens the victim-list review queue (the three
sample lists imported), accepts one pair, rejects another and sees both decisions in the
audit table; a person's page shows the records of every list."""

from __future__ import annotations

import re

import pytest
from tests.web.test_browser import CHROMIUM_ARGS, chromium_path, shot

from support.server import served
from tawthiq.review.users import add_user_in
from tawthiq.settings import Settings, use_settings
from tawthiq.store.db import session_scope
from tawthiq.victims.store import import_list
from tawthiq.web.app import create_app
from victims.conftest import KEEPERS, sample_list

pytestmark = pytest.mark.browser
PASSWORD = "analyst-pass-1"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    settings = Settings(home=tmp_path_factory.mktemp("victims-browser-home"))
    use_settings(settings)
    for keeper in KEEPERS:
        import_list(sample_list(keeper), list_name=keeper)
    with session_scope(settings.db_url) as session:
        add_user_in(session, "analyst", "analyst", PASSWORD, by="system:test")
    with served(create_app(settings)) as base:
        yield base
    use_settings(None)


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                             args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        browser.close()
        assert not errors, f"JavaScript errors: {errors}"


def test_analyst_accepts_one_pair_and_rejects_another(server, page):
    page.goto(f"{server}/victims")
    assert "/login" in page.url
    page.get_by_label("Username").fill("analyst")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{server}/victims")
    pairs = page.locator("section.victim-pair")
    waiting = pairs.count()
    assert waiting >= 2
    first = pairs.first
    assert first.locator("table.side-by-side").inner_text().count("row") >= 2
    assert "family" in first.locator("table.weights").inner_text()
    shot(page, "victims-01-review-queue")

    accepted = first.get_attribute("id")
    first.get_by_role("button", name="Accept: one person").click()
    page.wait_for_url(re.compile(r".*/victims#decisions$"))
    assert page.locator("section.victim-pair").count() == waiting - 1
    second = page.locator("section.victim-pair").first
    rejected = second.get_attribute("id")
    second.get_by_label("Note").fill("two sisters")
    second.get_by_role("button", name="Reject: two people").click()
    page.wait_for_url(re.compile(r".*/victims#decisions$"))
    assert page.locator("section.victim-pair").count() == waiting - 2

    audit = page.locator("#decisions table").inner_text()
    assert f"victim_pair {accepted.removeprefix('pair-')}" in audit
    assert f"victim_pair {rejected.removeprefix('pair-')}" in audit
    assert "accept" in audit and "reject" in audit and "analyst" in audit
    assert "two sisters" in audit
    page.locator("#decisions").scroll_into_view_if_needed()
    shot(page, "victims-02-decisions")


def test_a_person_page_shows_records_of_every_list(server, page):
    from sqlalchemy import func, select

    from tawthiq.store.tables import VictimRecordRow

    with session_scope() as session:
        person = session.execute(
            select(VictimRecordRow.person_id).group_by(VictimRecordRow.person_id)
            .having(func.count(func.distinct(VictimRecordRow.list_id)) == 3)).scalars().first()
    page.goto(f"{server}/victims/persons/{person}")
    text = page.locator("table.records").inner_text()
    assert all(keeper in text for keeper in KEEPERS)
    shot(page, "victims-03-person")
