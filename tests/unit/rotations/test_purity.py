"""The engine stays pure: no framework imports, no clock (DESIGN.md, rule 1)."""

import ast
import subprocess
import sys
from pathlib import Path

import orgkit.rotations.engine as engine

ENGINE = Path(engine.__file__).parent
FORBIDDEN_MODULES = {"django", "rest_framework", "celery", "time", "random"}
CLOCK_CALLS = {"now", "today", "utcnow", "time", "monotonic", "perf_counter"}


def _sources():
    files = sorted(ENGINE.rglob("*.py"))
    assert files
    for path in files:
        yield path, ast.parse(path.read_text(), filename=str(path))


def test_engine_imports_no_framework_and_no_clock_module():
    for path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN_MODULES, f"{path.name} imports {name}"


def test_engine_never_reads_the_clock():
    for path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                assert node.func.attr not in CLOCK_CALLS, (
                    f"{path.name}:{node.lineno} reads the clock"
                )


def test_importing_the_engine_loads_no_framework():
    code = (
        "import sys, orgkit.rotations.engine; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('django', 'rest_framework', 'celery')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ENGINE.parents[2],
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
