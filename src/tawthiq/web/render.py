"""Jinja2 templates and the small helpers they use (links that keep filters, labels)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from fastapi.templating import Jinja2Templates

from tawthiq.web.outlines import common_name
from tawthiq.web.queries import FIELD_LABELS

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
# Templates are files of the installed package: compiled once, never looked at again (with
# auto-reload every page asked the file system for each template's time, three per page).
templates.env.auto_reload = False


def query(params: dict, **changes) -> str:
    """A query string from ``params`` with ``changes`` applied (None removes a key)."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def number(value) -> str:
    return "unknown" if value is None else f"{value:,}"


def day(value) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def date_range(start, end) -> str:
    if start is None:
        return "unknown"
    if end is None or end == start:
        return day(start)
    return f"{day(start)} – {day(end)}"


def shown(value) -> str:
    """An audit value as text (lists and dicts as JSON)."""
    if value is None:
        return "—"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def web_link(url: str | None) -> bool:
    """Whether a report's source URL may be a link: http(s) only (a ``javascript:`` or
    ``data:`` address is shown as text)."""
    return urlsplit((url or "").strip()).scheme.lower() in ("http", "https")


templates.env.globals.update(query=query, field_labels=FIELD_LABELS)
templates.env.filters.update(number=number, day=day, shown=shown, web_link=web_link,
                             common_name=common_name)
templates.env.globals["date_range"] = date_range
