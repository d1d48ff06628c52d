"""What an exchange file is called: the name the window and `ercsheet export` suggest.

Its own extension, `.ercsheet`, not `.json`: a file manager opens it in ercsheet (Linux by the
glob in resources/linux/ercsheet.xml; Windows and macOS associate by the last extension, so
claiming `.json` would take every JSON file from the editor that opens it). The content is the
same JSON, and import takes a file whatever its name (files written before were `.json`).
"""

from __future__ import annotations

EXTENSION = ".ercsheet"
MIME_TYPE = "application/x-ercsheet-exchange"
# The file dialogs' filters: export writes the extension, import lists older `.json` files too.
SAVE_FILTER = f"Exchange files (*{EXTENSION})"
OPEN_FILTER = f"Exchange files (*{EXTENSION} *.json);;All files (*)"


def sheet_file_name(candidate_number: str, unit_id: str) -> str:
    """A sheet's file: `0042-mgmt-l3-u40-f17.ercsheet` (`sheet-…` for a candidate with no
    number)."""
    return f"{candidate_number or 'sheet'}-{unit_id}{EXTENSION}"


def candidate_file_name(candidate_number: str) -> str:
    """A candidate's file, every sheet of theirs: `0042-all-sheets.ercsheet`."""
    return f"{candidate_number or 'candidate'}-all-sheets{EXTENSION}"
