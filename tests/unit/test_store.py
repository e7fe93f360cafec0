"""The build cache's store: this machine's key, the one fingerprint rule, bounded entries, misses never failures."""

from __future__ import annotations

import logging
import sqlite3
import stat
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from build_kb import store as store_module
from build_kb.load.bibtex_cache import parse_bibtex_cached
from build_kb.store import (
    CACHE_ENV,
    DEFAULT_CACHE_DIR,
    FILE,
    cache_folder,
    close_all,
    committed_cache,
    fingerprint,
    key_path,
    machine_key,
    open_store,
)
from tests.cache_tools import EVIL, damage, rows

BIB = Path(__file__).parents[1] / "scenarios" / "_base" / "references" / "library.bib"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A user cache folder of this test's own (``$XDG_CACHE_HOME``), the key made afresh."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    machine_key.cache_clear()
    yield tmp_path / "user-cache"
    close_all()
    machine_key.cache_clear()


def test_the_key_is_made_once_readable_by_its_owner_only_and_kept(home: Path) -> None:
    key = machine_key()
    assert key is not None and len(key) == 32
    assert key_path() == home / "build_kb" / "key"
    assert stat.S_IMODE(key_path().stat().st_mode) == 0o600
    machine_key.cache_clear()
    assert machine_key() == key  # read back, not made again


def test_a_damaged_key_is_replaced_and_what_it_signed_is_a_miss(home: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path / "cache")
    assert store is not None and store.write("kind", [("name", "key", b"data")])
    key_path().write_bytes(b"short")
    machine_key.cache_clear()
    again = open_store(tmp_path / "cache")
    assert again is not None and machine_key() is not None and len(key_path().read_bytes()) == 32
    assert again.read("kind", "name", "key") is None


