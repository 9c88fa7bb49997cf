"""The official result sheet as a PDF (fpdf2, with the bundled DejaVu fonts).

Lays out a ``sheet_render`` document: a stage table with many stages turns the page to
landscape and, when it is wider still, continues in column slices that repeat the candidate
column; a table with many rows continues on the next page with its header row repeated.
"""

from __future__ import annotations

from collections.abc import Sequence

from fpdf import FPDF
from fpdf.fonts import FontFace

from orgkit.core.pdf import FONTS
from orgkit.elections.sheet_render import Block, Heading, Items, Paragraph, Table, column_slices

MARGIN = 15
KEY_WIDTH = 52  # mm for a table's naming column (a candidate, a system)
COLUMN_WIDTH = 19  # mm for a figure such as "1234.56789" at the table's type size
TABLE_SIZE = 7.5
SIZES = {1: 16, 2: 12.5, 3: 11}
TEXT_SIZE = 10
PORTRAIT_USABLE = 210 - 2 * MARGIN
LANDSCAPE_USABLE = 297 - 2 * MARGIN


def _fits(usable: float, keys: int) -> int:
    return max(int((usable - keys * KEY_WIDTH) // COLUMN_WIDTH), 1)


def needs_landscape(blocks: Sequence[Block]) -> bool:
    """Landscape when some table would not fit a portrait page in one slice."""
    return any(
        isinstance(b, Table) and len(b.header) - b.keys > _fits(PORTRAIT_USABLE, b.keys)
        for b in blocks
    )


class _SheetPDF(FPDF):
    footer_text = ""

    def footer(self):
        self.set_y(-11)
        self.set_font("DejaVu", "", 7.5)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"{self.footer_text}  ·  {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def _table(pdf: FPDF, t: Table, usable: float) -> None:
    for part in column_slices(t, _fits(usable, t.keys)):
        figures = len(part.header) - part.keys
        widths = [KEY_WIDTH] * part.keys + [COLUMN_WIDTH] * figures
        if len(part.header) <= 4 and part.keys == 1:
            # Few columns (a comparison, the facts): share the whole width, name column first.
            widths = [usable * 0.4] + [usable * 0.6 / max(len(part.header) - 1, 1)] * (
                len(part.header) - 1
            )
        align = tuple("RIGHT" if i in part.numeric else "LEFT" for i in range(len(part.header)))
        pdf.set_font("DejaVu", "", TABLE_SIZE)
        with pdf.table(
            width=sum(widths),
            col_widths=tuple(widths),
            text_align=align,
            align="LEFT",
            line_height=TABLE_SIZE * 0.5,
            headings_style=FontFace(emphasis="BOLD", fill_color=(225, 230, 235)),
            repeat_headings=1,
        ) as grid:
            for row in (part.header, *part.rows):
                cells = grid.row()
                for text in row:
                    cells.cell(text or " ")
        pdf.ln(3)


def sheet_pdf(blocks: Sequence[Block], *, title: str, footer: str = "") -> bytes:
    """The document as PDF bytes; ``footer`` is printed on every page beside the page number."""
    landscape = needs_landscape(blocks)
    usable = LANDSCAPE_USABLE if landscape else PORTRAIT_USABLE
    pdf = _SheetPDF(orientation="L" if landscape else "P", format="A4")
    pdf.footer_text = footer
    pdf.set_title(title[:200])
    pdf.set_author("orgkit")
    pdf.set_creator("orgkit")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.add_page()
    for block in blocks:
        if isinstance(block, Heading):
            size = SIZES.get(block.level, SIZES[3])
            pdf.set_font("DejaVu", "B", size)
            pdf.ln(2)
            pdf.multi_cell(0, size * 0.5, block.text, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif isinstance(block, Paragraph):
            pdf.set_font("DejaVu", "", TEXT_SIZE)
            pdf.multi_cell(
                0, TEXT_SIZE * 0.5, block.text or " ", align="L", new_x="LMARGIN", new_y="NEXT"
            )
            pdf.ln(1.5)
        elif isinstance(block, Items):
            pdf.set_font("DejaVu", "", TEXT_SIZE)
            for n, line in enumerate(block.lines, 1):
                mark = f"{n}." if block.ordered else "•"
                pdf.multi_cell(
                    0, TEXT_SIZE * 0.5, f"{mark} {line}", align="L", new_x="LMARGIN", new_y="NEXT"
                )
            pdf.ln(1.5)
        else:
            _table(pdf, block, usable)
    return bytes(pdf.output())
