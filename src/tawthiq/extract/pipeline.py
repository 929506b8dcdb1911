"""The English extractor: the spaCy pipeline and its tawthiq components, then attribution,
claims and persons, with the place and actor resolvers it is given (``tawthiq.resolve``);
loaded once, applied to batches with ``nlp.pipe``.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from tawthiq import knowledge
from tawthiq.extract.aggregates import find_aggregates, mark_list_tolls
from tawthiq.extract.attribution import actor_spans
from tawthiq.extract.build import DocContext, build_event, fallback_date
from tawthiq.extract.claims import document_outlets, find_claims, find_reporters
from tawthiq.extract.dates import find_anchor, is_reporting_date
from tawthiq.extract.identity import anaphora_pattern
from tawthiq.extract.persons import find_persons
from tawthiq.extract.segment import (
    REFERENCE,
    Draft,
    Sentence,
    absorb_headline,
    absorb_placeless,
    absorb_same_place,
    boilerplate_spans,
    date_from_figure,
    date_from_lead,
    dateline_spans,
    dates_compatible,
    dominant_country,
    harmonise_readings,
    is_caption,
    is_dateline_place,
    main_first,
    main_place,
    places_compatible,
    rank,
    segment,
    sentence_date,
    usable_places,
    villages_near_lead_reference,
    without_aggregate_drafts,
)
from tawthiq.extract.unlisted import unlisted_places
from tawthiq.model import Claim, Document, ExtractResult, Mentions, Person
from tawthiq.nlp import get_nlp
from tawthiq.nlp.components import sentence_bounds
from tawthiq.nlp.dates import DateMention
from tawthiq.nlp.doccache import doc_cache
from tawthiq.resolve import Resolvers, load_resolvers, region_key

LEAD_SENTENCES = 3  # the headline and first sentences, where a report names its main incident


def analysable(document: Document) -> bool:
    """This pipeline reads English; a report in another language given to it gives no events
    rather than words misread as English."""
    return (document.language or "en") == "en"


class Extractor:
    """``resolvers`` default to the ones the settings name (``resolve.load_resolvers``)."""

    def __init__(self, nlp: Language | None = None, resolvers: Resolvers | None = None) -> None:
        self.nlp = nlp or get_nlp()
        self.resolvers = resolvers if resolvers is not None else load_resolvers()

    def extract(self, doc: Document) -> ExtractResult:
        return next(self.extract_many([doc]))

    def extract_many(
        self, docs: Iterable[Document], batch_size: int = 32
    ) -> Iterator[ExtractResult]:
        # A report in a language the English pipeline cannot read gives no events rather than
        # words misread as English; it goes through the pipe empty to keep the order.
        pairs = ((self._tokenised(d), d) for d in docs)
        for spacy_doc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            if not analysable(document):
                yield ExtractResult(document=document)
                continue
            result = self.from_doc(document, spacy_doc)
            _freeze_loaded_once()
            yield result

    def _tokenised(self, document: Document) -> Doc:
        """The report's Doc as the pipe would make it, its text shared with the components
        and stages from the start (spaCy joins ``Doc.text`` from the tokens on every access)."""
        text = document.text if analysable(document) else ""
        spacy_doc = self.nlp.make_doc(text)
        _share_text(spacy_doc, text)
        return spacy_doc

    def from_doc(self, document: Document, spacy_doc: Doc) -> ExtractResult:
        """The contract result for one parsed report."""
        text = document.text
        _share_text(spacy_doc, text)
        anchor = find_anchor(document.published, spacy_doc._.tawthiq_dates or [], document.text)
        reporters = find_reporters(spacy_doc)
        named, witnesses = find_persons(spacy_doc)
        ctx = DocContext(
            text=text,
            spacy_doc=spacy_doc,
            anchor=anchor,
            source=document.source,
            reporters=reporters,
            victims=list(named),
            resolvers=self.resolvers,
        )
        sentences, lead_place = self._sentences(spacy_doc, text, anchor, reporters)
        ctx.sentences = [(s.start, s.end) for s in sentences]
        country = dominant_country([p for s in sentences for p in s.places])
        mark_list_tolls(sentences)
        drafts = absorb_placeless(main_first(absorb_headline(
            without_aggregate_drafts(segment(sentences))), anchor))
        if drafts:
            drafts[0].place = main_place(drafts[0], sentences, sentences[:LEAD_SENTENCES],
                                         region_key, country)
        if drafts and not _in_country(drafts[0].place, country):
            drafts[0].place = next((p for p in lead_place if _in_country(p, country)),
                                   drafts[0].place if rank(drafts[0].place) >= 1
                                   else next(iter(lead_place), drafts[0].place))
        drafts = absorb_same_place(drafts)
        if drafts:
            date_from_figure(drafts[0])
            date_from_lead(drafts[0], sentences[:LEAD_SENTENCES], anchor)
        events = []
        lead = [(s.start, s.end) for s in sentences[:LEAD_SENTENCES]]
        described = _described(sentences, drafts[0].place) if drafts else []
        lead_sentences = sentences[:LEAD_SENTENCES]
        for draft in drafts:
            main = draft is drafts[0]
            inherited = None if main else drafts[0].date
            told = main or told_by_lead(draft, lead_sentences)
            events.append(
                build_event(
                    draft, ctx, inherited or fallback_date(anchor), lead=lead if told else None,
                    described=described if main else None,
                )
            )
        share_perpetrators(events)
        claims = self._claims(spacy_doc, drafts)
        return ExtractResult(
            document=document,
            events=events,
            claims=claims,
            mentions=Mentions(witnesses=_people(witnesses)),
            aggregates=find_aggregates(sentences, text, anchor, reporters, document.source,
                                       events),
        )

    def _sentences(
        self, spacy_doc: Doc, text: str, anchor, reporters
    ) -> tuple[list[Sentence], list[Any]]:
        """The report's sentences with their mentions, and the usable places finer than a
        country in text order, the city of the dateline last (fallbacks of the main place).
        Tag lists and related-article lists name no place of the report's incidents."""
        places = self.resolvers.places
        toponyms = places.find_toponyms(text, spacy_doc) if places is not None else []
        excluded = [(s, e) for _, s, e in reporters] + self._actor_spans(spacy_doc, text)
        # an outlet's name is no place ("the news agency Sana", "Video from the Guardian")
        excluded += [(m.start, m.end) for m, _ in document_outlets(spacy_doc)]
        if anchor is not None and anchor.mention is not None:
            excluded += dateline_spans(text, toponyms, anchor.mention.start, anchor.mention.end)
        furniture = boilerplate_spans(text)
        excluded += furniture
        datelines = [t for t in toponyms if is_dateline_place(text, t)]
        places = harmonise_readings(
            usable_places(text, [t for t in toponyms if t not in datelines], excluded))
        places = sorted(places + unlisted_places(text, places, sentence_bounds(spacy_doc),
                                                 excluded, self.resolvers.places),
                        key=lambda t: t.start)
        datelines = usable_places(text, datelines, excluded)
        lead_place = [p for p in places + datelines if rank(p) >= 1]
        means = spacy_doc._.tawthiq_means or []
        casualties = spacy_doc._.tawthiq_casualties or []
        dates = spacy_doc._.tawthiq_dates or []
        out = []
        for index, (start, end) in enumerate(sentence_bounds(spacy_doc)):
            out.append(
                Sentence(
                    index,
                    start,
                    end,
                    means=[m for m in means if start <= m.start < end],
                    casualties=[c for c in casualties if start <= c.number_start < end],
                    places=[p for p in places if start <= p.start < end
                            and p.role != REFERENCE],
                    references=[p for p in places if start <= p.start < end
                                and p.role == REFERENCE],
                    text=text[start:end],
                    furniture=any(a <= start and end <= b + 2 for a, b in furniture),
                    caption=is_caption(text[start:end]),
                )
            )
        for s in out[:LEAD_SENTENCES]:
            # the report's title, a date or menu line: no full stop, a line of its own
            s.headline = not re.search(r"[.!?][\"”’']?\s*$", s.text)
        relocated = villages_near_lead_reference(text, out[:LEAD_SENTENCES], places)
        if relocated is not places:
            for s in out:
                s.places = [p for p in relocated if s.start <= p.start < s.end
                            and p.role != REFERENCE]
        own = {id(s): [d for d in dates if s.start <= d.start < s.end] for s in out}
        for s in out:
            s.date, s.date_mention = sentence_date(text, own[id(s)], anchor)

        def referent(noun: str):
            """The date of the sentence that tells of "the ambush"."""
            pattern = re.compile(rf"\b{re.escape(noun)}", re.IGNORECASE)
            return next(
                (
                    s.date
                    for s in out
                    if s.date is not None
                    and s.date_mention is not None
                    and s.date_mention.kind != "referenced"
                    and pattern.search(text[s.start : s.end])
                ),
                None,
            )

        for s in out:
            if any(d.kind == "referenced" for d in own[id(s)]):
                s.date, s.date_mention = sentence_date(text, own[id(s)], anchor, referent)
            s.reported = s.date_mention is not None and is_reporting_date(text, s.date_mention)
        date_same_day(out)
        return out, lead_place

    def _actor_spans(self, spacy_doc: Doc, text: str) -> list[tuple[int, int]]:
        """Where the report names an armed actor: "Daesh" or "Bashar" there is not a place.
        Attribution's per-Doc cache is filled here and read again there (one scan)."""
        actors = self.resolvers.actors
        if actors is None:
            return []
        return [(m.start, m.end) for _, m in actor_spans(spacy_doc, actors)]

    def _claims(self, spacy_doc: Doc, drafts) -> list[Claim]:
        claims = find_claims(spacy_doc)
        assigned = []
        for claim in claims:
            event = next(
                (
                    i
                    for i, d in enumerate(drafts)
                    if any(s.start <= claim.start < s.end for s in d.sentences)
                ),
                None,
            )
            assigned.append(claim.model_copy(update={"event": event}))
        return assigned


