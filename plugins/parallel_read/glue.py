"""Signals: start the workers when the articles generator is made, collect
their results before Pelican reads the first article."""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
from concurrent.futures import Future, ProcessPoolExecutor

from pelican import signals
from pelican.utils import file_suffix

from . import worker

log = logging.getLogger(__name__)
# Below this many files to parse, starting processes costs more than it saves
# (setting PARALLEL_READ_MIN_FILES; the tests set 1). Measured on 2 cores,
# bench/build.py sites: 100 articles 0.05 s slower in parallel and 0.3 s more
# CPU; 250 articles 0.12 s faster; 500 articles 0.35 s faster.
MIN_FILES = 150
CHUNK = 16
PENDING = "_parallel_read"


def _jobs(generator) -> list[tuple[str, str]]:
    readers = generator.readers
    files = generator.get_files(
        generator.settings["ARTICLE_PATHS"], exclude=generator.settings["ARTICLE_EXCLUDES"]
    )
    jobs = []
    for relative in sorted(files):
        path = os.path.abspath(os.path.join(generator.path, relative))
        fmt = file_suffix(path)
        if fmt in readers.readers and readers.get_cached_data(path, (None, None))[0] is None:
            jobs.append((path, fmt))
    return jobs


def _usable_cores() -> int:
    # cpu_count() counts the machine's cores; a build pinned to fewer (taskset,
    # a container's cpuset) would start readers that only queue for them.
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def start_workers(generator) -> None:
    workers = min(_usable_cores(), 8)
    jobs = _jobs(generator)
    if workers < 2 or len(jobs) < generator.settings.get("PARALLEL_READ_MIN_FILES", MIN_FILES):
        return
    readers = {fmt: type(generator.readers.readers[fmt]) for _, fmt in jobs}
    try:
        # Readers need the settings, not the build's own objects kept under
        # "_" keys (catalogs, compiled translations), which need not pickle.
        settings = {k: v for k, v in generator.settings.items() if not k.startswith("_")}
        setup = pickle.dumps((settings, readers))
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        log.info("parallel_read: reading in one process (%s)", error)
        return
    # spawn, not fork: Pelican runs a progress thread, and forking a threaded
    # process can deadlock. A spawned process starts with this one's sys.path,
    # so it imports plugins.parallel_read.worker by the same name.
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    stamps = {path: generator.readers._get_file_stamp(path) for path, _ in jobs}
    futures = [
        pool.submit(worker.read, setup, jobs[i : i + CHUNK]) for i in range(0, len(jobs), CHUNK)
    ]
    setattr(generator, PENDING, (pool, futures, stamps))


def collect(generator) -> None:
    pending: tuple[ProcessPoolExecutor, list[Future], dict] | None = getattr(
        generator, PENDING, None
    )
    if pending is None:
        return
    setattr(generator, PENDING, None)
    pool, futures, stamps = pending
    cache = generator.readers._cache
    parsed = 0
    try:
        for future in futures:
            for path, content, metadata in future.result():
                cache[path] = (stamps[path], (content, metadata))
                parsed += 1
        log.info("parallel_read: %d of %d files parsed in worker processes", parsed, len(stamps))
    except Exception as error:  # a broken worker: Pelican reads the rest itself
        log.info("parallel_read: workers failed, reading in one process (%s)", error)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def register() -> None:
    signals.article_generator_init.connect(start_workers)
    signals.article_generator_preread.connect(collect)
