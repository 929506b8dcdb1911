"""The bundled sample corpus ingested as a user would (real extractor and linker), then an
incident told by two outlets opened in Debian's Chromium: both reports side by side with
their diverging tolls, the contested attribution with each side's sources, every report's
link explanation and the corroboration grade with its reason. Screenshot:
artifacts/screenshots/10-incident-linked.png."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from tests.web.test_browser import browser, page, serving, shot, sign_in  # noqa: F401

from tawthiq import api
from tawthiq.demo import SAMPLE_CSV_MAP, sample_paths
from tawthiq.review.users import add_user_in
from tawthiq.settings import Settings, use_settings
from tawthiq.store.db import session_scope
from tawthiq.store.read import live_event_condition
from tawthiq.store.tables import EventRow, IncidentRow

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def linked_server(tmp_path_factory):
    from tests.web.sample import PASSWORDS

    home = tmp_path_factory.mktemp("linked-home")
    settings = Settings(home=home)
    use_settings(settings)
    reports, tables = sample_paths()
    api.ingest(reports)
    api.ingest(tables, csv_map=SAMPLE_CSV_MAP)
    with session_scope(settings.db_url) as session:
        add_user_in(session, "analyst", "analyst", PASSWORDS["analyst"], by="system:test")
        counts = select(EventRow.incident_id, func.count(func.distinct(EventRow.document_id))
                        .label("n")).where(live_event_condition()).group_by(
            EventRow.incident_id).subquery()
        incident_id = session.scalar(
            select(IncidentRow.id).join(counts, counts.c.incident_id == IncidentRow.id)
            .where(counts.c.n >= 2).order_by(IncidentRow.id))
    with serving(settings) as base:
        yield base, incident_id
    use_settings(None)


def test_incident_told_by_two_outlets_shows_every_source(linked_server, page):  # noqa: F811
    base, incident_id = linked_server
    assert incident_id is not None, "no sample incident is told by two documents"
    sign_in(page, base, "analyst")
    page.goto(f"{base}/incidents/{incident_id}")
    assert page.locator("article.report").count() >= 2
    figures = page.locator("table.figures tbody tr")
    assert figures.count() >= 2
    tolls = {figures.nth(i).locator("td").nth(3).inner_text() for i in range(figures.count())}
    assert len(tolls) >= 2, f"the sources' tolls should diverge: {tolls}"
    assert page.locator(".sources .contested").is_visible()
    assert page.locator("ul.attributions li").count() >= 2
    explanations = page.locator("details.link-explanation")
    assert explanations.count() >= 2
    assert "joined the incident" in page.locator("main").inner_text()
    assert page.locator("table.comparisons td", has_text="place").count() >= 1
    grade = page.locator(".grade").first.inner_text()
    assert grade in {"contested", "confirmed", "fair", "weak"}
    assert page.locator(".grade-reason").first.inner_text().strip()
    shot(page, "10-incident-linked")
