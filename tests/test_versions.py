"""The version sets CI installs hold to what pyproject.toml claims.

``requirements/lowest.txt`` pins exactly the lower bound of every requirement (CI runs the
suite on it, so a bound that lies fails); ``requirements/ci.lock`` pins a version of every
requirement inside its range, with hashes. Either drifting from pyproject.toml fails here.
"""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from .conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.M)


def requirements(*extras: str) -> list[Requirement]:
    """The project's requirements and those of its extras (not itself, as ``dev`` names it)."""
    listed = PYPROJECT["dependencies"] + [
        r for extra in extras for r in PYPROJECT["optional-dependencies"][extra]
    ]
    return [Requirement(r) for r in listed if canonicalize_name(Requirement(r).name) != "budgetcli"]


def pins(name: str) -> dict[str, Version]:
    text = (REPO / "requirements" / name).read_text(encoding="utf-8")
    return {canonicalize_name(n): Version(v) for n, v in PIN.findall(text)}


def lower_bound(req: Requirement) -> Version:
    (bound,) = [Version(s.version) for s in req.specifier if s.operator == ">="]
    return bound


def test_every_requirement_has_a_lower_bound() -> None:
    for req in requirements("test", "dev"):
        assert lower_bound(req), req


def test_lowest_pins_exactly_the_lower_bounds_of_what_the_tests_install() -> None:
    claimed = {canonicalize_name(r.name): lower_bound(r) for r in requirements("test")}
    assert pins("lowest.txt") == claimed


def test_the_lock_holds_every_requirement_inside_its_range_with_hashes() -> None:
    locked = pins("ci.lock")
    for req in requirements("test", "dev"):
        name = canonicalize_name(req.name)
        assert name in locked, f"{req.name} is not in requirements/ci.lock: compile it again"
        assert req.specifier.contains(locked[name]), f"{req.name}=={locked[name]} is not {req}"
    text = (REPO / "requirements" / "ci.lock").read_text(encoding="utf-8")
    entries = re.split(r"^(?=[A-Za-z0-9])", text, flags=re.M)[1:]
    assert len(entries) == len(locked)
    for entry in entries:
        assert "--hash=sha256:" in entry, entry.splitlines()[0]


def test_the_lock_pins_a_pyyaml_of_the_older_libyaml() -> None:
    """CI runs PyYAML 6.0.3 (libyaml 0.2.5) from the lock and the newest (0.2.6) beside it."""
    assert pins("ci.lock")["pyyaml"] == Version("6.0.3")
