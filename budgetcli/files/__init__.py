"""Reading a data folder or a git revision into ``core`` values: the listing, the YAML readers,
the models and their messages, the case registers. Imports ``core`` only."""
