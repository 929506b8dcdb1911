"""End to end in Debian's Chromium (Playwright): sign in, filter, open an incident, see the
evidence, correct a field, see the audit entry, the map and the timeline, and as a viewer
see the witness redacted. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import re
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect
from tests.web.sample import PASSWORDS, WITNESS, WITNESS_AR, populate

from support.server import served
from tawthiq.settings import PROJECT_ROOT, Settings, use_settings
from tawthiq.store.db import session_scope
from tawthiq.web.app import create_app

pytestmark = pytest.mark.browser

SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
VENDOR = PROJECT_ROOT / "src" / "tawthiq" / "web" / "static" / "vendor"


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("chromium not found: run `make browser` (apt-get install -y chromium)")
    if not (VENDOR / "leaflet" / "leaflet.js").exists():
        pytest.fail("front-end libraries missing: run `make web-assets`")
    return path


@contextmanager
def serving(settings: Settings):
    """The app over ``settings`` on 127.0.0.1:<free port> in a thread, for the block."""
    with served(create_app(settings)) as base:
        yield base


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app on 127.0.0.1:<free port> in a thread, over a fresh home with the sample."""

    home = tmp_path_factory.mktemp("browser-home")
    settings = Settings(home=home)
    use_settings(settings)  # the gazetteer (region outlines) is read through the settings
    with session_scope(settings.db_url) as session:
        sample = populate(session)
    with serving(settings) as base:
        yield base, sample
    use_settings(None)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                              args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def shot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/incidents")
    assert "/login" in page.url
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORDS[username])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"^https?://[^/]+/incidents$"))  # not /login?next=/incidents


def test_analyst_reviews_an_incident(server, page):
    base, sample = server
    sign_in(page, base, "analyst")
    rows = page.locator("table.incidents tbody tr")
    assert rows.count() == 2
    shot(page, "01-incidents")

    page.get_by_label("Governorate").select_option("Rif Dimashq")  # htmx reloads the list
    expect(page.locator("table.incidents tbody tr")).to_have_count(1)
    assert "admin1=Rif" in page.url and "date_from=" not in page.url  # empty filters left out
    assert "Douma" in rows.first.inner_text()
    shot(page, "02-incidents-filtered")

    page.get_by_role("link", name="Shelling of Douma market").click()
    page.wait_for_url(re.compile(rf".*/incidents/{sample.market_incident}$"))
    marks = page.locator(".report-text mark")
    assert marks.count() >= 6
    assert "killing seven civilians" in page.locator("#d1-fatalities").inner_text()
    page.locator("a.quote", has_text="killing seven civilians").first.click()
    assert page.evaluate("document.activeElement.id || location.hash") in (
        "d1-fatalities", "#d1-fatalities")
    assert WITNESS in page.locator(".witnesses").first.inner_text()  # cleared role
    shot(page, "03-incident-evidence")

    form = page.locator(f"form[action='/events/{sample.market_event}/edit']")
    form.get_by_label("Correct").select_option("fatalities_high")
    form.get_by_label("to").fill("9")
    form.get_by_role("button", name="Save correction").click()
    page.wait_for_url(re.compile(r".*#history$"))
    history = page.locator("#history table").inner_text()
    assert "fatalities_high" in history and "analyst" in history and "9" in history
    assert "range 6–9" in page.locator("dl.summary").inner_text()
    page.locator("#history").scroll_into_view_if_needed()
    shot(page, "04-incident-history")


def open_map(page, base: str, username: str) -> None:
    sign_in(page, base, username)
    page.goto(f"{base}/map")
    page.wait_for_selector("#map[data-loaded='true']", state="attached", timeout=15000)


def test_map_and_timeline(server, page):
    base, sample = server
    open_map(page, base, "analyst")
    assert "2 incidents with a location" in page.locator("#map-status").inner_text()
    assert page.locator(".leaflet-marker-icon").count() >= 1
    shot(page, "05-map")
    page.locator(".leaflet-marker-icon").first.click()
    page.wait_for_selector(".leaflet-popup-content a")
    assert page.locator(".leaflet-popup-content a").first.get_attribute("href").startswith(
        "/incidents/")

    page.goto(f"{base}/timeline")
    page.wait_for_selector("#timeline[data-loaded='true']", state="attached", timeout=8000)
    assert page.locator("#timeline canvas").count() == 1
    assert page.locator("table.incidents tbody tr").count() == 2
    shot(page, "06-timeline")
    # Brush the first days (3 March is at the left edge): the list follows.
    over = page.locator("#timeline .u-over").bounding_box()
    page.mouse.move(over["x"] + 1, over["y"] + over["height"] / 2)
    page.mouse.down()
    page.mouse.move(over["x"] + over["width"] * 0.3, over["y"] + over["height"] / 2, steps=5)
    page.mouse.up()
    expect(page.locator("table.incidents tbody tr")).to_have_count(1)
    assert "date_from=" in page.url
    assert "Douma" in page.locator("table.incidents tbody").inner_text()
    shot(page, "07-timeline-brushed")


