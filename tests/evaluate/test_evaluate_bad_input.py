"""Found by QA: the evaluation commands' bad input (an output file in a missing folder or
naming a folder, a malformed UCDP CSV or geoparsing XML) is one line naming the file, line
or field and exit status 2 — refused before the long run, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tawthiq.errors import BadInput
from tawthiq.evaluate.geoparsing import read_corpus
from tawthiq.evaluate.ucdp_places import read_ucdp_rows

HEADER = "where_prec,where_coordinates,adm_1,adm_2,latitude,longitude\n"
GOOD_ROW = "1,Kafr Tala village,Idlib governorate,,35.5,36.5\n"


def tawthiq(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tawthiq.cli", *args], capture_output=True,
                          text=True, timeout=120)


def one_line_status_2(run: subprocess.CompletedProcess, *words: str) -> None:
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1
    for word in words:
        assert word in run.stderr, run.stderr


def _gwn(toponym: str) -> str:
    return (f"<articles><article><text>Shelling in Kafr Tala.</text><toponyms>{toponym}"
            f"</toponyms></article></articles>")


def _toponym(lat: str = "35.5", gid: str = "1234") -> str:
    return (f"<toponym><start>12</start><end>21</end><extractedName>Kafr Tala</extractedName>"
            f"<latitude>{lat}</latitude><longitude>36.5</longitude>"
            f"<geonamesID>{gid}</geonamesID></toponym>")


@pytest.mark.parametrize("command", ["ucdp-places", "geoparsing"])
@pytest.mark.parametrize("option", ["--misses", "--output"])
def test_an_output_in_a_missing_folder_or_naming_a_folder_is_refused_first(
        tmp_home, tmp_path, command, option):
    data = tmp_path / ("dev.csv" if command == "ucdp-places" else "GWN.xml")
    data.write_text(HEADER + GOOD_ROW if command == "ucdp-places" else _gwn(_toponym()),
                    encoding="utf-8")
    missing = tmp_path / "no-such-folder" / "out.jsonl"
    one_line_status_2(tawthiq("evaluate", command, str(data), option, str(missing)),
                      str(missing), option, "folder does not exist")
    one_line_status_2(tawthiq("evaluate", command, str(data), option, str(tmp_path)),
                      str(tmp_path), option, "is a directory")


@pytest.mark.parametrize(("body", "words"), [
    (HEADER + GOOD_ROW + "2,Tell Hamra,Idlib governorate\n", (":3", "latitude", "fewer fields")),
    (HEADER + "1,Tell Hamra town,Idlib,,north,36.5\n", (":2", "latitude", "'north'")),
    (HEADER + GOOD_ROW + "1,Tell Hamra,Idlib,,35.1,east\n", (":3", "longitude", "'east'")),
])
def test_a_malformed_ucdp_row_names_its_line_and_field(tmp_path, body, words):
    path = tmp_path / "dev.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        read_ucdp_rows(path)
    for word in words:
        assert word in caught.value.one_line()


def test_a_ucdp_file_not_in_utf8_names_its_line(tmp_home, tmp_path):
    path = tmp_path / "dev.csv"
    path.write_bytes((HEADER + GOOD_ROW).encode() + "1,Caf\xe9 town,X,,1,2\n".encode("latin-1"))
    one_line_status_2(tawthiq("evaluate", "ucdp-places", str(path)), "dev.csv:3", "UTF-8")


@pytest.mark.parametrize(("toponym", "words"), [
    (_toponym(lat="north"), ("article 1, toponym 2", "'north'")),
    (_toponym(gid="x12"), ("article 1, toponym 2", "'x12'")),
])
def test_a_malformed_geoparsing_toponym_names_its_article_and_toponym(tmp_path, toponym, words):
    path = tmp_path / "GWN.xml"
    path.write_text(_gwn(_toponym() + toponym), encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        read_corpus(path)
    for word in words:
        assert word in caught.value.one_line()


def test_a_toponym_the_corpus_leaves_unresolved_is_skipped_not_refused(tmp_path):
    path = tmp_path / "GWN.xml"
    path.write_text(_gwn(_toponym() + _toponym(gid="")), encoding="utf-8")
    (article,) = read_corpus(path)
    assert len(article.toponyms) == 1


def test_a_malformed_geoparsing_file_through_the_command(tmp_home, tmp_path):
    path = tmp_path / "GWN.xml"
    path.write_text(_gwn(_toponym(lat="north")), encoding="utf-8")
    one_line_status_2(tawthiq("evaluate", "geoparsing", str(path)), "GWN.xml", "toponym 1")
