"""Crash safety: SIGKILL `dateline ingest`, `dateline analyze` and a Dask worker at random points,
check the store after every kill, and compare each finished store with an uninterrupted run.

    python benchmarks/crash.py                                  # 5,000 articles, 50 kills (20/20/10)
    python benchmarks/crash.py --articles 500 --kills 6 --seed 3  # a quick run

What "survived" means, checked by `check_store` after every kill (the state the restarted command
opens) and by `same_as_reference` when a round finishes:

* the file opens cleanly (dateline's read-only open: schema current, WAL replayed);
* every article is stored at most once (count = distinct ids), each one byte-for-byte the row an
  uninterrupted ingest stores (url, title, dates, text, hash, origin...), whole batches only
  (the stored count is a multiple of the ingest batch size, or all of them), and the runs' logged
  `new_count`s add up to the stored articles (the counters commit with their batch);
* every analysis is complete or absent. An analysis is *complete* when its `analyses` row carries
  the current pipeline version and every finding table (entities, actor/place/time mentions,
  quotes, figures, events) holds, for that article, exactly the rows (same count, same values) an
  uninterrupted run stores for it. *Absent* means no `analyses` row and no row in any finding table.
  Anything else (an `analyses` row with missing or extra findings, findings without an `analyses`
  row, a finding of an article that is not stored) is half-written and fails the check;
* no process of the killed command is left running (orphaned workers);
* after an uninterrupted rerun, the store equals the uninterrupted reference: same articles, same
  analysed articles, same findings; Dask runs leave no shard folder behind.

Analysis is the slow part (a few articles per second per core here), so the analysis rounds work
on the first `--subset` articles of the 5,000-article store (each killed run is `--limit`ed to what
is left of them) and a round ends when a run finishes the subset before its kill.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import write as write_corpus
from dateline.store import open_store
from dateline.store.schema import ARTICLE_COLUMNS, MENTION_TABLES

INGEST_BATCH = 250
ANALYZE_BATCH = 5


# ---------------------------------------------------------------------------------------------
# The state of a store, and the checks


@dataclass
class State:
    """What a store holds, reduced to comparable fingerprints."""

    articles: dict[str, str]  # id -> hash of the stored row (content columns)
    article_rows: int  # rows in `articles` (more than len(articles) if an id is stored twice)
    new_counted: int  # sum of ingest_runs.new_count
    running_runs: int  # ingest runs still marked 'running'
    analyses: dict[str, str]  # article id -> pipeline version
    findings: dict[str, dict[str, tuple[int, str]]] = field(default_factory=dict)  # table -> id -> (rows, hash)


def snapshot(db: Path) -> State:
    """Read a store as a restarted command opens it: a copy of the file and its WAL is opened for
    writing (WAL replayed, missing migrations applied), so the original stays as the kill left it.
    A kill before the file was created leaves no file: an empty store."""
    if not db.exists():
        return State({}, 0, 0, 0, {}, {t: {} for t in MENTION_TABLES})
    with tempfile.TemporaryDirectory(prefix="crash-check-") as tmp:
        copy = Path(tmp) / db.name
        shutil.copyfile(db, copy)
        if Path(f"{db}.wal").exists():
            shutil.copyfile(f"{db}.wal", f"{copy}.wal")
        return _read_state(copy)


def _read_state(db: Path) -> State:
    with open_store(db) as store:
        con = store.con
        cols = ", ".join(f'"{c}"' for c in ARTICLE_COLUMNS)
        articles = dict(con.execute(
            f"SELECT id, md5(CAST(to_json(struct_pack({cols})) AS VARCHAR)) FROM articles").fetchall())
        rows = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        new_counted, running = con.execute(
            "SELECT coalesce(sum(new_count), 0), count(*) FILTER (WHERE status = 'running') FROM ingest_runs").fetchone()
        analyses = dict(con.execute("SELECT article_id, pipeline_version FROM analyses").fetchall())
        findings = {}
        for table in MENTION_TABLES:
            findings[table] = {r[0]: (int(r[1]), r[2]) for r in con.execute(
                f"SELECT article_id, count(*), md5(string_agg(j, '|' ORDER BY j)) FROM "
                f"(SELECT article_id, CAST(to_json(t) AS VARCHAR) AS j FROM {table} t) GROUP BY article_id").fetchall()}
    return State(articles, int(rows), int(new_counted), int(running), analyses, findings)


def check_store(db: Path, reference: State, *, ingest_batch: int | None = None) -> list[str]:
    """Problems of the store at `db` against an uninterrupted run's state (empty: it survived)."""
    try:
        state = snapshot(db)
    except Exception as exc:
        return [f"store does not open cleanly: {type(exc).__name__}: {exc}"]
    problems = []
    if state.article_rows != len(state.articles):
        problems.append(f"{state.article_rows - len(state.articles)} articles stored more than once")
    unknown = [i for i in state.articles if i not in reference.articles]
    if unknown:
        problems.append(f"{len(unknown)} stored articles not in the input, e.g. {unknown[0]}")
    changed = [i for i, h in state.articles.items() if i in reference.articles and reference.articles[i] != h]
    if changed:
        problems.append(f"{len(changed)} articles differ from an uninterrupted ingest, e.g. {changed[0]}")
    n, total = len(state.articles), len(reference.articles)
    if ingest_batch and n % ingest_batch and n != total:
        problems.append(f"{n} articles stored: not whole batches of {ingest_batch}")
    if state.new_counted != n:
        problems.append(f"ingest runs logged {state.new_counted} new articles, the store holds {n}")
    problems += _analysis_problems(state, reference)
    return problems


