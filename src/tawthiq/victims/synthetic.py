"""Invented victim records for benchmarks, demos and tests: people drawn from name frequencies,
written into lists with the errors real lists show (letter variants, a compound spaced or
joined, a dropped grandfather, a glyph lost in PDF extraction, lam-alef reversed, an age off by
one). Every person is invented; a hidden ``person`` column says which records are one person.
"""

from __future__ import annotations

import csv
import random
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

from tawthiq import knowledge
from tawthiq.victims.names import name_words

FIELDS = ("name", "age", "sex", "dob", "date_of_death", "place")


@dataclass
class NamePool:
    """Weighted first names by sex and family names."""

    male: tuple[list[str], list[int]]
    female: tuple[list[str], list[int]]
    family: tuple[list[str], list[int]]

    def draw(self, which: str, rng: random.Random) -> str:
        names, cumulative = self._cumulative(which)
        return rng.choices(names, cum_weights=cumulative)[0]

    def _cumulative(self, which: str) -> tuple[list[str], list[int]]:
        """Cumulative weights, summed once (``choices`` would sum them on every draw)."""
        cache = self.__dict__.setdefault("_sums", {})
        if which not in cache:
            names, weights = getattr(self, which)
            cache[which] = (names, list(accumulate(weights)))
        return cache[which]


def pool_from_lists(paths: Iterable[Path], name_column: str = "name",
                    sex_column: str = "sex") -> NamePool:
    """Name frequencies of real lists (first names by sex, family names): only counts of
    single names are kept, never a person."""
    counts = {"male": Counter(), "female": Counter(), "family": Counter()}
    for path in paths:
        with Path(path).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                words, _ = name_words(row.get(name_column) or "")
                if len(words) < 2:
                    continue
                sex = "female" if (row.get(sex_column) or "").lower().startswith("f") \
                    else "male"
                counts[sex][words[0]] += 1
                counts["male"].update(words[1:-1])  # fathers and grandfathers are men
                counts["family"][words[-1]] += 1
    return NamePool(**{k: (list(c), list(c.values())) for k, c in counts.items()})


def sample_pool() -> NamePool:
    """The small pool of common names shipped for the sample lists (data/ar/sample_names.json)."""
    data = knowledge.load("sample_names.json", "ar")
    return NamePool(**{k: (list(data[k]), [int(w) for w in data[k].values()])
                       for k in ("male", "female", "family")})


@dataclass
class Person:
    """An invented person: a four-part name, sex, birth and death."""

    key: int
    parts: tuple[str, str, str, str]
    sex: str
    dob: date
    date_of_death: date
    place: str

    @property
    def age(self) -> int:
        years = self.date_of_death.year - self.dob.year
        return years - ((self.date_of_death.month, self.date_of_death.day)
                        < (self.dob.month, self.dob.day))


def invent_people(count: int, pool: NamePool, rng: random.Random, *, places: list[str],
                  first_day: date, last_day: date, families: int | None = None
                  ) -> list[Person]:
    """``count`` people in households: siblings share father, grandfather and family name."""
    people: list[Person] = []
    span = (last_day - first_day).days
    while len(people) < count:
        father, grandfather = pool.draw("male", rng), pool.draw("male", rng)
        family, place = pool.draw("family", rng), rng.choice(places)
        day = first_day + timedelta(days=rng.randrange(span + 1))
        given: set[str] = set()
        for _ in range(min(rng.choice((1, 1, 1, 2, 2, 3, 4)), count - len(people))):
            sex = rng.choice(("m", "f"))
            first = pool.draw("male" if sex == "m" else "female", rng)
            if first in given:  # siblings are not given one name
                continue
            given.add(first)
            dob = day - timedelta(days=rng.randrange(0, 80 * 365))
            people.append(Person(len(people) + 1, (first, father, grandfather, family), sex,
                                 dob, day + timedelta(days=rng.choice((0, 0, 0, 1))), place))
    return people


_VARIANTS = (("ة", "ه"), ("ى", "ي"), ("أ", "ا"), ("إ", "ا"), ("لا", "ال"), ("الله", "هللا"))
_LOST = ("ر", "ن", "ي")


