"""What every container reader shares: the extracted text and the error it raises."""
from __future__ import annotations

from dataclasses import dataclass


PDF_INSTALL_HINT = 'pip install "govedu-check[pdf]"'


@dataclass(frozen=True)
class Extracted:
    text: str          # one paragraph (docx, pdf) or block (html) per line
    encoding: str      # how the text was obtained, shown in reports ("docx", "html gb18030", "pdf")
    line_label: str    # "paragraph" or "line"
    line_map: tuple = ()   # 1-based source line of each extracted line, where it differs (html)


class ContainerError(Exception):
    """A container that cannot be read; the message is completed with the path by ``load``."""
