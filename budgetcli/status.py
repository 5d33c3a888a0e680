"""Exit codes, named once (after httpie's ``status.py``)."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    #: invalid data (``validate``, ``summary`` …), or differences with ``diff --exit-code``
    INVALID = 1
    #: bad command line or environment: unknown option, no such folder, no data in it
    USAGE = 2
