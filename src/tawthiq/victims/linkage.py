"""Probabilistic linkage of victim lists with splink (Fellegi-Sunter, EM-trained).

Records become splink input rows of name-part keys (``victims.names``), age, sex, dates and
place; an identifier column never does. Comparisons are composed from splink's comparison
library with the knobs of ``data/victims/linkage.json``; the settings of each run (splink's own
JSON, trained m/u included) travel with its result. The same code runs on DuckDB (default) or
Spark (``engine="spark"``) through splink's database APIs.
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tawthiq import knowledge
from tawthiq.errors import BadInput
from tawthiq.victims.lists import ListRow, VictimList
from tawthiq.victims.names import name_parts

ENGINES = ("duckdb", "spark")
NAME_PARTS = ("first", "father", "grandfather", "family")


def knobs() -> dict:
    """The linkage knobs (``data/victims/linkage.json`` with the user's override)."""
    return knowledge.load("victims/linkage.json")


@dataclass(frozen=True)
class Pair:
    """Two records judged by the model: rows are 1-based data-row numbers of their lists."""

    a_list: str
    a_row: int
    b_list: str
    b_row: int
    probability: float
    match_weight: float
    weights: dict[str, float] = field(default_factory=dict, compare=False)


@dataclass
class LinkRun:
    """The scored pairs of one run (at or above ``review_low``) and the splink settings
    (trained model) that scored them."""

    pairs: list[Pair]
    settings: dict[str, Any]
    engine: str
    one_to_one: bool = False

    def links(self, threshold: float | None = None) -> list[Pair]:
        """The pairs at or above the link threshold (``link_one_to_one`` for a one-to-one
        run, whose pairs are already the best for both their records)."""
        if threshold is None:
            threshold = knobs()["thresholds"]["link_one_to_one" if self.one_to_one else "link"]
        return [p for p in self.pairs if p.probability >= threshold]

    def for_review(self) -> list[Pair]:
        low, high = knobs()["thresholds"]["review_low"], knobs()["thresholds"]["review_high"]
        return [p for p in self.pairs if low <= p.probability < high]


def record_columns(victim_list: VictimList, source: str) -> dict[str, list]:
    """The splink input table of a list, column by column (never an identifier column)."""
    columns: dict[str, list] = {name: [] for name in _COLUMN_NAMES}
    for row in victim_list.rows:
        for name, value in _record(row, source).items():
            columns[name].append(value)
    return columns


_COLUMN_NAMES = ("unique_id", "source_dataset", *NAME_PARTS, "family_bare",
                 *(f"{p}_dk" for p in NAME_PARTS), *(f"{p}_sk" for p in NAME_PARTS),
                 "name_key", "ancestors", "age", "sex", "dob", "date_of_death", "place")


def _record(row: ListRow, source: str) -> dict[str, Any]:
    parts = name_parts(row.name or row.en_name)
    words = parts.key.split()
    positions = _positions(len(words))
    record: dict[str, Any] = {"unique_id": row.row, "source_dataset": source}
    for part, index in zip(NAME_PARTS, positions, strict=True):
        record[part] = words[index] if index is not None else None
        record[f"{part}_dk"] = parts.damage_keys[index] if index is not None else None
        record[f"{part}_sk"] = (parts.skeletons[index] or None) if index is not None else None
    record.update(family_bare=parts.family_bare, name_key=parts.key or None,
                  ancestors=list(parts.ancestors) or None, age=row.age, sex=row.sex,
                  dob=row.dob.isoformat() if row.dob else None,
                  date_of_death=row.date_of_death.isoformat() if row.date_of_death else None,
                  place=" ".join((row.place or "").casefold().split()) or None)
    return record


def _positions(size: int) -> tuple[int | None, ...]:
    """Indexes of first, father, grandfather, family in a name of ``size`` parts."""
    if size == 0:
        return (None, None, None, None)
    if size == 1:
        return (0, None, None, None)
    return (0, 1 if size >= 3 else None, 2 if size >= 4 else None, size - 1)


def _present(tables: Sequence[dict[str, list]], column: str) -> bool:
    """True when every table has some value in the column (a comparison needs both sides)."""
    return all(any(v is not None for v in table[column]) for table in tables)


def comparisons(tables: Sequence[dict[str, list]]) -> list:
    """Comparisons from splink's library, for the columns the lists actually hold."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    jw = knobs()["jaro_winkler"]["thresholds"]
    chosen = []
    for part in NAME_PARTS:
        if not _present(tables, part):
            continue
        levels = [cll.NullLevel(part),
                  cll.ExactMatchLevel(part).configure(tf_adjustment_column=part)]
        if part == "family":
            levels.append(cll.ExactMatchLevel("family_bare"))
        levels += [cll.ExactMatchLevel(f"{part}_dk"), _cut_letter_level(part),
                   cll.ExactMatchLevel(f"{part}_sk")]
        if part == "father" and _present(tables, "grandfather"):
            levels.append(_shifted_chain_level())
        levels += [cll.JaroWinklerLevel(part, t) for t in jw]
        levels.append(cll.ElseLevel())
        chosen.append(cl.CustomComparison(comparison_levels=_with_start_m(part, levels),
                                          output_column_name=part,
                                          comparison_description=f"{part} name"))
    if _present(tables, "age"):
        chosen.append(cl.CustomComparison(
            output_column_name="age", comparison_description="age in years",
            comparison_levels=_with_start_m("age", [
                cll.NullLevel("age"), cll.ExactMatchLevel("age"),
                *(cll.AbsoluteDifferenceLevel("age", t)
                  for t in knobs()["age_difference"]["thresholds"]),
                cll.ElseLevel()])))
    if _present(tables, "sex"):
        chosen.append(cl.CustomComparison(
            output_column_name="sex", comparison_description="sex",
            comparison_levels=_with_start_m("sex", [cll.NullLevel("sex"),
                                                    cll.ExactMatchLevel("sex"),
                                                    cll.ElseLevel()])))
    if _present(tables, "dob"):
        chosen.append(cl.CustomComparison(
            output_column_name="dob", comparison_description="date of birth",
            comparison_levels=[cll.NullLevel("dob"), cll.ExactMatchLevel("dob"),
                               cll.DamerauLevenshteinLevel("dob", 1), cll.ElseLevel()]))
    if _present(tables, "date_of_death"):
        chosen.append(_household_shared(cl.AbsoluteDateDifferenceAtThresholds(
            "date_of_death", input_is_string=True,
            metrics=["day"] * len(knobs()["date_of_death_days"]["thresholds"]),
            thresholds=knobs()["date_of_death_days"]["thresholds"]), "date_of_death"))
    if _present(tables, "place"):
        chosen.append(_household_shared(cl.JaroWinklerAtThresholds("place", [0.9]), "place"))
    return chosen


def _household_shared(comparison, name: str):
    """Date and place of death with fixed m and u (``household_shared`` in linkage.json):
    relatives killed together share them, so random pairs understate how often two different
    people with one family name agree on them."""
    import splink.comparison_library as cl

    fixed = knobs()["household_shared"][name]
    levels = comparison.create_comparison_levels()
    scored = [level for level in levels if not getattr(level, "is_null_level", False)
              and type(level).__name__ != "NullLevel"]
    for level, m, u in zip(scored, fixed["m"], fixed["u"], strict=True):
        level.configure(m_probability=m, u_probability=u, fix_m_probability=True,
                        fix_u_probability=True)
    return cl.CustomComparison(comparison_levels=levels, output_column_name=name,
                               comparison_description=name.replace("_", " "))


def _with_start_m(comparison: str, levels: list) -> list:
    """Levels with their starting m from ``data/victims/default_m.json`` (EM refines them;
    a list too small to train keeps them)."""
    start = knowledge.load("victims/default_m.json")["m_probabilities"].get(comparison, {})
    for level in levels:
        label = level.create_label_for_charts()
        if label in start and not getattr(level, "m_probability", None):
            level.configure(m_probability=start[label])
    return levels


def _shifted_chain_level():
    """One list dropped the father or added an ancestor: one side's father is the other's
    grandfather (exactly, or after damage: the damage-tolerant key, a cut last letter)."""
    import splink.comparison_level_library as cll

    shifted = knobs()["shifted_chain"]
    sql = f"({_alike('father', 'grandfather')} OR {_alike('grandfather', 'father')})"
    return cll.CustomLevel(sql, label_for_charts="Father is the other's grandfather").configure(
        m_probability=shifted["m_probability"], fix_m_probability=True)


def _alike(left: str, right: str) -> str:
    """SQL: part ``left`` of the left record and ``right`` of the right one are equal, equal
    as damage-tolerant keys, or one is the other cut by a letter."""
    return (f"({left}_l = {right}_r OR {left}_dk_l = {right}_dk_r OR "
            f"{_cut_sql(left + '_l', right + '_r')})")


def _cut_sql(left: str, right: str) -> str:
    return (f"((length({left}) = length({right}) + 1 AND substr({left}, 1, length({right})) "
            f"= {right}) OR (length({right}) = length({left}) + 1 AND "
            f"substr({right}, 1, length({left})) = {left}))")


def _cut_letter_level(part: str):
    """One side is the other with its last letter cut (a truncated cell or a lost glyph)."""
    import splink.comparison_level_library as cll

    return cll.CustomLevel(_cut_sql(f"{part}_l", f"{part}_r"),
                           label_for_charts=f"{part} with its last letter cut")


def _blocking(rules: list, tables: Sequence[dict[str, list]], *,
              budget: float | None = None) -> list:
    """Splink blocking rules (as SQL) from data: a list of columns that must agree, or
    ``{"left": [...], "right": [...]}`` (the left record's columns equal the right one's, in
    order: a chain shifted by a dropped father). Rules on columns a list lacks are left out,
    and so, with a ``budget`` (pairs per record), is every rule that would make more pairs
    than the budget allows: a rule on common name parts makes pairs in proportion to the
    square of the records, and would dominate the run on a large list."""
    records = sum(len(t["unique_id"]) for t in tables)
    chosen = []
    for rule in rules:
        if not all(_present(tables, c) for c in _rule_columns(rule)):
            continue
        if budget is not None and rule_pairs(tables, rule) > budget * records:
            logging.getLogger(__name__).info("blocking rule %s left out: over %s pairs per "
                                             "record", rule, budget)
            continue
        chosen.append({"blocking_rule": _rule_sql(rule)})
    return chosen


def _rule_columns(rule: list | dict) -> list[str]:
    return [*rule["left"], *rule["right"]] if isinstance(rule, dict) else list(rule)


def _rule_sql(rule: list | dict) -> str:
    left, right = (rule["left"], rule["right"]) if isinstance(rule, dict) else (rule, rule)
    return " AND ".join(f"l.{a} = r.{b}" for a, b in zip(left, right, strict=True))


def rule_pairs(tables: Sequence[dict[str, list]], rule: list | dict) -> int:
    """How many pairs a prediction blocking rule makes, counted from its key frequencies
    (no pair is built). A shifted rule counts the pairs whose left key meets an equal right
    key (within one list: in both orders, halved, since a pair is scored once; between two
    lists: the first list's left key against the second's right key, as splink joins them)."""
    if not isinstance(rule, dict):
        return pairs_under(tables, rule)
    left = _key_counts(tables, rule["left"])
    right = _key_counts(tables, rule["right"])
    if len(tables) == 1:
        return sum(n * right[0][k] for k, n in left[0].items()) // 2
    return sum(n * right[-1][k] for k, n in left[0].items())


def _key_counts(tables: Sequence[dict[str, list]], columns: list[str]) -> list[Counter]:
    return [Counter(k for k in zip(*(t[c] for c in columns), strict=True) if None not in k)
            for t in tables]


def prediction_blocking(tables: Sequence[dict[str, list]], *,
                        one_to_one: bool = False) -> list[dict]:
    """The prediction blocking rules for these tables, within the pair budget."""
    prediction = knobs()["prediction"]
    rules = prediction["blocking_rules"] + (
        prediction["one_to_one_blocking_rules"] if one_to_one else [])
    return _blocking(rules, tables, budget=prediction["max_pairs_per_record"])


def settings_for(tables: Sequence[dict[str, list]], link_type: str, *,
                 one_to_one: bool = False):
    """Splink settings (a ``SettingsCreator``) for these tables."""
    from splink import SettingsCreator

    comparisons_ = comparisons(tables)
    if not comparisons_:
        raise BadInput("the lists share no column to compare (name, age, sex, dates, place)")
    return SettingsCreator(
        link_type=link_type,
        comparisons=comparisons_,
        blocking_rules_to_generate_predictions=prediction_blocking(tables,
                                                                   one_to_one=one_to_one),
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=False,
    )


def db_api(engine: str):
    """Splink's database API for the engine: an in-memory DuckDB, or a local Spark session."""
    if engine == "duckdb":
        import duckdb
        from splink import DuckDBAPI

        limits = knobs()["duckdb"]
        spill = Path(tempfile.gettempdir()) / "tawthiq-duckdb"
        spill.mkdir(exist_ok=True)
        connection = duckdb.connect(config={
            "memory_limit": limits["memory_limit"], "threads": limits["threads"],
            "temp_directory": str(spill), "preserve_insertion_order": False})
        connection.execute("SET enable_progress_bar = false")
        return DuckDBAPI(connection)
    if engine == "spark":
        from tawthiq.victims.spark import spark_api

        return spark_api()
    raise BadInput(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}",
                   field="--engine")


