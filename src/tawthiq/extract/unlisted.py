"""Villages and neighbourhoods the gazetteer does not hold, named the way reports name places
("the town of Kobajeb", "Qurt Hanash, a village in Hama province", "the Damascus suburb of
Tadamon", "Homs city's Karm al-Loz neighbourhood"): the name keeps its words and is located
at the place the words tie it to, the city of a neighbourhood or the governorate of a village,
at lower precision (``part_of``). Constructions: ``data/en/unlisted_places.json``.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache, lru_cache
from typing import Any

from tawthiq import knowledge

WORD = r"(?:(?:al|el|as|ash|ad|ar|az|at|an)-)?[A-Z][\w'’`]*(?:-[A-Z][\w'’`]*)*"
CONNECTOR = r"(?:al|el|as|ash|ad|ar|az|at|an|bin|ibn|abu|umm|um|bani)"
NAME = rf"(?P<name>{WORD}(?:\s+(?:{CONNECTOR}\s+)?{WORD}){{0,3}})"
REGION_FEATURES = ("region",)
CONTAINERS = ("locality", "district", "region")


@cache
def _constructions() -> tuple[list[tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]],
                               list[str], frozenset[str]]:
    data = knowledge.load("unlisted_places.json", "en")
    kinds = data["kinds"]
    named = [(re.compile(p.replace("KINDS", kinds).replace("NAME", NAME)),
              _name_free_parts(p.replace("KINDS", kinds))) for p in data["named"]]
    inside = [p.replace("KINDS", kinds).replace("NAME", NAME) for p in data["inside"]]
    # "the Sunni village", "an Alawite-majority district": a community, not a place's name
    communities = {form for group in knowledge.load("identity_groups.json", "en")["groups"]
                   for form in group["forms"]}
    return named, inside, frozenset(data["not_names"]) | communities


def _name_free_parts(pattern: str) -> tuple[re.Pattern[str], ...]:
    """What must follow the name in a construction that begins with it ("NAME village"):
    such a pattern tries the name at every capitalised word of the text, and a text without
    the words after it has no match (``_container_free_parts``). Nothing to test for one that
    begins otherwise: its own first words are found as fast."""
    return _container_free_parts(pattern, "NAME") if pattern.startswith("NAME") else ()


def unlisted_places(text: str, places: list[Any], sentences: list[tuple[int, int]],
                    excluded: list[tuple[int, int]], resolver: Any = None) -> list[Any]:
    """Places the report names that no gazetteer toponym covers, each looked up again within
    its container's governorate (``resolver``), else located at the container itself (a copy
    of the container's toponym with the name's words and ``part_of``)."""
    named, inside, not_names = _constructions()
    found: list[Any] = []

    def free(start: int, end: int, name: str) -> bool:
        words = name.split()
        return (not any(s < end and start < e for s, e in excluded)
                and not any(t.start < end and start < t.end for t in places + found)
                and words[0] not in not_names and not (name.isupper() and len(name) <= 5))

    for pattern in _inside_patterns(inside, places, text):
        for match in pattern.finditer(text):
            start, end = match.span("name")
            container = _container_at(places, match.start("container"))
            if container is not None and free(start, end, match.group("name")):
                found.append(_located(container, start, end, match.group("name"), places,
                                      resolver))
    for pattern, parts in named:
        if not all(part.search(text) for part in parts):
            continue
        for match in pattern.finditer(text):
            start, end = match.span("name")
            if not free(start, end, match.group("name")):
                continue
            container = _governorate_near(places, sentences, start) or _report_governorate(
                places, resolver)
            if container is not None:
                found.append(_located(container, start, end, match.group("name"), places,
                                      resolver))
    return sorted(found, key=lambda t: t.start)


def _inside_patterns(inside: list[str], places: list[Any], text: str) -> list[re.Pattern[str]]:
    """The "inside" patterns with this report's container names, leaving out those whose
    words around the container do not occur in the text (they cannot match, and compiling
    them with each report's own names cost more than all the matching), or whose words after
    the container follow none of the container names."""
    containers = {t.text for t in places
                  if t.match is not None and t.match.feature in CONTAINERS}
    names = sorted({re.escape(name) for name in containers}, key=len, reverse=True)
    if not names:
        return []
    wanted = tuple(pattern for pattern in inside
                   if all(part.search(text) for part in _container_free_parts(pattern))
                   and _followed(text, containers, _after_container(pattern)))
    return _compiled_inside(wanted, tuple(names)) if wanted else []


@lru_cache(maxsize=1024)
def _compiled_inside(inside: tuple[str, ...], names: tuple[str, ...]) -> list[re.Pattern[str]]:
    """Compiled once per set of container names: compiling these long patterns for every
    report cost more than matching them (reports of one region name the same cities)."""
    container = rf"(?P<container>{'|'.join(names)})"
    return [re.compile(p.replace("CONTAINER", container)) for p in inside]


@cache
def _container_free_parts(pattern: str,
                          placeholder: str = "CONTAINER") -> tuple[re.Pattern[str], ...]:
    """The pieces of a pattern before and after its CONTAINER (or NAME), compiled, when the
    placeholder stands alone at the pattern's top level (no group or alternative around it, no
    global flag): every match of the whole then holds a match of each piece, so a text
    without one has no match. No pieces (no test) when that cannot be shown."""
    if pattern.count(placeholder) != 1 or not at_top_level(pattern, pattern.index(placeholder)):
        return ()
    before, after = pattern.split(placeholder)
    if after[:1] in ("?", "*", "+", "{") or re.search(r"\(\?[aiLmsux]+[):]", pattern):
        return ()  # a quantified container, or flags the pieces would not share
    try:
        return tuple(re.compile(piece.replace("NAME", NAME)) for piece in (before, after)
                     if piece)
    except re.error:  # a piece referring to a group of the other
        return ()


@cache
def _after_container(pattern: str) -> re.Pattern[str] | None:
    """What must follow the container in an "inside" pattern, compiled, when that can be
    shown (``_container_free_parts``); None when nothing is required."""
    if not _container_free_parts(pattern):
        return None
    after = pattern.split("CONTAINER")[1]
    return re.compile(after.replace("NAME", NAME)) if after else None


def _followed(text: str, names: set[str], after: re.Pattern[str] | None) -> bool:
    """Whether ``after`` matches right after an occurrence of one of the names (the
    container alternation matches the names as written)."""
    if after is None:
        return True
    for name in names:
        at = text.find(name)
        while at >= 0:
            if after.match(text, at + len(name)):
                return True
            at = text.find(name, at + 1)
    return False


def at_top_level(pattern: str, at: int) -> bool:
    """Whether position ``at`` of a regular expression lies outside every group and character
    class, and the expression has no top-level alternative."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if i == at and (depth or in_class):
            return False
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 2 if pattern[i + 1:i + 2] == "]" else 1  # "[]...]": the first ] is literal
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
        i += 1
    return True


