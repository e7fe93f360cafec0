"""``python -m build_kb export`` and ``query``: outputs, files, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from build_kb.cli import main
from build_kb.exports import EXPORTERS, ExportSource
from build_kb.pipeline import Loaded
from tests.graph.conftest import FIXTURES, REPO, parse_jsonld

SMALL = str(FIXTURES / "small")
BROKEN = str(FIXTURES / "broken")
QUERIES = REPO / "build_kb" / "graph" / "queries"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_export_to_stdout_is_the_library_output(capsys: pytest.CaptureFixture[str], small: Loaded, fmt: str) -> None:
    code, out, err = run(capsys, "export", "--format", fmt, SMALL)
    assert (code, err) == (0, "")
    assert out == EXPORTERS[fmt].render(ExportSource(small.kb, small.config))


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_export_to_file_twice_gives_the_same_bytes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    one, two = tmp_path / "one" / "out", tmp_path / "two" / "out"
    assert run(capsys, "export", "--format", fmt, "--output", str(one), SMALL) == (0, "", "")
    assert run(capsys, "export", "--format", fmt, "-o", str(two), SMALL) == (0, "", "")
    assert one.read_bytes() == two.read_bytes()
    assert one.stat().st_size > 0


def test_turtle_and_jsonld_exports_agree(capsys: pytest.CaptureFixture[str]) -> None:
    _, turtle, _ = run(capsys, "export", "--format", "turtle", SMALL)
    _, jsonld, _ = run(capsys, "export", "--format", "json-ld", SMALL)
    assert len(Graph().parse(data=turtle, format="turtle")) == len(parse_jsonld(jsonld))


def test_site_url_option_overrides_mkdocs_yml(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "export", SMALL)
    assert "<https://kb.example.net/demo/concepts/alpha/>" in out
    _, out, _ = run(capsys, "export", "--site-url", "https://other.example/kb", SMALL)
    assert "<https://other.example/kb/concepts/alpha/>" in out
    assert "kb.example.net" not in out


def test_bad_site_url_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--site-url", "not a url", SMALL])
    assert exit_info.value.code == 2
    assert "not an http(s) address" in capsys.readouterr().err


def test_broken_project_exits_1_and_exports_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    output = tmp_path / "kb.ttl"
    code, out, err = run(capsys, "export", "--format", "turtle", "--output", str(output), BROKEN)
    assert code == 1
    assert out == ""
    assert "concepts/alpha.yaml:8:13: error[unknown-concept]: related target 'gama'" in err
    assert "  hint: create concepts/gama.yaml, or fix the id" in err
    assert not output.exists()


def test_warnings_refused_only_under_strict(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = tmp_path / "warned"
    project.mkdir()
    for part in ("concepts", "references"):
        (project / part).mkdir()
        for file in (FIXTURES / "small" / part).iterdir():
            (project / part / file.name).write_bytes(file.read_bytes())
    (project / "references" / "extra.bib").write_text(
        "@book{uncited2000, author = {Nobody, Ann}, title = {Uncited}, year = {2000}}\n", encoding="utf-8"
    )
    assert run(capsys, "export", "--format", "graph-json", str(project))[0] == 0
    code, out, err = run(capsys, "export", "--format", "graph-json", "--strict", str(project))
    assert (code, out) == (1, "")
    assert "error[uncited-reference]" in err


def test_missing_project_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", str(tmp_path / "nowhere")])
    assert exit_info.value.code == 2


def test_query_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text(
        'SELECT ?card WHERE { ?work dcterms:identifier "beta2010book" . ?card dcterms:references ?work } '
        "ORDER BY ?card",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "query", str(query), SMALL)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "card",
        "-" * len("https://kb.example.net/demo/themes/theme-b/"),
        "https://kb.example.net/demo/concepts/beta/",
        "https://kb.example.net/demo/themes/theme-b/",
        "(2 rows)",
    ]


def test_query_csv_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    # The shipped example asks about a theme of the shipped knowledge base: no rows here, but a header.
    query = str(QUERIES / "concepts-in-theme.rq")
    code, out, _ = run(capsys, "query", "--format", "csv", query, SMALL)
    assert code == 0
    assert next(csv.reader(io.StringIO(out))) == ["concept", "label", "broader"]
    code, out, _ = run(capsys, "query", "--format", "json", query, SMALL)
    assert code == 0
    assert json.loads(out)["head"]["vars"] == ["concept", "label", "broader"]


def test_query_ask_and_construct(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ask = tmp_path / "ask.rq"
    ask.write_text("ASK { ?c skos:broader ?b }", encoding="utf-8")
    assert run(capsys, "query", str(ask), SMALL) == (0, "true\n", "")
    construct = tmp_path / "construct.rq"
    construct.write_text("CONSTRUCT { ?a skos:related ?b } WHERE { ?a skos:related ?b }", encoding="utf-8")
    code, out, _ = run(capsys, "query", str(construct), SMALL)
    assert code == 0
    assert len(Graph().parse(data=out, format="turtle")) == 2  # alpha <-> gamma
    blank = tmp_path / "blank.rq"
    blank.write_text("CONSTRUCT { [] skos:member ?c } WHERE { ?c a skos:Concept }", encoding="utf-8")
    code, out, _ = run(capsys, "query", str(blank), SMALL)
    assert code == 0
    assert len(Graph().parse(data=out, format="turtle")) == 5


def test_bad_query_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    query = tmp_path / "bad.rq"
    query.write_text("SELECT ?x WHERE { ?x ", encoding="utf-8")
    code, out, err = run(capsys, "query", str(query), SMALL)
    assert (code, out) == (1, "")
    assert err.startswith(f"{query}: error[sparql]: ")


def test_missing_query_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "query", str(tmp_path / "none.rq"), SMALL)
    assert code == 2
    assert "cannot read" in err


def test_query_on_broken_project_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "query", str(QUERIES / "cards-citing.rq"), BROKEN)
    assert (code, out) == (1, "")
    assert "error[unknown-concept]" in err


@pytest.mark.parametrize("query", sorted(p.name for p in QUERIES.glob("*.rq")))
def test_example_queries_run_on_the_shipped_knowledge_base(
    capsys: pytest.CaptureFixture[str], repo: Loaded, query: str
) -> None:
    if repo.failed():
        pytest.skip("the shipped knowledge base has errors right now (see python -m build_kb check)")
    code, out, err = run(capsys, "query", str(QUERIES / query), str(REPO))
    assert (code, err) == (0, "")
    assert out.endswith("rows)\n")


def test_cards_citing_wenger(capsys: pytest.CaptureFixture[str], repo: Loaded) -> None:
    if repo.failed():
        pytest.skip("the shipped knowledge base has errors right now (see python -m build_kb check)")
    code, out, _ = run(capsys, "query", "--format", "csv", str(QUERIES / "cards-citing.rq"), str(REPO))
    rows = list(csv.DictReader(io.StringIO(out)))
    citing = {
        card_id
        for card_id in repo.kb.cards
        if any(c.item.key == "wenger1998communities" for c in repo.kb.citations_of(card_id)[0])
    }
    assert code == 0
    assert {row["card"].rstrip("/").rsplit("/", 1)[1] for row in rows} == citing


def test_python_dash_m_entry_point(tmp_path: Path) -> None:
    output = tmp_path / "graph.json"
    result = subprocess.run(
        [sys.executable, "-m", "build_kb", "export", "--format", "graph-json", "--output", str(output), SMALL],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(output.read_text(encoding="utf-8"))["version"] == 1
    broken = subprocess.run(
        [sys.executable, "-m", "build_kb", "export", BROKEN], cwd=REPO, capture_output=True, text=True
    )
    assert broken.returncode == 1
    assert broken.stdout == ""
    assert "error[unknown-concept]" in broken.stderr
