"""The four writers. Each takes the collected ``IncidentView``s and a text stream."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import TextIO

from tawthiq import knowledge
from tawthiq.export.collect import IncidentView

Writer = Callable[[list[IncidentView], TextIO], None]


@lru_cache(maxsize=1)
def codes() -> dict:
    return json.loads(resources.files("tawthiq.data").joinpath("export_codes.json").read_text())


def iso(d) -> str:
    return d.isoformat() if d else ""


def place_fields(view: IncidentView) -> dict:
    place = view.incident.place or view.main.place
    loc = view.main.location or {}
    return {
        "name": (place.name if place else loc.get("name")) or "",
        "lat": place.latitude if place else loc.get("latitude"),
        "lon": place.longitude if place else loc.get("longitude"),
        "cc": (place.country_code if place else loc.get("country_code")) or "",
        "admin1": (place.admin1 if place else loc.get("admin1")) or "",
        "admin2": (place.admin2 if place else loc.get("admin2")) or "",
        "feature": (place.feature if place else loc.get("feature")),
        "admin3": (place.admin3 if place else loc.get("admin3")) or "",
        "pcode": (place.pcode if place else loc.get("pcode")) or "",
        "geo_precision": loc.get("geo_precision"),
        "mention": loc.get("mention") or "",
    }


def perpetrator_names(view: IncidentView) -> list[tuple[str, str, str | None]]:
    """(name, actor_type, attributed_by) for the main report's perpetrators, in order."""
    return [(p.name, p.actor_type, p.attributed_by) for p in view.main.perpetrators]


def sources_of(view: IncidentView) -> list[str]:
    seen: list[str] = []
    for event in view.events:
        for name in [event.document.source, *(event.reported_by or [])]:
            if name and name not in seen:
                seen.append(name)
    return seen


def document_refs(view: IncidentView) -> str:
    return ";".join(f"{d.id}:{d.sha256}" for d in view.documents)


def figures_note(view: IncidentView) -> str:
    """'Sample Wire/SOHR: 12; Sample Broadcaster: 15-20' — every toll with its source."""
    parts = []
    for fig in view.figures:
        if fig.best is None and fig.low is None and fig.high is None:
            continue
        names = [x for x in [fig.outlet, *fig.reported_by] if x]
        who = "/".join(dict.fromkeys(names)) or "unnamed source"  # an outlet citing itself once
        if fig.low is not None and fig.high is not None and fig.low != fig.high:
            figure = f"{fig.low}-{fig.high}"
        else:
            figure = str(next(v for v in (fig.best, fig.low, fig.high) if v is not None))
        parts.append(f"{who}: {figure}")
    return "; ".join(parts)


def notes(view: IncidentView) -> str:
    perps = [f"{name} (attributed by {by})" if by else name
             for name, _t, by in perpetrator_names(view)]
    bits = [view.clean(view.main.summary)]
    if perps:
        bits.append("Perpetrator: " + "; ".join(perps) + ".")
    figs = figures_note(view)
    if figs:
        bits.append(f"Fatalities by source: {figs}.")
    bits.append(f"Corroboration: {view.incident.corroboration or 'single source'}.")
    return " ".join(b for b in bits if b)


ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "country", "admin1", "admin2", "admin3", "pcode", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
    "tags", "tawthiq_incident_id", "tawthiq_documents", "fatalities_best", "fatalities_high",
]


def identity_actors(victims: dict | None, country: str) -> str:
    """ACLED names the communal identity of civilian victims as associated actors of
    "Civilians", e.g. "Alawite Muslim Group (Syria)"; only identities the report tied to the
    victims (victims.identity)."""
    names = acled_identity_names()
    suffix = f" ({country})" if country else ""
    return "; ".join(names.get(i, i) + suffix for i in (victims or {}).get("identity") or [])


@lru_cache(maxsize=1)
def acled_identity_names() -> dict[str, str]:
    raw = knowledge.load("identity_groups.json", "en")
    return {g["name"]: g["acled"] for g in raw["groups"] if g.get("acled")}