def test_offline_map_shows_syria_with_its_incidents(server, page):
    """With no tile URL and no gazetteer, country outlines from the world-atlas package (Natural
    Earth) are drawn and the view fits the incidents and the country they lie in, Syria, whose
    governorates Natural Earth outlines (issue #13 item 8)."""
    base, _sample = server
    open_map(page, base, "viewer")
    assert "country outlines (Natural Earth)" in page.locator("#map-status").inner_text()
    assert page.locator(".leaflet-countries-pane path").count() >= 200
    west, south, east, north = map(float, page.locator("#map").get_attribute("data-view")
                                   .split(","))
    assert west < 36.3 < east and south < 33.6 < north  # Douma, the sample's incidents
    assert west < 35.8 and east > 42.3 and south < 32.4 and north > 37.2  # all of Syria
    assert east - west < 20  # Syria, not the world
    shot(page, "11-map-offline-countries")


def test_the_map_view_leaves_out_a_point_far_from_the_others(server, page):
    base, _sample = server
    open_map(page, base, "viewer")
    points = [[33.57, 36.40], [36.20, 37.16], [35.13, 36.75], [34.73, 36.71], [40.7, -74.0]]
    assert page.evaluate(f"tawthiqMap.coreOf({points}).length") == 4
    assert page.evaluate(f"tawthiqMap.coreOf({points[:4]}).length") == 4


def test_viewer_sees_witnesses_redacted(server, page):
    base, sample = server
    sign_in(page, base, "viewer")
    page.goto(f"{base}/incidents/{sample.market_incident}")
    body = page.content()
    assert WITNESS.split()[1] not in body and WITNESS_AR.split()[0] not in body
    assert page.locator(".redacted").count() >= 3
    assert page.get_by_role("button", name="Save correction").count() == 0
    shot(page, "08-viewer-incident-redacted")
    page.goto(f"{base}/documents/{sample.arabic_document}")
    assert WITNESS_AR.split()[1] not in page.content()
    assert "not yet analysed for witness names" not in page.content()  # read, and redacted
    assert "سوق دوما" in page.locator(".report-text").inner_text()
    shot(page, "09-viewer-arabic-document-redacted")


def test_arabic_report_reads_right_to_left(server, page):
    base, sample = server
    sign_in(page, base, "analyst")
    page.goto(f"{base}/documents/{sample.arabic_document}")
    text = page.locator(".report-text")
    assert text.evaluate("el => getComputedStyle(el).direction") == "rtl"
    shot(page, "09b-analyst-arabic-document")


def test_keyboard_skip_link(server, page):
    base, _sample = server
    sign_in(page, base, "viewer")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_a_long_source_url_wraps_instead_of_widening_the_document_page(server, page):
    """Issue #13 item 8: a long URL overflowed the document page (now it wraps)."""
    from sqlalchemy import update

    from tawthiq.store.tables import DocumentRow

    base, sample = server
    url = "https://example.org/" + "a-very-long-path-segment-" * 20 + "?q=" + "x" * 200
    with session_scope() as session:
        session.execute(update(DocumentRow).where(DocumentRow.id == sample.checkpoint_document)
                        .values(url=url))
    sign_in(page, base, "analyst")
    page.goto(f"{base}/documents/{sample.checkpoint_document}")
    expect(page.locator("dd.url a")).to_have_text(url)
    widths = page.evaluate("[document.documentElement.scrollWidth, "
                           "document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide in a {widths[1]} px window"


@pytest.mark.data
def test_offline_map_draws_gazetteer_outlines(server, page, shared_data):
    """With no tile URL, the imported WOF gazetteer's governorate outlines are the basemap."""
    from tests.conftest import require_file

    from tawthiq import api

    archive = require_file(shared_data / "gazetteer" / "wof-sy"
                           / "whosonfirst-data-admin-sy-2db0f03.tar.gz")
    api.import_gazetteer(archive)
    base, _sample = server
    open_map(page, base, "viewer")
    assert "region outlines" in page.locator("#map-status").inner_text()
    assert page.locator("#map path.leaflet-interactive").count() >= 14
    labels = page.locator(".region-label").all_inner_texts()
    assert {"Aleppo", "Latakia", "Deir ez-Zor", "Homs"} <= set(labels), labels
    shot(page, "10-map-offline-outlines")
