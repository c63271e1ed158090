"""Check the versions pinned in ``constraints.txt`` against the committed advisory snapshot.

An advisory is in OSV form (https://ossf.github.io/osv-schema/): each ``affected`` entry names a
package and gives the affected versions as ``ranges`` (events ``introduced``, ``fixed``,
``last_affected``, compared as PyPI versions) and/or an explicit ``versions`` list. A pinned
version is affected when either says so. Versions are compared with ``packaging.version``, so
``1.0`` and ``1.0.0`` are the same version.

    python -m security.audit [constraints.txt] [--advisories security/pypa-advisories.json]

Exit status: 0 when no pin is affected, 1 when one is (each is listed with the advisory, its
aliases and the fixed versions), 2 when the files cannot be read. A pinned package the snapshot
was not made for (added after the last refresh) is named; with ``--strict`` it fails too.
"""

import argparse
import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import NormalizedName, canonicalize_name
from packaging.version import InvalidVersion, Version

HERE = Path(__file__).resolve().parent
DEFAULT_ADVISORIES = HERE / "pypa-advisories.json"
DEFAULT_CONSTRAINTS = HERE.parent / "constraints.txt"


class AuditError(Exception):
    """A file of the audit cannot be read; the message says which and why."""


@dataclass(frozen=True)
class Finding:
    """A pinned version that an advisory covers."""

    package: str
    version: str
    advisory: str
    aliases: tuple[str, ...]
    fixed: tuple[str, ...]

    def __str__(self) -> str:
        aliases = f" ({', '.join(self.aliases)})" if self.aliases else ""
        fixed = f"; fixed in {', '.join(self.fixed)}" if self.fixed else "; no fixed version"
        return f"{self.package} {self.version}: {self.advisory}{aliases}{fixed}"


def read_pins(text: str) -> dict[NormalizedName, Version]:
    """The ``name==version`` lines of a constraints file, by normalised name.

    Comments and blank lines are skipped; any other line that is not an exact pin raises
    AuditError, since an unpinned package cannot be checked.
    """
    pins = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        try:
            requirement = Requirement(line)
            (specifier,) = requirement.specifier
            if specifier.operator != "==" or "*" in specifier.version:
                raise ValueError
            pins[canonicalize_name(requirement.name)] = Version(specifier.version)
        except (InvalidRequirement, InvalidVersion, ValueError) as exc:
            raise AuditError(f"line {number} is not an exact pin (name==version): {raw!r}") from exc
    return pins


def _version(text: str) -> Version:
    return Version("0") if text == "0" else Version(text)


def in_range(version: Version, events: Iterable[Mapping[str, str]]) -> bool:
    """Whether `version` falls in an OSV ``ECOSYSTEM`` range given by its events.

    Walking the events in version order, ``introduced`` at or below the version opens an affected
    stretch, ``fixed`` at or below it closes it, ``last_affected`` below it closes it.
    """
    keyed = []
    for event in events:
        ((kind, value),) = event.items()
        if kind in {"introduced", "fixed", "last_affected"}:
            keyed.append((_version(value), kind))
    affected = False
    for bound, kind in sorted(keyed, key=lambda item: item[0]):
        if kind == "introduced" and version >= bound:
            affected = True
        elif (kind == "fixed" and version >= bound) or (kind == "last_affected" and version > bound):
            affected = False
    return affected


def _listed(version: Version, versions: Iterable[str]) -> bool:
    for listed in versions:
        try:
            if Version(listed) == version:
                return True
        except InvalidVersion:
            continue  # old releases with names PyPI no longer accepts; a pin cannot be one
    return False


def affects(affected: Mapping, version: Version) -> bool:
    """Whether one ``affected`` entry of an advisory covers `version`."""
    if _listed(version, affected.get("versions", [])):
        return True
    return any(
        in_range(version, item.get("events", []))
        for item in affected.get("ranges", [])
        if item.get("type") == "ECOSYSTEM"
    )


def _fixed_versions(affected: Mapping) -> tuple[str, ...]:
    return tuple(
        event["fixed"]
        for item in affected.get("ranges", [])
        if item.get("type") == "ECOSYSTEM"
        for event in item.get("events", [])
        if "fixed" in event
    )


def audit(pins: Mapping[NormalizedName, Version], advisories: Iterable[Mapping]) -> list[Finding]:
    """Every (pin, advisory) pair where the advisory covers the pinned version; withdrawn
    advisories are skipped."""
    findings = []
    for advisory in advisories:
        if advisory.get("withdrawn"):
            continue
        for affected in advisory.get("affected", []):
            package = affected.get("package", {})
            name = canonicalize_name(package.get("name", ""))
            if package.get("ecosystem") != "PyPI" or name not in pins or not affects(affected, pins[name]):
                continue
            findings.append(
                Finding(
                    package=name,
                    version=str(pins[name]),
                    advisory=advisory["id"],
                    aliases=tuple(advisory.get("aliases", [])),
                    fixed=_fixed_versions(affected),
                )
            )
    return findings


def load_snapshot(path: Path) -> dict:
    try:
        snapshot = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AuditError(f"cannot read the advisory snapshot {path}: {exc}") from exc
    if not isinstance(snapshot.get("advisories"), list):
        raise AuditError(f"{path} has no list of advisories")
    return snapshot


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("constraints", nargs="?", type=Path, default=DEFAULT_CONSTRAINTS)
    parser.add_argument("--advisories", type=Path, default=DEFAULT_ADVISORIES)
    parser.add_argument(
        "--strict", action="store_true", help="also fail when a pinned package is not in the snapshot"
    )
    args = parser.parse_args(argv)
    try:
        pins = read_pins(args.constraints.read_text(encoding="utf-8"))
        snapshot = load_snapshot(args.advisories)
    except (AuditError, OSError) as exc:
        print(f"audit: {exc}", file=sys.stderr)
        return 2
    findings = audit(pins, snapshot["advisories"])
    source = snapshot.get("source", {})
    print(
        f"Offline audit: {len(pins)} pinned packages against {len(snapshot['advisories'])} advisories "
        f"of {source.get('name', 'the snapshot')} as of {source.get('snapshot_date', 'an unknown date')}."
    )
    unknown = sorted(set(pins) - set(snapshot.get("packages", pins)))
    if unknown:
        print(f"Not in the snapshot (refresh it): {', '.join(unknown)}")
    for finding in findings:
        print(f"AFFECTED {finding}")
    print("No pinned version is affected." if not findings else f"{len(findings)} affected.")
    return 1 if findings or (unknown and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
