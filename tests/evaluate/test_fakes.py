"""``tawthiq evaluate fakes`` on a tiny FA-KES-shaped file written here (our own sentences)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tawthiq.errors import BadInput
from tawthiq.evaluate.fakes import evaluate_fakes, normalise_governorate

COLUMNS = ["unit_id", "article_title", "article_content", "source", "date", "location", "actor",
           "cause_of_death", "nb_children", "nb_civilians", "nb_noncivilians", "nb_women", "label"]


def write_rows(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "0") for c in COLUMNS})
    return path


@pytest.mark.parametrize(("name", "key"), [
    ("Dayr az Zawr", "deir ezzor"), ("Deir ez-Zor", "deir ezzor"), ("Al-Hasakah", "hasakeh"),
    ("Latakia", "lattakia"), ("Tartus", "tartous"), ("Rif Dimashq", "damascus"),
    ("Idleb Governorate", "idlib"), ("Atlantis", None),
])
def test_governorate_names_are_normalised(name: str, key: str | None) -> None:
    assert normalise_governorate(name) == key


@pytest.fixture
def plain_extractor(monkeypatch: pytest.MonkeyPatch):
    """The extractor without gazetteer or registry: these tests score the harness itself."""
    from tawthiq.extract import pipeline
    from tawthiq.nlp import get_nlp
    from tawthiq.resolve import Resolvers

    extractor = pipeline.Extractor(nlp=get_nlp(), resolvers=Resolvers())
    monkeypatch.setattr(pipeline, "get_extractor", lambda: extractor)
    return extractor


def test_scores_and_error_listing(tmp_path: Path, plain_extractor) -> None:
    rows = [
        {"unit_id": "1", "article_title": "Shelling", "source": "wire",
         "article_content": "Mon 4 Mar 2024 Shelling killed 5 civilians including 2 children "
                            "on Monday, medics said.",
         "date": "3/4/24", "location": "aleppo", "actor": "unknown",
         "cause_of_death": "shelling", "nb_civilians": "5", "nb_children": "2"},
        {"unit_id": "2", "article_title": "Shooting", "source": "wire",
         "article_content": "Tue 5 Mar 2024 Gunmen shot dead 3 farmers on Monday.",
         "date": "3/5/24", "location": "hama", "actor": "unknown",
         "cause_of_death": "execution", "nb_civilians": "4"},
    ]
    path = write_rows(tmp_path / "gold.csv", rows)
    printed: list[str] = []
    report = evaluate_fakes(path, output=tmp_path / "scores.json",
                            errors=tmp_path / "errors.jsonl", echo=printed.append)
    fields = report["fields"]
    assert report["articles"] == 2
    assert fields["cause_of_death"]["correct"] == 1
    assert fields["civilians_exact"]["correct"] == 1
    assert fields["civilians_within_20pct"]["correct"] == 1
    assert fields["children_exact"]["correct"] == 2
    assert fields["date_exact"]["correct"] == 1     # the second article's event is the day before
    assert "cause_of_death" in printed[0]
    assert json.loads((tmp_path / "scores.json").read_text())["articles"] == 2
    listing = [json.loads(line) for line in (tmp_path / "errors.jsonl").read_text().splitlines()]
    second = next(item for item in listing if item["id"] == "2")
    cause = second["misses"]["cause_of_death"]
    assert (cause["gold"], cause["predicted"]) == ("execution", "shooting")
    assert "shot dead" in cause["evidence"]
    assert second["misses"]["civilians_exact"]["predicted"] == 3


def test_a_file_without_fakes_columns_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(BadInput, match="missing column"):
        evaluate_fakes(path, echo=lambda _: None)
    with pytest.raises(BadInput, match="no such file"):
        evaluate_fakes(tmp_path / "absent.csv", echo=lambda _: None)


def test_date_misses_are_sorted_by_kind(tmp_path: Path, plain_extractor) -> None:
    rows = [
        {"unit_id": "1", "article_title": "Raid", "source": "wire",
         "article_content": "Thu 7 Mar 2024 A raid killed 2 shepherds on Wednesday.",
         "date": "3/7/24", "location": "hama", "actor": "unknown", "cause_of_death": "shooting"},
        {"unit_id": "2", "article_title": "Blast", "source": "wire",
         "article_content": "Thu 7 Mar 2024 A blast killed 4 porters near the mill.",
         "date": "3/7/24", "location": "hama", "actor": "unknown", "cause_of_death": "shelling"},
        {"unit_id": "3", "article_title": "Strike", "source": "wire",
         "article_content": "A strike killed 6 drivers on the road on Friday.",
         "date": "3/8/24", "location": "idlib", "actor": "unknown", "cause_of_death": "shelling"},
        {"unit_id": "4", "article_title": "Mortar", "source": "wire",
         "article_content": "Thu 7 Mar 2024 A mortar round killed a baker on Thursday.",
         "date": "3/7/24", "location": "idlib", "actor": "unknown", "cause_of_death": "shelling"},
    ]
    printed: list[str] = []
    report = evaluate_fakes(write_rows(tmp_path / "gold.csv", rows), echo=printed.append)
    notes = report["notes"]
    assert notes["gold_date_is_report_dateline"] == 3
    assert notes["date_exact_where_gold_is_dateline"] == 1
    misses = notes["date_misses"]
    assert misses["dateline_words_say_earlier"] == 1
    assert misses["dateline_undated_range"] == 1
    assert misses["no_date"] == 1
    assert sum(misses.values()) == 3
    assert any("misses by kind" in line for line in printed)
    # row 3 has no dateline, so its "Friday" names no day: the ceiling is 3 of 4
    assert notes["gold_date_named_in_article"] == 3
    assert any("can exceed date_exact 0.750" in line for line in printed)
