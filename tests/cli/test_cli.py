"""End-to-end CLI: ingest, stats, articles, show, export, version and config, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dateline.store.schema import SCHEMA_VERSION
from tests.conftest import news, run_dateline, write_jsonl


def test_help_and_module_entry_point() -> None:
    proc = run_dateline("--help")
    assert proc.returncode == 0
    for command in ("ingest", "stats", "articles", "show", "export", "version"):
        assert command in proc.stdout.decode()


def test_version_prints_package_schema_and_pipeline(cli) -> None:
    result = cli("version", "--json")
    info = result.json()
    assert info["schema"] == SCHEMA_VERSION
    assert info["reader"] == "read.v1"
    assert info["pipeline"].startswith("nlp.spacy.v1+")
    assert cli("--version").stdout.startswith("dateline ")


def test_ingest_the_seed(cli, shared: Path, db_path: Path) -> None:
    result = cli("ingest", shared / "seeds", "--db", db_path, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["new"] == 1
    listed = cli("articles", "--db", db_path, "--json").json()
    assert listed["total"] == 1
    article = cli("show", listed["articles"][0]["id"], "--db", db_path, "--json").json()
    assert article["published"] == "2017-05-04"
    seed = next((shared / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    body = seed.split("2017-05-04", 1)[1]
    assert article["text"].startswith("The United States and Iraq now are in talks")
    assert article["text"].endswith("told BuzzFeed News.")
    assert article["text"].split() == body.split()  # the whole body, whitespace normalized


def test_ingest_demo_corpus_then_again(cli, examples: Path, db_path: Path) -> None:
    manifest = json.loads((examples.parent / "manifest.json").read_text())
    first = cli("ingest", examples, "--db", db_path, "--json")
    assert first.exit_code == 0, first.stderr
    report = first.json()
    assert report["rejected"] == 0, report["rejections"]
    assert report["new"] == len(manifest)
    second = cli("ingest", examples, "--db", db_path, "--json").json()
    assert (second["new"], second["already_stored"], second["updated"]) == (0, len(manifest), 0)
    stats = cli("stats", "--db", db_path, "--json").json()
    assert stats["articles"] == len(manifest)
    assert set(stats["by_format"]) == {"text", "jsonl", "csv", "html", "warc", "feed"}
    assert stats["undated"] == 0


def test_bad_inputs_are_reported_and_the_rest_is_stored(cli, tmp_path: Path, db_path: Path) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", [news(1), news(2)])
    broken = tmp_path / "broken.jsonl"
    broken.write_text(json.dumps(news(3)) + "\n{\"url\": \n")
    (tmp_path / "picture.txt").write_bytes(bytes(range(256)) * 4)
    result = cli("ingest", good, broken, tmp_path / "picture.txt", tmp_path / "missing.csv", "--db", db_path)
    assert result.exit_code == 0
    assert "new\t3" in result.stdout
    assert f"{broken}:2: E104" in result.stderr
    assert "picture.txt: E102" in result.stderr
    assert "missing.csv: E108" in result.stderr


def test_exit_status_is_nonzero_only_when_nothing_could_be_read(cli, tmp_path: Path, db_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    result = cli("ingest", empty, tmp_path / "nope.txt", "--db", db_path)
    assert result.exit_code == 1
    assert "nothing could be read" in result.stderr


def test_articles_filters(cli, tmp_path: Path, db_path: Path) -> None:
    records = [news(i) for i in range(6)] + [news(9, outlet="Levant Ledger", title="Raqqa dam", date="2017-05-02")]
    cli("ingest", write_jsonl(tmp_path / "n.jsonl", records), "--db", db_path)
    def total(*args: str) -> int:
        return cli("articles", "--db", db_path, "--json", *args).json()["total"]
    assert total() == 7
    assert total("--outlet", "Levant Ledger") == 1
    assert total("--since", "2017-03-04") == 4  # 03-04, 03-05, 03-06 and 05-02
    assert total("--until", "2017-03-02") == 2
    assert total("--search", "raqqa") == 1
    plain = cli("articles", "--db", db_path, "--limit", "2")
    assert len(plain.stdout.strip().splitlines()) == 2
    assert plain.stdout.split("\t")[1] == "2017-05-02"


def test_show_unknown_id_is_a_clear_error(cli, tmp_path: Path, db_path: Path) -> None:
    cli("ingest", write_jsonl(tmp_path / "n.jsonl", [news(1)]), "--db", db_path)
    proc = run_dateline("show", "0000000000", "--db", db_path)
    assert proc.returncode == 2
    assert b"E300: no article with id" in proc.stderr
    assert b"Traceback" not in proc.stderr


def test_query_commands_without_a_database_say_what_to_do(tmp_path: Path) -> None:
    proc = run_dateline("stats", "--db", tmp_path / "none.duckdb")
    assert proc.returncode == 2
    assert b"dateline ingest" in proc.stderr


def test_show_prints_markup_in_text_as_written(cli, tmp_path: Path, db_path: Path) -> None:
    record = news(1, title="[bold red]Not markup[/]", text="Text with [link=http://x.example]a link[/link] inside.")
    cli("ingest", write_jsonl(tmp_path / "m.jsonl", [record]), "--db", db_path)
    article_id = cli("articles", "--db", db_path, "--json").json()["articles"][0]["id"]
    shown = cli("show", article_id, "--db", db_path)
    assert "[bold red]Not markup[/]" in shown.stdout
    assert "[link=http://x.example]a link[/link]" in shown.stdout


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_articles(cli, tmp_path: Path, db_path: Path, fmt: str) -> None:
    cli("ingest", write_jsonl(tmp_path / "n.jsonl", [news(i) for i in range(4)]), "--db", db_path)
    target = tmp_path / f"articles.{fmt}"
    result = cli("export", "articles", "--format", fmt, "-o", target, "--db", db_path)
    assert result.exit_code == 0, result.stderr
    if fmt == "parquet":
        assert pq.read_table(target).num_rows == 4
    elif fmt == "jsonl":
        assert len(target.read_text().splitlines()) == 4
    else:
        assert len(target.read_text().splitlines()) >= 5  # header + 4 rows (texts have paragraphs)


def test_field_map_and_format_override(cli, tmp_path: Path, db_path: Path) -> None:
    odd = tmp_path / "feed.dat"
    odd.write_text(json.dumps({"body": "Shelling hit Hawija on Monday.", "pub": "2017-09-25", "link": "https://x.example/1"}) + "\n")
    result = cli("ingest", odd, "--format", "jsonl", "--map", "text=body", "--map", "published=pub",
                 "--db", db_path, "--json")
    assert result.json()["new"] == 1
    bad = cli("ingest", odd, "--map", "nonsense", "--db", db_path)
    assert bad.exit_code != 0


def test_stdin_and_env_database(tmp_path: Path) -> None:
    data = (json.dumps(news(1)) + "\n").encode()
    db = tmp_path / "env.duckdb"
    proc = run_dateline("ingest", "-", "--json", input=data, env={"DATELINE_DB": str(db)})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["new"] == 1
    assert db.exists()


def test_ingest_progress_and_summary_are_quiet_when_piped(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "n.jsonl", [news(i) for i in range(3)])
    proc = run_dateline("ingest", path, "--db", tmp_path / "q.duckdb")
    assert proc.stdout.decode().splitlines()[:2] == ["read\t3", "new\t3"]
    assert b"articles/s" not in proc.stderr  # no progress bar when not on a terminal
    quiet = run_dateline("ingest", path, "--db", tmp_path / "q.duckdb", "--quiet")
    assert quiet.stdout == b""


def test_config_show_and_bad_setting(cli) -> None:
    shown = cli("config", "show", "--set", "read.date_policy=reject")
    assert 'date_policy = "reject"' in shown.stdout
    bad = run_dateline("config", "show", "--set", "read.date_policy=sometimes")
    assert bad.returncode == 2
    assert b"read.date_policy must be one of keep, reject" in bad.stderr


def test_database_in_use_is_explained(tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    run_dateline("ingest", write_jsonl(tmp_path / "n.jsonl", [news(1)]), "--db", db)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb,sys,time; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(30)", str(db)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"ready"
        proc = run_dateline("ingest", tmp_path / "n.jsonl", "--db", db)
        assert proc.returncode == 2
        assert f"in use by process {holder.pid}".encode() in proc.stderr
        assert b"Traceback" not in proc.stderr
    finally:
        holder.kill()
        holder.communicate()


def test_analyze_then_show_highlights_findings(cli, tmp_path: Path, db_path: Path) -> None:
    record = news(1, text="Iraqi forces entered Mosul on Tuesday, officers said.")
    cli("ingest", write_jsonl(tmp_path / "n.jsonl", [record]), "--db", db_path)
    first = cli("analyze", "--db", db_path, "--json")
    assert first.exit_code == 0, first.stderr
    assert first.json()["analysed"] == 1
    assert cli("analyze", "--db", db_path, "--json").json()["analysed"] == 0
    article_id = cli("articles", "--db", db_path, "--json").json()["articles"][0]["id"]
    shown = cli("show", article_id, "--db", db_path, "--json").json()
    assert ("Mosul", "GPE") in {(e["text"], e["label"]) for e in shown["entities"]}
    assert [t["value"] for t in shown["time_mentions"]] == ["2017-02-28"]  # the Tuesday before Thu 2017-03-02
    plain = cli("show", article_id, "--db", db_path)
    assert "time   'Tuesday' -> DATE 2017-02-28" in plain.stdout


def test_eval_time_on_a_small_gold(cli, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    text = "The talks ended on Monday and resume next week."
    gold.write_text(json.dumps({"doc_id": "d1", "dct": "2017-05-04", "text": text, "timex3": [
        {"start": 19, "end": 25, "text": "Monday", "type": "DATE", "value": "2017-05-01"},
        {"start": 37, "end": 46, "text": "next week", "type": "DATE", "value": "2017-W19"}]}) + "\n")
    result = cli("eval", "time", "--gold", gold, "--json")
    assert result.exit_code == 0, result.stderr
    scores = result.json()
    assert scores["relaxed_f1"] == 1.0
    assert scores["value_f1"] == 1.0
    assert cli("eval", "time", "--gold", tmp_path / "missing.jsonl").exit_code == 2


def test_corpus_marks_wire_copies_and_groups_stories(cli, tmp_path: Path, db_path: Path) -> None:
    text = ("Iraqi forces retook the airport south of Mosul on Thursday after a push that began at dawn, "
            "commanders said. Engineers began clearing the runway of mines and wrecked vehicles.")
    records = [news(1, text=text, date="2017-02-23"),
               news(2, text=text.replace("commanders said", "officers said"), date="2017-02-24",
                    outlet="Levant Ledger"),
               news(3, text="Talks on a new oil revenue law stalled in Baghdad as lawmakers walked out.",
                    date="2017-06-02")]
    cli("ingest", write_jsonl(tmp_path / "n.jsonl", records), "--db", db_path)
    report = cli("corpus", "--db", db_path, "--json").json()
    assert (report["articles"], report["exact"] + report["near"]) == (3, 1)
    assert cli("corpus", "--db", db_path, "--json").json()["articles"] == 0  # incremental
    listed = cli("stories", "--db", db_path, "--json").json()
    assert sorted(s["articles"] for s in listed) == [1, 2]
    assert max(listed, key=lambda s: s["articles"])["outlets"] == 2


def test_events_and_figures_listings_filter(cli, tmp_path: Path, db_path: Path) -> None:
    records = [news(1, text="A car bomb killed 12 people in Baghdad on Monday, police said.", date="2017-01-10"),
               news(2, text="Iraq and Turkey signed an agreement on water sharing in Ankara on Tuesday.",
                    date="2017-02-14")]
    cli("ingest", write_jsonl(tmp_path / "n.jsonl", records), "--db", db_path)
    assert cli("analyze", "--db", db_path).exit_code == 0
    assaults = cli("events", "--db", db_path, "--type", "assault", "--json").json()
    assert assaults and {e["type"] for e in assaults} == {"ASSAULT"}
    assert all(e["published"] == "2017-01-10" for e in assaults)
    killed = cli("figures", "--db", db_path, "--kind", "killed", "--json").json()
    assert [(f["value"], f["qualifier"]) for f in killed] == [(12.0, "exact")]
    assert cli("events", "--db", db_path, "--since", "2017-02-01", "--type", "ASSAULT", "--json").json() == []
    shown = cli("show", assaults[0]["article_id"], "--db", db_path)
    assert "figure '12' -> killed exact 12.0" in shown.stdout


def test_report_and_event_exports_from_the_cli(cli, tmp_path: Path, db_path: Path) -> None:
    records = [news(1, text="A car bomb killed 12 people in Baghdad on Monday, police said.", date="2017-01-10")]
    cli("ingest", write_jsonl(tmp_path / "n.jsonl", records), "--db", db_path)
    cli("analyze", "--db", db_path)
    cli("corpus", "--db", db_path)
    acled = tmp_path / "events.csv"
    assert cli("export", "events", "-f", "acled", "-o", acled, "--db", db_path).exit_code == 0
    header, *rows = acled.read_text().splitlines()
    assert len(header.split(",")) == 31 and rows
    report = tmp_path / "report.html"
    assert cli("report", "-o", report, "--db", db_path).exit_code == 0
    html = report.read_text()
    assert "<html" in html and "Baghdad" in html and "http://" not in html.split("</style>")[0]
    dataset = tmp_path / "ds"
    dataset.mkdir()
    assert cli("export", "articles", "-f", "parquet", "-o", dataset, "--db", db_path).exit_code == 0
    assert list(dataset.rglob("*.parquet"))


def test_listing_modes_refuse_filters_they_do_not_apply(cli, tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    assert cli("ingest", "-", "--db", db, input="date 2017-05-04\nTalks were held.\n").exit_code == 0
    merged = cli("events", "--merged", "--actor", "IRQ", "--since", "2017-01-01", "--db", db)
    assert merged.exit_code == 2 and "E200" in merged.stderr and "--actor, --since" in merged.stderr
    series = cli("figures", "--series", "--place", "Mosul", "--db", db)
    assert series.exit_code == 2 and "--series does not filter by --place" in series.stderr
    assert cli("figures", "--series", "--kind", "killed", "--db", db).exit_code == 0


def test_actor_filter_keeps_events_the_actor_takes_part_in(cli, tmp_path: Path) -> None:
    db = tmp_path / "actors.duckdb"
    records = [news(1, text="A car bomb killed 12 people in Baghdad on Monday, police said. Turkey's embassy in "
                            "the city stayed closed for a holiday.", date="2017-01-10"),
               news(2, text="Iraq and Turkey signed an agreement on water sharing in Ankara on Tuesday.",
                    date="2017-02-14")]
    cli("ingest", write_jsonl(tmp_path / "a.jsonl", records), "--db", db)
    assert cli("analyze", "--db", db).exit_code == 0
    everything = cli("events", "--db", db, "--json").json()
    assert {e["type"] for e in everything} >= {"ASSAULT", "AGREE"}
    turkey = cli("events", "--db", db, "--actor", "TUR", "--json").json()
    assert turkey and all(any(a.endswith("TUR") or "TUR" in a for a in e["source_actors"] + e["target_actors"])
                          for e in turkey)
    assert "ASSAULT" not in {e["type"] for e in turkey}  # Turkey is named in that article, not in its bombing
