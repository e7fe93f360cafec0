"""Property: no card text, however hostile, renders to HTML that runs script or loads from another host."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from hypothesis import given, settings
from hypothesis import strategies as st

from build_kb.markdown_scan import findings
from build_kb.pipeline import load_project
from build_kb.render.text import card_html
from build_kb.safety import link_scheme

SCHEMES = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "java&#x09;script:alert(1)",
    "java&#115;cript:alert(1)", "jav&#x61;script:x", " javascript:x", "\x01javascript:x", "java%09script:x",
    "data:text/html,<script>alert(1)</script>", "DATA:image/svg+xml;base64,PHN2Zz4=", "vbscript:msgbox(1)",
    "https://evil.example/pixel.png", "//evil.example/pixel.png", "http://ok.example/", "mailto:a@b.org",
    "../relative/", "#top", "&#106;avascript:x", "javascript&colon;alert(1)",
]  # fmt: skip
PIECES = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<p title="a>b" onclick=alert(1)>',
    '<svg><animate values="javascript:alert(1)"/></svg>', "<iframe src=https://evil.example>", "<!-- c -->",
    "{: onclick=alert(1)}", "{#id .class onmouseover=x}", "&lt;script&gt;", "&#60;img src=x&#62;", "&amp;",
    "`<b>code</b>`", "\n\n```\n<script>\n```\n\n", "\n\n    <script>indented</script>\n\n", "\n- ", "\n1. ",
    "\n> ", "\n\n", "*", "_", "[", "]", "(", ")", "<", ">", "!", "@key", "[@key, p. 3]", "\\", '"', "'",
    "\u00a0", "\ue210", "\ue211", "x", " ",
]  # fmt: skip


@st.composite
def hostile(draw: st.DrawFn) -> str:
    """Random Markdown: links, images, autolinks and definitions of every scheme among raw HTML and syntax."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 8))):
        url = draw(st.sampled_from(SCHEMES))
        form = draw(st.integers(0, 6))
        if form == 0:
            parts.append(f"[t]({url})")
        elif form == 1:
            parts.append(f"![alt]({url})")
        elif form == 2:
            parts.append(f"<{url}>")
        elif form == 3:
            parts.append(f"[r]\n\n[r]: {url}\n")
        elif form == 4:
            parts.append(f"![i][r]\n\n- [r]: {url}\n")
        elif form == 5:
            parts.append(f"[t](<{url}> 'title')")
        else:
            parts.append(f'<a href="{url}">a</a>')
        parts.extend(draw(st.lists(st.sampled_from(PIECES), max_size=4)))
    return "".join(parts)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def _assert_inert(html: str) -> None:
    assert "<script" not in html.lower()
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag not in ("img", "iframe", "svg", "script", "style", "object", "embed"), html
        for name, value in attrs:
            assert not name.startswith("on"), html
            assert name != "src", html  # Card text loads nothing, from any host.
            if name == "href" and value is not None:
                for url in (value, unquote(value)):
                    assert link_scheme(url) in (None, "http", "https", "mailto"), html


@settings(max_examples=600, deadline=None, derandomize=True)
@given(hostile())
def test_hostile_card_text_renders_inert(text: str) -> None:
    _assert_inert(card_html(text, lambda citation: '<a class="kb-cite" href="../r/">c</a>'))
    for finding in findings(text):  # What the checker reports is where it says.
        assert text[finding.start : finding.start + len(finding.snippet)] == finding.snippet


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from([*"<>[]()!@:/\"'=& \n\t-*_`{}#\\", "javascript", "data", "src", "on"])).map("".join))
def test_any_text_renders_inert(text: str) -> None:
    _assert_inert(card_html(text, lambda citation: ""))


ROOT = Path(__file__).resolve().parents[2]
SHIPPED = [text for card in load_project(ROOT).kb.cards.values() for _, text in card.markdown_fields()]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.sampled_from(SHIPPED), st.lists(st.tuples(st.floats(0, 1), hostile()), min_size=1, max_size=3))
def test_real_card_text_with_hostile_insertions_renders_inert(text: str, inserts: list[tuple[float, str]]) -> None:
    for where, piece in inserts:
        cut = int(where * len(text))
        text = text[:cut] + piece + text[cut:]
    _assert_inert(card_html(text, lambda citation: '<a class="kb-cite" href="../r/">c</a>'))
    for finding in findings(text):
        assert text[finding.start : finding.start + len(finding.snippet)] == finding.snippet
