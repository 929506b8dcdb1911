"""Readers per format: files in, ``ReadItem``s out (one per report), in input order.

Every problem with a file or a line becomes a ``ReadItem`` whose ``error`` is a one-line
``BadInput`` naming the file (and line and field), so that a caller can report it and go on
with the next file. Nothing here writes anywhere; ``tawthiq extract`` and ``tawthiq ingest``
both read through ``iter_documents``.

What each format gives:

- ``.txt``: the whole file is one report; strict UTF-8 (a BOM is allowed and dropped), line
  endings normalised to ``\\n``; title = the first non-empty line when it is short and more
  text follows; id = the file name.
- ``.html``/``.htm``: the main text by trafilatura (navigation, share buttons, comment
  prompts, related links dropped); title, publication date, site name and canonical URL from
  the page's metadata when present; id = the file name.
- ``.jsonl``: one report a line, ``{"id", "text", "title", "published", "source", "url"}``
  (``text`` required); a bad line is an error item ``path:LINE`` and the rest go on.
- ``.csv``: one report a row; columns by ``csv_map`` (``text=col,title=col,date=col,...``)
  or detected from common names. Slash dates are month-first (``4/16/17``, as in FA-KES)
  unless some value of the column only fits day-first; ``date_format=%d.%m.%Y`` in the
  map fixes the format.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from tawthiq.errors import BadInput, NotFound, UnsupportedFormat
from tawthiq.ingest.documents import make_document, parse_published
from tawthiq.model import Document
from tawthiq.settings import get_settings

MEDIA_TYPES = {
    ".txt": "text/plain", ".text": "text/plain",
    ".html": "text/html", ".htm": "text/html", ".xhtml": "text/html",
    ".jsonl": "application/jsonl", ".ndjson": "application/jsonl",
    ".csv": "text/csv",
}

# Leading bytes of common binary formats (source: the formats' specifications, as listed in
# https://en.wikipedia.org/wiki/List_of_file_signatures). A NUL byte anywhere also means binary.
BINARY_SIGNATURES: dict[bytes, str] = {
    b"%PDF-": "PDF document",
    b"PK\x03\x04": "ZIP archive (or .docx/.xlsx/.odt)",
    b"\x1f\x8b": "gzip archive",
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"SQLite format 3\x00": "SQLite database",
    b"\x7fELF": "ELF executable",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "MS Office (OLE) document",
    b"{\\rtf": "RTF document",
    b"7z\xbc\xaf\x27\x1c": "7-Zip archive",
    b"Rar!\x1a\x07": "RAR archive",
}
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF8_BOM = b"\xef\xbb\xbf"

# Column names recognised without --csv-map, per field, in order of preference (lower case).
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article_content", "article_text", "article",
             "full_text"),
    "title": ("title", "headline", "article_title"),
    "date": ("published", "date", "publish_date", "published_at", "pub_date", "date_published"),
    "source": ("source", "outlet", "publisher", "source_name"),
    "id": ("id", "unit_id", "doc_id", "document_id", "article_id"),
    "url": ("url", "link", "source_url", "article_url"),
}
CSV_MAP_OPTIONS = ("date_format",)
TITLE_MAX_CHARS = 200


@dataclass
class ReadItem:
    """One report read from a file, or the reason it could not be read."""

    origin: str                 # "path" or "path:LINE" for JSONL/CSV rows, used in messages
    document: Document | None   # None when ``error`` is set
    raw: bytes | None           # the original bytes: whole file, or the line / header + row
    media_type: str             # text/plain, text/html, application/jsonl, text/csv
    error: BadInput | None = None
    id: str | None = None       # the report's id when known, also for error items
    line: int | None = None     # 1-based line in the file for JSONL/CSV items


def iter_documents(paths: Iterable[Path | str], *, published: date | str | None = None,
                   source: str | None = None, language: str = "en",
                   csv_map: str | None = None) -> Iterator[ReadItem]:
    """Every report in ``paths``, in order. ``published``/``source`` apply to reports that
    carry none of their own."""
    default_published = parse_published(published, field="--published")
    defaults = _Defaults(default_published, source, language)
    for path in paths:
        yield from _read_path(Path(path), defaults, csv_map)


@dataclass(frozen=True)
class _Defaults:
    published: date | None
    source: str | None
    language: str


def _read_path(path: Path, defaults: _Defaults, csv_map: str | None) -> Iterator[ReadItem]:
    media_type = MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
    try:
        text, data = read_text_file(path)
        reader = _READERS[media_type]
        for item in reader(path, text, data, defaults, csv_map):
            yield _within_limits(item, path)
    except BadInput as exc:
        yield ReadItem(origin=str(path), document=None, raw=None, media_type=media_type,
                       error=exc)


# Longest values the store's columns take (tawthiq.store.tables; PostgreSQL enforces them).
FIELD_LIMITS = {"id": 512, "source": 255, "language": 16}


def _within_limits(item: ReadItem, path: Path) -> ReadItem:
    """The item, or an error item when a field would not fit the store."""
    if item.document is None:
        return item
    for name, limit in FIELD_LIMITS.items():
        value = getattr(item.document, name) or ""
        if len(value) > limit:
            error = BadInput(f"longer than {limit} characters", path=str(path),
                             line=item.line, field=name)
            return _refused(item, error, item.id[:limit] if item.id else None)
    most = get_settings().max_report_chars
    if len(item.document.text) > most:
        error = BadInput(f"the report is {len(item.document.text):,} characters long, more "
                         f"than the {most:,} tawthiq reads (TAWTHIQ_MAX_REPORT_CHARS); split "
                         "it into several files", path=str(path), line=item.line)
        return _refused(item, error, item.id)
    return item


def _refused(item: ReadItem, error: BadInput, item_id: str | None) -> ReadItem:
    return ReadItem(origin=item.origin, document=None, raw=item.raw,
                    media_type=item.media_type, error=error, id=item_id, line=item.line)


def read_text_file(path: Path) -> tuple[str, bytes]:
    """The file's text (strict UTF-8, BOM dropped) and its bytes, after the checks that
    need no reading (exists, known type, size) and those that do (binary, encoding, empty)."""
    check_file(path)
    data = path.read_bytes()
    check_not_binary(path, data)
    text = decode_utf8(path, data)
    if not text.strip():
        raise BadInput("file holds only whitespace, no report", path=str(path))
    return text, data


def check_file(path: Path) -> None:
    """Refuse what cannot be a report before reading a byte of it."""
    if not path.exists():
        raise NotFound("no such file", path=str(path))
    if path.is_dir():
        raise BadInput("is a directory, not a file", path=str(path))
    if path.suffix.lower() not in MEDIA_TYPES:
        kinds = ", ".join(sorted(set(MEDIA_TYPES)))
        raise UnsupportedFormat(f"unknown file type {path.suffix or '(none)'!r}; "
                                f"expected one of {kinds}", path=str(path))
    size = path.stat().st_size
    limit_mb = get_settings().max_file_mb
    if size > limit_mb * 1024 * 1024:
        raise BadInput(f"file is {size / 1024 / 1024:.1f} MB, above the {limit_mb:g} MB limit "
                       "(TAWTHIQ_MAX_FILE_MB)", path=str(path))
    if size == 0:
        raise BadInput("file is empty", path=str(path))


def check_not_binary(path: Path, data: bytes) -> None:
    if data.startswith(UTF16_BOMS):
        raise BadInput("file is UTF-16 text; save it as UTF-8", path=str(path))
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise BadInput(f"binary file ({kind}), not a text report", path=str(path))
    nul = data.find(b"\x00")
    if nul >= 0:
        raise BadInput(f"binary file (NUL byte at byte {nul}), not a text report",
                       path=str(path), line=data.count(b"\n", 0, nul) + 1)


def decode_utf8(path: Path, data: bytes) -> str:
    """Strict UTF-8; the error names the line and the byte offset of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise BadInput(f"not valid UTF-8 at byte {exc.start} "
                       f"(0x{data[exc.start]:02x}); save the file as UTF-8",
                       path=str(path), line=line) from None
    return text.removeprefix("\ufeff")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- plain text ----------------------------------------------------------------------------

