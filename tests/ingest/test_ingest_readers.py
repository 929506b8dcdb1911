"""Readers: each format gives Documents with provenance; each kind of bad input gives one
error item naming the file (and line and field), and the other items still come."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tawthiq.errors import BadInput
from tawthiq.ingest.documents import sha256_hex
from tawthiq.ingest.readers import iter_documents, parse_csv_map
from tawthiq.settings import Settings, use_settings

FIXTURES = Path(__file__).parent / "fixtures"


def read(*paths, **kwargs):
    return list(iter_documents(paths, **kwargs))


def only_error(path: Path, **kwargs) -> str:
    items = read(path, **kwargs)
    assert len(items) == 1 and items[0].document is None, items
    return items[0].error.one_line()


# --- plain text -----------------------------------------------------------------------------

def test_txt_gives_one_document_with_title_and_command_line_provenance(tmp_path):
    path = tmp_path / "report-17.txt"
    data = "\ufeffMortar fire on Jisr al-Shughur\r\n\r\nTwo shells fell near the bakery.\r\n"
    path.write_bytes(data.encode("utf-8"))
    [item] = read(path, published="2018-03-02", source="Local Monitor")
    doc = item.document
    assert item.error is None and item.media_type == "text/plain"
    assert item.raw == path.read_bytes()
    assert doc.id == "report-17.txt"
    assert doc.title == "Mortar fire on Jisr al-Shughur"
    assert doc.text == "Mortar fire on Jisr al-Shughur\n\nTwo shells fell near the bakery.\n"
    assert doc.sha256 == sha256_hex(doc.text.encode("utf-8"))
    assert (doc.published, doc.source) == (date(2018, 3, 2), "Local Monitor")


def test_txt_single_long_paragraph_has_no_title(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("A single paragraph with no headline line at all.", encoding="utf-8")
    assert read(path)[0].document.title is None


# --- HTML -----------------------------------------------------------------------------------

def test_html_keeps_the_article_and_drops_boilerplate():
    [item] = read(FIXTURES / "report.html", published="2000-01-01", source="fallback")
    doc = item.document
    assert item.error is None and item.media_type == "text/html"
    assert "seven people were killed" in doc.text
    assert "asked that his name not be published" in doc.text
    for boilerplate in ("Share on Facebook", "Leave a comment", "Related stories",
                        "Football league", "Subscribe to our newsletter", "Copyright"):
        assert boilerplate not in doc.text
    assert doc.title == "Shelling hits market in Kafr Nabl"
    assert doc.published == date(2019, 5, 14)          # the page's own date wins
    assert doc.source == "Example Monitor"
    assert doc.url == "https://monitor.example.org/reports/2019/05/kafr-nabl-market"
    assert item.raw == (FIXTURES / "report.html").read_bytes()


def test_html_without_metadata_takes_command_line_values(tmp_path):
    path = tmp_path / "bare.htm"
    path.write_text("<html><body><p>Gunmen opened fire at a checkpoint near Daraa, "
                    "a relative of one of the victims said.</p></body></html>", encoding="utf-8")
    [item] = read(path, published="2020-02-02", source="Relay")
    assert "Gunmen opened fire" in item.document.text
    assert item.document.published == date(2020, 2, 2)
    assert item.document.source == "Relay"


def test_html_with_no_text_is_bad_input(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title></title></head><body><script>x=1</script></body></html>",
                    encoding="utf-8")
    assert "no text found" in only_error(path)


# --- JSON Lines -----------------------------------------------------------------------------

def test_jsonl_good_and_bad_lines(tmp_path):
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "First report.", "title": "T", "published": "2016-07-05",
                    "source": "Reuters"}),
        "",
        '{"id": "b", "text": "truncated li',
        json.dumps({"id": "c", "title": "no text"}),
        json.dumps({"id": "d", "text": "Bad date.", "published": "last week"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": 7, "text": "Second report."}),
        json.dumps({"id": "e", "text": "   "}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path, source="Default")
    by_line = {item.line: item for item in items}
    assert sorted(by_line) == [1, 3, 4, 5, 6, 7, 8]
    assert by_line[1].document.published == date(2016, 7, 5)
    assert by_line[1].document.source == "Reuters"
    assert by_line[1].raw == lines[0].encode("utf-8")
    assert by_line[7].document.id == "7" and by_line[7].document.source == "Default"
    assert by_line[3].error.one_line().startswith(f"{path}:3: not valid JSON")
    assert by_line[4].error.one_line() == f"{path}:4, field 'text': missing"
    assert by_line[4].id == "c"
    assert by_line[5].error.one_line().startswith(f"{path}:5, field 'published'")
    assert "JSON object" in by_line[6].error.one_line()
    assert by_line[8].error.field == "text"
    assert all("\n" not in item.error.one_line() for item in items if item.error)


# --- CSV ------------------------------------------------------------------------------------

def test_csv_autodetects_columns_and_month_first_dates(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text(
        "unit_id,article_title,article_content,source,date,label\n"
        '101,Strike on school,"Jets struck a school, witnesses said.\nSecond line.",'
        "sana,4/16/17,1\n"
        "102,Clash,Fighting near the dam.,reuters,12/1/15,0\n",
        encoding="utf-8")
    items = read(path)
    assert [i.error for i in items] == [None, None]
    first, second = (i.document for i in items)
    assert (first.id, first.title, first.source) == ("101", "Strike on school", "sana")
    assert first.text == "Jets struck a school, witnesses said.\nSecond line."
    assert first.published == date(2017, 4, 16)
    assert second.published == date(2015, 12, 1)
    assert [i.line for i in items] == [2, 4]       # a quoted newline spans two lines
    header = b"unit_id,article_title,article_content,source,date,label\n"
    assert items[1].raw == header + b"102,Clash,Fighting near the dam.,reuters,12/1/15,0\n"


def test_csv_day_first_column_is_detected(tmp_path):
    path = tmp_path / "dmy.csv"
    path.write_text("text,date\nOne.,25/03/2019\nTwo.,04/03/2019\n", encoding="utf-8")
    assert [i.document.published for i in read(path)] == [date(2019, 3, 25), date(2019, 3, 4)]


def test_csv_map_names_columns_and_date_format(tmp_path):
    path = tmp_path / "mapped.csv"
    path.write_text("story;when;who\nShelling at dawn.;2019.03.04;Outlet\n", encoding="utf-8")
    [item] = read(path, csv_map="text=story,date=when,source=who,date_format=%Y.%m.%d")
    assert item.document.text == "Shelling at dawn."
    assert item.document.published == date(2019, 3, 4)
    assert item.document.source == "Outlet"


def test_csv_missing_text_column_names_file_and_column(tmp_path):
    path = tmp_path / "notext.csv"
    path.write_text("title,date\nA,2019-01-01\n", encoding="utf-8")
    message = only_error(path)
    assert message.startswith(f"{path}:1: no text column")
    mapped = only_error(path, csv_map="text=body_html")
    assert "no column 'body_html'" in mapped and str(path) in mapped


def test_csv_bad_row_date_and_empty_text_are_row_errors(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("text,date\nGood.,2019-01-01\nBad date.,someday\n,2019-01-02\n",
                    encoding="utf-8")
    items = read(path)
    assert items[0].error is None
    assert items[1].error.one_line() == f"{path}:3, field 'date': not a date: 'someday'"
    assert items[2].error.one_line() == f"{path}:4, field 'text': empty"


def test_csv_map_rejects_unknown_fields():
    with pytest.raises(BadInput, match="unknown field 'body'"):
        parse_csv_map("body=x")
    with pytest.raises(BadInput, match="FIELD=COLUMN"):
        parse_csv_map("text")


@pytest.mark.data
def test_fakes_dev_csv_ingests_with_auto_detection(shared_data):
    path = shared_data / "fakes" / "dev.csv"
    if not path.is_file():
        pytest.fail(f"data set file missing: {path} (see ../shared/data/README.md)")
    items = read(path)
    assert len(items) == 398
    assert all(item.error is None for item in items)
    first = items[0].document
    assert first.id == "1914947533"
    assert first.published == date(2017, 4, 16)      # "4/16/17"
    assert first.title.startswith("Death toll from Aleppo bomb attack")
    assert all(item.document.published and item.document.source for item in items)


# --- bad files ------------------------------------------------------------------------------

def test_bad_utf8_names_line_and_byte(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("first line\nCaf\u00e9 bombed\n".encode("latin-1"))
    message = only_error(path)
    assert message == (f"{path}:2: not valid UTF-8 at byte 14 (0xe9); save the file as UTF-8")


@pytest.mark.parametrize("content, kind", [
    (b"%PDF-1.7\n...", "PDF"),
    (b"PK\x03\x04rest-of-zip", "ZIP"),
    (b"text then a NUL \x00 byte", "NUL byte"),
    ("utf16".encode("utf-16"), "UTF-16"),
])
def test_binary_files_are_refused(tmp_path, content, kind):
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    assert kind in only_error(path)


@pytest.mark.parametrize("content", [b"", b"  \n\t \r\n"])
def test_empty_and_whitespace_files_are_refused(tmp_path, content):
    path = tmp_path / "blank.jsonl"
    path.write_bytes(content)
    message = only_error(path)
    assert message.startswith(str(path)) and ("empty" in message or "whitespace" in message)


def test_file_above_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * (2 * 1024 * 1024 + 1))
    use_settings(Settings(home=tmp_path, max_file_mb=2))
    try:
        monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("file was read"))
        message = only_error(path)
    finally:
        use_settings(None)
    assert message == f"{path}: file is 2.0 MB, above the 2 MB limit (TAWTHIQ_MAX_FILE_MB)"


def test_unknown_extension_and_missing_file(tmp_path):
    odd = tmp_path / "report.docx"
    odd.write_bytes(b"whatever")
    assert "unknown file type '.docx'" in only_error(odd)
    assert only_error(tmp_path / "absent.txt") == f"{tmp_path / 'absent.txt'}: no such file"


def test_bad_file_does_not_stop_the_next_one(tmp_path):
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    good.write_text("Fine report.", encoding="utf-8")
    items = read(bad, good)
    assert items[0].error is not None and items[1].document.text == "Fine report."


def test_values_too_long_for_the_store_are_line_errors(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Report.", "source": "S" * 300}) + "\n"
                    + json.dumps({"id": "b", "text": "Report two."}) + "\n", encoding="utf-8")
    first, second = read(path)
    assert first.error.one_line() == f"{path}:1, field 'source': longer than 255 characters"
    assert second.document.id == "b"


@pytest.mark.parametrize("language", ['[null]', '5', '{"code": "en"}'])
def test_a_jsonl_language_that_is_not_a_string_is_bad_input_naming_line_and_field(
        tmp_path, language):
    """Found by the reader fuzz test: a list as the language reached the Document model."""
    path = tmp_path / "reports.jsonl"
    path.write_text('{"id": "a", "text": "A report."}\n'
                    f'{{"id": "b", "text": "Another.", "language": {language}}}\n',
                    encoding="utf-8")
    first, second = iter_documents([path])
    assert first.error is None and first.document.id == "a"   # the good line still comes
    assert second.document is None
    assert second.error.one_line() == f"{path}:2, field 'language': must be a string"
