"""Turning ``core`` values into text: numbers, grids, plain text, JSON, CSV, Markdown and the
rich tables (``tables``, the only module that imports rich). Imports ``core`` only."""
