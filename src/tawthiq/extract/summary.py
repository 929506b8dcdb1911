"""A plain one-sentence summary of an event, built from its fields (never invented)."""

from __future__ import annotations

from tawthiq.model import Event

MEANS_NOUN = {
    "air strike": "Air strike",
    "barrel bomb": "Barrel bomb attack",
    "shelling": "Shelling",
    "missile": "Missile attack",
    "drone strike": "Drone strike",
    "explosive device": "Explosion",
    "suicide bombing": "Suicide bombing",
    "vehicle bomb": "Car bomb",
    "landmine": "Landmine explosion",
    "chemical": "Chemical attack",
    "gunfire": "Shooting",
    "execution": "Execution",
    "torture": "Torture",
    "stabbing": "Stabbing",
    "arson": "Arson",
    "other": "Violent incident",
    "unknown": "Violent incident",
}


def summarise(event: Event) -> str:
    head = MEANS_NOUN.get(event.means[0] if event.means else "unknown", "Violent incident")
    if event.sub_event_type == "Armed clash":
        head = "Armed clash"
    elif event.sub_event_type == "Abduction/forced disappearance":
        head = "Abduction"
    parts = [head]
    if event.location is not None:
        where = event.location.name
        if event.location.admin1 and event.location.admin1 != where:
            where += f" ({event.location.admin1})"
        parts.append(f"in {where}")
    if event.date is not None:
        start, end = event.date.start.isoformat(), event.date.end.isoformat()
        parts.append(
            f"on {start}" if event.date.precision == "day" else f"between {start} and {end}"
        )
    sentence = " ".join(parts)
    tolls = _tolls(event)
    if tolls:
        sentence += ": " + ", ".join(tolls)
    if event.perpetrators:
        who = ", ".join(p.name for p in event.perpetrators)
        by = event.perpetrators[0].attributed_by
        sentence += f"; attributed to {who}" + (f" by {by}" if by else "")
    named_by = event.perpetrators[0].attributed_by if event.perpetrators else None
    if event.reported_by and event.reported_by[0] != named_by:
        sentence += f" (reported by {event.reported_by[0]})"
    return sentence + "."


def _tolls(event: Event) -> list[str]:
    f, out = event.fatalities, []
    if f.best is not None:
        killed = f"{_range(f.low, f.best, f.high)} killed"
        detail = [
            _counted(n, one, many)
            for n, one, many in (
                (f.civilians, "civilian", "civilians"),
                (f.children, "child", "children"),
                (f.women, "woman", "women"),
                (f.combatants, "combatant", "combatants"),
            )
            if n is not None
        ]
        out.append(killed + (f" (including {', '.join(detail)})" if detail else ""))
    if event.injuries.best is not None:
        out.append(f"{event.injuries.best} injured")
    return out


def _counted(n: int, one: str, many: str) -> str:
    """"1 civilian", "3 civilians": the noun agrees with its count."""
    return f"{n} {one if n == 1 else many}"


def _range(low: int | None, best: int, high: int | None) -> str:
    if low is not None and high is not None and low != high:
        return f"{low}-{high}"
    if high is None and low is not None:
        return f"at least {best}"
    return str(best)