def misspell(name: str, rng: random.Random) -> str:
    """One error of the kinds real lists show (see module doc)."""
    words = name.split()
    kind = rng.randrange(5)
    if kind == 0:  # a letter variant or PDF ligature damage
        for sound, other in rng.sample(_VARIANTS, len(_VARIANTS)):
            if sound in name:
                return name.replace(sound, other, 1)
    if kind == 1 and len(words) >= 4:  # the grandfather dropped
        return " ".join(words[:2] + words[3:])
    if kind == 2:  # a compound spaced or joined
        for prefix in ("عبد", "ابو", "أبو"):
            if f"{prefix} " in name:
                return name.replace(f"{prefix} ", prefix, 1)
            if prefix in name:
                return name.replace(prefix, f"{prefix} ", 1)
    if kind == 3:  # a glyph lost in extraction
        index = rng.randrange(len(words))
        if words[index].endswith(_LOST) and len(words[index]) > 3:
            words[index] = words[index][:-1]
            return " ".join(words)
    # a final letter cut, the commonest damage of all
    index = rng.randrange(len(words))
    if len(words[index]) > 3:
        words[index] = words[index][:-1]
    return " ".join(words)


def record_of(person: Person, rng: random.Random, error_rate: float) -> dict:
    """One list's record of a person, with errors at ``error_rate``."""
    name = " ".join(person.parts)
    if rng.random() < error_rate:
        name = misspell(name, rng)
    age = person.age
    if rng.random() < error_rate:
        age = max(0, age + rng.choice((-1, 1)))
    return {"name": name, "age": str(age), "sex": person.sex, "dob": person.dob.isoformat(),
            "date_of_death": person.date_of_death.isoformat(), "place": person.place,
            "person": str(person.key)}


def duplicated_records(count: int, pool: NamePool, *, duplicate_share: float = 0.2,
                       error_rate: float = 0.3, seed: int = 1) -> Iterator[dict]:
    """``count`` records of one list in which ``duplicate_share`` of the records repeat a
    person already listed (with errors): the input of a deduplication benchmark."""
    rng = random.Random(seed)
    unique = int(count * (1 - duplicate_share))
    people = invent_people(unique, pool, rng, places=_governorates(),
                           first_day=date(2012, 1, 1), last_day=date(2016, 12, 31))
    for person in people:
        yield record_of(person, rng, error_rate / 3)
    for _ in range(count - unique):
        yield record_of(rng.choice(people), rng, error_rate)


def _governorates() -> list[str]:
    return list(knowledge.load("sample_names.json", "ar")["governorates"])


def write_csv(path: Path, records: Iterable[dict], fields: tuple[str, ...] = FIELDS) -> int:
    count = 0
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(fields), extrasaction="ignore")
        writer.writeheader()
        for record in records:
            writer.writerow(record)
            count += 1
    return count


# The three sample lists: who keeps them, how much of the dead they hold, and how carefully
# they write names (invented organisations, invented people).
SAMPLE_LISTS = (("monitor", 0.6, 0.10), ("ministry", 0.5, 0.25), ("committee", 0.35, 0.15))
# The committee writes three-part names (no grandfather) and often no age: its records are
# the ones an analyst has to look at.
SHORT_NAMES, NO_AGE = {"committee"}, {"committee": 0.4}


def write_sample_lists(folder: Path, *, people: int = 240, seed: int = 14,
                       with_truth: bool = False) -> dict[str, int]:
    """Three overlapping lists of invented dead (``victims-<keeper>.csv``) for the demo of
    linkage and multiple systems estimation; a person in a governorate the monitor covers
    poorly is less likely to be on its list (heterogeneous capture, as in real lists).
    ``with_truth`` adds the hidden ``person`` column (tests)."""
    rng = random.Random(seed)
    dead = invent_people(people, sample_pool(), rng, places=_governorates()[:4],
                         first_day=date(2013, 1, 1), last_day=date(2015, 12, 31))
    written = {}
    for keeper, coverage, error_rate in SAMPLE_LISTS:
        chosen = [p for p in dead if rng.random() < _capture(coverage, p, keeper)]
        rows = [record_of(p, rng, error_rate) for p in chosen]
        for row in rows:
            if keeper in SHORT_NAMES and len(row["name"].split()) >= 4:
                words = row["name"].split()
                row["name"] = " ".join(words[:2] + words[3:])
            if rng.random() < NO_AGE.get(keeper, 0):
                row["age"] = ""
        rng.shuffle(rows)
        fields = FIELDS if keeper != "committee" else ("name", "age", "sex", "date_of_death",
                                                       "place")
        fields = (*fields, "person") if with_truth else fields
        written[keeper] = write_csv(folder / f"victims-{keeper}.csv", rows, fields)
    return written


def _capture(coverage: float, person: Person, keeper: str) -> float:
    places = _governorates()
    weak = {"monitor": places[3], "ministry": places[0], "committee": places[2]}[keeper]
    return coverage * (0.4 if person.place == weak else 1.0)
