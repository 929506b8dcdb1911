"""Victim lists in the store: import (one transaction per file, idempotent by SHA-256), linkage
of every stored list at once, unique persons (clusters) that respect analysts' labels, and the
capture histories that multiple systems estimation reads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from tawthiq.errors import BadInput, Conflict
from tawthiq.store.audit import append_entry
from tawthiq.store.db import session_scope
from tawthiq.store.tables import (
    VictimLinkRunRow,
    VictimListRow,
    VictimPairRow,
    VictimPersonRow,
    VictimRecordRow,
)
from tawthiq.victims import linkage
from tawthiq.victims.lists import ListRow, VictimList, read_list

Echo = Callable[[str], None]
VISIBILITIES = ("viewer", "analyst", "admin")
LABELS = ("accepted", "rejected")
SYSTEM_ACTOR = "system:victims"


@dataclass(frozen=True)
class ImportOutcome:
    list_name: str
    status: str            # "imported" or "duplicate"
    records: int
    problems: int
    persons: int | None = None
    review: int | None = None


def audit(session: Session, actor: str, action: str, entity: str, entity_id: int | None,
          *, before=None, after=None, note: str | None = None) -> None:
    """An audit entry (who, what, from what to what), through the audit log's one writer."""
    append_entry(session, actor=actor, action=action, entity=entity, entity_id=entity_id,
                 before=before, after=after, note=note)


def import_list(path: Path | str, *, list_name: str, columns: str | None = None,
                publisher: str | None = None, published: date | None = None,
                licence: str | None = None, visibility: str = "viewer",
                actor: str = "system:cli", engine: str = "duckdb",
                echo: Echo | None = None) -> ImportOutcome:
    """Store a list and relink every stored list, in one transaction: on any error nothing
    of this file is stored. The same file twice is a no-op."""
    if visibility not in VISIBILITIES:
        raise BadInput(f"visibility {visibility!r} is not one of {', '.join(VISIBILITIES)}",
                       field="--visibility")
    if not list_name.strip():
        raise BadInput("a list needs a name", field="--list")
    victim_list = read_list(path, columns)
    for problem in victim_list.problems:
        (echo or (lambda _: None))(f"Warning: {problem.one_line()} (kept verbatim, field "
                                   "unknown)")
    with session_scope() as session:
        known = session.scalar(select(VictimListRow).where(
            VictimListRow.sha256 == victim_list.sha256))
        if known is not None:
            return ImportOutcome(known.name, "duplicate", 0, len(victim_list.problems))
        if session.scalar(select(VictimListRow.id).where(VictimListRow.name == list_name)):
            raise Conflict(f"a list named {list_name!r} is stored already, from another file; "
                           "give a new release its own --list name", field="--list")
        stored = _store_list(session, victim_list, list_name=list_name, publisher=publisher,
                             published=published, licence=licence, visibility=visibility,
                             actor=actor)
        relink(session, engine=engine)
        review = session.scalar(select(func.count(VictimPairRow.id)).where(
            VictimPairRow.status == "review"))
        persons = session.scalar(select(func.count(VictimPersonRow.id)).where(
            VictimPersonRow.status == "live"))
        return ImportOutcome(list_name, "imported", stored, len(victim_list.problems),
                             persons=persons, review=review)


def _store_list(session: Session, victim_list: VictimList, *, list_name: str, actor: str,
                **provenance) -> int:
    row = VictimListRow(name=list_name, sha256=victim_list.sha256,
                        filename=Path(victim_list.path).name, columns=victim_list.columns,
                        imported_by=actor, **provenance)
    session.add(row)
    session.flush()
    problems: dict[int, list[str]] = {}
    for problem in victim_list.problems:
        problems.setdefault(problem.line or 0, []).append(problem.one_line())
    session.add_all(VictimRecordRow(
        list_id=row.id, row=r.row, line=r.line, raw=r.raw, name=r.name, en_name=r.en_name,
        age=r.age, sex=r.sex, dob=r.dob, date_of_death=r.date_of_death, place=r.place,
        problems=problems.get(r.line, [])) for r in victim_list.rows)
    audit(session, actor, "import", "victim_list", row.id,
          after={"name": list_name, "sha256": victim_list.sha256,
                 "records": len(victim_list.rows)})
    session.flush()
    return len(victim_list.rows)


