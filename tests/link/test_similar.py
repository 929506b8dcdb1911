"""Unlinked but similar, on invented reports: a near miss is listed with its comparisons,
an analyst's 'different' label or a shared document says why they stay apart, and a
report of another place and month is not listed."""

from tests.link.test_cluster import report

from tawthiq.link.cluster import link_reports
from tawthiq.link.settings import default_settings
from tawthiq.link.similar import similar_incidents
from tawthiq.model import LinkLabel


def placed(*reports):
    result = link_reports(reports)
    return [r.model_copy(update={"incident_id": result.assignments[r.key]}) for r in reports]


def test_a_near_miss_is_listed_with_its_comparisons():
    here, near, far = placed(report(1, 1, day=3, toll=4), report(2, 2, day=11, toll=60),
                             report(3, 3, day=28, toll=2, name="Qasr Ibn Wardan",
                                    gazetteer_id="wof:9", latitude=35.7, longitude=37.3))
    assert len({here.incident_id, near.incident_id, far.incident_id}) == 3
    found = similar_incidents([here], [near, far])
    assert [s.incident for s in found] == [near.incident_id]
    similar = found[0]
    assert default_settings().similar_probability <= similar.probability < 0.9
    assert (similar.report, similar.matched, similar.kept_apart) == (1, 2, None)
    levels = {c.comparison: c.level for c in similar.comparisons}
    assert levels["place"] == "same village or town" and levels["date"] == "within the window"


def test_why_a_similar_incident_stays_apart_is_said():
    here, near = placed(report(1, 1, day=3, toll=4), report(2, 2, day=11, toll=60))
    label = LinkLabel(a=here.key, b=near.key, same=False, by="analyst", action="keep apart")
    assert similar_incidents([here], [near], labels=[label])[0].kept_apart == (
        "an analyst kept them apart")
    twin = near.model_copy(update={"document_id": 1})
    assert similar_incidents([here], [twin])[0].kept_apart == "the same report tells both"
