"""The grid's two-level header: each learning outcome in a band over the numbers of its ACs,
as on the printed sheet. Reference, title and method take the header's full height."""

from __future__ import annotations

from ercsheet.gui.grid_model import GROUP_ROLE
from ercsheet.gui.qt.core import QRect, QSize, Qt
from ercsheet.gui.qt.gui import QPainter
from ercsheet.gui.qt.widgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget


class TwoLevelHeader(QHeaderView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        size = super().sizeHint()
        size.setHeight(2 * max(size.height(), self.fontMetrics().height() + 8))
        return size

    def _group(self, section: int) -> str | None:
        model = self.model()
        if model is None:
            return None
        value = model.headerData(section, Qt.Orientation.Horizontal, GROUP_ROLE)
        return str(value) if value else None

    def _group_span(self, section: int, group: str) -> tuple[int, int]:
        """The first and last section of the run of columns sharing `section`'s group."""
        first = last = section
        while first > 0 and self._group(first - 1) == group:
            first -= 1
        while last + 1 < self.count() and self._group(last + 1) == group:
            last += 1
        return first, last

    def paintSection(self, painter: QPainter, rect: QRect, logical_index: int) -> None:  # noqa: N802 (Qt's name)
        group = self._group(logical_index)
        if group is None:
            super().paintSection(painter, rect, logical_index)
            return
        band = rect.height() // 2
        lower = QRect(rect.left(), rect.top() + band, rect.width(), rect.height() - band)
        painter.save()
        super().paintSection(painter, lower, logical_index)
        painter.restore()
        # The band spans the group; each section paints the slice of it above itself, so the
        # group's label is drawn once across its columns whatever is scrolled or resized.
        first, last = self._group_span(logical_index, group)
        left = self.sectionViewportPosition(first)
        right = self.sectionViewportPosition(last) + self.sectionSize(last)
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = QRect(left, rect.top(), right - left, band)
        # A band narrower than its label (a graded unit's lone "Distinction" column) shows it
        # cut with "…", never its middle letters.
        option.text = self.fontMetrics().elidedText(
            group, Qt.TextElideMode.ElideRight, right - left - 6
        )
        option.textAlignment = Qt.AlignmentFlag.AlignCenter
        option.section = logical_index
        option.position = QStyleOptionHeader.SectionPosition.Middle
        painter.save()
        painter.setClipRect(QRect(rect.left(), rect.top(), rect.width(), band))
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()
