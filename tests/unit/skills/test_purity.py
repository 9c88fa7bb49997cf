"""The skills core stays pure: no framework imports, no clock (DESIGN.md, rule 1)."""

import ast
from pathlib import Path

import orgkit.skills.coverage as core

CORE = Path(core.__file__).parent
FORBIDDEN_MODULES = {"django", "rest_framework", "celery", "time", "random", "orgkit"}
CLOCK_CALLS = {"now", "today", "utcnow", "time", "monotonic", "perf_counter"}


def _trees():
    files = sorted(CORE.rglob("*.py"))
    assert len(files) >= 4
    for path in files:
        yield path, ast.parse(path.read_text(), filename=str(path))


def test_core_imports_no_framework_and_reads_no_clock():
    for path, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                names = []
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN_MODULES, f"{path.name} imports {name}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                assert node.func.attr not in CLOCK_CALLS, f"{path.name}:{node.lineno} clock"
