"""The estimates page in Debian's Chromium: a stored LCMCR estimate by governorate shows
documented vs estimated per stratum and in total, the interval chart and the posterior
histogram. Screenshot: artifacts/screenshots/20-estimates.png."""

from __future__ import annotations

import pytest
from tests.web.test_browser import browser, page, serving, shot, sign_in  # noqa: F401
from tests.web.test_estimates_page import stored_run

from tawthiq.review.users import add_user_in
from tawthiq.settings import Settings, use_settings
from tawthiq.store.db import session_scope

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def estimates_server(tmp_path_factory):
    from tests.web.sample import PASSWORDS

    home = tmp_path_factory.mktemp("estimates-home")
    settings = Settings(home=home)
    use_settings(settings)
    with session_scope(settings.db_url) as session:
        add_user_in(session, "viewer", "viewer", PASSWORDS["viewer"], by="system:test")
    run = stored_run()
    with serving(settings) as base:
        yield base, run
    use_settings(None)


def test_the_estimates_page_shows_strata_intervals_and_the_posterior(estimates_server,
                                                                      page):  # noqa: F811
    base, run = estimates_server
    sign_in(page, base, "viewer")
    page.get_by_role("link", name="Estimates").click()
    page.wait_for_url(f"{base}/estimates")
    rows = page.locator("table.estimates tbody tr")
    assert rows.count() == 3
    assert [rows.nth(i).locator("th").inner_text() for i in range(3)] == ["Homs", "Idlib",
                                                                          "total"]
    assert page.get_by_role("img", name="Histogram of 400 draws").is_visible()
    assert page.locator("svg.chart circle").count() == 3
    assert "Assumptions and warnings" in page.content()
    shot(page, "20-estimates")
