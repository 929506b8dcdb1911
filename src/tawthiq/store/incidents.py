"""Writing what linking decided: events moved into incidents (new ones created for the
linker's provisional negative ids), merged incidents superseded, each report's link
explanation with the settings that made it, the consolidated incident, and analysts'
same/different labels. Nothing is committed here: the caller owns the transaction."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from tawthiq.model import Incident, LinkExplanation
from tawthiq.store.read import MERGED
from tawthiq.store.tables import (
    EventRow,
    IncidentLinkRow,
    IncidentRow,
    LinkLabelRow,
    LinkSettingsRow,
    PlaceRow,
)

Key = tuple[int, int]


def settings_version(session: Session, settings: dict) -> str:
    """The stored copy of ``settings`` (by its SHA-256), written the first time it is used."""
    text = json.dumps(settings, sort_keys=True, ensure_ascii=False)
    sha = hashlib.sha256(text.encode()).hexdigest()
    if session.get(LinkSettingsRow, sha) is None:
        session.add(LinkSettingsRow(sha256=sha, settings=settings))
        session.flush()
    return sha


def apply_links(session: Session, *, event_ids: dict[Key, int], assignments: dict[Key, int],
                merges: list[tuple[int, int]], explanations: dict[Key, LinkExplanation],
                settings: dict) -> set[int]:
    """Store the linker's decisions; returns the ids of the incidents that changed."""
    sha = settings_version(session, settings)
    real: dict[int, int] = {}

    def incident_id(provisional: int) -> int:
        if provisional >= 0:
            return provisional
        if provisional not in real:
            row = IncidentRow()
            session.add(row)
            session.flush()
            real[provisional] = row.id
        return real[provisional]

    touched: set[int] = set()
    for key, provisional in assignments.items():
        target = incident_id(provisional)
        event = session.get(EventRow, event_ids[key])
        if event.incident_id != target:
            if event.incident_id is not None:
                touched.add(event.incident_id)
            event.incident_id = target
        touched.add(target)
        explanation = explanations.get(key)
        if explanation is not None:
            session.add(IncidentLinkRow(event_id=event.id, incident_id=target,
                                        settings_sha256=sha,
                                        probability=explanation.probability,
                                        explanation=explanation.model_dump(mode="json")))
    for absorbed, into in merges:
        absorbed_id, into_id = incident_id(absorbed), incident_id(into)
        row = session.get(IncidentRow, absorbed_id)
        if row is not None and absorbed_id != into_id:
            row.superseded_by, row.status = into_id, MERGED
            touched.discard(absorbed_id)
    session.flush()
    return touched


def latest_explanations(session: Session, event_ids: Iterable[int]) -> dict[int, dict]:
    """The current link explanation of each event (its latest link row)."""
    ids = list(event_ids)
    if not ids:
        return {}
    rows = session.scalars(select(IncidentLinkRow).where(IncidentLinkRow.event_id.in_(ids))
                           .order_by(IncidentLinkRow.id))
    return {row.event_id: row.explanation for row in rows}


def save_incident(session: Session, incident: Incident) -> None:
    """Write the consolidated fields of an incident; the title unless an analyst edited it
    (it differs from the last consolidated title), so it follows the incident's main report
    whatever order the reports came in."""
    row = session.get(IncidentRow, incident.id)
    if row is None:
        return
    if row.title is None or row.title == (row.consolidated or {}).get("title", row.title):
        row.title = incident.title
    row.event_type = incident.event_type
    row.sub_event_type = incident.sub_event_type
    row.date_start = incident.date.start if incident.date else None
    row.date_end = incident.date.end if incident.date else None
    row.date_precision = incident.date.precision if incident.date else None
    # Places are listed main report's first (link.consolidate.places_of).
    main_place = next((p for p in incident.places if p.gazetteer_id), None)
    if main_place is not None:
        row.place_id = session.scalar(select(PlaceRow.id).where(
            PlaceRow.gazetteer_id == main_place.gazetteer_id))
    row.fatalities_low = incident.fatalities.low
    row.fatalities_best = incident.fatalities.best
    row.fatalities_high = incident.fatalities.high
    row.corroboration = incident.grade.grade if incident.grade else None
    row.consolidated = incident.model_dump(mode="json", exclude={"reports"})


def add_labels(session: Session, pairs: Iterable[tuple[Key, Key]], *, same: bool, by: str,
               action: str) -> int:
    """Record an analyst's decision for every pair of event reports (a merge: the same
    incident; a split: different incidents)."""
    count = 0
    for a, b in pairs:
        if a[0] == b[0] and a[1] == b[1]:
            continue
        session.add(LinkLabelRow(a_document=a[0], a_ordinal=a[1], b_document=b[0],
                                 b_ordinal=b[1], same=same, by=by, action=action))
        count += 1
    return count


def keep_incident_ids(before: dict[Key, int | None], after: dict[Key, int]) -> dict[Key, int]:
    """Relinking's clusters under the stored incident ids: each cluster takes the id most of
    its reports had (largest clusters first), the others stay new (negative)."""
    clusters: dict[int, list[Key]] = {}
    for key, cluster in after.items():
        clusters.setdefault(cluster, []).append(key)
    claimed: set[int] = set()
    mapped: dict[int, int] = {}
    for cluster, keys in sorted(clusters.items(), key=lambda c: (-len(c[1]), c[0])):
        counts: dict[int, int] = {}
        for key in keys:
            if before.get(key) is not None:
                counts[before[key]] = counts.get(before[key], 0) + 1
        choice = next((i for i, _n in sorted(counts.items(), key=lambda c: (-c[1], c[0]))
                       if i not in claimed), None)
        if choice is not None:
            claimed.add(choice)
        mapped[cluster] = choice if choice is not None else cluster
    return {key: mapped[cluster] for key, cluster in after.items()}


def retire_empty_incidents(session: Session) -> list[int]:
    """Live incidents left without any live report after relinking: marked merged."""
    from tawthiq.store.read import live_event_condition, live_incident_condition

    holding = select(EventRow.incident_id).where(live_event_condition(),
                                                 EventRow.incident_id.is_not(None))
    rows = session.scalars(select(IncidentRow).where(live_incident_condition(),
                                                     IncidentRow.id.not_in(holding))).all()
    for row in rows:
        row.status = MERGED
    return [row.id for row in rows]
