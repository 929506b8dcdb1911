"""End to end in Debian's Chromium: the sample corpus's Arabic report and its English report
of one invented incident (the Kafr Nabl market strike) go through the whole pipeline and
become one incident, shown with both reports: the Arabic one right to left beside the English
fields, its witness redacted for a viewer as the English one's is. Screenshots go to
artifacts/screenshots/."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from tests.web.sample import PASSWORDS
from tests.web.test_browser import browser, page, serving, shot, sign_in  # noqa: F401

from tawthiq.settings import Settings, use_settings
from tawthiq.store.db import session_scope

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SAMPLES = ("2019-05-14-wire-kafr-nabl.txt", "2019-05-14-monitor-kafr-nabl-ar.txt")
WITNESS_AR = "محمود الحلاق"


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    """The two sample reports ingested by the real pipeline into a fresh home, users added,
    the app served on a free port; yields (base URL, incident id of the Arabic report)."""
    from sqlalchemy import select

    from tawthiq import api
    from tawthiq.review.users import add_user_in
    from tawthiq.store.tables import DocumentRow, EventRow

    home = tmp_path_factory.mktemp("arabic-browser-home")
    settings = Settings(home=home)
    use_settings(settings)
    folder = Path(str(resources.files("tawthiq").joinpath("samples")))
    outcomes = api.ingest([folder / name for name in SAMPLES])
    assert [o.status for o in outcomes] == ["stored", "stored"]
    with session_scope(settings.db_url) as session:
        for role in ("analyst", "viewer"):
            add_user_in(session, role, role, PASSWORDS[role], by="system:test")
        arabic = session.scalars(select(DocumentRow).where(DocumentRow.language == "ar")).one()
        incidents = {e.incident_id for e in session.scalars(
            select(EventRow).where(EventRow.document_id == arabic.id))}
        incident = incidents.pop()
    with serving(settings) as base:
        yield base, incident
    use_settings(None)


def test_arabic_and_english_reports_are_one_incident(linked, page) -> None:  # noqa: F811
    base, incident = linked
    sign_in(page, base, "analyst")
    page.goto(f"{base}/incidents/{incident}")
    reports = page.locator("article.report")
    assert reports.count() == 2
    texts = page.locator(".report-text")
    directions = {texts.nth(i).get_attribute("lang"):
                  texts.nth(i).evaluate("el => getComputedStyle(el).direction")
                  for i in range(texts.count())}
    assert directions == {"ar": "rtl", "en": "ltr"}
    arabic = page.locator('.report-text[lang="ar"]')
    assert "كفرنبل" in arabic.inner_text()
    assert arabic.locator("mark").count() >= 3          # evidence highlighted in the Arabic
    fields = page.locator("table.fields")
    assert fields.count() >= 2
    assert all("Kafr" in fields.nth(i).inner_text() for i in range(fields.count()))
    assert WITNESS_AR in page.content()                 # an analyst reads the witness
    shot(page, "11-incident-arabic-and-english-reports")


def test_a_viewer_gets_both_reports_with_the_witnesses_redacted(linked, page) -> None:  # noqa: F811
    base, incident = linked
    sign_in(page, base, "viewer")
    page.goto(f"{base}/incidents/{incident}")
    body = page.content()
    assert "كفرنبل" in body and "not yet analysed" not in body
    assert "الحلاق" not in body and "Hallak" not in body
    assert page.locator('.report-text[lang="ar"] .redacted').count() >= 1
    shot(page, "12-viewer-arabic-report-witness-redacted")