def acled_row(view: IncidentView) -> dict:
    c = codes()
    place = place_fields(view)
    country = c["country_names"].get(place["cc"], place["cc"])
    perps = perpetrator_names(view)
    actor1, type1 = (perps[0][0], perps[0][1]) if perps else ("", "")
    inter1 = c["acled_inter"].get(type1, "") if actor1 else ""
    civilian = view.main.event_type == "Violence against civilians" or (
        view.main.victims or {}).get("civilian") is True
    actor2 = f"Civilians ({country})" if civilian and country else ("Civilians" if civilian else "")
    inter2 = 7 if civilian else ""
    inc = view.incident
    fatalities = inc.fatalities_low if inc.fatalities_low is not None else inc.fatalities_best
    return {
        "event_id_cnty": f"TWQ{inc.id or 'E' + str(view.main.id)}",
        "event_date": iso(inc.date_start),
        "year": inc.date_start.year if inc.date_start else "",
        "time_precision": c["acled_time_precision"].get(inc.date_precision or "", ""),
        "event_type": view.main.event_type,
        "sub_event_type": view.main.sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": "; ".join(p[0] for p in perps[1:]),
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": identity_actors(view.main.victims, country) if civilian else "",
        "inter2": inter2,
        "interaction": f"{inter1}{inter2}" if inter1 != "" and inter2 != "" else "",
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": place["cc"],
        "country": country,
        "admin1": place["admin1"],
        "admin2": place["admin2"],
        "admin3": place["admin3"],
        "pcode": place["pcode"],  # OCHA P-code of the community (admin4) or admin unit
        "location": place["name"],
        "latitude": place["lat"] if place["lat"] is not None else "",
        "longitude": place["lon"] if place["lon"] is not None else "",
        "geo_precision": place["geo_precision"] or "",
        "source": "; ".join(sources_of(view)),
        "source_scale": "",
        "notes": notes(view),
        "fatalities": fatalities if fatalities is not None else "",
        "tags": "",
        "tawthiq_incident_id": inc.id or "",
        "tawthiq_documents": document_refs(view),
        "fatalities_best": inc.fatalities_best if inc.fatalities_best is not None else "",
        "fatalities_high": inc.fatalities_high if inc.fatalities_high is not None else "",
    }


UCDP_COLUMNS = [
    "id", "type_of_violence", "side_a", "side_b", "source_article", "source_office",
    "source_date", "source_headline", "where_prec", "where_coordinates", "adm_1", "adm_2",
    "latitude", "longitude", "country", "date_prec", "date_start", "date_end",
    "deaths_civilians", "low", "best", "high", "tawthiq_documents",
]


def type_of_violence(view: IncidentView) -> int:
    """UCDP: 1 state-based, 2 non-state, 3 one-sided (against civilians)."""
    if view.main.event_type == "Violence against civilians":
        return 3
    types = {t for _n, t, _b in perpetrator_names(view)}
    return 1 if "State forces" in types else 2


def where_prec(view: IncidentView, place: dict) -> int | str:
    c = codes()
    if place["geo_precision"] is not None and place["feature"] in ("locality", "neighbourhood"):
        return c["ucdp_where_prec_by_geo_precision"].get(str(place["geo_precision"]), "")
    return c["ucdp_where_prec_by_feature"].get(place["feature"] or "", "")


def ucdp_row(view: IncidentView) -> dict:
    c = codes()
    place = place_fields(view)
    perps = perpetrator_names(view)
    inc = view.incident
    first_doc = view.documents[0] if view.documents else None
    civilian = type_of_violence(view) == 3
    feature_word = {"locality": "town", "neighbourhood": "neighbourhood", "district": "district",
                    "region": "governorate"}.get(place["feature"] or "", "")
    return {
        "id": inc.id or f"E{view.main.id}",
        "type_of_violence": type_of_violence(view),
        "side_a": perps[0][0] if perps else "",
        "side_b": "Civilians" if civilian else (perps[1][0] if len(perps) > 1 else ""),
        "source_article": "; ".join(f"\"{d.source or ''},{iso(d.published)},{view.clean(d.title)}\""
                                    for d in view.documents),
        "source_office": "; ".join(sources_of(view)),
        "source_date": iso(first_doc.published) if first_doc else "",
        "source_headline": view.clean(first_doc.title) if first_doc else "",
        "where_prec": where_prec(view, place),
        "where_coordinates": f"{place['name']} {feature_word}".strip(),
        "adm_1": place["admin1"],
        "adm_2": place["admin2"],
        "latitude": place["lat"] if place["lat"] is not None else "",
        "longitude": place["lon"] if place["lon"] is not None else "",
        "country": c["country_names"].get(place["cc"], place["cc"]),
        "date_prec": c["ucdp_date_prec"].get(inc.date_precision or "", ""),
        "date_start": iso(inc.date_start),
        "date_end": iso(inc.date_end),
        "deaths_civilians": _civilian_deaths(view),
        "low": _blank(inc.fatalities_low),
        "best": _blank(inc.fatalities_best),
        "high": _blank(inc.fatalities_high),
        "tawthiq_documents": document_refs(view),
    }


