"""Toponym recognition and resolution in a report's text.

Spans come from two sources: spaCy's entities (GPE/LOC/FAC; PERSON/ORG/NORP only when the
gazetteer knows the words and a place cue stands before them, since the small English model
tags many Syrian villages as persons) and a gazetteer-driven scan of capitalised word runs.
Each span is resolved with the document's context: the dominant country, region cues ("in
Hama province", "the Idlib countryside", "rural Damascus"), co-mentioned places (nearby
candidates win) and "the X neighbourhood of Y" (X keeps its words, resolved to Y, precision 2).
Roles come from the words around: origin ("from Idlib", "Idlib-born"), residence ("now living
in Iraq"), venue ("talks in Geneva").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Protocol

from tawthiq import knowledge
from tawthiq.caseless import Caseless, lowered
from tawthiq.geo.candidates import Candidate, to_match
from tawthiq.geo.features import (
    component_names,
    feature_of_word,
    feature_words,
    split_feature_word,
)
from tawthiq.geo.geometry import haversine_km, within_km
from tawthiq.geo.names import fold, is_arabic, keys
from tawthiq.geo.ranking import rescore
from tawthiq.geo.routes import STRETCH_PREFIX
from tawthiq.geo.weights import W
from tawthiq.model import GeoMatch, Location

PLACE_LABELS = {"GPE", "LOC", "FAC"}
RECHECK_LABELS = {"PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT"}
CONNECTORS = (r"(?:al|el|ad|an|ar|as|ash|at|az|ez|es|ed|en|er|bin|ibn|bint|abu|abou|bani|beni|"
              r"de|del|la|le|du|des|of|um|umm)")
WORD = (r"(?:[A-Z][\w'’`\u02BF\u02BE]*(?:-[A-Z][\w'’`]*)*"
        r"|(?:al|el|ad|an|ar|as|ash|at|az|ez)-[A-Z][\w'’`]*)")
RUN = re.compile(rf"\b{WORD}(?:\s+(?:{CONNECTORS}\s+)?{WORD}){{0,4}}")
ARABIC_RUN = re.compile(r"[\u0600-\u06FF][\u0600-\u06FF\s]{1,40}[\u0600-\u06FF]")


def place_stop_words() -> frozenset[str]:
    """Lower-case words that never begin an English place name (data/en/place_stop_words.json
    plus the weekday and month names of data/en/date_words.json)."""
    words = knowledge.load("place_stop_words.json", "en")["words"]
    dates = knowledge.load("date_words.json", "en")
    longest: dict[int, str] = {}
    for name, number in dates["months"].items():
        if len(name) > len(longest.get(number, "")):
            longest[number] = name
    return frozenset([*words, *dates["weekdays"], *longest.values()])


STOP_WORDS = place_stop_words()
SUPPORT_READINGS = 5     # readings per co-mentioned name that can support a candidate
SUPPORT_NAMES = 40       # distinct names considered (cost is quadratic)
ANCHORS_KEPT = 12        # places resolved without doubt that lend their point as context
POPULATED_OR_DISTRICT = ("locality", "neighbourhood", "district")
PRECISION_OF_FEATURE = {"neighbourhood": 1, "locality": 1, "district": 2, "region": 3,
                        "country": 3}


@dataclass
class Toponym:
    """A place mention in a text, with its resolution and the role the words give it."""

    start: int
    end: int
    text: str
    match: GeoMatch | None = None
    alternatives: list[GeoMatch] = field(default_factory=list)
    role: str | None = None          # "origin" | "residence" | "venue" | None
    part_of: str | None = None       # "X neighbourhood of Y": the X words, resolved to Y
    feature_word: str | None = None  # "village", "province", ... when the text says it
    label: str | None = None         # spaCy entity label, or "GAZ" for gazetteer-only matches


class Geocoder(Protocol):
    """What text resolution asks of a geocoder (``geocoder.Geocoder``)."""

    def ranked(self, name: str, *, country: str | None = None, admin1: str | None = None,
               near: list[tuple[float, float]] | None = None, on: date | None = None,
               feature: str | None = None, admin2: str | None = None) -> list[Candidate]: ...

    def lookup_exact(self, folded_keys: list[str]) -> dict[str, list]: ...


def to_location(toponym: Toponym) -> Location:
    """The contract Location of a resolved toponym (unresolved: name = the words)."""
    match = toponym.match
    if match is None:
        return Location(mention=toponym.text, name=toponym.text)
    precision = PRECISION_OF_FEATURE.get(match.feature or "locality", 1)
    if match.gazetteer_id.startswith(STRETCH_PREFIX):  # near both ends, at neither
        precision = 2
    if toponym.part_of and precision == 1:
        precision = 2
    return Location(mention=toponym.text, name=match.name, gazetteer_id=match.gazetteer_id,
                    latitude=match.latitude, longitude=match.longitude,
                    country_code=match.country_code, admin1=match.admin1,
                    admin2=match.admin2, admin3=match.admin3, pcode=match.pcode,
                    feature=match.feature, geo_precision=precision)


@dataclass
class _Span:
    start: int
    end: int
    text: str
    label: str | None          # spaCy label, or None for gazetteer-scan spans
    cued: bool = False         # a place cue ("in", "village of") stands before it
    whole: bool = True         # the whole capitalised run (not one of its sub-sequences)
    possessive: str = ""       # the country's possessive just before it ("Syrias Idlib")


@lru_cache(maxsize=1)
def _roles() -> list[tuple[str, Caseless | None, Caseless | None]]:
    """Role cues (data/en/place_roles.json): words before and after a place; a role may have
    cues on one side only."""
    data = knowledge.load("place_roles.json", "en")

    def either(patterns: list[str]) -> Caseless | None:
        return Caseless("(?:" + "|".join(patterns) + ")") if patterns else None

    return [(role, either(spec.get("before", [])), either(spec.get("after", [])))
            for role, spec in data["roles"].items()]


@lru_cache(maxsize=1)
def _cue_patterns() -> dict[str, re.Pattern | Caseless]:
    words = feature_words()
    def alternation(items):
        return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))
    feature = alternation(words["feature_words"])
    return {
        # the cues before every candidate span: ``Caseless`` (the others are re.Pattern)
        "place_before": Caseless(
            rf"\b(?:{alternation(words['place_cues_before'] + words['inhabitant_cues_before'])})"
            r"\s+(?:the\s+)?$"),
        "person_before": re.compile(rf"\b(?:{alternation(words['person_cues_before'])})\.?\s+$",
                                    re.IGNORECASE),
        # "bombed Kafr Nubudah and Teir Maaleh": a place listed after a cued place
        "listed_after_place": Caseless(
            rf"\b(?:{alternation(words['place_cues_before'])})\s+(?:the\s+)?[A-Z][^.;:]{{0,40}}"
            r"(?:,|\band|\bor)\s+(?:the\s+)?$"),
        "feature_before": re.compile(rf"\b(?P<w>{feature})\s+of\s+(?:the\s+)?$", re.IGNORECASE),
        "feature_after": re.compile(rf"^['’]?s?\s+(?P<w>{feature})\b", re.IGNORECASE),
        "admin_before": re.compile(
            rf"\b(?:{alternation(words['admin1_cues_before'])})\s+(?:the\s+)?$", re.IGNORECASE),
        "admin_after": re.compile(rf"^['’]?s?\s+(?:(?:eastern|western|northern|southern|"
                                  rf"north|south|east|west|\w+ern)\s+)?"
                                  rf"(?:{alternation(words['admin1_cues_after'])})\b",
                                  re.IGNORECASE),
        "part_of": re.compile(rf"\s+(?P<w>{alternation(words['part_of_words'])})\s+"
                              rf"(?:of|in)\s+(?:the\s+)?(?:city\s+of\s+)?$", re.IGNORECASE),
    }


@lru_cache(maxsize=1)
def _admin_words() -> frozenset[str]:
    return frozenset(w.lower() for w in feature_words()["admin1_cues_after"])


def find_toponyms(geocoder: Geocoder, text: str, doc=None) -> list[Toponym]:
    """Place mentions in TEXT, resolved with the document's context, in text order."""
    spans = _without_possessive_countries(geocoder, text, _candidate_spans(text, doc))
    accepted = _accept_spans(geocoder, text, spans)
    return resolve_spans(geocoder, text, accepted)


