"""Everything dateline ships from others is attributed, in `dateline about` and in NOTICE."""

from __future__ import annotations

import json
from fnmatch import fnmatch
from pathlib import Path

from typer.testing import CliRunner

from dateline.about import ATTRIBUTIONS, notice_text
from dateline.cli import app

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "dateline"


def test_notice_file_is_current() -> None:
    assert (ROOT / "NOTICE").read_text(encoding="utf-8") == notice_text(), (
        "NOTICE is stale: run `dateline about --notice > NOTICE`")


def test_every_shipped_resource_and_vendored_asset_is_attributed() -> None:
    shipped = [p.relative_to(PACKAGE).as_posix()
               for folder in (PACKAGE / "resources", PACKAGE / "web" / "static" / "vendor")
               for p in folder.rglob("*") if p.is_file()]
    assert len(shipped) > 10
    patterns = [f for a in ATTRIBUTIONS for f in a.files]
    unattributed = [f for f in shipped if not any(fnmatch(f, pat) for pat in patterns)]
    assert unattributed == []


def test_attributed_files_exist() -> None:
    for item in ATTRIBUTIONS:
        for pattern in item.files:
            assert list(PACKAGE.glob(pattern)), f"{item.name}: nothing matches dateline/{pattern}"


def test_about_command_names_geonames_license() -> None:
    result = CliRunner().invoke(app, ["about", "--json"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    licenses = {a["name"]: a["license"] for a in info["attributions"]}
    assert licenses["GeoNames"] == "CC BY 4.0"
    assert "Contains data from GeoNames" in CliRunner().invoke(app, ["about", "--notice"]).output


def test_version_flag() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("dateline ")
