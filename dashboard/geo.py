"""Where countries are: bounding boxes from the world outlines the app serves, to zoom the map."""
from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from pathlib import Path

WORLD = Path(__file__).resolve().parent.parent / "static" / "topojson" / "world_110m.json"
# The smallest window the map zooms to (degrees): a small country alone fills the frame otherwise, and a
# reader needs its neighbours to know where it is.
MIN_LON_SPAN, MIN_LAT_SPAN = 30.0, 20.0
MAX_LAT = 85.0
# The map is about three times as wide as it is high on a desktop: a region narrower than that would
# leave most of the frame empty.
MIN_LON_PER_LAT = 2.5

Bounds = tuple[float, float, float, float]  # lon_min, lon_max, lat_min, lat_max


@functools.lru_cache(maxsize=1)
def _country_bounds() -> dict[str, Bounds]:
    topo = json.loads(WORLD.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arc_bounds = []
    for arc in topo["arcs"]:  # quantised and delta-encoded
        x = y = 0
        lons, lats = [], []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            lons.append(x * sx + tx)
            lats.append(y * sy + ty)
        arc_bounds.append((min(lons), max(lons), min(lats), max(lats)))

    def arcs_of(geometry: dict) -> Iterable[int]:
        stack = [geometry.get("arcs", [])]
        while stack:
            item = stack.pop()
            if isinstance(item, int):
                yield item if item >= 0 else ~item
            else:
                stack.extend(item)

    bounds = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        boxes = [arc_bounds[i] for i in arcs_of(geometry)]
        if geometry.get("id") and boxes:
            bounds[geometry["id"]] = (
                min(b[0] for b in boxes), max(b[1] for b in boxes), min(b[2] for b in boxes), max(b[3] for b in boxes),
            )
    return bounds


def region_of(countries: Iterable[str]) -> Bounds | None:
    """The window around these countries (ISO3) with some of their neighbours, or None when none of
    them is on the world map (a micro-state the outlines do not draw)."""
    boxes = [b for c in countries if (b := _country_bounds().get(c))]
    if not boxes:
        return None
    lon_min, lon_max = min(b[0] for b in boxes), max(b[1] for b in boxes)
    lat_min, lat_max = min(b[2] for b in boxes), max(b[3] for b in boxes)
    if lon_max - lon_min > 180:  # e.g. the United States with Alaska's islands past the date line
        return None
    pad_lon = max((MIN_LON_SPAN - (lon_max - lon_min)) / 2, (lon_max - lon_min) * 0.15)
    pad_lat = max((MIN_LAT_SPAN - (lat_max - lat_min)) / 2, (lat_max - lat_min) * 0.15)
    lat_span = lat_max - lat_min + 2 * pad_lat
    pad_lon = max(pad_lon, (MIN_LON_PER_LAT * lat_span - (lon_max - lon_min)) / 2)
    return (
        max(-180.0, lon_min - pad_lon), min(180.0, lon_max + pad_lon),
        max(-60.0, lat_min - pad_lat), min(MAX_LAT, lat_max + pad_lat),
    )
