"""An analyst's episodes: create one from incidents, add or remove an incident, accept or
reject a proposed one. Each change is an audit entry; nothing is deleted but an incident's
place in an episode (the audit keeps that it was there)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from tawthiq.errors import BadInput
from tawthiq.review.audit import record
from tawthiq.store import episodes as stored
from tawthiq.store.tables import EpisodeRow

STATUSES = ("proposed", "accepted", "rejected")


def create_episode(session: Session, actor: str, title: str,
                   incident_ids: Iterable[int]) -> EpisodeRow:
    title = " ".join((title or "").split())
    if not title:
        raise BadInput("an episode needs a title", field="title")
    ids = stored.live_incidents(session, incident_ids)
    row = stored.new_episode(session, title, "analyst", actor)
    stored.add_incidents(session, row.id, ids, actor)
    record(session, actor, "create", "episode", row.id,
           after={"title": title, "incidents": ids})
    return row


def add_incident(session: Session, actor: str, episode_id: int, incident_id: int) -> None:
    episode = stored.episode_row(session, episode_id)
    ids = stored.live_incidents(session, [incident_id])
    if stored.add_incidents(session, episode.id, ids, actor):
        record(session, actor, "add", "episode", episode.id, "incidents", after=incident_id)


def remove_incident(session: Session, actor: str, episode_id: int, incident_id: int) -> None:
    episode = stored.episode_row(session, episode_id)
    if not stored.remove_incident(session, episode.id, incident_id):
        raise BadInput(f"incident {incident_id} is not in episode {episode_id}",
                       field="incident_id")
    record(session, actor, "remove", "episode", episode.id, "incidents", before=incident_id)


def set_episode_status(session: Session, actor: str, episode_id: int, status: str) -> None:
    if status not in STATUSES:
        raise BadInput(f"unknown status {status!r}; one of {', '.join(STATUSES)}",
                       field="status")
    episode = stored.episode_row(session, episode_id)
    if episode.status != status:
        record(session, actor, status, "episode", episode.id, "status",
               before=episode.status, after=status)
        episode.status = status
