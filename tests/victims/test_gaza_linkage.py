"""The issue's bar on the Gaza MoH releases 2024-04-13 -> 2024-08-08 (ids hidden from the
linker), on the real release and on a copy with PDF damage and dropped ancestors in 30 % of
the names."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import require_file
from tawthiq.victims.evaluation import evaluate_linkage
from victims.damage import damaged_copy

pytestmark = [pytest.mark.data, pytest.mark.slow]


def _releases(shared_data: Path) -> tuple[Path, Path]:
    folder = shared_data / "linkage" / "gaza-names"
    return (require_file(folder / "20240413killed-in-gaza.csv"),
            require_file(folder / "20240808killed-in-gaza.csv"))


def test_gaza_releases_link_with_f1_0997(shared_data: Path) -> None:
    older, newer = _releases(shared_data)
    result = evaluate_linkage(older, newer, truth_column="id", echo=lambda _: None)
    assert result["true_pairs"] == 13435
    assert result["f1"] >= 0.997
    assert result["renamed_recall"] >= 0.98


def test_damaged_copy_still_links_above_098(shared_data: Path, tmp_path: Path) -> None:
    older, newer = _releases(shared_data)
    damaged = tmp_path / "damaged.csv"
    changed = damaged_copy(newer, damaged, share=0.3)
    assert changed > 0.25 * 24672
    result = evaluate_linkage(older, damaged, truth_column="id", echo=lambda _: None)
    assert result["f1"] >= 0.98
    assert result["renamed_recall"] >= 0.98
