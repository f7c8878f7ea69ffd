"""The package reads like the pipeline: each stage imports only earlier stages and shared pieces."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "digest"
# The stages in the order news flows through them.
STAGES = ["sources", "readers", "parse", "dedup", "merge", "rank", "render", "send", "preview"]
# Shared by every stage: the domain model, configuration, errors and German text primitives.
SHARED = {"models", "config", "errors", "exitcodes", "fsutil", "i18n", "text", "__init__"}
# The porch: they call the stages in order (the preview rebuilds through the build).
PORCH = {"api", "build", "collect", "cli", "__main__"}
MAX_LINES = 400
MAX_ROOT_MODULES = 14


def _part(module: str) -> str:
    """Return the top-level part of ``digest.<part>...`` that a module belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("digest"):
            found.add(node.module if node.module != "digest" else f"digest.{node.names[0].name}")
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("digest"))
    return found


def _module(path: Path) -> str:
    return ".".join(("digest", *path.relative_to(PACKAGE).with_suffix("").parts))


def test_no_stage_imports_a_later_stage() -> None:
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        here = _part(_module(path))
        if here in PORCH:
            continue
        for target in map(_part, _imports(path)):
            if target == here or target in SHARED:
                continue
            later = here in SHARED or (target in PORCH and here != "preview")
            later = later or (target in STAGES and here in STAGES
                              and STAGES.index(target) > STAGES.index(here))  # fmt: skip
            if later:
                wrong.append(f"{_module(path)} imports digest.{target}")
    assert wrong == []


def test_every_stage_is_a_package_and_the_root_stays_small() -> None:
    assert all((PACKAGE / stage / "__init__.py").is_file() for stage in STAGES)
    assert len(list(PACKAGE.glob("*.py"))) <= MAX_ROOT_MODULES


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_every_package_has_tests() -> None:
    tests = [p.name for p in Path(__file__).parent.glob("test_*.py")]
    packages = [*STAGES, "text", "config"]
    missing = [s for s in packages if not any(t.startswith(f"test_{s}") for t in tests)]
    assert missing == []
