"""The example workspace, built once per test session for each working language of its main round (``mecigep demo
--round-language``): the demo's flows and the language check read the same builds."""
import contextlib
import io
from pathlib import Path

import pytest

from pipeline.cli.app import main


class Demos:
    """Builds on first use, then keeps, the demo of each language: its folder, exit code and what it printed."""

    def __init__(self, root: Path) -> None:
        self.root, self.built = root, {}

    def __call__(self, lang: str = "es") -> tuple[Path, int, str]:
        if lang not in self.built:
            folder, said = self.root / f"demo-{lang}", io.StringIO()
            args = ["demo", "--workspace", str(folder)] + (["--round-language", lang] if lang != "es" else [])
            with contextlib.redirect_stdout(said):
                code = main(args)
            self.built[lang] = (folder, code, said.getvalue())
        return self.built[lang]


@pytest.fixture(scope="session")
def demos(tmp_path_factory) -> Demos:
    return Demos(tmp_path_factory.mktemp("demos"))