def _linker(tables: Sequence[dict[str, list]], link_type: str, engine: str,
            one_to_one: bool = False, settings: dict | None = None,
            prior_from: Sequence[dict[str, list]] | None = None):
    """A linker over the tables, with fresh settings or a model trained elsewhere (on a
    sample of these tables: then the prior is estimated again on the whole tables, since the
    chance that two random records match shrinks as a list grows)."""
    from splink import Linker

    api = db_api(engine)
    frames = [api.register(arrow_table(t)) for t in tables]
    logging.getLogger("splink").setLevel(logging.ERROR)  # its chatter is not the user's
    linker = Linker(frames if len(frames) > 1 else frames[0],
                    settings or settings_for(tables, link_type, one_to_one=one_to_one),
                    log_level=None)
    if prior_from is not None:
        _estimate_prior(linker, prior_from)
    return linker


def arrow_table(table: dict[str, list]):
    import pyarrow as pa

    schema = pa.schema([(name, pa.list_(pa.string()) if name == "ancestors" else
                         pa.int64() if name in ("unique_id", "age") else pa.string())
                        for name in table])
    return pa.table(table, schema=schema)


def train(linker, tables: Sequence[dict[str, list]], engine: str = "duckdb") -> None:
    """Prior from deterministic rules, u by random sampling, m by EM (splink's recipe). An EM
    session that finds too few pairs (a small list) is skipped: the comparisons keep their
    starting m (``default_m.json``). On Spark u is counted in one chunk per comparison
    (``spark.u_num_chunks``): each chunk is a job with seconds of fixed cost there."""
    from splink import block_on
    from splink.internals.exceptions import EMTrainingException

    training = knobs()["training"]
    _estimate_prior(linker, tables)
    chunks = {"num_chunks": knobs()["spark"]["u_num_chunks"]} if engine == "spark" else {}
    linker.training.estimate_u_using_random_sampling(max_pairs=training["u_max_pairs"],
                                                     seed=1, **chunks)
    for rule in training["em_blocking_rules"]:
        if not all(_present(tables, c) for c in rule) or \
                pairs_under(tables, rule) < training["em_min_pairs"]:
            continue
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                block_on(*rule), estimate_without_term_frequencies=False)
        except (EMTrainingException, ValueError, ZeroDivisionError):
            continue  # too few pairs under this rule to learn from


