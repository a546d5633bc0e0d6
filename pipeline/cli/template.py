"""``mecigep template check FILE``: a Word template checked before the pipeline uses it."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from pipeline.cli.context import STATE, _, console, errors
from pipeline.domain.problems import Severity, UserError
from pipeline.i18n import messages as m


def check(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)],
    like: Annotated[Optional[str], typer.Option("--like", metavar="TEMPLATE", help=_(m.TEMPLATE_HELP_LIKE))] = None,
) -> None:
    """Checks FILE against the variables of the template of the same name, or of ``like``; exits 2 on an error."""
    from pipeline.documents import template_check as tc

    contexts = tc.known_contexts()
    name = Path(like).name if like is not None else file.name
    if like is not None and name not in contexts:
        raise UserError(m.TEMPLATE_UNKNOWN_LIKE, like=like, known=sorted(contexts))
    keys = contexts.get(name)
    if keys is None:
        errors.print(_(m.TEMPLATE_NOT_KNOWN, file=file.name, known=sorted(contexts)), markup=False)
    problems = tc.check_template(file, keys)
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    found = [p for p in problems if p.severity is Severity.ERROR]
    if warnings:
        errors.print(_(m.FRAMEWORK_WARNINGS, count=len(warnings)), markup=False)
        for warning in warnings:
            errors.print("  " + warning.render(STATE.lang), markup=False)
    if found:
        raise UserError.of(found)
    console.print(_(m.TEMPLATE_OK, file=file.name), markup=False)
