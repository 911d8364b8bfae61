"""Egret's io module: in-memory streams (StringIO, BytesIO) and the base classes.

Written for Egret from the documented behaviour of CPython 3.12's io
module.  StringIO follows the newline rules of TextIOWrapper (translation
on write for newline=None/'\\r'/'\\r\\n', line splitting on read); BytesIO
is a growable byte buffer.  ``open`` is the builtin when the interpreter
provides one.
"""

import builtins as _builtins

__all__ = ['StringIO', 'BytesIO', 'IOBase', 'RawIOBase', 'BufferedIOBase',
           'TextIOBase', 'UnsupportedOperation', 'SEEK_SET', 'SEEK_CUR',
           'SEEK_END', 'DEFAULT_BUFFER_SIZE', 'open', 'text_encoding']

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
DEFAULT_BUFFER_SIZE = 8192


class UnsupportedOperation(OSError, ValueError):
    pass


UnsupportedOperation.__module__ = 'io'

if hasattr(_builtins, 'open'):
    open = _builtins.open


def text_encoding(encoding, stacklevel=2):
    return 'locale' if encoding is None else encoding


class IOBase:
    """The abstract base class for all I/O classes."""

    _closed = False

    def _unsupported(self, name):
        raise UnsupportedOperation('%s.%s() not supported' % (type(self).__name__, name))

    def _check_closed(self):
        if self._closed:
            raise ValueError('I/O operation on closed file')

    def seek(self, pos, whence=0):
        self._unsupported('seek')

    def tell(self):
        return self.seek(0, 1)

    def truncate(self, pos=None):
        self._unsupported('truncate')

    def flush(self):
        self._check_closed()

    def close(self):
        self._closed = True

    @property
    def closed(self):
        return self._closed

    def readable(self):
        return False

    def writable(self):
        return False

    def seekable(self):
        return False

    def isatty(self):
        self._check_closed()
        return False

    def fileno(self):
        self._unsupported('fileno')

    def __enter__(self):
        self._check_closed()
        return self

    def __exit__(self, *args):
        self.close()

    def __iter__(self):
        self._check_closed()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=None):
        if hint is None or hint <= 0:
            return list(self)
        lines = []
        total = 0
        for line in self:
            lines.append(line)
            total += len(line)
            if total >= hint:
                break
        return lines

    def writelines(self, lines):
        self._check_closed()
        for line in lines:
            self.write(line)


class RawIOBase(IOBase):
    """Base class for raw binary I/O."""


class BufferedIOBase(IOBase):
    """Base class for buffered binary I/O."""

    def detach(self):
        self._unsupported('detach')


class TextIOBase(IOBase):
    """Base class for text I/O."""

    @property
    def encoding(self):
        return None

    @property
    def errors(self):
        return None

    @property
    def newlines(self):
        return None

    def detach(self):
        self._unsupported('detach')


def _size_arg(size):
    if size is None:
        return -1
    try:
        return size.__index__()
    except AttributeError:
        raise TypeError("argument should be integer or None, not '%s'"
                        % (type(size).__name__,)) from None


