"""Indexing: files and folders in, one committed transaction per file out.

The run is a generator of :class:`IndexEvent` so the CLI prints lines and the GUI
drives a progress dialog from the same code. CPU work (decode, parse, entity
recognition) runs in a process pool when there is enough of it; only the main
process writes to the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import stat
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from reader.domain import IndexEvent, IndexOutcome, ParsedIssue
from reader.errors import ReaderError
from reader.progress import CancelToken
from reader.search.fts import IndexText
from reader.store import writer
from reader.store.codec import sha256_of
from reader.store.repository import Store

_Result = TypeVar("_Result")

POOL_THRESHOLD = 16
"""Below this many files to parse, a process pool costs more than it saves."""

OPTIMIZE_THRESHOLD = 50
"""After indexing this many files, merge the search index's segments."""

SOURCE_SUFFIXES = {".txt"}


@dataclass(frozen=True)
class Candidate:
    path: Path
    size: int
    mtime: float
    sha256: str
    text_digest: str = ""


@dataclass(frozen=True)
class Prepared:
    """What a worker hands back for one file: the parsed issue or why it was skipped."""

    candidate: Candidate
    issue: ParsedIssue | None
    mentions: tuple[tuple[writer.MentionValues, ...], ...]
    """Per article, its mentions as plain rows (:func:`writer.mention_values`)."""
    error: str = ""
    search_columns: tuple[IndexText, ...] = ()
    """Per article, the search index text (``SearchDocument.index_text``), built in the
    worker so the writing process only inserts it."""
    signatures: tuple[tuple[bytes, bytes | None], ...] = ()
    """Per article, its MinHash signatures (text, headline) for related articles."""


@dataclass(frozen=True)
class Survey:
    """The first look at a file: its final parse (spooled) and byline names."""

    year_source: str
    names: frozenset[str]
    error: str = ""
    spooled: Path | None = None
    """Where the parse was saved: the second pass loads it instead of parsing again."""
    text_digest: str = ""


YearHint = tuple[int, str] | None
"""A year the file's own circumstances give (its folder, or the year stored for it
before) with its source, passed to :func:`reader.ingest.parse.parse_issue`."""


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Expand folders to their ``*.txt`` files; returns (files, folder roots)."""
    files: list[Path] = []
    roots: list[Path] = []
    for raw in paths:
        try:
            path = Path(raw).expanduser().resolve()
        except (OSError, RuntimeError):  # a symlink loop: reported when it is read
            path = Path(raw).expanduser().absolute()
        if path.is_dir():
            roots.append(path)
            # Every entry named like an issue file, whatever it is: a FIFO, a device, a
            # folder or a link loop named *.txt is reported when read, not passed over.
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in SOURCE_SUFFIXES))
        else:
            files.append(path)
    unique = list(dict.fromkeys(files))
    return unique, roots


_NOT_REGULAR = (
    (stat.S_ISDIR, "是文件夹，不是文件 (a folder, not a file)"),
    (stat.S_ISFIFO, "是命名管道，不是普通文件 (a FIFO, not a regular file)"),
    (stat.S_ISSOCK, "是套接字，不是普通文件 (a socket, not a regular file)"),
    (stat.S_ISCHR, "是设备，不是普通文件 (a device, not a regular file)"),
    (stat.S_ISBLK, "是设备，不是普通文件 (a device, not a regular file)"),
)


def _read_checked(path: Path) -> bytes:
    """The bytes of a regular file of acceptable size; anything else is refused before
    it is opened (reading a FIFO would wait for a writer for ever)."""
    from reader.ingest.decode import MAX_FILE_BYTES

    mode = path.stat().st_mode
    for test, message in _NOT_REGULAR:
        if test(mode):
            raise ReaderError(message)
    if not stat.S_ISREG(mode):
        raise ReaderError("不是普通文件 (not a regular file)")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ReaderError(
            f"文件过大（{size / 1048576:.1f} MiB，上限 {MAX_FILE_BYTES / 1048576:.0f} MiB）"
            f" (file too large: {size} bytes)"
        )
    return path.read_bytes()


def _decode(path: Path) -> str:
    from reader.ingest.decode import decode_bytes

    return decode_bytes(_read_checked(path), path.name)


def survey_file(
    path: Path, spool: Path | None = None, known_year: YearHint = None, mtime: float = 0.0
) -> Survey:
    """First pass: parse the issue (its year depends on this file alone) and collect
    who it credits, for the archive-wide byline pass. With ``spool``, the parse is
    pickled there for the second pass."""
    from reader.ingest.parse import parse_issue

    try:
        text = _decode(path)
        issue = parse_issue(text, path.name, known_year=known_year, file_date=_day(mtime))
    except (OSError, ReaderError) as error:
        return Survey("", frozenset(), _message(error))
    names = {name for article in issue.articles for name in article.byline.all_names()}
    spooled = None
    if spool is not None:
        try:
            spool.write_bytes(pickle.dumps(issue, pickle.HIGHEST_PROTOCOL))
            spooled = spool
        except OSError:
            pass  # a full disk costs a second parse, nothing else
    return Survey(issue.year_source, frozenset(names), "", spooled, text_digest(text))


def _day(mtime: float) -> dt.date | None:
    return dt.date.fromtimestamp(mtime) if mtime > 0 else None


def folder_year(path: Path) -> int | None:
    """The year named by the file's folder or the folder above (``2025/11/…``)."""
    from reader.ingest.dates import year_in_name

    for folder in (path.parent, path.parent.parent):
        found = year_in_name(folder.name) if folder.name else None
        if found is not None:
            return found
    return None


