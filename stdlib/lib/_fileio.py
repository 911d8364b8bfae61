"""File objects for the builtin open(): FileIO (raw, over posix file
descriptors), BufferedReader/BufferedWriter/BufferedRandom, and
TextIOWrapper (encoding, newline translation), as CPython's _io module.

`io` re-exports these classes; the builtin `open` (registered natively by
egret-stdlib) calls `open` here."""

import io
import posix

_DEFAULT_BUFFER_SIZE = 8192

# Until finalizers (__del__) run reliably, a file object that is dropped
# without close() could lose buffered data: write every write through.
_WRITE_THROUGH = False


def _closed_error(what):
    return ValueError(what)


class FileIO(io.RawIOBase):
    """Raw binary I/O on a file descriptor."""

    def __init__(self, file, mode='r', closefd=True, opener=None):
        self._fd = -1
        self._guard = None
        self._closed = False
        if isinstance(file, float):
            raise TypeError('integer argument expected, got float')
        if isinstance(file, int):
            if isinstance(file, bool):
                import warnings
                warnings.warn("bool is used as a file descriptor", RuntimeWarning, stacklevel=2)
            if file < 0:
                raise ValueError('negative file descriptor')
        if not isinstance(mode, str):
            raise TypeError('invalid mode: %s' % (mode,))
        if not set(mode) <= set('xrwab+'):
            raise ValueError('invalid mode: %s' % (mode,))
        if sum(c in 'rwax' for c in mode) != 1 or mode.count('+') > 1:
            raise ValueError('Must have exactly one of create/read/write/append '
                             'mode and at most one plus')
        self._created = 'x' in mode
        self._readable = 'r' in mode or '+' in mode
        self._writable = 'r' not in mode or '+' in mode
        self._appending = 'a' in mode
        if 'x' in mode:
            flags = posix.O_EXCL | posix.O_CREAT
        elif 'r' in mode:
            flags = 0
        elif 'w' in mode:
            flags = posix.O_CREAT | posix.O_TRUNC
        else:
            flags = posix.O_APPEND | posix.O_CREAT
        if self._readable and self._writable:
            flags |= posix.O_RDWR
        elif self._readable:
            flags |= posix.O_RDONLY
        else:
            flags |= posix.O_WRONLY
        if isinstance(file, int):
            fd = file
            self._closefd = closefd
        else:
            if not closefd:
                raise ValueError('Cannot use closefd=False with file name')
            self._closefd = True
            if opener is None:
                fd = posix.open(file, flags, 0o666)
            else:
                fd = opener(file, flags)
                if not isinstance(fd, int):
                    raise TypeError('expected integer from opener')
                if fd < 0:
                    raise ValueError('opener returned %d' % fd)
        self._fd = fd
        # closes the descriptor if this object is freed without close()
        self._guard = posix.fd_guard(fd) if self._closefd else None
        try:
            st = posix.fstat(fd)
        except OSError:
            if isinstance(file, int):
                raise
            st = None
        if st is not None and (st[0] & 0o170000) == 0o040000:
            if self._guard is not None:
                posix.fd_guard_close(self._guard)
            else:
                posix.close(fd)
            self._fd = -1
            raise IsADirectoryError(21, posix.strerror(21), file)
        self._blksize = st[16] if st is not None and st[16] > 1 else _DEFAULT_BUFFER_SIZE
        self.name = file
        if self._appending:
            try:
                posix.lseek(fd, 0, 2)
            except OSError:
                pass

    @property
    def mode(self):
        if self._created:
            return 'xb+' if self._readable else 'xb'
        if self._appending:
            return 'ab+' if self._readable else 'ab'
        if self._readable:
            return 'rb+' if self._writable else 'rb'
        return 'wb'

    @property
    def closefd(self):
        return self._closefd

    def __repr__(self):
        if self._closed:
            return '<_io.FileIO [closed]>'
        return '<_io.FileIO name=%r mode=%r closefd=%r>' % (self.name, self.mode, self._closefd)

    def _checkClosed(self):
        if self._closed:
            raise ValueError('I/O operation on closed file')

    def _checkReadable(self):
        if not self._readable:
            raise io.UnsupportedOperation('File not open for reading')

    def _checkWritable(self):
        if not self._writable:
            raise io.UnsupportedOperation('File not open for writing')

    def fileno(self):
        self._checkClosed()
        return self._fd

    def readable(self):
        self._checkClosed()
        return self._readable

    def writable(self):
        self._checkClosed()
        return self._writable

    def seekable(self):
        self._checkClosed()
        try:
            posix.lseek(self._fd, 0, 1)
        except OSError:
            return False
        return True

    def isatty(self):
        self._checkClosed()
        return posix.isatty(self._fd)

    def _sync(self):
        if self._guard is not None:
            posix.fd_guard_flush(self._guard)

    def _bwrite(self, b):
        """Buffered write (the buffered layer's fast path); bytes only."""
        if self._guard is None:
            return self.write(b)
        return posix.fd_guard_write(self._guard, b)

    def _bflush(self):
        if self._guard is not None:
            posix.fd_guard_flush(self._guard)

    def read(self, size=-1):
        self._checkClosed()
        self._checkReadable()
        if size is None or size < 0:
            return self.readall()
        self._sync()
        return posix.read(self._fd, size)

    def readall(self):
        self._checkClosed()
        self._checkReadable()
        self._sync()
        chunks = []
        while True:
            chunk = posix.read(self._fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
        return b''.join(chunks)

    def readinto(self, b):
        data = self.read(len(b))
        n = len(data)
        b[:n] = data
        return n

    def write(self, b):
        self._checkClosed()
        self._checkWritable()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        if not isinstance(b, (bytes, bytearray)):
            b = bytes(b)
        self._sync()
        total = 0
        while total < len(b):
            n = posix.write(self._fd, b[total:] if total else b)
            if n <= 0:
                break
            total += n
        return total

    def seek(self, pos, whence=0):
        self._checkClosed()
        if isinstance(pos, float):
            raise TypeError('an integer is required')
        self._sync()
        return posix.lseek(self._fd, pos, whence)

    def tell(self):
        self._checkClosed()
        self._sync()
        return posix.lseek(self._fd, 0, 1)

    def truncate(self, size=None):
        self._checkClosed()
        self._checkWritable()
        if size is None:
            size = self.tell()
        self._sync()
        posix.ftruncate(self._fd, size)
        return size

    def flush(self):
        self._checkClosed()
        self._sync()

    def close(self):
        if not self._closed:
            self._closed = True
            if self._guard is not None:
                posix.fd_guard_close(self._guard)
            elif self._closefd and self._fd >= 0:
                posix.close(self._fd)

    @property
    def closed(self):
        return self._closed



class _BufferedBase(io.BufferedIOBase):
    """Shared buffering over a raw stream: a read buffer and a write buffer
    (at most one of them holds data at a time)."""

    _kind = 'BufferedRandom'

    def __init__(self, raw, buffer_size=_DEFAULT_BUFFER_SIZE):
        if buffer_size <= 0:
            raise ValueError('buffer size must be strictly positive')
        self.raw = raw
        self.buffer_size = buffer_size
        self._rbuf = b''
        self._rpos = 0
        self._wbuf = bytearray()

    @property
    def name(self):
        return self.raw.name

    @property
    def mode(self):
        return self.raw.mode

    @property
    def closed(self):
        return self.raw.closed

    def __repr__(self):
        try:
            name = self.raw.name
        except AttributeError:
            return '<_io.%s>' % self._kind
        return '<_io.%s name=%r>' % (self._kind, name)

    def _check_closed(self, what='I/O operation on closed file.'):
        if self.raw.closed:
            raise ValueError(what)

    def fileno(self):
        return self.raw.fileno()

    def isatty(self):
        return self.raw.isatty()

    def readable(self):
        return self.raw.readable()

    def writable(self):
        return self.raw.writable()

    def seekable(self):
        return self.raw.seekable()

    def detach(self):
        self.flush()
        raw = self.raw
        self.raw = None
        return raw

    # ----- writing -------------------------------------------------------

    def _flush_writes(self):
        bflush = getattr(self.raw, '_bflush', None)
        if bflush is not None:
            bflush()
        if self._wbuf:
            data = bytes(self._wbuf)
            self._wbuf = bytearray()
            self.raw.write(data)

    def _rcompact(self):
        if self._rpos:
            self._rbuf = self._rbuf[self._rpos:]
            self._rpos = 0

    def _drop_reads(self):
        self._rcompact()
        if self._rbuf:
            # the raw position is ahead of the logical one by the unread bytes
            try:
                self.raw.seek(-len(self._rbuf), 1)
            except OSError:
                pass
            self._rbuf = b''

    def write(self, b):
        if self.raw.closed:
            raise ValueError('write to closed file')
        if not self.raw.writable():
            raise io.UnsupportedOperation('write')
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        if not isinstance(b, (bytes, bytearray)):
            b = bytes(b)
        self._drop_reads()
        bwrite = getattr(self.raw, '_bwrite', None)
        if bwrite is not None:
            bwrite(b)
            return len(b)
        self._wbuf += b
        if _WRITE_THROUGH or len(self._wbuf) >= self.buffer_size:
            self._flush_writes()
        return len(b)

    def flush(self):
        if self.raw.closed:
            if self._wbuf:
                raise ValueError('flush of closed file')
            raise ValueError('flush of closed file')
        self._flush_writes()

    # ----- reading -------------------------------------------------------

    def _check_readable(self, what='read'):
        if self.raw.closed:
            raise ValueError(what + ' of closed file')
        if not self.raw.readable():
            raise io.UnsupportedOperation('read')
        self._flush_writes()

    def read(self, size=-1):
        self._check_readable()
        self._rcompact()
        if size is None or size < 0:
            data = self._rbuf + self.raw.readall()
            self._rbuf = b''
            return data
        while len(self._rbuf) < size:
            chunk = self.raw.read(max(self.buffer_size, size - len(self._rbuf)))
            if not chunk:
                break
            self._rbuf += chunk
        data, self._rbuf = self._rbuf[:size], self._rbuf[size:]
        return data

    def read1(self, size=-1):
        self._check_readable()
        self._rcompact()
        if not self._rbuf:
            self._rbuf = self.raw.read(self.buffer_size if size is None or size < 0 else max(size, 1))
        if size is None or size < 0:
            size = len(self._rbuf)
        data, self._rbuf = self._rbuf[:size], self._rbuf[size:]
        return data

    def peek(self, size=0):
        self._check_readable()
        self._rcompact()
        if not self._rbuf:
            self._rbuf = self.raw.read(self.buffer_size)
        return self._rbuf

    def readinto(self, b):
        data = self.read(len(b))
        n = len(data)
        b[:n] = data
        return n

    def readline(self, size=-1):
        if size is None or size < 0:
            buf = self._rbuf
            pos = self._rpos
            i = buf.find(b'\n', pos)
            if i >= 0:
                self._rpos = i + 1
                return buf[pos:i + 1]
        self._check_readable('readline')
        self._rcompact()
        if size is None:
            size = -1
        while True:
            i = self._rbuf.find(b'\n')
            if i >= 0 and (size < 0 or i < size):
                line, self._rbuf = self._rbuf[:i + 1], self._rbuf[i + 1:]
                return line
            if size >= 0 and len(self._rbuf) >= size:
                line, self._rbuf = self._rbuf[:size], self._rbuf[size:]
                return line
            chunk = self.raw.read(self.buffer_size)
            if not chunk:
                line, self._rbuf = self._rbuf, b''
                return line
            self._rbuf += chunk

    # ----- positioning ---------------------------------------------------

    def tell(self):
        self._rcompact()
        pos = self.raw.tell()
        return pos - len(self._rbuf) + len(self._wbuf)

    def seek(self, pos, whence=0):
        if self.raw.closed:
            raise ValueError('seek of closed file')
        if whence not in (0, 1, 2):
            raise ValueError('whence value %d unsupported' % whence)
        self._flush_writes()
        self._rcompact()
        if whence == 1:
            pos -= len(self._rbuf)
        self._rbuf = b''
        return self.raw.seek(pos, whence)

    def truncate(self, pos=None):
        self.flush()
        if pos is None:
            pos = self.tell()
        self._drop_reads()
        return self.raw.truncate(pos)

    def close(self):
        if self.raw is None or self.raw.closed:
            return
        try:
            self.flush()
        finally:
            self._rbuf = b''
            self._rpos = 0
            self.raw.close()

    def __iter__(self):
        if self.raw.closed:
            raise ValueError('I/O operation on closed file.')
        return self



class BufferedReader(_BufferedBase):
    _kind = 'BufferedReader'


class BufferedWriter(_BufferedBase):
    _kind = 'BufferedWriter'


class BufferedRandom(_BufferedBase):
    _kind = 'BufferedRandom'


# codecs whose output starts with a BOM: after the start of the file, the
# plain variant is used so the BOM is written once.
_BOM_CODECS = {'utf-16': 'utf-16-le', 'utf-32': 'utf-32-le', 'utf-8-sig': 'utf-8'}
_CHUNKABLE = frozenset({'utf-8', 'latin-1', 'ascii', 'cp1252'})


def _normalize_encoding(encoding):
    e = encoding.lower().replace('_', '-')
    if e in ('utf-8', 'utf8', 'u8', 'utf'):
        return 'utf-8'
    if e in ('latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'l1'):
        return 'latin-1'
    if e in ('ascii', 'us-ascii'):
        return 'ascii'
    if e in ('utf-16', 'utf16', 'u16'):
        return 'utf-16'
    if e in ('utf-32', 'utf32', 'u32'):
        return 'utf-32'
    if e in ('utf-8-sig', 'utf8-sig'):
        return 'utf-8-sig'
    if e in ('cp1252', 'windows-1252'):
        return 'cp1252'
    return e


class TextIOWrapper(io.TextIOBase):
    """Text I/O over a buffered binary stream."""

    def __init__(self, buffer, encoding=None, errors=None, newline=None,
                 line_buffering=False, write_through=False):
        if newline is not None and not isinstance(newline, str):
            raise TypeError('illegal newline type: %r' % (type(newline),))
        if newline not in (None, '', '\n', '\r', '\r\n'):
            raise ValueError('illegal newline value: %r' % (newline,))
        if encoding is None or encoding == 'locale':
            encoding = 'UTF-8' if encoding is None else 'UTF-8'
        elif not isinstance(encoding, str):
            raise TypeError('TextIOWrapper() argument \'encoding\' must be str or None, not %s'
                            % type(encoding).__name__)
        else:
            try:
                ''.encode(encoding)
            except LookupError:
                raise LookupError('unknown encoding: %s' % encoding) from None
        if errors is None:
            errors = 'strict'
        self.buffer = buffer
        self._encoding = encoding
        self._codec = _normalize_encoding(encoding)
        self._errors = errors
        self._newline = newline
        self._readuniversal = not newline
        self._readtranslate = newline is None
        self._writetranslate = newline != ''
        self._writenl = newline or '\n'
        self.line_buffering = line_buffering
        # write-only files over our FileIO: write() appends straight to the
        # descriptor's native buffer
        self._fast_raw = None
        raw = getattr(buffer, 'raw', None)
        if (type(raw) is FileIO and raw._guard is not None and not raw._readable
                and isinstance(buffer, _BufferedBase) and self._codec not in _BOM_CODECS
                and not line_buffering and not write_through):
            self._fast_raw = raw
        self._fast_nl = self._writenl if self._writetranslate and self._writenl != '\n' else None
        self.write_through = write_through
        self._decoded = ''
        self._dpos = 0
        self._simple_nl = False
        self._pending = b''
        self._pending_cr = False
        self._eof = False
        self._seen = set()

    @property
    def encoding(self):
        return self._encoding

    @property
    def errors(self):
        return self._errors

    @property
    def name(self):
        return self.buffer.name

    @property
    def mode(self):
        try:
            return self._mode
        except AttributeError:
            return self.buffer.mode

    @mode.setter
    def mode(self, value):
        self._mode = value

    @property
    def closed(self):
        return self.buffer.closed

    @property
    def newlines(self):
        if not self._seen:
            return None
        order = [n for n in ('\r', '\n', '\r\n') if n in self._seen]
        return order[0] if len(order) == 1 else tuple(order)

    def __repr__(self):
        parts = ['<_io.TextIOWrapper']
        try:
            parts.append(' name=%r' % (self.name,))
        except AttributeError:
            pass
        try:
            parts.append(' mode=%r' % (self.mode,))
        except AttributeError:
            pass
        parts.append(' encoding=%r>' % (self._encoding,))
        return ''.join(parts)

    def fileno(self):
        return self.buffer.fileno()

    def isatty(self):
        return self.buffer.isatty()

    def readable(self):
        return self.buffer.readable()

    def writable(self):
        return self.buffer.writable()

    def seekable(self):
        return self.buffer.seekable()

    def detach(self):
        self.flush()
        b = self.buffer
        self.buffer = None
        return b

    # ----- writing -------------------------------------------------------

    def write(self, s):
        raw = self._fast_raw
        if raw is not None and not raw._closed and s.__class__ is str:
            if self._fast_nl is not None:
                posix.fd_guard_write(raw._guard, s.replace('\n', self._fast_nl).encode(self._encoding, self._errors))
            else:
                posix.fd_guard_write(raw._guard, s.encode(self._encoding, self._errors))
            return len(s)
        if self.buffer.closed:
            raise ValueError('I/O operation on closed file.')
        if not isinstance(s, str):
            raise TypeError('write() argument must be str, not %s' % type(s).__name__)
        if not self.buffer.writable():
            raise io.UnsupportedOperation('not writable')
        length = len(s)
        text = s
        if self._writetranslate and self._writenl != '\n':
            text = text.replace('\n', self._writenl)
        if self._decoded or self._pending:
            self._rewind_reads()
        encoding = self._encoding
        if self._codec in _BOM_CODECS:
            try:
                at_start = self.buffer.tell() == 0
            except (OSError, ValueError, AttributeError):
                at_start = False
            if not at_start:
                encoding = _BOM_CODECS[self._codec]
        self.buffer.write(text.encode(encoding, self._errors))
        if self.line_buffering and ('\n' in s or '\r' in s):
            self.buffer.flush()
        return length

    def flush(self):
        self.buffer.flush()

    def close(self):
        if self.buffer is not None and not self.buffer.closed:
            try:
                self.flush()
            finally:
                self._decoded = ''
                self._dpos = 0
                self._simple_nl = False
                self.buffer.close()


    # ----- reading -------------------------------------------------------

    def _decode(self, data, final):
        data = self._pending + data
        self._pending = b''
        if not final and self._codec == 'utf-8' and data:
            # keep an incomplete trailing UTF-8 sequence for the next chunk
            i = len(data) - 1
            k = 0
            while i >= 0 and k < 3 and (data[i] & 0xC0) == 0x80:
                i -= 1
                k += 1
            if i >= 0:
                lead = data[i]
                need = 2 if lead >= 0xC0 and lead < 0xE0 else 3 if lead >= 0xE0 and lead < 0xF0 else 4 if lead >= 0xF0 else 1
                if need > len(data) - i and lead >= 0xC0:
                    self._pending = data[i:]
                    data = data[:i]
        text = data.decode(self._encoding, self._errors)
        return self._translate(text, final)

    def _translate(self, text, final):
        """Hold back a trailing '\r' (it may start '\r\n') and record the
        newline kinds seen; the text itself stays untranslated until output."""
        if self._pending_cr:
            text = '\r' + text
            self._pending_cr = False
        if text.endswith('\r') and not final:
            text = text[:-1]
            self._pending_cr = True
        if self._readuniversal or self._readtranslate:
            if '\r' in text:
                if '\r\n' in text:
                    self._seen.add('\r\n')
                if '\r' in text.replace('\r\n', ''):
                    self._seen.add('\r')
                if '\n' in text.replace('\r\n', ''):
                    self._seen.add('\n')
            elif '\n' in text:
                self._seen.add('\n')
        return text

    def _out(self, text):
        if self._readtranslate and '\r' in text:
            return text.replace('\r\n', '\n').replace('\r', '\n')
        return text

    def _check_readable(self):
        if self.buffer.closed:
            raise ValueError('I/O operation on closed file.')
        if not self.buffer.readable():
            raise io.UnsupportedOperation('not readable')

    def _compact(self):
        if self._dpos:
            self._decoded = self._decoded[self._dpos:]
            self._dpos = 0

    def _update_simple(self):
        # lines end at '\n' alone: no '\r' to translate or to split on
        nl = self._newline
        self._simple_nl = nl == '\n' or (nl is None or nl == '') and '\r' not in self._decoded

    def _fill(self):
        """Decode one more chunk; False at end of file."""
        self._compact()
        more = self._fill1()
        self._update_simple()
        return more

    def _fill1(self):
        if self._eof:
            return False
        if self._codec not in _CHUNKABLE:
            # multi-byte codecs without a chunk-safe decoder: decode the rest at once
            data = self.buffer.read()
            self._eof = True
            self._decoded += self._decode(data, True)
            return bool(data)
        data = self.buffer.read1(_DEFAULT_BUFFER_SIZE) if hasattr(self.buffer, 'read1') else self.buffer.read(_DEFAULT_BUFFER_SIZE)
        if not data:
            self._eof = True
            tail = self._decode(b'', True)
            self._decoded += tail
            return bool(tail)
        self._decoded += self._decode(data, False)
        return True

    def read(self, size=-1):
        self._check_readable()
        if size is None:
            size = -1
        elif not isinstance(size, int):
            raise TypeError("argument should be integer or None, not '%s'" % type(size).__name__)
        self._compact()
        if size < 0:
            rest = self.buffer.read()
            text = self._decoded + self._decode(rest, True)
            self._decoded = ''
            self._eof = False
            return self._out(text)
        result = []
        got = 0
        while got < size:
            if not self._decoded and not self._fill():
                break
            k = size - got
            chunk = self._decoded[:k]
            if self._readtranslate and chunk.endswith('\r'):
                if len(self._decoded) == k and not self._eof and self._fill():
                    continue
                if self._decoded[k:k + 1] == '\n':
                    chunk += '\n'
                    k += 1
            self._decoded = self._decoded[k:]
            self._update_simple()
            chunk = self._out(chunk)
            result.append(chunk)
            got += len(chunk)
        return ''.join(result)

    def _find_line_end(self, s):
        if self._readtranslate or self._newline == '':
            n = s.find('\n')
            r = s.find('\r')
            if r < 0:
                return -1 if n < 0 else n + 1
            if n >= 0 and n < r:
                return n + 1
            if r + 1 < len(s):
                return r + 2 if s[r + 1] == '\n' else r + 1
            return r + 1 if self._eof else -1
        i = s.find(self._newline)
        return -1 if i < 0 else i + len(self._newline)

    def readline(self, size=-1):
        if self._simple_nl and (size is None or size < 0):
            d = self._decoded
            pos = self._dpos
            i = d.find('\n', pos)
            if i >= 0:
                self._dpos = i + 1
                return d[pos:i + 1]
        self._check_readable()
        if size is None:
            size = -1
        self._compact()
        while True:
            end = self._find_line_end(self._decoded)
            if end > 0 and (size < 0 or end <= size):
                line, self._decoded = self._decoded[:end], self._decoded[end:]
                return self._out(line)
            if size >= 0 and len(self._decoded) >= size:
                line, self._decoded = self._decoded[:size], self._decoded[size:]
                return self._out(line)
            if not self._fill():
                line, self._decoded = self._decoded, ''
                return self._out(line)

    def __next__(self):
        if self._simple_nl:
            d = self._decoded
            pos = self._dpos
            i = d.find('\n', pos)
            if i >= 0:
                self._dpos = i + 1
                return d[pos:i + 1]
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def __iter__(self):
        if self.buffer.closed:
            raise ValueError('I/O operation on closed file.')
        return self

    # ----- positioning ---------------------------------------------------

    def _rewind_reads(self):
        self._compact()
        unread = len(self._decoded.encode(self._encoding, self._errors)) + len(self._pending)
        if self._pending_cr:
            unread += 1
        self._decoded = ''
        self._pending = b''
        self._pending_cr = False
        self._eof = False
        if unread:
            self.buffer.seek(-unread, 1)

    def tell(self):
        if self.buffer.closed:
            raise ValueError('I/O operation on closed file.')
        self.flush()
        self._compact()
        pos = self.buffer.tell()
        unread = len(self._decoded.encode(self._encoding, self._errors)) + len(self._pending)
        if self._pending_cr:
            unread += 1
        return pos - unread

    def seek(self, cookie, whence=0):
        if self.buffer.closed:
            raise ValueError('I/O operation on closed file.')
        if whence == 1 and cookie != 0:
            raise io.UnsupportedOperation("can't do nonzero cur-relative seeks")
        if whence == 2 and cookie != 0:
            raise io.UnsupportedOperation("can't do nonzero end-relative seeks")
        self.flush()
        if whence == 1:
            cookie = self.tell()
            whence = 0
        self._decoded = ''
        self._dpos = 0
        self._simple_nl = False
        self._pending = b''
        self._pending_cr = False
        self._eof = False
        if whence == 0 and cookie < 0:
            raise ValueError('negative seek position %r' % (cookie,))
        return self.buffer.seek(cookie, whence)

    def truncate(self, pos=None):
        self.flush()
        if pos is None:
            pos = self.tell()
        return self.buffer.truncate(pos)


for _cls in (FileIO, BufferedReader, BufferedWriter, BufferedRandom, TextIOWrapper):
    _cls.__module__ = '_io'
del _cls


def open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None,
         closefd=True, opener=None):
    """Open a file and return a stream (see the builtin open())."""
    if not isinstance(file, int):
        file = posix_fspath(file)
    if not isinstance(mode, str):
        raise TypeError("open() argument 'mode' must be str, not %s" % type(mode).__name__)
    if not isinstance(buffering, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(buffering).__name__)
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError("open() argument 'encoding' must be str or None, not %s" % type(encoding).__name__)
    if errors is not None and not isinstance(errors, str):
        raise TypeError("open() argument 'errors' must be str or None, not %s" % type(errors).__name__)
    modes = set(mode)
    if modes - set('axrwb+t') or len(mode) > len(modes):
        raise ValueError('invalid mode: %r' % mode)
    creating = 'x' in modes
    reading = 'r' in modes
    writing = 'w' in modes
    appending = 'a' in modes
    updating = '+' in modes
    text = 't' in modes
    binary = 'b' in modes
    if text and binary:
        raise ValueError("can't have text and binary mode at once")
    if creating + reading + writing + appending > 1:
        raise ValueError('must have exactly one of create/read/write/append mode')
    if not (creating or reading or writing or appending):
        raise ValueError('Must have exactly one of create/read/write/append mode and at most one plus')
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    if binary and errors is not None:
        raise ValueError("binary mode doesn't take an errors argument")
    if binary and newline is not None:
        raise ValueError("binary mode doesn't take a newline argument")
    if binary and buffering == 1:
        import warnings
        warnings.warn("line buffering (buffering=1) isn't supported in binary mode, "
                      "the default buffer size will be used", RuntimeWarning, 2)
    raw = FileIO(file, (creating and 'x' or '') + (reading and 'r' or '') +
                 (writing and 'w' or '') + (appending and 'a' or '') +
                 (updating and '+' or ''), closefd, opener=opener)
    result = raw
    try:
        line_buffering = False
        if buffering == 1 or buffering < 0 and raw.isatty():
            buffering = -1
            line_buffering = True
        if buffering < 0:
            buffering = raw._blksize
        if buffering == 0:
            if binary:
                return result
            raise ValueError("can't have unbuffered text I/O")
        if updating:
            buffer = BufferedRandom(raw, buffering)
        elif creating or writing or appending:
            buffer = BufferedWriter(raw, buffering)
        else:
            buffer = BufferedReader(raw, buffering)
        result = buffer
        if binary:
            return result
        text = TextIOWrapper(buffer, encoding, errors, newline, line_buffering)
        result = text
        text.mode = mode
        return result
    except:
        result.close()
        raise


def posix_fspath(file):
    if isinstance(file, (str, bytes)):
        return file
    fspath = getattr(type(file), '__fspath__', None)
    if fspath is None:
        raise TypeError('expected str, bytes or os.PathLike object, not %s' % type(file).__name__)
    path = fspath(file)
    if not isinstance(path, (str, bytes)):
        raise TypeError('expected %s.__fspath__() to return str or bytes, not %s'
                        % (type(file).__name__, type(path).__name__))
    return path
