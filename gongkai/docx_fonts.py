"""The one way gongkai names the fonts of a run or style in a Word document.

Word and WPS pick the font of Chinese characters from `w:eastAsia`; python-docx's
`font.name` sets only the Latin ones, so a document that relies on it shows 仿宋 text in
a Latin fallback. `set_fonts` names one font for every script and says the run is East
Asian text. Framework-free (python-docx only).
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement


def set_fonts(rpr: BaseOxmlElement, font: str) -> None:
    """Name `font` for every script in the run properties `rpr` (`w:rPr`)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)  # rFonts comes first in w:rPr (ECMA-376 order)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)
    fonts.set(qn("w:hint"), "eastAsia")
