"""Draw sacroref's icon (a stylised sacrum shield with "S") into resources/icons/sacroref.png.

.venv/bin/python scripts/make_icon.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath

ROOT = Path(__file__).resolve().parent.parent


def draw(size: int = 256) -> QImage:
    """Return the icon as an image."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    shape = QPainterPath()
    s = float(size)
    shape.moveTo(QPointF(0.12 * s, 0.10 * s))
    shape.lineTo(QPointF(0.88 * s, 0.10 * s))
    shape.quadTo(QPointF(0.86 * s, 0.62 * s), QPointF(0.5 * s, 0.94 * s))
    shape.quadTo(QPointF(0.14 * s, 0.62 * s), QPointF(0.12 * s, 0.10 * s))
    painter.fillPath(shape, QColor("#2f6db5"))
    painter.setPen(QColor("white"))
    font = QFont("DejaVu Sans", int(size * 0.38), QFont.Weight.Bold)
    painter.setFont(font)
    painter.drawText(QRectF(0, 0.06 * s, s, 0.7 * s), Qt.AlignmentFlag.AlignCenter, "S")
    painter.end()
    return image


if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    target = ROOT / "resources" / "icons" / "sacroref.png"
    draw().save(str(target))
    print(target)
