"""The invented bulletins (bulletins.py) read by the Arabic extractor: each bulletin's main
incident has the place, governorate, date, tolls, perpetrator, means and type written beside
it; aggregates stay apart from events; witnesses and claims are found."""

from __future__ import annotations

import pytest

from extract.ar.bulletins import BULLETINS


def _main(result, expected):
    """The event at the expected place (the main one is first; the check says which)."""
    assert result.events, "no events"
    return result.events[0]


@pytest.mark.parametrize("bulletin", BULLETINS, ids=[b["id"] for b in BULLETINS])
def test_bulletin_fields(bulletin, extract_ar) -> None:
    result = extract_ar(bulletin["ar"], bulletin["published"], bulletin["id"])
    expected = bulletin["expect"]
    event = _main(result, expected)
    location = event.location
    assert location is not None and location.name == expected["place"], location
    assert location.admin1 == expected["admin1"]
    if expected["date"] is None:
        assert event.date is None
    else:
        assert event.date is not None, "no date"
        assert (event.date.start, event.date.end) == expected["date"]
    killed = expected.get("killed")
    figures = (event.fatalities.low, event.fatalities.best, event.fatalities.high)
    assert figures == (killed or (None, None, None))
    if "injured" in expected:
        assert event.injuries.best == expected["injured"]
    names = [p.name for p in event.perpetrators]
    if expected["perp"] is None:
        assert names == []
    else:
        assert expected["perp"] in names
        if expected.get("attributed_by"):
            perp = next(p for p in event.perpetrators if p.name == expected["perp"])
            assert perp.attributed_by == expected["attributed_by"]
    assert event.means[0] == expected["means"]
    assert event.event_type == expected["type"]
    for group in ("children", "women"):
        if group in expected:
            assert getattr(event.fatalities, group) == expected[group]
    assert sorted(a.fatalities.best for a in result.aggregates) == expected.get("aggregates", [])
    assert len(result.events) >= expected.get("events", 1)
    if "second" in expected:
        second = expected["second"]
        other = next(e for e in result.events[1:] if e.location.name == second["place"]
                     and e.location.admin1 == second["admin1"])
        assert (other.fatalities.low, other.fatalities.best, other.fatalities.high) == \
            second["killed"]
    if "identity" in expected:
        assert event.victims.identity == [expected["identity"]]
    if "witness" in expected:
        assert [w.name for w in result.mentions.witnesses] == [expected["witness"]]
        assert any(c.speaker == expected["witness"] for c in result.claims)
    if "claims" in expected:
        assert len(result.claims) >= expected["claims"]
