"""The catalogs of interface words: the package's, a project's, and the ``.po`` reader, checked against Babel's."""

from __future__ import annotations

import io
import shutil
from importlib import resources
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from build_kb.load.catalogs import REFERENCE, PoSyntaxError, load_catalogs, package_catalog, parse_po
from build_kb.pipeline import load_project
from build_kb.render import i18n
from tests.scenario_runner import BASE, SCENARIOS

GERMAN = Path(__file__).parents[1] / "site" / "fixtures" / "german"
SHIPPED = [Path(str(resources.files("build_kb").joinpath("locales", f"{lang}.po"))) for lang in ("fr", "en")]


def babel_words(text: str) -> dict[str, tuple[str, bool]]:
    """Each message Babel reads, by msgid: its translation, and whether gettext would use it (translated, not fuzzy)."""
    catalog = read_po(io.BytesIO(text.encode("utf-8")))
    return {
        str(message.id): (str(message.string), bool(message.string) and not message.fuzzy)
        for message in catalog
        if message.id and isinstance(message.id, str) and not message.context
    }


def our_words(text: str) -> dict[str, tuple[str, bool]]:
    return {key: (entry.text, entry.translated) for key, entry in parse_po(text).items()}


@pytest.mark.parametrize(
    "path",
    [*SHIPPED, GERMAN / "locales" / "de.po", SCENARIOS / "incomplete-catalog" / "locales" / "de.po"],
    ids=lambda path: f"{path.parent.parent.name}/{path.name}",
)
def test_reader_finds_what_babel_finds(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert our_words(text) == babel_words(text)


def test_reader_reads_gettext_forms_as_babel_does() -> None:
    text = (
        '# comment\nmsgid ""\nmsgstr ""\n"Language: de\\n"\n\n'
        '#. extracted\n#: file.py:3\nmsgid "long"\nmsgstr ""\n"first, "\n"then \\"quoted\\"\\n\\ttabbed"\n\n'
        '#, fuzzy, python-format\nmsgid "rough"\nmsgstr "ungefähr"\n\n'
        'msgctxt "menu"\nmsgid "long"\nmsgstr "im Menü"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "eins"\nmsgstr[1] "viele"\n\n'
        'msgid "empty"\nmsgstr ""\n\n#~ msgid "old"\n#~ msgstr "alt"\n'
    )
    words = our_words(text)
    assert words == {
        "long": ('first, then "quoted"\n\ttabbed', True),
        "rough": ("ungefähr", False),
        "empty": ("", False),
    }
    assert words == babel_words(text)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('msgid "a"\nmsgstr Literatur\n', 2, 8),
        ('msgid "a"\nmsgstr "open\n', 2, 8),
        ('msgid "a"\nmsgstr "x"\nnonsense\n', 3, 1),
        ('msgid "a"\nmsgstr "bad \\q escape"\n', 2, 13),
        ('msgid "a"\n\nmsgid "b"\nmsgstr "x"\n', 3, 1),
        ('msgid "a"\n', 1, 1),
    ],
)
def test_syntax_errors_name_their_line_and_column(text: str, line: int, column: int) -> None:
    with pytest.raises(PoSyntaxError) as caught:
        parse_po(text)
    assert (caught.value.line, caught.value.column) == (line, column)


def test_shipped_catalogs_give_every_word_in_each_language() -> None:
    english, french = package_catalog("en"), package_catalog("fr")
    assert english is not None and french is not None
    assert list(french) == list(english) and len(english) > 100
    assert all(entry.translated for entry in [*english.values(), *french.values()])
    assert french["research"].text == "Ce que dit la recherche" and english["research"].text == "What research says"
    assert package_catalog("de") is None


def _project(tmp_path: Path, options: str) -> Path:
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\nplugins:\n  - build_kb:\n{options}", encoding="utf-8")
    return tmp_path


def test_a_project_rewords_a_shipped_language(tmp_path: Path) -> None:
    project = _project(tmp_path, "      languages: [fr, en]\n")
    (project / "locales").mkdir()
    (project / "locales" / "fr.po").write_text('msgid "references"\nmsgstr "Bibliographie citée"\n', encoding="utf-8")
    loaded = load_project(project)
    assert [d.code for d in loaded.diagnostics if "catalog" in d.code] == []
    assert loaded.words["fr"]["references"] == "Bibliographie citée"
    assert loaded.words["fr"]["research"] == "Ce que dit la recherche"  # the rest: the package's
    assert loaded.words["en"]["references"] == "References"


def test_catalogs_folder_and_region_codes(tmp_path: Path) -> None:
    """``locales_dir`` moves the folder; ``de-AT`` takes ``de.po`` when there is no ``de-AT.po``."""
    project = _project(tmp_path, "      languages: [en, de-AT]\n      locales_dir: i18n/po\n")
    (project / "i18n" / "po").mkdir(parents=True)
    shutil.copyfile(GERMAN / "locales" / "de.po", project / "i18n" / "po" / "de.po")
    loaded = load_project(project)
    assert [d.code for d in loaded.diagnostics if "catalog" in d.code] == []
    assert loaded.words["de-AT"]["kind"] == "Art"
    (project / "i18n" / "po" / "de.po").unlink()
    missing = [d for d in load_project(project).diagnostics if d.code == "missing-catalog"]
    assert [(d.path, d.position.line, d.position.column) for d in missing] == [("mkdocs.yml", 4, 7)]
    assert "write i18n/po/de-AT.po" in missing[0].hint


def test_pages_use_the_words_of_the_build_under_way(tmp_path: Path) -> None:
    project = _project(tmp_path, "      languages: [de, en]\n")
    shutil.copytree(GERMAN / "locales", project / "locales")
    words = load_catalogs(load_project(project).config).words
    try:
        i18n.use_words(words)
        assert i18n.word("research", "de") == "Was die Forschung sagt"
        assert i18n.word("cards_count", "de", n=1) == "1 Karte"
        assert i18n.word("cards_count", "de", n=3) == "3 Karten"
        assert i18n.language_name("de") == "Deutsch"
        assert i18n.word("research", "fr") == "What research says"  # fr is not a language of this build
    finally:
        i18n.use_words({})
    assert i18n.word("research", "fr") == "Ce que dit la recherche"
    assert i18n.language_name("pt") == "pt"
    assert REFERENCE == "en"


def test_a_catalog_outside_the_project_is_not_read(tmp_path: Path) -> None:
    project = _project(tmp_path / "project", "      languages: [de, en]\n")
    (project / "locales").mkdir()
    (project / "locales" / "de.po").symlink_to(GERMAN / "locales" / "de.po")
    loaded = load_project(project)
    found = [(d.path, d.code) for d in loaded.diagnostics if d.code in ("outside-project", "missing-catalog")]
    assert found == [("locales/de.po", "outside-project")]
    assert "de" not in loaded.words
