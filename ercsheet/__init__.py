"""ercsheet: offline Evidence Record Sheets for assessors of UK vocational units."""

__version__ = "0.1.0"