def _estimate_prior(linker, tables: Sequence[dict[str, list]]) -> None:
    """The chance that two random records match, from deterministic rules (same whole name;
    same first, father and family name with the same age), kept off 0 and 1."""
    deterministic = _blocking([["name_key"], ["first", "father", "family", "age"]], tables)
    linker.training.estimate_probability_two_random_records_match(
        deterministic, recall=knobs()["training"]["deterministic_recall"])
    _floor_prior(linker, tables)


def pairs_under(tables: Sequence[dict[str, list]], columns: list[str]) -> int:
    """How many pairs a blocking rule on ``columns`` makes: within one table, or between
    tables when there are several (as EM under that rule would see them)."""
    counts = _key_counts(tables, columns)
    if len(counts) == 1:
        return sum(n * (n - 1) // 2 for n in counts[0].values())
    total = sum(counts, Counter())
    within = sum(n * (n - 1) // 2 for c in counts for n in c.values())
    return sum(n * (n - 1) // 2 for n in total.values()) - within


def _floor_prior(linker, tables: Sequence[dict[str, list]]) -> None:
    """Lists without one exact duplicate give a prior of 0 (or 1), which no weight can move:
    keep it within (one pair in all, one half)."""
    settings = linker._settings_obj  # splink keeps the prior here; it has no setter
    sizes = [len(t["unique_id"]) for t in tables]
    pairs = sizes[0] * sizes[1] if len(sizes) == 2 else sum(sizes) ** 2 / 2
    low = 1 / max(pairs, 2)
    prior = settings._probability_two_random_records_match
    settings._probability_two_random_records_match = min(max(prior, low), 0.5)


def _scored(linker) -> tuple[list[dict], dict]:
    low = knobs()["thresholds"]["review_low"]
    predictions = linker.inference.predict(threshold_match_probability=low)
    present = [c.unquote().name for c in predictions.columns]
    wanted = ", ".join(["unique_id_l", "unique_id_r", "match_probability", "match_weight",
                        *(c for c in present if c.startswith("mw_")
                          or c in ("source_dataset_l", "source_dataset_r"))])
    rows = predictions.query_sql(f"select {wanted} from {predictions.physical_name}") \
        .as_pyarrow_table().to_pylist()  # columnar: Spark's row-by-row collect is slow
    model = json.loads(json.dumps(linker.misc.save_model_to_json(), default=str))
    linker._db_api.delete_tables_created_by_splink_from_db()
    return rows, model


def _pairs(rows: list[dict], swap_to: str | None = None) -> list[Pair]:
    pairs = []
    for r in rows:
        weights: dict[str, float] = {}
        for key, value in r.items():  # mw_<comparison> and mw_tf_adj_<comparison> add up
            if key.startswith("mw_") and value is not None:
                name = key.removeprefix("mw_tf_adj_").removeprefix("mw_")
                weights[name] = round(weights.get(name, 0.0) + float(value), 3)
        a = (r.get("source_dataset_l", "a"), int(r["unique_id_l"]))
        b = (r.get("source_dataset_r", "a"), int(r["unique_id_r"]))
        if swap_to is not None and a[0] != swap_to or a[0] == b[0] and a[1] > b[1]:
            a, b = b, a
        pairs.append(Pair(a[0], a[1], b[0], b[1], float(r["match_probability"]),
                          float(r["match_weight"]), weights))
    pairs.sort(key=lambda p: (-p.probability, p.a_row, p.b_row))
    return pairs


def one_to_one(pairs: list[Pair]) -> list[Pair]:
    """Each record in at most one pair, best first (two releases of one list hold each person
    once): greedy assignment by descending match weight (probabilities round to 1.0 at the
    top, weights keep their order)."""
    used_a: set[tuple[str, int]] = set()
    used_b: set[tuple[str, int]] = set()
    kept = []
    for pair in sorted(pairs, key=lambda p: (-p.match_weight, p.a_row, p.b_row)):
        a, b = (pair.a_list, pair.a_row), (pair.b_list, pair.b_row)
        if a in used_a or b in used_b:
            continue
        used_a.add(a)
        used_b.add(b)
        kept.append(pair)
    return kept


def _run(tables: list[dict[str, list]], link_type: str, engine: str,
         one_to_one: bool = False) -> tuple[list[dict], dict]:
    linker = _linker(tables, link_type, engine, one_to_one)
    limit = knobs()["training"]["max_training_records"]
    if sum(len(t["unique_id"]) for t in tables) <= limit:
        train(linker, tables, engine)
        return _scored(linker)
    sample = _sampled(tables, limit)
    trainer = _linker(sample, link_type, engine, one_to_one)
    train(trainer, sample, engine)
    trained = json.loads(json.dumps(trainer.misc.save_model_to_json(), default=str))
    trainer._db_api.delete_tables_created_by_splink_from_db()
    # the sample's rules fit the budget of the sample; the whole tables have their own
    trained["blocking_rules_to_generate_predictions"] = prediction_blocking(
        tables, one_to_one=one_to_one)
    return _scored(_linker(tables, link_type, engine, one_to_one, settings=trained,
                           prior_from=tables))


def _sampled(tables: list[dict[str, list]], limit: int) -> list[dict[str, list]]:
    """The same share of every table, rows chosen by a fixed hash of their id (so a record's
    duplicates are kept or dropped at random, and a rerun picks the same rows)."""
    share = limit / sum(len(t["unique_id"]) for t in tables)
    cut = int(share * 1_000_003)
    sample = []
    for table in tables:
        keep = [i for i, uid in enumerate(table["unique_id"])
                if (uid * 2_654_435_761) % 1_000_003 < cut]
        sample.append({name: [values[i] for i in keep] for name, values in table.items()})
    return sample


def link_lists(a: VictimList, b: VictimList, *, engine: str = "duckdb",
               assign_one_to_one: bool = True) -> LinkRun:
    """Score every blocked pair between two lists (A's records ``a``, B's ``b``); for two
    releases of one list, keep each record in its best pair only."""
    rows, model = _run([record_columns(a, "a"), record_columns(b, "b")], "link_only", engine,
                       one_to_one=assign_one_to_one)
    pairs = _pairs(rows, swap_to="a")
    if assign_one_to_one:
        pairs = _one_to_one_keeping_review(pairs)
    return LinkRun(pairs=pairs, settings=model, engine=engine, one_to_one=assign_one_to_one)


def _one_to_one_keeping_review(pairs: list[Pair]) -> list[Pair]:
    """Links (at or above the link threshold) made one-to-one; lower pairs kept for review
    only when neither record is already linked."""
    cut = knobs()["thresholds"]["link_one_to_one"]
    links = one_to_one([p for p in pairs if p.probability >= cut])
    linked = {(p.a_list, p.a_row) for p in links} | {(p.b_list, p.b_row) for p in links}
    rest = [p for p in pairs if p.probability < cut
            and (p.a_list, p.a_row) not in linked and (p.b_list, p.b_row) not in linked]
    return sorted(links + rest, key=lambda p: (-p.probability, p.a_row, p.b_row))


def dedupe_list(a: VictimList, *, engine: str = "duckdb") -> LinkRun:
    """Score pairs of records within one list that may be one person."""
    rows, model = _run([record_columns(a, "a")], "dedupe_only", engine)
    return LinkRun(pairs=_pairs(rows), settings=model, engine=engine)


def link_many(lists: list[VictimList], *, engine: str = "duckdb") -> LinkRun:
    """Score pairs within and across many lists (row numbers must be unique across them, as
    stored record ids are): the input of clustering into unique persons."""
    tables = [record_columns(v, f"s{i}") for i, v in enumerate(lists)]
    link_type = "link_and_dedupe" if len(tables) > 1 else "dedupe_only"
    rows, model = _run(tables, link_type, engine)
    return LinkRun(pairs=_pairs(rows), settings=model, engine=engine)
