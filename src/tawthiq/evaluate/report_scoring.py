"""The scoring rules of real-report evaluation, as the project is judged by them.

A port of ``../shared/tools/score_reports.py`` (its vocabulary in
``data/evaluate/report_scoring.json``), so that ``tawthiq evaluate reports`` scores without
the shared tools folder and gives the same figures (a data test checks that it does). Per
document: the gold main incident against its best-matching event (governorate, place within
5/25 km, date overlap and exact day, perpetrator and who attributes it, fatality range and best
figure, victims' identity); then incident recall, spurious events, aggregate tolls put on a
local event, and whether reports of one incident agree on place and date (linking readiness).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from tawthiq.knowledge import load

COLUMNS = ("gov", "5km", "25km", "d-ov", "d-ex", "perp", "attr", "f-ov", "f-best", "vict", "ev0")
# columns left "not applicable" (None) when the document has no event at all
NONE_WITHOUT_EVENTS = ("d-ex", "perp", "attr", "f-ov", "f-best", "vict")
AR_LETTER = re.compile(r"[\u0600-\u06ff]")
ARTICLES = ("al", "as", "ad", "ar", "el")
AR_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")
AR_PROCLITICS = ("و", "ب", "ل", "ف")
EARTH_KM = 6371.0

Gold = dict[str, Any]
Event = dict[str, Any]


@dataclass(frozen=True)
class _Vocabulary:
    admin1: dict[str, list[str]]
    admin1_arabic: dict[str, list[str]]
    alias: dict[str, str]
    generic: frozenset[str]
    generic_arabic: frozenset[str]
    families: dict[str, list[str]]
    families_arabic: dict[str, list[str]]
    identity_arabic: dict[str, list[str]]


@cache
def vocabulary() -> _Vocabulary:
    raw = load("evaluate/report_scoring.json")
    alias = {re.sub(r"[^a-z]", "", name): canon
             for canon, names in raw["admin1"].items() for name in names}
    return _Vocabulary(raw["admin1"], raw["admin1_arabic"], alias,
                       frozenset(raw["generic_place_words"]),
                       frozenset(raw["generic_place_words_arabic"]), raw["actor_families"],
                       raw["actor_families_arabic"], raw["identity_arabic"])


# ---------------------------------------------------------------- names


def ar_norm(s: str | None) -> str:
    """Arabic script folded: no diacritics or tatweel, one alef, hamza carriers to their
    letter, alif maqsura to ya, ta marbuta to ha, hamza dropped."""
    s = re.sub(r"[\u064b-\u0652\u0670\u0640]", "", s or "")
    s = re.sub(r"[\u0622\u0623\u0625\u0671]", "\u0627", s)
    s = s.replace("\u0624", "\u0648").replace("\u0626", "\u064a")
    s = s.replace("\u0649", "\u064a").replace("\u0629", "\u0647")
    s = re.sub(r"\u0621(?=\s|$)", "", s)
    return s.replace("\u0621", "")


def fold(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("\u2019", "'").replace("`", "'").lower()


def norm_admin1(name: str | None) -> str | None:
    """A governorate's canonical key; "Hasaka (Al Haksa)" and "Homs (Hims)" try each part."""
    if not name:
        return None
    vocab = vocabulary()
    if AR_LETTER.search(name):
        folded = ar_norm(name)
        for canon, names in vocab.admin1_arabic.items():  # "ريف دمشق" before "دمشق"
            if any(ar_norm(x) in folded for x in names):
                return canon
    parts = [p for p in re.split(r"[()/,]", name) if p.strip()]
    keys = [_admin1_part(p) for p in parts] or [None]
    return next((k for k in keys if k in vocab.admin1), keys[0])


def _admin1_part(name: str) -> str:
    alias = vocabulary().alias
    s = fold(name)
    s = re.sub(r"\b(governorate|province|muhafazat|mohafazat|gouvernorat|region)\b", " ", s)
    s = re.sub(r"^\s*(al|as|ad|ar|ash|el|ad-|as-)[\s\-']+", "", s)
    key = re.sub(r"[^a-z]", "", s)
    if key in alias:
        return alias[key]
    for article in ARTICLES:
        if key.startswith(article) and key[len(article):] in alias:
            return alias[key[len(article):]]
    return key


