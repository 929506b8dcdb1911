"""End to end: the three invented sample victim lists imported (linked into unique persons),
``tawthiq estimate --from-store --by governorate`` prints an estimate and keeps it, and the
estimates page shows it in Debian's Chromium: documented vs estimated per governorate and in
total, the interval chart and the posterior histogram.
Screenshot: artifacts/screenshots/20-estimates.png."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from tests.web.test_browser import browser, page, serving, shot, sign_in  # noqa: F401

from tawthiq.review.users import add_user_in
from tawthiq.settings import Settings, use_settings
from tawthiq.store.db import session_scope
from tawthiq.victims.store import import_list
from victims.conftest import KEEPERS, sample_list

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def estimates_server(tmp_path_factory):
    from tests.web.sample import PASSWORDS

    home = tmp_path_factory.mktemp("estimates-home")
    settings = Settings(home=home)
    use_settings(settings)
    for keeper in KEEPERS:
        import_list(sample_list(keeper), list_name=keeper)
    with session_scope(settings.db_url) as session:
        add_user_in(session, "viewer", "viewer", PASSWORDS["viewer"], by="system:test")
    done = subprocess.run(
        [sys.executable, "-m", "tawthiq.cli", "estimate", "--from-store", "--by", "governorate",
         "--seed", "3", "--burnin", "3000", "--thinning", "20"],
        capture_output=True, text=True, timeout=600, env={**os.environ, "TAWTHIQ_HOME": str(home)})
    assert done.returncode == 0, done.stderr
    with serving(settings) as base:
        yield base, done.stdout
    use_settings(None)


def test_lists_to_estimate_to_page(estimates_server, page):  # noqa: F811
    base, printed = estimates_server
    assert "Documented                 200" in printed  # 199 invented people, one not linked
    assert "Kept as estimate 1" in printed
    sign_in(page, base, "viewer")
    page.get_by_role("link", name="Estimates").click()
    page.wait_for_url(f"{base}/estimates")
    rows = page.locator("table.estimates tbody tr")
    names = [rows.nth(i).locator("th").inner_text() for i in range(rows.count())]
    assert names == ["Aleppo", "Hama", "Homs", "Idlib", "total"]
    total = rows.nth(4).locator("td")
    assert total.nth(0).inner_text() == "200"
    assert int(total.nth(1).inner_text().replace(",", "")) > 200
    assert page.get_by_role("img", name="Histogram of 4,000 draws").is_visible()
    assert page.locator("svg.chart circle").count() == 5
    assert "Lists: monitor, ministry, committee." in page.content()
    shot(page, "20-estimates")
