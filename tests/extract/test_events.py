"""Events of a report: several incidents, background, places that are not event places,
means and ACLED types, the main incident first, evidence spans."""

from __future__ import annotations

from datetime import date

import pytest


def test_one_event_per_village(extract) -> None:
    text = ("Gunmen killed four farmers in Kafr Tala on Monday. "
            "In Tell Hamra, three shepherds were shot dead on the same day.")
    events = extract(text).events
    assert [e.location.name for e in events] == ["Kafr Tala", "Tell Hamra"]
    assert [e.fatalities.best for e in events] == [4, 3]
    assert all(e.date.start == date(2024, 3, 11) for e in events)


def test_background_paragraph_is_its_own_event(extract) -> None:
    text = ("An air strike killed nine civilians in Douma on Tuesday, rescuers said. "
            "In March 2013, a chemical attack on the same area killed hundreds of people.")
    events = extract(text).events
    assert len(events) == 2
    main, background = events
    assert (main.fatalities.best, main.means[0], main.date.start) == (9, "air strike",
                                                                      date(2024, 3, 12))
    assert background.means[0] == "chemical" and background.date.precision == "month"
    assert background.fatalities.best == 100


def test_main_incident_first_even_after_background(extract) -> None:
    text = ("Three years ago, in March 2021, a car bomb killed 30 people in Aleppo. "
            "On Monday a mortar shell killed two children in Bustan al-Qasr, medics said.")
    main = extract(text).events[0]
    assert main.fatalities.best == 2 and main.means[0] == "shelling"


def test_origin_residence_and_venue_are_not_event_places(extract) -> None:
    text = ("A witness now living in Iraq said fighters from Idlib shot dead five men in "
            "Kafr Tala. The killings were raised at talks in Geneva.")
    (event,) = extract(text).events
    assert event.location.name == "Kafr Tala"


def test_a_neighbourhood_refines_its_city(extract) -> None:
    text = ("Shelling killed six people in Aleppo on Monday. The shells hit a bakery in "
            "Bustan al-Qasr, wounding 11.")
    (event,) = extract(text).events
    assert event.location.name == "Bustan al-Qasr"
    assert (event.fatalities.best, event.injuries.best) == (6, 11)


@pytest.mark.parametrize(("sentence", "means", "event_type", "sub_event_type"), [
    ("Helicopters dropped barrel bombs on the town, killing 7 people.", "barrel bomb",
     "Explosions/Remote violence", "Air/drone strike"),
    ("Artillery shelling killed 3 residents.", "shelling", "Explosions/Remote violence",
     "Shelling/artillery/missile attack"),
    ("Air strikes killed 12 people in the market.", "air strike",
     "Explosions/Remote violence", "Air/drone strike"),
    ("The group executed 8 prisoners in the square.", "execution",
     "Violence against civilians", "Attack"),
    ("Gunmen opened fire on a bus, killing 4 passengers.", "gunfire",
     "Violence against civilians", "Attack"),
    ("A chemical attack killed 20 people, doctors said.", "chemical",
     "Explosions/Remote violence", "Chemical weapon"),
    ("A car bomb killed 14 people near the mosque.", "vehicle bomb",
     "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("A suicide bomber killed 6 guards at the gate.", "suicide bombing",
     "Explosions/Remote violence", "Suicide bomb"),
    ("Militiamen set fire to 30 houses and looted shops.", "arson",
     "Strategic developments", "Looting/property destruction"),
    ("Clashes between two armed groups killed 10 fighters.", "gunfire",
     "Battles", "Armed clash"),
    ("Armed men abducted 5 aid workers on the road.", "other",
     "Violence against civilians", "Abduction/forced disappearance"),
])
def test_means_and_acled_types(extract, sentence, means, event_type, sub_event_type) -> None:
    (event,) = extract(sentence).events
    assert event.means[0] == means
    assert (event.event_type, event.sub_event_type) == (event_type, sub_event_type)


def test_no_violence_no_event(extract) -> None:
    assert extract("The ministers met in Geneva to discuss the talks.").events == []


