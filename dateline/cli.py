"""The `dateline` command: thin Typer commands over the Python API, rich output on a terminal.

Output rules: tables and progress bars on a terminal; plain tab-separated lines when piped;
`--json` for scripts. Errors: one line on stderr with a code and a hint, exit status 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from . import render
from .config import Config, load_config, parse_set_options
from .errors import ConfigError, DatelineError
from .evaluate.cli import eval_app
from .export import EXPORT_FORMATS, export_articles
from .ingest import ingest as run_ingest
from .read import FORMATS
from .read.fields import parse_field_map
from .store import SCHEMA_VERSION, open_store
from .store.analyses import mentions_of
from .store.queries import ArticleFilter, count_articles, get_article, list_articles, stats, top_actors, top_places
from .version import READER_VERSION, __version__


class _Group(TyperGroup):
    """Turns DatelineErrors into one line on stderr and exit status 2 (in-process runs too)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DatelineError as exc:
            if _state["debug"]:
                raise
            err.print(f"[red]error[/red] {escape(str(exc))}")
            raise typer.Exit(2) from None


app = typer.Typer(cls=_Group, help="dateline: dated news in, a sourced, geolocated record of events out.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
config_app = typer.Typer(help="Show the resolved configuration.", no_args_is_help=True)
export_app = typer.Typer(help="Export stored records to files.", no_args_is_help=True)
app.add_typer(config_app, name="config")
app.add_typer(export_app, name="export")
app.add_typer(eval_app, name="eval")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
_state = {"debug": False}

DbOpt = Annotated[Path | None, typer.Option("--db", help="Database file [env DATELINE_DB; default ./dateline.duckdb].", show_default=False)]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="TOML config file [env DATELINE_CONFIG; default ./dateline.toml].", show_default=False)]
SetOpt = Annotated[list[str] | None, typer.Option("--set", help="Override a setting: KEY=VALUE (repeatable).", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
SinceOpt = Annotated[datetime | None, typer.Option("--since", formats=["%Y-%m-%d"], help="Published on or after this date.")]
UntilOpt = Annotated[datetime | None, typer.Option("--until", formats=["%Y-%m-%d"], help="Published on or before this date.")]
OutletOpt = Annotated[str | None, typer.Option("--outlet", help="Only this outlet (case-insensitive).")]
SearchOpt = Annotated[str | None, typer.Option("--search", help="Words that must appear in the title or text.")]
NameSearchOpt = Annotated[str | None, typer.Option("--search", help="Words that must appear in the name.")]
FoundSinceOpt = Annotated[datetime | None, typer.Option("--since", formats=["%Y-%m-%d"], help="Event date (figures: as-of date) on or after this date; the publication date where a finding has none.")]
FoundUntilOpt = Annotated[datetime | None, typer.Option("--until", formats=["%Y-%m-%d"], help="Event date (figures: as-of date) on or before this date; the publication date where a finding has none.")]

InputFormat = Enum("InputFormat", {f: f for f in FORMATS}, type=str)  # type: ignore[misc]
ExportFormat = Enum("ExportFormat", {f: f for f in EXPORT_FORMATS}, type=str)  # type: ignore[misc]


def _config(db: Path | None, config_file: Path | None = None, sets: list[str] | None = None) -> Config:
    return load_config(config_file, parse_set_options(sets or []), str(db) if db else None)


def _day(value: datetime | None) -> date | None:
    """The date of a --since/--until option (Typer parses them as datetimes)."""
    return value.date() if value else None


def _filter(since: datetime | None, until: datetime | None, outlet: str | None, search: str | None) -> ArticleFilter:
    return ArticleFilter(_day(since), _day(until), outlet, search)


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=_json_default) + "\n")


def _json_default(value: Any) -> str:
    return value.isoformat() if isinstance(value, (date, datetime)) else str(value)


