"""Many reports at once: folder expansion, parallel checking and a progress bar.

``expand_paths`` turns the command line's PATHs into report files in a stable order (a folder
becomes every report file inside it, recursively, sorted by path). ``iter_outcomes`` checks them
— in this process for a single report or ``--jobs 1``, otherwise the first here (to warm up the
segmenter) and the rest in a pool of worker processes — and yields results in input order
whatever the number of workers, so the output is the same for any ``--jobs``. A report that
cannot be read is reported and skipped; the others are still checked.

Nothing grows with the number of reports: workers read their own files and send back only
results, and only a few results per worker wait to be consumed, so a caller that writes each
result out as it comes (the CLI's JSON output does) holds one report's findings at a time —
a province's 2,800 reports take the memory of a dozen. ``check_all``/``run_batch`` gather
everything, for callers that need the whole run at once.

A caller may pass ``prepare``, a picklable (module-level) function of a ReportResult: it runs
where the report was checked and its value is what the batch yields for that report, so the
work of turning a result into output is shared by the workers instead of done in the parent
(run/streamed.py, for the JSON written report by report).
"""
from __future__ import annotations

import os
import sys
from collections import deque
from typing import Callable, Iterable, Iterator, Optional, TextIO, Union

from ..model import InputError, ReportResult, Rule
from ..reading.names import display_path

from .discover import REPORT_SUFFIXES  # noqa: E402,F401 — suffixes collected from folders
# "More than a few": below this many reports a progress bar would only flicker.
PROGRESS_MIN_REPORTS = 10
# Reports handed to each worker ahead of the one the output is waiting for: enough to keep the
# workers busy behind a slow report, few enough that finished results never pile up in memory.
QUEUED_PER_WORKER = 4

Outcome = Union[ReportResult, InputError]
# prepare(report) -> what the batch yields for a report instead of its ReportResult
Prepare = Optional[Callable[[ReportResult], object]]


# ---------------------------------------------------------------- paths
def default_jobs() -> int:
    """CPUs this process may use (respecting affinity/cgroup masks where the OS tells us)."""
    if hasattr(os, "process_cpu_count"):          # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def expand_paths(paths: Iterable[str], filters=None) -> tuple[list[str], list[InputError]]:
    """Report files for the given PATHs, and an error for each folder that holds none.

    Files (and ``-`` for standard input) pass through as given — a missing file is the loader's
    to report. A folder contributes every file with a report suffix below it, sorted by its path
    relative to the folder; hidden files and folders (``.git``, ``.venv``), excluded and
    git-ignored files and the tool's own outputs are skipped (run/discover.py). A file named
    twice is checked once.
    """
    from .discover import discover

    found = discover(paths, filters)
    return found.files, found.errors


def _leads_inside(link: str, inside: str) -> bool:
    """Whether a symbolic link found in a checked folder resolves to a place inside it.

    A folder run checks what is in the folder: a link committed to a repository (``zero.txt →
    /dev/zero``, ``report.txt → ~/.ssh/id_rsa``) must not make it read anything else."""
    target = os.path.realpath(link)
    return target == inside or target.startswith(inside.rstrip(os.sep) + os.sep)


def _outside_link_message(link: str, folder: str) -> str:
    return (f"{link}: 已跳过：符号链接指向文件夹 {folder} 之外 / skipped: a symbolic link leading "
            "outside the checked folder; name the target itself to check it")


# ---------------------------------------------------------------- checking
_worker_rules: list[Rule] = []
_worker_ctx = None
_worker_waivers: tuple = ()
_worker_table = None
_worker_prepare: Prepare = None


def split_figures(figures) -> tuple[dict, object]:
    """(figures shared by every report, a per-report table or None): ``figures`` is either a dict
    (a YAML ``--context``) or a :class:`~checker.run.context_table.ContextTable` (CSV/XLSX)."""
    if figures is None or isinstance(figures, dict):
        return dict(figures or {}), None
    return {}, figures


def _figures_for(table):
    return table.figures_for if table is not None else None


def _check(path: str, rules: list[Rule], ctx, waivers: tuple, figures_for, prepare: Prepare = None):
    """``check_one``, given the report's own figures only when there are any; a report is then
    passed through ``prepare`` (an InputError as it is)."""
    if figures_for is None:
        outcome = check_one(path, rules, ctx, waivers)
    else:
        outcome = check_one(path, rules, ctx, waivers, figures_for=figures_for)
    if prepare is not None and isinstance(outcome, ReportResult):
        return prepare(outcome)
    return outcome

# Modules a forkserver imports once, before it forks the workers, so that each worker starts
# with them loaded instead of importing them itself (as a forked worker inherits them).
FORKSERVER_PRELOAD = ["checker.run.batch", "checker.pipeline", "checker.evaluate"]