# --- spans --------------------------------------------------------------------------------

def _candidate_spans(text: str, doc) -> list[_Span]:
    spans: list[_Span] = []
    if doc is not None:
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS or ent.label_ in RECHECK_LABELS:
                start, end = _trim_article(text, ent.start_char, ent.end_char)
                spans.append(_Span(start, end, text[start:end], ent.label_))
    for match in RUN.finditer(text):
        spans.extend(_sub_spans(text, match.start(), match.group(0)))
    for match in ARABIC_RUN.finditer(text):
        spans.extend(_arabic_sub_spans(match.start(), match.group(0)))
    return spans


# "Kurdish", "Turkish", "Lebanese": an adjective of a people or language, which a fuzzy
# look-up would read as a village spelled alike ("Kurdish" -> "Kurdis")
ADJECTIVE = re.compile(r"[A-Z][a-z]+(?:ish|ese)")
POSSESSIVE = re.compile(r"^(?P<stem>[A-Z][a-z]{2,})(?:'s|’s|s)$")


def _without_possessive_countries(geocoder: Geocoder, text: str,
                                  spans: list[_Span]) -> list[_Span]:
    """"Syria's Idlib", and "Syrias Idlib" when a feed has dropped the apostrophe: the first
    word is the country's possessive, not part of the place (nor a village spelled like it).
    The word is trimmed from the span ("Idlib"); alone it reads as the country ("Syria").
    Only a country's own name counts as the stem, and only when the word itself is not a
    place name (so "Homs", "Damascus" stay whole)."""
    wanted = {}
    for span in spans:
        words = span.text.split()
        for word in {words[0], words[-1]}:
            found = POSSESSIVE.match(word)
            if found:
                wanted[word] = found.group("stem")
    if not wanted:
        return spans
    folded = {word: fold(word) for word in wanted}
    known = geocoder.lookup_exact(sorted({*folded.values(), *(fold(s) for s in wanted.values())}))
    possessive = {word for word, stem in wanted.items()
                  if not known.get(folded[word]) and any(
                      r["feature"] == "country" and fold(r["name"]) == fold(stem)
                      for r in known.get(fold(stem), []))}
    out = [trimmed for span in spans if (trimmed := _trim_possessive(span, possessive))]
    for span in out if possessive else ():
        before = re.search(r"(\S+)\s+$", text[max(0, span.start - 30):span.start])
        if before and before.group(1) in possessive:
            span.possessive = before.group(0)
    return out


