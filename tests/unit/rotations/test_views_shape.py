"""Rotation views read through selectors and parse posted ids through form fields: no
``Model.objects`` call, no ``int(...)`` of request data, and no hand-written ``/o/...`` address
in the views, the API views, the services or the rotation templates (they use ``reverse`` and
``{% url %}``)."""

import ast
import re
from pathlib import Path

import orgkit.rotations as rotations

APP = Path(rotations.__file__).parent
TEMPLATES = APP.parent / "templates"
VIEWS = [APP / "views.py", APP / "views_mine.py", APP / "api" / "views.py"]


def _tree(path: Path) -> ast.AST:
    return ast.parse(path.read_text(), filename=str(path))


def test_views_make_no_orm_queries_of_their_own():
    for path in VIEWS:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Attribute) and node.attr == "objects":
                raise AssertionError(f"{path.name}:{node.lineno} queries a model; use a selector")


def test_views_never_turn_request_data_into_ints_by_hand():
    for path in VIEWS:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "int":
                raise AssertionError(f"{path.name}:{node.lineno} int(); use a form field or row_id")


def test_no_hand_written_organization_addresses():
    sources = [
        *APP.rglob("*.py"),
        *(TEMPLATES / "rotations").glob("*.html"),
        *(TEMPLATES / "emails" / "rotations").glob("*.txt"),
    ]
    assert len(sources) > 20
    for path in sources:
        if path.name == "urls.py":  # the one place addresses are written
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            assert not re.search(r"""["'/]o/""", line), f"{path.name}:{number}: {line.strip()}"
