"""Victim lists read from CSV or XLSX into ``ListRow``s: the verbatim row beside its
normalised fields.

Columns are found by their usual names or mapped with ``--columns name=..,age=..``. An
identifier column (``id``, ``national_id``, ...) is kept verbatim in ``raw`` but never becomes a
field the linker reads. A value that cannot be read (an age "abc", a date "31/31/2020") makes
that field unknown: the row is kept whole (its cells verbatim) and ``VictimList.problems``
names file, line and field of each such value, for the caller to report. A file that cannot be
read as a list at all (not UTF-8, broken CSV quoting, no name column) raises ``BadInput``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from tawthiq.errors import BadInput, NotFound, UnsupportedFormat
from tawthiq.ingest.readers import check_not_binary, decode_utf8
from tawthiq.victims.names import rules as name_rules

FIELDS = ("name", "en_name", "age", "sex", "dob", "date_of_death", "place")
# Column names recognised without --columns, per field, in order of preference (lower case).
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "name_ar", "arabic_name", "full_name", "الاسم"),
    "en_name": ("en_name", "name_en", "english_name", "latin_name"),
    "age": ("age", "العمر"),
    "sex": ("sex", "gender", "الجنس"),
    "dob": ("dob", "date_of_birth", "birth_date", "born"),
    "date_of_death": ("date_of_death", "dod", "death_date", "date"),
    "place": ("place", "place_of_death", "location", "governorate", "area"),
}
SUFFIXES = (".csv", ".xlsx")
# Ages above this are typing errors, not people (the oldest verified human lived 122 years).
MAX_AGE = 122


@dataclass(slots=True)
class ListRow:
    """One data row: ``row`` is its 1-based number (header not counted), ``line`` the file
    line it starts on, ``raw`` the cells as written."""

    row: int
    line: int
    raw: dict[str, str]
    name: str | None = None
    en_name: str | None = None
    age: int | None = None
    sex: str | None = None
    dob: date | None = None
    date_of_death: date | None = None
    place: str | None = None


@dataclass
class VictimList:
    """A whole list: its rows, the column chosen for each field, and the file's SHA-256."""

    path: str
    sha256: str
    columns: dict[str, str]
    rows: list[ListRow] = field(default_factory=list)
    problems: list[BadInput] = field(default_factory=list)


def parse_columns(spec: str | None) -> dict[str, str]:
    """``"name=الاسم,age=age_years"`` -> {"name": "الاسم", "age": "age_years"}."""
    mapping: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        key, sep, column = part.partition("=")
        key, column = key.strip().lower(), column.strip()
        if not sep or not column:
            raise BadInput(f"expected FIELD=COLUMN, got {part.strip()!r}", field="--columns")
        if key not in FIELDS:
            raise BadInput(f"unknown field {key!r}; known: {', '.join(FIELDS)}",
                           field="--columns")
        mapping[key] = column
    return mapping


def read_list(path: Path | str, columns: str | dict[str, str] | None = None,
              hide: tuple[str, ...] = ()) -> VictimList:
    """Read a CSV or XLSX victim list; ``hide`` names columns the linker must never see (an
    evaluation's truth column), in addition to the identifier columns it never reads."""
    path = Path(path)
    data = _file_bytes(path)
    header, cells = _xlsx_rows(path, data) if path.suffix.lower() == ".xlsx" else _csv_rows(
        path, data)
    mapping = columns if isinstance(columns, dict) else parse_columns(columns)
    chosen = _resolve_columns(path, header, mapping, hide)
    victim_list = VictimList(path=str(path), sha256=hashlib.sha256(data).hexdigest(),
                             columns=chosen)
    for number, (line, values) in enumerate(cells, start=1):
        row = ListRow(row=number, line=line, raw=values)
        victim_list.problems.extend(_fill(path, row, chosen))
        victim_list.rows.append(row)
    if not victim_list.rows:
        raise BadInput("no data rows", path=str(path))
    return victim_list


def _file_bytes(path: Path) -> bytes:
    if not path.exists():
        raise NotFound("no such file", path=str(path))
    if path.is_dir():
        raise BadInput("is a directory, not a file", path=str(path))
    if path.suffix.lower() not in SUFFIXES:
        raise UnsupportedFormat(f"unknown list type {path.suffix or '(none)'!r}; expected "
                                f"{' or '.join(SUFFIXES)}", path=str(path))
    data = path.read_bytes()
    if not data.strip():
        raise BadInput("file is empty", path=str(path))
    return data


