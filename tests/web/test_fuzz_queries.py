"""Property-based fuzzing (hypothesis) of the API's and pages' query parameters (issue #13):
whatever the filters, the answer is 200 or a 400 in one line - never a server error - and
nothing stored changes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.snapshots import snapshot_store
from tawthiq.web.queries import IncidentFilter

NAMES = [f for f in IncidentFilter.__dataclass_fields__] + ["unknown", "page[]"]
AWKWARD = ["", " ", "0", "-1", "2147483648", "99999999999999999999", "1e9", "NaN", "%", "_",
           "*", "\"", "'", "a* OR b", "NEAR(a b)", "2019-02-30", "2019-13-01", "0001-01-01",
           "9999-12-31", "\x00", "\u202e", "date", "asc", "desc", "title", "accepted",
           "Test Forces", "Idlib", "\u0642\u062a\u0644"]
queries = st.dictionaries(st.sampled_from(NAMES),
                          st.sampled_from(AWKWARD) | st.text(max_size=20)
                          | st.integers(-10**12, 10**12).map(str), max_size=6)
URLS = ["/api/incidents", "/api/map", "/api/timeline", "/incidents", "/map"]


def test_no_query_makes_the_server_fail(signed_in):
    client = signed_in("viewer").client
    before = snapshot_store()

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(params=queries)
    def check(params):
        for url in URLS:
            response = client.get(url, params=params)
            assert response.status_code in (200, 400), (url, params, response.status_code)
            if response.status_code == 400 and url.startswith("/api/"):
                assert "\n" not in response.json()["message"]

    check()
    # The viewers' search index is brought up to date by their first search (bookkeeping).
    after = snapshot_store()
    for table in ("viewer_search_state", "store_version"):
        before.pop(table), after.pop(table)
    assert after == before