def skeletons(s: str | None) -> set[str]:
    """Consonant skeletons of a name's words, generic place words and articles aside."""
    generic = vocabulary().generic
    out = set()
    for tok in re.split(r"[^a-z']+", fold(s)):
        tok = tok.strip("'")
        if tok not in generic:
            bare = re.sub(r"^(al|el|as|ad|ar|ash)[-']?(?=[a-z]{3,})", "", tok)
            # the article stays where dropping it leaves no consonant skeleton ("Aleppo")
            consonants = re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyw']", "", bare))
            tok = bare if len(consonants) >= 2 else tok
        if len(tok) < 3 or tok in generic:
            continue
        sk = re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyw']", "", tok))
        sk = re.sub(r"(?<=.)h$", "", sk.replace("q", "k").replace("c", "k"))
        if len(sk) >= 2:
            out.add(sk)
    return out


def ar_tokens(s: str | None) -> set[str]:
    """Arabic-script words folded, without the article or a one-letter proclitic."""
    out = set()
    for tok in re.findall(r"[\u0621-\u064a]+", ar_norm(s)):
        prefix = next((p for p in AR_PREFIXES if tok.startswith(p) and len(tok) - len(p) >= 3),
                      None)
        if prefix is not None:
            tok = tok[len(prefix):]
        elif tok[:1] in AR_PROCLITICS and len(tok) >= 5:
            out.add(tok[1:])
        if len(tok) >= 3 and tok not in vocabulary().generic_arabic:
            out.add(tok)
    return out


def same_place_name(gold_place: str | None, ev: Event, gold_place_en: str | None = None) -> bool:
    if not gold_place or not ev.get("location"):
        return False
    loc = ev["location"]
    names = [loc.get("mention") or "", loc.get("name") or ""]
    wanted = skeletons(gold_place) | skeletons(gold_place_en or "")
    if wanted & set().union(*(skeletons(n) for n in names)):
        return True
    if AR_LETTER.search(gold_place):
        return bool(ar_tokens(gold_place) & set().union(*(ar_tokens(n) for n in names)))
    return False


# ---------------------------------------------------------------- places and dates


def km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def ev_coords(ev: Event | None) -> tuple[float, float] | None:
    loc = (ev or {}).get("location") or {}
    if loc.get("latitude") is None or loc.get("longitude") is None:
        return None
    return loc["latitude"], loc["longitude"]


def dist(gi: Gold, ev: Event) -> float | None:
    point = ev_coords(ev)
    if point is None or gi.get("lat") is None or gi.get("lon") is None:
        return None
    return km(gi["lat"], gi["lon"], *point)


def gov_ok(gi: Gold, ev: Event) -> bool | None:
    """None when gold has no governorate."""
    if not gi.get("governorate"):
        return None
    found = norm_admin1((ev.get("location") or {}).get("admin1"))
    if found is None:
        return False
    wanted = {norm_admin1(gi["governorate"])}
    wanted |= {norm_admin1(x) for x in gi.get("governorate_alt", [])}
    return found in wanted


def date_overlap(gi: Gold, ev: Event) -> bool | None:
    """None when the gold incident has no date at all."""
    gs, ge = gi.get("date_start"), gi.get("date_end")
    if gs is None and ge is None:
        return None
    d = ev.get("date")
    if not d or not d.get("start"):
        return False
    es, ee = d["start"], d.get("end") or d["start"]
    return es <= (ge or "9999-99-99") and ee >= (gs or "0000-00-00")


def date_exact(gi: Gold, ev: Event) -> bool | None:
    gs, ge = gi.get("date_start"), gi.get("date_end")
    if gs is None or gs != ge:
        return None
    d = ev.get("date")
    return bool(d) and d.get("start") == gs


# ---------------------------------------------------------------- actors, counts, identity