def year_hint(path: Path, stored: dict[str, tuple[int, str]]) -> YearHint:
    """What the file's circumstances say about its year: a year folder, else the year
    stored for the file when it was indexed before (kept unless the file names one)."""
    found = folder_year(path)
    if found is not None:
        return found, "folder"
    return stored.get(str(path))


def _discard(spooled: Path | None) -> None:
    if spooled is not None:
        spooled.unlink(missing_ok=True)


def text_digest(text: str) -> str:
    """SHA-256 of ``text`` without white space: one issue, whatever its line breaks."""
    return hashlib.sha256("".join(text.split()).encode("utf-8")).hexdigest()


def _spooled_issue(spooled: Path | None) -> ParsedIssue | None:
    if spooled is None:
        return None
    try:
        issue = pickle.loads(spooled.read_bytes())
        spooled.unlink()
    except OSError:
        return None
    return issue if isinstance(issue, ParsedIssue) else None


def prepare_file(
    candidate: Candidate,
    known_year: YearHint,
    spooled: Path | None,
    known_persons: frozenset[str],
) -> Prepared:
    """Second pass (in a worker): load the first pass's parse (or parse again) and
    recognise entities with the archive's byline names."""
    from reader.entities import recognise_issue
    from reader.ingest.parse import parse_issue

    try:
        issue = _spooled_issue(spooled)
        if issue is None:
            text = _decode(candidate.path)
            issue = parse_issue(
                text,
                candidate.path.name,
                known_year=known_year,
                file_date=_day(candidate.mtime),
            )
        mentions = recognise_issue(issue, known_persons)
        columns = tuple(writer.search_document(article).index_text() for article in issue.articles)
        signatures = (
            ()
            if writer.signatures_disabled()
            else tuple(writer.article_signatures(article) for article in issue.articles)
        )
    except (OSError, ReaderError) as error:
        return Prepared(candidate, None, (), _message(error))
    except Exception as error:  # noqa: BLE001 - one bad file must not stop the run
        return Prepared(candidate, None, (), f"解析失败 (parse failed): {error!r}")
    rows = tuple(writer.mention_values(group) for group in mentions)
    return Prepared(candidate, issue, rows, "", columns, signatures)


