"""Locators parsed as pandoc parses them: every form of its manual, the CSL terms, English and French."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from build_kb.bibliography.cite_parts import joined_suffix
from build_kb.citations import parse_locator
from build_kb.locators import TERMS, Locator, split_locator

PROBE = Path(__file__).parents[1] / "data" / "locator-probe.csl"

# The pandoc manual's forms (section "Citation syntax"), then the CSL terms, with what pandoc reads.
MANUAL: list[tuple[str, Locator | None, str]] = [
    ("pp. 33-35, 38-39 and *passim*", Locator("page", "33-35, 38-39"), " and *passim*"),
    ("chap. 1", Locator("chapter", "1"), ""),
    ("p. 33", Locator("page", "33"), ""),
    ("33", Locator("page", "33"), ""),
    ("33, 35", Locator("page", "33, 35"), ""),
    ("p. 12 et seq.", Locator("page", "12"), " et seq."),
    ("p. 12.", Locator("page", "12"), "."),
    ("{pp. iv, vi-xi}", Locator("page", "iv, vi-xi"), ""),
    ("{pp. iv, vi-xi, (xv)-(xvii)} with suffix here", Locator("page", "iv, vi-xi, (xv)-(xvii)"), " with suffix here"),
    ("{ii, A, D-Z}, with a suffix", Locator("", "ii, A, D-Z"), ", with a suffix"),
    ("{}, 99 years later", None, ", 99 years later"),
    ("chapter one", None, "chapter one"),
    ("p. iv", Locator("page", "iv"), ""),
    ("p. IV", Locator("page", "IV"), ""),
    ("p. xiv-xvi", Locator("page", "xiv-xvi"), ""),
    ("P. 12", Locator("page", "12"), ""),
    ("Chapter 3", Locator("chapter", "3"), ""),
    ("p.3", Locator("page", "3"), ""),
    ("pages12", Locator("page", "pages12"), ""),
    ("pages 3-4", Locator("page", "3-4"), ""),
    ("3.2", Locator("page", "3.2"), ""),
    ("p. 3:4", Locator("page", "3:4"), ""),
    ("12a", Locator("page", "12a"), ""),
    ("p. 12, 14 passim", Locator("page", "12, 14"), " passim"),
    ("pp. 12, n. 3", Locator("page", "12"), ", n. 3"),
    ("bk. 2", Locator("book", "2"), ""),
    ("books 2-3", Locator("book", "2-3"), ""),
    ("col. 4", Locator("column", "4"), ""),
    ("figs. 2-3", Locator("figure", "2-3"), ""),
    ("fol. 12", Locator("folio", "12"), ""),
    ("no. 5", Locator("issue", "5"), ""),
    ("issue 5", Locator("issue", "5"), ""),
    ("line 3", Locator("line", "3"), ""),
    ("ll. 3-4", Locator("line", "3-4"), ""),
    ("n. 3", Locator("note", "3"), ""),
    ("notes 3-4", Locator("note", "3-4"), ""),
    ("op. 3", Locator("opus", "3"), ""),
    ("para. 38", Locator("paragraph", "38"), ""),
    ("paragraphs 3-4", Locator("paragraph", "3-4"), ""),
    ("¶ 4", Locator("paragraph", "4"), ""),
    ("pt. 2", Locator("part", "2"), ""),
    ("§ 42", Locator("section", "42"), ""),
    ("secs. 4-5", Locator("section", "4-5"), ""),
    ("sub verbo 3", Locator("sub-verbo", "3"), ""),
    ("s.v. foo", None, "s.v. foo"),
    ("vv. 3-4", Locator("verse", "3-4"), ""),
    ("verses 3-4", Locator("verse", "3-4"), ""),
    ("vol. 3", Locator("volume", "3"), ""),
    ("volumes 3-4", Locator("volume", "3-4"), ""),
    ("and elsewhere", None, "and elsewhere"),
]
FRENCH: list[tuple[str, Locator | None, str]] = [
    ("chapitre 3", Locator("chapter", "3"), ""),
    ("paragr. 38", Locator("paragraph", "38"), ""),
    ("nᵒ 3", Locator("issue", "3"), ""),
    ("§ 42", Locator("paragraph", "42"), ""),
    ("sect. 4", Locator("section", "4"), ""),
    ("livre 2", Locator("book", "2"), ""),
    ("lignes 3-4", Locator("line", "3-4"), ""),
    ("p. 12-13 et suiv.", Locator("page", "12-13"), " et suiv."),
    ("versets 3-4", Locator("verse", "3-4"), ""),
    ("partie 2", Locator("part", "2"), ""),
    ("p. 12, 14 passim", Locator("page", "12, 14"), " passim"),
]


@pytest.mark.parametrize(("suffix", "locator", "rest"), MANUAL)
def test_pandoc_manual_forms(suffix: str, locator: Locator | None, rest: str) -> None:
    assert split_locator(suffix, "en") == (locator, rest)
    assert split_locator(", " + suffix, "en") == (locator, rest)  # the comma after the key is optional


@pytest.mark.parametrize(("suffix", "locator", "rest"), FRENCH)
def test_french_terms_on_french_pages(suffix: str, locator: Locator | None, rest: str) -> None:
    assert split_locator(suffix, "fr") == (locator, rest)


def test_english_terms_also_read_on_french_pages() -> None:
    """Unlike pandoc (which reads the locale's terms only): bilingual cards write "pp." and "para." in French too."""
    assert split_locator("pp. 33-35", "fr") == (Locator("page", "33-35"), "")
    assert split_locator("para. 38", "fr") == (Locator("paragraph", "38"), "")
    assert split_locator("chapitre 3", "en") == (None, "chapitre 3")


def test_checker_view_is_english() -> None:
    assert parse_locator("p. 12 et seq.") == ("page", "12")
    assert parse_locator("{ii, A}") is None and parse_locator("chapter one") is None


@pytest.mark.parametrize("locale", ["en-US", "fr-FR"])
def test_terms_are_the_csl_locale_terms(locale: str) -> None:
    """TERMS holds every form of every locator term of citeproc-py's locale file, and nothing else."""
    import citeproc

    path = Path(citeproc.__file__).parent / "data" / "locales" / f"locales-{locale}.xml"
    ns = "{http://purl.org/net/xbiblio/csl}"
    expected: dict[str, set[str]] = {}
    for term in ET.parse(path).getroot().iter(f"{ns}term"):
        name = term.get("name", "")
        if name in TERMS["en"]:
            forms = {child.text for child in term if child.text} | (
                {term.text.strip()} if term.text and term.text.strip() else set()
            )
            expected.setdefault(name, set()).update(form for form in forms if form)
    assert {name: set(forms) for name, forms in TERMS[locale[:2]].items()} == expected


def _ours(suffix: str, lang: str) -> str:
    """What the probe style prints for our parse: ``@{label=value}`` then the suffix as joined."""
    locator, rest = split_locator(suffix, lang)
    term = {"en": {}, "fr": {name: forms[0] for name, forms in TERMS["fr"].items()}}[lang]
    shown = (
        ""
        if locator is None
        else "{" + term.get(locator.label, locator.label.replace("-", " ")) + "=" + locator.value + "}"
    )
    return "@" + shown + joined_suffix(rest, locator is not None).replace("*", "")


def _pandoc(suffixes: list[str], lang: str, tmp_path: Path) -> list[str]:
    pypandoc = pytest.importorskip("pypandoc")
    document = "---\nreferences:\n- id: a\n  type: book\n  title: T\n---\n\n"
    document += "\n\n".join(f"[@a{'' if s.startswith('{') else ', '}{s}]" for s in suffixes) + "\n"
    source = tmp_path / "probe.md"
    source.write_text(document, encoding="utf-8")
    command = [
        pypandoc.get_pandoc_path(),
        str(source),
        "--citeproc",
        "--csl",
        str(PROBE),
        "-t",
        "plain",
        "-M",
        f"lang={lang}",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return [
        re.sub("[\u2013\u2011]", "-", line.replace("\u00a0", " ").strip().strip("«»"))
        for line in output.split("\n\n")
        if line.strip()
    ]


def test_same_parse_as_pandoc_english(tmp_path: Path) -> None:
    suffixes = [suffix for suffix, _, _ in MANUAL]
    assert _pandoc(suffixes, "en-US", tmp_path) == [_ours(suffix, "en") for suffix in suffixes]


def test_same_parse_as_pandoc_french(tmp_path: Path) -> None:
    suffixes = [suffix for suffix, _, _ in FRENCH]
    assert _pandoc(suffixes, "fr-FR", tmp_path) == [_ours(suffix, "fr") for suffix in suffixes]