def _trim_possessive(span: _Span, possessive: set[str]) -> _Span | None:
    words = span.text.split()
    if len(words) == 1:
        if words[0] not in possessive:
            return span
        stem = POSSESSIVE.match(words[0]).group("stem")
        return _Span(span.start, span.start + len(stem), stem, span.label, span.cued, span.whole)
    start, end = span.start, span.end
    if words[0] in possessive:
        start = span.start + span.text.index(words[1], len(words[0]))
    if words[-1] in possessive:
        end = span.start + span.text.rindex(words[-1])
        end = span.start + len(span.text[: end - span.start].rstrip())
    if (start, end) == (span.start, span.end):
        return span
    if end <= start:
        return None
    offset = start - span.start
    # spaCy's boundary took in the possessive: the rest is read like a scanned run, so a
    # longer gazetteer name it cuts ("Syrias Deir" of "Syrias Deir ez-Zor") is not lost
    return _Span(start, end, span.text[offset:offset + end - start], None, span.cued,
                 span.whole)


def _mark_cued(text: str, span: _Span, memo: dict[int, bool]) -> None:
    """Whether a place cue ("in", "village of", "bombed X and") stands before the span."""
    if span.start not in memo:
        cues = _cue_patterns()
        before = text[max(0, span.start - 70):span.start - len(span.possessive)]
        lower = lowered(before)
        memo[span.start] = bool(cues["place_before"].search(before[-30:], lower and lower[-30:])
                                or cues["listed_after_place"].search(before, lower))
    span.cued = memo[span.start]