def _blank(value):
    return "" if value is None else value


def _civilian_deaths(view: IncidentView):
    figures = [e.civilians for e in view.events if e.civilians is not None]
    return min(figures) if figures else ""


def write_csv(columns: list[str], row: Callable[[IncidentView], dict]) -> Writer:
    def writer(views: list[IncidentView], stream: TextIO) -> None:
        out = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
        out.writeheader()
        for view in views:
            out.writerow(row(view))
    return writer


def incident_json(view: IncidentView) -> dict:
    """The full record: consolidated fields, every report with its evidence, claims, victims."""
    place = place_fields(view)
    inc = view.incident
    return {
        "incident_id": inc.id,
        "title": view.clean(inc.title),
        "event_type": view.main.event_type,
        "sub_event_type": view.main.sub_event_type,
        "date": {"start": iso(inc.date_start), "end": iso(inc.date_end),
                 "precision": inc.date_precision},
        "location": view.main.location,
        "place": place,
        "fatalities": {"low": inc.fatalities_low, "best": inc.fatalities_best,
                       "high": inc.fatalities_high},
        "corroboration": inc.corroboration or "single source",
        "reports": [
            {"document_id": e.document_id, "sha256": e.document.sha256,
             "source": e.document.source, "title": view.clean(e.document.title),
             "published": iso(e.document.published), "event_ordinal": e.ordinal,
             "summary": view.clean(e.summary), "means": e.means,
             "perpetrators": [{"name": p.name, "mention": p.mention, "actor_type": p.actor_type,
                               "affiliation": p.affiliation, "attributed_by": p.attributed_by}
                              for p in e.perpetrators],
             "fatalities": {"low": e.fatalities_low, "best": e.fatalities_best,
                            "high": e.fatalities_high, "civilians": e.civilians,
                            "combatants": e.combatants, "children": e.children,
                            "women": e.women},
             "reported_by": e.reported_by,
             "evidence": [{"field": ev.field, "start": ev.start, "end": ev.end,
                           "quote": view.clean(ev.quote)} for ev in e.evidence]}
            for e in view.events
        ],
        "claims": [{"speaker": view.clean(c.speaker), "via": c.via, "text": view.clean(c.text),
                    "document_id": c.document_id} for c in view.claims],
        "victims": [{"name": p.name, "age": p.age, "sex": p.sex, "document_id": p.document_id}
                    for p in view.victims],
        "witnesses": [{"name": view.witness_name(p),
                       "document_id": p.document_id} for p in view.witnesses],
        "episodes": view.episodes,
    }


def write_jsonl(views: list[IncidentView], stream: TextIO) -> None:
    for view in views:
        stream.write(json.dumps(incident_json(view), ensure_ascii=False) + "\n")


def write_geojson(views: list[IncidentView], stream: TextIO) -> None:
    features = []
    for view in views:
        place = place_fields(view)
        geometry = ({"type": "Point", "coordinates": [place["lon"], place["lat"]]}
                    if place["lat"] is not None and place["lon"] is not None else None)
        props = acled_row(view)
        props.pop("latitude")
        props.pop("longitude")
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    json.dump({"type": "FeatureCollection", "features": features}, stream, ensure_ascii=False)
    stream.write("\n")


WRITERS: dict[str, Writer] = {
    "acled": write_csv(ACLED_COLUMNS, acled_row),
    "ucdp": write_csv(UCDP_COLUMNS, ucdp_row),
    "geojson": write_geojson,
    "jsonl": write_jsonl,
}