def _analysis_problems(state: State, reference: State) -> list[str]:
    problems = []
    for article_id, version in state.analyses.items():
        if article_id not in state.articles:
            problems.append(f"analysis of {article_id}, an article that is not stored")
            continue
        if article_id not in reference.analyses:
            problems.append(f"analysis of {article_id}, which the uninterrupted run did not analyse")
            continue
        if version != reference.analyses[article_id]:
            problems.append(f"analysis of {article_id} has version {version}, expected {reference.analyses[article_id]}")
        for table, rows in state.findings.items():
            got, want = rows.get(article_id, (0, "")), reference.findings[table].get(article_id, (0, ""))
            if got != want:
                problems.append(f"half-written analysis of {article_id}: {table} has {got[0]} rows, "
                                f"an uninterrupted run {want[0]}" + (" (same count, other values)" if got[0] == want[0] else ""))
    for table, rows in state.findings.items():
        orphans = [i for i in rows if i not in state.analyses]
        if orphans:
            problems.append(f"{len(orphans)} articles have {table} rows but no analysis, e.g. {orphans[0]}")
    return problems


def same_as_reference(db: Path, reference: State) -> list[str]:
    """Problems of a finished store: it must hold exactly what the uninterrupted run holds."""
    problems = check_store(db, reference)
    if problems:
        return problems
    state = snapshot(db)
    if set(state.articles) != set(reference.articles):
        problems.append(f"{len(set(reference.articles) - set(state.articles))} articles missing after finishing")
    if set(state.analyses) != set(reference.analyses):
        problems.append(f"{len(set(reference.analyses) ^ set(state.analyses))} analyses differ from the uninterrupted run")
    return problems


# ---------------------------------------------------------------------------------------------
# Running and killing dateline


def dateline(*args: object) -> list[str]:
    return [sys.executable, "-m", "dateline", *(str(a) for a in args)]


def ingest_cmd(corpus: Path, db: Path) -> list[str]:
    return dateline("ingest", corpus, "--db", db, "--quiet", "--set", f"ingest.batch_size={INGEST_BATCH}")


def analyze_cmd(db: Path, limit: int, *, engine: str = "local", workers: int = 1) -> list[str]:
    return dateline("analyze", "--db", db, "--quiet", "--limit", limit, "--engine", engine,
                    "--workers", workers, "--set", f"analyze.batch_size={ANALYZE_BATCH}")


FROZEN: list[Path] = []  # a copy of the dateline package the killed commands run (see freeze_code)


def freeze_code(work: Path) -> Path:
    """Copy the dateline package into `work` and run every command from that copy, so that edits to
    the working tree during a long run cannot make the killed runs and the reference differ."""
    target = work / "code"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(Path(__file__).resolve().parent.parent / "dateline", target / "dateline",
                    ignore=shutil.ignore_patterns("__pycache__"))
    FROZEN[:] = [target]
    return target


def _cwd() -> Path | None:
    """`python -m` puts the working folder first on sys.path: run the frozen copy from its own folder."""
    return FROZEN[0] if FROZEN else None


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATELINE_DB", "DATELINE_CONFIG")}
    if FROZEN:
        env["PYTHONPATH"] = os.pathsep.join([str(FROZEN[0]), *filter(None, [env.get("PYTHONPATH")])])
    return env