def _trim_article(text: str, start: int, end: int) -> tuple[int, int]:
    """"the Idlib countryside" -> "Idlib countryside"; a trailing "'s" goes too."""
    lowered = text[start:end].lower()
    if lowered.startswith("the "):
        start += 4
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    return start, end


def _sub_spans(text: str, offset: int, run: str) -> list[_Span]:
    """Every contiguous word sequence of a capitalised run (longest first), so that
    "Syrian Army shelled Kafr Nabl" yields "Kafr Nabl" as well."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", run)]
    out = []
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            start, end = words[i][0], words[i + size - 1][1]
            piece = run[start:end].rstrip(".,;:!?)'’\"")
            first, last = piece.split()[0], piece.split()[-1]
            if any(w.islower() and re.fullmatch(CONNECTORS, w) for w in (first, last)):
                continue  # "of Homs" starts with a joining word; "Al Ghantu" is a name
            out.append(_Span(offset + start, offset + start + len(piece), piece, None,
                             whole=size == len(words)))
    return out


def _arabic_sub_spans(offset: int, run: str, longest: int = 4) -> list[_Span]:
    """Word n-grams of an Arabic-script run (Arabic has no capitals to delimit names)."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", run)]
    out = []
    for size in range(min(longest, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            start, end = words[i][0], words[i + size - 1][1]
            out.append(_Span(offset + start, offset + end, run[start:end], None))
    return out


def _accept_spans(geocoder: Geocoder, text: str, spans: list[_Span]) -> list[_Span]:
    """Keep spans that are places: spaCy place entities, and gazetteer names that stand where
    a place can (a cue before them, or a well-known place, not a common word)."""
    inside_other = [(s.start, s.end) for s in spans if s.label in RECHECK_LABELS]
    wanted = sorted({k for s in spans for k in keys(s.text)[:2] if k})
    known = geocoder.lookup_exact(wanted)
    cues = _cue_patterns()
    accepted: list[_Span] = []
    taken: list[tuple[int, int]] = []
    order = sorted(spans, key=lambda s: (-(s.label in PLACE_LABELS), -(s.end - s.start), s.start))
    memo: dict[int, bool] = {}
    listed: set[tuple[int, int]] = set()
    for span in order:
        if any(a < span.end and span.start < b for a, b in taken):
            continue
        folded, bared, _ = keys(span.text)
        rows = known.get(folded, []) + known.get(bared, [])
        if not rows and (span.label or span.whole) and (
                parts := _major_place_parts(span, known)):
            listed.update(parts)  # "Aleppo Hama" in a headline without commas: two places
            continue
        if not rows and not (span.whole or span.label):
            continue
        _mark_cued(text, span, memo)
        span.cued = span.cued or (span.start, span.end) in listed
        if not _is_place(span, rows, text, cues) and not _is_variant_spelling(geocoder, span, rows):
            continue
        if span.label is None and not span.cued and any(
                a <= span.start and span.end <= b and (a, b) != (span.start, span.end)
                for a, b in inside_other):
            continue  # "Syrian" in "the Syrian Observatory for Human Rights"
        accepted.append(span)
        taken.append((span.start, span.end))
    accepted.sort(key=lambda s: s.start)
    return accepted


def _major_place_parts(span: _Span, known: dict) -> list[tuple[int, int]]:
    """Two well-known places written side by side with their commas lost ("Aleppo Hama"):
    each part is a country, a region or a city of 100,000 or more under these very words.
    The parts' offsets, or nothing."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", span.text)]

    def major(start: int, end: int) -> bool:
        return any(r["feature"] in ("country", "region") or (r["population"] or 0) >= 100_000
                   for r in known.get(fold(span.text[start:end]), []))

    for i in range(1, len(words)):
        left, right = (words[0][0], words[i - 1][1]), (words[i][0], words[-1][1])
        if major(*left) and major(*right):
            return [(span.start + a, span.start + b) for a, b in (left, right)]
    return []


def _is_variant_spelling(geocoder: Geocoder, span: _Span, rows: list) -> bool:
    """A cued capitalised run the gazetteer knows under another spelling ("in Teir Maaleh")."""
    if rows or not span.cued or not span.whole or span.label not in (None, "PERSON"):
        return False
    if span.text.split()[0].lower() in STOP_WORDS or ADJECTIVE.fullmatch(span.text):
        return False
    ranked = geocoder.ranked(span.text)
    return bool(ranked) and ranked[0].similarity >= W.text_min_similarity


def _is_place(span: _Span, rows: list, text: str, cues: dict[str, re.Pattern]) -> bool:
    if span.label in PLACE_LABELS:
        return True
    if any("demonym" in (r["lang"] or "") for r in rows):
        return False  # "Syrian" is said of people and forces far more than of the country
    rows = [r for r in rows if r["lang"] != "abbr" or span.text == r["matched"]]
    if not rows:
        return False
    words = span.text.split()
    if len(words) == 1 and words[0].lower() in STOP_WORDS:
        return False
    before = text[max(0, span.start - 20):span.start]
    if cues["person_before"].search(before):
        return False
    if span.label in RECHECK_LABELS:
        return span.cued and span.label != "NORP"
    if span.cued or is_arabic(span.text):
        return True
    # uncued: only places known by these very words as their main name ("Aleppo"), and big
    # enough to be talked about without a cue ("Sun", "Export" are alternate or tiny names)
    folded = fold(span.text)
    return any(fold(r["name"]) == folded and r["lang"] != "abbr"
               and (r["feature"] in ("country", "region") or (r["population"] or 0) >= 100_000)
               for r in rows)


# --- resolution ---------------------------------------------------------------------------

def resolve_spans(geocoder: Geocoder, text: str, spans, on=None, *,
                  find_parts: bool = True) -> list[Toponym]:
    """Resolve spans (objects with start, end, text) together, each using the others;
    ``find_parts`` adds the X of "the X neighbourhood of Y" when it was not a span."""
    cues = _cue_patterns()
    toponyms = [Toponym(start=s.start, end=s.end, text=s.text,
                        label=getattr(s, "label", None) or "GAZ") for s in spans]
    feature_hints, admin_spans = [], []
    for t in toponyms:
        word = _feature_word_near(text, t, cues)
        t.feature_word = word
        own_word = split_feature_word(t.text)[1]  # "Orange County": the span says district
        is_admin = bool(cues["admin_after"].match(text[t.end:t.end + 40])
                        or cues["admin_before"].search(text[max(0, t.start - 30):t.start])
                        or own_word in _admin_words())  # "Hama province" as one span
        feature_hints.append("region" if is_admin else feature_of_word(word or own_word))
        if is_admin:
            admin_spans.append(t)
    looked_up = [_lookup_name(geocoder, t.text, h) for t, h in zip(toponyms, feature_hints,
                                                                    strict=True)]
    first = [ranked for _, ranked in looked_up]
    country = _dominant_country(first)
    candidates = []
    for (name, _), hint, ranked in zip(looked_up, feature_hints, first, strict=True):
        if country:
            more = geocoder.ranked(name, country=country, feature=hint)
            ranked = _merge(ranked, more)
        candidates.append(ranked)
    anchors = _anchors(candidates)
    qualifiers = _qualifiers(text, toponyms, candidates)
    doc_region = _dominant_region(candidates)
    readings = _readings(toponyms, candidates)
    mentioned = frozenset(top["country_code"] for top in _distinct_tops(candidates)
                          if top["feature"] == "country" and top["country_code"])
    support: dict[tuple[str, str], int] = {}
    for i, (t, hint, ranked) in enumerate(zip(toponyms, feature_hints, candidates, strict=True)):
        if not ranked:
            continue
        admin1 = _admin_hint(text, t, admin_spans)
        place_country = country
        qualifier = qualifiers.get(i)
        if qualifier is not None:  # "Athens, Ga.", "Paris, France"
            if qualifier["feature"] == "country":
                place_country = qualifier["country_code"]
            else:
                admin1, place_country = qualifier["name"], qualifier["country_code"]
        elif admin1 is None and ranked[0].row["feature"] in POPULATED_OR_DISTRICT:
            admin1 = doc_region
        near = [point for j, point in anchors if j != i]
        rescored = rescore(ranked, admin1=admin1, near=near or None, on=on,
                                    feature=hint, country=place_country, mentioned=mentioned)
        rescored = [c for c in rescored if _plausible_in_text(c, place_country)]
        _add_support(rescored, fold(t.text), readings, support)
        if not rescored:
            t.role = _role(text, t)
            continue
        matches = [to_match(c) for c in rescored[:5]]
        t.match, t.alternatives = matches[0], matches[1:]
        t.role = _role(text, t)
    if find_parts:
        _resolve_part_of(geocoder, text, toponyms, cues)
    _share_listed_roles(text, toponyms)
    return toponyms


def _lookup_name(geocoder: Geocoder, text: str, hint: str | None) -> tuple[str, list]:
    """The words' own readings, else those of the first place named inside them ("the
    Ruritanian Embassy", "Bank of Elbonia") when the whole is no place the gazetteer knows."""
    ranked = geocoder.ranked(text, feature=hint)
    if any(c.similarity >= W.text_min_similarity for c in ranked):
        return text, ranked
    for part in component_names(text):
        if _generic(part):
            continue  # "South" of "South Plains", "St." of "St. Mark's Cathedral"
        inner = [c for c in geocoder.ranked(part, feature=hint) if c.similarity >= W.exact]
        if inner:
            return part, inner
    return text, ranked


def _generic(words: str) -> bool:
    """Words that name no place by themselves: common words, abbreviations."""
    return all(w.lower().strip(".") in STOP_WORDS or w.endswith(".") or len(w) < 3
               for w in words.split())


def _plausible_in_text(candidate, country: str | None) -> bool:
    """A reading of words in a report: close to the name, and the very name when it lies
    outside the report's country ("Britain" is not a Syrian village spelled alike)."""
    if candidate.similarity < W.text_min_similarity:
        return False
    if country and candidate.row["country_code"] not in (country, None):
        return (candidate.similarity >= W.text_foreign_min_similarity
                or candidate.row["feature"] in ("country", "region"))
    return True


def _feature_word_near(text: str, t: Toponym, cues) -> str | None:
    after = cues["feature_after"].match(text[t.end:t.end + 30])
    if after:
        return after.group("w").lower()
    before = cues["feature_before"].search(text[max(0, t.start - 30):t.start])
    if before is None:
        return None
    # "the Akrama district of Homs": the word says what Akrama is, not what Homs is
    if cues["part_of"].search(text[max(0, t.start - 60):t.start]) and _PART_RUN.search(
            text[max(0, t.start - 90):t.start - len(before.group(0))] + " "):
        return None
    return before.group("w").lower()


def _merge(first, more):
    by_id = {c.row["id"]: c for c in first}
    for c in more:
        if c.row["id"] not in by_id:
            by_id[c.row["id"]] = c
    return sorted(by_id.values(), key=lambda c: -c.total)


def _dominant_country(candidate_lists) -> str | None:
    """The country most of the confidently named places belong to (countries count double;
    a place named again and again votes once)."""
    votes: Counter = Counter()
    for top in _distinct_tops(candidate_lists):
        if top["country_code"]:
            votes[top["country_code"]] += 2 if top["feature"] == "country" else 1
    if not votes:
        return None
    country, count = votes.most_common(1)[0]
    return country if count >= 2 or len(votes) == 1 else None


def _qualifiers(text: str, toponyms: list[Toponym], candidate_lists) -> dict[int, object]:
    """"X, Y" where Y is a region or country: Y qualifies X (its best reading as a region
    or country, whatever its overall rank)."""
    out = {}
    for i in range(len(toponyms) - 1):
        between = text[toponyms[i].end:toponyms[i + 1].start]
        if not re.fullmatch(r"\s*,\s*", between):
            continue
        areas = [c.row for c in candidate_lists[i + 1] if c.row["feature"] in ("region", "country")
                 and c.similarity >= W.confident_similarity]
        if areas:
            out[i] = areas[0]
    return out


def _dominant_region(candidate_lists) -> str | None:
    """The region most confidently named places lie in (a named region counts double)."""
    votes: Counter = Counter()
    for top in _distinct_tops(candidate_lists):
        if top["feature"] == "region" and top["kind"] != "CONT":
            votes[top["name"]] += 2
        elif top["admin1"]:
            votes[top["admin1"]] += 1
    if not votes:
        return None
    (region, count), *rest = votes.most_common(2)
    # a tie ("Ohio and Mississippi") names no region of the report
    return region if count >= 2 and (not rest or count > rest[0][1]) else None


def _readings(toponyms: list[Toponym], candidate_lists) -> dict[str, list[tuple]]:
    """Points of the likely readings (top few, the very name, not countries) of each distinct
    place name in the text."""
    out: dict[str, list[tuple]] = {}
    for t, ranked in zip(toponyms, candidate_lists, strict=True):
        key = fold(t.text)
        if key in out or not ranked:
            continue
        out[key] = [(c.row["id"], c.row["lat"], c.row["lon"]) for c in ranked[:SUPPORT_READINGS]
                    if c.similarity >= W.confident_similarity and c.row["feature"] != "country"
                    and c.row["lat"] is not None]
    return dict(list(out.items())[:SUPPORT_NAMES])


def _add_support(candidates: list, own_key: str, readings: dict[str, list[tuple]],
                 known: dict[tuple[str, str], int] | None = None) -> None:
    """Places named together lie together: a reading gets a bonus for each other name in the
    text that has a possible reading near it ("Athens" and "Clarke County": Athens, Georgia),
    so ambiguous names settle on each other even when none is certain. ``known`` keeps each
    reading's count for the text's other mentions of the same name."""
    if len(readings) < 2 or len(candidates) < 2:
        return
    others, known = None, {} if known is None else known
    km = W.support_km
    for c in candidates:
        row = c.row
        if row["lat"] is None or row["feature"] not in POPULATED_OR_DISTRICT:
            continue  # a region or country is not "near" what lies inside it
        own_lat, own_lon, own_id = row["lat"], row["lon"], row["id"]
        support = known.get((own_key, own_id))
        if support is None:
            if others is None:
                others = [points for key, points in readings.items() if key != own_key]
            support = known[(own_key, own_id)] = sum(1 for points in others if any(
                pid != own_id and within_km(own_lat, own_lon, lat, lon, km)
                for pid, lat, lon in points))
        c.total += W.support_bonus * min(support, W.support_cap)
    candidates.sort(key=lambda c: -c.total)


def _distinct_tops(candidate_lists) -> list:
    """The best reading of each confidently named place, each place once."""
    tops = {}
    for ranked in candidate_lists:
        if ranked and ranked[0].similarity >= W.confident_similarity:
            tops.setdefault(ranked[0].row["id"], ranked[0].row)
    return list(tops.values())


def _anchors(candidate_lists) -> list[tuple[int, tuple[float, float]]]:
    """Points of places resolved without doubt (clear margin, not a whole country); a dozen
    at most, which is context enough."""
    out = []
    for i, ranked in enumerate(candidate_lists):
        if not ranked or ranked[0].row["feature"] == "country" or ranked[0].row["lat"] is None:
            continue
        margin = ranked[0].total - (ranked[1].total if len(ranked) > 1 else 0.0)
        point = (ranked[0].row["lat"], ranked[0].row["lon"])
        if (ranked[0].similarity >= W.confident_similarity and margin >= W.anchor_margin
                and point not in {p for _, p in out}):
            out.append((i, point))
    return out[:ANCHORS_KEPT]


def _admin_hint(text: str, t: Toponym, admin_spans: list[Toponym]) -> str | None:
    """The region named by the nearest region cue in the same sentence, else the only one."""
    if not admin_spans or t in admin_spans:
        return None
    def sentence_of(pos: int) -> int:
        return text.count(".", 0, pos)
    same = [a for a in admin_spans if sentence_of(a.start) == sentence_of(t.start)]
    pool = same or (admin_spans if len({fold(a.text) for a in admin_spans}) == 1 else [])
    if not pool:
        return None
    nearest = min(pool, key=lambda a: abs(a.start - t.start))
    return nearest.text


def _role(text: str, t: Toponym) -> str | None:
    before = text[max(0, t.start - 60):t.start]
    after = text[t.end:t.end + 25]
    lower_before, lower_after = lowered(before), lowered(after)
    for role, before_re, after_re in _roles():
        if (before_re is not None and before_re.search(before, lower_before)) or (
                after_re is not None and after_re.search(after, lower_after)):
            return role
    return None


LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:the\s+)?")
# "from the villages of X and Y in the province of Z": Z locates the origin, it is one too
IN_REGION_GAP = re.compile(r",?\s+in\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:(?:province|governorate|"
                           r"region|countryside)\s+of\s+)?")
SHARED_ROLES = {"origin", "residence", "reference"}


def _share_listed_roles(text: str, toponyms: list[Toponym]) -> None:
    """"displaced families from Raqqa, Aleppo and Homs": a place listed right after one with
    a role (a comma, "and", "or" between them) has the same role."""
    ordered = sorted(toponyms, key=lambda t: t.start)
    for before, after in zip(ordered, ordered[1:], strict=False):
        gap = text[before.end:after.start]
        if after.role is None and before.role in SHARED_ROLES and (
                LIST_GAP.fullmatch(gap) or (IN_REGION_GAP.fullmatch(gap) and after.match is not None
                                            and after.match.feature == "region")):
            after.role = before.role


_PART_RUN = re.compile(rf"(?:the\s+)?(?P<x>{WORD}(?:\s+{WORD}){{0,3}})\s+$")


def _resolve_part_of(geocoder: Geocoder, text: str, toponyms: list[Toponym], cues) -> None:
    """"the X neighbourhood of Y": X resolved near Y when the gazetteer has it there, else X
    keeps its words and takes Y's place with precision 2 (``part_of``)."""
    for y in list(toponyms):
        if y.match is None:
            continue
        head = text[max(0, y.start - 60):y.start]
        m = cues["part_of"].search(head)
        if not m:
            continue
        x_end = y.start - len(head) + m.start()
        run = _PART_RUN.search(text[max(0, x_end - 60):x_end] + " ")
        if not run:
            continue
        x_start = x_end - (len(text[max(0, x_end - 60):x_end]) - run.start("x"))
        x_text = run.group("x")
        x = next((t for t in toponyms if t.start == x_start), None)
        if x is None:
            x = Toponym(start=x_start, end=x_start + len(x_text), text=x_text, label="GAZ")
            toponyms.append(x)
        x.feature_word = m.group("w").lower()
        own = x.match
        if (own is not None and own.latitude is not None and y.match.latitude is not None
                and own.gazetteer_id != y.match.gazetteer_id
                and haversine_km(own.latitude, own.longitude, y.match.latitude,
                                 y.match.longitude) <= W.part_of_max_km):
            continue
        x.match, x.alternatives, x.part_of = y.match, [], x_text
        if x.role is None:
            x.role = y.role
    toponyms.sort(key=lambda t: t.start)
