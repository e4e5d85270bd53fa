"""GeoJSON polygons: validation and a small inline SVG map (pure, no Django)."""

import math


class InvalidBoundary(ValueError):
    pass


def polygon_rings(geojson) -> list[list[tuple[float, float]]]:
    """The rings of a GeoJSON Polygon (or Feature holding one), validated."""
    if not isinstance(geojson, dict):
        raise InvalidBoundary("the boundary must be a GeoJSON object")
    if geojson.get("type") == "Feature":
        geojson = geojson.get("geometry") or {}
    if geojson.get("type") != "Polygon":
        raise InvalidBoundary("the boundary must be a GeoJSON Polygon")
    coordinates = geojson.get("coordinates")
    if not isinstance(coordinates, list) or not coordinates:
        raise InvalidBoundary("the polygon has no coordinates")
    rings = []
    for ring in coordinates:
        if not isinstance(ring, list) or len(ring) < 4:
            raise InvalidBoundary("each ring needs at least four positions")
        points = []
        for position in ring:
            if (
                not isinstance(position, list | tuple)
                or len(position) < 2
                or not all(isinstance(v, int | float) for v in position[:2])
            ):
                raise InvalidBoundary("each position is [longitude, latitude]")
            lon, lat = float(position[0]), float(position[1])
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                raise InvalidBoundary("longitude or latitude out of range")
            points.append((lon, lat))
        if points[0] != points[-1]:
            raise InvalidBoundary("a ring must end where it starts")
        rings.append(points)
    return rings


def svg_path(geojson, width=320, height=240, padding=12) -> dict:
    """Scale the polygon into a ``width`` x ``height`` box (north up, equirectangular
    with the latitude's cosine); return the SVG ``d`` attribute and the centre."""
    rings = polygon_rings(geojson)
    lons = [p[0] for ring in rings for p in ring]
    lats = [p[1] for ring in rings for p in ring]
    mid_lat = (min(lats) + max(lats)) / 2
    kx = math.cos(math.radians(mid_lat))
    span_x = max((max(lons) - min(lons)) * kx, 1e-9)
    span_y = max(max(lats) - min(lats), 1e-9)
    scale = min((width - 2 * padding) / span_x, (height - 2 * padding) / span_y)
    off_x = (width - span_x * scale) / 2
    off_y = (height - span_y * scale) / 2

    def xy(lon, lat):
        return (
            off_x + (lon - min(lons)) * kx * scale,
            off_y + (max(lats) - lat) * scale,
        )

    parts = []
    for ring in rings:
        coords = [xy(lon, lat) for lon, lat in ring]
        parts.append("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in coords[:-1]) + " Z")
    return {
        "d": " ".join(parts),
        "width": width,
        "height": height,
        "centre": ((min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2),
    }
