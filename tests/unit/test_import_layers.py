"""The layers of DESIGN.md rule 1 hold (import-linter contracts in pyproject.toml), and the
check really fails when someone imports the wrong way — tried by planting such imports in a
copy of the code."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    if not LINT_IMPORTS.exists():
        pytest.fail("import-linter is not installed (it is in the dev extras)", pytrace=False)
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
    )


def test_the_contracts_hold():
    run = lint_imports(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


@pytest.fixture(scope="module")
def copy_of_the_code(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("layers")
    for name in ("orgkit", "config"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


@pytest.mark.parametrize(
    ("where", "planted", "contract"),
    [
        # core knows no organization, and no feature app
        ("orgkit/core/planted.py", "from orgkit.rotations import models\n", "Layers point down"),
        (
            "orgkit/core/planted.py",
            "def f():\n    from orgkit.organizations import models\n",
            "Layers point down",
        ),
        # feature apps never import each other
        (
            "orgkit/rotations/planted.py",
            "from orgkit.elections import selectors\n",
            "Layers point down",
        ),
        # rotations learns of skills only through its own registry (rotations/hooks.py)
        (
            "orgkit/rotations/planted.py",
            "def f():\n    from orgkit.skills import models\n",
            "Layers point down",
        ),
        # pure cores import no framework and no Django side
        ("orgkit/elections/counting/planted.py", "import django.db\n", "Pure cores"),
        (
            "orgkit/skills/coverage/planted.py",
            "from orgkit.skills import selectors\n",
            "Pure cores",
        ),
        (
            "orgkit/rotations/engine/planted.py",
            "from orgkit.rotations import models\n",
            "Pure cores",
        ),
        # services never import tasks
        (
            "orgkit/elections/services/planted.py",
            "from orgkit.elections import tasks\n",
            "Tasks import services",
        ),
    ],
)
def test_a_planted_wrong_way_import_breaks_a_contract(copy_of_the_code, where, planted, contract):
    path = copy_of_the_code / where
    path.write_text(planted)
    try:
        run = lint_imports(copy_of_the_code)
    finally:
        path.unlink()
    assert run.returncode != 0, run.stdout
    broken = [line for line in run.stdout.splitlines() if line.strip().endswith("BROKEN")]
    assert any(contract in line for line in broken), run.stdout
    assert where.removesuffix(".py").replace("/", ".") in run.stdout
