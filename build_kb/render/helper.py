"""A second process that makes generated pages ahead of MkDocs, which builds them one after the other.

MkDocs builds pages one after the other, on one core. In a first build (no page kept in
the build cache: a fresh clone, a CI run), making a generated page (its citations, its
local graph) costs about as much as MkDocs' own work on it (the theme, search, writing).
On a machine with a second core, the plugin forks a helper once the pages are known:
the helper makes pages in the order MkDocs builds them, starting two batches ahead, and
writes each batch to the page store (:class:`~build_kb.render.graph_cache.HtmlStore`, in
the build cache's SQLite file, which both processes open); the build takes from the store
the pages the helper has written and makes the others itself. Making a page costs the
helper less than MkDocs spends on it, so the helper stays ahead and the build makes
almost none; if the build catches up (a slow page, a busy machine), the helper jumps two
batches ahead again.

Nothing else is shared: the helper's pages are the ones the build would have made (the
same code, on the same data, forked after it was loaded), and a page is only read from
the store under the fingerprint of everything it is made from. The helper never fails a
build: if it stops early, or cannot start, the build makes the pages it did not.

It is only forked where that is safe and worth it: on Linux (``fork`` with no exec is
fragile on macOS), from a process with a single thread (not from ``mkdocs serve``'s
rebuilds, which run beside the server's threads), with two cores or more, and when at
least :data:`MIN_SIZE` pages are to be made. ``BUILD_KB_HELPER=off`` turns it off;
``on`` starts it whatever the size and the cores (the tests use it).
"""

from __future__ import annotations

import logging
import mmap
import os
import signal
import struct
import time
from collections.abc import Callable, Sequence

from build_kb.parallel import HELPER_ENV as HELPER_ENV
from build_kb.parallel import fork_setting
from build_kb.render.graph_cache import HtmlStore
from build_kb.store import close_all

MIN_SIZE = 300
"""Fewer pages to make (or cards to lay out) than this, and forking is not worth it: the whole build takes
a second or two."""
BATCH = 8
"""Pages the helper writes at a time: few, so the build finds them soon after they are made."""
_WAIT = 60.0
"""Seconds the build waits for the helper to finish its page and write it, before stopping it."""

_PROGRESS, _STOP, _MADE = 0, 1, 2
"""Slots of the shared counters: the build's next page, stop, pages the helper wrote."""
_SLOT = struct.Struct("q")


def _read(shared: mmap.mmap, slot: int) -> int:
    value: int = _SLOT.unpack_from(shared, slot * _SLOT.size)[0]
    return value


def _write(shared: mmap.mmap, slot: int, value: int) -> None:
    _SLOT.pack_into(shared, slot * _SLOT.size, value)


def _setting() -> str | None:
    """``on`` or ``auto`` where a helper may be forked (see the module's notes), else None."""
    return fork_setting()


def _worth_it(setting: str, size: int) -> bool:
    """Whether to fork for work of ``size`` items: with two cores and enough items, or when asked to."""
    if setting == "on":
        return size > 0
    return size >= MIN_SIZE and len(os.sched_getaffinity(0)) >= 2


def _fork(work: Callable[[], int]) -> int:
    """Fork; the new process runs ``work`` (logging off) and exits with its code, never returning here."""
    close_all()  # a connection must not cross a fork: each process opens its own
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        logging.disable(logging.CRITICAL)
        code = work()
    finally:
        os._exit(code)


def _ended(pid: int) -> bool:
    """Whether a forked process has ended (and is reaped), without waiting."""
    try:
        done, _status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return bool(done)


def _reap(pid: int, timeout: float) -> None:
    """Wait for a forked process to end; after ``timeout`` seconds, kill it."""
    deadline = time.monotonic() + timeout
    while not _ended(pid):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return
        time.sleep(0.005)


class Background:
    """A forked process running tasks one after the other; the caller can wait for the first ``n`` of them."""

    def __init__(self, pid: int, shared: mmap.mmap) -> None:
        self._pid: int | None = pid
        self._shared = shared

    def wait_for(self, done: int) -> None:
        """Wait until the first ``done`` tasks are over (or the process has ended, whatever it did)."""
        deadline = time.monotonic() + _WAIT
        while self._pid is not None and _read(self._shared, 0) < done:
            if _ended(self._pid):
                self._pid = None
            elif time.monotonic() > deadline:
                self.finish()
            else:
                time.sleep(0.002)

    def finish(self) -> None:
        """Wait for every task (after :data:`_WAIT` seconds, stop the process)."""
        if self._pid is not None:
            pid, self._pid = self._pid, None
            _reap(pid, _WAIT)


