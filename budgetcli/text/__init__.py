"""What a command prints: values as text, grids, JSON, CSV and Markdown, and a terminal's
table (rich, in `tables` only)."""
