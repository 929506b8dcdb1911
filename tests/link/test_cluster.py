"""The pure linking stage on invented event reports: no store, no extractor."""

from datetime import date

import pytest

from tawthiq.errors import BadInput
from tawthiq.link.cluster import link_reports
from tawthiq.link.settings import parse_settings
from tawthiq.model import (
    DateRange,
    Event,
    EventReport,
    Fatalities,
    LinkLabel,
    Location,
    Perpetrator,
)

VILLAGE = dict(gazetteer_id="wof:7", latitude=35.2, longitude=36.5, admin1="Hama",
               feature="locality")


def report(n: int, doc: int, *, language="en", words="", name="Tall Sukkar", day=12, toll=9,
           actor=None, **loc) -> EventReport:
    location = Location(mention=name, name=name, **{**VILLAGE, **loc})
    event = Event(event_type="Violence against civilians", sub_event_type="Attack",
                  means=["gunfire"], location=location,
                  date=DateRange(start=date(2013, 5, day), end=date(2013, 5, day),
                                 precision="day"),
                  fatalities=Fatalities(low=toll, best=toll, high=toll),
                  perpetrators=[Perpetrator(name=actor, mention=actor,
                                            actor_type="State forces")] if actor else [])
    return EventReport(id=n, key=(doc, n), document_id=doc, sha256=f"{doc:064x}",
                       source=f"outlet {doc}", language=language, event=event, words=words)


def test_an_arabic_report_links_through_place_date_and_toll_not_words():
    english = report(1, 1, words="gunmen stormed the olive press and shot the farmers there")
    arabic = report(2, 2, language="ar", words="اقتحم مسلحون معصرة الزيتون وقتلوا المزارعين",
                    name="تل سكر")
    result = link_reports([english, arabic])
    assert result.assignments[(1, 1)] == result.assignments[(2, 2)]
    levels = {c.comparison: c.level for c in result.explanations[(2, 2)].comparisons}
    assert levels["words"] == "null" and levels["place"] == "same village or town"


def test_two_events_of_one_document_at_different_places_stay_apart():
    a = report(1, 1)
    b = report(2, 1, name="Kafr Zita", gazetteer_id="wof:8", latitude=35.37, longitude=36.6)
    result = link_reports([a, b])
    assert result.assignments[(1, 1)] != result.assignments[(1, 2)]


def test_an_analysts_split_is_a_constraint():
    a, b = report(1, 1), report(2, 2)
    assert len(set(link_reports([a, b]).assignments.values())) == 1
    label = LinkLabel(a=(1, 1), b=(2, 2), same=False, by="analyst", action="split")
    assert len(set(link_reports([a, b], labels=[label]).assignments.values())) == 2


def test_contradicting_reports_do_not_chain():
    a = report(1, 1, day=12)
    far = report(2, 2, day=12, name="Qamishli", gazetteer_id="wof:9", latitude=37.05,
                 longitude=41.22, admin1="Al-Hasakah")
    result = link_reports([a, far])
    assert result.assignments[(1, 1)] != result.assignments[(2, 2)]


def test_bad_settings_name_every_problem():
    with pytest.raises(BadInput) as error:
        parse_settings({"probability_two_random_records_match": 2, "comparisons": []}, "x.json")
    message = str(error.value)
    assert "probability_two_random_records_match" in message and "comparisons missing" in message


PROVINCE = dict(gazetteer_id="wof:region", latitude=35.1, longitude=36.9, admin1="Hamah",
                feature="region")
CAPITAL = dict(gazetteer_id="wof:city", latitude=35.13, longitude=36.75, admin1="Hamah",
               feature="locality")
WORDS = "gunmen stormed the farms at dawn and shot the shepherds of the orchard"


def test_a_province_and_its_namesake_city_are_one_place_at_any_date():
    dated = report(1, 1, name="Hamah", words=WORDS, actor="Army", **PROVINCE)
    undated = report(2, 2, name="Hama", words=WORDS, actor="Army", **CAPITAL)
    undated.event.date = None
    result = link_reports([dated, undated])
    assert result.assignments[(1, 1)] == result.assignments[(2, 2)]
    levels = {c.comparison: c.level for c in result.explanations[(2, 2)].comparisons}
    assert levels["place"] == "same city or region" and levels["date"] == "null"


def test_two_provinces_capitals_stay_apart():
    hama = report(1, 1, name="Hama", words=WORDS, actor="Army", **CAPITAL)
    homs = report(2, 2, name="Homs", words=WORDS, actor="Army", gazetteer_id="wof:homs",
                  latitude=34.73, longitude=36.71, admin1="Homs", feature="locality")
    result = link_reports([hama, homs])
    assert result.assignments[(1, 1)] != result.assignments[(2, 2)]
    assert result.explanations[(2, 2)].matched is None   # blocking never paired them


def may_undated_december(**place) -> list[EventReport]:
    may = report(1, 1, day=12, words=WORDS, actor="Army", **place)
    undated = report(2, 2, words=WORDS, actor="Army", **place)
    undated.event.date = None
    december = report(3, 3, words=WORDS, actor="Army", **place)
    december.event.date = DateRange(start=date(2013, 12, 20), end=date(2013, 12, 20),
                                    precision="day")
    return [may, undated, december]


def test_a_report_months_from_one_of_an_incident_does_not_join_it_through_another():
    result = link_reports(may_undated_december(name="Hama", **CAPITAL))
    assert result.assignments[(1, 1)] == result.assignments[(2, 2)]
    assert result.assignments[(3, 3)] != result.assignments[(1, 1)]


def test_in_one_village_a_report_dated_months_off_still_joins():
    """A village's name is strong evidence: a report dated months off there is as often one
    misdated (a page's date taken for the event's) as another incident."""
    result = link_reports(may_undated_december())
    assert len(set(result.assignments.values())) == 1


def bombing(n: int, doc: int, means: list[str], toll: int) -> EventReport:
    found = report(n, doc, name="Damascus", toll=toll, gazetteer_id="wof:dam", latitude=33.51,
                   longitude=36.29, admin1="Damascus")
    found.event.means = means
    found.event.date = None
    return found


def test_a_shared_explosive_device_is_distinctive():
    """Bombs are rare beside gunfire and strikes (ACLED's 'Remote explosive/landmine/IED'):
    two undated reports at one city sharing one link; sharing gunfire they do not."""
    a = bombing(1, 1, ["explosive device", "gunfire"], 20)
    b = bombing(2, 2, ["explosive device"], 20)
    assert len(set(link_reports([a, b]).assignments.values())) == 1
    c, d = bombing(1, 1, ["gunfire"], 20), bombing(2, 2, ["gunfire"], 20)
    assert len(set(link_reports([c, d]).assignments.values())) == 2