def in_background(tasks: Sequence[Callable[[], object]], size: int) -> Background | None:
    """Run ``tasks`` (work of ``size`` items) in a forked process, under the same conditions as the page helper.

    The tasks hand their results over through the build cache (the graph layout, say): the
    caller does other work meanwhile, waits for a task (:meth:`Background.wait_for`),
    then reads the cache, and does the work itself if the task could not. None when no
    process was forked.
    """
    setting = _setting()
    if setting is None or not _worth_it(setting, size):
        return None
    shared = mmap.mmap(-1, _SLOT.size)  # how many tasks are over

    def run() -> int:
        for done, task in enumerate(tasks, start=1):
            task()
            _write(shared, 0, done)
        return 0

    return Background(_fork(run), shared)


class PageHelper:
    """The build's handle on its helper: where the build is, the pages it takes, and how to stop the helper."""

    def __init__(self, pid: int, shared: mmap.mmap, order: Sequence[str]) -> None:
        self._pid: int | None = pid
        self._shared = shared
        self._index = {name: number for number, name in enumerate(order)}
        self.taken = 0
        """Pages the build took from the helper."""

    def take(self, name: str, store: HtmlStore, make: Callable[[], str]) -> str:
        """Page ``name``, from the store if the helper wrote it, else made now by ``make``.

        The helper is told first that the build has come this far, so that it keeps ahead
        of it.
        """
        number = self._index.get(name)
        if number is not None and number >= _read(self._shared, _PROGRESS):
            _write(self._shared, _PROGRESS, number + 1)
        before = store.hits
        html = store.section(name, make)
        self.taken += store.hits - before
        return html

    def finish(self) -> int:
        """Stop the helper and wait for it (it writes what it made); how many pages it wrote (a few the build
        may have made too, where it caught up)."""
        if self._pid is None:
            return _read(self._shared, _MADE)
        _write(self._shared, _STOP, 1)
        pid, self._pid = self._pid, None
        _reap(pid, _WAIT)
        return _read(self._shared, _MADE)


def start(
    order: Sequence[str],
    make: Callable[[str], str],
    pages: HtmlStore,
    others: Sequence[HtmlStore] = (),
    on_exit: Sequence[Callable[[], object]] = (),
) -> PageHelper | None:
    """Fork a helper that makes the pages of ``order`` missing from ``pages``, ahead of the build; None if not
    worth it.

    Args:
        order: The pages' names in the order the build takes them.
        make: Makes a page's HTML (what the build would call).
        pages: The page store, where the helper writes and the build reads.
        others: Stores ``make`` writes to as it goes (the local graphs): the helper writes
            them before it exits.
        on_exit: What else the helper does once its pages are written (save the citations it
            formatted, for the build to take).
    """
    setting = _setting()
    stored = pages.prepare() if setting is not None else None
    if setting is None or stored is None:
        return None
    missing = [name for name in order if name not in stored]
    if not _worth_it(setting, len(missing)):
        return None
    shared = mmap.mmap(-1, 3 * _SLOT.size)  # anonymous, so shared with the forked process
    parent = os.getpid()

    def run() -> int:
        code = _work(order, set(missing), make, pages, others, shared, parent)
        for action in on_exit:
            action()
        return code

    return PageHelper(_fork(run), shared, order)


def _work(
    order: Sequence[str],
    missing: set[str],
    make: Callable[[str], str],
    pages: HtmlStore,
    others: Sequence[HtmlStore],
    shared: mmap.mmap,
    parent: int,
) -> int:
    """The helper's loop: make pages ahead of the build, write them in batches, to the end or until stopped."""
    writer = HtmlStore(pages.folder, pages.kind, pages.key, remember=False)
    writer.batch = BATCH
    made = 0
    number = 0
    while number < len(order):
        if _read(shared, _STOP) or os.getppid() != parent:
            break
        behind = _read(shared, _PROGRESS)
        if number < behind + BATCH:
            number = behind + 2 * BATCH  # the build has caught up: go ahead, it makes the pages between
            continue
        name = order[number]
        number += 1
        if name in missing:
            made += 1
            if writer.put(name, make(name)):
                _write(shared, _MADE, made)
    if writer.save():
        _write(shared, _MADE, made)
    for other in others:
        other.save()
    return 0
