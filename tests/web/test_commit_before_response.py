"""A change is committed before its answer leaves the server: the browser follows an edit's
redirect at once, and the page it asks for must show the edit (a request-scoped session
would commit only after the answer was sent, and a page read in between showed the old
range under load)."""

from __future__ import annotations

from sqlalchemy import select
from tests.web.conftest import Browserish

from tawthiq.store.db import session_scope
from tawthiq.store.tables import EventRow, IncidentRow


class SeenWhenAnswered:
    """Wraps the app: when the answer to a change (any method but GET and HEAD) starts,
    reads what a following page would read (a fresh session of its own) and keeps it."""

    def __init__(self, app, read) -> None:
        self.app, self.read, self.seen = app, read, []

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD"):
            return await self.app(scope, receive, send)

        async def sending(message):
            if message["type"] == "http.response.start":
                self.seen.append(self.read())
            await send(message)

        return await self.app(scope, receive, sending)


def incident_high(incident_id: int) -> int | None:
    with session_scope() as session:
        return session.get(IncidentRow, incident_id).fatalities_high


def signed_in_through(watched: SeenWhenAnswered) -> Browserish:
    client = Browserish(watched)
    assert client.login("analyst").status_code == 303
    watched.seen.clear()   # the login's own answer
    return client


def test_an_edit_is_committed_before_the_redirect_is_sent(app, sample):
    watched = SeenWhenAnswered(app, lambda: incident_high(sample.market_incident))
    analyst = signed_in_through(watched)
    before = incident_high(sample.market_incident)
    response = analyst.post(f"/events/{sample.market_event}/edit",
                            {"field": "fatalities_high", "value": str(before + 2)})
    assert response.status_code == 303
    assert watched.seen == [before + 2]


def test_an_api_change_is_committed_before_its_answer(app, sample):
    def summary() -> str | None:
        with session_scope() as session:
            return session.scalar(select(EventRow.summary).where(
                EventRow.document_id == sample.checkpoint_document,
                EventRow.superseded_by.is_(None)))

    watched = SeenWhenAnswered(app, summary)
    analyst = signed_in_through(watched)
    response = analyst.client.request(
        "PATCH", f"/api/events/{sample.checkpoint_event}",
        json={"field": "summary", "value": "corrected"},
        headers={"X-CSRF-Token": analyst.csrf})
    assert response.status_code == 200
    assert watched.seen == ["corrected"]


def test_every_route_asks_for_its_session_committed_before_the_answer(app):
    """Any route (a new router too) that takes the store session in request scope would
    commit after its answer again, and open a second session beside the user lookup's."""
    from fastapi.routing import APIRoute

    from tawthiq.web.security import db_session

    def sessions(dependant):
        for sub in dependant.dependencies:
            if sub.call is db_session:
                yield sub
            yield from sessions(sub)

    late = sorted({route.path for route in app.routes if isinstance(route, APIRoute)
                   for sub in sessions(route.dependant) if sub.scope != "function"})
    assert late == []