class StringIO(TextIOBase):
    """Text I/O implementation using an in-memory buffer."""

    def __init__(self, initial_value='', newline='\n'):
        if newline is not None and not isinstance(newline, str):
            raise TypeError('newline must be str or None, not %s'
                            % (type(newline).__name__,))
        if newline not in (None, '', '\n', '\r', '\r\n'):
            raise ValueError('illegal newline value: %r' % (newline,))
        if initial_value is not None and not isinstance(initial_value, str):
            raise TypeError('initial_value must be str or None, not %s'
                            % (type(initial_value).__name__,))
        self._newline = newline
        self._chars = []
        self._pos = 0
        self._closed = False
        self._seen_newlines = set()
        if initial_value:
            self.write(initial_value)
            self._pos = 0

    def _record_newlines(self, s):
        i = 0
        n = len(s)
        while i < n:
            c = s[i]
            if c == '\r':
                if i + 1 < n and s[i + 1] == '\n':
                    self._seen_newlines.add('\r\n')
                    i += 1
                else:
                    self._seen_newlines.add('\r')
            elif c == '\n':
                self._seen_newlines.add('\n')
            i += 1

    def _translate(self, s):
        if self._newline is None or self._newline == '':
            self._record_newlines(s)
        if self._newline is None:
            return s.replace('\r\n', '\n').replace('\r', '\n')
        if self._newline in ('\r', '\r\n'):
            return s.replace('\n', self._newline)
        return s

    def write(self, s):
        """Write string s to the file; returns the number of characters written."""
        self._check_closed()
        if not isinstance(s, str):
            raise TypeError('string argument expected, got %r' % (type(s).__name__,))
        written = len(s)
        s = self._translate(s)
        if not s:
            return written
        chars = self._chars
        end = self._pos + len(s)
        if self._pos > len(chars):
            chars.extend('\0' * (self._pos - len(chars)))
        chars[self._pos:end] = list(s)
        self._pos = end
        return written

    def getvalue(self):
        """Retrieve the entire contents of the object."""
        self._check_closed()
        return ''.join(self._chars)

    def read(self, size=-1):
        """Read at most size characters (all when size is negative or None)."""
        self._check_closed()
        size = _size_arg(size)
        chars = self._chars
        start = min(self._pos, len(chars))
        end = len(chars) if size < 0 else min(len(chars), start + size)
        self._pos = max(self._pos, end)
        return ''.join(chars[start:end])

    def _line_end(self, start, limit):
        chars = self._chars
        n = len(chars) if limit < 0 else min(len(chars), start + limit)
        newline = self._newline
        i = start
        while i < n:
            c = chars[i]
            if newline is None or newline == '\n':
                if c == '\n':
                    return i + 1
            elif newline == '':
                if c == '\n':
                    return i + 1
                if c == '\r':
                    if i + 1 < len(chars) and chars[i + 1] == '\n' and i + 1 < n:
                        return i + 2
                    return i + 1
            elif newline == '\r':
                if c == '\r':
                    return i + 1
            elif c == '\r' and i + 1 < n and chars[i + 1] == '\n':
                return i + 2
            i += 1
        return n

    def readline(self, size=-1):
        """Read until newline or EOF (at most size characters)."""
        self._check_closed()
        size = _size_arg(size)
        start = self._pos
        if start >= len(self._chars):
            return ''
        end = self._line_end(start, size)
        self._pos = end
        return ''.join(self._chars[start:end])

    def __next__(self):
        self._check_closed()
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def seek(self, pos, whence=0):
        """Change stream position; returns the new absolute position."""
        self._check_closed()
        pos = _size_arg(pos)
        if whence not in (0, 1, 2):
            raise ValueError('Invalid whence (%d, should be 0, 1 or 2)' % (whence,))
        if whence == 0 and pos < 0:
            raise ValueError('Negative seek position %d' % (pos,))
        if whence != 0 and pos != 0:
            raise OSError("Can't do nonzero cur-relative seeks")
        if whence == 1:
            pos = self._pos
        elif whence == 2:
            pos = len(self._chars)
        self._pos = pos
        return pos

    def tell(self):
        """Tell the current file position."""
        self._check_closed()
        return self._pos

    def truncate(self, pos=None):
        """Truncate size to pos (default: the current position); returns it."""
        self._check_closed()
        if pos is None:
            pos = self._pos
        else:
            pos = _size_arg(pos)
            if pos < 0:
                raise ValueError('Negative size value %d' % (pos,))
        del self._chars[pos:]
        return pos

    def readable(self):
        self._check_closed()
        return True

    def writable(self):
        self._check_closed()
        return True

    def seekable(self):
        self._check_closed()
        return True

    @property
    def line_buffering(self):
        return False

    @property
    def newlines(self):
        if self._newline not in (None, '') or not self._seen_newlines:
            return None
        kinds = [k for k in ('\r', '\n', '\r\n') if k in self._seen_newlines]
        return kinds[0] if len(kinds) == 1 else tuple(kinds)

    def __getstate__(self):
        return (self.getvalue(), self._newline, self._pos, None)

    def __repr__(self):
        return '<_io.StringIO object at 0x%x>' % (id(self),)


