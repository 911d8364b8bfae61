"""The sqlite3 module: the DB-API 2.0 interface to SQLite databases
(see sqlite3.dbapi2 for the implementation)."""

from sqlite3.dbapi2 import *
from sqlite3.dbapi2 import (_deprecated_version, adapters, converters, Connection, Cursor, Row,
                            PrepareProtocol, enable_callback_tracebacks)
from sqlite3 import dbapi2

_deprecated_names = frozenset({"version", "version_info"})


def __getattr__(name):
    if name in _deprecated_names:
        from warnings import warn
        warn(f"{name} is deprecated and will be removed in Python 3.14",
             DeprecationWarning, stacklevel=2)
        return globals()[f"_deprecated_{name}"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_deprecated_version_info = (2, 6, 0)