def start(cmd: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env(), cwd=_cwd(),
                            start_new_session=True)


def run(cmd: list[str], timeout: float = 900) -> None:
    done = subprocess.run(cmd, check=False, capture_output=True, env=_env(), cwd=_cwd(), timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[2:5])} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")


def kill_after(proc: subprocess.Popen[bytes], delay: float, *, after_write: Path | None = None,
               wait_limit: float = 300) -> tuple[bool, list[str]]:
    """SIGKILL `proc` after `delay` s unless it ended; with `after_write` (a store), the delay starts
    when the store's WAL first grows, i.e. after the run's first commit. Returns whether the kill
    landed, and problems (processes of the killed command left running)."""
    family: dict[int, psutil.Process] = {}
    if after_write is not None:
        wal, since, give_up = Path(f"{after_write}.wal"), time.time(), time.monotonic() + wait_limit
        while proc.poll() is None and time.monotonic() < give_up and not _written_since(wal, since):
            family.update(_children(proc.pid))
            time.sleep(0.02)
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline and proc.poll() is None:
        family.update(_children(proc.pid))
        time.sleep(0.05)
    if proc.poll() is not None:
        _reap(proc)
        return False, []
    family.update(_children(proc.pid))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    if proc.stderr:
        proc.stderr.close()
    left = _survivors(family.values(), grace=10)
    for child in left:  # ours: started by the killed command; clean up so the next round is clean
        child.kill()
    return True, [f"{len(left)} processes of the killed command still running after 10 s"] if left else []


def _written_since(wal: Path, since: float) -> bool:
    """A commit since `since`: the WAL was written to (a replay at open checkpoints it away, size 0)."""
    try:
        info = wal.stat()
    except FileNotFoundError:
        return False
    return info.st_size > 0 and info.st_mtime > since


def _children(pid: int) -> dict[int, psutil.Process]:
    try:
        return {c.pid: c for c in psutil.Process(pid).children(recursive=True)}
    except psutil.NoSuchProcess:
        return {}


def _survivors(processes: Any, grace: float) -> list[psutil.Process]:
    _, alive = psutil.wait_procs(list(processes), timeout=grace)
    return alive


def _reap(proc: subprocess.Popen[bytes]) -> None:
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        raise RuntimeError(f"command failed on its own ({proc.returncode}): {err[-2000:]}")


def dask_workers(proc: subprocess.Popen[bytes]) -> list[psutil.Process]:
    """The Dask worker processes a `dateline analyze --engine dask` has spawned (LocalCluster nannies' children)."""
    found = []
    for child in _children(proc.pid).values():
        try:
            cmdline = " ".join(child.cmdline())
        except psutil.Error:
            continue
        if "spawn_main" in cmdline:
            found.append(child)
    return found


# ---------------------------------------------------------------------------------------------
# The rounds


@dataclass
class Tally:
    tried: int = 0
    survived: int = 0
    landed_mid_write: int = 0  # kills after the killed run had committed something
    rounds: int = 0
    failures: list[str] = field(default_factory=list)

    def record(self, label: str, problems: list[str], wrote: bool | None = None) -> None:
        self.tried += 1
        self.survived += not problems
        self.landed_mid_write += bool(wrote)
        for p in problems:
            self.failures.append(f"{label}: {p}")


def ingest_kills(corpus: Path, work: Path, reference: State, kills: int, rng: random.Random,
                 span: float, log: Any) -> Tally:
    """Kill ingests of the whole corpus; a round ends when an ingest finishes before its kill."""
    tally = Tally()
    db = work / "ingest.duckdb"
    _fresh(db)
    attempts = 0
    while tally.tried < kills and attempts < 4 * kills:
        attempts += 1
        before = len(snapshot(db).articles)
        landed, problems = kill_after(start(ingest_cmd(corpus, db)), rng.uniform(0.2, span))
        if not landed:
            problems = same_as_reference(db, reference)
            log(f"ingest round {tally.rounds + 1} finished: {'same as uninterrupted' if not problems else problems}")
            tally.rounds += 1
            tally.failures += [f"ingest round end: {p}" for p in problems]
            _fresh(db)
            continue
        problems += check_store(db, reference, ingest_batch=INGEST_BATCH)
        after = len(snapshot(db).articles) if not problems else before
        tally.record(f"ingest kill {tally.tried + 1}", problems, after > before)
        log(f"ingest kill {tally.tried:2}: {after:5} articles stored, {'ok' if not problems else problems}")
    run(ingest_cmd(corpus, db))  # the restart that finishes the last round
    tally.failures += [f"ingest final: {p}" for p in same_as_reference(db, reference)]
    tally.rounds += 1
    return tally


