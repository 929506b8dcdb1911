"""Long reports, read in sections.

An extractor's time and memory grow with the length of the text it reads at once (spaCy holds
the whole parse; a 216 kB report took 1 GB). A report longer than ``section_chars`` is
therefore cut into sections at paragraph breaks (else line breaks, sentence ends, spaces), each
section is extracted on its own, and the results are put back together with every character
offset (evidence, named victims, witnesses, claims) moved to where the section starts in the
whole text, and each claim's event number moved past the events of the sections before it.
The document is stored whole, as received; only the reading is done in pieces.
"""

from __future__ import annotations

from collections.abc import Callable

from tawthiq.model import Claim, Document, Event, ExtractResult, Mentions, Person

# Where a section may end, best first: a paragraph, a line, a sentence, a word.
BREAKS = ("\n\n", "\n", ". ", " ")


def split_sections(text: str, size: int) -> list[tuple[int, str]]:
    """(offset, piece) pairs that cover ``text`` in order, each piece at most ``size``
    characters, cut after the last break of the best kind in the second half of the limit."""
    sections: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = size
        for mark in BREAKS:
            found = window.rfind(mark, size // 2)
            if found >= 0:
                cut = found + len(mark)
                break
        sections.append((start, text[start:start + cut]))
        start += cut
    sections.append((start, text[start:]))
    return sections


def extract_in_sections(extract: Callable[[Document], ExtractResult], document: Document,
                        size: int) -> ExtractResult:
    """``extract`` run on each section of ``document``; one result for the whole text."""
    results = []
    for offset, piece in split_sections(document.text, size):
        results.append((offset, extract(document.model_copy(update={"text": piece}))))
    return merge_sections(document, results)


def merge_sections(document: Document,
                   results: list[tuple[int, ExtractResult]]) -> ExtractResult:
    events: list[Event] = []
    claims: list[Claim] = []
    witnesses: list[Person] = []
    for offset, result in results:
        first_event = len(events)
        events.extend(_moved_event(event, offset) for event in result.events)
        claims.extend(claim.model_copy(update={
            "start": claim.start + offset, "end": claim.end + offset,
            "event": None if claim.event is None else claim.event + first_event})
            for claim in result.claims)
        witnesses.extend(_moved_person(person, offset) for person in result.mentions.witnesses)
    return ExtractResult(document=document, events=events, claims=claims,
                         mentions=Mentions(witnesses=witnesses))


def _moved_event(event: Event, offset: int) -> Event:
    victims = event.victims.model_copy(update={
        "named": [_moved_person(p, offset) for p in event.victims.named]})
    evidence = [e.model_copy(update={"start": e.start + offset, "end": e.end + offset})
                for e in event.evidence]
    return event.model_copy(update={"victims": victims, "evidence": evidence})


def _moved_person(person: Person, offset: int) -> Person:
    if person.start is None or person.end is None:
        return person
    return person.model_copy(update={"start": person.start + offset,
                                     "end": person.end + offset})
