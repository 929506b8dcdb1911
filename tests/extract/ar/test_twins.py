"""Each invented bulletin's English twin, read by the English extractor through the same
gazetteer, tells the same incident as the Arabic one: the same gazetteer place and dates that
overlap, which is what incident linking compares. The English extractor is another team's;
the bar is most twins, and a failure lists every miss. Measured: 37 of 50; the English side
misses "Rural Damascus" and "the Hama countryside" (read as the cities), a twin village's
governorate, and a neighbourhood inside its city."""

from __future__ import annotations

import pytest

from extract.ar.bulletins import BULLETINS

AGREEMENT = 0.7


@pytest.fixture(scope="module")
def english(arabic_geocoder):
    from tawthiq.actors import get_registry
    from tawthiq.extract.pipeline import Extractor
    from tawthiq.resolve import Resolvers

    return Extractor(resolvers=Resolvers(places=arabic_geocoder, actors=get_registry()))


def _same_incident(ar_event, en_events) -> bool:
    for en in en_events:
        if en.location is None or en.location.gazetteer_id != ar_event.location.gazetteer_id:
            continue
        if ar_event.date is None or en.date is None:
            return ar_event.date is None and en.date is None
        if en.date.start <= ar_event.date.end and ar_event.date.start <= en.date.end:
            return True
    return False


@pytest.mark.slow
def test_arabic_and_english_twins_tell_the_same_incident(english, extract_ar) -> None:
    from tawthiq.ingest.documents import make_document

    documents = [make_document(b["id"], b["en"], published=b["published"]) for b in BULLETINS]
    misses = []
    for bulletin, en in zip(BULLETINS, english.extract_many(documents), strict=True):
        ar = extract_ar(bulletin["ar"], bulletin["published"], bulletin["id"])
        if not _same_incident(ar.events[0], en.events):
            misses.append((bulletin["id"], [(e.location and e.location.name, e.date and
                                            (e.date.start, e.date.end)) for e in en.events]))
    agreement = 1 - len(misses) / len(BULLETINS)
    print(f"twins telling the same incident: {len(BULLETINS) - len(misses)} of {len(BULLETINS)}")
    assert agreement >= AGREEMENT, "\n".join(map(str, misses))