def _init_worker(rules: list[Rule], figures: dict, warm_ctx, waivers: tuple = (), prepare: Prepare = None) -> None:
    """Set up a worker: reuse the parent's warm context when forked, else build one.

    With the ``fork`` start method the initializer's arguments are inherited, not pickled, so
    the parent's context — jieba's dictionary already loaded — costs nothing. Under ``spawn``
    or ``forkserver`` it is None (a loaded jieba tokenizer cannot be pickled) and the worker
    builds its own (about 1 ms: the dictionary cache and the packs' validity markers are on
    disk by then, since the parent checked the first report before starting the pool). A
    forkserver imports the checker once (FORKSERVER_PRELOAD) and its workers inherit that.
    """
    global _worker_rules, _worker_ctx, _worker_waivers, _worker_table, _worker_prepare
    from ..evaluate import make_context

    shared, _worker_table = split_figures(figures)
    _worker_rules = rules
    _worker_waivers = waivers
    _worker_prepare = prepare
    _worker_ctx = warm_ctx if warm_ctx is not None else make_context(rules, shared)


def check_one(path: str, rules: list[Rule], ctx, waivers: tuple = (), figures_for=None) -> Outcome:
    """Check one report; a report that cannot be read becomes an InputError.

    ``figures_for(path, title)`` gives the report its own figures (a ``--context`` table)."""
    from ..reading.load import InputFileError
    from ..pipeline import check_file

    try:
        return check_file(path, rules, ctx, waivers, figures_for=figures_for)
    except InputFileError as exc:
        return InputError(display_path(path), str(exc))
    except Exception as exc:  # noqa: BLE001 — one odd report must not end a batch of hundreds
        path = display_path(path)
        return InputError(path, f"{path}: internal error while checking ({type(exc).__name__}: {exc}); "
                                "please report it together with the file")


def _check_in_worker(path: str):
    return _check(path, _worker_rules, _worker_ctx, _worker_waivers, _figures_for(_worker_table), _worker_prepare)


def check_all(files: list[str], rules: list[Rule], figures: dict, jobs: int,
              on_done: Optional[Callable[[Outcome], None]] = None, waivers: tuple = ()) -> list[Outcome]:
    """Outcomes in the order of ``files``; ``on_done`` is called as each one is ready."""
    outcomes = []
    for outcome in iter_outcomes(files, rules, figures, jobs, waivers):
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)
    return outcomes


def iter_outcomes(files: list[str], rules: list[Rule], figures: dict, jobs: int,
                  waivers: tuple = (), prepare: Prepare = None) -> Iterator[Outcome]:
    """Outcomes in the order of ``files``, each yielded as soon as it and those before it are done.

    Reports are checked here until one succeeds: that loads the segmenter and the script
    converter. With ``jobs`` > 1 the rest then goes to a pool whose forked workers inherit that
    warm state instead of each loading their own — without it a pool was slower than one process
    for a few dozen reports. Only a few outcomes per worker are ever waiting to be consumed, so a
    caller that writes each one out and lets it go keeps memory flat however many reports there are.
    With ``prepare``, each report is yielded as ``prepare(report)``, computed where it was checked.
    """
    from ..evaluate import make_context

    shared, table = split_figures(figures)
    ctx = make_context(rules, shared)
    own = _figures_for(table)
    done = 0
    warm = False
    while done < len(files) and not (jobs > 1 and warm):
        outcome = _check(files[done], rules, ctx, waivers, own, prepare)
        done += 1
        warm = warm or not isinstance(outcome, InputError)
        yield outcome
    rest = files[done:]
    if len(rest) == 1:
        yield _check(rest[0], rules, ctx, waivers, own, prepare)   # no pool start-up for a single report
    elif rest:
        yield from _pool_outcomes(rest, rules, figures, ctx, min(jobs, len(rest)), waivers, prepare)


