"""A fast, deterministic stand-in for the spaCy extractor (loaded through the
``TAWTHIQ_EXTRACTOR`` setting), so ingest tests exercise the store without loading a model.

Rules, simple enough for a test to predict: one event per sentence that contains "killed";
its fatalities are the number written just before "killed" (digits), with evidence on those
words; "in Placename" gives a location with gazetteer id ``test:Placename``; "Test Forces"
gives a perpetrator attributed to "witnesses"; a sentence with "said" is a claim; a word
"witness" followed by a capitalised name gives a witness. ``TAWTHIQ_FAKE_DELAY`` (seconds)
slows each document down; a text containing "EXPLODE" makes extraction fail.
"""

from __future__ import annotations

import os
import re
import time

from tawthiq.model import (
    Claim,
    DateRange,
    Event,
    Evidence,
    ExtractResult,
    Fatalities,
    Location,
    Mentions,
    Perpetrator,
    Person,
)

SENTENCE = re.compile(r"[^.!?]+[.!?]?")
KILLED = re.compile(r"(?:(\d+) )?killed")
PLACE = re.compile(r"\bin ([A-Z][a-z]+)")
WITNESS = re.compile(r"witness ([A-Z][a-z]+)")


def expected_events(text: str) -> int:
    return sum(1 for m in SENTENCE.finditer(text) if "killed" in m.group())


class FakeExtractor:
    name = "fake-test"

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay

    def extract(self, doc) -> ExtractResult:
        if self.delay:
            time.sleep(self.delay)
        if "EXPLODE" in doc.text:
            raise RuntimeError("the fake extractor was told to fail")
        events, claims = [], []
        for sentence in SENTENCE.finditer(doc.text):
            if "said" in sentence.group():
                claims.append(Claim(speaker="a resident", text=sentence.group().strip(),
                                    start=sentence.start(), end=sentence.end(),
                                    event=len(events) if "killed" in sentence.group() else None))
            if "killed" in sentence.group():
                events.append(self._event(doc, sentence))
        witnesses = [Person(name=m.group(1), start=m.start(1), end=m.end(1))
                     for m in WITNESS.finditer(doc.text)]
        return ExtractResult(document=doc, events=events, claims=claims,
                             mentions=Mentions(witnesses=witnesses))

    def _event(self, doc, sentence) -> Event:
        offset = sentence.start()
        killed = KILLED.search(sentence.group())
        evidence = [Evidence(field="fatalities", start=offset + killed.start(),
                             end=offset + killed.end())]
        location = None
        place = PLACE.search(sentence.group())
        if place:
            name = place.group(1)
            location = Location(mention=name, name=name, gazetteer_id=f"test:{name}",
                                latitude=35.0, longitude=36.0, country_code="SY",
                                feature="locality", geo_precision=1)
            evidence.append(Evidence(field="location", start=offset + place.start(1),
                                     end=offset + place.end(1)))
        perpetrators = []
        if "Test Forces" in sentence.group():
            perpetrators.append(Perpetrator(name="Test Forces", mention="Test Forces",
                                            actor_type="State forces",
                                            affiliation=["Test State"],
                                            attributed_by="witnesses"))
        number = int(killed.group(1)) if killed.group(1) else None
        date = (DateRange(start=doc.published, end=doc.published, precision="day")
                if doc.published else None)
        return Event(event_type="Violence against civilians", sub_event_type="Attack",
                     means=["gunfire"], summary=sentence.group().strip(), date=date,
                     location=location, perpetrators=perpetrators,
                     fatalities=Fatalities(low=number, best=number, high=number),
                     evidence=evidence, confidence=0.7)


def make() -> FakeExtractor:
    return FakeExtractor(delay=float(os.environ.get("TAWTHIQ_FAKE_DELAY", "0")))