def _original_of(
    candidate: Candidate, digest: str, seen: dict[str, str], stored: dict[str, str]
) -> str | None:
    """The file this one repeats: an earlier file of this run, or a stored source that
    still exists under another path (one that is gone was renamed, not copied)."""
    if not digest:
        return None
    if digest in seen:
        return seen[digest]
    original = stored.get(digest)
    if original is None or original == str(candidate.path) or not Path(original).exists():
        return None
    return original


def _message(error: BaseException) -> str:
    if isinstance(error, OSError):
        return f"无法读取文件 (cannot read): {error.strerror or error}"
    return str(error)


def index_paths(
    store: Store, paths: list[Path], cancel: CancelToken | None = None
) -> Iterator[IndexEvent]:
    files, roots = collect_files(paths)
    total = len(files)
    if store.search_index_looks_damaged():
        # Unchanged files would never touch it again: rebuild it from the stored rows.
        store.rebuild_search_index()
    known = writer.known_sources(store)
    to_parse: list[Candidate] = []
    position = 0
    for path in files:
        if cancel and cancel.cancelled:
            break
        position += 1
        try:
            data = _read_checked(path)
            info = path.stat()
        except (OSError, ReaderError) as error:
            message = _message(error)
            writer.record_skip(store, path, message)
            yield IndexEvent(position, total, str(path), IndexOutcome.SKIPPED, message)
            continue
        digest = sha256_of(data)
        previous = known.get(str(path))
        if previous is not None and previous[0] == digest:
            outcome = IndexOutcome.UNCHANGED if previous[1] == "indexed" else IndexOutcome.SKIPPED
            yield IndexEvent(position, total, str(path), outcome, previous[2])
            continue
        to_parse.append(Candidate(path, info.st_size, info.st_mtime, digest))

    stored = 0
    for event in _parse_and_store(store, to_parse, total, position - len(to_parse), cancel):
        stored += event.outcome is IndexOutcome.INDEXED
        yield event
    if not (cancel and cancel.cancelled):
        for removed in writer.remove_vanished(store, roots, {str(p) for p in files}):
            yield IndexEvent(total, total, removed, IndexOutcome.REMOVED)
        writer.regroup_entities(store)
        if stored >= OPTIMIZE_THRESHOLD:
            writer.optimize_search_index(store)
    yield IndexEvent(total, total, "", done=True)


