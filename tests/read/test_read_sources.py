"""What paths name: files, directories walked recursively, globs, gzip, missing paths, stdin."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import sys
import types
from datetime import date
from pathlib import Path

import pytest

from dateline.errors import ConfigError
from dateline.read import ReadContext, read_paths
from dateline.read.sources import Missing, Source, expand


def _seed(path: Path, day: str, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"date {day}\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path, fixtures: Path) -> Path:
    """A directory of inputs with hidden entries and files that are not articles."""
    root = tmp_path / "inputs"
    _seed(root / "a_first.txt", "2016-10-20", "Bashiqa was surrounded by peshmerga units, officers said.")
    _seed(root / "sub" / "b_second.txt", "2016-10-21", "Fighters attacked government buildings in Kirkuk.")
    (root / "sub" / "deeper").mkdir()
    shutil.copy(fixtures / "articles.tsv", root / "sub" / "deeper" / "c_third.tsv")  # two rows
    _seed(root / ".hidden.txt", "2016-10-22", "A hidden file that must not be read.")
    _seed(root / ".cache" / "d.txt", "2016-10-23", "A file in a hidden directory.")
    (root / "README.md").write_text("notes, not articles", encoding="utf-8")
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return root


def test_directory_is_walked_recursively_skipping_hidden_and_unknown_files(read, tree):
    result = read(tree)

    assert result.rejections == []
    names = [Path(a.origin.path).relative_to(tree).as_posix() for a in result.articles]
    assert names == ["a_first.txt", "sub/b_second.txt", "sub/deeper/c_third.tsv", "sub/deeper/c_third.tsv"]
    assert [a.published for a in result.articles][:2] == [date(2016, 10, 20), date(2016, 10, 21)]


def test_expand_lists_sources_in_order(tree, tmp_path):
    sources = list(expand([str(tree / "sub"), str(tmp_path / "nope.txt"), "-"]))

    assert [type(s) for s in sources] == [Source, Source, Missing, Source]
    assert sources[0].name.endswith("b_second.txt")
    assert sources[2] == Missing(str(tmp_path / "nope.txt"))
    assert sources[3].name == "-" and sources[3].path is None


def test_glob_patterns(read, tree):
    flat = read(str(tree / "*.txt"))
    recursive = read(str(tree / "**" / "*.txt"))

    assert [Path(a.origin.path).name for a in flat.articles] == ["a_first.txt"]
    assert sorted(Path(a.origin.path).name for a in recursive.articles) == ["a_first.txt", "b_second.txt"]
    assert flat.rejections == recursive.rejections == []


def test_glob_matching_nothing_and_missing_path_are_rejected(read, tree, tmp_path):
    pattern = str(tree / "*.jsonl")
    missing = tmp_path / "no-such-file.jsonl"

    result = read(pattern, missing, tree / "a_first.txt")

    assert [(r.code, r.origin.path) for r in result.rejections] == [("E108", pattern), ("E108", str(missing))]
    assert "no such file" in result.rejections[0].problem
    [article] = result.articles  # the input after the missing ones is still read
    assert article.published == date(2016, 10, 20)


def test_gzipped_jsonl_and_text(read, tmp_path, fixtures):
    jsonl = tmp_path / "articles.jsonl.gz"
    jsonl.write_bytes(gzip.compress((fixtures / "articles.jsonl").read_bytes()))
    text = tmp_path / "seed.txt.gz"
    text.write_bytes(gzip.compress((fixtures / "seed_inline.txt").read_bytes()))

    result = read(jsonl, text)

    assert result.rejections == []
    assert [a.origin.format for a in result.articles] == ["jsonl", "jsonl", "jsonl", "text"]
    assert [a.origin.line for a in result.articles[:3]] == [1, 3, 4]
    plain = read(fixtures / "articles.jsonl", fixtures / "seed_inline.txt").articles
    assert [a.text for a in result.articles] == [a.text for a in plain]
    assert [a.id for a in result.articles] == [a.id for a in plain]


def test_gzip_is_recognised_by_its_bytes_not_its_name(read, tmp_path, fixtures):
    path = tmp_path / "articles.jsonl"  # gzip data without the .gz suffix
    path.write_bytes(gzip.compress((fixtures / "articles.jsonl").read_bytes()))

    assert len(read(path).articles) == 3


def test_multi_member_gzip_with_an_empty_first_member_and_zero_padding(read, tmp_path, fixtures):
    path = tmp_path / "concatenated.jsonl.gz"
    path.write_bytes(gzip.compress(b"") + gzip.compress((fixtures / "articles.jsonl").read_bytes()) + bytes(16))

    result = read(path)

    assert result.rejections == []
    assert len(result.articles) == 3


def test_stdin(monkeypatch, fixtures):
    data = (fixtures / "articles.jsonl").read_bytes()
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(data)))

    items = list(read_paths(["-"], ReadContext()))

    assert [i.origin.path for i in items] == ["-", "-", "-"]
    assert [i.origin.format for i in items] == ["jsonl"] * 3
    assert items[0].title == "Troops enter Gogjali on Mosul's edge"


def test_gzipped_stdin(monkeypatch, fixtures):
    data = gzip.compress((fixtures / "seed_style.txt").read_bytes())
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(data)))

    [article] = read_paths(["-"], ReadContext())

    assert article.origin.format == "text"
    assert article.published == date(2017, 3, 12)


def test_ingest_from_stdin_in_a_subprocess(tmp_path, fixtures):
    db = tmp_path / "store.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "dateline", "ingest", "-", "--db", str(db), "--json"],
        input=(fixtures / "articles.jsonl").read_bytes(), capture_output=True, timeout=120, cwd=tmp_path,
    )

    assert done.returncode == 0, done.stderr.decode(errors="replace")
    report = json.loads(done.stdout)
    assert report["read"] == 3
    assert report["rejected"] == 0
    assert report["new"] == 3


def test_unknown_format_name_is_a_config_error(fixtures):
    with pytest.raises(ConfigError, match="unknown format"):
        list(read_paths([str(fixtures / "articles.jsonl")], ReadContext(), fmt="docx"))
