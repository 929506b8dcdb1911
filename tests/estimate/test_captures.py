"""Reading CAPTURES.csv and building capture tables from people's list memberships."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tawthiq.errors import BadInput
from tawthiq.estimate.captures import History, read_captures, tables_from_histories


def write(tmp_path: Path, text: str, name: str = "captures.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_one_row_per_person_and_counted_rows_give_the_same_table(tmp_path):
    people = write(tmp_path, "A,B,C\n1,0,0\n1,0,0\n1,1,0\n0,0,1\n1,1,0\n", "people.csv")
    counted = write(tmp_path, "A,B,C,count\n0,0,1,1\n1,0,0,2\n1,1,0,1\n1,1,0,1\n0,1,1,0\n")
    a, b = read_captures(people)["all"], read_captures(counted)["all"]
    assert a.lists == b.lists == ("A", "B", "C")
    assert np.array_equal(a.patterns, b.patterns) and np.array_equal(a.counts, b.counts)
    assert a.documented == 5
    assert a.list_sizes == {"A": 4, "B": 2, "C": 1}
    assert a.overlap((0, 1)) == 2 and a.on_several_lists() == 2


def test_the_stratum_column_splits_the_table(tmp_path):
    path = write(tmp_path, "stratum,A,B,count\nHoms,1,1,3\nIdlib,1,0,2\nHoms,0,1,4\n,1,1,1\n")
    tables = read_captures(path)
    assert sorted(tables) == ["Homs", "Idlib", "unknown"]
    assert tables["Homs"].documented == 7 and tables["Idlib"].documented == 2


def test_overlap_facts_name_the_lists(tmp_path):
    path = write(tmp_path, "A,B,C,count\n1,1,0,4\n1,0,0,3\n0,1,0,2\n0,0,1,5\n")
    table = read_captures(path)["all"]
    assert table.zero_overlap_pairs() == [("A", "C"), ("B", "C")]
    assert table.isolated_lists() == ["C"]
    assert table.full_counts().tolist() == [5, 2, 0, 3, 0, 4, 0]  # patterns 001 ... 111


@pytest.mark.parametrize(("text", "where"), [
    ("A,B\n1,0\n1,2\n", "captures.csv:3, field 'B'"),
    ("A,B\n1,0\n0,0\n", "captures.csv:3"),
    ("A,B,count\n1,0,-3\n", "captures.csv:2, field 'count'"),
    ("A,B,count\n1,0,many\n", "captures.csv:2, field 'count'"),
    ("A,B\n1,0,1\n", "captures.csv:2"),
    ("A,A,B\n1,0,1\n", "captures.csv:1, field 'A'"),
    ("A,count\n1,3\n", "captures.csv:1"),
    ("", "captures.csv:1"),
    ("A,B,count\n1,0,0\n", "captures.csv"),
])
def test_bad_files_are_refused_naming_the_place(tmp_path, text, where):
    path = write(tmp_path, text)
    with pytest.raises(BadInput) as caught:
        read_captures(path)
    assert caught.value.one_line().startswith(str(tmp_path / where))


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("A,B,Liste é\n1,0,1\n".encode("latin-1"))
    with pytest.raises(BadInput, match="not UTF-8"):
        read_captures(path)


def test_histories_become_tables_per_stratum_with_chosen_lists():
    people = [History(frozenset({"SNHR", "VDC"}), {"governorate": "Homs"}),
              History(frozenset({"SNHR"}), {"governorate": "Homs"}),
              History(frozenset({"VDC", "SOHR"}), {"governorate": None}),
              History(frozenset({"SOHR"}), {"governorate": "Idlib"})]
    everything = tables_from_histories(people)
    assert list(everything) == ["all"]
    assert everything["all"].lists == ("SNHR", "SOHR", "VDC")
    assert everything["all"].documented == 4
    by_place = tables_from_histories(people, lists=["SNHR", "VDC"], by="governorate")
    assert sorted(by_place) == ["Homs", "unknown"]  # the Idlib person is on neither list
    assert by_place["Homs"].overlap((0, 1)) == 1
    assert by_place["unknown"].list_sizes == {"SNHR": 0, "VDC": 1}
    assert by_place["unknown"].without_empty_lists().lists == ("VDC",)
