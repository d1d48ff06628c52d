"""Thin launcher: `python main.py [options]` is the same as the `ercsheet` command."""

import sys

from ercsheet.cli import main

if __name__ == "__main__":
    sys.exit(main())