def die_with_parent(parent: int, interval: float = 0.5) -> None:
    """Pool worker start-up: end this worker as soon as the indexing process is gone.

    After ``kill -9`` of ``reader index`` or of the app nothing shuts the pool down, and
    each orphaned worker would keep about 200 MB until its queue broke; a daemon thread
    notices the new parent (``init`` or a subreaper) within ``interval`` seconds.
    """
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def _parse_and_store(
    store: Store, candidates: list[Candidate], total: int, offset: int, cancel: CancelToken | None
) -> Iterator[IndexEvent]:
    if not candidates:
        return
    executor: Executor | None = None
    workers = os.cpu_count() or 1
    if len(candidates) >= POOL_THRESHOLD and workers > 1:
        import multiprocessing

        # spawn, not fork: the GUI process has Qt threads that must not be forked.
        executor = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=die_with_parent,
            initargs=(os.getpid(),),
        )
    spool = tempfile.TemporaryDirectory(prefix="reader-index-")
    bulk = len(candidates) >= OPTIMIZE_THRESHOLD
    if bulk:
        writer.set_bulk_merging(store, True)
    try:
        chunk = max(1, min(CHUNK_FILES, len(candidates) // (workers * 4)))
        spools = [Path(spool.name) / f"{number}.pickle" for number in range(len(candidates))]
        by_path, by_digest = writer.stored_years(store)
        hints = [year_hint(c.path, by_path) for c in candidates]
        survey_items = [
            (c.path, s, hint, c.mtime) for c, s, hint in zip(candidates, spools, hints, strict=True)
        ]
        surveyed = _ordered_map(executor, survey_file, survey_items, (), chunk)
        surveys: list[Survey] = []
        pairs = zip(candidates, surveyed, strict=True)
        for number, (candidate, survey) in enumerate(pairs, start=offset + 1):
            if cancel and cancel.cancelled:
                return
            surveys.append(survey)
            yield IndexEvent(number, total, str(candidate.path), surveying=True)
        originals = writer.text_digests(store)
        seen: dict[str, str] = {}
        kept: list[tuple[int, Candidate, Survey, YearHint]] = []
        triples = zip(candidates, surveys, hints, strict=True)
        for number, (candidate, survey, hint) in enumerate(triples, start=offset + 1):
            original = _original_of(candidate, survey.text_digest, seen, originals)
            if original is not None:
                message = (
                    f"重复：与已收录的 {Path(original).name} 内容相同 (duplicate of {original})"
                )
                writer.record_skip(store, candidate.path, message, candidate)
                yield IndexEvent(number, total, str(candidate.path), IndexOutcome.SKIPPED, message)
                continue
            if survey.text_digest:
                seen[survey.text_digest] = str(candidate.path)
            kept.append((number, replace(candidate, text_digest=survey.text_digest), survey, hint))
        names = set(writer.byline_names(store))
        items: list[tuple[Candidate, YearHint, Path | None]] = []
        for _, candidate, survey, hint in kept:
            names |= survey.names
            spooled = survey.spooled
            stored_year = by_digest.get(survey.text_digest)
            inferred = survey.year_source in ("file-time", "")
            if inferred and stored_year is not None and stored_year != hint:
                # A renamed or copied-back file keeps the year stored for its text.
                _discard(spooled)
                hint, spooled = stored_year, None
            items.append((candidate, hint, spooled))
        known_persons = frozenset(names)
        surfaces: writer.SurfaceIds = {}
        results = _ordered_map(executor, prepare_file, items, (known_persons,), chunk)
        numbers = [number for number, _, _, _ in kept]
        for number, prepared in zip(numbers, results, strict=True):
            if cancel and cancel.cancelled:
                break
            path = str(prepared.candidate.path)
            if prepared.issue is None:
                candidate = prepared.candidate
                writer.record_skip(store, candidate.path, prepared.error, candidate)
                yield IndexEvent(number, total, path, IndexOutcome.SKIPPED, prepared.error)
                continue
            count = writer.store_issue(store, prepared, surfaces)
            yield IndexEvent(number, total, path, IndexOutcome.INDEXED, "", count)
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
        spool.cleanup()
        if bulk:
            writer.set_bulk_merging(store, False)


CHUNK_FILES = 8
"""Files per task sent to a worker."""
CHUNKS_AHEAD = 3
"""Tasks in flight per worker. Bounded, because the writing process is the slower
side: with every file submitted at once, finished results piled up in its memory
(most of the archive's text at 100,000 articles) and slowed it down."""


def _run_chunk(
    function: Callable[..., _Result], items: Sequence[tuple[Any, ...]], shared: tuple[Any, ...]
) -> list[_Result]:
    return [function(*item, *shared) for item in items]


def _ordered_map(
    executor: Executor | None,
    function: Callable[..., _Result],
    items: Sequence[tuple[Any, ...]],
    shared: tuple[Any, ...],
    chunk: int,
) -> Iterator[_Result]:
    """``function(*item, *shared)`` for each item, results in order. ``shared`` is
    sent once per task, not once per file (the archive's names are thousands)."""
    if executor is None:
        for item in items:
            yield function(*item, *shared)
        return
    window = CHUNKS_AHEAD * (os.cpu_count() or 1)
    tasks = [items[start : start + chunk] for start in range(0, len(items), chunk)]
    pending: deque[Future[list[_Result]]] = deque()
    submitted = 0
    while submitted < len(tasks) or pending:
        while submitted < len(tasks) and len(pending) < window:
            pending.append(executor.submit(_run_chunk, function, tasks[submitted], shared))
            submitted += 1
        yield from pending.popleft().result()
