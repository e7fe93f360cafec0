"""Issue 15 through a real ``mkdocs build``: what crashed the build is a logged diagnostic, the site is built."""

from __future__ import annotations

from pathlib import Path

from tests.site.helpers import build_site, copy_project, edit_config, mkdocs_build

LONG_KEY = "k" + "x" * 300 + "2020"
HOSTILE_BIB = f"""
@book{{{LONG_KEY},
  author = {{{"Verylongfamilyname" * 20}, Jane}},
  title = {{A Key Longer Than Any File Name}},
  year = {{{"1" * 4301}}}
}}
"""


def test_what_crashed_the_build_is_reported_and_the_site_is_built(tmp_path: Path) -> None:
    project = copy_project("small", tmp_path / "project")
    card = project / "concepts" / "learning.yaml"
    text = card.read_text(encoding="utf-8")
    hostile = text.replace(
        "label: {fr: Apprendre, en: Learning}", "label: {fr: Apprendre, en: Learning, 'x y': B, e_n: C}"
    )
    hostile = hostile.replace("summary:\n", f"summary:\n  '1': D\n  kind: {'9' * 5000}\n", 1)
    assert hostile.count("'x y'") == 1 and hostile.count("'1'") == 1
    card.write_text(hostile, encoding="utf-8")
    bib = project / "references" / "small.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + HOSTILE_BIB, encoding="utf-8")
    cited = project / "concepts" / "networks.yaml"
    cited.write_text(cited.read_text(encoding="utf-8").replace("[@", f"[@{LONG_KEY}; @", 1), encoding="utf-8")

    built = build_site(project, tmp_path / "site", strict=False)
    assert not built.aborted
    errors = sorted({message.split("error[")[1].split("]")[0] for message in built.problems if "error[" in message})
    assert errors == ["bad-year", "number-too-large", "unknown-field"]
    pages = [path.name for path in (tmp_path / "site" / "references").iterdir()]
    assert any(name.startswith("kxxxx") for name in pages)
    assert max(len(name) for name in pages) <= 110
    authors = [path.name for path in (tmp_path / "site" / "authors").iterdir()]
    assert any(name.startswith("verylongfamilyname") for name in authors)
    assert (tmp_path / "site" / "kb.ttl").is_file()
    ttl = (tmp_path / "site" / "kb.ttl").read_text(encoding="utf-8")
    assert '"B"@' not in ttl and "@x y" not in ttl and "@e_n" not in ttl


def test_a_site_url_that_is_not_a_plain_url_stops_the_build(tmp_path: Path) -> None:
    project = copy_project("small", tmp_path / "project")
    edit_config(project, "site_url: https://example.org/small/", "site_url: 'https://x/\"><script>alert(1)</script>'")
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "mkdocs.yml:2:1: error[config]: 'site_url' is not a plain URL" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "index.html").exists()


def test_an_unknown_option_is_an_error_with_did_you_mean(tmp_path: Path) -> None:
    project = copy_project("small", tmp_path / "project")
    edit_config(project, "  - build_kb\n", "  - build_kb:\n      relation_capp: 10\n")
    result = mkdocs_build(project, tmp_path / "strict")  # MkDocs stops first, on its own warning
    assert result.returncode != 0 and "relation_capp" in result.stdout + result.stderr
    built = build_site(project, tmp_path / "site", strict=False)
    assert (
        "mkdocs.yml:16:7: error[config]: unknown option 'relation_capp' in the build_kb block"
        " (did you mean 'relation_cap'?)"
    ) in built.problems
