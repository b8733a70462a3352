"""Write docs/reference/{cli,config,http-api}.md from the code (see dateline/reference.py).

    .venv/bin/python scripts/build_reference.py
"""

from pathlib import Path

from dateline.reference import write_reference

if __name__ == "__main__":
    for path in write_reference(Path(__file__).resolve().parent.parent / "docs" / "reference"):
        print(f"wrote {path}")