def analyze_kills(base: Path, work: Path, reference: State, subset: int, kills: int, rng: random.Random,
                  startup: float, span: float, workers: int, log: Any) -> Tally:
    """Kill `dateline analyze` (local engine) on a copy of the ingested store; rounds end when the subset is done."""
    tally = Tally()
    db = work / "analyze.duckdb"
    _copy(base, db)
    attempts = 0
    while tally.tried < kills and attempts < 4 * kills:
        attempts += 1
        before = _analysed(db)
        left = subset - before
        if not left:  # a kill landed after the last commit: the round is done
            tally.failures += [f"analyze round end: {p}" for p in same_as_reference(db, reference)]
            tally.rounds += 1
            _copy(base, db)
            continue
        if tally.tried % 2:  # every other kill lands after the run's first commit
            delay, after = rng.uniform(0, span / 2), db
        else:
            delay, after = rng.uniform(0.5 * startup, 1.5 * startup + span), None
        landed, problems = kill_after(start(analyze_cmd(db, left, workers=workers)), delay, after_write=after)
        if not landed:
            problems = same_as_reference(db, reference)
            log(f"analyze round {tally.rounds + 1} finished: {'same as uninterrupted' if not problems else problems}")
            tally.rounds += 1
            tally.failures += [f"analyze round end: {p}" for p in problems]
            _copy(base, db)
            continue
        problems += check_store(db, reference)
        after = _analysed(db) if not problems else before
        tally.record(f"analyze kill {tally.tried + 1}", problems, after > before)
        log(f"analyze kill {tally.tried:2}: {after:3}/{subset} analysed, {'ok' if not problems else problems}")
    left = subset - _analysed(db)
    if left:
        run(analyze_cmd(db, left, workers=workers))
    tally.failures += [f"analyze final: {p}" for p in same_as_reference(db, reference)]
    tally.rounds += 1
    return tally


def dask_kills(base: Path, work: Path, reference: State, subset: int, kills: int, rng: random.Random,
               span: float, log: Any, timeout: float = 600) -> Tally:
    """SIGKILL one Dask worker during each `dateline analyze --engine dask`; the run must still finish right."""
    tally = Tally()
    db = work / "dask.duckdb"
    attempts = 0
    while tally.tried < kills and attempts < 3 * kills:
        attempts += 1
        _copy(base, db)
        proc = start(analyze_cmd(db, subset, engine="dask", workers=2))
        started = time.monotonic()
        while len(dask_workers(proc)) < 2 and proc.poll() is None and time.monotonic() - started < 120:
            time.sleep(0.1)
        time.sleep(rng.uniform(0.5, span))
        victims = dask_workers(proc)
        if proc.poll() is not None or not victims:
            _reap(proc)
            log("dask run finished before a worker could be killed; again")
            continue
        victim = rng.choice(victims)
        victim.kill()
        problems = []
        try:
            rc = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            rc = proc.wait()
            problems.append(f"analyze did not finish within {timeout:.0f} s of the worker kill")
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
        if rc != 0 and not problems:
            problems.append(f"analyze exited {rc} after the worker kill: {err.strip().splitlines()[-1:] or ''}")
        problems += check_store(db, reference)
        if not problems:
            problems += _dask_left_to_finish(db, reference, subset)
        shards = [p for p in work.glob(".dask*-shards-*") if p.is_dir()]
        if shards:
            problems.append(f"shard folders left behind: {[s.name for s in shards]}")
            for s in shards:
                shutil.rmtree(s, ignore_errors=True)
        tally.record(f"dask worker kill {tally.tried + 1}", problems, True)
        tally.rounds += 1
        log(f"dask worker kill {tally.tried:2} (pid {victim.pid}, {time.monotonic() - started:.0f} s in): "
            f"{'ok' if not problems else problems}")
    return tally


