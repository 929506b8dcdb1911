"""Small geometry helpers: great-circle distance and outline simplification (no GIS stack)."""

from __future__ import annotations

import math

EARTH_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


_KM_PER_DEGREE_LAT = math.pi * EARTH_KM / 180


def within_km(lat1: float, lon1: float, lat2: float, lon2: float, km: float) -> bool:
    """``haversine_km(...) <= km``, answered without trigonometry when the latitudes alone lie
    farther apart (a great circle is never shorter than its latitude difference; the 1 km
    margin absorbs rounding): ranking asks this hundreds of thousands of times per run."""
    if abs(lat1 - lat2) * _KM_PER_DEGREE_LAT > km + 1.0:
        return False
    return haversine_km(lat1, lon1, lat2, lon2) <= km


def _perpendicular(pt, start, end) -> float:
    (x, y), (x1, y1), (x2, y2) = pt, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def _radial_thin(points: list, tolerance: float) -> list:
    """Drop points closer than the tolerance to the last kept one (cheap pre-pass)."""
    kept = [points[0]]
    squared = tolerance * tolerance
    for point in points[1:-1]:
        last = kept[-1]
        if (point[0] - last[0]) ** 2 + (point[1] - last[1]) ** 2 > squared:
            kept.append(point)
    kept.append(points[-1])
    return kept


def simplify_line(points: list, tolerance: float) -> list:
    """Douglas-Peucker, iterative, after a radial pre-pass; keeps the first and last point."""
    if len(points) < 3:
        return list(points)
    points = _radial_thin(points, tolerance)
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = _perpendicular(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def _round(ring: list) -> list:
    return [[round(x, 4), round(y, 4)] for x, y, *_ in ring]


def _polygons(geometry: dict) -> list:
    coordinates = geometry["coordinates"]
    return [coordinates] if geometry["type"] == "Polygon" else coordinates


def simplify_geometry(geometry: dict | None, tolerance: float = 0.005) -> dict | None:
    """A Polygon/MultiPolygon with rings simplified (degrees); tiny rings dropped; else None."""
    if not geometry or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return None
    polygons = _polygons(geometry)
    out = []
    for polygon in polygons:
        rings = [_round(simplify_line(ring, tolerance)) for ring in polygon]
        rings = [r for r in rings if len(r) >= 4]
        if rings:
            out.append(rings)
    if not out:
        return None
    if len(out) == 1:
        return {"type": "Polygon", "coordinates": out[0]}
    return {"type": "MultiPolygon", "coordinates": out}


def _in_ring(lon: float, lat: float, ring: list) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def contains(geometry: dict, lat: float, lon: float) -> bool:
    """Point in a GeoJSON Polygon/MultiPolygon (even-odd rule; holes respected)."""
    polygons = _polygons(geometry)
    for polygon in polygons:
        if polygon and _in_ring(lon, lat, polygon[0]) and not any(
                _in_ring(lon, lat, hole) for hole in polygon[1:]):
            return True
    return False


def bbox(geometry: dict) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) of a Polygon/MultiPolygon."""
    polygons = _polygons(geometry)
    xs = [p[0] for polygon in polygons for p in polygon[0]]
    ys = [p[1] for polygon in polygons for p in polygon[0]]
    return min(xs), min(ys), max(xs), max(ys)


def main_centroid(geometry: dict) -> tuple[float, float] | None:
    """(lat, lon) centroid of the largest polygon (a country's main landmass), by the shoelace
    formula on its outer ring; None when there is no polygon."""
    if not geometry or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return None
    best = None
    for polygon in _polygons(geometry):
        ring = polygon[0]
        area = cx = cy = 0.0
        for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[1:], strict=False):
            cross = x1 * y2 - x2 * y1
            area += cross
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
        if area and (best is None or abs(area) > best[0]):
            best = (abs(area), cy / (3 * area), cx / (3 * area))
    return (best[1], best[2]) if best else None
