"""Synthetic knowledge bases of any size, with uniform cards: page sizes compare across sizes."""

from __future__ import annotations

from pathlib import Path

MKDOCS_YML = """\
site_name: Synthetic KB
site_url: https://example.org/synthetic/
theme:
  name: material
  language: fr
  font: false
plugins:
  - search:
      lang: [fr, en]
  - build_kb
markdown_extensions:
  - attr_list
  - md_in_html
nav:
  - Home: index.md
  - Themes: themes/index.md
  - Cards: concepts/index.md
  - References: references/index.md
"""

THEME = """\
id: theme-{n}
kind: theme
label: {{fr: Thème {n}, en: Theme {n}}}
summary: {{fr: Le thème {n}., en: Theme {n}.}}
definition:
  fr: Le thème {n} [@ref{n:05d}].
  en: Theme {n} [@ref{n:05d}].
relations:
  related: [theme-{other}]
"""

CARD = """\
id: card-{n:05d}
kind: {kind}
themes: [theme-{theme}]
label: {{fr: Fiche {n:05d}, en: Card {n:05d}}}
summary: {{fr: Résumé de la fiche {n:05d}., en: Summary of card {n:05d}.}}
definition:
  fr: Définition de la fiche {n:05d} [@ref{ref:05d}, p. 12].
  en: Definition of card {n:05d} [@ref{ref:05d}, p. 12].
relations:
  related: [{related}]
{broader}"""

ENTRY = """\
@article{{ref{n:05d},
  author = {{Author{n:05d}, Anne}},
  title = {{A study numbered {n:05d}}},
  journal = {{Journal of Studies}},
  year = {{2020}}
}}
"""

KINDS = ("concept", "model", "method", "case", "finding")


def write_kb(folder: Path, cards: int) -> Path:
    """A clean project of ``cards`` cards in two themes, one reference per five cards."""
    references = max(2, cards // 5)
    for sub in ("concepts", "references", "docs"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# Synthetic\n\n{{ kb.count.cards }} cards.\n", encoding="utf-8")
    for n in range(2):
        (folder / "concepts" / f"theme-{n}.yaml").write_text(THEME.format(n=n, other=1 - n), encoding="utf-8")
    for n in range(1, cards + 1):
        broader = f"  broader: [card-{n // 10:05d}]\n" if n >= 10 else ""
        text = CARD.format(
            n=n,
            kind=KINDS[n % len(KINDS)],
            theme=n % 2,
            ref=n % references,
            related=f"card-{n % cards + 1:05d}" if cards > 1 else "theme-0",
            broader=broader,
        )
        (folder / "concepts" / f"card-{n:05d}.yaml").write_text(text, encoding="utf-8")
    bib = "\n".join(ENTRY.format(n=n) for n in range(references))
    (folder / "references" / "synthetic.bib").write_text(bib, encoding="utf-8")
    return folder
