"""The layout: same input, same coordinates, inside the box, every card placed."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from build_kb.graph import layout as layout_module
from build_kb.graph.layout import MARGIN, SIZE, Point, cached_layout, compute_layout
from build_kb.model import KnowledgeBase
from build_kb.pipeline import Loaded
from build_kb.store import CACHE_ENV
from tests.cache_tools import FILE_DAMAGES, ROW_DAMAGES, damage
from tests.graph.conftest import FIXTURES, REPO

_SCRIPT = (
    "import json, sys; from pathlib import Path; from build_kb.pipeline import load_project; "
    "from build_kb.graph.layout import compute_layout; "
    "print(json.dumps(compute_layout(load_project(Path(sys.argv[1])).kb)))"
)


def test_every_card_is_placed_inside_the_box(small: Loaded) -> None:
    layout = compute_layout(small.kb)
    assert sorted(layout) == sorted(small.kb.cards)
    for x, y in layout.values():
        assert MARGIN <= x <= SIZE - MARGIN
        assert MARGIN <= y <= SIZE - MARGIN
        assert round(x, 1) == x and round(y, 1) == y
    assert len(set(layout.values())) == len(layout)  # no two cards on the same spot


def test_same_input_same_coordinates(small: Loaded) -> None:
    assert compute_layout(small.kb) == compute_layout(small.kb)


def test_same_coordinates_in_other_processes(small: Loaded) -> None:
    """Hash randomisation and a fresh interpreter change nothing."""
    expected = json.dumps(compute_layout(small.kb))
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", _SCRIPT, str(FIXTURES / "small")],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip() == expected


def test_card_order_on_disk_does_not_matter(small: Loaded) -> None:
    shuffled = list(small.kb.cards.items())
    random.Random(3).shuffle(shuffled)
    assert compute_layout(replace(small.kb, cards=dict(shuffled))) == compute_layout(small.kb)


def test_the_seed_changes_the_picture(small: Loaded) -> None:
    assert compute_layout(small.kb, seed=1) != compute_layout(small.kb, seed=2)


def test_global_random_state_is_left_alone(small: Loaded) -> None:
    random.seed(42)
    expected = random.random()
    random.seed(42)
    compute_layout(small.kb)
    assert random.random() == expected


def test_empty_and_single_card(small: Loaded) -> None:
    assert compute_layout(KnowledgeBase({}, {}, ("fr", "en"))) == {}
    one = KnowledgeBase({"theme-a": small.kb.cards["theme-a"]}, {}, ("fr", "en"))
    assert compute_layout(one) == {"theme-a": (SIZE / 2, SIZE / 2)}


def test_repo_layout_is_deterministic(repo: Loaded) -> None:
    assert compute_layout(repo.kb) == compute_layout(repo.kb)


def test_the_cached_layout_is_the_layout(small: Loaded, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    card = next(card for card in small.kb.cards.values() if card.relations.get("related"))
    unlinked = replace(card, relations={**card.relations, "related": ()})
    changed = replace(small.kb, cards={**small.kb.cards, card.id: unlinked})
    expected, expected_changed = compute_layout(small.kb), compute_layout(changed)
    assert expected != expected_changed
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(layout_module, "_MEMORY", {})
    runs: list[int] = []
    compute = layout_module._layout

    def counted(*args: Any) -> dict[str, Point]:
        runs.append(1)
        return compute(*args)

    monkeypatch.setattr(layout_module, "_layout", counted)
    assert cached_layout(small.kb, tmp_path) == expected  # Computed and stored.
    layout_module._MEMORY.clear()
    assert cached_layout(small.kb, tmp_path) == expected  # Read from disk.
    assert cached_layout(small.kb, tmp_path) == expected  # From memory.
    assert len(runs) == 1
    assert cached_layout(changed, tmp_path) == expected_changed  # Other links: laid out again.
    for how in ROW_DAMAGES + FILE_DAMAGES:
        assert damage(tmp_path, how) == {"layout": 1}, how
        layout_module._MEMORY.clear()
        assert cached_layout(changed, tmp_path) == expected_changed, how  # A damaged entry is a miss.
    assert len(runs) == 2 + len(ROW_DAMAGES + FILE_DAMAGES)
