"""CSV and TSV: header names, quoted multi-line fields, delimiters, bad rows, empty files."""

from __future__ import annotations

import io
from datetime import date

from dateline.model import Article, Rejection
from dateline.read.csvfile import read_csv


def test_header_and_quoted_multiline_fields(read, fixtures):
    result = read(fixtures / "articles.csv")

    assert result.rejections == []
    first, second = result.articles
    assert [a.origin.line for a in result.articles] == [2, 5]  # the first row spans lines 2-4
    assert first.url == "https://example-news.test/qayyarah"
    assert first.published == date(2016, 7, 9)
    assert first.outlet == "Example News"
    assert first.text == ("Iraqi troops took the Qayyarah air base south of Mosul on Saturday, the defence "
                          "ministry said.\n\nEngineers began clearing the runway the next day.")
    assert second.title == "Sharqat, a town on the Tigris, retaken"
    assert second.text == ('Forces entered Sharqat after a short battle, said a police colonel, '
                           '"without heavy losses".')
    assert {a.origin.format for a in result.articles} == {"csv"}


def test_alternative_column_names(read, fixtures):
    [article] = read(fixtures / "articles_alt.csv").articles

    assert article.url == "https://desert-post.test/manbij"  # link
    assert article.title == "Manbij offensive begins"  # headline
    assert article.published == date(2016, 6, 1)  # published
    assert article.text == "Kurdish-led fighters crossed the Euphrates toward Manbij, a monitoring group reported."
    assert article.outlet == "Desert Post"  # source
    assert article.extra == {}


def test_tsv(read, fixtures):
    result = read(fixtures / "articles.tsv")

    assert result.rejections == []
    assert [a.title for a in result.articles] == ["Jarablus operation", "Dabiq taken"]
    assert [a.published for a in result.articles] == [date(2016, 8, 24), date(2016, 10, 16)]
    assert result.articles[0].text == "Turkish tanks crossed into Syria near Jarablus early on Wednesday, state media said."


def test_semicolon_delimiter_is_sniffed(read, fixtures):
    result = read(fixtures / "articles_semicolon.csv")

    assert result.rejections == []
    hawija, rawa = result.articles
    # the comma inside the text shows the row was not split on commas
    assert hawija.text == ("Iraqi forces began an offensive on Hawija, one of the last towns held by the group "
                           "in Iraq, officials said.")
    assert hawija.outlet == "Nordic Daily"
    assert rawa.published == date(2017, 11, 17)


def test_configured_delimiter(read, tmp_path):
    path = tmp_path / "pipes.csv"
    path.write_text("url|date|text\nhttps://example-news.test/baiji|2016-10-23|Baiji refinery, again, under fire.\n",
                    encoding="utf-8")

    [article] = read(path, settings={"read.csv_delimiter": "|"}).articles

    assert article.text == "Baiji refinery, again, under fire."
    assert article.published == date(2016, 10, 23)


def test_row_with_wrong_field_count_names_its_first_line(read, fixtures):
    result = read(fixtures / "articles_bad_row.csv")

    assert [(type(i).__name__, i.origin.line) for i in result.items] == [
        ("Article", 2), ("Rejection", 3), ("Article", 5)]
    [rejection] = result.rejections
    assert rejection.code == "E104"
    assert "6 fields" in rejection.problem and "5" in rejection.problem
    assert str(rejection.origin).endswith("articles_bad_row.csv:3")
    assert result.articles[1].title == "Tal Afar centre"


def test_empty_csv_is_rejected(read, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")

    result = read(path)

    assert result.articles == []
    assert result.codes == ["E105"]


def test_csv_reader_on_a_stream_without_rows(ctx):
    items = list(read_csv(io.BufferedReader(io.BytesIO(b"")), "nothing.csv", ctx))

    assert len(items) == 1 and isinstance(items[0], Rejection)
    assert items[0].code == "E105"


def test_blank_rows_are_skipped(ctx):
    data = b"date,text\n\n2017-10-17,Raqqa declared free of the group.\n,\n"

    items = list(read_csv(io.BufferedReader(io.BytesIO(data)), "blank.csv", ctx))

    assert [type(i) for i in items] == [Article]
    assert items[0].origin.line == 3


def test_header_only_csv_is_reported_empty(read, tmp_path):
    path = tmp_path / "header_only.csv"
    path.write_text("url,title,date,text\n")
    result = read(path)
    assert result.articles == []
    assert result.codes == ["E105"]
