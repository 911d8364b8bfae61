"""The DB-API 2.0 interface to SQLite (CPython 3.12's sqlite3 module) on
top of the `_sqlite3` native layer: Connection, Cursor, Row, the exception
hierarchy, adapters and converters, transaction control (legacy
isolation_level and 3.12's autocommit attribute), and iterdump()."""

import _sqlite3
import time
try:
    import datetime
except ImportError:
    datetime = None
import collections.abc

from sqlite3._constants import *
from sqlite3._constants import ERROR_NAMES as _ERROR_NAMES

paramstyle = "qmark"
threadsafety = 3
apilevel = "2.0"
sqlite_version = _sqlite3.sqlite_version
sqlite_version_info = tuple(int(x) for x in sqlite_version.split("."))
PARSE_DECLTYPES = 1
PARSE_COLNAMES = 2
LEGACY_TRANSACTION_CONTROL = -1
_deprecated_version = "2.6.0"

if datetime is not None:
    Date = datetime.date
    Time = datetime.time
    Timestamp = datetime.datetime


def DateFromTicks(ticks):
    return Date(*time.localtime(ticks)[:3])


def TimeFromTicks(ticks):
    return Time(*time.localtime(ticks)[3:6])


def TimestampFromTicks(ticks):
    return Timestamp(*time.localtime(ticks)[:6])


Binary = memoryview


# ----- exceptions ------------------------------------------------------------

class Warning(Exception):
    pass


class Error(Exception):
    sqlite_errorcode = None
    sqlite_errorname = None


class InterfaceError(Error):
    pass


class DatabaseError(Error):
    pass


class InternalError(DatabaseError):
    pass


class OperationalError(DatabaseError):
    pass


class ProgrammingError(DatabaseError):
    pass


class IntegrityError(DatabaseError):
    pass


class DataError(DatabaseError):
    pass


class NotSupportedError(DatabaseError):
    pass


for _c in (Warning, Error, InterfaceError, DatabaseError, InternalError, OperationalError,
           ProgrammingError, IntegrityError, DataError, NotSupportedError):
    _c.__module__ = 'sqlite3'

_PRIMARY_ERRORS = {
    2: InternalError, 12: InternalError,
    1: OperationalError, 3: OperationalError, 4: OperationalError, 5: OperationalError,
    6: OperationalError, 8: OperationalError, 9: OperationalError, 10: OperationalError,
    13: OperationalError, 14: OperationalError, 15: OperationalError, 16: OperationalError,
    17: OperationalError,
    11: DatabaseError,
    18: DataError,
    19: IntegrityError, 20: IntegrityError,
    21: InterfaceError, 25: InterfaceError,
}


def _make_error(primary, code, message):
    if primary == 7:
        return MemoryError()
    cls = _PRIMARY_ERRORS.get(primary, DatabaseError)
    exc = cls(message)
    exc.sqlite_errorcode = code
    exc.sqlite_errorname = _ERROR_NAMES.get(code, _ERROR_NAMES.get(primary, 'unknown error code'))
    return exc


_sqlite3.set_error_factory(_make_error)


# ----- adapters and converters ------------------------------------------------

class PrepareProtocol:
    def __init__(self, *args, **kwargs):
        pass


PrepareProtocol.__module__ = 'sqlite3'

adapters = {}
converters = {}
_enable_callback_tracebacks = False


def register_adapter(type, adapter):
    """Register a callable converting objects of `type` to an SQLite value."""
    adapters[(type, PrepareProtocol)] = adapter


def register_converter(typename, converter):
    """Register a callable converting SQLite bytes of a declared type."""
    converters[typename.upper()] = converter


def adapt(obj, proto=PrepareProtocol, alt=None):
    adapter = adapters.get((type(obj), proto))
    if adapter is not None:
        return adapter(obj)
    try:
        conform = obj.__conform__
    except AttributeError:
        pass
    else:
        result = conform(proto)
        if result is not None:
            return result
    if alt is not None:
        return alt
    raise ProgrammingError("can't adapt")


