"""A viewer never receives a witness's name: every page and endpoint a viewer can reach is
crawled and each whole response body searched. Analysts (cleared) do see the names."""

from __future__ import annotations

import html
import re
from collections import deque
from urllib.parse import parse_qsl, quote_plus, urlsplit

from tests.web.sample import WITNESS, WITNESS_AR

LINK = re.compile(r'(?:href|data-points|data-series|data-list|data-regions)="(/[^"#]*)')
FORBIDDEN = [WITNESS, *WITNESS.split(), WITNESS_AR, *WITNESS_AR.split(),
             "bread queue", "قرب الفرن"]  # the names, and the witnesses' own testimony


def without_echo(url: str, body: str) -> str:
    """The body less the viewer's own search words echoed back (form value, paging links)."""
    for _key, value in parse_qsl(urlsplit(url).query):
        body = body.replace(f'value="{value}"', "").replace(f"={quote_plus(value)}", "=")
        body = body.replace(f'"q":"{value}"', "")
    return body


def leaks(body: str) -> list[str]:
    text = html.unescape(body)
    return [word for word in FORBIDDEN if word.lower() in text.lower()]


def crawl(client, start: list[str], limit: int = 400) -> dict[str, str]:
    """Every same-site GET URL reachable from ``start`` by following links, with its body."""
    seen: dict[str, str] = {}
    queue = deque(start)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen or url.startswith("/static/") or url.startswith("/logout"):
            continue
        response = client.get(url)
        seen[url] = response.text if response.status_code != 303 else ""
        for link in LINK.findall(response.text):
            queue.append(html.unescape(link))
    return seen


def viewer_start(sample) -> list[str]:
    return [
        "/incidents", "/incidents?q=market", "/incidents?q=Haddad", "/map", "/timeline",
        "/account", "/api/me", "/api/incidents", "/api/map", "/api/timeline", "/api/regions",
        f"/incidents/{sample.market_incident}", f"/incidents/{sample.checkpoint_incident}",
        f"/documents/{sample.market_document}", f"/documents/{sample.arabic_document}",
        f"/api/incidents/{sample.market_incident}",
        f"/api/incidents/{sample.market_incident}/history",
        f"/api/documents/{sample.market_document}", f"/api/documents/{sample.arabic_document}",
        f"/api/incidents?q={WITNESS.split()[1]}",
    ]


def test_viewer_never_receives_a_witness_name(signed_in, sample):
    # An analyst's correction that quotes the witness must not leak through the history.
    analyst = signed_in("analyst")
    response = analyst.post(f"/events/{sample.market_event}/edit",
                            {"field": "summary", "value": f"Market shelled; {WITNESS} saw it."})
    assert response.status_code == 303
    response = analyst.post(f"/incidents/{sample.checkpoint_incident}/title",
                            {"title": f"Checkpoint killing seen by {WITNESS}"})
    assert response.status_code == 303
    viewer = signed_in("viewer")
    map_titles = [row[3] for row in viewer.client.get("/api/map").json()["rows"]]
    assert "Checkpoint killing seen by [witness]" in map_titles
    bodies = crawl(viewer.client, viewer_start(sample))
    assert len(bodies) >= 20
    assert any("[witness]" in body for body in bodies.values())
    leaked = {url: leaks(without_echo(url, body)) for url, body in bodies.items()
              if leaks(without_echo(url, body))}
    assert not leaked, f"witness names reached a viewer: {leaked}"


def test_viewer_search_for_a_witness_name_finds_nothing(signed_in, sample):
    viewer = signed_in("viewer")
    assert viewer.client.get("/api/incidents?q=Haddad").json()["total"] == 0
    assert viewer.client.get("/api/incidents?q=vegetable").json()["total"] == 1
    # "the bread queue" is the witness's testimony, withheld from viewers: not found either.
    assert viewer.client.get("/api/incidents?q=queue").json()["total"] == 0
    analyst = signed_in("analyst")
    assert analyst.client.get("/api/incidents?q=Haddad").json()["total"] == 1


def test_viewer_cannot_download_the_original_bytes(signed_in, sample):
    viewer = signed_in("viewer")
    assert viewer.client.get(f"/documents/{sample.market_document}/raw").status_code == 403
    analyst = signed_in("analyst")
    raw = analyst.client.get(f"/documents/{sample.market_document}/raw")
    assert raw.status_code == 200 and WITNESS.encode() in raw.content


def test_analyst_sees_witnesses_and_their_testimony(signed_in, sample):
    analyst = signed_in("analyst")
    page = analyst.client.get(f"/incidents/{sample.market_incident}").text
    assert WITNESS in page and WITNESS_AR in page and "bread queue" in page
    data = analyst.client.get(f"/api/documents/{sample.market_document}").json()
    assert data["witnesses"][0]["name"] == WITNESS and WITNESS in data["text"]


def test_viewer_sees_the_rest_of_the_report(signed_in, sample):
    viewer = signed_in("viewer")
    data = viewer.client.get(f"/api/documents/{sample.market_document}").json()
    assert "Rana Khalil" in data["text"] and "Government forces fired the shells" in data["text"]
    assert data["witnesses"] == [] and data["claims"][0]["speaker"] == "[witness]"
