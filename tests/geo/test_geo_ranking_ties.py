"""Ranking rules between places that score alike: a tie at the top goes to the place whose own
name is written most like the words; a name read through a spelling bridge outranks a
look-alike as the very name does (invented places)."""

from tawthiq.geo.candidates import place_facts
from tawthiq.geo.features import direction_of
from tawthiq.geo.names import fold
from tawthiq.geo.ranking import break_tie, penalise_weaker_names
from tawthiq.geo.weights import W


class _Place:
    def __init__(self, name: str, total: float, admin1: str = "Qaryat", similarity=None):
        self.row = {"name": name, "admin1": admin1, "feature": "locality"}
        self.facts = place_facts(self.row)
        self.total = total
        self.similarity = total if similarity is None else similarity


def _names(ranked):
    return [c.row["name"] for c in ranked]


def test_a_tie_at_the_top_goes_to_the_place_spelt_like_the_words():
    ranked = [_Place("Zuhrat al Fawq", 1.34), _Place("Zuhrat Fawq", 1.34),
              _Place("Zahrat Fawq", 1.2)]
    break_tie(ranked, fold("Zuhrat Fawq"))
    assert _names(ranked) == ["Zuhrat Fawq", "Zuhrat al Fawq", "Zahrat Fawq"]


def test_a_tie_is_broken_for_an_article_written_or_not():
    ranked = [_Place("Marjun", 1.29), _Place("Al Marjun", 1.29)]
    break_tie(ranked, fold("Al Marjoun"))
    assert _names(ranked) == ["Al Marjun", "Marjun"]


def test_scores_that_differ_are_never_reordered():
    ranked = [_Place("Zuhrat al Fawq", 1.34), _Place("Zuhrat Fawq", 1.33)]
    break_tie(ranked, fold("Zuhrat Fawq"))
    assert _names(ranked) == ["Zuhrat al Fawq", "Zuhrat Fawq"]
    single = [_Place("Marjun", 1.0)]
    break_tie(single, fold("Al Marjun"))
    assert _names(single) == ["Marjun"]


def test_a_bridged_name_outranks_a_bigger_lookalike():
    """"Kfar Tuneen" spelt the OCHA way bridges to the village "Kafr Tunin" (same_bridge);
    the big town "Kafrtana" only shares a skeleton-level likeness and loses."""
    village = _Place("Kafr Tunin", W.same_bridge)
    town = _Place("Kafrtana", 1.2, similarity=0.9)
    penalise_weaker_names([village, town])
    assert village.total == W.same_bridge
    assert town.total == 1.2 - W.weaker_name_penalty


def test_names_about_as_alike_as_a_bridge_are_left_to_the_priors():
    village = _Place("Kafr Tunin", W.same_bridge)
    near = _Place("Kafr Tunayn", 1.2, similarity=W.same_bridge - W.bridged_name_margin + 0.01)
    penalise_weaker_names([village, near])
    assert near.total == 1.2


def test_a_skeleton_match_sets_no_bar():
    village = _Place("Kafr Tunin", 0.93)
    town = _Place("Kafrtana", 1.2, similarity=0.86)
    penalise_weaker_names([village, town])
    assert town.total == 1.2


def test_a_bridged_name_in_another_region_sets_no_bar_with_a_hint():
    from tawthiq.geo.admin import admin_key

    elsewhere = _Place("Kafr Tunin", W.same_bridge, admin1="Homs (Hims)")
    here = _Place("Kafrtana", 1.2, admin1="Idlib", similarity=0.9)
    penalise_weaker_names([elsewhere, here], admin_hint=admin_key("Idlib Governorate"))
    assert here.total == 1.2


def test_the_direction_a_name_states():
    assert direction_of("Western Qarmid") == direction_of("Qarmid al-Gharbiyah") == "gharbi"
    assert direction_of("Qarmid Sharqi") == "sharqi"
    assert direction_of("Qarmid at-Tahtani") == "tahtani"
    assert direction_of("Qarmid") is None and direction_of("Tall Qarmid") is None
