"""Terminal output of the CLI: progress bars, summary tables, listings. Plain lines when piped.

Article text is untrusted: everything from the store goes through `escape` before rich sees it,
so markup-like text (`[bold]`, `[link=...]`) is printed as written, never interpreted.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from .ingest import IngestReport
from .model import Article
from .read.base import Item

REASONS = {
    "E101": "unreadable file", "E102": "binary data", "E103": "truncated or corrupt",
    "E104": "malformed record", "E105": "empty article", "E106": "too large",
    "E107": "unknown format", "E108": "no such path", "E109": "no usable date",
}


def _plain(console: Console, line: str) -> None:
    """A line as is, for scripts: no markup, no tab expansion, no wrapping."""
    console.file.write(line + "\n")


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} articles/s" if speed else "… articles/s", style="cyan")


class _Live:
    """A rich progress display that exists only on a terminal; a context manager around the work."""

    def __init__(self, enabled: bool, progress: Progress, **fields: Any) -> None:
        self.enabled = enabled
        self.progress = progress
        self.task = progress.add_task("work", total=None, **fields)

    def __enter__(self) -> Any:
        if self.enabled:
            self.progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.enabled:
            self.finish()
            self.progress.stop()

    def finish(self) -> None:
        """Last update before the display goes away."""


class IngestProgress(_Live):
    """A live counter of articles read, their rate, and the file being read (only on a terminal)."""

    def __init__(self, console: Console, *, enabled: bool) -> None:
        super().__init__(enabled, Progress(
            SpinnerColumn(), TextColumn("{task.completed:,} articles"), _RateColumn(), TimeElapsedColumn(),
            TextColumn("[dim]{task.fields[where]}"), console=console, transient=True), where="")
        self._pending = 0
        self._where = ""

    def update(self, item: Item) -> None:
        if not self.enabled:
            return
        if isinstance(item, Article):
            self._pending += 1
        path = item.origin.path
        if self._pending >= 200 or path != self._where:
            self._where = path
            self.progress.update(self.task, advance=self._pending, where=escape(path[-60:]))
            self._pending = 0

    def finish(self) -> None:
        self.progress.update(self.task, advance=self._pending)


def ingest_summary(console: Console, report: IngestReport, *, terminal: bool) -> None:
    """The counts of an ingest run: a table on a terminal, `key<TAB>value` lines when piped."""
    rows = [("read", report.read), ("new", report.new), ("updated", report.updated),
            ("already stored", report.unchanged), ("rejected", report.rejected),
            ("with warnings", report.warned)]
    if not terminal:
        for name, value in rows:
            _plain(console, f"{name}\t{value}")
        return
    table = Table(title=f"ingest run {report.run_id}: {report.read:,} articles in {report.seconds:.1f} s "
                        f"({report.rate:,.0f} articles/s)", title_justify="left")
    table.add_column("articles")
    table.add_column("count", justify="right")
    for name, value in rows:
        table.add_row(name, f"{value:,}")
    for code, count in report.reasons.most_common():
        table.add_row(f"  rejected: {REASONS.get(code, code)} ({code})", f"{count:,}")
    console.print(table)


def rejections(console: Console, report: IngestReport, *, limit: int | None) -> None:
    """Each rejection as `where: code problem` on stderr, like a compiler's messages."""
    shown = report.rejections if limit is None else report.rejections[:limit]
    for rejection in shown:
        console.print(f"[yellow]rejected[/yellow] {escape(str(rejection.origin))}: {rejection.code} {escape(rejection.problem)}")
    hidden = report.rejected - len(shown)
    if hidden > 0:
        console.print(f"… and {hidden:,} more rejections (all stored: see ingest_rejections for run {report.run_id})")
    for warning in report.warnings[: (limit or len(report.warnings))]:
        console.print(f"[dim]warning {escape(warning)}[/dim]")


class CountProgress(_Live):
    """A progress bar over a known total (analysis), shown only on a terminal."""

    def __init__(self, console: Console, what: str, *, enabled: bool) -> None:
        super().__init__(enabled, Progress(
            SpinnerColumn(), BarColumn(), MofNCompleteColumn(), TextColumn(what), _RateColumn(),
            TimeElapsedColumn(), console=console, transient=True))

    def update(self, done: int, total: int) -> None:
        if self.enabled:
            self.progress.update(self.task, completed=done, total=total)


def analyze_summary(console: Console, report: Any) -> None:
    """What an analysis run found."""
    console.print(f"analysed {report.analysed:,} articles in {report.seconds:.1f} s "
                  f"({report.rate:,.1f}/s) with {escape(report.pipeline_version)}")
    console.print("found " + ", ".join(f"{count:,} {name}" for name, count in report.found.items()))


def records(console: Console, rows: list[dict[str, Any]], columns: tuple[str, ...], *, title: str,
            terminal: bool) -> None:
    """Rows of a listing: a table on a terminal, tab-separated lines when piped."""
    if not terminal:
        for row in rows:
            _plain(console, "\t".join(_cell(row.get(c)) for c in columns))
        return
    table = Table(title=f"{len(rows):,} {title}", title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(escape(_cell(row.get(c))) for c in columns))
    console.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value).replace("\t", " ").replace("\n", " ")


