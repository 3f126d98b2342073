"""The OParl 1.1 export: every object valid against the standard's schema files (read from
../shared at test time), every reference resolving, and `--public` leaving closed content out."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from typer.testing import CliRunner

from kitar.cli.app import app
from kitar.config import samples_dir
from kitar.ingest.batch import ingest
from tests.case_series import write_series

jsonschema = pytest.importorskip("jsonschema")
SCHEMA_DIR = samples_dir().parent / "oparl-1.1-schema"
runner = CliRunner()


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict]:
    if not (SCHEMA_DIR / "Meeting.json").exists():
        pytest.skip(f"OParl schema files not found at {SCHEMA_DIR}")
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMA_DIR.glob("*.json")}


def _checker() -> Any:
    checker = jsonschema.FormatChecker()

    @checker.checks("url")
    def _url(value: object) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlparse(value)
        return parts.scheme in ("file", "http", "https") and bool(parts.path or parts.netloc)

    @checker.checks("date-time", raises=ValueError)
    def _date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        return datetime.fromisoformat(value).tzinfo is not None  # RFC 3339 needs an offset

    @checker.checks("date", raises=ValueError)
    def _date(value: object) -> bool:
        return not isinstance(value, str) or bool(date.fromisoformat(value))

    return checker


def _embedded(obj: dict, schema: dict) -> Iterator[tuple[str, dict]]:
    """Objects embedded in `obj` with the schema file each must follow (the OParl `schema` key
    inside a property, or inside its `items`)."""
    for name, prop in schema.get("properties", {}).items():
        value = obj.get(name)
        if isinstance(value, dict) and prop.get("schema"):
            yield prop["schema"][: -len(".json")], value
        elif isinstance(value, list) and (prop.get("items") or {}).get("schema"):
            for entry in value:
                if isinstance(entry, dict):
                    yield prop["items"]["schema"][: -len(".json")], entry


def validate_tree(obj: dict, schemas: dict[str, dict], kind: str | None = None) -> int:
    """Validate an object and every object embedded in it; returns how many were checked."""
    kind = kind or obj["type"].rsplit("/", 1)[-1]
    schema = schemas[kind]
    jsonschema.Draft7Validator(schema, format_checker=_checker()).validate(obj)
    assert obj["type"] == f"https://schema.oparl.org/1.1/{kind}"
    return 1 + sum(validate_tree(sub, schemas, k) for k, sub in _embedded(obj, schema))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def check_export(out: Path, schemas: dict[str, dict]) -> dict[str, int]:
    """Validate every object file; every id-like URL under the export must be exported."""
    base = out.resolve().as_uri()
    files = sorted(out.rglob("*.json"))
    objects = {f: json.loads(f.read_text(encoding="utf-8")) for f in files}
    known = {f.resolve().as_uri() for f in files}
    counts: dict[str, int] = {}
    for path, obj in objects.items():
        assert path.resolve().as_uri() == obj.get("id", path.resolve().as_uri()), path
        if "type" in obj:
            counts[obj["type"].rsplit("/", 1)[-1]] = (
                counts.get(obj["type"].rsplit("/", 1)[-1], 0) + 1
            )
            validate_tree(obj, schemas)
        else:  # an external list
            assert set(obj) == {"data", "pagination", "links"}
            for entry in obj["data"]:
                validate_tree(entry, schemas)
        for s in _strings(obj):
            if s.startswith(base):
                assert s in known, (path.name, s)
    return counts


@pytest.fixture(scope="module")
def series_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("oparl")
    db = folder / "kitar.db"
    assert not ingest(write_series(folder / "docs"), db).failed
    return db


def _export(db: Path, out: Path, *extra: str) -> Path:
    result = runner.invoke(app, ["export", "--format", "oparl", str(out), "--db", str(db), *extra])
    assert result.exit_code == 0, result.output
    return out


def test_series_export_validates_and_references_resolve(
    series_db: Path, schemas: dict, tmp_path: Path
) -> None:
    out = _export(series_db, tmp_path / "oparl")
    counts = check_export(out, schemas)
    # the committee's agenda and minutes of 3 March are one Meeting (invitation + protocol)
    assert counts["System"] == 1 and counts["Body"] == 1 and counts["Meeting"] == 3
    assert counts["Organization"] == 2  # the committee and the council
    system = json.loads((out / "system.json").read_text())
    (body,) = json.loads(Path(urlparse(system["body"]).path).read_text())["data"]
    assert body["name"] == "Testrup Kommune"
    papers = json.loads(Path(urlparse(body["paper"]).path).read_text())["data"]
    (paper,) = [p for p in papers if p["reference"] in ("25/04711", "25/4711", "25/004711")]
    roles = [(c["role"], c["authoritative"]) for c in paper["consultation"]]
    assert roles == [("Beslutning", True), ("Beslutning", True)]
    march = [
        json.loads(f.read_text())
        for f in (out / "meeting").glob("*.json")
        if "2025-03-03" in f.read_text()
    ]
    (meeting,) = march
    assert meeting["invitation"]["name"] == "agenda.txt"
    assert meeting["resultsProtocol"]["name"] == "referat.txt"


def test_public_export_leaves_closed_content_out(
    series_db: Path, schemas: dict, tmp_path: Path
) -> None:
    internal = _export(series_db, tmp_path / "internal")
    public = _export(series_db, tmp_path / "public", "--public")
    check_export(public, schemas)

    def text(folder: Path) -> str:
        return "\n".join(f.read_text(encoding="utf-8") for f in sorted(folder.rglob("*.json")))

    assert "Ejendommen købes" in text(internal) and "3,1 mio" in text(internal)
    assert "Ejendommen købes" not in text(public) and "3,1 mio" not in text(public)
    closed = [
        json.loads(f.read_text())
        for f in (public / "agendaitem").glob("*.json")
        if "ejendom" in f.read_text()
    ]
    assert closed and all(not a["public"] and "resolutionText" not in a for a in closed)
    assert all("consultation" not in a for a in closed)


def test_export_refuses_to_overwrite(series_db: Path, tmp_path: Path) -> None:
    out = _export(series_db, tmp_path / "o")
    args = ["export", str(out), "--db", str(series_db)]
    assert runner.invoke(app, args).exit_code == 12
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0
    bad = runner.invoke(app, [*args, "--format", "csv", "--force"])
    assert bad.exit_code != 0 and "Traceback" not in bad.output


def test_base_url_is_configurable(series_db: Path, schemas: dict, tmp_path: Path) -> None:
    out = _export(series_db, tmp_path / "web", "--base", "https://example.org/oparl")
    system = json.loads((out / "system.json").read_text())
    assert system["id"] == "https://example.org/oparl/system.json"
    validate_tree(system, schemas)


@pytest.mark.samples
def test_sample_corpus_export_validates(samples: Path, schemas: dict, tmp_path: Path) -> None:
    docs = [
        samples / "kl-itarkitekturraad-2016-08-29-agenda.txt",
        samples / "ballerup-sfu-2012-12-04" / "referat.pdf",
        samples / "syddjurs-puk-2013-06-20" / "referat.pdf",
    ]
    db = tmp_path / "k.db"
    assert not ingest(docs, db).failed
    internal = _export(db, tmp_path / "internal")
    counts = check_export(internal, schemas)
    assert counts["Meeting"] == 3 and counts["AgendaItem"] >= 20 and counts["Paper"] >= 8
    public = _export(db, tmp_path / "public", "--public")
    check_export(public, schemas)
    expected = json.loads(
        (samples / "kl-itarkitekturraad-2016-08-29-agenda.expected.json").read_text()
    )
    secret = [
        a["title"]
        for it in expected["items"]
        for x in (it, *it.get("subitems", []))
        for a in x.get("annexes", [])
        if a.get("confidential")
    ]
    assert secret  # the KL agenda has confidential annexes
    internal_text = "\n".join(f.read_text() for f in internal.rglob("*.json"))
    public_text = "\n".join(f.read_text() for f in public.rglob("*.json"))
    assert any(t in internal_text for t in secret)
    assert not any(t in public_text for t in secret)
    assert '"public": false' in public_text  # the KL agenda's closed item


def test_the_check_rejects_what_the_standard_rejects(schemas: dict) -> None:
    base = "file:///x"
    good = {"id": f"{base}/agendaitem/1.json", "type": "https://schema.oparl.org/1.1/AgendaItem",
            "order": 1, "public": False}  # fmt: skip
    assert validate_tree(good, schemas) == 1
    for bad in (
        {k: v for k, v in good.items() if k != "order"},  # required
        {**good, "public": "nej"},  # type
        {**good, "id": "punkt 1"},  # url
        {**good, "start": "2020-01-01T10:00:00"},  # date-time without offset
        {**good, "type": "https://schema.oparl.org/1.1/Meeting"},  # type pattern
    ):
        with pytest.raises((jsonschema.ValidationError, AssertionError)):
            validate_tree(bad, schemas, "AgendaItem")
    meeting = {"id": f"{base}/m.json", "type": "https://schema.oparl.org/1.1/Meeting",
               "agendaItem": [{k: v for k, v in good.items() if k != "order"}]}  # fmt: skip
    with pytest.raises(jsonschema.ValidationError):
        validate_tree(meeting, schemas)  # an embedded object is checked against its own schema
