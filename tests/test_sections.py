"""Long reports are read in sections (``tawthiq.sections``): no extractor reads more than
``section_chars`` at once, every offset of the merged result points into the whole text, and
a report beyond ``max_report_chars`` is refused in one line, nothing stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from support.fake_extractor import FakeExtractor
from tawthiq.model import Document
from tawthiq.pipeline import ingest_paths
from tawthiq.sections import extract_in_sections, split_sections
from tawthiq.settings import Settings, use_settings
from tawthiq.store import session_scope
from tawthiq.store.tables import ClaimRow, DocumentRow, EventRow, EvidenceRow, PersonRow

PARAGRAPH = ("In Harbel 3 killed when a shell hit the square, witness Nadim said. "
             "The market stayed shut for a day.\n\n")


class ShortSighted(FakeExtractor):
    """Fails on a long text the way spaCy does past ``nlp.max_length`` (error E088)."""

    def __init__(self, most: int) -> None:
        super().__init__()
        self.most = most
        self.lengths: list[int] = []

    def extract(self, doc):
        self.lengths.append(len(doc.text))
        if len(doc.text) > self.most:
            raise ValueError(f"[E088] Text of length {len(doc.text)} exceeds maximum")
        return super().extract(doc)


@pytest.fixture
def long_home(tmp_path: Path):
    settings = Settings(home=tmp_path / "home", section_chars=2_000, max_report_chars=50_000)
    use_settings(settings)
    yield settings
    use_settings(None)


def test_sections_cover_the_text_and_end_at_paragraphs():
    text = PARAGRAPH * 40
    sections = split_sections(text, 1_000)
    assert "".join(piece for _offset, piece in sections) == text
    assert all(len(piece) <= 1_000 for _offset, piece in sections)
    assert all(piece.endswith("\n\n") for _offset, piece in sections[:-1])
    assert [offset for offset, _ in sections] == [
        sum(len(p) for _o, p in sections[:i]) for i in range(len(sections))]


def test_a_text_without_breaks_is_still_cut():
    sections = split_sections("x" * 2_500, 1_000)
    assert [len(p) for _o, p in sections] == [1_000, 1_000, 500]


def test_merged_offsets_point_into_the_whole_text():
    text = PARAGRAPH * 30
    document = Document(id="long", text=text, sha256="0" * 64)
    whole = FakeExtractor().extract(document)
    merged = extract_in_sections(FakeExtractor().extract, document, 700)
    # The stand-in's rules work sentence by sentence: the same events as read at once.
    assert [e.model_dump() for e in merged.events] == [e.model_dump() for e in whole.events]
    assert merged.mentions == whole.mentions
    assert [c.text for c in merged.claims] == [c.text for c in whole.claims]
    assert all(text[c.start:c.end].strip() == c.text for c in merged.claims)
    assert [c.event for c in merged.claims] == list(range(30))


def test_a_long_report_is_ingested_in_sections(long_home, tmp_path: Path):
    path = tmp_path / "long-report.txt"
    path.write_text(PARAGRAPH * 100)  # 10,300 characters
    extractor = ShortSighted(most=2_000)
    [outcome] = ingest_paths([path], extractor=extractor)
    assert outcome.status == "stored", outcome.message
    assert outcome.events == 100
    assert max(extractor.lengths) <= 2_000
    with session_scope() as session:
        text = session.scalar(select(DocumentRow.text))
        quotes = {(row.start, row.end, row.quote) for row in session.scalars(select(EvidenceRow))}
        assert all(text[start:end] == quote for start, end, quote in quotes)
        assert len({start for start, _e, _q in quotes}) == 100  # one per event
        assert all(text[p.start:p.end] == "Nadim" for p in session.scalars(select(PersonRow)))
        claims = session.scalars(select(ClaimRow)).all()
        assert all(text[c.start:c.end].strip() == c.text for c in claims)
        events = {e.id for e in session.scalars(select(EventRow))}
        assert {c.event_id for c in claims} == events


def test_a_report_beyond_the_limit_is_refused_in_one_line(long_home, tmp_path: Path):
    path = tmp_path / "huge.txt"
    path.write_text(PARAGRAPH * 600)  # 61,800 characters
    [outcome] = ingest_paths([path], extractor=ShortSighted(most=2_000))
    assert outcome.status == "error"
    assert outcome.message == (f"{path}: the report is 61,800 characters long, more than the "
                               "50,000 tawthiq reads (TAWTHIQ_MAX_REPORT_CHARS); split it into "
                               "several files")
    with session_scope() as session:
        assert session.scalar(select(DocumentRow.id)) is None
