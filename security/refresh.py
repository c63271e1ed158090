"""Rebuild ``pypa-advisories.json`` from a clone of the Python Packaging Advisory Database.

    git clone --depth 1 https://github.com/pypa/advisory-database <dir>
    .venv/bin/python -m security.refresh <dir>

Only the advisories of the packages pinned in ``constraints.txt`` are kept (the whole database is
thousands of files), each with its id, aliases, summary, PyPI version ranges and lists; the
snapshot records the database's commit and date, and its licence (CC-BY 4.0, which asks for the
attribution kept in the file).
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

import yaml
from packaging.utils import canonicalize_name

from .audit import DEFAULT_ADVISORIES, DEFAULT_CONSTRAINTS, read_pins

SOURCE = {
    "name": "Python Packaging Advisory Database",
    "url": "https://github.com/pypa/advisory-database",
    "licence": "CC-BY-4.0",
    "attribution": "Advisories by the Python Packaging Authority and contributors, "
    "https://github.com/pypa/advisory-database, licensed under CC BY 4.0; "
    "reduced to the packages this project pins.",
}
KEPT = ("id", "aliases", "summary", "withdrawn", "modified", "published")
SUMMARY_CHARS = 200


def _reduced(advisory: dict) -> dict:
    """What the check and a reader of its report need: the id, aliases, a summary (the start of
    the details where there is none), the PyPI version ranges and lists, the advisory's web page."""
    kept = {key: advisory[key] for key in KEPT if key in advisory}
    if "summary" not in kept:
        details = " ".join(str(advisory.get("details", "")).split())
        kept["summary"] = details[:SUMMARY_CHARS] + ("…" if len(details) > SUMMARY_CHARS else "")
    kept["affected"] = [
        {
            "package": item["package"],
            "ranges": [r for r in item.get("ranges", []) if r.get("type") == "ECOSYSTEM"],
            "versions": item.get("versions", []),
        }
        for item in advisory.get("affected", [])
    ]
    kept["references"] = [
        ref["url"] for ref in advisory.get("references", []) if ref.get("type") == "ADVISORY"
    ]
    return kept


def _git(clone: Path, *args: str) -> str:
    command = ["git", "-C", str(clone), *args]  # git from PATH, as a developer runs it
    result = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603
    return result.stdout.strip()


def advisories_for(clone: Path, names: set[str]) -> list[dict]:
    """The advisories under ``vulns/<package>/`` of the packages named (normalised names),
    ordered by package and id."""
    found = []
    for directory in sorted((clone / "vulns").iterdir()):
        if not directory.is_dir() or canonicalize_name(directory.name) not in names:
            continue
        for path in sorted(directory.glob("*.yaml")):
            advisory = yaml.safe_load(path.read_text(encoding="utf-8"))
            found.append(_reduced(advisory))
    return found


def build(clone: Path, constraints: Path) -> dict:
    pins = read_pins(constraints.read_text(encoding="utf-8"))
    commit, date = _git(clone, "log", "-1", "--format=%H %cI").split()
    return {
        "source": {**SOURCE, "commit": commit, "snapshot_date": date[:10]},
        "packages": sorted(pins),
        "advisories": advisories_for(clone, set(pins)),
    }


def as_text(snapshot: dict) -> str:
    """The snapshot as JSON with one advisory a line, so that a refresh reads as a short diff."""

    def dumps(value) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)

    lines = [f'{{"source": {dumps(snapshot["source"])},', f' "packages": {dumps(snapshot["packages"])},']
    advisories = [f"  {dumps(advisory)}" for advisory in snapshot["advisories"]]
    return "\n".join([*lines, ' "advisories": [', ",\n".join(advisories), "]}"]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("clone", type=Path, help="a clone (work tree) of pypa/advisory-database")
    parser.add_argument("--constraints", type=Path, default=DEFAULT_CONSTRAINTS)
    parser.add_argument("--output", type=Path, default=DEFAULT_ADVISORIES)
    args = parser.parse_args(argv)
    snapshot = build(args.clone, args.constraints)
    args.output.write_text(as_text(snapshot), encoding="utf-8")
    print(
        f"{len(snapshot['advisories'])} advisories for {len(snapshot['packages'])} packages written to {args.output}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
