"""Paths as diagnostics show them: the batch form agrees with the one-path form, links included."""

from __future__ import annotations

from pathlib import Path

from build_kb.config import ProjectConfig


def test_relative_many_agrees_with_relative(tmp_path: Path) -> None:
    root = tmp_path / "project"
    concepts = root / "concepts"
    (concepts / "sub").mkdir(parents=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (concepts / "a.yaml").write_text("id: a\n", encoding="utf-8")
    (concepts / "sub" / "b.yaml").write_text("id: b\n", encoding="utf-8")
    (outside / "c.yaml").write_text("id: c\n", encoding="utf-8")
    (concepts / "linked.yaml").symlink_to(outside / "c.yaml")  # A link out of the project.
    (concepts / "inner.yaml").symlink_to(concepts / "sub" / "b.yaml")  # A link inside it.
    (concepts / "folder").symlink_to(concepts / "sub", target_is_directory=True)
    (tmp_path / "alias").symlink_to(root, target_is_directory=True)
    paths = [
        concepts / "a.yaml",
        concepts / "sub" / "b.yaml",
        concepts / "linked.yaml",
        concepts / "inner.yaml",
        concepts / "folder" / "b.yaml",
        concepts / "missing.yaml",
        outside / "c.yaml",
        tmp_path / "alias" / "concepts" / "a.yaml",
    ]
    for config in (ProjectConfig(root=root), ProjectConfig(root=tmp_path / "alias")):
        assert config.relative_many(paths) == [config.relative(path) for path in paths]
    assert ProjectConfig(root=root).relative_many(paths)[:2] == ["concepts/a.yaml", "concepts/sub/b.yaml"]
