"""Casualty counts in Arabic sentences: how many were killed, injured or went missing, of
which group, and which counts are part of another (بينهم = among them; هم = namely).

A count is a toll when a casualty word governs it: a verb or noun before it ("قُتل 30",
"مقتل 39 مدنياً", "إصابة 53 آخرين"), a verb after it ("8 مدنيين ... استشهدوا"), or a noun
that is itself the dead ("227 قتيلاً", "14 شهيداً"). "ضحايا" (killed and wounded together)
never makes a death toll by itself. A count with no person noun is a toll only right after a
casualty word ("مقتل 39"), so "200 آلية" or "15 منزلا" are never people."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from tawthiq.knowledge import load
from tawthiq.nlp.ar.numbers import ONE_WORDS, TWO_WORDS, Count, count_at, dual_nouns, qualify
from tawthiq.nlp.ar.text import fold
from tawthiq.nlp.ar.words import Phrases, Token, bases

BACK_WINDOW = 12      # tokens before a count searched for the word that governs it
AHEAD_WINDOW = 8      # tokens after it
ADJACENT = 2          # a count with no person noun must follow its casualty word this closely
AHEAD_PENALTY = 3     # a casualty word after the count governs it only when much nearer
KINDS = ("killed", "injured", "missing", "victims")
OF_THEM = frozenset(fold(w) for w in ("منهم", "منهن", "منهما"))
TOTAL_WINDOW = 8           # "the toll rose to" this close before a count makes it a total
TOTAL_WINDOW_AFTER_TO = 20  # ... or anywhere before in the sentence when "إلى" stands before it


@dataclass
class Casualty:
    kind: str                     # killed | injured | missing | victims
    low: int | None
    best: int | None
    high: int | None
    start: int                    # folded offsets of the count and its noun
    end: int
    first: int                    # token range of the count and its noun
    last: int
    group: str | None = None      # civilian | child | woman | combatant | person
    vague: bool = False
    subset_of: int | None = None  # index (in the sentence's list) of the toll it is part of
    enumerated: bool = False      # listed after هم: the parts add up to the toll
    total: bool = False           # "the toll rose to N": a running total
    trigger: tuple[int, int] | None = None   # folded span of the governing word
    own_kind: bool = False        # the noun itself says killed / injured ("قتيلا", "جريح")
    addend: bool = False          # listed right after another toll with و: added to it
    regional: bool = False        # a toll its listed parts do not add up to: over a region
    parts: list[int] = field(default_factory=list)


@cache
def _lexicon() -> dict:
    data = load("casualties.json", "ar")
    groups = {}
    for group in ("civilian", "child", "woman", "combatant", "person"):
        for word in data["person_nouns"][group]:
            groups.setdefault(fold(word), group)
    return {
        "triggers": Phrases((w, kind) for kind in KINDS for w in data[kind]),
        "groups": groups,
        "singular": frozenset(fold(w) for w in data["person_nouns"]["singular"]),
        "killed_nouns": Phrases((w, "killed") for w in data["killed_nouns"]["words"]),
        "injured_nouns": Phrases((w, "injured") for w in data["injured_nouns"]["words"]),
        "subset": Phrases((w, True) for w in data["subset_words"]["words"]),
        "enumeration": frozenset(fold(w) for w in data["enumeration_words"]["words"]),
        "totals": Phrases((w, True) for w in data["total_words"]["words"]),
        "causes": Phrases((w, True) for w in data["cause_words"]["words"]),
        "missing": Phrases((w, True) for w in data["missing"]),
    }


def group_of(word: str) -> str | None:
    """The group a person noun names ("مدنيين" civilian), allowing proclitics."""
    groups = _lexicon()["groups"]
    return next((groups[b] for b in bases(word) if b in groups), None)


def is_singular_person(word: str) -> bool:
    singular = _lexicon()["singular"]
    return any(b in singular for b in bases(word))


def find_casualties(tokens: list[Token], lo: int, hi: int) -> list[Casualty]:
    """The casualty counts of one sentence (tokens ``[lo, hi)``), in text order; victims
    listed together ("امرأتان وطفل") are one toll."""
    lex = _lexicon()
    triggers = [t for t in lex["triggers"].find(tokens, lo, hi)]
    found: list[Casualty] = []
    i = lo
    while i < hi:
        casualty = _casualty_at(tokens, i, lo, hi, triggers, found)
        if casualty is None:
            i += 1
            continue
        found.append(casualty)
        i = max(casualty.last, i + 1)
    found = _add_listed(found)
    _mark_parts(tokens, found, lo)
    return found


def _add_listed(found: list[Casualty]) -> list[Casualty]:
    out: list[Casualty] = []
    for casualty in found:
        if casualty.addend and out:
            first = out[-1]
            first.low = None if first.low is None or casualty.low is None else \
                first.low + casualty.low
            first.best = (first.best or 0) + (casualty.best or 0)
            first.high = None if first.high is None or casualty.high is None else \
                first.high + casualty.high
            first.end, first.last = casualty.end, casualty.last
            continue
        out.append(casualty)
    return out


def _casualty_at(tokens, i, lo, hi, triggers, found) -> Casualty | None:
    if _inside_trigger(i, triggers) and not (tokens[i].text[:1].isdigit()):
        return _singular_after_trigger(tokens, i, lo, hi, triggers, found)
    count = count_at(tokens, i)
    if count is None or count.last > hi or _is_date_number(tokens, count):
        return _singular_after_trigger(tokens, i, lo, hi, triggers, found)
    count = qualify(tokens, count)
    if count.noun:   # the dual noun is the count's own noun ("شابان")
        noun_at, noun_kind = count.last, None
        group = dual_nouns().get(count.noun) or group_of(count.noun)
    else:
        noun_at, group, noun_kind = _noun_after(tokens, count, hi)
    if not count.noun and _is_one_or_two_word(tokens, count):
        # "سيدة واحدة", "عائلة واحدة": the numeral follows the noun it counts
        previous = group_of(tokens[count.first - 1].text) if count.first > lo else None
        if previous is None:
            return None
        group, noun_at = previous, count.last
        count.first -= 1
    last = max(count.last, noun_at)
    kind, trigger = noun_kind, None
    governing = _governing_trigger(count, triggers, lo, hi)
    if governing is not None:
        if kind is None:
            kind = governing[2]
        trigger = governing
    if kind is None and group is not None:
        kind = _listed_kind(tokens, count, found)
    if kind is None:
        return None
    if group is None and noun_kind is None and not count.noun and (
            governing is None or not (0 <= count.first - governing[1] <= ADJACENT
                                      or 0 <= governing[0] - count.last <= 1)):
        return None
    made = _make(tokens, count, last, kind, group, trigger)
    made.own_kind = noun_kind is not None
    made.addend = bool(found) and found[-1].last == count.first and governing is None and \
        tokens[count.first].text.startswith("و") and found[-1].subset_of is None
    return made


def _make(tokens, count: Count, last: int, kind: str, group, trigger) -> Casualty:
    return Casualty(kind=kind, low=count.low, best=count.best, high=count.high,
                    start=tokens[count.first].start, end=tokens[last - 1].end,
                    first=count.first, last=last, group=group, vague=count.vague,
                    trigger=(tokens[trigger[0]].start, tokens[trigger[1] - 1].end)
                    if trigger else None)


def _singular_after_trigger(tokens, i, lo, hi, triggers, found) -> Casualty | None:
    """One victim named by a singular noun: right after a casualty word ("مقتل طفل",
    "قُتل الطفل") or as an item of a list ("، وطفل جراء قصف")."""
    word = tokens[i].text
    if not is_singular_person(word) or (i + 1 < hi and tokens[i + 1].text in ONE_WORDS):
        return None
    group = group_of(word)
    before = next((t for t in triggers if (t[1] == i or t[1] == i - 1 and
                   tokens[i - 1].text in ("و",)) and not _closes_count(tokens, t, lo)), None)
    count = Count(i, i + 1, 1, 1, 1)
    if before is not None and before[2] in ("killed", "injured"):
        return _make(tokens, count, i + 1, before[2], group, before)
    listed = word.startswith("و") or (i > lo and tokens[i - 1].text in ("و", "،"))
    if found and _after_subset_word(tokens, i, lo):   # "بينهم طفل"
        return _make(tokens, count, i + 1, found[-1].kind, group, None)
    if listed and found and found[-1].last == i and found[-1].subset_of is None:
        made = _make(tokens, count, i + 1, found[-1].kind, group, None)   # "امرأتان وطفل"
        made.addend = True
        return made
    if listed and found and i + 1 < hi and _lexicon()["causes"].match(tokens, i + 1):
        return _make(tokens, count, i + 1, found[-1].kind, group, None)
    in_part_list = listed and found and found[-1].last >= i - 1 and (
        found[-1].subset_of is not None or _after_subset_word(tokens, found[-1].first, lo))
    if in_part_list:   # "بينهم 4 أطفال وامرأة"
        return _make(tokens, count, i + 1, found[-1].kind, group, None)
    return None


def _closes_count(tokens, trigger, lo: int) -> bool:
    """A casualty noun right after a number ("61 قتيلا") governs that number, not the word
    after it ("61 قتيلا مدنيا" is not one more civilian)."""
    start = trigger[0]
    return start > lo and (tokens[start - 1].text.isdigit() or
                           bool(count_at(tokens, start - 1)))


def _inside_trigger(i: int, triggers) -> bool:
    return any(s <= i < e for s, e, _ in triggers)


def _is_date_number(tokens: list[Token], count: Count) -> bool:
    """A day, a year or a time of day rather than people: "12 تموز", "عام 2011", "الساعة 8"."""
    from tawthiq.nlp.ar.dates import is_month_word

    after = tokens[count.last].text if count.last < len(tokens) else ""
    before = tokens[count.first - 1].text if count.first > 0 else ""
    if is_month_word(after) or after in ("/",):
        return True
    return any(b in ("عام", "العام", "سنه", "الساعه", "ساعه", "سن") for b in bases(before)) \
        or (count.best is not None and 1900 <= count.best <= 2100 and count.high == count.best
            and not group_of(after))


def _noun_after(tokens, count: Count, hi: int) -> tuple[int, str | None, str | None]:
    """(end token, group, kind) of the noun that follows a count: a person noun gives the
    group, a noun that is itself the dead or the wounded gives the kind."""
    lex = _lexicon()
    at = count.last
    if at < hi and tokens[at].text == "من" and count.vague:
        at += 1
    if at >= hi:
        return count.last, None, None
    for phrases in (lex["killed_nouns"], lex["injured_nouns"]):
        found = phrases.match(tokens, at)
        if found:
            end = at + found[0]
            if end < hi and lex["missing"].match(tokens, end) and tokens[end].text.startswith("و"):
                return end + 1, None, "missing"   # "مئتي قتيل ومفقود": not a death toll
            return end, group_of(tokens[at].text), found[1]
    group = group_of(tokens[at].text)
    if group is not None:
        return at + 1, group, None
    if tokens[at].text in OF_THEM:   # "سقط 7 منهم": people of the toll before
        return at + 1, "person", None
    return count.last, None, None


def _is_one_or_two_word(tokens, count: Count) -> bool:
    words = [t.text for t in tokens[count.first:count.last]]
    return len(words) == 1 and (words[0] in ONE_WORDS or words[0] in TWO_WORDS)


def _governing_trigger(count: Count, triggers, lo: int, hi: int):
    """The nearest casualty word before the count (within BACK_WINDOW) or after it (within
    AHEAD_WINDOW); before wins a tie."""
    best, best_distance = None, None
    for trigger in triggers:
        start, end, _ = trigger
        if end <= count.first:
            distance = count.first - end
            if distance > BACK_WINDOW:
                continue
        elif start >= count.last:
            distance = start - count.last + 1
            if distance > AHEAD_WINDOW:
                continue
            distance += AHEAD_PENALTY   # "قتل 7 بينهم 3 نساء وأصيب 12": 3 goes with قتل
        else:
            continue
        if best_distance is None or distance < best_distance:
            best, best_distance = trigger, distance
    return best


def _listed_kind(tokens, count: Count, found: list[Casualty]) -> str | None:
    """A count joined by و to the one before it in the sentence shares its kind
    ("و6 أشخاص ..." after "استشهد 19")."""
    if not found:
        return None
    joined = tokens[count.first].text.startswith("و") or (
        count.first > 0 and tokens[count.first - 1].text in ("و", "،"))
    return found[-1].kind if joined else None


def _after_subset_word(tokens, first: int, lo: int) -> bool:
    subset = _lexicon()["subset"]
    for start in range(max(lo, first - 4), first):
        found = subset.match(tokens, start)
        if found and start + found[0] >= first - 2:
            return True
    return False


def _mark_parts(tokens: list[Token], found: list[Casualty], lo: int) -> None:
    """Counts after بينهم/منهم are parts of the toll before them, and so are counts joined to
    such a part by و with no casualty word of their own; counts after هم enumerate it."""
    enumeration = _lexicon()["enumeration"]
    parent: int | None = None
    for index, casualty in enumerate(found):
        subset = _after_subset_word(tokens, casualty.first, lo) or (
            casualty.last > casualty.first and tokens[casualty.last - 1].text in OF_THEM)
        enumerated = any(tokens[k].text in enumeration
                         for k in range(max(lo, casualty.first - 2), casualty.first))
        chained = (index > 0 and found[index - 1].subset_of is not None
                   and casualty.trigger in (None, found[index - 1].trigger)
                   and casualty.first - found[index - 1].last <= 3)
        same_kind = not casualty.own_kind or parent is None or \
            casualty.kind == found[parent].kind
        if (subset or enumerated or chained) and parent is not None and same_kind:
            casualty.subset_of = parent
            casualty.enumerated = enumerated or (chained and found[index - 1].enumerated)
            casualty.kind = found[parent].kind
            found[parent].parts.append(index)
        else:
            parent = index
        totals = _lexicon()["totals"]
        to = casualty.first > lo and tokens[casualty.first - 1].text in ("الي", "حتى")
        window = TOTAL_WINDOW_AFTER_TO if to else TOTAL_WINDOW
        casualty.total = any(totals.match(tokens, k)
                             for k in range(max(lo, casualty.first - window), casualty.first))