def stats(console: Console, numbers: dict[str, Any], path: str) -> None:
    """The headline numbers of a store."""
    table = Table(title=f"dateline store {escape(path)}", title_justify="left", show_header=False)
    table.add_column(style="bold")
    table.add_column()
    span = f"{numbers['first_date'] or '?'} to {numbers['last_date'] or '?'}"
    table.add_row("articles", f"{numbers['articles']:,} ({numbers['undated']:,} without a usable date)")
    table.add_row("published", span)
    table.add_row("outlets", f"{numbers['outlets']:,}")
    table.add_row("formats", escape(", ".join(f"{k} {v:,}" for k, v in numbers["by_format"].items())))
    table.add_row("top outlets", escape(", ".join(f"{k} ({v})" for k, v in numbers["top_outlets"].items())))
    for run in numbers["recent_runs"][:3]:
        table.add_row(f"run {run['id']}", f"{run['status']}, {run['started_at']:%Y-%m-%d %H:%M}, "
                      f"{run['new_count']:,} new of {run['read_count']:,} read, {run['rejected_count']:,} rejected")
    console.print(table)


def article_list(console: Console, rows: list[dict[str, Any]], total: int, offset: int, *, terminal: bool) -> None:
    """Listing of articles: a table on a terminal, tab-separated lines when piped."""
    if not terminal:
        for row in rows:
            cells = [row["id"], str(row["published"] or ""), row["outlet"] or "", row["title"] or ""]
            _plain(console, "\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells))
        return
    table = Table(title=f"{total:,} articles (showing {offset + 1 if rows else 0}-{offset + len(rows)})",
                  title_justify="left")
    for column in ("id", "published", "outlet", "title"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row["id"], str(row["published"] or "?"), escape(row["outlet"] or ""),
                      escape(row["title"] or "(untitled)"))
    console.print(table)


# How each layer is shown in `dateline show`, in the order that wins when spans overlap.
LAYERS = (("events", "bold red", "event"), ("figures", "bold yellow", "figure"),
          ("place_mentions", "bold green", "place"), ("actor_mentions", "bold cyan", "actor"),
          ("time_mentions", "bold magenta", "time"), ("entities", "underline", "entity"))


def article(console: Console, record: dict[str, Any], found: dict[str, list[dict[str, Any]]] | None = None) -> None:
    """One article: metadata lines, the text with every finding highlighted, then what was found."""
    found = found or {}
    where = record["origin_path"] + (f":{record['origin_line']}" if record["origin_line"] else "") + \
        (f"#{record['origin_record']}" if record["origin_record"] else "")
    console.print(f"[bold]{escape(record['title'] or '(untitled)')}[/bold]")
    for name, value in (("id", record["id"]), ("published", record["published_at"] or record["published"]),
                        ("date", record["date_status"]), ("outlet", record["outlet"]),
                        ("url", record["url"]), ("author", record["author"]), ("from", where)):
        if value:
            console.print(f"[dim]{name:>9}[/dim] {escape(str(value))}")
    if record["warnings"]:
        console.print(f"[dim]{'warnings':>9}[/dim] [yellow]{escape('; '.join(record['warnings']))}[/yellow]")
    console.print()
    console.print(highlighted(record["text"], found))
    if any(found.values()):
        console.print()
        console.print(" ".join(f"[{style}]{label}[/{style}]" for _, style, label in LAYERS))
        _findings(console, found)


def highlighted(text: str, found: dict[str, list[dict[str, Any]]]) -> Text:
    """The text as rich Text (never parsed as markup), each finding's span styled by its layer."""
    rich_text = Text(text)
    for table, style, _ in reversed(LAYERS):  # later stylings win: places over actors over times
        for item in found.get(table, []):
            rich_text.stylize(style, item["start"], item["end"])
    return rich_text


def _findings(console: Console, found: dict[str, list[dict[str, Any]]]) -> None:
    lines = []
    for item in found.get("actor_mentions", []):
        lines.append(f"actor  {item['text']!r} -> {item['name']} [{item['code'] or '-'}] "
                     f"{item['country'] or '-'} {item['sector'] or '-'}")
    for item in found.get("place_mentions", []):
        lines.append(f"place  {item['text']!r} -> {item['name']}, {item['country'] or '-'} "
                     f"(GeoNames {item['geonameid']}; {item['lat']}, {item['lon']})")
    for item in found.get("time_mentions", []):
        span = f"{item['interval_start']}..{item['interval_end']}" if item["interval_start"] else ""
        lines.append(f"time   {item['text']!r} -> {item['type']} {item['value']} {span}")
    for item in found.get("figures", []):
        value = item["value"] if item["value"] is not None else f"{item['low']}-{item['high']}"
        event = f"; quantifies the {item['event_type']} at {item['event_start']}" if item.get("event_type") else ""
        status = f" [{item['status']}]" if item.get("status") not in (None, "reported") else ""
        lines.append(f"figure {item['text']!r} -> {item['kind']} {item['qualifier']} {value}{status} "
                     f"({item['phrase']}; said by {item['speaker'] or '-'}; as of {item['as_of']}{event})")
    for item in found.get("events", []):
        dead = f"; fatalities {item['fatalities']}" if item.get("fatalities") is not None else ""
        lines.append(f"event  {item['text']!r} -> {item['type']} {item['mode'] or ''} [{item['factuality']}] "
                     f"{item['source_actors']} -> {item['target_actors']} at {item['place'] or '-'} on {item['date']}"
                     f" (at {item['start']}){dead}")
    for line in lines:
        console.print(escape(line))