def _read_txt(path: Path, text: str, data: bytes, defaults: _Defaults,
              _csv_map: str | None) -> Iterator[ReadItem]:
    text = normalise_newlines(text)
    document = make_document(path.name, text, title=title_from_first_line(text),
                             source=defaults.source, published=defaults.published,
                             language=defaults.language)
    yield ReadItem(origin=str(path), document=document, raw=data, media_type="text/plain",
                   id=document.id)


def title_from_first_line(text: str) -> str | None:
    """The first non-empty line, when it is short and more text follows (a headline)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) >= 2 and len(lines[0]) <= TITLE_MAX_CHARS:
        return lines[0]
    return None


# --- HTML ----------------------------------------------------------------------------------

def _read_html(path: Path, text: str, data: bytes, defaults: _Defaults,
               _csv_map: str | None) -> Iterator[ReadItem]:
    page = html_main_text(path, text)
    published = _html_date(page.get("date")) or defaults.published
    document = make_document(path.name, page["text"], title=page.get("title") or None,
                             source=page.get("sitename") or defaults.source,
                             published=published, language=defaults.language,
                             url=page.get("url") or None)
    yield ReadItem(origin=str(path), document=document, raw=data, media_type="text/html",
                   id=document.id)


def html_main_text(path: Path, html: str) -> dict:
    """trafilatura's main text and metadata; its recall mode and then the page's whole
    visible text are fallbacks for pages too short for the default heuristics."""
    import trafilatura

    date_params = {"extensive_search": False, "original_date": True}
    page = None
    for favor_recall in (False, True):
        page = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True,
            include_links=False, include_images=False, favor_recall=favor_recall,
            date_extraction_params=date_params)
        page = page.as_dict() if page is not None else {}
        if (page.get("text") or "").strip():
            break
    page = dict(page or {})
    if not (page.get("text") or "").strip():
        page["text"] = trafilatura.html2txt(html) or ""
    page["text"] = normalise_newlines(page["text"]).strip()
    if not page["text"]:
        raise BadInput("no text found in the HTML page", path=str(path))
    return page


def _html_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# --- JSON Lines ----------------------------------------------------------------------------

JSONL_TEXT_FIELDS = ("title", "source", "url", "language")


def _read_jsonl(path: Path, text: str, _data: bytes, defaults: _Defaults,
                _csv_map: str | None) -> Iterator[ReadItem]:
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        origin = f"{path}:{number}"
        raw = line.encode("utf-8")
        try:
            obj = _json_object(path, number, line)
        except BadInput as exc:
            yield ReadItem(origin=origin, document=None, raw=raw,
                           media_type="application/jsonl", error=exc, line=number)
            continue
        doc_id = obj.get("id")
        doc_id = str(doc_id) if isinstance(doc_id, str | int) and doc_id != "" else None
        try:
            document = _jsonl_document(path, number, obj, doc_id, defaults)
        except BadInput as exc:
            yield ReadItem(origin=origin, document=None, raw=raw,
                           media_type="application/jsonl", error=exc, id=doc_id, line=number)
            continue
        yield ReadItem(origin=origin, document=document, raw=raw,
                       media_type="application/jsonl", id=document.id, line=number)


def _json_object(path: Path, number: int, line: str) -> dict:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadInput(f"not valid JSON: {exc.msg} (column {exc.colno})",
                       path=str(path), line=number) from None
    if not isinstance(obj, dict):
        raise BadInput(f"expected a JSON object, got {type(obj).__name__}",
                       path=str(path), line=number)
    return obj


def _jsonl_document(path: Path, number: int, obj: dict, doc_id: str | None,
                    defaults: _Defaults) -> Document:
    where = {"path": str(path), "line": number}
    if "id" in obj and obj["id"] is not None and doc_id is None:
        raise BadInput("must be a non-empty string or an integer", field="id", **where)
    text = obj.get("text")
    if text is None:
        raise BadInput("missing", field="text", **where)
    if not isinstance(text, str) or not text.strip():
        raise BadInput("must be a non-empty string", field="text", **where)
    for name in JSONL_TEXT_FIELDS:
        if obj.get(name) is not None and not isinstance(obj[name], str):
            raise BadInput("must be a string", field=name, **where)
    for name in ("text", *JSONL_TEXT_FIELDS):
        if isinstance(obj.get(name), str) and "\x00" in obj[name]:
            raise BadInput("contains a NUL character (\\u0000), which no report text has",
                           field=name, **where)
    published = parse_published(obj.get("published"), field="published", **where)
    return make_document(doc_id or f"{path.name}:{number}", normalise_newlines(text),
                         title=obj.get("title") or None,
                         source=obj.get("source") or defaults.source,
                         published=published or defaults.published,
                         language=obj.get("language") or defaults.language,
                         url=obj.get("url") or None)


# --- CSV -----------------------------------------------------------------------------------

@dataclass
class _CsvRow:
    line: int
    values: dict[str, str]
    raw: bytes


def _read_csv(path: Path, text: str, _data: bytes, defaults: _Defaults,
              csv_map: str | None) -> Iterator[ReadItem]:
    header, rows = _csv_rows(path, text)
    mapping, options = parse_csv_map(csv_map)
    columns = resolve_csv_columns(path, header, mapping)
    parse_date = _csv_date_parser(path, [r.values.get(columns.get("date", ""), "") for r in rows],
                                  options.get("date_format"))
    for row in rows:
        origin = f"{path}:{row.line}"
        doc_id = _cell(row, columns, "id")
        try:
            document = _csv_document(path, row, columns, parse_date, defaults, doc_id)
        except BadInput as exc:
            yield ReadItem(origin=origin, document=None, raw=row.raw, media_type="text/csv",
                           error=exc, id=doc_id, line=row.line)
            continue
        yield ReadItem(origin=origin, document=document, raw=row.raw, media_type="text/csv",
                       id=document.id, line=row.line)


def _csv_rows(path: Path, text: str) -> tuple[list[str], list[_CsvRow]]:
    """Header and rows, each row with the line it starts on and its bytes (header + row, a
    CSV that stands alone)."""
    lines = io.StringIO(text, newline="").readlines()
    if not lines:
        raise BadInput("no header line", path=str(path))
    reader = csv.reader(lines, delimiter=_csv_delimiter(lines[0]), strict=False)
    csv.field_size_limit(2**31 - 1)
    try:
        header = [name.strip() for name in next(reader)]
        header_bytes = "".join(lines[:reader.line_num]).encode("utf-8")
        rows: list[_CsvRow] = []
        start = reader.line_num
        for cells in reader:
            end = reader.line_num
            if any(cell.strip() for cell in cells):
                values = dict(zip(header, cells, strict=False))
                raw = header_bytes + "".join(lines[start:end]).encode("utf-8")
                rows.append(_CsvRow(line=start + 1, values=values, raw=raw))
            start = end
    except csv.Error as exc:
        raise BadInput(f"malformed CSV: {exc}", path=str(path), line=reader.line_num) from None
    return header, rows


def _csv_delimiter(header_line: str) -> str:
    """The separator that the header uses most (header names are short, without prose)."""
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def parse_csv_map(csv_map: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """``"text=article_content,date=date"`` -> ({"text": "article_content", ...}, options)."""
    mapping: dict[str, str] = {}
    options: dict[str, str] = {}
    for part in (csv_map or "").split(","):
        if not part.strip():
            continue
        key, sep, column = part.partition("=")
        key, column = key.strip().lower(), column.strip()
        if not sep or not column:
            raise BadInput(f"expected FIELD=COLUMN, got {part.strip()!r}", field="--csv-map")
        if key in CSV_MAP_OPTIONS:
            options[key] = column
        elif key in CSV_COLUMNS:
            mapping[key] = column
        else:
            known = ", ".join((*CSV_COLUMNS, *CSV_MAP_OPTIONS))
            raise BadInput(f"unknown field {key!r}; known: {known}", field="--csv-map")
    return mapping, options


def resolve_csv_columns(path: Path, header: list[str], mapping: dict[str, str]) -> dict[str, str]:
    """Field -> column name: the map's choice (which must exist), else a common name."""
    by_lower = {name.lower(): name for name in header}
    columns: dict[str, str] = {}
    for field, column in mapping.items():
        actual = by_lower.get(column.lower())
        if actual is None:
            raise BadInput(f"no column {column!r} (for {field}) in the header; columns: "
                           f"{', '.join(header)}", path=str(path), line=1)
        columns[field] = actual
    for field, candidates in CSV_COLUMNS.items():
        if field in columns:
            continue
        found = next((by_lower[c] for c in candidates if c in by_lower), None)
        if found is not None:
            columns[field] = found
    if "text" not in columns:
        raise BadInput(f"no text column (looked for {', '.join(CSV_COLUMNS['text'])}; "
                       f"columns: {', '.join(header)}); name it with --csv-map text=COLUMN",
                       path=str(path), line=1)
    return columns


