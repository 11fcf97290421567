"""``cleanup review --import-decisions``: decisions exported from the report's desk."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import one_line_error
from click.testing import CliRunner, Result

from cleanup.cli import main
from cleanup.decisions import sidecar_path
from cleanup.exitcodes import CLEAN, ERROR
from cleanup.io.discovery import collect
from cleanup.report.desk import page_data
from cleanup.textio import read_path

DATA = Path(__file__).resolve().parent / "data" / "desk"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(DATA, tmp_path / "desk")
    monkeypatch.chdir(tmp_path / "desk")
    return tmp_path / "desk"


def cli(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def report_data(*names: str) -> dict[str, Any]:
    """What the report's page carries, for these documents (as ``cleanup fix`` sees them)."""
    from cleanup.cleaner import Cleaner  # noqa: PLC0415
    from cleanup.document import Document  # noqa: PLC0415
    from cleanup.settings import resolve  # noqa: PLC0415

    cleaner = Cleaner(resolve({}))
    items = []
    for item in collect(names, ("*.txt",), ()):
        text = read_path(item.path, item.name).text if item.path else ""
        items.append((item.name, cleaner.run_document(Document(text, item.name), item.path)))
    return page_data(items)


def bundle(data: dict[str, Any], verdicts: dict[str, str]) -> dict[str, Any]:
    """A bundle as the desk exports it: ``verdicts`` maps an edit's ``before`` to a verdict."""
    documents = []
    for index, file in enumerate(data["files"]):
        decided = [
            {key: e[key] for key in ("start", "before", "left", "right", "ordinal", "step")}
            | {"entry": e["entry"], "after": e["after"], "decision": verdicts[e["before"]]}
            for e in data["edits"]
            if e["file"] == index and e["before"] in verdicts
        ]
        if decided:
            sidecar = {"version": 1, "document": file["name"], "sha256": file["sha256"]}
            documents.append({"name": file["name"], "sidecar": sidecar | {"decisions": decided}})
    return {"version": 1, "kind": "cleanup decisions", "documents": documents}


def test_import_then_fix_applies_the_decisions(work: Path) -> None:
    decided = bundle(report_data("a.txt", "b.txt"), {"al Qaida": "accept", "Bagdad": "reject"})
    (work / "d.json").write_text(json.dumps(decided), encoding="utf-8")
    result = cli("review", "--import-decisions", "d.json")
    assert result.exit_code == CLEAN, result.output
    assert "a.txt: imported 1 decision" in result.stderr
    assert "b.txt: imported 1 decision" in result.stderr
    assert sidecar_path(work / "a.txt").exists()
    fixed = cli("fix", "--format", "json", "a.txt", "b.txt")
    records = [r for f in json.loads(fixed.stdout)["files"] for r in f["edits"]]
    assert any(r["before"] == "al Qaida" and r["applied"] for r in records)
    assert not any(r["before"] == "Bagdad" for r in records)  # rejected: never proposed


def test_paths_limit_the_import(work: Path) -> None:
    decided = bundle(report_data("a.txt", "b.txt"), {"al Qaida": "accept", "Bagdad": "reject"})
    (work / "d.json").write_text(json.dumps(decided), encoding="utf-8")
    result = cli("review", "--import-decisions", "d.json", "b.txt")
    assert result.exit_code == CLEAN, result.output
    assert not sidecar_path(work / "a.txt").exists()
    assert sidecar_path(work / "b.txt").exists()


def test_a_single_sidecar_is_imported_beside_its_document(work: Path) -> None:
    decided = bundle(report_data("b.txt"), {"Bagdad": "reject"})
    downloads = work / "downloads"
    downloads.mkdir()
    sidecar = downloads / "b.txt.cleanup.json"
    sidecar.write_text(json.dumps(decided["documents"][0]["sidecar"]), encoding="utf-8")
    result = cli("review", "--import-decisions", sidecar, "b.txt")
    assert result.exit_code == CLEAN, result.output
    assert sidecar_path(work / "b.txt").exists()


def test_a_changed_document_is_not_imported(work: Path) -> None:
    decided = bundle(report_data("a.txt"), {"al Qaida": "accept"})
    (work / "d.json").write_text(json.dumps(decided), encoding="utf-8")
    (work / "a.txt").write_text("changed since\n", encoding="utf-8")
    result = cli("review", "--import-decisions", "d.json")
    assert result.exit_code == ERROR
    assert "a.txt: not the text the report was made on" in result.stderr
    assert "d.json" in result.stderr
    assert not sidecar_path(work / "a.txt").exists()


