"""Places in Arabic reports, resolved through the shared geocoder (Who's On First's Arabic
names). A place name is found after a kind word ("قرية التريمسة", "حي السكري"), a preposition
("في أريحا") or a proclitic ("بدمشق", "وبنش"); the proclitic is removed before the name is
looked up. Governorate cues ("بريف إدلب الجنوبي", "محافظة حماة", "جنوبي إدلب") near a name
decide between same-named villages; a site or neighbourhood the gazetteer lacks ("حي
السكري بمدينة حلب") stands at the town named right after it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from tawthiq.knowledge import load
from tawthiq.nlp.ar.text import ArabicText, fold
from tawthiq.nlp.ar.words import Phrases, Token, bases

EXACT = 0.97           # an uncued word must be exactly a place's name
MAX_NAME_WORDS = 3
HINT_AFTER = 10        # tokens after a name searched for its governorate cue
PART_OF_WINDOW = 4     # "حي X بمدينة Y": Y this close after X
POPULATED = ("locality", "neighbourhood")
UNRESOLVED_KINDS = ("locality", "neighbourhood")
UNRESOLVED_SIMILARITY = 0.95   # words the gazetteer lacks: only a near-identical spelling will do
QUOTE_TOKENS = frozenset({"\"", "“", "”", "«", "»", "'", "‘", "’"})


@dataclass
class Governorate:
    first: int
    last: int
    start: int
    end: int
    name: str          # English, the contract's admin1 spelling
    countryside: bool  # "ريف إدلب": the governorate's villages, not the town


@dataclass
class Place:
    first: int         # token range of the name words
    last: int
    start: int         # folded span, kind word included
    end: int
    name: str          # the original words of the name (looked up)
    kind: str | None   # the kind word's class: locality | neighbourhood | district | site
    cued: bool
    hint: str | None = None
    match: Any = None              # GeoMatch
    alternatives: list = None      # GeoMatch list
    part_of: bool = False          # a site or neighbourhood placed at its town
    unresolved: bool = False       # words after a kind word that name no gazetteer place

    @property
    def feature(self) -> str | None:
        return self.match.feature if self.match is not None else None

    @property
    def local(self) -> bool:
        """Finer than a district: where an incident happened."""
        return self.match is not None and (self.match.feature in POPULATED or self.unresolved)


@cache
def _data() -> dict:
    return load("places.json", "ar")


@cache
def _kind_words() -> Phrases:
    return Phrases((w, kind) for kind, words in _data()["feature_words"].items() for w in words)


@cache
def _simple(key: str) -> frozenset[str]:
    return frozenset(fold(w) for w in _data()[key])


@cache
def _listed(key: str) -> frozenset[str]:
    return frozenset(fold(w) for w in _data()[key]["words"])


@cache
def _not_names() -> frozenset[str]:
    return frozenset(fold(w) for w in _data()["not_names"])


@cache
def _governorates() -> Phrases:
    return Phrases((name, english) for name, english in _data()["governorates"]["names"].items())


@cache
def _capital_words() -> Phrases:
    return Phrases((w, name) for w, name in _data()["capital_words"]["words"].items())


@cache
def _directions() -> Phrases:
    return Phrases((w, True) for w in _data()["directions"])


def _arabic(token: Token) -> bool:
    return token.text[:1] >= "\u0621" and token.text[:1] <= "\u064a"


def find_governorates(tokens: list[Token]) -> list[Governorate]:
    """Governorate mentions: a cue word then a governorate name ("بريف محافظة إدلب",
    "محافظة ريف دمشق"), or a direction then one ("جنوبي إدلب")."""
    out = []
    cues = _simple("governorate_cues")
    i = 0
    while i < len(tokens):
        word = tokens[i].text
        cue = any(b in cues for b in bases(word)[:3]) or word in cues
        direction = _directions().match(tokens, i)
        if cue or direction:
            j = i + (1 if cue else direction[0])
            countryside = cue and any(b.endswith("ريف") or b == "ارياف" for b in bases(word)[:3])
            if j < len(tokens) and any(b in cues and "محافظ" in b for b in bases(tokens[j].text)):
                j += 1
            found = _governorates().match(tokens, j) if j < len(tokens) else None
            if found:
                n, english = found
                if english == "Damascus" and countryside:
                    english = "Rural Damascus"
                out.append(Governorate(i, j + n, tokens[i].start, tokens[j + n - 1].end, english,
                                       countryside or bool(direction)))
                i = j + n
                while i < len(tokens) and tokens[i].text.startswith("و"):   # "بريفي حمص وحماة"
                    more = _governorates().match(tokens, i)
                    if not more:
                        break
                    out.append(Governorate(i, i + more[0], tokens[i].start,
                                           tokens[i + more[0] - 1].end, more[1], True))
                    i += more[0]
                continue
        i += 1
    return out


def find_places(tokens: list[Token], sentences: list[tuple[int, int]], text: ArabicText,
                geocoder, governorates: list[Governorate], covered: set[int] = frozenset()
                ) -> list[Place]:
    """Place mentions resolved with their governorate cue, in text order. Names after a kind
    word come first; a name with no kind word is a place only when it is a large town, a
    governorate cue follows it, it continues a list of places, or the report names it with a
    kind word elsewhere."""
    if geocoder is None:
        return []
    covered = set(covered) | {k for g in governorates for k in range(g.first, g.last)}
    dominant = _dominant(governorates)
    found: list[Place] = []
    for lo, hi in sentences:
        i = lo
        while i < hi:
            place = _place_at(tokens, i, lo, hi, text, geocoder, covered)
            if place is None:
                i += 1
                continue
            found.append(place)
            i = place.last
    cued_names = {fold(p.name) for p in found if p.kind is not None}
    kept: list[Place] = []
    for place in found:
        if place.kind is None and not _uncued_accepted(place, tokens, governorates, kept,
                                                        cued_names, geocoder):
            continue
        lo, hi = next((lo, hi) for lo, hi in sentences if lo <= place.first < hi)
        place.hint = _hint(place, governorates, lo, hi) or dominant
        kept.append(place)
    for place in kept:
        _resolve(place, geocoder, _near(place, kept, sentences))
    qualifiers = []
    for place in kept:   # "قرية البيضا في ريف مدينة بانياس": the town's governorate and point
        town = _countryside_town(place, kept, tokens)
        if town is not None and town not in qualifiers:
            place.hint = town.match.admin1
            _resolve(place, geocoder, [(town.match.latitude, town.match.longitude)])
            place.end = town.end
            qualifiers.append(town)
    kept = [p for p in kept if p not in qualifiers]
    return _place_sites([p for p in kept if p.match is not None], tokens)


def _uncued_accepted(place: Place, tokens: list[Token], governorates: list[Governorate],
                     kept: list[Place], cued_names: set[str], geocoder) -> bool:
    if fold(place.name) in cued_names or _is_major(geocoder, place.name):
        return True
    if any(0 <= g.first - place.last <= 3 for g in governorates):
        return True
    return bool(kept) and place.first - kept[-1].last <= 1 and (
        tokens[place.first].text.startswith("و") or tokens[place.first - 1].text in ("و", "،"))


def _countryside_town(place: Place, places: list[Place], tokens: list[Token]) -> Place | None:
    cues = _simple("governorate_cues")
    for other in places:
        if other is place or other.match is None or other.match.latitude is None or \
                other.match.feature != "locality" or not 0 < other.first - place.last <= 5:
            continue
        between = tokens[place.last:other.first]
        if any(any(b.endswith("ريف") for b in bases(t.text)[:3]) or t.text in cues
               for t in between):
            return other
    return None


def _near(place: Place, places: list[Place], sentences) -> list[tuple[float, float]] | None:
    """Points of the other places of the sentence that the gazetteer knows without doubt."""
    lo, hi = next((lo, hi) for lo, hi in sentences if lo <= place.first < hi)
    points = [(p.match.latitude, p.match.longitude) for p in places
              if p is not place and lo <= p.first < hi and p.match is not None
              and p.match.latitude is not None]
    return points or None


def _dominant(governorates: list[Governorate]) -> str | None:
    names = [g.name for g in governorates]
    if not names:
        return None
    best = max(set(names), key=names.count)
    return best if names.count(best) * 2 > len(names) else None


def _hint(place: Place, governorates: list[Governorate], lo: int, hi: int) -> str | None:
    after = [g for g in governorates if place.last <= g.first < min(hi, place.last + HINT_AFTER)]
    if after:
        return after[0].name
    before = [g for g in governorates if lo <= g.first and g.last <= place.first]
    return before[-1].name if before else None


def _place_at(tokens, i, lo, hi, text: ArabicText, geocoder, covered) -> Place | None:
    token = tokens[i]
    if not _arabic(token) or i in covered:
        return None
    kind_found = _kind_words().match(tokens, i)
    kind, start_token = None, i
    if kind_found:
        n, kind = kind_found
        start_token, i = i, i + n
        while i < hi and tokens[i].text in QUOTE_TOKENS:   # "مدينة “أريحا”"
            i += 1
        if i >= hi or not _arabic(tokens[i]) or i in covered:
            return None
        if _kind_words().match(tokens, i) or tokens[i].text in _listed("not_after_kind"):
            return None   # "منطقة حي ...": the last kind word counts; "مدينة خاضعة": no name
    capital = _capital_words().match(tokens, i)
    if capital:
        n, name = capital
        return Place(i, i + n, tokens[start_token].start, tokens[i + n - 1].end, name, kind,
                     True)
    anaphoric = kind is not None and _with_article(tokens[start_token].text)
    cue = kind is not None or _after_cue(tokens, i, lo)
    if not cue and len(bases(tokens[i].text)) == 1:
        return None   # no kind word, cue or proclitic: no place starts here
    for n in range(MAX_NAME_WORDS, 0, -1):
        words = tokens[i:i + n]
        if i + n > hi or not all(_arabic(w) for w in words) or any(k in covered
                                                                   for k in range(i, i + n)):
            continue
        if any(_kind_words().match(tokens, k) for k in range(i + 1, i + n)):
            continue
        for name, stripped in _readings(words)[:1] if anaphoric else _readings(words):
            if n == 1 and (name in _not_names() or len(name) < 3 or _directions().first.get(name)
                           or name in _listed("not_after_kind")):
                continue
            if not cue and not stripped:
                continue
            looked_up = text.quote(words[0].start, words[-1].end) if not stripped else name
            if is_place_name(geocoder, looked_up) and (kind != "site" or
                                                        _is_major(geocoder, looked_up)):
                return Place(i, i + n, tokens[start_token].start, words[-1].end, looked_up,
                             kind, True)
    if kind in UNRESOLVED_KINDS and not anaphoric and tokens[i].text not in _not_names() and \
            len(tokens[i].text) >= 3 and not _directions().first.get(tokens[i].text):
        # "قرية القبير": a village the gazetteer lacks or spells otherwise; kept by its words
        return Place(i, i + 1, tokens[start_token].start, tokens[i].end,
                     text.quote(tokens[i].start, tokens[i].end), kind, True, unresolved=True)
    return None


_EXACT: dict[str, int] = {}


def _exactness(geocoder, name: str) -> int:
    """0: no Syrian place has exactly this name; 1: some place has; 2: a large town, a
    district or a governorate has."""
    if name not in _EXACT:
        from tawthiq.geo.names import keys

        if len(_EXACT) > 200_000:
            _EXACT.clear()
        quick = getattr(geocoder, "may_name_a_place", None)
        if quick is not None and not quick(name, "SY"):
            _EXACT[name] = 0
            return 0
        folded, bare, _ = keys(name)
        rows = [r for found in geocoder.lookup_exact([k for k in {folded, bare} if k]).values()
                for r in found if r["country_code"] == "SY"]
        major = _data()["major_population"]["value"]
        _EXACT[name] = 0 if not rows else 2 if any(
            (r["population"] or 0) >= major or r["feature"] in ("region", "district")
            for r in rows) else 1
    return _EXACT[name]


def is_place_name(geocoder, name: str) -> bool:
    """Whether some Syrian place carries exactly this name (any of its names, folded)."""
    return _exactness(geocoder, name) >= 1


def _is_major(geocoder, name: str) -> bool:
    return _exactness(geocoder, name) == 2


def _with_article(word: str) -> bool:
    """"القرية", "بالمدينة", "للبلدة": a kind word that points back ("the village")."""
    base = next((b for b in bases(word) if b in _kind_words().first), word)
    prefix = word[:len(word) - len(base)] if word.endswith(base) else ""
    return prefix.endswith(("ال", "لل"))


def _readings(words: list[Token]) -> list[tuple[str, bool]]:
    """The name as written, then with the first word's proclitics removed ("وبنش" -> "بنش",
    "بالتريمسة" -> "التريمسة"); the article stays with the name (the geocoder reads it)."""
    rest = " ".join(w.text for w in words[1:])
    first = words[0].text
    out = [(" ".join(w.text for w in words), False)]
    for base in bases(first)[1:]:
        removed = first[:len(first) - len(base)] if first.endswith(base) else ""
        if not removed or removed.endswith("ال") or (base.startswith("ال") and
                                                     "ال" not in first[:3]):
            continue
        out.append(((base + " " + rest).strip(), True))
    return out


def _after_cue(tokens: list[Token], i: int, lo: int) -> bool:
    """A preposition or a direction word stands before, or the name follows another in a
    list ("قرى X وY")."""
    if i <= lo:
        return False
    before = tokens[i - 1].text
    return (before in _simple("prepositions") or bool(_directions().match(tokens, i - 1))
            or before in ("و", "،") or any(b in _simple("governorate_cues")
                                          for b in bases(before)[:3]))


def _resolve(place: Place, geocoder, near=None) -> None:
    """The gazetteer place of the words, in the hinted governorate when one is hinted; words
    that name no place there stand at the governorate (precision 3), or are dropped."""
    feature = "locality" if place.kind in ("locality", None) else None
    result = geocoder.geocode(place.name, country="SY", admin1=place.hint, feature=feature,
                              near=near)
    match = result.match
    if match is not None and place.unresolved:
        close = geocoder.ranked(place.name, country="SY", admin1=place.hint)
        if not close or close[0].similarity < UNRESOLVED_SIMILARITY:
            match = None
    if match is None and place.unresolved and place.hint:
        match = geocoder.geocode(place.hint, country="SY", feature="region").match
    if match is None or match.feature == "country":
        return
    place.match, place.alternatives = match, result.alternatives


def _place_sites(places: list[Place], tokens: list[Token]) -> list[Place]:
    """A site or neighbourhood followed by its town ("حي الروضة بمدينة حلب", "مستشفى ... في
    حلب") is one place: the neighbourhood where the gazetteer has it near that town, else the
    town; the town's words join the mention."""
    from tawthiq.geo.geometry import haversine_km

    out: list[Place] = []
    skip: set[int] = set()
    for index, place in enumerate(places):
        if index in skip:
            continue
        following = places[index + 1] if index + 1 < len(places) else None
        if place.kind in ("neighbourhood", "site") and following is not None and \
                0 <= following.first - place.last <= PART_OF_WINDOW and \
                following.match is not None and following.feature == "locality":
            near = place.match is not None and place.match.latitude is not None and \
                following.match.latitude is not None and haversine_km(
                    place.match.latitude, place.match.longitude, following.match.latitude,
                    following.match.longitude) <= 15
            if not near:
                place.match, place.alternatives, place.part_of = following.match, [], True
            place.end = following.end
            skip.add(index + 1)
        out.append(place)
    return out