def _csv_rows(path: Path, data: bytes) -> tuple[list[str], Iterator[tuple[int, dict]]]:
    check_not_binary(path, data)
    text = decode_utf8(path, data)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [name.strip() for name in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise BadInput(f"no readable header line ({exc})", path=str(path), line=1) from None
    _check_header(path, header)
    rows: list[tuple[int, dict]] = []
    start = reader.line_num
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                if len(cells) > len(header):
                    raise BadInput(f"{len(cells)} cells, the header has {len(header)}",
                                   path=str(path), line=start + 1)
                rows.append((start + 1, dict(zip(header, cells, strict=False))))
            start = reader.line_num
    except csv.Error as exc:
        raise BadInput(f"malformed CSV: {exc}", path=str(path), line=start + 1) from None
    return header, iter(rows)


def _xlsx_rows(path: Path, data: bytes) -> tuple[list[str], Iterator[tuple[int, dict]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile/KeyError/InvalidFileException
        raise BadInput(f"not a readable XLSX workbook ({type(exc).__name__})",
                       path=str(path)) from None
    sheet = book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = [str(cell).strip() if cell is not None else "" for cell in next(lines, ())]
    _check_header(path, header)
    rows = []
    for number, cells in enumerate(lines, start=2):
        values = {name: _cell_text(cell) for name, cell in zip(header, cells, strict=False)}
        if any(v.strip() for v in values.values()):
            rows.append((number, values))
    return header, iter(rows)


def _cell_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _check_header(path: Path, header: list[str]) -> None:
    if not any(header):
        raise BadInput("no header line", path=str(path), line=1)
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise BadInput(f"column {name!r} appears twice in the header", path=str(path),
                           line=1)
        seen.add(name)


def _resolve_columns(path: Path, header: list[str], mapping: dict[str, str],
                     hide: tuple[str, ...]) -> dict[str, str]:
    lower = {name.lower(): name for name in header if name not in hide}
    chosen: dict[str, str] = {}
    for key, column in mapping.items():
        if column in hide:
            raise BadInput(f"column {column!r} is hidden from the linker", field="--columns")
        if column not in header:
            raise BadInput(f"no column {column!r} in the header", path=str(path), line=1,
                           field="--columns")
        chosen[key] = column
    used = set(chosen.values())
    for key, names in COLUMNS.items():
        if key in chosen:
            continue
        found = next((lower[n] for n in names if n in lower and lower[n] not in used), None)
        if found:
            chosen[key] = found
            used.add(found)
    if "name" not in chosen and "en_name" not in chosen:
        raise BadInput("no name column (expected 'name' or 'en_name', or map one with "
                       "--columns name=COLUMN)", path=str(path), line=1)
    return chosen


def _fill(path: Path, row: ListRow, chosen: dict[str, str]) -> list[BadInput]:
    """Set the row's normalised fields; return one problem per unreadable value."""
    problems = []
    for key, column in chosen.items():
        value = (row.raw.get(column) or "").strip()
        if not value:
            continue
        try:
            setattr(row, key, _PARSERS.get(key, _text)(value))
        except ValueError as exc:
            problems.append(BadInput(str(exc), path=str(path), line=row.line, field=column))
    if not (row.name or row.en_name):
        problems.append(BadInput("no name", path=str(path), line=row.line,
                                 field=chosen.get("name") or chosen.get("en_name")))
    return problems


def _text(value: str) -> str:
    return " ".join(value.split())


_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def parse_age(value: str) -> int | None:
    """Whole years; a negative age is the lists' "unknown" (-1), a fraction an infant's."""
    value = value.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    if not _NUMBER.match(value):
        raise ValueError(f"age {value!r} is not a number")
    age = int(float(value))
    if age < 0:
        return None
    if age > MAX_AGE:
        raise ValueError(f"age {age} is above {MAX_AGE}")
    return age


def parse_sex(value: str) -> str | None:
    return name_rules()["sex"]["values"].get(value.strip().lower())


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d", "%d-%m-%Y")


def parse_date(value: str) -> date:
    """ISO dates, or day-first dates as casualty lists of the region write them."""
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value[:10], fmt).date()
        except ValueError:
            continue
    raise ValueError(f"date {value!r} is not YYYY-MM-DD or DD/MM/YYYY")


_PARSERS = {"age": parse_age, "sex": parse_sex, "dob": parse_date,
            "date_of_death": parse_date}