def test_without_a_key_nothing_is_cached(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home.parent.mkdir(parents=True, exist_ok=True)
    home.write_text("a file where the user cache folder would be", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    assert machine_key() is None
    assert cache_folder(tmp_path) is None and open_store(tmp_path / "cache") is None
    parse_bibtex_cached(BIB.read_text(encoding="utf-8"), "references/library.bib", tmp_path)
    assert not (tmp_path / "cache").exists()


def test_a_key_inside_the_project_turns_the_cache_off(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(CACHE_ENV)
    assert cache_folder(tmp_path) is None  # the key would be committed with the project
    assert cache_folder(tmp_path / "elsewhere") == tmp_path / "elsewhere" / DEFAULT_CACHE_DIR


def test_one_fingerprint_rule_for_every_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    assert fingerprint("ab", "c") != fingerprint("a", "bc")  # each part taken whole
    assert fingerprint("ab", "c") == fingerprint(b"ab", b"c")
    before = fingerprint("x")
    monkeypatch.setattr(store_module, "_code_digest", lambda: b"another version of build_kb")
    assert fingerprint("x") != before


def test_entries_of_another_key_or_forged_or_too_large_are_misses_logged_once(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    store = open_store(tmp_path)
    assert store is not None
    assert store.write("kind", [(f"n{i}", "key", b"<p>kept</p>") for i in range(3)])
    assert store.read("kind", "n0", "key") == b"<p>kept</p>"
    caplog.set_level(logging.DEBUG, logger="mkdocs.plugins.build_kb.cache")
    assert [store.read("kind", f"n{i}", "other") for i in range(3)] == [None] * 3
    damage(tmp_path, "forged", ("kind",))
    assert [store.read("kind", f"n{i}", "key") for i in range(3)] == [None] * 3
    assert len(caplog.records) == 2  # one line per reason, not per entry
    assert all(record.levelno == logging.DEBUG for record in caplog.records)
    monkeypatch.setattr(store_module, "MAX_ENTRY", 10)
    assert store.write("kind", [("big", "key", EVIL.encode())])  # nothing is kept
    assert store.read("kind", "big", "key") is None


def test_a_generation_drops_the_items_of_another(home: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path)
    assert store is not None
    assert store.write("page", [("a", "one", b"1"), ("b", "one", b"1")], generation="one")
    assert store.names("page", "one") == {"a", "b"}
    assert store.write("page", [("a", "two", b"2")], generation="two")
    assert store.names("page", "one") == set() and store.names("page", "two") == {"a"}


def test_a_store_deleted_while_serving_is_made_again(home: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path / "cache")
    assert store is not None and store.write("kind", [("name", "key", b"data")])
    (tmp_path / "cache" / FILE).unlink()
    again = open_store(tmp_path / "cache")
    assert again is not None and again.write("kind", [("name", "key", b"data")])
    assert again.read("kind", "name", "key") == b"data" and (tmp_path / "cache" / FILE).is_file()


def test_a_new_store_removes_the_older_caches_files(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    for name in ("pages.sqlite", "local-graphs.sqlite-wal", "citations-ab.json", "bibtex-cd.json", "layout-ef.json"):
        (folder / name).write_text("old", encoding="utf-8")
    (folder / "notes.txt").write_text("not ours", encoding="utf-8")
    store = open_store(folder)
    assert store is not None and store.write("kind", [])
    close_all()
    assert sorted(path.name for path in folder.iterdir()) == ["notes.txt", FILE]  # no .gitignore: not made here


def test_another_format_is_emptied(home: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path)
    assert store is not None and store.write("kind", [("name", "key", b"data")])
    close_all()
    with sqlite3.connect(tmp_path / FILE) as db:
        db.execute("PRAGMA user_version = 99")
    db.close()
    assert store.read("kind", "name", "key") is None
    assert store.write("kind", [("name", "key", b"data")]) and len(rows(tmp_path)) == 1


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


def test_the_cache_folder_ignores_itself_and_check_refuses_it_committed(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    _git(project, "init", "-q")
    monkeypatch.delenv(CACHE_ENV)
    folder = cache_folder(project)
    assert folder == project / ".cache" / "build_kb"
    store = open_store(folder)
    assert store is not None and store.write("kind", [("name", "key", b"data")])
    _git(project, "add", "-A")
    assert _git(project, "ls-files") == ""  # the folder's own .gitignore keeps it out
    assert committed_cache(project) == []
    close_all()  # its write-ahead log folded back into the file
    _git(project, "add", "-f", ".cache")
    (problem,) = committed_cache(project)
    assert (problem.code, problem.path) == ("committed-cache", ".cache/build_kb")
    assert "2 files" in problem.message  # the store and its .gitignore
    assert committed_cache(tmp_path / "elsewhere") == []


def test_a_store_is_read_from_another_thread_as_serve_rebuilds(home: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path)
    assert store is not None and store.write("kind", [("name", "key", b"data")])
    found: list[bytes | None] = []
    thread = threading.Thread(target=lambda: found.append(store.read("kind", "name", "key")))
    thread.start()
    thread.join()
    assert found == [b"data"]


def test_a_store_of_the_right_number_and_another_shape_is_made_again(home: Path, tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / FILE) as db:
        db.execute("CREATE TABLE entries (kind TEXT, name TEXT, html TEXT)")
        db.execute("INSERT INTO entries VALUES ('page', 'index.md', ?)", (EVIL,))
        db.execute(f"PRAGMA user_version = {store_module.FORMAT}")
    db.close()
    store = open_store(tmp_path)
    assert store is not None and store.read("page", "index.md", "key") is None
    assert (
        store.write("page", [("index.md", "key", b"<p>ok</p>")])
        and store.read("page", "index.md", "key") == b"<p>ok</p>"
    )


@pytest.mark.parametrize("compress", [True, False])
def test_an_entry_over_the_bound_is_a_miss(
    compress: bool, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path)
    assert store is not None and store.write("kind", [("name", "key", b"x" * 50)], compress=compress)
    assert store.read("kind", "name", "key") == b"x" * 50
    monkeypatch.setattr(store_module, "MAX_ENTRY", 49)
    assert store.read("kind", "name", "key") is None


def test_links_in_the_cache_are_never_written_through(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pull request may commit `.cache/build_kb` as a link, or links in it: nothing is written where they point."""
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "places.sqlite").write_bytes(b"")
    project = tmp_path / "project"
    (project / ".cache").mkdir(parents=True)
    (project / ".cache" / "build_kb").symlink_to(victim)
    monkeypatch.delenv(CACHE_ENV)
    assert cache_folder(project) is None
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / FILE).symlink_to(victim / "places.sqlite")
    store = open_store(folder)
    assert store is not None and not store.write("kind", [("name", "key", b"data")])
    assert store.read("kind", "name", "key") is None
    assert (victim / "places.sqlite").read_bytes() == b"" and sorted(p.name for p in victim.iterdir()) == [
        "places.sqlite"
    ]
