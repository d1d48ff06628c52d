"""The signature pad: strokes drawn with a mouse, pen or finger, kept in the unit square.

Points are stored as the exchange format has them: `(x, y)` in the unit square of the signature
box, x to the right and y downwards, so a signature looks the same in the window, the file and
the PDF whatever size each draws it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from ercsheet.domain.sheet import (
    MAX_SIGNATURE_POINTS,
    MAX_SIGNATURE_STROKES,
    MAX_STROKE_POINTS,
    SIGNATURE_ASPECT,
    Point,
    Stroke,
)
from ercsheet.gui.qt.core import QEvent, QPointF, QRectF, QSize, Qt, Signal
from ercsheet.gui.qt.gui import (
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from ercsheet.gui.qt.widgets import QLabel, QWidget

# The pad has the shape of the signature box on the printed sheet, so a signature keeps its shape.
BOX_ASPECT = SIGNATURE_ASPECT
PAD_WIDTH = 570
INK = QColor("#0b1f5c")


def box_in(rect: QRectF) -> QRectF:
    """The largest box of the pad's shape centred in `rect`: where a signature is drawn."""
    width = min(rect.width(), rect.height() * BOX_ASPECT)
    height = width / BOX_ASPECT
    left = rect.x() + (rect.width() - width) / 2
    top = rect.y() + (rect.height() - height) / 2
    return QRectF(left, top, width, height)


def stroke_path(stroke: Stroke, box: QRectF) -> QPainterPath:
    """A smooth path through the stroke: quadratic curves between the midpoints of its points."""

    def at(point: Point) -> QPointF:
        return QPointF(box.x() + point[0] * box.width(), box.y() + point[1] * box.height())

    path = QPainterPath()
    if not stroke:
        return path
    points = [at(p) for p in stroke]
    path.moveTo(points[0])
    if len(points) == 1:
        # A dot (the tittle of an i): a tiny segment so the round cap shows it.
        path.lineTo(points[0] + QPointF(0.01, 0.0))
        return path
    for current, following in itertools.pairwise(points[1:]):
        path.quadTo(current, (current + following) / 2)
    path.lineTo(points[-1])
    return path


def paint_strokes(
    painter: QPainter, strokes: Sequence[Stroke], rect: QRectF, color: QColor = INK
) -> None:
    """Paint strokes crisply (antialiased, round caps) into the pad-shaped box centred in `rect`."""
    box = box_in(rect)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen(color, max(1.2, box.height() / 75))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for stroke in strokes:
        painter.drawPath(stroke_path(stroke, box))
    painter.restore()


def typed_signature(name: str, point_size: int, parent: QWidget | None = None) -> QLabel:
    """A typed signature as the PDF prints it: the name slanted, in the signature ink."""
    label = QLabel(name, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont("DejaVu Sans", point_size)
    font.setItalic(True)
    label.setFont(font)
    label.setStyleSheet(f"color: {INK.name()}")
    return label


class SignatureView(QWidget):
    """An existing signature, drawn read-only at any size."""

    def __init__(self, strokes: Sequence[Stroke] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes = tuple(strokes)
        self.setMinimumSize(90, 30)

    def set_strokes(self, strokes: Sequence[Stroke]) -> None:
        self._strokes = tuple(strokes)
        self.update()

    def strokes(self) -> tuple[Stroke, ...]:
        return self._strokes

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(150, 50)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        paint_strokes(painter, self._strokes, QRectF(self.rect()))
        painter.end()


class SignaturePad(QWidget):
    """Draw a signature with the mouse, a pen (tablet) or a finger (touch).

    The pad stops taking points at the limits of a drawn signature (domain/sheet.py: points per
    stroke, strokes, points in all), far beyond any real signature, so whatever is drawn here
    can be signed, exported and imported again.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[list[Point]] = []
        self._points = 0  # in all strokes, counted as they are drawn
        self._drawing = False
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        # Exactly the box's shape: every point the signer reaches is inside the unit square.
        self.setFixedSize(PAD_WIDTH, round(PAD_WIDTH / BOX_ASPECT))
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName("Signature pad: draw your signature here")

    # --- what was drawn ---------------------------------------------------------------------

    def strokes(self) -> tuple[Stroke, ...]:
        return tuple(tuple(stroke) for stroke in self._strokes if stroke)

    def is_empty(self) -> bool:
        return not any(self._strokes)

    def clear(self) -> None:
        self._strokes.clear()
        self._drawing = False
        self.update()
        self.changed.emit()

    def undo_stroke(self) -> None:
        if self._strokes:
            self._strokes.pop()
            self._drawing = False
            self.update()
            self.changed.emit()

    # --- input ------------------------------------------------------------------------------

    def _box(self) -> QRectF:
        return box_in(QRectF(self.rect()))

    def _normalised(self, position: QPointF) -> Point:
        box = self._box()
        x = (position.x() - box.x()) / box.width()
        y = (position.y() - box.y()) / box.height()
        return (round(min(max(x, 0.0), 1.0), 4), round(min(max(y, 0.0), 1.0), 4))

    def is_full(self) -> bool:
        """No more points can be drawn: the signature is at its limit."""
        return (
            len(self._strokes) >= MAX_SIGNATURE_STROKES
            or sum(map(len, self._strokes)) >= MAX_SIGNATURE_POINTS
        )

    def _begin(self, position: QPointF) -> None:
        if self.is_full():
            self._drawing = False
            return
        self._strokes.append([self._normalised(position)])
        self._points = sum(map(len, self._strokes))
        self._drawing = True
        self.update()

    def _extend(self, position: QPointF) -> None:
        if not self._drawing:
            return
        stroke = self._strokes[-1]
        if len(stroke) >= MAX_STROKE_POINTS or self._points >= MAX_SIGNATURE_POINTS:
            return
        point = self._normalised(position)
        if point != stroke[-1]:
            stroke.append(point)
            self._points += 1
            self.update()

    def _end(self, position: QPointF) -> None:
        if self._drawing:
            self._extend(position)
            self._drawing = False
            self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position())

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802 (Qt's name)
        # Accepting the tablet event stops Qt from also sending the synthesised mouse events.
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end(event.position())
        event.accept()

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QTouchEvent) and event.points():
            position = event.points()[0].position()
            kind = event.type()
            if kind == QEvent.Type.TouchBegin:
                self._begin(position)
            elif kind == QEvent.Type.TouchUpdate:
                self._extend(position)
            elif kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
                self._end(position)
            event.accept()
            return True
        return super().event(event)

    # --- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        box = self._box()
        painter.setPen(QPen(QColor("#b0b7c3"), 1, Qt.PenStyle.DashLine))
        baseline = box.y() + box.height() * 0.75
        painter.drawLine(QPointF(box.x() + 8, baseline), QPointF(box.right() - 8, baseline))
        if self.is_empty():
            painter.setPen(QColor("#8a93a3"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "Sign here")
        paint_strokes(painter, self.strokes(), QRectF(self.rect()))
        painter.setPen(QPen(QColor("#8a93a3"), 1))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()