def _cell(row: _CsvRow, columns: dict[str, str], field: str) -> str | None:
    column = columns.get(field)
    value = (row.values.get(column) or "").strip() if column else ""
    return value or None


def _csv_document(path: Path, row: _CsvRow, columns: dict[str, str], parse_date,
                  defaults: _Defaults, doc_id: str | None) -> Document:
    where = {"path": str(path), "line": row.line}
    text = row.values.get(columns["text"])
    if text is None or not text.strip():
        raise BadInput("empty", field=columns["text"], **where)
    raw_date = _cell(row, columns, "date")
    published = None
    if raw_date:
        published = parse_date(raw_date)
        if published is None:
            raise BadInput(f"not a date: {raw_date!r}", field=columns["date"], **where)
    return make_document(doc_id or f"{path.name}:{row.line}", normalise_newlines(text),
                         title=_cell(row, columns, "title"),
                         source=_cell(row, columns, "source") or defaults.source,
                         published=published or defaults.published,
                         language=defaults.language, url=_cell(row, columns, "url"))


_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")


def _csv_date_parser(path: Path, values: list[str], date_format: str | None):
    """A function str -> date | None for one column: ISO dates always; numeric dates
    month-first unless some value only fits day-first (13/04/2017)."""
    if date_format:
        def by_format(value: str) -> date | None:
            try:
                return datetime.strptime(value.strip(), date_format).date()
            except ValueError:
                return None
        return by_format
    day_first = _column_is_day_first(values)

    def parse(value: str) -> date | None:
        value = value.strip()
        match = _NUMERIC_DATE.match(value)
        if match:
            first, second, year = match.groups()
            day, month = (first, second) if day_first else (second, first)
            year_n = int(year) if len(year) == 4 else _two_digit_year(int(year))
            try:
                return date(year_n, int(month), int(day))
            except ValueError:
                return None
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return parse


def _column_is_day_first(values: list[str]) -> bool:
    firsts, seconds = [], []
    for value in values:
        match = _NUMERIC_DATE.match((value or "").strip())
        if match:
            firsts.append(int(match.group(1)))
            seconds.append(int(match.group(2)))
    return any(v > 12 for v in firsts) and not any(v > 12 for v in seconds)


def _two_digit_year(year: int) -> int:
    """As strptime's %y (POSIX): 69-99 -> 1900s, 00-68 -> 2000s."""
    return 1900 + year if year >= 69 else 2000 + year


_READERS = {
    "text/plain": _read_txt,
    "text/html": _read_html,
    "application/jsonl": _read_jsonl,
    "text/csv": _read_csv,
}
