"""What officials do to workbooks, done the way Excel and LibreOffice do it."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl


def rename_sheet(path: Path, old: str, new: str) -> None:
    """Renames a sheet; as in Excel and LibreOffice, the defined names follow it."""
    wb = openpyxl.load_workbook(path)
    wb[old].title = new
    for name in list(wb.defined_names):
        defined = wb.defined_names[name]
        defined.attr_text = defined.attr_text.replace(f"'{old}'!", f"'{new}'!").replace(f"{old}!", f"'{new}'!")
    wb.save(path)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_convert(source: Path, target_dir: Path, to: str = "xlsx") -> Path:
    """Opens ``source`` in LibreOffice headless and saves it as ``to`` in ``target_dir``; returns the new file."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", to, "--outdir", str(target_dir), str(source)],
            check=True, capture_output=True, timeout=180,
        )
    return target_dir / (source.stem + "." + to.split(":")[0])


def libreoffice_convert_all(sources: list[Path], target_dir: Path, to: str = "xlsx") -> list[Path]:
    """``libreoffice_convert`` for several files in one start of LibreOffice (each start takes seconds)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", to, "--outdir", str(target_dir),
             *map(str, sources)], check=True, capture_output=True, timeout=300,
        )
    return [target_dir / (source.stem + "." + to.split(":")[0]) for source in sources]