def test_undated_incident_has_honest_precision(extract) -> None:
    (event,) = extract("Shelling killed 3 residents in Kafr Tala.").events
    assert event.date.precision == "days" and event.date.end == date(2024, 3, 13)
    (unknown,) = extract("Shelling killed 3 residents in Kafr Tala.", published=None).events
    assert unknown.date is None


def test_evidence_points_at_the_supporting_words(extract) -> None:
    text = ("Tue 12 Mar 2024 Government air strikes killed at least 16 civilians, including "
            "five children, in Kafr Tala on Monday, the monitor said.")
    result = extract(text, published=None)
    (event,) = result.events
    by_field = {}
    for e in event.evidence:
        by_field.setdefault(e.field, []).append(text[e.start:e.end])
    assert by_field["location"] == ["Kafr Tala"]
    assert by_field["date"] == ["Monday"]
    assert "air strikes" in by_field["means"]
    assert any("16 civilians" in words for words in by_field["fatalities"])
    assert any("five children" in words for words in by_field["fatalities"])
    assert event.fatalities.civilians == 16 and event.fatalities.children == 5
    assert event.date.start == date(2024, 3, 11)
    assert "Kafr Tala" in event.summary and event.summary.endswith(".")
    assert event.summary.count(". ") == 0


def test_every_evidence_span_is_inside_the_text(extract) -> None:
    text = ("Rescuers said two dozen people were killed and 40 wounded on Sunday when barrel "
            "bombs hit Douma. A day later, snipers shot dead a woman in Aleppo.")
    result = extract(text)
    for event in result.events:
        for e in event.evidence:
            assert 0 <= e.start < e.end <= len(text)
            assert text[e.start:e.end].strip() == text[e.start:e.end]


def extractor_finding(nlp, words: str, name: str):
    """The test extractor with a stand-in actor resolver that knows only ``words``, as the
    actor ``name``."""
    from tests.extract.conftest import SampleGeocoder

    from tawthiq.actors import ActorMention, ResolvedActor
    from tawthiq.extract.pipeline import Extractor
    from tawthiq.resolve import Resolvers

    actor = ResolvedActor(name=name, actor_type="Unidentified", affiliation=[], vdc_class=None,
                          source="test")

    class OneActor:
        def find_mentions(self, text):
            found, start = [], text.find(words)
            while start >= 0:
                found.append(ActorMention(start, start + len(words), words, ["one"]))
                start = text.find(words, start + 1)
            return found

        def resolve(self, mention, on=None):
            return actor if mention == words else None

        def resolve_mention(self, mention, on=None):
            return actor

    return Extractor(nlp=nlp, resolvers=Resolvers(places=SampleGeocoder(), actors=OneActor()))


def test_incidents_of_the_same_day_share_the_perpetrator(nlp) -> None:
    from tawthiq.ingest.documents import make_document

    extractor = extractor_finding(nlp, "Gunmen", "Unidentified gunmen")
    text = ("Gunmen killed four farmers in Kafr Tala on Monday. "
            "In Tell Hamra, three shepherds were shot dead the same day. "
            "In March 2013, shelling killed 30 people in Aleppo.")
    doc = make_document("t", text, published="2024-03-13")
    events = extractor.extract(doc).events
    assert [e.location.name for e in events] == ["Kafr Tala", "Tell Hamra", "Aleppo"]
    assert [len(e.perpetrators) for e in events] == [1, 1, 0]
    shared = [e for e in events[1].evidence if e.field == "perpetrators"]
    assert [text[e.start:e.end] for e in shared] == ["Gunmen", "killed"]  # actor and its act



