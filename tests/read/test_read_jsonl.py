"""JSON Lines and JSON array files: field names, `--map`, extras, bad and oversized lines."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime

import pytest

from dateline.errors import ConfigError
from dateline.model import Article, Rejection
from dateline.read.fields import parse_field_map
from dateline.read.jsonl import read_jsonl


def test_default_field_names(read, fixtures):
    result = read(fixtures / "articles.jsonl")

    assert result.rejections == []
    first, second, third = result.articles
    assert [a.origin.line for a in result.articles] == [1, 3, 4]  # line 2 is blank and skipped
    assert {a.origin.format for a in result.articles} == {"jsonl"}

    assert first.url == "https://example-news.test/2016/11/02/mosul-gogjali"
    assert first.title == "Troops enter Gogjali on Mosul's edge"
    assert first.published == date(2016, 11, 2)
    assert first.outlet == "Example News"
    assert first.text == ("Iraqi special forces entered the district of Gogjali on the eastern edge of Mosul "
                          "on Tuesday.\n\nCommanders said the advance met car bombs and mortar fire.")
    assert first.extra == {"section": "world"}

    # `published`, `content` and `source` are the alternative names of date, text and outlet
    assert second.published == date(2017, 1, 24)
    assert second.published_at == datetime(2017, 1, 24, 9, 30, tzinfo=UTC)
    assert second.text == "The Iraqi army said it controlled all of east Mosul after 100 days of fighting."
    assert second.outlet == "Example News"
    assert second.extra == {}

    assert third.published == date(2017, 3, 27)  # "March 27, 2017"
    assert third.author == "Staff"
    assert third.extra == {"tags": ["syria", "raqqa"]}
    assert all(a.warnings == [] for a in result.articles)


def test_map_renames_fields(read, fixtures):
    mapping = parse_field_map(["text=body", "date=pub_time"])
    assert mapping == {"text": "body", "published": "pub_time"}

    [article] = read(fixtures / "articles_body.jsonl", field_map=mapping).articles

    assert article.text == ("The first convoy of buses carrying civilians and fighters left eastern Aleppo "
                            "on Thursday, a monitor said.")
    assert article.published == date(2016, 12, 15)
    assert article.url == "https://desert-post.test/aleppo-evacuation"  # alias `link`
    assert article.title == "Buses leave eastern Aleppo"  # alias `headline`
    assert article.outlet == "Desert Post"  # alias `site`
    # the record's own `text` was not used, so it is kept as an extra field
    assert article.extra == {"text": "TEASER ONLY"}


def test_without_map_the_default_names_win(read, fixtures):
    [article] = read(fixtures / "articles_body.jsonl").articles

    assert article.text == "TEASER ONLY"
    assert article.date_status == "missing"
    assert article.extra["pub_time"] == "2016-12-15"
    assert "body" in article.extra


@pytest.mark.parametrize("item", ["text", "text=", "colour=body", "=body"])
def test_bad_map_options_are_config_errors(item):
    with pytest.raises(ConfigError, match="--map"):
        parse_field_map([item])


def test_json_array_file(read, fixtures):
    result = read(fixtures / "articles_array.json")

    assert result.rejections == []
    assert [a.title for a in result.articles] == ["Palmyra changes hands again", "Turkish-backed groups in al-Bab"]
    assert [a.origin.record for a in result.articles] == [1, 2]
    assert [a.published for a in result.articles] == [date(2017, 3, 2), date(2017, 2, 23)]


def test_malformed_and_non_object_lines_are_rejected_and_reading_goes_on(read, fixtures):
    result = read(fixtures / "articles_bad_line.jsonl")

    kinds = [(type(i).__name__, i.origin.line) for i in result.items]
    assert kinds == [("Article", 1), ("Rejection", 2), ("Article", 3), ("Rejection", 4), ("Article", 5)]
    bad_json, not_object = result.rejections
    assert bad_json.code == "E104"
    assert str(bad_json.origin).endswith("articles_bad_line.jsonl:2")
    assert "invalid JSON" in bad_json.problem
    assert not_object.code == "E104"
    assert "expected a JSON object" in not_object.problem and "list" in not_object.problem
    assert [a.url for a in result.articles] == [f"https://example-news.test/a{n}" for n in (1, 3, 5)]


def test_invalid_json_names_the_column_within_the_line(ctx):
    data = (b'{"text": "Ramadi", "date": "2016-02-09"}\n'
            b'{"text": "x",, "date": "2016-02-10"}\n'
            b'{"text": "Ramadi"\n')

    items = list(read_jsonl(io.BufferedReader(io.BytesIO(data)), "cols.jsonl", ctx))

    assert isinstance(items[0], Article)
    doubled_comma, unclosed = items[1:]
    assert isinstance(doubled_comma, Rejection) and isinstance(unclosed, Rejection)
    assert (doubled_comma.origin.line, unclosed.origin.line) == (2, 3)
    assert doubled_comma.problem.endswith("at column 14")  # the second comma
    # the error is at the line's end, not at "column 1" of the text after its newline
    assert unclosed.problem.endswith("at column 19")


def test_oversized_line_is_rejected_and_reading_continues(read, tmp_path):
    lines = [
        {"url": "https://example-news.test/short-1", "date": "2017-06-21", "text": "The al-Nuri mosque was destroyed."},
        {"url": "https://example-news.test/huge", "date": "2017-06-22", "text": "Old city fighting. " * 200},
        {"url": "https://example-news.test/short-2", "date": "2017-06-23", "text": "Troops advanced in the old city."},
    ]
    path = tmp_path / "big-line.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")

    result = read(path, settings={"read.max_record_bytes": 500})

    assert [(type(i).__name__, i.origin.line) for i in result.items] == [
        ("Article", 1), ("Rejection", 2), ("Article", 3)]
    assert result.codes == ["E106"]
    assert [a.url for a in result.articles] == ["https://example-news.test/short-1",
                                                "https://example-news.test/short-2"]


def test_last_line_without_newline_is_read(ctx):
    data = b'{"text": "Qayyarah oil wells still burning.", "date": "2016-10-01"}'

    [article] = read_jsonl(io.BufferedReader(io.BytesIO(data)), "nonl.jsonl", ctx)

    assert isinstance(article, Article)
    assert article.text == "Qayyarah oil wells still burning."


def test_record_without_text_is_rejected_as_empty(ctx):
    data = b'{"title": "Headline only", "date": "2016-10-01"}\n{"text": "   ", "date": "2016-10-02"}\n'

    items = list(read_jsonl(io.BufferedReader(io.BytesIO(data)), "notext.jsonl", ctx))

    assert [(i.code, i.origin.line) for i in items if isinstance(i, Rejection)] == [("E105", 1), ("E105", 2)]


def test_pretty_printed_json_object_is_one_article(read, tmp_path):
    import json as _json

    path = tmp_path / "one.json"
    path.write_text(_json.dumps({"url": "https://x.example/a", "date": "2017-07-10",
                                 "text": "Abadi declared victory in Mosul."}, indent=2))
    result = read(path)
    assert result.codes == []
    assert [a.text for a in result.articles] == ["Abadi declared victory in Mosul."]


def test_jsonl_with_a_broken_first_line_still_reads_the_rest(read, tmp_path):
    path = tmp_path / "broken_first.json"
    path.write_text('{"text": "cut off\n{"text": "Second line is fine.", "date": "2017-01-24"}\n')
    result = read(path)
    assert result.codes == ["E104"]
    assert [a.text for a in result.articles] == ["Second line is fine."]
