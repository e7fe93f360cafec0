"""Citations formatted over several processes are the ones one process formats."""

from __future__ import annotations

import os

import pytest

from build_kb import parallel
from build_kb.bibliography import Formatter
from build_kb.bibliography import formatter as formatter_module
from build_kb.model import Reference
from tests.bibliography.conftest import style


def test_parts_run_in_other_processes_and_come_back_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.HELPER_ENV, "on")
    found = parallel.run_parts(lambda index: (index, os.getpid()), 5)
    assert [index for index, _ in found] == [0, 1, 2, 3, 4]
    assert len({pid for _, pid in found}) == 2  # this process and a forked one
    monkeypatch.setenv(parallel.HELPER_ENV, "off")
    assert {pid for _, pid in parallel.run_parts(lambda index: (index, os.getpid()), 5)} == {os.getpid()}


def test_a_part_a_child_fails_on_is_made_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.HELPER_ENV, "on")
    here = os.getpid()

    def work(index: int) -> int:
        if os.getpid() != here:
            raise RuntimeError("a child that fails")
        return index * 10

    assert parallel.run_parts(work, 4) == [0, 10, 20, 30]


def test_a_library_formatted_in_two_processes_is_formatted_as_in_one(
    shipped: dict[str, Reference], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(formatter_module, "BATCH_SIZE", 7)  # 52 entries: 8 batches, 4 in each process
    made = {}
    for setting in ("off", "on"):
        monkeypatch.setenv(parallel.HELPER_ENV, setting)
        formatter = Formatter(shipped, style("apa"), "fr-FR")
        made[setting] = (
            [formatter.reference_html(key) for key in shipped],
            formatter.bibliography_keys(),
            formatter.failures,
        )
    assert made["on"] == made["off"]
    assert len(made["on"][0]) == len(shipped) > 7
