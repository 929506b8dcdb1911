"""Views derived from the store - the map's data, a page of the incident list, the filter
choices - kept while the store's version (``tawthiq.store.version``) is unchanged, so that
fifty people opening the same map cost one query, and any change (a review action here, an
ingest in another process) is seen by the next request.

A view is keyed by the store version, its kind, its parameters and whether the reader is
cleared to see witness names (the witness list itself is part of the store, so the version
covers it). The least recently used views are dropped first; when several requests ask for a
missing view at once, one builds it and the others wait for that one.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.orm import Session

from tawthiq.redaction import Redactor
from tawthiq.store.version import store_version

T = TypeVar("T")
DEFAULT_SIZE = 256


class ViewCache:
    """A least-recently-used map from view keys to views, safe across worker threads."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._building: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def _lookup(self, key: Hashable) -> tuple[bool, object]:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return True, self._items[key]
            return False, None

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        """The view under ``key``, built by ``build`` (once) when missing."""
        found, value = self._lookup(key)
        if found:
            return value  # type: ignore[return-value]
        with self._lock:
            building = self._building.setdefault(key, threading.Lock())
        with building:
            found, value = self._lookup(key)
            if found:
                return value  # type: ignore[return-value]
            value = build()
            with self._lock:
                self._items[key] = value
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
                self._building.pop(key, None)
        return value


def view_key(session: Session, kind: str, params: dict, redactor: Redactor) -> tuple:
    """The key of a view of ``kind`` with ``params``, for this reader, at the current version."""
    return (store_version(session), kind, tuple(sorted(params.items())), redactor.uncleared)


@dataclass(frozen=True)
class EncodedJSON:
    """A JSON view encoded once: its bytes, the same gzip-compressed, and an entity tag."""

    body: bytes
    gzipped: bytes
    etag: str

    @classmethod
    def of(cls, value: object) -> EncodedJSON:
        body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        digest = hashlib.blake2b(body, digest_size=12).hexdigest()
        # Level 5: nearly level 9's size for a third of its time, paid once per view.
        return cls(body, gzip.compress(body, compresslevel=5, mtime=0), f'"{digest}"')
