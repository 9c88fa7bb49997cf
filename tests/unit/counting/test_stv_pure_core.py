"""The counting package is a pure core: no Django/DRF/Celery, and no floats in STV arithmetic."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import orgkit.elections.counting as counting

PACKAGE = Path(counting.__file__).resolve().parent
FORBIDDEN = ("django", "rest_framework", "celery")
REPO = PACKAGE.parents[2]


def test_no_framework_imports_anywhere_in_counting():
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            mods = []
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                mods = [node.module]
            for mod in mods:
                assert mod.split(".")[0] not in FORBIDDEN, f"{path.name} imports {mod}"


def test_importing_and_counting_loads_no_framework():
    code = (
        "import sys, orgkit.elections.counting.stv as s, orgkit.elections.counting.blt, "
        "orgkit.elections.counting.__main__;"
        "bad=[m for m in sys.modules if m.split('.')[0] in ('django','rest_framework','celery')];"
        "print(bad)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert out.stdout.strip() == "[]"


def test_no_floats_in_stv_arithmetic():
    files = [
        *PACKAGE.joinpath("stv").rglob("*.py"),
        PACKAGE / "fixedpoint.py",
        PACKAGE / "result.py",
        PACKAGE / "blt.py",
    ]
    for path in files:
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            assert not (isinstance(node, ast.Constant) and isinstance(node.value, float)), (
                f"float literal in {path.name}"
            )
            assert not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "float"), (
                f"float() in {path.name}"
            )
            assert not isinstance(node, ast.Div), f"true division (float result) in {path.name}"