def _version_callback(value: bool) -> None:
    if value:
        out.print(f"dateline {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version_callback, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    _state["debug"] = debug


@app.command()
def version(as_json: JsonOpt = False) -> None:
    """Print package, schema and pipeline versions."""
    from .analyze.pipeline import pipeline_version

    config = _config(None)
    info = {"dateline": __version__, "schema": SCHEMA_VERSION, "reader": READER_VERSION,
            "pipeline": pipeline_version(config),
            "python": sys.version.split()[0]}
    if as_json:
        _print_json(info)
        return
    out.print(f"dateline {__version__}\nschema   {SCHEMA_VERSION}\nreader   {READER_VERSION}\n"
              f"pipeline {info['pipeline']}")


@app.command()
def about(
    notice: Annotated[bool, typer.Option("--notice", help="Print the NOTICE file's text (licenses of everything shipped).")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Show dateline's license and the sources of the data and assets it ships."""
    from .about import about_info, notice_text

    if notice:
        typer.echo(notice_text(), nl=False)
        return
    info = about_info()
    if as_json:
        _print_json(info)
        return
    out.print(f"dateline {info['dateline']}, {info['license']} license. It ships data and assets made by others:")
    render.records(out, info["attributions"], ("name", "license", "what"), title="third-party sources",
                   terminal=out.is_terminal)
    out.print("Full text with files and notices: dateline about --notice (the NOTICE file).")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, glob patterns, or - for stdin.", show_default=False)],
    fmt: Annotated[InputFormat | None, typer.Option("--format", help="Read every input as this format (default: detect).")] = None,
    field_map: Annotated[list[str] | None, typer.Option("--map", help="Rename input fields: FIELD=COLUMN, e.g. text=body (repeatable).")] = None,
    db: DbOpt = None, config_file: ConfigOpt = None, sets: SetOpt = None, as_json: JsonOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary; errors only.")] = False,
) -> None:
    """Read articles from PATHS and store them; rerunning never stores anything twice."""
    config = _config(db, config_file, sets)
    mapping = parse_field_map(field_map or [])
    with open_store(config["store.path"], config=config) as store:
        with render.IngestProgress(err, enabled=not quiet and not as_json and err.is_terminal) as progress:
            report = run_ingest(store, paths, config=config, fmt=fmt.value if fmt else None,
                                field_map=mapping, on_item=progress.update)
    if as_json:
        _print_json(report.to_dict())
    elif not quiet:
        render.ingest_summary(out, report, terminal=out.is_terminal)
    render.rejections(err, report, limit=None if _state["debug"] else 20)
    if report.read == 0:
        err.print("error: nothing could be read from the given inputs")
        raise typer.Exit(1)


@app.command("stats")
def stats_cmd(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Headline numbers of the store."""
    config = _config(db)
    with open_store(config["store.path"], read_only=True) as store:
        numbers = stats(store.con)
    if as_json:
        _print_json(numbers)
    else:
        render.stats(out, numbers, str(config["store.path"]))


@app.command()
def articles(
    since: SinceOpt = None, until: UntilOpt = None, outlet: OutletOpt = None, search: SearchOpt = None,
    limit: Annotated[int, typer.Option(min=1, help="How many to list.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many first.")] = 0,
    db: DbOpt = None, as_json: JsonOpt = False,
) -> None:
    """List stored articles, newest first."""
    config = _config(db)
    flt = _filter(since, until, outlet, search)
    with open_store(config["store.path"], read_only=True) as store:
        rows = list_articles(store.con, flt, limit=limit, offset=offset)
        total = count_articles(store.con, flt)
    if as_json:
        _print_json({"total": total, "offset": offset, "articles": rows})
    else:
        render.article_list(out, rows, total, offset, terminal=out.is_terminal)


@app.command()
def show(ref: Annotated[str, typer.Argument(metavar="ID", help="Article id or a unique prefix of it.")],
         db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Show one article: its metadata, where it came from, and its text."""
    config = _config(db)
    with open_store(config["store.path"], read_only=True) as store:
        record = get_article(store.con, ref)
        found = mentions_of(store.con, record["id"])
    if as_json:
        _print_json({**record, **found})
    else:
        render.article(out, record, found)


@export_app.command("articles")
def export_articles_cmd(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat("csv"),  # type: ignore[assignment]
    output: Annotated[str, typer.Option("--output", "-o", help="Output file ('-' for stdout, csv/jsonl only).")] = "-",
    since: SinceOpt = None, until: UntilOpt = None, outlet: OutletOpt = None, search: SearchOpt = None,
    db: DbOpt = None,
) -> None:
    """Export articles as CSV, JSON Lines or Parquet."""
    config = _config(db)
    dataset = fmt.value == "parquet" and (output.endswith("/") or Path(output).is_dir())
    with open_store(config["store.path"], read_only=True) as store:
        if dataset:  # a folder: a Parquet dataset partitioned by publication year and month
            from .dataset import export_articles_dataset

            rows = export_articles_dataset(store.con, output, _filter(since, until, outlet, search))
        else:
            rows = export_articles(store.con, output, fmt.value, _filter(since, until, outlet, search))
    if output != "-":
        err.print(f"wrote {rows:,} articles to {escape(output)}")


RecordFormat = Enum("RecordFormat", {f: f for f in ("csv", "jsonl", "parquet", "plover", "acled", "gdelt")}, type=str)  # type: ignore[misc]


def _export_records(kind: str, fmt: Any, output: str, since: datetime | None, until: datetime | None,
                    db: Path | None, **filters: Any) -> None:
    from .exports import export_records

    config = _config(db)
    with open_store(config["store.path"], read_only=True) as store:
        rows = export_records(store.con, kind, fmt.value, output, since=_day(since),
                              until=_day(until),
                              **{k: v for k, v in filters.items() if v is not None})
    if output != "-":
        err.print(f"wrote {rows:,} {kind} to {escape(output)}")


@export_app.command("events")
def export_events_cmd(
    fmt: Annotated[RecordFormat, typer.Option("--format", "-f", help="csv, jsonl, parquet, plover (JSON Lines), acled (CSV), gdelt (TSV).")] = RecordFormat("csv"),  # type: ignore[assignment]
    output: Annotated[str, typer.Option("--output", "-o", help="Output file ('-' for stdout).")] = "-",
    since: SinceOpt = None, until: UntilOpt = None,
    kind: Annotated[str | None, typer.Option("--type", help="Only this PLOVER type.")] = None,
    factuality: Annotated[str | None, typer.Option(help="Only this factuality.")] = None,
    db: DbOpt = None,
) -> None:
    """Export coded events (PLOVER JSON, ACLED- and GDELT-like layouts: see docs/exports.md)."""
    _export_records("events", fmt, output, since, until, db, type=kind.upper() if kind else None, factuality=factuality)


@export_app.command("figures")
def export_figures_cmd(
    fmt: Annotated[RecordFormat, typer.Option("--format", "-f", help="csv, jsonl or parquet.")] = RecordFormat("csv"),  # type: ignore[assignment]
    output: Annotated[str, typer.Option("--output", "-o", help="Output file ('-' for stdout).")] = "-",
    since: SinceOpt = None, until: UntilOpt = None, db: DbOpt = None,
) -> None:
    """Export reported figures."""
    _export_records("figures", fmt, output, since, until, db)


@export_app.command("stories")
def export_stories_cmd(
    fmt: Annotated[RecordFormat, typer.Option("--format", "-f", help="csv, jsonl or parquet.")] = RecordFormat("csv"),  # type: ignore[assignment]
    output: Annotated[str, typer.Option("--output", "-o", help="Output file ('-' for stdout).")] = "-",
    since: SinceOpt = None, until: UntilOpt = None, db: DbOpt = None,
) -> None:
    """Export stories (groups of articles about one happening)."""
    _export_records("stories", fmt, output, since, until, db)


@app.command()
def report(output: Annotated[str, typer.Option("--output", "-o", help="HTML file to write.")] = "report.html",
           title: Annotated[str | None, typer.Option(help="Report title.")] = None,
           since: SinceOpt = None, until: UntilOpt = None, db: DbOpt = None) -> None:
    """Write one self-contained HTML report (no external requests): numbers, map, timeline, stories, figures, events."""
    from .report import write_report

    config = _config(db)
    with open_store(config["store.path"], read_only=True) as store:
        path = write_report(store.con, output, title=title, since=_day(since),
                            until=_day(until))
    err.print(f"wrote {escape(str(path))}")


@app.command()
def analyze(
    db: DbOpt = None, config_file: ConfigOpt = None, sets: SetOpt = None, as_json: JsonOpt = False,
    redo: Annotated[bool, typer.Option("--redo", help="Analyse every article again, not only new or stale ones.")] = False,
    limit: Annotated[int | None, typer.Option(min=1, help="Analyse at most this many articles.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    engine: Annotated[str | None, typer.Option(help="local (this machine's cores) or dask.")] = None,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler tcp://HOST:PORT (none: a LocalCluster).")] = None,
    workers: Annotated[int | None, typer.Option(min=0, help="Worker processes (0: one per core).")] = None,
) -> None:
    """Find actors, places, times, quotes, figures and events in articles lacking a current analysis."""
    from .analyze.run import analyze_store

    engine_sets = [f"{k}={v}" for k, v in (("engine.name", engine), ("engine.scheduler", scheduler),
                                           ("engine.workers", workers)) if v is not None]
    config = _config(db, config_file, [*(sets or []), *engine_sets])
    with open_store(config["store.path"], config=config) as store:
        with render.CountProgress(err, "articles analysed", enabled=not quiet and not as_json and err.is_terminal) as progress:
            report = analyze_store(store, config, redo=redo, limit=limit, on_batch=progress.update)
    if as_json:
        _print_json(report.to_dict())
    elif not quiet:
        render.analyze_summary(out, report)


@app.command()
def actors(search: NameSearchOpt = None, limit: Annotated[int, typer.Option(min=1)] = 50,
           db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Canonical actors found in the articles, most mentioned first."""
    _ranked(top_actors, "actors", ("name", "code", "country", "sector", "kind", "articles", "mentions"),
            search=search, limit=limit, db=db, as_json=as_json)


@app.command()
def places(search: NameSearchOpt = None, limit: Annotated[int, typer.Option(min=1)] = 50,
           db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Places (GeoNames) found in the articles, most mentioned first."""
    _ranked(top_places, "places", ("geonameid", "name", "country", "admin1", "lat", "lon", "articles", "mentions"),
            search=search, limit=limit, db=db, as_json=as_json)


def _ranked(top: Callable[..., list[dict[str, Any]]], title: str, columns: tuple[str, ...], *, search: str | None,
            limit: int, db: Path | None, as_json: bool) -> None:
    """Print a ranking of the store's mentions (`top_actors` or `top_places`) as JSON or a table."""
    config = _config(db)
    with open_store(config["store.path"], read_only=True) as store:
        rows = top(store.con, limit=limit, search=search)
    if as_json:
        _print_json(rows)
    else:
        render.records(out, rows, columns, title=title, terminal=out.is_terminal)


KindOpt = Annotated[str | None, typer.Option("--type", "--kind", help="Event type (ASSAULT) or figure kind (killed).")]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Actor id, ISO3 code or name words.")]
PlaceOpt = Annotated[str | None, typer.Option("--place", help="Place name words or a GeoNames id.")]


@app.command()
def events(kind: KindOpt = None, actor: ActorOpt = None, place: PlaceOpt = None, since: FoundSinceOpt = None,
           until: FoundUntilOpt = None,
           factuality: Annotated[str | None, typer.Option(help="happened, planned, hypothetical, negated or claimed.")] = None,
           limit: Annotated[int, typer.Option(min=1)] = 50, db: DbOpt = None, as_json: JsonOpt = False,
           merged: Annotated[bool, typer.Option("--merged", help="One row per happening, with its sources (after `dateline corpus`).")] = False,
           min_sources: Annotated[int, typer.Option(min=1, help="With --merged: at least this many independent outlets.")] = 1) -> None:
    """PLOVER events coded in the articles, latest first (or merged across sources with --merged)."""
    from .store.findings import FindingFilter, list_events

    config = _config(db)
    if merged:
        _only_with("--merged", "--type and --min-sources", actor=actor, place=place, since=since, until=until,
                   factuality=factuality)
        _merged_events(config, kind, min_sources, limit, as_json)
        return
    flt = FindingFilter(kind, actor, place, _day(since), _day(until), factuality)
    with open_store(config["store.path"], read_only=True) as store:
        rows = list_events(store.con, flt, limit=limit)
    if as_json:
        _print_json(rows)
    else:
        render.records(out, rows, ("date", "type", "mode", "factuality", "source_actors", "target_actors", "place",
                                   "trigger", "fatalities", "outlet", "article_id"), title="events",
                       terminal=out.is_terminal)


def _only_with(mode: str, allowed: str, **given: object) -> None:
    """Refuse filters a listing mode does not apply, rather than ignoring them silently."""
    ignored = [f"--{name}" for name, value in given.items() if value is not None]
    if ignored:
        raise ConfigError(f"{mode} does not filter by {', '.join(ignored)}", hint=f"{mode} takes {allowed} only")


def _merged_events(config: Config, kind: str | None, min_sources: int, limit: int, as_json: bool) -> None:
    from .store.merged import merged_events

    with open_store(config["store.path"], read_only=True) as store:
        rows = merged_events(store.con, type=kind.upper() if kind else None, min_outlets=min_sources)[-limit:][::-1]
    if as_json:
        _print_json(rows)
    else:
        columns = tuple(c for c in ("date", "type", "factuality", "place", "reports", "outlets",
                                    "independent_outlets", "merged_id") if not rows or c in rows[0])
        render.records(out, rows, columns, title="merged events", terminal=out.is_terminal)


@app.command()
def figures(kind: KindOpt = None, actor: ActorOpt = None, place: PlaceOpt = None, since: FoundSinceOpt = None,
            until: FoundUntilOpt = None, limit: Annotated[int, typer.Option(min=1)] = 50, db: DbOpt = None,
            as_json: JsonOpt = False,
            series: Annotated[bool, typer.Option("--series", help="Group figures about the same subject into series, disagreements flagged.")] = False) -> None:
    """Reported figures (killed, wounded, troops, displaced, money...), latest first."""
    from .store.findings import FindingFilter, list_figures

    config = _config(db)
    if series:
        _only_with("--series", "--kind", actor=actor, place=place, since=since, until=until)
        _figure_series(config, kind, limit, as_json)
        return
    flt = FindingFilter(kind, actor, place, _day(since), _day(until))
    with open_store(config["store.path"], read_only=True) as store:
        rows = list_figures(store.con, flt, limit=limit)
    if as_json:
        _print_json(rows)
    else:
        render.records(out, rows, ("as_of", "kind", "qualifier", "value", "low", "high", "phrase", "actor_country",
                                   "place", "speaker", "outlet"), title="figures", terminal=out.is_terminal)


def _num(x: float | None) -> str:
    """A figure for reading: no float noise (110.00000000000001 -> 110), thousands separated."""
    return "?" if x is None else f"{round(x, 1):,g}" if abs(x) < 1e6 else f"{x:,.0f}"


def _figure_series(config: Config, kind: str | None, limit: int, as_json: bool) -> None:
    from dataclasses import asdict

    from .corpus.series import figure_series

    with open_store(config["store.path"], read_only=True) as store:
        found = figure_series(store.con, config, kind=kind)[:limit]
    if as_json:
        _print_json([{"subject": s.subject, **asdict(s)} for s in found])
        return
    for item in found:
        out.print(f"[bold]{escape(item.subject)}[/bold]: {len(item.points)} figures, "
                  f"{len(item.disagreements)} disagreements")
        for e in item.estimates:
            out.print(f"  {e.month}: low {_num(e.low)}, best {_num(e.best)}, high {_num(e.high)} "
                      f"({e.sources} source{'s' if e.sources != 1 else ''})")


@app.command()
def timeline(query: Annotated[str, typer.Argument(help="An actor, a place, a story id or keywords.")],
             limit: Annotated[int, typer.Option(min=1)] = 50, db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Dated entries about an actor, a place, a story or keywords, each with a summary and its sources."""
    from dataclasses import asdict

    from .corpus.timeline import timeline as build_timeline

    config = _config(db)
    with open_store(config["store.path"], read_only=True) as store:
        entries = build_timeline(store.con, query, limit=limit)
    if as_json:
        _print_json([asdict(e) for e in entries])
        return
    for entry in entries:
        outlets = ", ".join(sorted({s.outlet for s in entry.sources if s.outlet}))
        out.print(f"[bold]{entry.date or '?'}[/bold] {escape(entry.summary)} [dim]({escape(outlets or 'no outlet')}; "
                  f"{len(entry.sources)} source{'s' if len(entry.sources) != 1 else ''})[/dim]")


@app.command("corpus")
def corpus_cmd(db: DbOpt = None, config_file: ConfigOpt = None, sets: SetOpt = None, as_json: JsonOpt = False) -> None:
    """Mark near-duplicates, group articles into stories, merge event reports (only what is new)."""
    from .corpus import update_corpus, update_merged

    config = _config(db, config_file, sets)
    with open_store(config["store.path"], config=config) as store:
        report = update_corpus(store, config)
        merged = update_merged(store, config)
    if as_json:
        _print_json({**report.to_dict(), "event_reports": merged.reports, "merged_opened": merged.opened,
                     "merged_joined": merged.joined})
        return
    out.print(f"{report.articles:,} new articles: {report.exact:,} exact and {report.near:,} near duplicates, "
              f"{report.stories_opened:,} stories opened, {report.stories_joined:,} joined ({report.seconds:.1f} s)")
    out.print(f"{merged.reports:,} new event reports: {merged.opened:,} merged events opened, {merged.joined:,} joined")
    for warning in report.warnings:
        err.print(f"[yellow]warning[/yellow] {escape(warning)}")


@app.command()
def stories(limit: Annotated[int, typer.Option(min=1)] = 30, offset: Annotated[int, typer.Option(min=0)] = 0,
            min_articles: Annotated[int, typer.Option(min=1, help="Only stories with at least this many articles.")] = 1,
            db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Stories (articles about the same happening), largest and latest first."""
    from .store.corpus import list_stories

    config = _config(db)
    with open_store(config["store.path"], read_only=True) as store:
        rows = list_stories(store.con, limit=limit, offset=offset, min_articles=min_articles)
    if as_json:
        _print_json(rows)
    else:
        render.records(out, rows, ("story_id", "first_date", "last_date", "articles", "texts", "outlets", "title"),
                       title="stories", terminal=out.is_terminal)


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1 keeps it on this machine).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    allow_ingest: Annotated[bool, typer.Option("--allow-ingest", help="Open POST /api/ingest (needs --token); the server becomes the database's writer.")] = False,
    token: Annotated[str | None, typer.Option(envvar="DATELINE_TOKEN", help="Bearer token the ingest endpoint requires [env DATELINE_TOKEN].", show_default=False)] = None,
    workers: Annotated[int | None, typer.Option(min=1, max=64, help="Server processes, each reading the store (read-only only) [default: web.workers].", show_default=False)] = None,
    config_file: ConfigOpt = None, sets: SetOpt = None,
) -> None:
    """Serve the HTTP API (/api, docs at /docs) and the web page over a store.

    API answers are cached until the store changes (web.cache_mb; `--set web.cache_mb=0` turns it off)."""
    from importlib.util import find_spec

    missing = [m for m in ("fastapi", "uvicorn") if find_spec(m) is None]
    if missing:
        raise ConfigError(f"the web extra is not installed ({', '.join(missing)} missing)",
                          hint='pip install "dateline[web]"')
    from .web import serve as run_server
    config = _config(db, config_file, sets)
    if allow_ingest and not token:
        raise ConfigError("--allow-ingest needs a --token (or DATELINE_TOKEN)", hint="choose a long random token")
    processes = workers or int(config["web.workers"])
    err.print(f"serving {escape(str(config['store.path']))} on http://{host}:{port}/ with {processes} "
              f"process{'es' if processes > 1 else ''} (Ctrl-C to stop)")
    run_server(str(config["store.path"]), host, port, allow_ingest=allow_ingest, token=token,
               max_body_bytes=int(config["web.max_body_bytes"]), workers=processes,
               cache_mb=int(config["web.cache_mb"]), cache_max_age=int(config["web.cache_max_age"]),
               concurrent_queries=int(config["web.concurrent_queries"]))


@app.command()
def migrate(db: DbOpt = None) -> None:
    """Bring a database to this dateline's schema version (keeps all data)."""
    config = _config(db)
    with open_store(config["store.path"], config=config) as store:
        applied = store.migrated
    out.print(f"applied migrations {applied}" if applied else f"schema is current (version {SCHEMA_VERSION})")


@config_app.command("show")
def config_show(config_file: ConfigOpt = None, sets: SetOpt = None, db: DbOpt = None) -> None:
    """Print the resolved configuration as commented TOML."""
    config = _config(db, config_file, sets)
    sys.stdout.write(f"# resolved from: {config.source}\n{config.to_toml()}")


def main() -> None:
    """Entry point: run the app; an interrupt keeps what was written and says so."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted; what was written so far is kept, rerun to continue")
        sys.exit(130)