def enable_callback_tracebacks(flag, /):
    global _enable_callback_tracebacks
    _enable_callback_tracebacks = bool(flag)


def complete_statement(statement):
    """Whether `statement` holds one or more complete SQL statements."""
    if not isinstance(statement, str):
        raise TypeError("complete_statement() argument 'statement' must be str, not %s"
                        % type(statement).__name__)
    return _sqlite3.complete_statement(statement)


def _register_datetime():
    def adapt_date(val):
        return val.isoformat()

    def adapt_datetime(val):
        return val.isoformat(" ")

    def convert_date(val):
        return datetime.date(*map(int, val.split(b"-")))

    def convert_timestamp(val):
        datepart, timepart = val.split(b" ")
        year, month, day = map(int, datepart.split(b"-"))
        timepart_full = timepart.split(b".")
        hours, minutes, seconds = map(int, timepart_full[0].split(b":"))
        if len(timepart_full) == 2:
            microseconds = int('{:0<6.6}'.format(timepart_full[1].decode()))
        else:
            microseconds = 0
        return datetime.datetime(year, month, day, hours, minutes, seconds, microseconds)

    register_adapter(datetime.date, adapt_date)
    register_adapter(datetime.datetime, adapt_datetime)
    register_converter("date", convert_date)
    register_converter("timestamp", convert_timestamp)


try:
    _register_datetime()
except Exception:
    pass


# ----- Row ---------------------------------------------------------------------

class Row:
    """A row with access by column index and case-insensitive column name."""

    def __new__(cls, cursor, data):
        if not isinstance(cursor, Cursor):
            raise TypeError("Row() argument 1 must be sqlite3.Cursor, not %s" % type(cursor).__name__)
        if not isinstance(data, tuple):
            raise TypeError("Row() argument 2 must be tuple, not %s" % type(data).__name__)
        self = object.__new__(cls)
        self._description = cursor.description
        self._data = data
        return self

    def keys(self):
        if self._description is None:
            return []
        return [d[0] for d in self._description]

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def __getitem__(self, key):
        if isinstance(key, str):
            low = key.lower()
            if self._description is not None:
                for i, d in enumerate(self._description):
                    if d[0].lower() == low:
                        return self._data[i]
            raise IndexError("No item with that key")
        return self._data[key]

    def __eq__(self, other):
        if not isinstance(other, Row):
            return NotImplemented
        return self._description == other._description and self._data == other._data

    def __ne__(self, other):
        if not isinstance(other, Row):
            return NotImplemented
        return not self == other

    def __hash__(self):
        return hash(tuple(self.keys())) ^ hash(self._data)

    def __repr__(self):
        return '<sqlite3.Row object at 0x%x>' % id(self)


Row.__module__ = 'sqlite3'


# ----- statements ----------------------------------------------------------------

def _leading_keyword(sql):
    """The first keyword of `sql` (after whitespace and comments), upper-case."""
    i = 0
    n = len(sql)
    while i < n:
        c = sql[i]
        if c in ' \t\n\r\f':
            i += 1
        elif sql.startswith('--', i):
            j = sql.find('\n', i)
            i = n if j < 0 else j + 1
        elif sql.startswith('/*', i):
            j = sql.find('*/', i + 2)
            i = n if j < 0 else j + 2
        else:
            break
    j = i
    while j < n and (sql[j].isalpha()):
        j += 1
    return sql[i:j].upper()


def _only_comments(sql):
    i = 0
    n = len(sql)
    while i < n:
        c = sql[i]
        if c in ' \t\n\r\f;':
            i += 1
        elif sql.startswith('--', i):
            j = sql.find('\n', i)
            i = n if j < 0 else j + 1
        elif sql.startswith('/*', i):
            j = sql.find('*/', i + 2)
            if j < 0:
                return True
            i = j + 2
        else:
            return False
    return True


_DML = ('INSERT', 'UPDATE', 'DELETE', 'REPLACE')


_callable = callable


def _call_none(*args):
    return None(*args)


