"""Episode pages over the web sample: an analyst puts incidents together into an episode
(audited), a source's aggregate toll shows beside the sum of the incidents, the map and the
timeline data follow the episode; a viewer reads but cannot change. The browser test opens
the page in Chromium (map markers, timeline chart; screenshot 11-episode.png)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from tests.web.sample import populate
from tests.web.test_browser import browser, page, serving, shot, sign_in  # noqa: F401

from tawthiq.settings import Settings, use_settings
from tawthiq.store.db import session_scope
from tawthiq.store.tables import AggregateRow, AuditEntryRow, EpisodeRow


def attach_toll(episode_id: int, document_id: int, low: int, by: str) -> None:
    with session_scope() as session:
        session.add(AggregateRow(document_id=document_id, ordinal=0,
                                 area=[{"mention": "Rif Dimashq", "name": "Rif Dimashq",
                                        "admin1": "Rif Dimashq", "country_code": "SY"}],
                                 date_start=date(2024, 3, 1), date_end=date(2024, 3, 10),
                                 date_precision="days", fatalities_low=low,
                                 fatalities_best=low, victims={}, reported_by=[by],
                                 evidence=[], events=[], episode_id=episode_id))


def test_an_analyst_makes_an_episode_and_its_page_shows_tolls(signed_in, sample):
    analyst = signed_in("analyst")
    made = analyst.post("/episodes", {"title": "March wave",
                                      "incident_ids": [sample.market_incident,
                                                       sample.checkpoint_incident]})
    assert made.status_code == 303
    episode_id = int(made.headers["location"].rsplit("/", 1)[1])
    attach_toll(episode_id, sample.market_document, 40, "Monitor M")
    html = analyst.client.get(f"/episodes/{episode_id}").text
    assert "March wave" in html and "Monitor M" in html and "Sum of its 2 incidents" in html
    assert html.count('<tr class="toll">') == 1
    points = analyst.client.get(f"/api/map?episode={episode_id}").json()
    assert {row[0] for row in points["rows"]} <= {sample.market_incident,
                                                 sample.checkpoint_incident}
    assert points["rows"]
    listed = analyst.client.get(f"/incidents?episode={episode_id}").text
    assert f"/incidents/{sample.market_incident}" in listed
    data = analyst.client.get(f"/api/episodes/{episode_id}").json()
    assert sorted(data["incidents"]) == sorted([sample.market_incident,
                                                sample.checkpoint_incident])
    assert data["tolls"][0]["low"] == 40 and data["incidents_toll"]["low"] is not None
    incident_page = analyst.client.get(f"/incidents/{sample.market_incident}").text
    assert f'href="/episodes/{episode_id}"' in incident_page

    removed = analyst.post(f"/episodes/{episode_id}/incidents/{sample.checkpoint_incident}"
                           "/remove")
    assert removed.status_code == 303
    with session_scope() as session:
        actions = [e.action for e in session.scalars(
            select(AuditEntryRow).where(AuditEntryRow.entity == "episode")
            .order_by(AuditEntryRow.id))]
    assert actions == ["create", "remove"]


def test_a_viewer_reads_episodes_but_cannot_change_them(signed_in, sample):
    analyst = signed_in("analyst")
    made = analyst.post("/episodes", {"title": "Wave", "incident_ids": [sample.market_incident]})
    episode_id = int(made.headers["location"].rsplit("/", 1)[1])
    viewer = signed_in("viewer")
    assert viewer.client.get(f"/episodes/{episode_id}").status_code == 200
    assert "Wave" in viewer.client.get("/episodes").text
    refused = viewer.post(f"/episodes/{episode_id}/status", {"status": "rejected"})
    assert refused.status_code == 403
    with session_scope() as session:
        assert session.get(EpisodeRow, episode_id).status == "accepted"


def test_bad_episode_requests_name_the_field(signed_in, sample):
    analyst = signed_in("analyst")
    untitled = analyst.post("/episodes", {"title": " ", "incident_ids": [sample.market_incident]})
    assert untitled.status_code == 400 and "title" in untitled.text
    assert analyst.client.get("/episodes/999").status_code == 404
    assert analyst.client.get("/incidents?episode=x").status_code == 400


@pytest.mark.browser
def test_episode_page_shows_its_incidents_on_a_map_and_a_timeline(tmp_path_factory,
                                                                   page):  # noqa: F811
    from tawthiq.review.episodes import create_episode

    home = tmp_path_factory.mktemp("episode-home")
    settings = Settings(home=home)
    use_settings(settings)
    with session_scope(settings.db_url) as session:
        sample = populate(session)
        episode = create_episode(session, "analyst", "Shelling around Damascus, March",
                                 [sample.market_incident, sample.checkpoint_incident])
        episode_id = episode.id
    attach_toll(episode_id, sample.market_document, 40, "Monitor M")
    try:
        with serving(settings) as base:
            sign_in(page, base, "analyst")
            page.goto(f"{base}/episodes/{episode_id}")
            page.wait_for_selector("#map[data-loaded='true']", state="attached", timeout=8000)
            page.wait_for_selector("#timeline[data-loaded='true']", state="attached",
                                   timeout=8000)
            assert page.locator(".leaflet-marker-icon").count() >= 1
            assert page.locator("#timeline canvas").count() == 1
            assert page.locator("tr.toll").count() == 1
            assert "Sum of its 2 incidents" in page.locator("table.tolls").inner_text()
            assert page.locator("table.incidents tbody tr").count() == 2
            shot(page, "11-episode")
    finally:
        use_settings(None)