def _pool_outcomes(files: list[str], rules: list[Rule], figures: dict, ctx, workers: int,
                   waivers: tuple = (), prepare: Prepare = None) -> Iterator[Outcome]:
    import multiprocessing
    from concurrent.futures.process import BrokenProcessPool

    mp = _mp_context(multiprocessing)
    warm = ctx if mp.get_start_method() == "fork" else None
    pool = _process_pool(max_workers=workers, mp_context=mp, initializer=_init_worker,
                         initargs=(rules, figures, warm, tuple(waivers), prepare))
    pending: deque = deque()     # (path, future), in input order
    queued = 0
    try:
        while pending or queued < len(files):
            while queued < len(files) and len(pending) < workers * QUEUED_PER_WORKER:
                pending.append((files[queued], pool.submit(_check_in_worker, files[queued])))
                queued += 1
            path, fut = pending.popleft()
            try:
                outcome = fut.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory): what finished stands, the rest is reported.
                yield _not_checked(path)
                for path, fut in pending:
                    finished = fut.done() and not fut.cancelled() and fut.exception() is None
                    yield fut.result() if finished else _not_checked(path)
                for path in files[queued:]:
                    yield _not_checked(path)
                pending.clear()
                queued = len(files)
                continue
            yield outcome
    except BaseException:
        # Ctrl-C, SIGTERM, or the caller stopped early: drop the queued reports instead of checking
        # them all, and end the workers now rather than leave them running without a parent.
        workers_now = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in workers_now:
            try:
                proc.terminate()
            except (OSError, AttributeError):
                pass
        # Let the pool's manager thread see its workers gone and close its wake-up pipe before the
        # interpreter exits: Python 3.11's exit hook for pools writes to that pipe and, racing the
        # thread's close, printed "Exception ignored … OSError: Bad file descriptor" (a traceback on
        # stderr after SIGTERM, once in a CI run). Bounded: a thread that does not end is left.
        manager = getattr(pool, "_executor_manager_thread", None)
        if manager is not None:
            manager.join(timeout=5)
        raise
    pool.shutdown()


def _process_pool(**kwargs):
    """A ProcessPoolExecutor; concurrent.futures is imported only when a pool runs."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(**kwargs)


def _mp_context(multiprocessing):
    """The start method of the pool: GOVEDU_CHECK_START_METHOD (fork, spawn, forkserver) or the default.

    The benchmark sets it to measure the batch as macOS and Windows (spawn) and Python 3.14 on
    Linux (forkserver) run it; an unknown or unavailable name falls back to the default.
    """
    method = os.environ.get("GOVEDU_CHECK_START_METHOD", "").strip().lower()
    if method and method in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context(method)
    else:
        context = multiprocessing.get_context()
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(FORKSERVER_PRELOAD)
    return context


def _not_checked(path: str) -> InputError:
    path = display_path(path)
    return InputError(path, f"{path}: not checked — a worker process died (out of memory?); retry with --jobs 1")


def error_line(error: InputError) -> str:
    """The one stderr line for a report that could not be checked."""
    return f"govedu-check: {error.message}"


# ---------------------------------------------------------------- progress
def make_progress(total: int, stream: Optional[TextIO] = None):
    """A rich progress bar on ``stream`` (stderr) — only for a terminal and more than a few reports.

    Returns None when no bar should be shown. It refreshes only when a report finishes (no
    refresh thread), so worker processes are never forked from a multi-threaded parent.
    """
    stream = stream or sys.stderr
    if total < PROGRESS_MIN_REPORTS or not getattr(stream, "isatty", lambda: False)():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=stream)
    return Progress(TextColumn("govedu-check"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True, auto_refresh=False)


def iter_batch(paths: Iterable[str], rules: list[Rule], figures: dict, jobs: int,
               on_error: Callable[[InputError], None], stream: Optional[TextIO] = None,
               waivers: tuple = (), files: Optional[list] = None, prepare: Prepare = None) -> Iterator:
    """Expand and check, with a progress bar where it helps; outcomes in input order, errors included.

    Folders without reports come first, then every file's outcome as soon as it is ready.
    ``on_error`` is told about each unreadable file as soon as it is known (the CLI prints
    ``error_line``); while a progress bar is shown the line is printed above the bar instead.
    With ``prepare``, reports are yielded as ``prepare(report)`` (see :func:`iter_outcomes`).
    """
    errors: list = []
    if files is None:   # else the caller has discovered them (run/discover.py)
        files, errors = expand_paths(paths)
    for e in errors:
        on_error(e)
        yield e
    progress = make_progress(len(files), stream)
    if progress is None:
        for outcome in iter_outcomes(files, rules, figures, jobs, waivers, prepare):
            if isinstance(outcome, InputError):
                on_error(outcome)
            yield outcome
        return
    task = progress.add_task("check", total=len(files))
    with progress:
        for outcome in iter_outcomes(files, rules, figures, jobs, waivers, prepare):
            if isinstance(outcome, InputError):   # print above the bar, not through it
                progress.console.print(error_line(outcome), markup=False, highlight=False, soft_wrap=True)
            progress.update(task, advance=1, refresh=True)
            yield outcome


def run_batch(paths: Iterable[str], rules: list[Rule], figures: dict, jobs: int,
              on_error: Callable[[InputError], None],
              stream: Optional[TextIO] = None, waivers: tuple = (),
              files: Optional[list] = None) -> tuple[list[ReportResult], list[InputError]]:
    """:func:`iter_batch` gathered: the reports, and the errors (folders without reports first)."""
    reports: list[ReportResult] = []
    errors: list[InputError] = []
    for outcome in iter_batch(paths, rules, figures, jobs, on_error, stream, waivers, files):
        (reports if isinstance(outcome, ReportResult) else errors).append(outcome)
    return reports, errors