class Cursor:
    """A database cursor: executes statements and fetches their rows."""

    def __init__(self, connection):
        if not isinstance(connection, Connection):
            raise TypeError("Cursor() argument 1 must be sqlite3.Connection, not %s"
                            % type(connection).__name__)
        self.connection = connection
        self.arraysize = 1
        self.row_factory = connection.row_factory
        self._description = None
        self._rowcount = -1
        self._lastrowid = None
        self._stmt = None
        self._has_row = False
        self._closed = False
        self._converters = None
        self._is_dml = False
        self._initialized = True

    def _check(self):
        if not getattr(self, '_initialized', False):
            raise ProgrammingError("Base Cursor.__init__ not called.")
        if self._closed:
            raise ProgrammingError("Cannot operate on a closed cursor.")
        self.connection._check()

    @property
    def description(self):
        return self._description

    @property
    def rowcount(self):
        return self._rowcount

    @property
    def lastrowid(self):
        return self._lastrowid

    def close(self):
        """Close the cursor (further use raises ProgrammingError)."""
        if not getattr(self, '_initialized', False):
            raise ProgrammingError("Base Cursor.__init__ not called.")
        self.connection._check()
        self._finish()
        self._closed = True

    def _finish(self):
        if self._stmt is not None:
            _sqlite3.finalize(self._stmt)
            self._stmt = None
        self._has_row = False

    def setinputsizes(self, sizes, /):
        pass

    def setoutputsize(self, size, column=None, /):
        pass

    def _bind(self, stmt, params, depth, count, named):
        if not named and (type(params) is tuple or type(params) is list):
            if len(params) != count:
                raise ProgrammingError(
                    "Incorrect number of bindings supplied. The current statement uses %d, "
                    "and there are %d supplied." % (count, len(params)))
            first = _sqlite3.bind_seq(stmt, params)
            if first:
                for i in range(first - 1, count):
                    self._bind_one(stmt, i + 1, params[i])
            return
        if params is None:
            params = ()
        if isinstance(params, dict) or (not isinstance(params, (tuple, list)) and
                                        isinstance(params, collections.abc.Mapping)):
            for i in range(1, count + 1):
                name = _sqlite3.param_name(stmt, i)
                if name is None:
                    raise ProgrammingError(
                        "Binding %d has no name, but you supplied a dictionary "
                        "(which has only names)." % i)
                key = name[1:]
                try:
                    value = params[key]
                except KeyError:
                    raise ProgrammingError(
                        "You did not supply a value for binding parameter %s." % name) from None
                self._bind_one(stmt, i, value)
            return
        if not isinstance(params, (tuple, list)):
            try:
                n = len(params)
                params[0] if n else None
            except Exception:
                raise ProgrammingError("parameters are of unsupported type") from None
        if len(params) != count:
            raise ProgrammingError(
                "Incorrect number of bindings supplied. The current statement uses %d, "
                "and there are %d supplied." % (count, len(params)))
        for i in range(count):
            name = _sqlite3.param_name(stmt, i + 1)
            if name is not None:
                import warnings
                warnings.warn(
                    "Binding %d (%r) is a named parameter, but you supplied a sequence which "
                    "requires nameless (qmark) placeholders. Starting with Python 3.14 an "
                    "sqlite3.ProgrammingError will be raised." % (i + 1, name),
                    DeprecationWarning, stacklevel=depth)
            self._bind_one(stmt, i + 1, params[i])

    def _bind_one(self, stmt, index, value):
        if type(value) not in (int, float, str, bytes, type(None)):
            adapter = adapters.get((type(value), PrepareProtocol))
            if adapter is not None:
                value = adapter(value)
            elif hasattr(value, '__conform__'):
                conformed = value.__conform__(PrepareProtocol)
                if conformed is not None:
                    value = conformed
        if isinstance(value, memoryview):
            value = value.tobytes()
        if _sqlite3.bind(stmt, index, value) < 0:
            raise ProgrammingError("Error binding parameter %d: type '%s' is not supported"
                                   % (index, type(value).__name__))

    def _prepare(self, sql):
        con = self.connection
        stmt, rest = _sqlite3.prepare(con._db, sql)
        if rest and not _only_comments(rest):
            if stmt is not None:
                _sqlite3.finalize(stmt)
            raise ProgrammingError("You can only execute one statement at a time.")
        return stmt

    def _begin_if_needed(self, keyword):
        con = self.connection
        if (con._autocommit == LEGACY_TRANSACTION_CONTROL and con._isolation_level is not None
                and keyword in _DML and _sqlite3.get_autocommit(con._db)):
            con._exec_simple("BEGIN " + con._isolation_level)

    def _setup_description(self, stmt):
        if stmt is None or _sqlite3.column_count(stmt) == 0:
            self._description = None
            self._converters = None
            return
        names = _sqlite3.column_names(stmt)
        detect = self.connection._detect_types
        convs = None
        if detect:
            convs = []
            decltypes = _sqlite3.column_decltypes(stmt) if detect & PARSE_DECLTYPES else [None] * len(names)
            for name, decl in zip(names, decltypes):
                conv = None
                if detect & PARSE_COLNAMES:
                    lb = name.find('[')
                    if lb >= 0:
                        rb = name.find(']', lb)
                        if rb >= 0:
                            conv = converters.get(name[lb + 1:rb].upper())
                if conv is None and decl:
                    key = decl.split('(')[0].split()[0].upper() if decl.split() else ''
                    conv = converters.get(key)
                convs.append(conv)
            if not any(convs):
                convs = None
        self._converters = convs
        if detect & PARSE_COLNAMES:
            cleaned = []
            for name in names:
                lb = name.find('[')
                cleaned.append(name[:lb].rstrip() if lb >= 0 else name)
            names = cleaned
        self._description = tuple((n, None, None, None, None, None, None) for n in names)

    def execute(self, sql, parameters=(), /):
        """Execute one SQL statement with optional parameters; returns self."""
        self._check()
        if not isinstance(sql, str):
            raise TypeError("execute() argument 1 must be str, not %s" % type(sql).__name__)
        return self._execute(sql, [parameters], False, 4)

    def executemany(self, sql, seq_of_parameters, /):
        """Execute a DML statement once for each parameter set; returns self."""
        self._check()
        if not isinstance(sql, str):
            raise TypeError("executemany() argument 1 must be str, not %s" % type(sql).__name__)
        return self._execute(sql, seq_of_parameters, True, 4)

    def _execute(self, sql, param_sets, many, depth):
        con = self.connection
        self._finish()
        self._description = None
        self._rowcount = -1
        stmt = self._prepare(sql)
        if stmt is None:
            return self
        keyword = _leading_keyword(sql)
        is_dml = keyword in _DML
        self._is_dml = is_dml
        if many and _sqlite3.column_count(stmt) and not is_dml:
            _sqlite3.finalize(stmt)
            raise ProgrammingError("executemany() can only execute DML statements.")
        self._begin_if_needed(keyword)
        self._rowcount = 0 if is_dml else -1
        self._stmt = stmt
        self._setup_description(stmt)
        count = _sqlite3.param_count(stmt)
        named = False
        for i in range(1, count + 1):
            if _sqlite3.param_name(stmt, i) is not None:
                named = True
                break
        try:
            for params in param_sets:
                _sqlite3.reset(stmt)
                self._bind(stmt, params, depth, count, named)
                has_row = _sqlite3.step(con._db, stmt)
                if is_dml and not has_row:
                    self._rowcount += _sqlite3.changes(con._db)
                if many and has_row:
                    raise ProgrammingError("executemany() can only execute DML statements.")
                self._has_row = has_row
        except BaseException:
            self._finish()
            raise
        if not many:
            self._lastrowid = _sqlite3.last_insert_rowid(con._db)
        if not self._has_row:
            _sqlite3.reset(stmt)
        return self

    def executescript(self, sql_script, /):
        """Execute several SQL statements (committing a pending transaction first)."""
        self._check()
        if not isinstance(sql_script, str):
            raise TypeError("script argument must be unicode.")
        if '\0' in sql_script:
            raise ValueError("embedded null character")
        con = self.connection
        self._finish()
        if con._autocommit == LEGACY_TRANSACTION_CONTROL and not _sqlite3.get_autocommit(con._db):
            con._exec_simple("COMMIT")
        rest = sql_script
        while rest:
            stmt, rest = _sqlite3.prepare(con._db, rest)
            if stmt is None:
                if _only_comments(rest):
                    break
                continue
            try:
                while _sqlite3.step(con._db, stmt):
                    pass
            finally:
                _sqlite3.finalize(stmt)
        return self

    def _read_row(self):
        con = self.connection
        tf = con.text_factory
        raw = tf is not str
        row = _sqlite3.row(self._stmt, raw)
        if raw and tf is not bytes:
            row = tuple(tf(v) if type(v) is bytes and t else v
                        for v, t in zip(row, self._text_columns(row)))
        if self._converters is not None:
            out = []
            for v, conv in zip(row, self._converters):
                if conv is not None and v is not None:
                    if isinstance(v, str):
                        v = v.encode('utf-8')
                    elif not isinstance(v, bytes):
                        v = str(v).encode('utf-8')
                    v = conv(v)
                out.append(v)
            row = tuple(out)
        rf = self.row_factory
        if rf is not None:
            row = rf(self, row)
        return row

    def _text_columns(self, row):
        # which values of a raw-text row came from TEXT (not BLOB) columns
        typed = _sqlite3.row(self._stmt, False)
        return [isinstance(v, str) for v in typed]

    def _advance(self):
        con = self.connection
        try:
            self._has_row = _sqlite3.step(con._db, self._stmt)
        except BaseException:
            self._finish()
            raise
        if not self._has_row:
            if self._is_dml:
                self._rowcount += _sqlite3.changes(con._db)
            _sqlite3.reset(self._stmt)

    def _next_row(self):
        con = self.connection
        if con.text_factory is str and self._converters is None:
            try:
                row, more = _sqlite3.fetch(con._db, self._stmt, False)
            except BaseException:
                self._finish()
                raise
            self._has_row = more
            if not more:
                if self._is_dml:
                    self._rowcount += _sqlite3.changes(con._db)
                _sqlite3.reset(self._stmt)
            rf = self.row_factory
            if rf is not None:
                row = rf(self, row)
            return row
        row = self._read_row()
        self._advance()
        return row

    def fetchone(self):
        """The next row, or None when the result is exhausted."""
        self._check()
        if not self._has_row:
            return None
        return self._next_row()

    def fetchmany(self, size=None):
        """Up to `size` rows (default: arraysize) as a list."""
        self._check()
        if size is None:
            size = self.arraysize
        rows = []
        while len(rows) < size and self._has_row:
            rows.append(self._next_row())
        return rows

    def fetchall(self):
        """All remaining rows as a list."""
        self._check()
        rows = []
        while self._has_row:
            rows.append(self._next_row())
        return rows

    def __iter__(self):
        return self

    def __next__(self):
        self._check()
        if not self._has_row:
            raise StopIteration
        return self._next_row()


