"""Reports <-> lists: victims named in reports (``persons`` rows with role 'victim') linked to
the list records that name the same person, scored by the model of the latest linkage run.
An incident page can then say "3 of the 5 named dead are on list X", and a person's page
lists the incidents whose reports name them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tawthiq.errors import NotFound
from tawthiq.store.tables import (
    EventRow,
    IncidentRow,
    PersonRow,
    VictimLinkRunRow,
    VictimListRow,
    VictimMentionRow,
    VictimRecordRow,
)
from tawthiq.victims import linkage
from tawthiq.victims.lists import ListRow, VictimList
from tawthiq.victims.review import ROLE_ORDER

# Report names are short (first and family name) and often in Latin script: blocked on the
# script-neutral skeletons of first and family name, and on the keys themselves.
MENTION_BLOCKING = (("first_sk", "family_sk"), ("first", "family"))


def link_report_victims(session: Session, *, engine: str = "duckdb") -> int:
    """Replace the links of report victims to list records; returns how many were made."""
    run = session.scalar(select(VictimLinkRunRow).order_by(VictimLinkRunRow.id.desc()))
    victims = list(session.scalars(select(PersonRow).where(PersonRow.role == "victim")))
    session.execute(delete(VictimMentionRow))
    if run is None or not victims:
        return 0
    mentions = VictimList(path="reports", sha256="", columns={}, rows=[
        ListRow(row=p.id, line=0, raw={}, name=p.name, age=p.age, sex=p.sex) for p in victims])
    records = VictimList(path="lists", sha256="", columns={}, rows=[
        ListRow(row=r.id, line=r.line, raw={}, name=r.name, en_name=r.en_name, age=r.age,
                sex=r.sex, dob=r.dob, date_of_death=r.date_of_death, place=r.place)
        for r in session.scalars(select(VictimRecordRow))])
    best = _best_matches(mentions, records, run.settings, engine)
    session.add_all(VictimMentionRow(mention_id=m, record_id=r, probability=p)
                    for m, (r, p) in best.items())
    session.flush()
    return len(best)


def _best_matches(mentions: VictimList, records: VictimList, model: dict,
                  engine: str) -> dict[int, tuple[int, float]]:
    """Each report victim's best list record at or above the link threshold."""
    from splink import Linker

    tables = [linkage.record_columns(mentions, "reports"),
              linkage.record_columns(records, "lists")]
    settings = copy.deepcopy(model)
    settings["link_type"] = "link_only"
    settings["blocking_rules_to_generate_predictions"] = [
        {"blocking_rule": " AND ".join(f"l.{c} = r.{c}" for c in rule)}
        for rule in MENTION_BLOCKING]
    api = linkage.db_api(engine)
    linker = Linker([api.register(linkage.arrow_table(t)) for t in tables], settings,
                    log_level=None)
    cut = linkage.knobs()["thresholds"]["link"]
    scored = linker.inference.predict(threshold_match_probability=cut).as_record_list()
    best: dict[int, tuple[int, float]] = {}
    for row in scored:
        if row["source_dataset_l"] == "reports":
            mention, record = int(row["unique_id_l"]), int(row["unique_id_r"])
        else:
            mention, record = int(row["unique_id_r"]), int(row["unique_id_l"])
        probability = float(row["match_probability"])
        if mention not in best or probability > best[mention][1]:
            best[mention] = (record, probability)
    return best


@dataclass
class ListCoverage:
    """How many of an incident's named dead one list holds."""

    list_name: str
    found: int
    named: int


def incident_coverage(session: Session, incident_id: int, *, role: str = "viewer"
                      ) -> list[ListCoverage]:
    """Per visible list: how many of the victims the incident's reports name are on it."""
    named = list(session.scalars(select(PersonRow.id).join(
        EventRow, PersonRow.event_id == EventRow.id).where(
        EventRow.incident_id == incident_id, PersonRow.role == "victim")))
    if not named:
        return []
    rank = ROLE_ORDER.index(role) if role in ROLE_ORDER else 0
    found: dict[str, set[int]] = {}
    rows = session.execute(select(VictimListRow.name, VictimListRow.visibility,
                                  VictimMentionRow.mention_id)
                           .join(VictimRecordRow, VictimRecordRow.list_id == VictimListRow.id)
                           .join(VictimMentionRow, VictimMentionRow.record_id ==
                                 VictimRecordRow.id)
                           .where(VictimMentionRow.mention_id.in_(named)))
    for name, visibility, mention in rows:
        if ROLE_ORDER.index(visibility) <= rank:
            found.setdefault(name, set()).add(mention)
    return [ListCoverage(name, len(ids), len(named)) for name, ids in sorted(found.items())]


@dataclass
class PersonDetail:
    id: int
    records: list[dict] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)
    incidents: list[IncidentRow] = field(default_factory=list)


def person_detail(session: Session, person_id: int, *, role: str = "viewer") -> PersonDetail:
    """A person's records on the lists the role may see, and the incidents naming them."""
    rank = ROLE_ORDER.index(role) if role in ROLE_ORDER else 0
    rows = session.execute(select(VictimRecordRow, VictimListRow).join(
        VictimListRow, VictimRecordRow.list_id == VictimListRow.id).where(
        VictimRecordRow.person_id == person_id).order_by(VictimRecordRow.id)).all()
    visible = [(r, lst) for r, lst in rows if ROLE_ORDER.index(lst.visibility) <= rank]
    if not visible:
        raise NotFound(f"no victim person {person_id}")
    detail = PersonDetail(id=person_id)
    for record, victim_list in visible:
        detail.records.append({"id": record.id, "list_name": victim_list.name,
                               "row": record.row, "name": record.name,
                               "en_name": record.en_name, "age": record.age, "sex": record.sex,
                               "date_of_death": record.date_of_death, "place": record.place})
    detail.lists = sorted({lst.name for _, lst in visible})
    record_ids = [r.id for r, _ in visible]
    detail.incidents = list(session.scalars(
        select(IncidentRow).join(EventRow, EventRow.incident_id == IncidentRow.id)
        .join(PersonRow, PersonRow.event_id == EventRow.id)
        .join(VictimMentionRow, VictimMentionRow.mention_id == PersonRow.id)
        .where(VictimMentionRow.record_id.in_(record_ids)).distinct()))
    return detail
