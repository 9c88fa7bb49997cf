"""PDF documents from headings and paragraphs, with a bundled Unicode font.

fpdf2 writes the file; the font is DejaVu Sans, shipped in ``orgkit/static/fonts/`` (its
licence is beside it), so a PDF never depends on the fonts of the server it is made on and
prints every script DejaVu covers (Latin, Cyrillic, Greek…). Used for decision records and
minutes; election result sheets can use it too.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fpdf import FPDF

FONTS = Path(__file__).resolve().parents[1] / "static" / "fonts"
SIZES = {0: 10.5, 1: 18, 2: 14, 3: 12}


def pdf_document(blocks: Iterable[tuple[int, str]], *, title: str, author: str = "orgkit") -> bytes:
    """A PDF of ``blocks``: ``(level, text)`` pairs, level 1–3 a heading, 0 a paragraph.
    Text is printed as written (Markdown marks stay visible, which keeps it faithful)."""
    pdf = FPDF(format="A4")
    pdf.set_title(title[:200])
    pdf.set_author(author[:200])
    pdf.set_creator("orgkit")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(18, 18, 18)
    pdf.add_page()
    for level, text in blocks:
        pdf.set_font("DejaVu", "B" if level else "", SIZES.get(level, SIZES[0]))
        if level:
            pdf.ln(3)
        pdf.multi_cell(
            0, SIZES.get(level, SIZES[0]) * 0.55, text or " ", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.ln(1.5)
    return bytes(pdf.output())
