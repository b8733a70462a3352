"""Hostile input: every problem is a Rejection or a warning, never an exception, and the rest still reads."""

from __future__ import annotations

import gzip
import json
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from dateline.read.jsonl import REPAIRED
from dateline.read.sources import Source

CAFE_SEED = "date 2017-02-19\nCaf\u00e9 owners in east Mosul said they\u2019d reopen after the battle.\n"
CAFE_TEXT = "Caf\u00e9 owners in east Mosul said they\u2019d reopen after the battle."


@pytest.fixture
def good(fixtures: Path) -> Path:
    """A valid input to read after the bad one, to show that reading went on."""
    return fixtures / "seed_inline.txt"


def _assert_good_last(result) -> None:
    assert result.articles[-1].origin.path.endswith("seed_inline.txt")
    assert result.articles[-1].published == date(2016, 10, 17)


def test_binary_data_with_a_text_name(read, tmp_path, good):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)

    result = read(path, good)

    assert [(r.code, r.origin.path) for r in result.rejections] == [("E102", str(path))]
    assert "binary" in result.rejections[0].problem
    assert len(result.articles) == 1
    _assert_good_last(result)


def test_unreadable_file(read, tmp_path, good):
    path = tmp_path / "locked.txt"
    path.write_text(CAFE_SEED, encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read a chmod 000 file (root)")
        result = read(path, good)
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)

    assert [(r.code, r.origin.path) for r in result.rejections] == [("E101", str(path))]
    assert "cannot open" in result.rejections[0].problem
    _assert_good_last(result)


def test_open_failure_is_rejected_even_as_root(read, tmp_path, good, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(CAFE_SEED, encoding="utf-8")
    real_open = Source.open_raw

    def refuse(self: Source):
        if self.path == path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(self)

    monkeypatch.setattr(Source, "open_raw", refuse)

    result = read(path, good)

    assert [(r.code, r.origin.path) for r in result.rejections] == [("E101", str(path))]
    assert result.rejections[0].problem == "cannot open: Permission denied"
    _assert_good_last(result)


def test_a_directory_where_a_file_was_expected_in_a_glob(read, tmp_path, good):
    (tmp_path / "folder.txt").mkdir()  # matched by the glob, walked as a directory, holds nothing

    result = read(str(tmp_path / "*.txt"), good)

    assert result.rejections == []
    assert len(result.articles) == 1


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_legacy_single_byte_encodings(read, tmp_path, good, encoding):
    seed = CAFE_SEED if encoding == "cp1252" else CAFE_SEED.replace("\u2019", "'")
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(seed.encode(encoding))

    result = read(path, good)

    assert result.rejections == []
    article = result.articles[0]
    assert article.published == date(2017, 2, 19)
    assert article.text == (CAFE_TEXT if encoding == "cp1252" else CAFE_TEXT.replace("\u2019", "'"))
    assert "\ufffd" not in article.text


def test_cp1252_json_lines(read, tmp_path):
    records = [{"date": "2017-02-19", "text": CAFE_TEXT, "outlet": "Le Caf\u00e9 du Tigre"}] * 2
    path = tmp_path / "legacy.jsonl"
    path.write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("cp1252"))

    result = read(path)

    assert result.rejections == []
    assert [a.text for a in result.articles] == [CAFE_TEXT, CAFE_TEXT]
    assert result.articles[0].outlet == "Le Caf\u00e9 du Tigre"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"], ids=["bom", "le-no-bom", "be-no-bom"])
def test_utf16_seed(read, tmp_path, encoding):
    path = tmp_path / "wide.txt"
    path.write_bytes(CAFE_SEED.encode(encoding))

    [article] = read(path).articles

    assert article.published == date(2017, 2, 19)
    assert article.text == CAFE_TEXT


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"], ids=["bom", "le-no-bom"])
def test_utf16_json_lines_and_csv(read, tmp_path, encoding):
    lines = "".join(json.dumps({"date": f"2016-05-0{n}", "text": f"Caf\u00e9 in Raqqa, report {n}."},
                               ensure_ascii=False) + "\n" for n in (1, 2, 3))
    jsonl = tmp_path / "wide.jsonl"
    jsonl.write_bytes(lines.encode(encoding))
    csv = tmp_path / "wide.csv"
    csv.write_bytes("date,text\r\n2016-05-04,\"Caf\u00e9, Raqqa\"\r\n".encode(encoding))

    result = read(jsonl, csv)

    assert result.rejections == []
    assert [a.text for a in result.articles] == [
        "Caf\u00e9 in Raqqa, report 1.", "Caf\u00e9 in Raqqa, report 2.", "Caf\u00e9 in Raqqa, report 3.",
        "Caf\u00e9, Raqqa"]
    assert [a.origin.line for a in result.articles] == [1, 2, 3, 2]


def test_mixed_utf8_and_cp1252_lines(read, tmp_path):
    rows = [json.dumps({"date": f"2017-01-0{n}", "text": f"Caf\u00e9 near the Mosul front, line {n} \u2019"},
                       ensure_ascii=False).encode("utf-8") for n in (1, 2, 3)]
    rows[1] = rows[1].decode("utf-8").encode("cp1252")  # one line written by a legacy tool
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(rows) + b"\n")

    result = read(path)

    assert result.rejections == []
    assert [a.text for a in result.articles] == [
        f"Caf\u00e9 near the Mosul front, line {n} \u2019" for n in (1, 2, 3)]
    assert [a.warnings for a in result.articles] == [[], [REPAIRED], []]


