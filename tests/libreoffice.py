"""Printing a workbook as LibreOffice does: headless conversion to PDF, read back page by page.

Used by the tests that say a spreadsheet prints one page wide (issue 17, point 5). LibreOffice is
part of the test machine (``libreoffice-calc-nogui`` in .ci/run); a missing ``soffice`` fails
the test rather than skipping it, because a skipped print test proves nothing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path


def printed_pages(workbook: bytes, folder: Path) -> list[tuple[float, float, str]]:
    """Each printed page of ``workbook``: its width and height in points, and its text."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed to test printing: apt-get install libreoffice-calc-nogui"
    source = folder / "book.xlsx"
    source.write_bytes(workbook)
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=300)
    pdf = folder / "book.pdf"
    info = subprocess.run(["pdfinfo", "-l", "-1", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    sizes = [(float(w), float(h)) for w, h in
             re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.MULTILINE)]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = text.split("\f")[: len(sizes)]
    return [(w, h, page) for (w, h), page in zip(sizes, pages, strict=True)]
