import csv
import io
import json
from datetime import date

import pytest

from support.rows import WITNESS, report
from tawthiq.errors import BadInput
from tawthiq.export import export_events
from tawthiq.export.writers import ACLED_COLUMNS, UCDP_COLUMNS
from tawthiq.pipeline import link_stored_events
from tawthiq.store import session_scope
from tawthiq.store.tables import AuditEntryRow


@pytest.fixture
def corpus(tmp_home):
    with session_scope() as s:
        a = report(s, source="Wire A",
                   text=f"Strikes hit Kafr Nabl market. {WITNESS} said twelve died.",
                   day=date(2019, 5, 13), low=12, best=12, high=12, reported_by=["SOHR"],
                   witness=True)
        b = report(s, source="Broadcaster B", text="Market strike in Kafr Nabl kills 15.",
                   day=date(2019, 5, 13), low=15, best=15, high=20,
                   reported_by=["Syria Civil Defence"])
        link_stored_events(s, [e.id for e in [a, b]])
    return tmp_home


def export_text(fmt: str, tmp_path, **kw) -> str:
    out = tmp_path / f"out.{fmt}"
    export_events(fmt, out, **kw)
    return out.read_text(encoding="utf-8")


def test_acled_one_row_per_incident_with_sources_and_documents(corpus, tmp_path):
    rows = list(csv.DictReader(io.StringIO(export_text("acled", tmp_path))))
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == ACLED_COLUMNS
    assert row["event_date"] == "2019-05-13" and row["time_precision"] == "1"
    assert row["actor1"] == "Russian Armed Forces" and row["inter1"] == "8"
    assert row["actor2"] == "Civilians (Syria)" and row["inter2"] == "7"
    assert row["fatalities"] == "12"  # ACLED keeps the most conservative figure
    assert "Wire A/SOHR: 12" in row["notes"]
    assert "Broadcaster B/Syria Civil Defence: 15-20" in row["notes"]
    assert "attributed by SOHR" in row["notes"]
    assert len(row["tawthiq_documents"].split(";")) == 2


def test_ucdp_columns_and_precision_codes(corpus, tmp_path):
    row = next(csv.DictReader(io.StringIO(export_text("ucdp", tmp_path))))
    assert list(row) == UCDP_COLUMNS
    assert row["type_of_violence"] == "2"  # an air strike event, no state actor among sides
    assert (row["low"], row["best"], row["high"]) == ("12", "12", "20")
    assert row["where_prec"] == "1" and row["date_prec"] == "1"
    assert row["adm_1"] == "Idlib"


def test_geojson_is_a_feature_collection_with_points(corpus, tmp_path):
    data = json.loads(export_text("geojson", tmp_path))
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.56, 35.61]}


def test_witness_names_are_redacted_by_default(corpus, tmp_path):
    for fmt in ("acled", "ucdp", "geojson", "jsonl"):
        assert WITNESS not in export_text(fmt, tmp_path), fmt
        assert "Qaddour" not in export_text(fmt, tmp_path), fmt
    record = json.loads(export_text("jsonl", tmp_path).splitlines()[0])
    assert [w["name"] for w in record["witnesses"]] == ["[witness]"]


def test_unredacted_export_is_audited(corpus, tmp_path):
    assert WITNESS in export_text("jsonl", tmp_path, unredacted=True)
    with session_scope() as s:
        entries = s.query(AuditEntryRow).filter_by(action="export_unredacted").all()
        assert len(entries) == 1 and entries[0].field == "jsonl"


def test_unknown_format_is_bad_input(corpus, tmp_path):
    with pytest.raises(BadInput, match="unknown export format"):
        export_events("shapefile", tmp_path / "x")


def test_acled_names_the_victims_identity_as_associated_actors(tmp_home, tmp_path):
    with session_scope() as s:
        event = report(s, source="Wire A", text="Gunmen killed six Druze farmers in a village.",
                       day=date(2025, 5, 2), low=6, best=6, high=6, reported_by=[],
                       identity=["Druze", "Bedouin"], event_type="Violence against civilians",
                       sub_event_type="Attack")
        link_stored_events(s, [e.id for e in [event]])
    row = next(csv.DictReader(io.StringIO(export_text("acled", tmp_path))))
    assert row["actor2"] == "Civilians (Syria)"
    assert row["assoc_actor_2"] == "Druze Muslim Group (Syria); Bedouin Ethnic Group (Syria)"


def test_no_identity_no_associated_actor(corpus, tmp_path):
    row = next(csv.DictReader(io.StringIO(export_text("acled", tmp_path))))
    assert row["assoc_actor_2"] == ""


def test_the_ocha_pcode_and_sub_district_are_exported(corpus, tmp_path):
    from tawthiq.store.tables import PlaceRow

    with session_scope() as s:
        place = s.query(PlaceRow).one()
        place.pcode, place.admin3 = "C9002", "Kafr Hud"   # invented
    row = next(csv.DictReader(io.StringIO(export_text("acled", tmp_path))))
    assert (row["admin1"], row["admin3"], row["pcode"]) == ("Idlib", "Kafr Hud", "C9002")
    record = json.loads(export_text("jsonl", tmp_path).splitlines()[0])
    assert (record["place"]["pcode"], record["place"]["admin3"]) == ("C9002", "Kafr Hud")
