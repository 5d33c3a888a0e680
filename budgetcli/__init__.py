"""budgetcli: a municipality's budget proposals as YAML files, validated, summed and compared."""

__version__ = "0.1.0"