def _described(sentences: list[Sentence], place: Any) -> list[tuple[int, int]]:
    """Sentences that speak of the main incident's place without naming another: the lead's,
    and any naming no place but "the village" (where "the Sunni village" describes its
    people)."""
    anaphora = anaphora_pattern()
    return [(s.start, s.end) for i, s in enumerate(sentences)
            if all(places_compatible(p, place) for p in s.places)
            and (i < LEAD_SENTENCES or (not s.places and anaphora.search(s.text)))]


def _in_country(place: Any, country: str | None) -> bool:
    """A place finer than a country, in the report's main country (when it has one)."""
    return rank(place) >= 1 and (country is None or place.match.country_code == country)


_frozen = False


def _freeze_loaded_once() -> None:
    """After the process's first report, what it loaded (the spaCy model, the gazetteer's
    in-memory indexes, lexicons, registries) stays for the process's life: moved out of the
    cyclic garbage collector's generations (``gc.freeze``), its full collections no longer
    walk those millions of objects again and again (about 1.2 of some 40 CPU-s over the
    FA-KES dev reports). Unreachable objects are still freed by reference counting."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


def _share_text(spacy_doc: Doc, text: str) -> None:
    """spaCy rebuilds ``Doc.text`` from the tokens on every access; the other stages read it
    through the per-Doc cache, seeded here with the document's text (the same string:
    spaCy's tokenizer is lossless)."""
    doc_cache(spacy_doc).setdefault("text", text)