class BytesIO(BufferedIOBase):
    """Buffered I/O implementation using an in-memory bytes buffer."""

    def __init__(self, initial_bytes=b''):
        self._buffer = bytearray()
        self._pos = 0
        self._closed = False
        self._exports = 0
        if initial_bytes is not None:
            self._buffer += memoryview(initial_bytes).tobytes() if not isinstance(
                initial_bytes, (bytes, bytearray)) else initial_bytes

    def _check_closed(self):
        if self._closed:
            raise ValueError('I/O operation on closed file.')

    def getvalue(self):
        """Retrieve the entire contents of the BytesIO object."""
        self._check_closed()
        return bytes(self._buffer)

    def getbuffer(self):
        """Get a read-write view over the contents of the BytesIO object."""
        self._check_closed()
        return memoryview(self._buffer)

    def write(self, b):
        """Write bytes to file; returns the number of bytes written."""
        self._check_closed()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        try:
            data = bytes(memoryview(b))
        except TypeError:
            raise TypeError("a bytes-like object is required, not '%s'"
                            % (type(b).__name__,)) from None
        n = len(data)
        if n == 0:
            return 0
        pos = self._pos
        if pos > len(self._buffer):
            self._buffer += b'\0' * (pos - len(self._buffer))
        self._buffer[pos:pos + n] = data
        self._pos = pos + n
        return n

    def read(self, size=-1):
        """Read at most size bytes (all when size is negative or None)."""
        self._check_closed()
        size = _size_arg(size)
        buf = self._buffer
        start = min(self._pos, len(buf))
        end = len(buf) if size < 0 else min(len(buf), start + size)
        self._pos = max(self._pos, end)
        return bytes(buf[start:end])

    read1 = read

    def readline(self, size=-1):
        """Next line from the file, as bytes (at most size bytes)."""
        self._check_closed()
        size = _size_arg(size)
        buf = self._buffer
        start = self._pos
        if start >= len(buf):
            return b''
        limit = len(buf) if size < 0 else min(len(buf), start + size)
        nl = buf.find(b'\n', start, limit)
        end = limit if nl < 0 else nl + 1
        self._pos = end
        return bytes(buf[start:end])

    def readinto(self, b):
        """Read bytes into a pre-allocated writable buffer; returns the count."""
        self._check_closed()
        view = memoryview(b).cast('B')
        data = self.read(len(view))
        view[:len(data)] = data
        return len(data)

    readinto1 = readinto

    def __next__(self):
        self._check_closed()
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def seek(self, pos, whence=0):
        """Change stream position; returns the new absolute position."""
        self._check_closed()
        pos = _size_arg(pos)
        if whence == 0:
            if pos < 0:
                raise ValueError('negative seek value %d' % (pos,))
        elif whence == 1:
            pos = max(0, self._pos + pos)
        elif whence == 2:
            pos = max(0, len(self._buffer) + pos)
        else:
            raise ValueError('invalid whence (%d, should be 0, 1 or 2)' % (whence,))
        self._pos = pos
        return pos

    def tell(self):
        self._check_closed()
        return self._pos

    def truncate(self, size=None):
        """Truncate the file to at most size bytes; returns the new size."""
        self._check_closed()
        if size is None:
            size = self._pos
        else:
            size = _size_arg(size)
            if size < 0:
                raise ValueError('negative size value %d' % (size,))
        del self._buffer[size:]
        return size

    def readable(self):
        self._check_closed()
        return True

    def writable(self):
        self._check_closed()
        return True

    def seekable(self):
        self._check_closed()
        return True

    def __repr__(self):
        return '<_io.BytesIO object at 0x%x>' % (id(self),)

# File objects (FileIO, buffered streams, TextIOWrapper) and the builtin
# open()'s implementation live in _fileio (ospath).
from _fileio import (FileIO, BufferedReader, BufferedWriter, BufferedRandom,
                     TextIOWrapper, open as _fileio_open)
if not hasattr(_builtins, 'open'):
    open = _fileio_open
