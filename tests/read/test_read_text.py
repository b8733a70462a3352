"""The seed text format: `date YYYY-MM-DD`, then the body, paragraphs split by blank lines."""

from __future__ import annotations

import io
import os
import re
from datetime import date
from pathlib import Path

import pytest

from dateline.model import Article, normalize_text
from dateline.read.text import read_text

# ../shared/seeds next to the repository (DATELINE_SHARED points elsewhere, as for tests/conftest.py)
SEEDS = Path(os.environ.get("DATELINE_SHARED", Path(__file__).resolve().parents[2].parent / "shared")) / "seeds"


def test_seed_style_body_on_next_line(read, fixtures):
    result = read(fixtures / "seed_style.txt")

    assert result.rejections == []
    [article] = result.articles
    assert article.published == date(2017, 3, 12)
    assert article.date_status == "ok"
    assert article.published_at is None  # a bare date has no time of day
    assert article.warnings == []
    assert article.origin.format == "text"
    assert article.origin.path.endswith("seed_style.txt")
    assert article.text == (
        "Iraqi forces pushed into the old city of western Mosul on Sunday, according to two officers "
        "who spoke by phone from the front line."
        "\n\n"
        "The advance slowed near the al-Nuri mosque, where snipers held the narrow streets. "
        "Residents said families were sheltering in basements."
        "\n\n"
        "Aid groups in Erbil said they expected more displaced people to arrive this week."
    )


def test_seed_style_body_on_date_line(read, fixtures):
    [article] = read(fixtures / "seed_inline.txt").articles

    assert article.published == date(2016, 10, 17)
    assert article.text == (
        "Kurdish peshmerga units moved on villages east of Mosul at dawn, a commander said."
        "\n\nThe offensive is the largest in Iraq since 2003, officials in Baghdad said."
    )
    assert not article.text.startswith("2016")


def test_seed_with_bom_crlf_and_colon(ctx):
    data = ("\ufeff  date: 2016-08-01\r\nTurkish-backed fighters shelled positions near Jarablus.\r\n"
            "\r\nA second paragraph about the border crossing.\r\n").encode("utf-8")

    [article] = read_text(io.BytesIO(data), "crlf.txt", ctx)

    assert isinstance(article, Article)
    assert article.published == date(2016, 8, 1)
    assert article.text == ("Turkish-backed fighters shelled positions near Jarablus."
                            "\n\nA second paragraph about the border crossing.")


def test_seed_without_date_line_is_kept_with_a_warning(ctx):
    data = b"Shelling continued in Deir ez-Zor overnight, a monitoring group said.\n"

    [article] = read_text(io.BytesIO(data), "nodate.txt", ctx)

    assert isinstance(article, Article)
    assert article.published is None
    assert article.date_status == "missing"
    assert article.warnings == ["no `date YYYY-MM-DD` line; kept with date unknown"]
    assert article.text == "Shelling continued in Deir ez-Zor overnight, a monitoring group said."


def test_seed_over_the_size_limit_is_rejected(read, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("date 2017-01-01\n" + "Fighting in Mosul. " * 100, encoding="utf-8")

    result = read(path, settings={"read.max_record_bytes": 200})

    assert result.articles == []
    assert result.codes == ["E106"]
    assert "max_record_bytes" in result.rejections[0].problem


def test_real_seed_reads_as_one_dated_article(read):
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip(f"no seed files at {SEEDS}")

    result = read(SEEDS)

    assert result.rejections == []
    dated = [a for a in result.articles if a.published == date(2017, 5, 4)]
    assert len(dated) == 1
    [article] = dated
    raw = Path(article.origin.path).read_text(encoding="utf-8")
    match = re.match(r"\s*date\s+2017-05-04[ \t]*", raw)
    assert match is not None, "the seed starts with its date token"
    assert article.text == normalize_text(raw[match.end():])
    assert article.date_status == "ok"
    assert article.origin.format == "text"
