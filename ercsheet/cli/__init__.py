"""The command line, one module per group of commands; `ercsheet` runs `main`."""

from ercsheet.cli.main import COMMANDS as COMMANDS
from ercsheet.cli.main import main as main
