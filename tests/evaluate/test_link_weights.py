"""u-probabilities counted on UCDP-style events (invented rows): every pair is of different
incidents, so the shares of blocked pairs at each level are the u values."""

from __future__ import annotations

from pathlib import Path

import pytest

from tawthiq.errors import BadInput
from tawthiq.evaluate.link_weights import count_levels, evaluate_link_weights, ucdp_reports

HEADER = ("id,where_prec,where_coordinates,adm_1,adm_2,latitude,longitude,date_start,date_end,"
          "date_prec,side_a,type_of_violence,low,best,high\n")
ROWS = [
    "1,1,Kafr Alpha village,Idlib Governorate,Ariha district,35.80,36.60,2017-05-01,2017-05-01,1,"
    "Government of Syria,1,3,3,3",
    "2,1,Kafr Alpha village,Idlib Governorate,Ariha district,35.80,36.60,2017-05-02,2017-05-02,1,"
    "IS,3,10,12,15",
    "3,1,Tell Beta town,Idlib Governorate,Ariha district,35.83,36.62,2017-05-03,2017-05-03,1,"
    "Government of Syria,1,3,3,3",
    "4,1,Deir Gamma village,Hama Governorate,Hama district,35.10,36.70,2017-09-01,2017-09-01,1,"
    "Government of Syria,1,1,1,1",
]


def write(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "ged.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_levels_of_blocked_pairs_are_counted(tmp_path: Path):
    reports = list(ucdp_reports(write(tmp_path, ROWS)))
    pairs, counts = count_levels(reports)
    assert pairs == 3   # the Idlib three pair up; Hama is months later and elsewhere
    assert counts["place"]["same village or town"] == 1
    assert counts["place"]["within 5 km"] == 2
    assert counts["date"]["within a day"] == 2 and counts["date"]["within the window"] == 1
    assert counts["perpetrators"]["same actor"] == 1
    assert counts["fatalities"]["same toll"] == 1


def test_settings_written_with_counted_u(tmp_path: Path):
    out = tmp_path / "settings.json"
    settings = evaluate_link_weights(write(tmp_path, ROWS), output=out, echo=lambda _l: None)
    place = next(c for c in settings["comparisons"] if c["output_column_name"] == "place")
    same = next(lv for lv in place["comparison_levels"]
                if lv["label_for_charts"] == "same village or town")
    assert same["u_probability"] == pytest.approx(1 / 4)
    assert "1 of 3" in same["u_source"] and out.exists()


def test_a_row_without_a_date_names_its_line(tmp_path: Path):
    bad = ROWS[0].replace("2017-05-01,2017-05-01", ",")
    with pytest.raises(BadInput) as caught:
        list(ucdp_reports(write(tmp_path, [bad])))
    assert caught.value.line == 2 and "ged.csv" in caught.value.one_line()
