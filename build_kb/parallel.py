"""Work split into parts and spread over forked processes where that is safe and worth it, with a serial run's results.

Formatting a large library with citeproc-py takes seconds of one core before any page is
made. Its batches are independent (each one is formatted alone, from data prepared
before), so other cores can format some of them: the parent forks one process per
other core, each formats its share of the parts and sends the results back through a
pipe (pickled: the child is a copy of this process, nothing else writes to the pipe);
the parent formats its own share meanwhile, then reads theirs. The results are in the
parts' order, the ones a serial run gives. A child that fails (or cannot be forked) is
no failure: the parent does its share itself.

Forking follows the page helper's rules (:mod:`build_kb.render.helper`): Linux only, from
a process with a single thread (not ``mkdocs serve``'s rebuilds), never with
``BUILD_KB_HELPER=off``; ``on`` forks whatever the size and the cores (the tests use it).
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from build_kb.store import close_all

HELPER_ENV = "BUILD_KB_HELPER"
Result = TypeVar("Result")


def fork_setting() -> str | None:
    """``on`` or ``auto`` where a process may be forked (see the module's notes), else None."""
    setting = os.environ.get(HELPER_ENV, "auto").strip().lower()
    if setting in ("0", "off", "no", "false", "none"):
        return None
    if not sys.platform.startswith("linux") or not hasattr(os, "fork") or threading.active_count() > 1:
        return None
    return "on" if setting in ("1", "on", "yes", "true") else "auto"


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_parts(work: Callable[[int], Result], count: int, min_parts: int = 2) -> list[Result]:
    """``[work(0), ..., work(count - 1)]``, parts computed in other processes where it is worth it.

    Args:
        work: Computes one part; its result must pickle.
        count: The number of parts.
        min_parts: Fewer parts than this, and everything is done here (auto setting).
    """
    setting = fork_setting()
    workers = min(count, cores() if setting == "auto" else 2) if setting is not None else 1
    if setting == "auto" and count < min_parts:
        workers = 1
    if workers < 2:
        return [work(index) for index in range(count)]
    shares = [list(range(count))[worker::workers] for worker in range(workers)]
    children = [_start(work, share) for share in shares[1:]]
    results: dict[int, Result] = {index: work(index) for index in shares[0]}
    for share, child in zip(shares[1:], children, strict=True):
        found: list[Any] | None = _collect(child) if child is not None else None
        if found is None or len(found) != len(share):
            found = [work(index) for index in share]
        results.update(zip(share, found, strict=True))
    return [results[index] for index in range(count)]


def _start(work: Callable[[int], Result], share: list[int]) -> tuple[int, int] | None:
    """Fork a process computing ``share``; its pid and the pipe to read, or None if it could not start."""
    try:
        read, write = os.pipe()
    except OSError:
        return None
    close_all()  # a database connection must not cross a fork
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid:
        os.close(write)
        return pid, read
    code = 1
    try:
        os.close(read)
        data = pickle.dumps([work(index) for index in share], protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as stream:
            stream.write(data)
        code = 0
    finally:
        os._exit(code)


def _collect(child: tuple[int, int]) -> list[Any] | None:
    """The results a child sent, once it has ended; None if it failed."""
    pid, read = child
    chunks = []
    with os.fdopen(read, "rb") as stream:
        while chunk := stream.read(1 << 20):
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    try:
        found = pickle.loads(b"".join(chunks))  # noqa: S301 (sent by a copy of this process, through our own pipe)
    except (pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None
    return found if isinstance(found, list) else None


def start_task(work: Callable[[], object]) -> Callable[[], bool] | None:
    """Run ``work`` in a forked process now; returns a wait that says whether it finished (False: do it here).

    None where no process may be forked (see :func:`fork_setting`) or the fork failed: nothing was started.
    """
    if fork_setting() is None:
        return None
    close_all()  # a database connection must not cross a fork
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:
        code = 1
        try:
            work()
            code = 0
        finally:
            os._exit(code)

    def wait() -> bool:
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            return False
        return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0

    return wait