def test_same_actor_named_by_two_sources_stays_two_attributions(nlp):
    """Contested or corroborated, an attribution belongs to its source: the same actor named
    by residents and by a monitor is two entries, not one."""
    from datetime import date

    from tawthiq.actors import get_registry
    from tawthiq.extract.pipeline import Extractor
    from tawthiq.ingest.documents import make_document
    from tawthiq.resolve import Resolvers

    extractor = Extractor(nlp=nlp, resolvers=Resolvers(actors=get_registry()))
    text = ("Shells hit a market in the town on Monday, killing four civilians. "
            "Residents said government forces fired the shells. "
            "A monitoring group said government forces carried out the shelling.")
    result = extractor.extract(make_document("t", text, published=date(2016, 8, 3)))
    attributions = {(p.name, p.attributed_by) for p in result.events[0].perpetrators}
    assert len({name for name, _by in attributions}) == 1, attributions
    assert len(attributions) == 2, attributions



def test_a_report_in_a_language_the_pipeline_cannot_read_gives_no_events(extract) -> None:
    from tawthiq.extract.pipeline import analysable
    from tawthiq.ingest.documents import make_document

    french = ("Des hommes armés ont tué quatre bergers lundi près de Kafr Tala, selon des "
              "habitants. Un voisin a déclaré qu'il avait entendu 12 tirs avant l'aube, puis "
              "que les secours étaient arrivés trop tard pour les blessés du village.")
    assert not analysable(make_document("f", french))
    assert extract(french).events == []


def test_a_headline_and_dateline_are_not_an_incident_of_their_own(extract) -> None:
    text = ("Mortar fire kills dozens at a market\n\n"
            "KAFR TALA, March 13, 2024 (Sample Wire) - Mortar shells hit the market of Kafr Tala "
            "on Tuesday, killing at least 14 people, medics said.\n")
    events = extract(text).events
    assert len(events) == 1
    assert events[0].date.start == date(2024, 3, 12)  # Tuesday, not the dateline's day
    assert events[0].fatalities.low == 14


def test_a_later_sentence_about_the_attack_belongs_to_it(nlp) -> None:
    """A claim of responsibility told paragraphs after the incident ("for the attack") is
    searched for its perpetrator; a sentence about something else is not."""
    from tawthiq.ingest.documents import make_document

    extractor = extractor_finding(nlp, "Falcon Brigade", "Falcon Brigade")
    text = ("A car bomb killed nine people in Kafr Tala on Tuesday, medics said.\n\n"
            "Residents were still searching the rubble at nightfall.\n\n"
            "The market had reopened only a month earlier.\n\n"
            "Traders said the road to the coast was closed.\n\n"
            "The Falcon Brigade claimed responsibility for the attack in a statement.")
    events = extractor.extract(make_document("t", text, published="2024-03-13")).events
    assert len(events) == 1 and [p.name for p in events[0].perpetrators] == ["Falcon Brigade"]
    unrelated = text.replace("for the attack", "for a rally")
    events = extractor.extract(make_document("u", unrelated, published="2024-03-13")).events
    assert events[0].perpetrators == []


def test_the_report_stating_the_perpetrator_in_its_own_voice_attributes_it(nlp) -> None:
    """No speaker in the words: the outlet that publishes it says so (or "the report")."""
    from tawthiq.actors import get_registry
    from tawthiq.extract.pipeline import Extractor
    from tawthiq.ingest.documents import make_document
    from tawthiq.resolve import Resolvers

    extractor = Extractor(nlp=nlp, resolvers=Resolvers(actors=get_registry()))
    text = "Government forces shelled a market in the town on Tuesday, killing nine people."
    for source, expected in (("Sample Daily", "Sample Daily"), (None, "the report")):
        result = extractor.extract(make_document("t", text, source=source,
                                                 published=date(2016, 8, 3)))
        assert [p.attributed_by for p in result.events[0].perpetrators] == [expected]


def test_a_toll_told_again_without_a_place_is_the_main_incident(extract) -> None:
    result = extract("Gunmen killed 20 people in Kafr Tala on Monday.\n\nThe death toll reached "
                     "22 on Wednesday, the monitor said.")
    assert len(result.events) == 1
    event = result.events[0]
    assert (event.fatalities.low, event.fatalities.high) == (20, 22)
    assert event.date.start == date(2024, 3, 11)  # Monday; Wednesday dates the toll's report
