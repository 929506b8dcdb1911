"""The analyst's decisions on victim records: accept or reject an uncertain pair, merge two
persons, split records off a person. Each decision is a label kept across relinking (a pair
row with status 'accepted' or 'rejected') and an audit entry; persons are then reclustered.
Nothing is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tawthiq.errors import BadInput, Conflict, NotFound
from tawthiq.store.tables import (
    AuditEntryRow,
    VictimListRow,
    VictimPairRow,
    VictimRecordRow,
)
from tawthiq.victims.store import audit, recluster

DECISIONS = {"accept": "accepted", "reject": "rejected"}
ROLE_ORDER = ("viewer", "analyst", "admin")


@dataclass(frozen=True)
class ComparisonWeight:
    """One comparison of a pair (name part, age, ...) and the match weight it gave, in bits
    (term-frequency adjustment included); 0 when either record has no value."""

    comparison: str
    weight: float


@dataclass(frozen=True)
class PairView:
    pair: VictimPairRow
    a: VictimRecordRow
    b: VictimRecordRow
    a_list: str
    b_list: str
    weights: list[ComparisonWeight]


def _visible_lists(session: Session, role: str) -> set[int]:
    rank = ROLE_ORDER.index(role) if role in ROLE_ORDER else 0
    return {row.id for row in session.scalars(select(VictimListRow))
            if ROLE_ORDER.index(row.visibility) <= rank}


def review_queue(session: Session, *, role: str = "analyst", limit: int = 50) -> list[PairView]:
    """Pairs waiting for an analyst (between the review thresholds), most uncertain first,
    both records side by side with the weight of every comparison."""
    visible = _visible_lists(session, role)
    pairs = session.scalars(select(VictimPairRow).where(VictimPairRow.status == "review"))
    ordered = sorted(pairs, key=lambda p: abs((p.probability or 0.5) - 0.5))
    views = []
    for pair in ordered:
        if pair.record_a.list_id in visible and pair.record_b.list_id in visible:
            views.append(pair_view(session, pair))
        if len(views) >= limit:
            break
    return views


def pair_view(session: Session, pair: VictimPairRow) -> PairView:
    names = dict(session.execute(select(VictimListRow.id, VictimListRow.name)).all())
    weights = [ComparisonWeight(k, v) for k, v in (pair.levels or {}).items()]
    return PairView(pair, pair.record_a, pair.record_b, names[pair.record_a.list_id],
                    names[pair.record_b.list_id], weights)


def decide_pair(session: Session, actor: str, pair_id: int, decision: str,
                note: str | None = None) -> VictimPairRow:
    """Accept (one person) or reject (two people) a pair; kept as a label, audited."""
    if decision not in DECISIONS:
        raise BadInput(f"decision {decision!r} is not accept or reject", field="decision")
    pair = session.get(VictimPairRow, pair_id)
    if pair is None:
        raise NotFound(f"no victim pair {pair_id}")
    if pair.status in ("superseded",):
        raise Conflict(f"pair {pair_id} was replaced by a later linkage run")
    before = pair.status
    pair.status = DECISIONS[decision]
    pair.reviewed_by = actor
    pair.reviewed_at = datetime.now(UTC)
    audit(session, actor, decision, "victim_pair", pair.id, before=before, after=pair.status,
          note=note or f"records {pair.record_a_id} and {pair.record_b_id}")
    session.flush()
    recluster(session)
    return pair


def merge_persons(session: Session, actor: str, person_id: int, other_id: int) -> int:
    """Two persons are one: an accepted pair joins a record of each, and earlier rejections
    between their records are superseded; audited."""
    if person_id == other_id:
        raise BadInput("a person cannot be merged with itself", field="other")
    first, second = _records_of(session, person_id), _records_of(session, other_id)
    ids_first, ids_second = {r.id for r in first}, {r.id for r in second}
    for rejected in session.scalars(select(VictimPairRow).where(  # the merge overrules them
            VictimPairRow.status == "rejected")):
        ends = {rejected.record_a_id, rejected.record_b_id}
        if ends & ids_first and ends & ids_second:
            rejected.status = "superseded"
    pair = VictimPairRow(record_a_id=min(first[0].id, second[0].id),
                         record_b_id=max(first[0].id, second[0].id), status="accepted",
                         reviewed_by=actor, reviewed_at=datetime.now(UTC))
    session.add(pair)
    audit(session, actor, "merge", "victim_person", person_id, before=other_id,
          after=person_id)
    session.flush()
    recluster(session)
    return first[0].person_id


def split_person(session: Session, actor: str, person_id: int, record_ids: list[int]) -> int:
    """Records that are someone else: every pair joining them to the rest of the person is
    rejected (kept as labels); audited. Returns the new person's id."""
    records = _records_of(session, person_id)
    moving = {r.id for r in records} & set(record_ids)
    staying = {r.id for r in records} - moving
    if not moving or not staying:
        raise BadInput("choose some, not all, of the person's records to split off",
                       field="record_ids")
    links = session.scalars(select(VictimPairRow).where(
        VictimPairRow.status.in_(("link", "accepted", "review")),
        or_(VictimPairRow.record_a_id.in_(moving), VictimPairRow.record_b_id.in_(moving))))
    for pair in links:
        if {pair.record_a_id, pair.record_b_id} & staying:
            pair.status = "rejected"
            pair.reviewed_by = actor
            pair.reviewed_at = datetime.now(UTC)
    audit(session, actor, "split", "victim_person", person_id, before=sorted(staying | moving),
          after=sorted(moving))
    session.flush()
    recluster(session)
    return session.get(VictimRecordRow, min(moving)).person_id


def _records_of(session: Session, person_id: int) -> list[VictimRecordRow]:
    records = list(session.scalars(select(VictimRecordRow).where(
        VictimRecordRow.person_id == person_id).order_by(VictimRecordRow.id)))
    if not records:
        raise NotFound(f"no victim person {person_id}")
    return records


def recent_decisions(session: Session, limit: int = 20) -> list[AuditEntryRow]:
    """The latest audit entries about victim pairs and persons."""
    return list(session.scalars(select(AuditEntryRow).where(
        AuditEntryRow.entity.in_(("victim_pair", "victim_person"))).order_by(
        AuditEntryRow.id.desc()).limit(limit)))
