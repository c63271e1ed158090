"""The offline dependency audit: pins read from constraints.txt, OSV ranges and version lists
evaluated as PyPI versions, and the committed snapshot of the advisory database."""

import json

import pytest
from packaging.utils import canonicalize_name
from packaging.version import Version

from security.audit import DEFAULT_ADVISORIES, DEFAULT_CONSTRAINTS, AuditError, audit, main, read_pins


def advisory(package: str = "examplepkg", *, ranges=(), versions=(), **extra) -> dict:
    """A synthetic advisory in the database's (OSV) form."""
    return {
        "id": "PYSEC-0000-1",
        "aliases": ["CVE-0000-1"],
        "affected": [
            {
                "package": {"name": package, "ecosystem": "PyPI"},
                "ranges": [{"type": "ECOSYSTEM", "events": list(events)} for events in ranges],
                "versions": list(versions),
            }
        ],
        **extra,
    }


def affected_versions(item: dict, candidates: list[str]) -> list[str]:
    return [v for v in candidates if audit({canonicalize_name("examplepkg"): Version(v)}, [item])]


def test_a_version_between_introduced_and_fixed_is_affected_and_the_fixed_one_not():
    item = advisory(ranges=[[{"introduced": "0"}, {"fixed": "2.0"}]])

    assert affected_versions(item, ["0.1", "1.9.9", "2.0", "2.0.1"]) == ["0.1", "1.9.9"]


def test_two_affected_stretches_leave_the_versions_between_them_alone():
    item = advisory(
        ranges=[[{"introduced": "1.0"}, {"fixed": "1.2"}, {"introduced": "2.0"}, {"fixed": "2.3"}]]
    )

    assert affected_versions(item, ["0.9", "1.1", "1.5", "2.2", "2.3"]) == ["1.1", "2.2"]


def test_last_affected_includes_that_version_only():
    item = advisory(ranges=[[{"introduced": "1.0"}, {"last_affected": "1.4"}]])

    assert affected_versions(item, ["1.4", "1.4.1"]) == ["1.4"]


def test_a_version_list_is_compared_as_versions_not_as_text():
    item = advisory(versions=["1.0.0", "not a version"])

    assert affected_versions(item, ["1.0", "1.0.1"]) == ["1.0"]


def test_a_finding_names_the_advisory_its_aliases_and_the_fix():
    item = advisory("Example_Pkg", ranges=[[{"introduced": "0"}, {"fixed": "3.1"}]])

    (finding,) = audit({canonicalize_name("example-pkg"): Version("3.0")}, [item])

    assert str(finding) == "example-pkg 3.0: PYSEC-0000-1 (CVE-0000-1); fixed in 3.1"


def test_withdrawn_advisories_and_other_packages_are_ignored():
    pins = {canonicalize_name("examplepkg"): Version("1.0")}
    withdrawn = advisory(ranges=[[{"introduced": "0"}]], withdrawn="2024-01-01T00:00:00Z")
    other = advisory("otherpkg", ranges=[[{"introduced": "0"}]])

    assert audit(pins, [withdrawn, other]) == []


def test_only_exact_pins_are_accepted():
    assert read_pins("# comment\nDjango==5.2.19\n\nPyYAML==6.0.4  # why\n") == {
        "django": Version("5.2.19"),
        "pyyaml": Version("6.0.4"),
    }
    with pytest.raises(AuditError, match="line 1"):
        read_pins("django>=5\n")


@pytest.mark.parametrize(("pinned", "status"), [("1.4", 1), ("1.5", 0)])
def test_the_command_fails_only_when_a_pin_is_affected(tmp_path, capsys, pinned, status):
    constraints = tmp_path / "constraints.txt"
    constraints.write_text(f"examplepkg=={pinned}\n")
    snapshot = tmp_path / "advisories.json"
    item = advisory(ranges=[[{"introduced": "1.0"}, {"fixed": "1.5"}]])
    snapshot.write_text(json.dumps({"source": {}, "packages": ["examplepkg"], "advisories": [item]}))

    assert main([str(constraints), "--advisories", str(snapshot)]) == status
    output = capsys.readouterr().out
    assert ("AFFECTED examplepkg 1.4: PYSEC-0000-1" in output) is (status == 1)


def test_the_committed_snapshot_covers_every_pin_and_says_where_it_comes_from():
    snapshot = json.loads(DEFAULT_ADVISORIES.read_text(encoding="utf-8"))
    pinned = set(read_pins(DEFAULT_CONSTRAINTS.read_text(encoding="utf-8")))

    missing = pinned - set(snapshot["packages"])
    assert not missing, f"refresh the snapshot (python -m security.refresh, see README): {sorted(missing)}"
    assert snapshot["source"]["licence"] == "CC-BY-4.0"
    assert snapshot["source"]["snapshot_date"] and snapshot["source"]["commit"]
    assert {canonicalize_name(a["affected"][0]["package"]["name"]) for a in snapshot["advisories"]} <= pinned