def test_missing_date_is_kept_with_a_warning_by_default(read, tmp_path):
    path = tmp_path / "undated.jsonl"
    path.write_text(json.dumps({"text": "Shelling hit Deir ez-Zor overnight.", "url": "https://x.test/a"}) + "\n",
                    encoding="utf-8")

    [article] = read(path).articles

    assert article.published is None
    assert article.date_status == "missing"
    assert article.warnings == ["no publication date; kept with date unknown"]


def test_missing_date_is_rejected_under_the_reject_policy(read, tmp_path, good):
    path = tmp_path / "undated.jsonl"
    path.write_text(json.dumps({"text": "Shelling hit Deir ez-Zor overnight."}) + "\n"
                    + json.dumps({"text": "Dated report.", "date": "2017-09-05"}) + "\n", encoding="utf-8")

    result = read(path, good, settings={"read.date_policy": "reject"})

    assert [(r.code, r.origin.line) for r in result.rejections] == [("E109", 1)]
    assert "date_policy" in result.rejections[0].problem
    assert len(result.articles) == 2
    assert result.articles[0].text == "Dated report."
    assert result.articles[0].origin.line == 2
    _assert_good_last(result)


@pytest.mark.parametrize(("raw", "status"), [
    ("0000-00-00", "unparseable"),
    ("yesterday-ish", "unparseable"),
    ("2017-02-30", "unparseable"),
    ("9999-12-31", "implausible"),
    ("1850-01-01", "implausible"),
    ("", "missing"),
    (None, "missing"),
])
def test_bad_dates(read, tmp_path, raw, status):
    path = tmp_path / "dates.jsonl"
    path.write_text(json.dumps({"date": raw, "text": "Clashes near Tikrit, officials said."}) + "\n",
                    encoding="utf-8")

    [article] = read(path).articles

    assert article.date_status == status
    assert article.published is None and article.published_at is None
    assert len(article.warnings) == 1 and "kept with date unknown" in article.warnings[0]


def test_bad_dates_are_rejected_under_the_reject_policy(read, tmp_path):
    path = tmp_path / "dates.jsonl"
    path.write_text("".join(json.dumps({"date": d, "text": "Clashes near Tikrit."}) + "\n"
                            for d in ("0000-00-00", "9999-12-31")), encoding="utf-8")

    result = read(path, settings={"read.date_policy": "reject"})

    assert result.articles == []
    assert result.codes == ["E109", "E109"]
    assert "unparseable" in result.rejections[0].problem
    assert "implausible" in result.rejections[1].problem


@pytest.mark.parametrize(("name", "data"), [
    ("empty.txt", b""),
    ("empty.jsonl", b""),
    ("empty.html", b""),
    ("empty.rss", b""),
    ("blank.txt", b"  \n\t\n\n   "),
    ("blank.jsonl", b"\n\n   \n"),
])
def test_empty_files(read, tmp_path, good, name, data):
    path = tmp_path / name
    path.write_bytes(data)

    result = read(path, good)

    assert [(r.code, r.origin.path) for r in result.rejections] == [("E105", str(path))]
    _assert_good_last(result)


def test_seed_with_a_date_but_no_text(read, tmp_path):
    path = tmp_path / "date-only.txt"
    path.write_text("date 2016-01-01   \n\n   \n", encoding="utf-8")

    result = read(path)

    assert result.articles == []
    assert result.codes == ["E105"]


def _jsonl_lines(count: int) -> bytes:
    return "".join(json.dumps({"url": f"https://example-news.test/{n}", "date": "2016-06-26",
                               "text": f"Report {n} from the camps near Falluja, where aid was short."}) + "\n"
                   for n in range(count)).encode("utf-8")


@pytest.mark.parametrize("count", [40, 4000], ids=["small", "larger-than-the-head"])
def test_truncated_gzip_keeps_the_articles_before_the_cut(read, tmp_path, good, count):
    data = gzip.compress(_jsonl_lines(count))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])

    result = read(path, good)

    gz_articles = [a for a in result.articles if a.origin.path == str(path)]
    assert len(gz_articles) > count // 3
    assert len(gz_articles) < count
    # each kept article is a whole line, in order, and the cut line is not among them
    assert [a.url for a in gz_articles] == [f"https://example-news.test/{n}" for n in range(len(gz_articles))]
    assert [(r.code, r.origin.path) for r in result.rejections] == [("E103", str(path))]
    assert f"after line {len(gz_articles)}" in result.rejections[0].problem
    _assert_good_last(result)


def test_truncated_gzip_of_a_single_article_is_rejected_not_half_kept(read, tmp_path, good):
    data = gzip.compress(("date 2017-07-09\n" + "The battle for Mosul is over, officials said. " * 200).encode())
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])

    result = read(path, good)

    assert [(r.code, r.origin.path) for r in result.rejections] == [("E103", str(path))]
    assert len(result.articles) == 1
    _assert_good_last(result)


def test_corrupt_gzip_is_rejected(read, tmp_path, good):
    data = bytearray(gzip.compress(_jsonl_lines(50)))
    data[30:60] = b"\xff" * 30
    path = tmp_path / "corrupt.jsonl.gz"
    path.write_bytes(bytes(data))

    result = read(path, good)

    assert [(r.code, r.origin.path) for r in result.rejections] == [("E103", str(path))]
    _assert_good_last(result)


def test_nul_bytes_and_control_characters_in_json_text(read, tmp_path):
    path = tmp_path / "nul.jsonl"
    path.write_text(json.dumps({"date": "2016-03-27", "text": "Palmyra\u0000 retaken\u00a0by\tgovernment forces."})
                    + "\n", encoding="utf-8")

    [article] = read(path).articles

    assert article.text == "Palmyra retaken by government forces."
