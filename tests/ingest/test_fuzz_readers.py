"""Property-based fuzzing (hypothesis) of the readers and the ingest entry point (issue #13):
no file - random bytes, broken JSON lines, ragged CSV, tag soup - makes a reader raise; a file
that cannot be read gives one-line errors naming it; ``tawthiq ingest`` of it exits 0 or 2,
never with a traceback, leaves every row stored before it as it was, stores no half record
(each stored report has its ingest entry), and keeps the audit chain and custody hashes whole."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tawthiq.ingest.readers import MEDIA_TYPES, iter_documents
from tawthiq.store import session_scope
from tawthiq.store.audit import verify_chain
from tawthiq.store.custody import iter_custody

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FIELDS = ["id", "text", "title", "published", "source", "url", "language", "date", "body"]
WORDS = ["killed", "in", "Taybeh", "3", "witness", "Nadim", "said", ".", "\n", ",", "\"",
         "2019-02-30", "1/2/19", "\u0642\u062a\u0644", "\x00", "\ud7ff", "\u202e", "EXPLODE"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40)
    | st.sampled_from(WORDS),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=6)
sentences = st.lists(st.sampled_from(WORDS) | st.text(max_size=12), max_size=30).map(" ".join)


@st.composite
def jsonl_files(draw) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["object", "value", "cut", "text"]))
        if kind == "object":
            obj = draw(st.dictionaries(st.sampled_from(FIELDS), json_values | sentences,
                                       max_size=6))
            lines.append(json.dumps(obj, ensure_ascii=draw(st.booleans())))
        elif kind == "value":
            lines.append(json.dumps(draw(json_values)))
        elif kind == "cut":
            whole = json.dumps({"id": draw(st.text(max_size=5)), "text": draw(sentences)})
            lines.append(whole[:draw(st.integers(0, len(whole)))])
        else:
            lines.append(draw(sentences))
    return "\n".join(lines).encode("utf-8", "surrogatepass")


@st.composite
def csv_files(draw) -> bytes:
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    header = draw(st.lists(st.sampled_from(FIELDS) | st.text(max_size=6), max_size=5))
    rows = draw(st.lists(st.lists(sentences | st.sampled_from(['"', '""', '"a,b"']),
                                  max_size=6), max_size=4))
    lines = [delimiter.join(header)] + [delimiter.join(row) for row in rows]
    return "\n".join(lines).encode("utf-8", "surrogatepass")


TAGS = ["<html>", "<body>", "<article>", "</article>", "<p>", "</p>", "<h1>", "</h1>",
        "<title>", "</title>", "<script>", "</script>", "<!--", "-->", "<![CDATA[", "&amp;",
        "&#0;", "&#xD800;", "<time datetime=\"2019-13-45\">", "<meta name=\"date\" content=\"x\">",
        "<meta property=\"article:published_time\" content=\"2020-01-02\">", "<br/>", "<"]


@st.composite
def html_files(draw) -> bytes:
    parts = draw(st.lists(st.sampled_from(TAGS) | sentences, max_size=25))
    return "".join(parts).encode("utf-8", "surrogatepass")


# Any bytes, as any of the readers' file kinds, or well-shaped but wrong files of each kind.
files = st.one_of(
    st.tuples(st.sampled_from(sorted(MEDIA_TYPES)), st.binary(max_size=600)),
    st.tuples(st.sampled_from(sorted(MEDIA_TYPES)),
              sentences.map(lambda s: s.encode("utf-8", "surrogatepass"))),
    st.tuples(st.sampled_from([".jsonl", ".ndjson"]), jsonl_files()),
    st.tuples(st.just(".csv"), csv_files()),
    st.tuples(st.sampled_from([".html", ".htm"]), html_files()))


def written(folder: Path, suffix: str, data: bytes) -> Path:
    path = folder / f"fuzzed{suffix}"
    path.write_bytes(data)
    return path


@FUZZ
@given(files)
def test_no_file_makes_a_reader_raise(file):
    suffix, data = file
    with tempfile.TemporaryDirectory() as folder:
        path = written(Path(folder), suffix, data)
        items = list(iter_documents([path]))
        for item in items:
            assert (item.document is None) != (item.error is None)
            if item.error is not None:
                line = item.error.one_line()
                assert "\n" not in line and str(path) in line, line
            else:
                assert isinstance(item.document.text, str) and item.raw is not None


def document_ingest_entries() -> tuple[set[int], set[int]]:
    from sqlalchemy import select

    from tawthiq.store.tables import AuditEntryRow, DocumentRow

    with session_scope() as session:
        documents = set(session.scalars(select(DocumentRow.id)))
        audited = set(session.scalars(select(AuditEntryRow.entity_id).where(
            AuditEntryRow.entity == "document", AuditEntryRow.action == "ingest")))
    return documents, audited


def test_ingesting_any_file_exits_0_or_2_and_keeps_the_store(run_cli, home, snapshot):
    good = home.parent / "good.txt"
    good.write_text("3 killed in Taybeh, witness Nadim said.\n", encoding="utf-8")
    assert run_cli("ingest", good)[0] == 0

    @settings(FUZZ, max_examples=40)
    @given(files)
    def check(file):
        ingest_keeps_the_store(run_cli, snapshot, file)

    check()


def ingest_keeps_the_store(run_cli, snapshot, file) -> None:
    before = snapshot()
    suffix, data = file
    with tempfile.TemporaryDirectory() as folder:
        path = written(Path(folder), suffix, data)
        status, out, err = run_cli("ingest", path)
    assert status in (0, 2), err
    assert "Traceback" not in out + err
    for line in err.splitlines():
        assert line.startswith("Error: ") and str(path) in line, line
    after = snapshot()
    for table, rows in before.items():
        if table in ("store_version", "viewer_search_state", "incidents", "incident_links"):
            continue  # counters, and incidents the new reports may join (see test_link)
        assert all(row in after[table] for row in rows), table
    documents, audited = document_ingest_entries()
    assert documents <= audited  # no report stored without the rest of its record
    with session_scope() as session:
        assert verify_chain(session).intact
        assert all(check.problem is None for check in iter_custody(session))