def date_same_day(sentences: list[Sentence]) -> None:
    """ "Later the same day, in the next village, ...": a sentence its own words do not date
    takes the day of the nearest earlier sentence that dates an incident."""
    pattern = _same_day_words()
    last: Sentence | None = None
    for s in sentences:
        found = pattern.search(s.text) if s.date is None and last is not None else None
        if found:
            s.date = last.date
            s.date_mention = DateMention(s.start + found.start(), s.start + found.end(),
                                         "referenced")
        if s.day is not None and s.tells_violence:
            last = s


@cache
def _same_day_words() -> re.Pattern[str]:
    return re.compile(knowledge.load("date_words.json", "en")["same_day"]["pattern"],
                      re.IGNORECASE)


def told_by_lead(draft: Draft, lead: list[Sentence]) -> bool:
    """The lead tells the incidents of its days ("Gunmen killed dozens in two villages over
    Friday and Saturday"): its perpetrators stand for theirs when they name none. A lead
    sentence of the incident itself says nothing of the others ("In 2013, shelling ...")."""
    own = {id(s) for s in draft.sentences}
    return draft.date is not None and any(
        s.date is not None and id(s) not in own and dates_compatible(draft.date, s.date)
        for s in lead)


def share_perpetrators(events: list) -> None:
    """Incidents told in the main incident's stride (same days: "in the next village, three
    more were shot dead") share its perpetrators when they name none; a background incident
    (other days) does not."""
    if not events or not events[0].perpetrators:
        return
    main = events[0]
    shared = [e for e in main.evidence if e.field == "perpetrators"]
    for event in events[1:]:
        if event.perpetrators or not dates_compatible(event.date, main.date):
            continue
        event.perpetrators = [p.model_copy() for p in main.perpetrators]
        event.evidence = sorted(event.evidence + shared, key=lambda e: (e.start, e.field))


def _people(people: Iterable[Person]) -> list[Person]:
    return [p for p in people if p.name]


@cache
def get_extractor() -> Extractor:
    return Extractor()


def extract_paths(
    paths: Iterable[Path],
    *,
    published: date | None = None,
    source: str | None = None,
    language: str = "en",
    batch_size: int = 32,
) -> Iterator[dict]:
    """Contract ``tawthiq extract``: one dict per input document, in input order; a document
    that cannot be read yields ``{"id", "error"}`` and the run goes on."""
    from tawthiq.ingest.readers import iter_documents

    items = iter_documents(paths, published=published, source=source, language=language)
    extractor = None
    while batch := list(islice(items, batch_size)):
        documents = [i.document for i in batch if i.document is not None]
        if documents and extractor is None:
            extractor = get_extractor()
        results = iter(
            extractor.extract_many(documents, batch_size=batch_size) if documents else []
        )
        for item in batch:
            if item.document is None:
                yield {"id": _error_id(item), "error": _error_text(item)}
            else:
                yield next(results).to_json()


def _error_id(item) -> str | None:
    return item.id if getattr(item, "id", None) is not None else item.origin


def _error_text(item) -> str:
    error = item.error
    return error.one_line() if error is not None else "unreadable document"