def stored_lists(session: Session) -> dict[int, VictimList]:
    """Every stored list as a ``VictimList`` whose row numbers are the records' ids."""
    lists: dict[int, VictimList] = {}
    for list_row in session.scalars(select(VictimListRow).order_by(VictimListRow.id)):
        lists[list_row.id] = VictimList(path=list_row.name, sha256=list_row.sha256,
                                        columns=list_row.columns)
    records = session.scalars(select(VictimRecordRow).order_by(VictimRecordRow.id))
    for record in records:
        lists[record.list_id].rows.append(ListRow(
            row=record.id, line=record.line, raw=record.raw, name=record.name,
            en_name=record.en_name, age=record.age, sex=record.sex, dob=record.dob,
            date_of_death=record.date_of_death, place=record.place))
    return {k: v for k, v in lists.items() if v.rows}


def relink(session: Session, *, engine: str = "duckdb") -> VictimLinkRunRow | None:
    """Score pairs across and within every stored list, replace the previous run's unlabelled
    pairs, keep analysts' labels, and recluster."""
    lists = stored_lists(session)
    if not lists:
        return None
    run = linkage.link_many(list(lists.values()), engine=engine)
    session.execute(update(VictimPairRow).where(VictimPairRow.status.in_(("link", "review")))
                    .values(status="superseded"))
    labelled = {(p.record_a_id, p.record_b_id) for p in session.scalars(
        select(VictimPairRow).where(VictimPairRow.status.in_(LABELS)))}
    run_row = VictimLinkRunRow(engine=engine, settings=run.settings,
                               records=sum(len(v.rows) for v in lists.values()))
    session.add(run_row)
    session.flush()
    thresholds = linkage.knobs()["thresholds"]
    stored = 0
    for pair in run.pairs:
        ids = (min(pair.a_row, pair.b_row), max(pair.a_row, pair.b_row))
        if ids in labelled:
            continue
        session.add(VictimPairRow(
            run_id=run_row.id, record_a_id=ids[0], record_b_id=ids[1],
            probability=pair.probability, match_weight=pair.match_weight, levels=pair.weights,
            status="review" if thresholds["review_low"] <= pair.probability
            < thresholds["review_high"] else "link"))
        stored += 1
    run_row.pairs = stored
    session.flush()
    recluster(session)
    from tawthiq.victims.mentions import link_report_victims  # it reads this run's model

    link_report_victims(session, engine=engine)
    return run_row


def recluster(session: Session) -> int:
    """Persons = records joined by accepted pairs and by pairs at or above the link threshold
    (reviewed or not), strongest first, never joining two records an analyst rejected as one
    person (a rejected pair is a cannot-link). A component keeps the lowest person id its
    records had; returns how many persons live."""
    record_ids = list(session.scalars(select(VictimRecordRow.id)))
    members = {r: {r} for r in record_ids}
    root = {r: r for r in record_ids}
    apart: dict[int, set[int]] = {}
    for a, b in session.execute(select(VictimPairRow.record_a_id, VictimPairRow.record_b_id)
                                .where(VictimPairRow.status == "rejected")):
        apart.setdefault(a, set()).add(b)
        apart.setdefault(b, set()).add(a)
    link_cut = linkage.knobs()["thresholds"]["link"]
    edges = session.execute(select(VictimPairRow.record_a_id, VictimPairRow.record_b_id,
                                   VictimPairRow.status, VictimPairRow.probability).where(
        or_(VictimPairRow.status.in_(("link", "accepted")),
            and_(VictimPairRow.status == "review", VictimPairRow.probability >= link_cut))))
    ordered = sorted(edges, key=lambda e: (e.status != "accepted", -(e.probability or 1.0)))
    for a, b, _, _ in ordered:
        first, second = root[a], root[b]
        if first == second or any(apart.get(r, set()) & members[second]
                                   for r in members[first]):
            continue
        keep, gone = min(first, second), max(first, second)
        for record in members[gone]:
            root[record] = keep
        members[keep] |= members.pop(gone)
    return _assign_persons(session, members.values())