def families(s: str | None) -> set[str]:
    vocab = vocabulary()
    raw = ar_norm(s or "")
    padded = " " + fold(s) + " "
    out = {fam for fam, words in vocab.families_arabic.items()
           if any(ar_norm(w) in raw for w in words)}
    for fam, words in vocab.families.items():
        for w in words:
            short = len(w) <= 4
            if (short and re.search(r"(?<![a-z])" + re.escape(w) + r"(?![a-z])", padded)) or (
                    not short and w in padded):
                out.add(fam)
    return out


def perp_match(gold_words: str, ep: dict) -> bool:
    if AR_LETTER.search(gold_words or ""):
        gfam, g = families(gold_words), ar_norm(gold_words).strip()
        for key in ("name", "mention"):
            e = ar_norm(ep.get(key) or "").strip()
            if e and (e in g or g in e or gfam & families(ep.get(key) or "")):
                return True
        return False
    g = fold(gold_words).replace("...", " ").strip()
    for key in ("name", "mention"):
        e = fold(ep.get(key) or "").strip()
        if e and (e in g or g in e or families(g) & families(e)):
            return True
    return False


def _range(lo: int | None, hi: int | None) -> tuple[float, float]:
    return (0 if lo is None else lo, math.inf if hi is None else hi)


def fat_check(gi: Gold, ev: Event) -> tuple[bool | None, bool | None]:
    """(range overlap, best inside the gold range), each None when gold gives no toll."""
    if gi.get("fatalities_low") is None and gi.get("fatalities_high") is None:
        return None, None
    glo, ghi = _range(gi.get("fatalities_low"), gi.get("fatalities_high"))
    f = ev.get("fatalities") or {}
    lo, best, hi = f.get("low"), f.get("best"), f.get("high")
    if lo is None and hi is None and best is None:
        return False, False
    elo = lo if lo is not None else (best if best is not None else hi)
    ehi = hi if hi is not None else (best if best is not None else lo)
    return elo <= ghi and ehi >= glo, best is not None and glo <= best <= ghi


def identity_key(x: str | None) -> str:
    if AR_LETTER.search(x or ""):
        folded = ar_norm(x)
        for key, words in vocabulary().identity_arabic.items():
            if any(ar_norm(w) in folded for w in words):
                return key
    return fold(x)


def victim_check(gi: Gold, ev: Event) -> bool | None:
    wanted = gi.get("victim_identity")
    if not wanted:
        return None
    wanted = identity_key(wanted)
    found = [identity_key(x) for x in ((ev.get("victims") or {}).get("identity") or [])]
    return any(wanted in x or x in wanted for x in found)


# ---------------------------------------------------------------- matching


def incident_match(gi: Gold, ev: Event) -> bool:
    """Recall rule: same governorate, date overlap, place within 25 km or same place name."""
    if gov_ok(gi, ev) is False or date_overlap(gi, ev) is False:
        return False
    d = dist(gi, ev)
    if d is not None and d <= 25:
        return True
    return same_place_name(gi.get("place"), ev, gi.get("place_en"))


def loose_match(gi: Gold, ev: Event) -> bool:
    """An event explains a gold incident (spurious counting): place right, any date."""
    if gov_ok(gi, ev) is False:
        return False
    d = dist(gi, ev)
    return (d is not None and d <= 25) or same_place_name(gi.get("place"), ev, gi.get("place_en"))


def is_aggregate(gi: Gold) -> bool:
    return gi["key"].startswith("aggregate") or gi.get("place") is None


def agg_numbers(gi: Gold) -> set[int]:
    return {x for x in (gi.get("fatalities_low"), gi.get("fatalities_high")) if x is not None}


def ev_numbers(ev: Event) -> set[int]:
    f = ev.get("fatalities") or {}
    return {f.get(k) for k in ("low", "best", "high") if f.get(k) is not None}


def best_event(gi: Gold, events: list[Event]) -> int | None:
    best, best_key = None, None
    for i, ev in enumerate(events):
        d = dist(gi, ev)
        near = (d is not None and d <= 25) or same_place_name(gi.get("place"), ev,
                                                                gi.get("place_en"))
        key = (1 if gov_ok(gi, ev) else 0, 1 if near else 0, 1 if date_overlap(gi, ev) else 0,
               1 if (d is not None and d <= 5) else 0, -i)
        if best_key is None or key > best_key:
            best, best_key = i, key
    return best
