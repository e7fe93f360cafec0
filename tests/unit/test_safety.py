"""Unsafe content: URL schemes, and what the one reading of card text finds (raw HTML, unsafe links, images)."""

from __future__ import annotations

import pytest

from build_kb.markdown_scan import findings, scan
from build_kb.render.text import card_html
from build_kb.safety import is_safe_href, is_safe_url


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org", True),
        ("http://example.org", True),
        ("mailto:a@b.org", True),
        ("../concepts/x/", True),
        ("#anchor", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("java&#115;cript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("vbscript:x", False),
    ],
)
def test_link_schemes(url: str, safe: bool) -> None:
    assert is_safe_url(url) is safe


def test_a_percent_encoded_scheme_is_read_as_written() -> None:
    assert not is_safe_href("java%09script:alert(1)")
    assert is_safe_href("https://example.org/a%20b")


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("plain text with a < b and a > c", []),
        ("<script>x</script>", ["html", "html"]),
        ("<img src=x onerror=alert(1)>", ["html"]),
        ("<!-- comment -->", ["html"]),
        ("see <https://example.org>", []),
        ("`<b>code</b>` is shown as text", []),
        ("```\n<b>fenced</b>\n```", []),
        ("[x](javascript:alert(1))", ["link"]),
        ("<javascript:alert(1)>", ["link"]),
        ("[x]: javascript:alert(1)", ["link"]),
        ("[x](https://example.org)", []),
        ("![i](https://e.org/i.png)", ["image"]),
        ("![i](javascript:alert(1))", ["link"]),
        # Issue 15: reference definitions inside containers, and a tab inside the scheme.
        ("- item\n\n  [r]: javascript:alert(1)", ["link"]),
        ("1. item\n\n   [r]: javascript:alert(1)", ["link"]),
        ("> [r]: vbscript:alert(1)", ["link"]),
        ("[x](<java\tscript:alert(1)>)", ["link"]),
        ("[x](java&#x09;script:alert(1))", ["link"]),
        ("[x][r]\n\n[r]: data:text/html,x", ["link"]),
        # Not links in CommonMark: shown as text, so nothing to report, and nothing to neutralise.
        ("[x](java\tscript:alert(1))", []),
        # Autolinks are whole: an image inside one is part of its URL.
        ("<https://example.org/![x](https://evil.example/pixel.png)>", []),
        ("<https://x/![i][r]>\n\n[r]: https://evil.example/pixel.png", []),
    ],
)
def test_findings(text: str, kinds: list[str]) -> None:
    assert [f.kind for f in findings(text)] == kinds


@pytest.mark.parametrize(
    "text",
    [
        "- item\n\n  [r]: javascript:alert(1)\n\n[go][r]",
        "1. [go][r]\n\n   [r]: javascript:alert(1)",
        "> [go][r]\n>\n> [r]: vbscript:alert(1)",
        "[x](<java\tscript:alert(1)>)",
        "[x](java&#x09;script:alert(1))",
        "<javascript:alert(1)>",
    ],
)
def test_what_check_reports_the_renderer_neutralises(text: str) -> None:
    assert [f.kind for f in findings(text)] == ["link"]
    html = card_html(text, lambda citation: "")
    assert "<a" not in html and "script:" not in html.replace("javascript:alert(1)", "")  # the text stays, no link


@pytest.mark.parametrize(
    ("text", "snippet"),
    [
        ("See [x](javascript:alert(1)).", "javascript:alert(1)"),
        ("a\n\n- b\n\n  [r]: javascript:alert(1)", "javascript:alert(1)"),
        ("> quote\n> <b>bold</b>", "<b>"),
        ("line one\r\nline <i>two</i>", "<i>"),
        ("| a | b |\n|---|---|\n| <u>x</u> | y |", "<u>"),
        ("Pic: ![alt](https://e.org/p.png)", "![alt](https://e.org/p.png)"),
    ],
)
def test_findings_point_at_what_was_written(text: str, snippet: str) -> None:
    (finding,) = findings(text)[:1]
    assert text[finding.start : finding.start + len(finding.snippet)] == snippet


def test_the_scan_is_one_reading_shared_by_check_and_renderer() -> None:
    text = "A [@k] and <b>x</b>"
    assert scan(text) is scan(text)
    assert [f.kind for f in findings(text)] == ["html", "html"]
