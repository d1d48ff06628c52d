"""`python -m ercsheet` runs the command line (the window when no command is given)."""

import sys

from ercsheet.cli import main

sys.exit(main())
