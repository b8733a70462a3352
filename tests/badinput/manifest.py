"""Every hostile input of tests/badinput: its file name, how it is made, and what ingesting it must give.

`made` is "committed" (a small file in tests/badinput/files/, written once by generate.py) or
"generated" (written by generate.py into a temporary folder at test time: big files, bombs).
`isolated` cases run as a real `dateline ingest` process whose peak memory and time are measured;
the others run the CLI in-process. Each case is ingested together with a good file (see the test).

An outcome lists the rejections expected for the file, in order, as (code, where): where is ""
for the whole file, ":N" for line N, "#N" for record N; then how many articles of the file are
stored and their date statuses. Nothing else may be rejected and nothing may be lost or doubled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import generate as g


@dataclass(frozen=True, slots=True)
class Case:
    """One hostile input and the outcome ingesting it must have."""

    name: str
    builder: Callable[[], object]
    what: str
    rejected: tuple[tuple[str, str], ...] = ()
    stored: int | tuple[int, int] = 0  # exact count, or an inclusive (low, high) range
    statuses: tuple[str, ...] | None = None  # date_status of the stored articles, in input order
    warned: int | None = None  # how many stored articles carry a warning
    problem: str = ""  # words the first rejection's problem must contain
    absent: tuple[str, ...] = ()  # strings no stored text or title may contain
    max_text: int | None = None  # longest stored text allowed (for expansion bombs)
    made: str = "committed"
    isolated: bool = False

    @property
    def committed(self) -> bool:
        return self.made == "committed"


def _gen(*args: object, **kwargs: object) -> Case:
    """A case generated at test time, run in its own process and measured."""
    return Case(*args, made="generated", isolated=True, **kwargs)  # type: ignore[arg-type]


OK = "ok"
NO_DATE = ("unparseable", "implausible")

CASES: tuple[Case, ...] = (
    # --- binary, archives, compression -----------------------------------------------------------
    Case("binary_png.txt", g.binary_png, "a PNG image named .txt", (("E102", ""),), problem="binary"),
    Case("binary_random.jsonl", g.binary_random, "8 KB of random bytes named .jsonl", (("E102", ""),)),
    Case("zip_named.csv", g.zip_named_csv, "a zip archive named .csv", (("E102", ""),)),
    Case("gzip_of_gzip.jsonl.gz", g.gzip_of_gzip, "gzip inside gzip", (("E102", ""),)),
    Case("truncated_gzip.jsonl.gz", g.truncated_gzip, "300 JSON lines gzipped, cut in half",
         (("E103", ""),), stored=(100, 160), problem="earlier articles were kept"),
    _gen("gzip_bomb_one_line.jsonl.gz", g.gzip_bomb_one_line, "250 KB gunzipping to a 256 MiB line",
         (("E106", ":2"),), stored=2, statuses=(OK, OK)),
    _gen("gzip_bomb_blank.jsonl.gz", g.gzip_bomb_blank, "gunzips to 128 MiB of spaces, then an article",
         (("E106", ":1"),), stored=1),
    # --- encodings -------------------------------------------------------------------------------
    Case("invalid_utf8.jsonl", g.invalid_utf8_lines, "UTF-8 with invalid bytes on line 2", stored=2,
         statuses=(OK, OK), warned=1),
    Case("utf16le_no_bom.txt", g.utf16le_no_bom, "seed text in UTF-16-LE without BOM", stored=1, statuses=(OK,)),
    Case("utf16be_no_bom.jsonl", g.utf16be_no_bom_jsonl, "JSON Lines in UTF-16-BE without BOM", stored=3),
    Case("surrogates_in_utf8.txt", g.surrogates_in_utf8, "encoded surrogates and an overlong sequence",
         stored=1, statuses=(OK,)),
    Case("control_chars.jsonl", g.jsonl_control_chars, "terminal escapes, BEL, BS, DEL in text and title",
         stored=1, absent=("\x1b", "\x07", "\x7f")),
    Case("bidi_and_invisible.jsonl", g.jsonl_bidi_and_invisible, "RTL overrides, zero-width and BOM characters",
         stored=1),
    Case("lone_surrogates.jsonl", g.jsonl_lone_surrogates, "JSON escapes of lone surrogates", stored=1,
         absent=("\ud800", "\udfff")),
    # --- CSV -------------------------------------------------------------------------------------
    Case("csv_with_nuls.csv", g.csv_with_nuls, "NUL bytes inside CSV cells", stored=2, absent=("\x00",)),
    Case("csv_ragged.csv", g.csv_ragged, "rows with too few and too many fields",
         (("E104", ":3"), ("E104", ":4")), stored=1, problem="fields"),
    Case("csv_unclosed_quote.csv", g.csv_unclosed_quote, "a quote opened on line 3, never closed",
         (("E104", ":3"),), stored=1, problem="quote left open"),
    Case("csv_mixed_line_endings.csv", g.csv_mixed_line_endings, "CRLF, LF and bare CR line ends",
         (("E104", ":3"),), stored=1, problem="new-line"),
    Case("csv_header_only.csv", g.csv_header_only, "a header and no rows", (("E105", ""),)),
    Case("csv_bad_dates.csv", g.csv_bad_dates, "dates 0000-00-00 and 9999-12-31", stored=2, statuses=NO_DATE,
         warned=2),
    _gen("csv_million_columns.csv", g.csv_million_columns, "a 1,000,003-column header and row",
         (("E106", ":1"),), problem="columns"),
    # --- JSON ------------------------------------------------------------------------------------
    _gen("jsonl_100mb_line.jsonl", g.jsonl_100mb_line, "a 100 MB line between two good ones",
         (("E106", ":2"),), stored=2, statuses=(OK, OK)),
    _gen("jsonl_depth_bomb.jsonl", g.jsonl_depth_bomb, "lines nested 100,000 and 50,000 deep",
         (("E104", ":2"), ("E104", ":3")), stored=2, problem="nested too deeply"),
    _gen("json_depth_bomb.json", g.json_document_depth_bomb, "a JSON document nested 120,000 deep",
         (("E104", ""),), problem="nested too deeply"),
    Case("jsonl_huge_integer.jsonl", g.jsonl_huge_integer, "a 50,000-digit number", (("E104", ":2"),),
         stored=2, problem="digits"),
    Case("jsonl_nan.jsonl", g.jsonl_nan_and_infinity, "NaN and Infinity as date and text", (("E105", ":2"),),
         stored=1, statuses=("unparseable",)),
    Case("jsonl_wrong_types.jsonl", g.jsonl_wrong_types, "a string, number, null, array and booleans as records",
         (("E104", ":2"), ("E104", ":3"), ("E104", ":4"), ("E104", ":5"), ("E105", ":6")), stored=1,
         problem="expected a JSON object"),
    _gen("jsonl_long_url_title.jsonl", g.jsonl_long_url_and_title, "a 400 KB URL and a 330 KB title", stored=1),
    Case("jsonl_bad_urls.jsonl", g.jsonl_bad_urls, "URLs urllib cannot split: '[' host, port 99999, port 'port'",
         stored=3, warned=3),
    _gen("jsonl_100k_keys.jsonl", g.jsonl_many_keys, "one record with 100,000 extra fields", stored=1),
    Case("jsonl_bad_dates.jsonl", g.jsonl_bad_dates, "0000-00-00, 9999-12-31, Feb 30, year -1, 1e20 s, 1e400",
         stored=6, statuses=("unparseable", "implausible", "unparseable", "unparseable", "unparseable", "unparseable"),
         warned=6),
    Case("jsonl_empty_articles.jsonl", g.jsonl_empty_articles, "empty, blank, null and missing texts",
         tuple(("E105", f":{n}") for n in range(1, 6)), problem="empty article"),
    Case("many_blank_lines.jsonl", g.many_empty_lines_then_article, "80 KB of blank lines, then two articles",
         stored=2),
    # --- seed text -------------------------------------------------------------------------------
    Case("seed_zero_date.txt", g.seed_zero_date, "date 0000-00-00", stored=1, statuses=("unparseable",), warned=1),
    Case("seed_far_date.txt", g.seed_far_future_date, "date 9999-12-31", stored=1, statuses=("implausible",),
         warned=1),
    Case("seed_month_13.txt", g.seed_impossible_date, "date 2017-13-45", stored=1, statuses=("unparseable",)),
    Case("seed_empty_body.txt", g.seed_empty_body, "a date line and blank lines", (("E105", ""),)),
    Case("seed_only_controls.txt", g.seed_only_controls, "a date line and control bytes", (("E102", ""),)),
    Case("seed_line_endings.txt", g.seed_mixed_line_endings, "CRLF, LF and CR paragraphs", stored=1),
    Case("seed_rare_nuls.txt", g.seed_rare_nuls, "two NUL bytes in a sentence", stored=1, absent=("\x00",)),
    Case("seed_nul_padded.txt", g.seed_nul_padded, "text padded with 4 KB of NULs", (("E102", ""),)),
    Case("empty.txt", g.empty_file, "zero bytes", (("E105", ""),)),
    Case("whitespace.jsonl", g.whitespace_file, "only blanks and line ends", (("E105", ""),)),
    _gen("seed_5mb_paragraph.txt", g.seed_5mb_paragraph, "one 5 MB paragraph", stored=1, statuses=(OK,)),
    _gen("seed_25mb.txt", g.seed_over_limit, "a 25 MB article (over read.max_record_bytes)", (("E106", ""),)),
    # --- HTML ------------------------------------------------------------------------------------
    _gen("html_deep_nesting.html", g.html_deep_nesting, "100,000 nested <div>s", stored=1),
    _gen("html_unclosed_nesting.html", g.html_unclosed_nesting, "90,000 unclosed inline tags", stored=1),
    _gen("html_5mb_paragraph.html", g.html_5mb_paragraph, "one 5 MB <p>", stored=1, statuses=(OK,)),
    Case("html_zero_date.html", g.html_bad_dates, "published_time 0000-00-00", stored=1,
         statuses=("unparseable",)),
    Case("html_far_date.html", g.html_far_date, "published_time 9999-12-31", stored=1, statuses=("implausible",)),
    Case("html_entity_bomb.html", g.html_entity_bomb, "a billion-laughs DOCTYPE in a page", stored=1,
         max_text=20_000),
    Case("html_no_text.html", g.html_no_text, "a script, a style and an empty body", (("E105", ""),)),
    Case("html_script.html", g.html_script_payload, "script tags and event handlers in the text", stored=1,
         absent=("document.cookie", "onerror")),
    Case("html_wrong_charset.html", g.html_wrong_charset, "UTF-8 bytes declared as UTF-16", stored=1),
    # --- feeds -----------------------------------------------------------------------------------
    Case("rss_billion_laughs.rss", g.rss_billion_laughs, "10 levels of 10 entity references",
         (("E104", ""),), problem="expand too far"),
    Case("rss_quadratic_blowup.rss", g.rss_quadratic_blowup, "a 50 KB entity referenced 20,000 times",
         (("E104", ""),), problem="expand too far"),
    Case("rss_xxe.rss", g.rss_external_entity, "an external entity naming /etc/passwd", stored=1,
         absent=("root:",)),
    Case("rss_external_dtd.rss", g.rss_external_dtd, "a DOCTYPE naming a remote DTD", stored=1),
    Case("rss_parameter_entity.rss", g.rss_parameter_entity, "a parameter entity naming /etc/passwd", stored=1,
         absent=("root:",)),
    Case("rss_author_redos.rss", g.rss_author_redos, "a 16 KB <author> run (feedparser e-mail ReDoS, #562)",
         stored=2, warned=1),
    Case("rss_many_attributes.rss", g.rss_many_attributes, "5,000 attributes on one <item>", (("E104", ""),),
         problem="5,000 attributes"),
    Case("rss_attlist_defaults.rss", g.rss_attlist_defaults, "2,000 <!ATTLIST> defaults for each of 100 items",
         (("E104", ""),), problem="<!ATTLIST>"),
    Case("rss_garbled_encoding.rss", g.rss_garbled_encoding, "an encoding name with a NUL and a non-UTF-8 byte",
         (("E104", ""),), problem="not a readable feed"),
    Case("rss_malformed.rss", g.rss_malformed, "a feed cut off inside its first item", (("E104", ""),)),
    Case("rss_no_entries.rss", g.rss_no_entries, "a channel without items", (("E105", ""),)),
    Case("rss_bad_dates.rss", g.rss_bad_dates, "pubDate 0000-00-00 and year 9999", stored=2, statuses=NO_DATE),
    Case("not_a_feed.xml", g.xml_not_a_feed, "an XML config file", (("E107", ""),)),
    # --- WARC ------------------------------------------------------------------------------------
    Case("warc_truncated_record.warc", g.warc_truncated_record, "3 pages, cut inside the third",
         (("E103", "#3"),), stored=2),
    Case("warc_truncated_headers.warc", g.warc_truncated_headers, "2 pages, cut inside the second's headers",
         (("E103", "#2"),), stored=1),
    Case("warc_garbage.warc", g.warc_garbage_record, "a page, then a garbled record", (("E103", "#2"),), stored=1),
    Case("warc_huge_length.warc", g.warc_huge_content_length, "Content-Length: 99999999999999",
         (("E103", "#1"),)),
    Case("warc_gz_truncated.warc.gz", g.warc_gz_truncated, "3 gzipped records, the last member cut",
         (("E103", "#3"),), stored=2),
    Case("warc_no_html.warc", g.warc_no_html, "only a robots.txt resource (nothing to read: skipped)"),
    # --- Parquet ---------------------------------------------------------------------------------
    Case("parquet_wrong_schema.parquet", g.parquet_wrong_schema, "numeric columns only",
         (("E105", "#1"), ("E105", "#2"), ("E105", "#3"))),
    Case("parquet_odd_types.parquet", g.parquet_odd_types, "binary text, integer dates, list titles",
         (("E105", "#3"),), stored=2),
    Case("parquet_bad_utf8.parquet", g.parquet_bad_utf8, "a string column with bytes that are not UTF-8",
         (("E104", "#2"),), stored=1, problem="not UTF-8"),
    Case("parquet_truncated.parquet", g.parquet_truncated, "a Parquet file cut in half", (("E104", ""),)),
    Case("parquet_is_csv.parquet", g.parquet_not_parquet, "CSV named .parquet", (("E104", ""),)),
    Case("parquet_magic_only.parquet", g.parquet_magic_only, "PAR1, 64 NULs, PAR1", (("E104", ""),)),
    # --- other -----------------------------------------------------------------------------------
    Case("unknown.dat", g.unknown_format, "prose with an unknown extension", (("E107", ""),)),
)

BY_NAME = {case.name: case for case in CASES}
assert len(BY_NAME) == len(CASES), "case names must be unique"