def _dask_left_to_finish(db: Path, reference: State, subset: int) -> list[str]:
    done = _analysed(db)
    if done != subset:
        return [f"the Dask run analysed {done} of {subset} articles"]
    return same_as_reference(db, reference)


def _analysed(db: Path) -> int:
    return len(snapshot(db).analyses)


def _fresh(db: Path) -> None:
    for p in (db, Path(f"{db}.wal")):
        p.unlink(missing_ok=True)


def _copy(base: Path, db: Path) -> None:
    _fresh(db)
    shutil.copyfile(base, db)


# ---------------------------------------------------------------------------------------------


def prepare(work: Path, articles: int, subset: int, seed: int, log: Any) -> tuple[Path, Path, State, State, float, float]:
    """The corpus, an uninterrupted ingest and analysis (the reference), and the timings kills are drawn from."""
    corpus = write_corpus(work / f"corpus_{articles}_{seed}.jsonl", articles, seed)
    ingested = work / "reference-ingest.duckdb"
    analysed = work / "reference-analysed.duckdb"
    _fresh(ingested)
    t = time.perf_counter()
    run(ingest_cmd(corpus, ingested))
    ingest_s = time.perf_counter() - t
    _copy(ingested, analysed)
    t = time.perf_counter()
    run(analyze_cmd(analysed, 1))  # model loading and one article
    startup = time.perf_counter() - t
    _copy(ingested, analysed)
    t = time.perf_counter()
    run(analyze_cmd(analysed, subset))
    analyze_s = time.perf_counter() - t
    log(f"reference: ingest of {articles} articles {ingest_s:.1f} s; analysis start-up {startup:.1f} s, "
        f"{subset} articles {analyze_s:.1f} s")
    ingest_ref = snapshot(ingested)
    analyse_ref = snapshot(analysed)
    return ingested, corpus, ingest_ref, analyse_ref, ingest_s, startup


def split(kills: int, mix: str) -> list[int]:
    weights = [float(x) for x in mix.split(",")]
    counts = [int(kills * w / sum(weights)) for w in weights]
    counts[0] += kills - sum(counts)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000, help="generated corpus size")
    parser.add_argument("--kills", type=int, default=50, help="kills in total")
    parser.add_argument("--mix", default="20,20,10", help="share of ingest, analyze and Dask worker kills")
    parser.add_argument("--subset", type=int, default=60, help="articles the analysis rounds analyse")
    parser.add_argument("--workers", type=int, default=2, help="local-engine workers of the killed analyze runs")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path(__file__).resolve().parent / "data" / "crash")
    parser.add_argument("--json", type=Path, help="also write the tallies here")
    args = parser.parse_args(argv)
    args.workdir = args.workdir.resolve()
    args.workdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    began = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - began:6.0f} s] {message}", flush=True)

    n_ingest, n_analyze, n_dask = split(args.kills, args.mix)
    log(f"running dateline from a frozen copy in {freeze_code(args.workdir)}")
    base, corpus, ingest_ref, analyse_ref, ingest_s, startup = prepare(
        args.workdir, args.articles, args.subset, args.seed, log)
    tallies = {
        "ingest": ingest_kills(corpus, args.workdir, ingest_ref, n_ingest, rng, ingest_s * 1.1, log),
        "analyze": analyze_kills(base, args.workdir, analyse_ref, args.subset, n_analyze, rng, startup,
                                 span=10.0, workers=args.workers, log=log),
        "dask worker": dask_kills(base, args.workdir, analyse_ref, args.subset, n_dask, rng, span=20.0, log=log),
    }
    tried = sum(t.tried for t in tallies.values())
    survived = sum(t.survived for t in tallies.values())
    print()
    print(f"{'killed':12} {'tried':>6} {'survived':>9} {'mid-write':>10} {'rounds':>7}")
    for name, t in tallies.items():
        print(f"{name:12} {t.tried:6} {t.survived:9} {t.landed_mid_write:10} {t.rounds:7}")
    failures = [f for t in tallies.values() for f in t.failures]
    print(f"kills survived / tried: {survived}/{tried}; round-end checks failed: "
          f"{sum(1 for f in failures if 'round end' in f or 'final' in f)}; {time.perf_counter() - began:.0f} s "
          f"({args.articles} articles, seed {args.seed})")
    for f in failures:
        print("  FAIL", f)
    if args.json:
        args.json.write_text(json.dumps({k: {**vars(t)} for k, t in tallies.items()}, indent=1))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