def _container_at(places: list[Any], start: int) -> Any:
    return next((t for t in places if t.start == start), None)


def _governorate_near(places: list[Any], sentences: list[tuple[int, int]], at: int) -> Any:
    """The governorate the sentence names (the nearest), else one its neighbours name."""
    index = next((i for i, (s, e) in enumerate(sentences) if s <= at < e), None)
    if index is None:
        return None
    for window in ([index], [index - 1, index + 1]):
        pool = [t for t in places if t.match is not None and t.match.feature in REGION_FEATURES
                and any(0 <= i < len(sentences) and sentences[i][0] <= t.start < sentences[i][1]
                        for i in window)]
        if pool:
            return min(pool, key=lambda t: abs(t.start - at))
    return None


def _report_governorate(places: list[Any], resolver: Any) -> Any:
    """The one governorate every town the report names lies in ("in the village of al-Haas"
    told among Idlib's towns), as a place to locate an unlisted village by; None if the towns
    lie in several governorates or there are none."""
    towns = [t for t in places if t.match is not None and t.match.feature in ("locality",
                                                                             "neighbourhood")]
    regions = {t.match.admin1 for t in towns if t.match.admin1}
    if len(regions) != 1:
        return None
    (admin1,) = regions
    named = next((t for t in places if t.match is not None and t.match.feature == "region"
                  and t.match.admin1 == admin1), None)
    if named is not None or resolver is None:
        return named
    try:
        result = resolver.geocode(admin1, country=towns[0].match.country_code)
    except (AttributeError, TypeError):
        return None
    region = next((r for r in ([result.match, *result.alternatives] if result.match else [])
                   if r.feature == "region" and r.admin1 == admin1), None)
    return dataclasses.replace(towns[0], match=region) if region is not None else None


def _located(container: Any, start: int, end: int, name: str, places: list[Any],
             resolver: Any = None) -> Any:
    """The name at its container; a name the report also gives a gazetteer reading
    elsewhere ("the town of X" where X once went unrecognised) takes that reading, and one
    the gazetteer holds in the container's governorate under a spelling alike takes that."""
    from tawthiq.extract.segment import same_name

    known = next((t for t in places if t.match is not None and t.match.feature != "country"
                  and same_name(t.text, name)), None)
    if known is not None:
        return dataclasses.replace(known, start=start, end=end, text=name, role=None)
    inside = _within(resolver, name, container.match)
    if inside is not None:
        return dataclasses.replace(container, start=start, end=end, text=name, match=inside,
                                   role=None, alternatives=[], part_of=None)
    return dataclasses.replace(container, start=start, end=end, text=name, part_of=name,
                               role=None, alternatives=[])


def _within(resolver: Any, name: str, container: Any) -> Any:
    """A town of this name (spelled alike) in the container's governorate, or None."""
    from tawthiq.extract.segment import _spelled_alike

    if resolver is None or container is None or not container.admin1:
        return None
    try:
        result = resolver.geocode(name, country=container.country_code, admin1=container.admin1)
    except (AttributeError, TypeError):
        return None
    for reading in [result.match, *result.alternatives] if result.match else []:
        if (reading.admin1 == container.admin1 and reading.feature in ("locality", "neighbourhood")
                and _spelled_alike(reading.name, name)):
            return reading
    return None