Cursor.__module__ = 'sqlite3'

class Blob:
    """Incremental I/O on one BLOB value (Connection.blobopen)."""

    def __init__(self, *args, **kwargs):
        raise TypeError("cannot create 'sqlite3.Blob' instances")

    @classmethod
    def _make(cls, con, handle):
        self = object.__new__(cls)
        self._con = con
        self._h = handle
        self._offset = 0
        self._len = _sqlite3.blob_bytes(handle)
        return self

    def _check(self):
        self._con._check()
        if self._h is None:
            raise ProgrammingError("Cannot operate on a closed blob.")

    def close(self):
        self._con._check()
        if self._h is not None:
            _sqlite3.blob_close(self._h)
            self._h = None

    def __len__(self):
        self._check()
        return self._len

    def read(self, length=-1, /):
        self._check()
        if length < 0 or length > self._len - self._offset:
            length = self._len - self._offset
        data = _sqlite3.blob_read(self._con._db, self._h, length, self._offset)
        self._offset += length
        return data

    def write(self, data, /):
        self._check()
        data = bytes(memoryview(data))
        if len(data) > self._len - self._offset:
            raise ValueError("data longer than blob length")
        _sqlite3.blob_write(self._con._db, self._h, data, self._offset)
        self._offset += len(data)

    def tell(self):
        self._check()
        return self._offset

    def seek(self, offset, origin=0, /):
        self._check()
        if origin == 0:
            pos = offset
        elif origin == 1:
            pos = self._offset + offset
        elif origin == 2:
            pos = self._len + offset
        else:
            raise ValueError("'origin' should be os.SEEK_SET, os.SEEK_CUR, or os.SEEK_END")
        if pos < 0 or pos > self._len:
            raise ValueError("offset out of blob range")
        self._offset = pos

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *args):
        self.close()
        return False

    def __getitem__(self, key):
        self._check()
        if isinstance(key, slice):
            start, stop, step = key.indices(self._len)
            if stop <= start:
                return b''
            data = _sqlite3.blob_read(self._con._db, self._h, stop - start, start)
            return data[::step] if step != 1 else data
        if not hasattr(key, '__index__'):
            raise TypeError("Blob indices must be integers")
        i = key.__index__()
        if i < 0:
            i += self._len
        if i < 0 or i >= self._len:
            raise IndexError("Blob index out of range")
        return _sqlite3.blob_read(self._con._db, self._h, 1, i)[0]

    def __setitem__(self, key, value):
        self._check()
        if isinstance(key, slice):
            start, stop, step = key.indices(self._len)
            data = bytes(memoryview(value))
            n = len(range(start, stop, step))
            if len(data) != n:
                raise IndexError("Blob slice assignment is wrong size")
            if n == 0:
                return
            if step == 1:
                _sqlite3.blob_write(self._con._db, self._h, data, start)
            else:
                for j, i in enumerate(range(start, stop, step)):
                    _sqlite3.blob_write(self._con._db, self._h, data[j:j + 1], i)
            return
        if not hasattr(key, '__index__'):
            raise TypeError("Blob indices must be integers")
        i = key.__index__()
        if i < 0:
            i += self._len
        if i < 0 or i >= self._len:
            raise IndexError("Blob index out of range")
        if not isinstance(value, int) or not 0 <= value < 256:
            raise ValueError("byte must be in range(0, 256)")
        _sqlite3.blob_write(self._con._db, self._h, bytes([value]), i)

    def __delitem__(self, key):
        raise TypeError("Blob doesn't support item deletion")