def _assign_persons(session: Session, components: Iterable[list[int]]) -> int:
    records = {r.id: r for r in session.scalars(select(VictimRecordRow))}
    taken: set[int] = set()
    live = 0
    for component in sorted(components, key=min):
        held = sorted({records[r].person_id for r in component} - {None} - taken)
        if held:
            person_id = held[0]
        else:
            person = VictimPersonRow()
            session.add(person)
            session.flush()
            person_id = person.id
        taken.add(person_id)
        live += 1
        for record_id in component:
            records[record_id].person_id = person_id
    for person in session.scalars(select(VictimPersonRow).where(
            VictimPersonRow.status == "live")):
        if person.id not in taken:
            person.status = "superseded"
    session.flush()
    return live


@dataclass(frozen=True)
class CaptureHistory:
    """One unique person: the lists that hold them and the strata of their records."""

    person_id: int
    lists: tuple[str, ...]
    governorate: str | None
    year: int | None
    sex: str | None


def capture_histories(session: Session | None = None) -> list[CaptureHistory]:
    """Per unique victim, which stored lists hold them, with governorate (the records' most
    common place), year (of the earliest date of death) and sex (the most common) as strata:
    the input of multiple systems estimation (``tawthiq estimate --from-store``)."""
    if session is None:
        with session_scope() as own:
            return capture_histories(own)
    names = dict(session.execute(select(VictimListRow.id, VictimListRow.name)).all())
    by_person: dict[int, list[VictimRecordRow]] = {}
    for record in session.scalars(select(VictimRecordRow).where(
            VictimRecordRow.person_id.is_not(None))):
        by_person.setdefault(record.person_id, []).append(record)
    histories = []
    for person_id, records in sorted(by_person.items()):
        deaths = [r.date_of_death for r in records if r.date_of_death]
        histories.append(CaptureHistory(
            person_id=person_id,
            lists=tuple(sorted({names[r.list_id] for r in records})),
            governorate=_most_common(r.place for r in records),
            year=min(deaths).year if deaths else None,
            sex=_most_common(r.sex for r in records)))
    return histories


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def write_captures(path: Path | None, *, stratum: str | None = None,
                   echo: Echo = print) -> int:
    """The capture histories as the ``tawthiq estimate`` contract's CSV: one 0/1 column per
    list, one row per person, and a ``stratum`` column when asked for."""
    import csv
    import io

    if stratum not in (None, "governorate", "year", "sex"):
        raise BadInput(f"unknown stratum {stratum!r}; expected governorate, year or sex",
                       field="--stratum")
    histories = capture_histories()
    with session_scope() as session:
        list_names = list(session.scalars(select(VictimListRow.name).order_by(
            VictimListRow.id)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*list_names, *(["stratum"] if stratum else [])])
    for history in histories:
        flags = [int(name in history.lists) for name in list_names]
        extra = [getattr(history, stratum) if getattr(history, stratum) is not None
                 else "unknown"] if stratum else []
        writer.writerow([*flags, *extra])
    if path is None:
        echo(out.getvalue().rstrip("\n"))
        return len(histories)
    try:
        Path(path).write_text(out.getvalue(), encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"cannot write: {exc.strerror or exc}", path=str(path),
                       field="--output") from exc
    return len(histories)
