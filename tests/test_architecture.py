"""Dependencies point one way: the domain imports no Office library, no CLI, no watcher."""
import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "pipeline"
DOMAIN = ["models.py", "stages.py", "rules.py", "frameworks.py", "expressions.py", "errors.py", "messages.py", "scoring.py",
          "validation.py", "responses.py", "report_content.py"] + sorted(p.name for p in PACKAGE.glob("framework_*.py"))
OUTSIDE = {"openpyxl", "docx", "docxtpl", "watchdog", "typer", "rich", "matplotlib"}


def imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("module", DOMAIN)
def test_domain_modules_import_no_office_or_interface_library(module):
    assert imported(PACKAGE / module) & OUTSIDE == set()


def test_only_the_workbook_adapters_import_openpyxl():
    users = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if "openpyxl" in imported(p)}
    assert all(u.startswith("workbooks/") for u in users), users


def test_only_the_command_line_imports_typer_and_rich():
    users = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if imported(p) & {"typer", "rich"}}
    assert all(u.startswith("cli/") for u in users), users
