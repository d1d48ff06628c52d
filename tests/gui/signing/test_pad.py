"""The pad takes strokes from a mouse, a pen and a finger, in the unit square of the box."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QImage,
    QInputDevice,
    QMouseEvent,
    QPainter,
    QPointingDevice,
    QTabletEvent,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ercsheet.domain.sheet import (
    MAX_SIGNATURE_POINTS,
    MAX_SIGNATURE_STROKES,
    MAX_STROKE_POINTS,
    strokes_problem,
)
from ercsheet.gui.signing.pad import SignaturePad, paint_strokes, stroke_path
from tests.gui.signing.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE


def make_pad(qtbot: QtBot) -> SignaturePad:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.show()
    return pad


def test_a_finger_draws_a_stroke(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    finger = QTest.createTouchDevice()
    with qtbot.waitSignal(pad.changed):
        QTest.touchEvent(pad, finger).press(0, QPoint(0, 0), pad).commit()
        QTest.touchEvent(pad, finger).move(0, QPoint(pad.width() // 2, pad.height()), pad).commit()
        QTest.touchEvent(pad, finger).release(0, QPoint(pad.width(), 0), pad).commit()
    assert pad.strokes() == (((0.0, 0.0), (0.5, 1.0), (1.0, 0.0)),)


def test_a_pen_draws_a_stroke(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    pen = QPointingDevice(
        "test pen",
        1,
        QInputDevice.DeviceType.Stylus,
        QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
        1,
        3,
    )
    middle = QPointF(pad.width() / 2, pad.height() / 2)
    for kind, at in [
        (QEvent.Type.TabletPress, QPointF(0, 0)),
        (QEvent.Type.TabletMove, middle),
        (QEvent.Type.TabletRelease, middle),
    ]:
        event = QTabletEvent(
            kind,
            pen,
            at,
            at,
            0.5,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            Qt.KeyboardModifier.NoModifier,
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
        )
        QApplication.sendEvent(pad, event)
    assert pad.strokes() == (((0.0, 0.0), (0.5, 0.5)),)


def test_points_dragged_outside_the_pad_stay_on_its_edge(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    QTest.mouseMove(pad, QPoint(pad.width() + 50, -20))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(pad.width() + 50, -20))
    [stroke] = pad.strokes()
    assert stroke[-1] == (1.0, 0.0)


def test_undo_and_clear(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    for y in (20, 60):
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, y))
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(90, y))
    assert len(pad.strokes()) == 2
    pad.undo_stroke()
    assert [stroke[0][1] for stroke in pad.strokes()] == [round(20 / pad.height(), 4)]
    pad.clear()
    assert pad.is_empty() and pad.strokes() == ()


def test_a_stroke_is_a_smooth_path_through_the_midpoints() -> None:
    stroke = ((0.0, 0.0), (0.5, 1.0), (1.0, 0.0), (1.0, 1.0))
    path = stroke_path(stroke, QRectF(0, 0, 300, 100))
    # move, two quadratic curves (Qt stores each as a cubic: 3 elements), a line to the end
    assert path.elementCount() == 1 + 3 * 2 + 1
    assert path.elementAt(0).x == 0 and path.currentPosition() == QPointF(300, 100)


def test_strokes_are_painted_inside_the_box() -> None:
    image = QImage(300, 100, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    paint_strokes(painter, [((0.1, 0.5), (0.9, 0.5))], QRectF(0, 0, 300, 100))
    painter.end()
    assert image.pixelColor(150, 50).blue() < 200 < image.pixelColor(150, 10).blue()


def drag(pad: SignaturePad, moves: int, start: int = 0) -> None:
    """A stroke through `moves` distinct positions, given straight to the pad's handlers."""

    def event(kind: QEvent.Type, index: int) -> QMouseEvent:
        at = QPointF(5 + index % 550, 5 + (index // 550) % 170)
        button = Qt.MouseButton.LeftButton
        buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else button
        return QMouseEvent(kind, at, at, button, buttons, Qt.KeyboardModifier.NoModifier)

    pad.mousePressEvent(event(QEvent.Type.MouseButtonPress, start))
    for index in range(start + 1, start + moves):
        pad.mouseMoveEvent(event(QEvent.Type.MouseMove, index))
    pad.mouseReleaseEvent(event(QEvent.Type.MouseButtonRelease, start + moves - 1))


class Quiet:
    """Stands in for the pad's repaint and signal in the test below. PySide6 6.12 on Python
    3.11 drops a reference to None on every call of a Qt method returning nothing (update())
    and to True on every signal emitted, and tens of thousands of them kill the interpreter
    ("Fatal Python error: none_dealloc"); the test draws 16,000 points."""

    def __call__(self, *args: object) -> None:
        pass

    def emit(self) -> None:
        pass


def test_the_pad_stops_taking_points_at_the_limits_of_a_signature(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    pad = make_pad(qtbot)
    monkeypatch.setattr(pad, "update", Quiet())
    monkeypatch.setattr(pad, "changed", Quiet())
    drag(pad, MAX_STROKE_POINTS + 500)
    assert [len(stroke) for stroke in pad.strokes()] == [MAX_STROKE_POINTS]
    for _ in range(MAX_SIGNATURE_POINTS // MAX_STROKE_POINTS + 1):
        drag(pad, MAX_STROKE_POINTS, start=1)
    assert sum(map(len, pad.strokes())) == MAX_SIGNATURE_POINTS
    assert pad.is_full()
    assert strokes_problem(pad.strokes()) is None
    pad.clear()
    for _ in range(MAX_SIGNATURE_STROKES + 5):
        drag(pad, 2)
    assert len(pad.strokes()) == MAX_SIGNATURE_STROKES
    assert strokes_problem(pad.strokes()) is None
    pad.undo_stroke()
    drag(pad, 3)
    assert len(pad.strokes()) == MAX_SIGNATURE_STROKES
