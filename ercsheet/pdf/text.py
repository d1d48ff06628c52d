"""Wrapping text into a column of a given width, breaking over-long words, never overflowing."""

from __future__ import annotations

from ercsheet.pdf.fonts import width


def wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    """The lines of `text` as printed in `max_width` points; at least one (maybe empty) line.

    Line breaks in the text are kept; a word wider than the column (a URL, a reference with no
    spaces) is cut between characters so nothing is ever printed outside its cell.
    """
    lines: list[str] = []
    space = width(" ", font, size)
    for paragraph in text.splitlines() or [""]:
        line, line_width = "", 0.0
        for word in paragraph.split():
            word_width = width(word, font, size)
            if line and line_width + space + word_width <= max_width:
                line, line_width = f"{line} {word}", line_width + space + word_width
                continue
            if line:
                lines.append(line)
            if word_width <= max_width:
                line, line_width = word, word_width
                continue
            pieces = _cut(word, font, size, max_width)
            lines.extend(pieces[:-1])
            line, line_width = pieces[-1], width(pieces[-1], font, size)
        lines.append(line)
    return lines


def _cut(word: str, font: str, size: float, max_width: float) -> list[str]:
    """Cut a word into pieces that each fit (at least one character per piece)."""
    pieces: list[str] = []
    start = 0
    while start < len(word):
        end = start + 1
        while end < len(word) and width(word[start : end + 1], font, size) <= max_width:
            end += 1
        pieces.append(word[start:end])
        start = end
    return pieces


def fit_size(text: str, font: str, largest: float, smallest: float, max_width: float) -> float:
    """The largest font size from `largest` down to `smallest` at which `text` fits on one line."""
    natural = width(text, font, largest)
    if natural <= max_width:
        return largest
    return max(smallest, largest * max_width / natural)


def one_line(text: str) -> str:
    """Text for a one-line field: line breaks and tabs become single spaces."""
    return " ".join(text.split())


def ellipsis(text: str, font: str, size: float, max_width: float) -> str:
    """`text` on one line, cut with `…` to fit (for fields that must stay one line)."""
    text = one_line(text)
    if width(text, font, size) <= max_width:
        return text
    while text and width(text + "…", font, size) > max_width:
        text = text[:-1]
    return text + "…"


def at_most(
    lines: list[str], count: int, font: str, size: float, max_width: float
) -> tuple[str, ...]:
    """The first `count` lines, the last one marked `…` when text was left out."""
    if len(lines) <= count:
        return tuple(lines)
    last = ellipsis(lines[count - 1] + "…", font, size, max_width)
    return (*lines[: count - 1], last)
