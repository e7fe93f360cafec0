"""The peer benchmark's corpus: Markdown pages citing a BibTeX library, and the same content as cards.

``write_corpus(folder, pages=1000, references=4000)`` writes, from one seed:

- ``library.bib``: ``references`` entries with LaTeX accents in names and titles, journals
  named by ``@string`` macros (and one concatenation ``#``), as a real library has them;
- ``plain/``: ``pages`` Markdown pages, each a title and three paragraphs citing four
  distinct works in pandoc syntax (``[@key, p. 12]``, ``[@a; @b]``), in a Material site
  with search (the floor: citations left as text);
- ``bibtex/``: the same pages with the mkdocs-bibtex plugin (footnote citations and a
  bibliography per page);
- ``cards/``: the same content as build_kb cards (one per page, its title the label, its
  first sentence the summary, its paragraphs the definition), one theme card, the library
  in ``references/``, English only.

Every work is cited by one page: ``references`` is four times ``pages``.
"""

from __future__ import annotations

import random
from pathlib import Path

from synth import GIVEN, SURNAMES, WORDS

JOURNALS = {
    "revped": "Revue fran{\\c c}aise de p{\\'e}dagogie",
    "edrev": "Educational Research Review",
    "tte": "Teaching and Teacher Education",
    "jls": "Journal of the Learning Sciences",
}
CITES = 4

SITE_HEAD = """\
site_name: Peer bench
site_url: https://example.org/peer/
theme:
  name: material
  font: false
  language: en
  features: [navigation.instant, navigation.sections]
plugins:
  - search
"""
"""What both configurations share: the site, the theme, search."""

PLAIN_YML = (
    SITE_HEAD
    + """\
{plugin}
markdown_extensions: [attr_list, md_in_html, tables, toc, footnotes]
nav:
  - Home: index.md
  - Pages: pages/index.md
"""
)

BIBTEX_PLUGIN = """\
  - bibtex:
      bib_file: ../library.bib
"""

CARDS_YML = (
    SITE_HEAD
    + """\
  - build_kb:
      languages: [en]
markdown_extensions: [attr_list, md_in_html, tables, toc]
nav:
  - Home: index.md
  - Themes: themes/index.md
  - Cards: concepts/index.md
"""
)


def ref_key(index: int) -> str:
    return f"work{index:05d}"


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def bib_entry(index: int, rng: random.Random) -> str:
    authors = " and ".join(f"{rng.choice(SURNAMES)}, {rng.choice(GIVEN)}" for _ in range(rng.randint(1, 3)))
    journal = rng.choice(sorted(JOURNALS))
    title = f"{_words(rng, 6).capitalize()} : {rng.choice(WORDS)} et d{{\\'e}}veloppement {index}"
    venue = f'{journal} # " (suppl.)"' if index % 97 == 0 else journal
    return (
        f"@article{{{ref_key(index)},\n"
        f"  author = {{{authors}}},\n"
        f"  title = {{{title}}},\n"
        f"  journal = {venue},\n"
        f"  year = {{{1980 + index % 45}}},\n"
        f"  volume = {{{index % 60 + 1}}},\n"
        f"  pages = {{{index % 200 + 1}--{index % 200 + 15}}},\n"
        f"  doi = {{10.1234/peer.{index}}}\n"
        "}\n"
    )


def page_text(index: int, rng: random.Random) -> tuple[str, list[str]]:
    """A page's title and paragraphs; its four works cited in pandoc syntax."""
    keys = [ref_key(index * CITES + offset) for offset in range(CITES)]
    title = f"Concept {index:04d} {rng.choice(WORDS)}"
    paragraphs = [
        f"{_words(rng, 14).capitalize()}. {_words(rng, 30).capitalize()} [@{keys[0]}, p. {rng.randint(1, 300)}].",
        f"{_words(rng, 40).capitalize()} [@{keys[1]}; @{keys[2]}].",
        f"{_words(rng, 35).capitalize()} [see @{keys[3]}, pp. {rng.randint(1, 99)}-{rng.randint(100, 200)}].",
    ]
    return title, paragraphs


def write_corpus(folder: Path, pages: int = 1000, references: int | None = None, seed: int = 1) -> Path:
    """Write the three sites and the library into ``folder`` (see the module's notes)."""
    references = pages * CITES if references is None else references
    rng = random.Random(f"{seed}:library")
    macros = "".join(f'@string{{{name} = "{value}"}}\n' for name, value in JOURNALS.items())
    library = macros + "\n" + "\n".join(bib_entry(index, rng) for index in range(references))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "library.bib").write_text(library, encoding="utf-8")
    texts = [page_text(index, random.Random(f"{seed}:page:{index}")) for index in range(pages)]
    for name, plugin in (("plain", ""), ("bibtex", BIBTEX_PLUGIN)):
        site = folder / name
        docs = site / "docs" / "pages"
        docs.mkdir(parents=True, exist_ok=True)
        (site / "docs" / "index.md").write_text("# Peer bench\n", encoding="utf-8")
        (docs / "index.md").write_text("# Pages\n", encoding="utf-8")
        for index, (title, paragraphs) in enumerate(texts):
            body = "\n\n".join(paragraphs)
            (docs / f"page-{index:04d}.md").write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
        (site / "mkdocs.yml").write_text(PLAIN_YML.format(plugin=plugin), encoding="utf-8")
    cards = folder / "cards"
    concepts = cards / "concepts"
    concepts.mkdir(parents=True, exist_ok=True)
    (cards / "references").mkdir(exist_ok=True)
    (cards / "references" / "library.bib").write_text(library, encoding="utf-8")
    (cards / "docs").mkdir(exist_ok=True)
    (cards / "docs" / "index.md").write_text("# Peer bench\n", encoding="utf-8")
    (concepts / "theme-peer.yaml").write_text(
        "id: theme-peer\nkind: theme\nlabel: {en: Peer bench}\nsummary: {en: Every card.}\n"
        f"definition: {{en: 'Every card [@{ref_key(0)}].'}}\n",
        encoding="utf-8",
    )
    for index, (title, paragraphs) in enumerate(texts):
        summary = paragraphs[0].split(". ")[0] + "."
        definition = "\n\n".join(paragraphs).replace("\n", "\n    ")
        related = f"relations: {{related: [peer-{index - 1:04d}]}}\n" if index else ""
        (concepts / f"peer-{index:04d}.yaml").write_text(
            f"id: peer-{index:04d}\nkind: concept\nthemes: [theme-peer]\nlabel: {{en: {title}}}\n"
            f"summary: {{en: '{summary}'}}\ndefinition:\n  en: |-\n    {definition}\n{related}",
            encoding="utf-8",
        )
    (cards / "mkdocs.yml").write_text(CARDS_YML, encoding="utf-8")
    return folder