def test_imported_decisions_join_those_already_made(work: Path) -> None:
    data = report_data("a.txt")
    first = bundle(data, {"al Qaida": "accept"})
    second = bundle(data, {"Isis": "reject"})
    for number, decided in enumerate((first, second)):
        (work / f"d{number}.json").write_text(json.dumps(decided), encoding="utf-8")
        assert cli("review", "--import-decisions", f"d{number}.json").exit_code == CLEAN
    stored = json.loads(sidecar_path(work / "a.txt").read_text(encoding="utf-8"))
    assert sorted(d["decision"] for d in stored["decisions"]) == ["accept", "reject"]


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("not json", "not JSON"),
        ('{"version": 1, "kind": "cleanup decisions", "documents": [{}]}', "no name or sidecar"),
        ('{"hello": 1}', "neither a decisions bundle nor a sidecar"),
        ("[" * 50_000 + "]" * 50_000, "nested too deeply"),
        ('{"kind": "cleanup decisions",\n"version": 1, "documents": [}', "d.json:2: not JSON"),
    ],
)
def test_bad_bundles(work: Path, content: str, needle: str) -> None:
    (work / "d.json").write_text(content, encoding="utf-8")
    one_line_error(cli("review", "--import-decisions", "d.json"), "d.json", needle)


def test_review_still_needs_paths(work: Path) -> None:
    result = cli("review")
    assert result.exit_code == ERROR
    assert "Missing argument" in result.stderr


@pytest.mark.parametrize(
    ("number", "field", "value", "needle"),
    [
        (1, "decision", "maybe", "d.json (a.txt): broken review decisions (decision 2: decision"),
        (0, "before", "al Qaeda", "d.json (a.txt): the decision on 'al Qaeda' at offset 10 does"),
        (0, "start", 3, "d.json (a.txt): the decision on 'al Qaida' at offset 3 does not fit"),
    ],
)
def test_a_tampered_bundle_is_refused(
    work: Path, number: int, field: str, value: str | int, needle: str
) -> None:
    decided = bundle(report_data("a.txt"), {"al Qaida": "accept", "Isis": "reject"})
    decided["documents"][0]["sidecar"]["decisions"][number][field] = value
    (work / "d.json").write_text(json.dumps(decided), encoding="utf-8")
    result = cli("review", "--import-decisions", "d.json")
    assert result.exit_code == ERROR
    assert needle in result.stderr
    assert "export the decisions from the report again" in result.stderr
    assert not sidecar_path(work / "a.txt").exists()


def test_a_bundle_for_another_folder(work: Path, tmp_path: Path) -> None:
    decided = bundle(report_data("a.txt"), {"al Qaida": "accept"})
    (work / "d.json").write_text(json.dumps(decided), encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.txt").write_text("Other text.\n", encoding="utf-8")
    result = cli("review", "--import-decisions", "d.json", tmp_path / "elsewhere")
    one_line_error(result, "d.json: none of its documents (a.txt)", "among the paths given")
    (work / "a.txt").unlink()
    result = cli("review", "--import-decisions", "d.json")
    assert result.exit_code == ERROR
    assert "a.txt (named in d.json): no such file here" in result.stderr


def test_a_bundle_for_another_document_of_the_same_name(work: Path, tmp_path: Path) -> None:
    decided = bundle(report_data("a.txt"), {"al Qaida": "accept"})
    (work / "d.json").write_text(json.dumps(decided), encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text("Another talk, in bagdad.\n", encoding="utf-8")
    result = cli("review", "--import-decisions", "d.json", other / "a.txt")
    assert result.exit_code == ERROR
    assert "not the text the report was made on (changed since, or another file" in result.stderr
    assert not sidecar_path(other / "a.txt").exists()


def test_a_bundle_that_is_not_utf8_names_its_line(work: Path) -> None:
    (work / "d.json").write_bytes(b'{"kind":\n"caf\xe9"}')
    one_line_error(cli("review", "--import-decisions", "d.json"), "d.json", "line 2")


def test_decisions_stored_for_an_older_text_are_replaced(work: Path) -> None:
    decided = bundle(report_data("a.txt"), {"al Qaida": "accept"})
    stale = {"version": 1, "document": "a.txt", "sha256": "0" * 64, "decisions": []}
    sidecar_path(work / "a.txt").write_text(json.dumps(stale), encoding="utf-8")
    (work / "d.json").write_text(json.dumps(decided), encoding="utf-8")
    result = cli("review", "--import-decisions", "d.json")
    assert result.exit_code == CLEAN, result.output
    assert "a.txt: imported 1 decision (replacing those stored for an older" in result.stderr
    assert cli("fix", "--check", "a.txt").exit_code != ERROR  # the sidecar loads now
