"""FA-KES-style pairs (invented rows): one event when date, governorate, cause and civilian
toll agree across outlets; different when date or governorate differ; left out otherwise."""

from __future__ import annotations

from tawthiq.evaluate.linking_fakes import derived_pairs, score_pairs


def row(unit: str, source: str, day: str, where: str, toll: str, cause: str = "shelling"):
    return {"unit_id": unit, "source": source, "date": day, "location": where,
            "cause_of_death": cause, "nb_civilians": toll}


ROWS = [row("1", "wire", "4/2/16", "idlib", "20"), row("2", "paper", "4/2/16", "Idlib", "23"),
        row("3", "radio", "4/2/16", "idlib", "3"), row("4", "tv", "5/9/16", "aleppo", "20"),
        row("5", "wire", "4/2/16", "idlib", "21"), row("6", "agency", "4/4/16", "idlib", "20"),
        row("7", "daily", "4/20/16", "idlib", "20")]


def test_pairs_are_derived_by_the_rules():
    pairs = derived_pairs(ROWS)
    assert pairs[("1", "2")] is True and pairs[("2", "5")] is True
    assert ("1", "3") not in pairs            # same day and place, tolls apart: left out
    assert ("1", "5") not in pairs            # one outlet
    assert pairs[("1", "4")] is False and pairs[("3", "4")] is False   # another governorate
    assert ("1", "6") not in pairs            # two days apart: FA-KES dates the article
    assert pairs[("1", "7")] is False         # more than a week apart


def test_linked_pairs_are_scored():
    pairs = {("1", "2"): True, ("2", "5"): True, ("1", "4"): False}
    result = score_pairs(pairs, {"1": 7, "2": 7, "5": 8, "4": 7})
    assert (result["true_links"], result["linked_pairs"], result["same_event_pairs"]) == (
        1, 2, 2)
    assert result["pairwise_precision"] == 0.5 and result["pairwise_recall"] == 0.5