Blob.__module__ = 'sqlite3'

_VALID_ISOLATION = ("", "DEFERRED", "IMMEDIATE", "EXCLUSIVE")


class Connection:
    """A connection to an SQLite database."""

    Warning = Warning
    Error = Error
    InterfaceError = InterfaceError
    DatabaseError = DatabaseError
    DataError = DataError
    OperationalError = OperationalError
    IntegrityError = IntegrityError
    InternalError = InternalError
    ProgrammingError = ProgrammingError
    NotSupportedError = NotSupportedError

    def __init__(self, database, timeout=5.0, detect_types=0, isolation_level="",
                 check_same_thread=True, factory=None, cached_statements=128, uri=False,
                 *, autocommit=LEGACY_TRANSACTION_CONTROL):
        import os
        path = os.fspath(database)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        self._db = _sqlite3.open(path, uri)
        _sqlite3.busy_timeout(self._db, int(timeout * 1000))
        self._detect_types = detect_types
        self.row_factory = None
        self.text_factory = str
        self._isolation_level = None
        self.isolation_level = isolation_level
        if autocommit not in (True, False, LEGACY_TRANSACTION_CONTROL) or isinstance(autocommit, int) and not isinstance(autocommit, bool) and autocommit != LEGACY_TRANSACTION_CONTROL:
            raise ValueError("autocommit must be True, False, or sqlite3.LEGACY_TRANSACTION_CONTROL")
        self._autocommit = autocommit
        self._closed = False
        if autocommit is False:
            self._exec_simple("BEGIN")

    def _check(self):
        if not hasattr(self, '_db'):
            raise ProgrammingError("Base Connection.__init__ not called.")
        if self._closed:
            raise ProgrammingError("Cannot operate on a closed database.")

    def _exec_simple(self, sql):
        stmt, _ = _sqlite3.prepare(self._db, sql)
        if stmt is None:
            return
        try:
            while _sqlite3.step(self._db, stmt):
                pass
        finally:
            _sqlite3.finalize(stmt)

    @property
    def isolation_level(self):
        return self._isolation_level

    @isolation_level.setter
    def isolation_level(self, value):
        if value is None:
            self._isolation_level = None
            return
        if not isinstance(value, str):
            raise TypeError("isolation_level must be str or None")
        if value.upper() not in _VALID_ISOLATION:
            raise ValueError("isolation_level string must be '', 'DEFERRED', 'IMMEDIATE', or 'EXCLUSIVE'")
        self._isolation_level = value.upper()

    @property
    def autocommit(self):
        return self._autocommit

    @autocommit.setter
    def autocommit(self, value):
        self._check()
        if value is not True and value is not False and value != LEGACY_TRANSACTION_CONTROL:
            raise ValueError("autocommit must be True, False, or sqlite3.LEGACY_TRANSACTION_CONTROL")
        if value is True and not _sqlite3.get_autocommit(self._db):
            self._exec_simple("COMMIT")
        elif value is False and _sqlite3.get_autocommit(self._db):
            self._exec_simple("BEGIN")
        self._autocommit = value

    @property
    def in_transaction(self):
        self._check()
        return not _sqlite3.get_autocommit(self._db)

    @property
    def total_changes(self):
        self._check()
        return _sqlite3.total_changes(self._db)

    def cursor(self, factory=Cursor):
        """A new cursor (made by `factory`, a Cursor subclass)."""
        self._check()
        cur = factory(self)
        if not isinstance(cur, Cursor):
            raise TypeError("factory must return a cursor, not %s" % type(cur).__name__)
        if self.row_factory is not None and cur.row_factory is None:
            cur.row_factory = self.row_factory
        return cur

    def execute(self, sql, parameters=(), /):
        cur = self.cursor()
        if not isinstance(sql, str):
            raise TypeError("execute() argument 1 must be str, not %s" % type(sql).__name__)
        return cur._execute(sql, [parameters], False, 4)

    def executemany(self, sql, parameters, /):
        cur = self.cursor()
        if not isinstance(sql, str):
            raise TypeError("executemany() argument 1 must be str, not %s" % type(sql).__name__)
        return cur._execute(sql, parameters, True, 4)

    def executescript(self, sql_script, /):
        return self.cursor().executescript(sql_script)

    def commit(self):
        """Commit the pending transaction (if any)."""
        self._check()
        if self._autocommit is True:
            return
        if not _sqlite3.get_autocommit(self._db):
            self._exec_simple("COMMIT")
        if self._autocommit is False:
            self._exec_simple("BEGIN")

    def rollback(self):
        """Roll back the pending transaction (if any)."""
        self._check()
        if self._autocommit is True:
            return
        if not _sqlite3.get_autocommit(self._db):
            self._exec_simple("ROLLBACK")
        if self._autocommit is False:
            self._exec_simple("BEGIN")

    def close(self):
        """Close the connection (a pending transaction is rolled back)."""
        if not hasattr(self, '_db') or self._closed:
            return
        if self._autocommit is False and not _sqlite3.get_autocommit(self._db):
            try:
                self._exec_simple("ROLLBACK")
            except Error:
                pass
        self._closed = True
        _sqlite3.close(self._db)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        if exc_type is None:
            try:
                self.commit()
            except BaseException:
                self.rollback()
                raise
        else:
            self.rollback()
        return False

    def create_function(self, name, narg, func, *, deterministic=False):
        """Make a Python callable available to SQL as name(narg arguments)."""
        self._check()
        if not isinstance(name, str):
            raise TypeError("create_function() argument 'name' must be str, not %s" % type(name).__name__)
        if func is None:
            func = _call_none
        _sqlite3.create_function(self._db, name, narg, func, deterministic, False)

    def create_aggregate(self, name, n_arg, aggregate_class):
        """Make an aggregate class (step/finalize) available to SQL."""
        self._check()
        if not isinstance(name, str):
            raise TypeError("create_aggregate() argument 'name' must be str, not %s" % type(name).__name__)
        _sqlite3.create_function(self._db, name, n_arg, aggregate_class, False, True)

    def blobopen(self, table, column, row, /, *, readonly=False, name="main"):
        """Open the BLOB in table.column at rowid `row` for incremental I/O."""
        self._check()
        return Blob._make(self, _sqlite3.blob_open(self._db, name, table, column, row, readonly))

    def create_window_function(self, name, num_params, aggregate_class, /):
        """Register an aggregate window function class (step, value, inverse, finalize)."""
        self._check()
        _sqlite3.create_window_function(self._db, name, num_params, aggregate_class)

    def create_collation(self, name, callable, /):
        """Register a Python comparison function as an SQL collation."""
        self._check()
        if not isinstance(name, str):
            raise TypeError("create_collation() argument 1 must be str, not %s" % type(name).__name__)
        if callable is not None and not _callable(callable):
            raise TypeError("parameter must be callable")
        _sqlite3.create_collation(self._db, name, callable)

    def interrupt(self):
        self._check()
        _sqlite3.interrupt(self._db)

    def iterdump(self):
        """Yield the SQL text that recreates the database."""
        self._check()
        from sqlite3.dump import _iterdump
        return _iterdump(self)

    def set_trace_callback(self, trace_callback):
        """Call trace_callback(sql_text) for every statement executed."""
        self._check()
        _sqlite3.set_trace_callback(self._db, trace_callback)

    def set_authorizer(self, authorizer_callback):
        """Call authorizer_callback(action, arg1, arg2, dbname, source) for
        each access while statements are prepared; it returns SQLITE_OK,
        SQLITE_DENY or SQLITE_IGNORE."""
        self._check()
        _sqlite3.set_authorizer(self._db, authorizer_callback)

    def set_progress_handler(self, progress_handler, n):
        """Call progress_handler() every n virtual-machine steps; a true
        result aborts the query."""
        self._check()
        _sqlite3.set_progress_handler(self._db, progress_handler, n)

    def getlimit(self, category, /):
        self._check()
        return self._limit(category, -1)

    def setlimit(self, category, limit, /):
        self._check()
        return self._limit(category, limit)

    def _limit(self, category, value):
        try:
            return _sqlite3.limit(self._db, category, value)
        except ValueError:
            raise ProgrammingError("'category' is out of bounds") from None

    def backup(self, target, *, pages=-1, progress=None, name="main", sleep=0.250):
        """Copy this database into the connection `target`."""
        self._check()
        if not isinstance(target, Connection):
            raise TypeError("backup() argument 1 must be sqlite3.Connection, not %s"
                            % type(target).__name__)
        if target is self:
            raise ValueError("target cannot be the same connection instance")
        target._check()
        if progress is not None and not _callable(progress):
            raise TypeError("progress argument must be a callable")
        if not _sqlite3.get_autocommit(target._db):
            raise OperationalError("target is in transaction")
        _sqlite3.backup(self._db, target._db, name)
        if progress is not None:
            progress(101, 0, 0)


Connection.__module__ = 'sqlite3'


def connect(database, timeout=5.0, detect_types=0, isolation_level="", check_same_thread=True,
            factory=Connection, cached_statements=128, uri=False, *,
            autocommit=LEGACY_TRANSACTION_CONTROL):
    """Open a connection to the SQLite database file `database`."""
    if factory is Connection:
        return Connection(database, timeout, detect_types, isolation_level, check_same_thread,
                          None, cached_statements, uri, autocommit=autocommit)
    return factory(database, timeout, detect_types, isolation_level, check_same_thread,
                   None, cached_statements, uri, autocommit=autocommit)
