"""The link to a reference page sits on the entry's title, never on an author's name."""

from __future__ import annotations

from build_kb.render.entries import _link_title


def test_title_inside_an_author_name_is_not_linked() -> None:
    markup = "Association Twictée. (s. d.). <i>Twictée</i>. Consulté https://www.twictee.org/"
    linked, found = _link_title(markup, ("Twictée",), "../t/")
    assert (
        found
        and linked
        == 'Association Twictée. (s. d.). <i><a href="../t/">Twictée</a></i>. Consulté https://www.twictee.org/'
    )


def test_plain_title_after_the_date_and_typeset_title() -> None:
    markup = "Crinon, J. (2021). Les réseaux connectés d’enseignants, un instrument\u202f? <i>IJE</i>."
    linked, found = _link_title(markup, ("Les réseaux connectés d’enseignants, un instrument\u202f?", "x"), "u/")
    assert found and '(2021). <a href="u/">Les réseaux connectés d’enseignants, un instrument\u202f?</a> <i>' in linked


def test_title_first_when_it_stands_for_the_author() -> None:
    linked, found = _link_title("Soil fauna. (2015). Publisher.", ("Soil fauna",), "s/")
    assert found and linked.startswith('<a href="s/">Soil fauna</a>. (2015)')
