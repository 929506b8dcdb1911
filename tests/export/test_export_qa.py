"""Found by QA: an unwritable output is bad input, and a source citing itself is named once."""

from types import SimpleNamespace

import pytest

from tawthiq.errors import BadInput
from tawthiq.export import export_events
from tawthiq.export.collect import SourceFigure
from tawthiq.export.writers import figures_note


def test_output_in_a_missing_folder_is_bad_input_naming_it(tmp_home, tmp_path):
    target = tmp_path / "no-such-folder" / "acled.csv"
    with pytest.raises(BadInput, match="cannot write") as caught:
        export_events("acled", target)
    assert str(target) in caught.value.one_line()


def test_output_that_is_a_directory_is_bad_input(tmp_home, tmp_path):
    with pytest.raises(BadInput, match="directory"):
        export_events("geojson", tmp_path)


def test_outlet_that_is_also_its_own_source_is_named_once():
    view = SimpleNamespace(figures=[
        SourceFigure("Sample Monitor", ["Sample Monitor"], 1, 1, 1),
        SourceFigure("Wire A", ["SOHR"], 12, 12, 12),
    ])
    assert figures_note(view) == "Sample Monitor: 1; Wire A/SOHR: 12"
