"""Geoparsing benchmark evaluation: both XML formats, context resolution, the table."""

import pytest

from conftest import require_file
from geo.gazetteer_fixtures import WORLD_SOURCES
from tawthiq.errors import BadInput
from tawthiq.evaluate import geoparsing
from tawthiq.settings import Settings, use_settings

TEXT = "Officials in Paris, Texas said the storm moved on toward France and Paris."

GWN = f"""<?xml version="1.0" ?>
<articles><article file="0"><title>t</title><text>{TEXT}</text><toponyms>
<toponym><extractedName>Paris</extractedName><start>13</start><end>18</end>
<geonamesID>4717560</geonamesID><latitude>33.66</latitude><longitude>-95.56</longitude></toponym>
<toponym><extractedName>Texas</extractedName><start>20</start><end>25</end>
<geonamesID>4736286</geonamesID><latitude>31.25</latitude><longitude>-99.25</longitude></toponym>
<toponym><extractedName>France</extractedName><start>57</start><end>63</end>
<geonamesID>3017382</geonamesID><latitude>46.0</latitude><longitude>2.0</longitude></toponym>
<toponym><extractedName>storm</extractedName><start>35</start><end>40</end><geonamesID/></toponym>
</toponyms></article></articles>"""

LGL = f"""<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><text><![CDATA[{TEXT}]]></text><toponyms count="1">
<toponym><start>68</start><end>73</end><phrase>Paris</phrase>
<gaztag geonameid="2988507"><name>Paris</name><fcode>PPLC</fcode><lat>48.85341</lat>
<lon>2.3488</lon></gaztag></toponym>
<toponym><start>0</start><end>9</end><phrase>Officials</phrase></toponym>
</toponyms></article></articles>"""


def test_both_formats_scored_with_context(tmp_path, monkeypatch):
    (tmp_path / "GWN.xml").write_text(GWN, "utf-8")
    (tmp_path / "lgl.xml").write_text(LGL, "utf-8")
    use_settings(Settings(home=tmp_path / "home"))
    real_ensure = geoparsing.ensure_world
    monkeypatch.setattr(geoparsing, "ensure_world",
                        lambda home: real_ensure(home, WORLD_SOURCES))
    printed = []
    try:
        report = geoparsing.evaluate_geoparsing([tmp_path / "GWN.xml", tmp_path / "lgl.xml"],
                                                tmp_path / "out.json", printed.append)
    finally:
        use_settings(None)
    gwn, lgl = report["gwn"], report["lgl"]
    assert gwn["toponyms"] == 3 and lgl["toponyms"] == 1       # gold without ids skipped
    assert gwn["exact"] == 1.0                                 # "Paris, Texas" -> Paris, TX
    assert lgl["exact"] == 1.0 and lgl["acc161"] == 1.0
    assert any("Mordecai3" in line for line in printed)
    assert (tmp_path / "out.json").exists()


def test_bad_xml(tmp_path):
    path = tmp_path / "GWN.xml"
    path.write_text("<articles><article>", "utf-8")
    with pytest.raises(BadInput, match="XML"):
        geoparsing.read_corpus(path)


@pytest.mark.data
def test_reads_the_shared_corpora(shared_data):
    folder = shared_data / "geoparsing"
    counts = {}
    for name in ("GWN.xml", "lgl.xml", "TR-News.xml"):
        articles = geoparsing.read_corpus(require_file(folder / name))
        counts[name] = sum(len(a.toponyms) for a in articles)
    assert counts == {"GWN.xml": 2401, "lgl.xml": 4462, "TR-News.xml": 1275}
