"""Unsafe content detection: raw HTML and link schemes, including obfuscated ones."""

from __future__ import annotations

import pytest

from build_kb.safety import find_unsafe, is_safe_url


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


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("plain text with a < b and a > c", []),
        ("<script>x</script>", ["html", "html"]),
        ("<img src=x onerror=alert(1)>", ["html"]),
        ("<!-- comment -->", ["html"]),
        ("see <https://example.org>", []),
        ("`<b>code</b>` is shown as text", []),
        ("[x](javascript:alert(1))", ["link"]),
        ("<javascript:alert(1)>", ["link"]),
        ("[x]: javascript:alert(1)", ["link"]),
        ("[x](https://example.org)", []),
    ],
)
def test_findings(text: str, kinds: list[str]) -> None:
    assert [f.kind for f in find_unsafe(text)] == kinds
