"""Extract, format and print exceptions and stack traces, as CPython 3.12's
traceback module does (Egret's own implementation).

Entries that come from traceback objects are formatted by the
interpreter's own traceback printer (``_egret_traceback``), so their
position markers (``~~~^^^``) are exactly those of an uncaught exception;
exception groups are printed by it as well."""

import collections.abc
import itertools
import linecache
import sys

try:
    import _egret_traceback as _native
except ImportError:
    _native = None

__all__ = ['extract_stack', 'extract_tb', 'format_exception',
           'format_exception_only', 'format_list', 'format_stack',
           'format_tb', 'print_exc', 'format_exc', 'print_exception',
           'print_last', 'print_stack', 'print_tb', 'clear_frames',
           'FrameSummary', 'StackSummary', 'TracebackException',
           'walk_stack', 'walk_tb']

_RECURSIVE_CUTOFF = 3


def print_list(extracted_list, file=None):
    """Print the entries of extract_tb()/extract_stack() output."""
    if file is None:
        file = sys.stderr
    for item in StackSummary.from_list(extracted_list).format():
        print(item, file=file, end="")


def format_list(extracted_list):
    """Format a list of FrameSummary objects or 4-tuples, one string each."""
    return StackSummary.from_list(extracted_list).format()


def print_tb(tb, limit=None, file=None):
    print_list(extract_tb(tb, limit=limit), file=file)


def format_tb(tb, limit=None):
    return extract_tb(tb, limit=limit).format()


def extract_tb(tb, limit=None):
    """A StackSummary of the traceback's entries (outermost first)."""
    return StackSummary._extract_from_extended_frame_gen(
        _walk_tb_with_full_positions(tb), limit=limit)


_cause_message = (
    "\nThe above exception was the direct cause "
    "of the following exception:\n\n")

_context_message = (
    "\nDuring handling of the above exception, "
    "another exception occurred:\n\n")

_sentinel = object()


def _parse_value_tb(exc, value, tb):
    if (value is _sentinel) != (tb is _sentinel):
        raise ValueError("Both or neither of value and tb must be given")
    if value is tb is _sentinel:
        if exc is not None:
            if isinstance(exc, BaseException):
                return exc, exc.__traceback__
            raise TypeError(f'Exception expected for value, '
                            f'{type(exc).__name__} found')
        return None, None
    return value, tb


def print_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None,
                    file=None, chain=True):
    """Print an exception with its traceback (and chain) to file."""
    value, tb = _parse_value_tb(exc, value, tb)
    te = TracebackException(type(value), value, tb, limit=limit, compact=True)
    te.print(file=file, chain=chain)


def format_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None,
                     chain=True):
    """The lines print_exception() would print, as a list of strings."""
    value, tb = _parse_value_tb(exc, value, tb)
    te = TracebackException(type(value), value, tb, limit=limit, compact=True)
    return list(te.format(chain=chain))


def format_exception_only(exc, /, value=_sentinel):
    """The exception line(s) without the traceback."""
    if value is _sentinel:
        value = exc
    te = TracebackException(type(value), value, None, compact=True)
    return list(te.format_exception_only())


def _format_final_exc_line(etype, value):
    valuestr = _safe_string(value, 'exception')
    if value is None or not valuestr:
        line = "%s\n" % etype
    else:
        line = "%s: %s\n" % (etype, valuestr)
    return line


def _safe_string(value, what, func=str):
    try:
        return func(value)
    except:
        return f'<{what} {func.__name__}() failed>'


def _current_exception():
    exc = getattr(sys, 'exception', None)
    if exc is not None:
        return exc()
    return sys.exc_info()[1]


def print_exc(limit=None, file=None, chain=True):
    """print_exception() of the exception being handled."""
    print_exception(_current_exception(), limit=limit, file=file, chain=chain)


def format_exc(limit=None, chain=True):
    """format_exception() of the exception being handled, as one string."""
    return "".join(format_exception(_current_exception(), limit=limit, chain=chain))


def print_last(limit=None, file=None, chain=True):
    if not hasattr(sys, "last_exc") and not hasattr(sys, "last_type"):
        raise ValueError("no last exception")
    if hasattr(sys, "last_exc"):
        print_exception(sys.last_exc, limit=limit, file=file, chain=chain)
    else:
        print_exception(sys.last_type, sys.last_value, sys.last_traceback,
                        limit=limit, file=file, chain=chain)


def print_stack(f=None, limit=None, file=None):
    """Print the current call stack (or f's)."""
    if f is None:
        f = sys._getframe().f_back
    print_list(extract_stack(f, limit=limit), file=file)


def format_stack(f=None, limit=None):
    if f is None:
        f = sys._getframe().f_back
    return format_list(extract_stack(f, limit=limit))


def extract_stack(f=None, limit=None):
    """A StackSummary of the call stack, outermost first."""
    if f is None:
        f = sys._getframe().f_back
    stack = StackSummary.extract(walk_stack(f), limit=limit)
    stack.reverse()
    return stack


def clear_frames(tb):
    """Clear the locals of the traceback's frames (where supported)."""
    while tb is not None:
        frame = tb.tb_frame
        if frame is not None:
            clear = getattr(frame, 'clear', None)
            if clear is not None:
                try:
                    clear()
                except RuntimeError:
                    pass
        tb = tb.tb_next


class FrameSummary:
    """One frame of a stack summary: filename, lineno, name, line, and
    optionally locals and the column range."""

    __slots__ = ('filename', 'lineno', 'end_lineno', 'colno', 'end_colno',
                 'name', '_line', 'locals', '_entry_text')

    def __init__(self, filename, lineno, name, *, lookup_line=True,
                 locals=None, line=None,
                 end_lineno=None, colno=None, end_colno=None):
        self.filename = filename
        self.lineno = lineno
        self.end_lineno = lineno if end_lineno is None else end_lineno
        self.colno = colno
        self.end_colno = end_colno
        self.name = name
        self._line = line
        self._entry_text = None
        if lookup_line:
            self.line
        self.locals = {k: _safe_string(v, 'local', func=repr)
                       for k, v in locals.items()} if locals else None

    def __eq__(self, other):
        if isinstance(other, FrameSummary):
            return (self.filename == other.filename and
                    self.lineno == other.lineno and
                    self.name == other.name and
                    self.locals == other.locals)
        if isinstance(other, tuple):
            return (self.filename, self.lineno, self.name, self.line) == other
        return NotImplemented

    def __getitem__(self, pos):
        return (self.filename, self.lineno, self.name, self.line)[pos]

    def __iter__(self):
        return iter([self.filename, self.lineno, self.name, self.line])

    def __repr__(self):
        return "<FrameSummary file {filename}, line {lineno} in {name}>".format(
            filename=self.filename, lineno=self.lineno, name=self.name)

    def __len__(self):
        return 4

    @property
    def _original_line(self):
        self.line
        return self._line

    @property
    def line(self):
        if self._line is None:
            if self.lineno is None:
                return None
            self._line = linecache.getline(self.filename, self.lineno)
        return self._line.strip()


def walk_stack(f):
    """Yield (frame, lineno) from f outwards."""
    if f is None:
        f = sys._getframe().f_back.f_back.f_back.f_back
    while f is not None:
        yield f, f.f_lineno
        f = f.f_back


def walk_tb(tb):
    """Yield (frame, lineno) for each traceback entry."""
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


class _TbEntry:
    """What extract_tb needs of one traceback entry when no frame object
    is at hand: the code's filename and name, positions, formatted text."""

    __slots__ = ('filename', 'name', 'text', 'frame')

    def __init__(self, filename, name, text, frame):
        self.filename = filename
        self.name = name
        self.text = text
        self.frame = frame


def _walk_tb_with_full_positions(tb):
    while tb is not None:
        if _native is not None:
            filename, name, lineno, end_lineno, colno, end_colno, text = _native.tb_entry(tb)
            entry = _TbEntry(filename, name, text, tb.tb_frame)
            yield entry, (lineno, end_lineno, colno, end_colno)
        else:
            yield tb.tb_frame, (tb.tb_lineno, None, None, None)
        tb = tb.tb_next


def _get_code_position_from_tb(tb):
    if _native is not None:
        return _native.tb_entry(tb)[2:6]
    return (tb.tb_lineno, None, None, None)


class StackSummary(list):
    """A list of FrameSummary objects, ready for formatting."""

    @classmethod
    def extract(klass, frame_gen, *, limit=None, lookup_lines=True,
                capture_locals=False):
        def extended_frame_gen():
            for f, lineno in frame_gen:
                yield f, (lineno, None, None, None)
        return klass._extract_from_extended_frame_gen(
            extended_frame_gen(), limit=limit, lookup_lines=lookup_lines,
            capture_locals=capture_locals)

    @classmethod
    def _extract_from_extended_frame_gen(klass, frame_gen, *, limit=None,
                                         lookup_lines=True, capture_locals=False):
        if limit is None:
            limit = getattr(sys, 'tracebacklimit', None)
            if limit is not None and limit < 0:
                limit = 0
        if limit is not None:
            if limit >= 0:
                frame_gen = itertools.islice(frame_gen, limit)
            else:
                frame_gen = collections.deque(frame_gen, maxlen=-limit)
        result = klass()
        fnames = set()
        for f, (lineno, end_lineno, colno, end_colno) in frame_gen:
            entry_text = None
            if isinstance(f, _TbEntry):
                filename = f.filename
                name = f.name
                entry_text = f.text
                frame = f.frame
            else:
                co = f.f_code
                filename = co.co_filename
                name = co.co_name
                frame = f
            fnames.add(filename)
            linecache.lazycache(filename, getattr(frame, 'f_globals', None))
            if capture_locals and frame is not None:
                f_locals = frame.f_locals
            else:
                f_locals = None
            fs = FrameSummary(filename, lineno, name, lookup_line=False,
                              locals=f_locals, end_lineno=end_lineno,
                              colno=colno, end_colno=end_colno)
            fs._entry_text = entry_text
            result.append(fs)
        for filename in fnames:
            linecache.checkcache(filename)
        if lookup_lines:
            for f in result:
                f.line
        return result

    @classmethod
    def from_list(klass, a_list):
        """A StackSummary from FrameSummary objects or 4-tuples."""
        result = StackSummary()
        for frame in a_list:
            if isinstance(frame, FrameSummary):
                result.append(frame)
            else:
                filename, lineno, name, line = frame
                result.append(FrameSummary(filename, lineno, name, line=line))
        return result

    def format_frame_summary(self, frame_summary):
        """One entry: the File line, the source line and position markers."""
        if frame_summary._entry_text is not None and not frame_summary.locals:
            return frame_summary._entry_text
        row = []
        row.append('  File "{}", line {}, in {}\n'.format(
            frame_summary.filename, frame_summary.lineno, frame_summary.name))
        if frame_summary.line:
            stripped_line = frame_summary.line.strip()
            row.append('    {}\n'.format(stripped_line))
            line = frame_summary._original_line
            orig_line_len = len(line)
            frame_line_len = len(frame_summary.line.lstrip())
            stripped_characters = orig_line_len - frame_line_len
            if (frame_summary.colno is not None and
                    frame_summary.end_colno is not None):
                start_offset = _byte_offset_to_character_offset(line, frame_summary.colno)
                end_offset = _byte_offset_to_character_offset(line, frame_summary.end_colno)
                if frame_summary.lineno != frame_summary.end_lineno:
                    end_offset = len(line.rstrip())
                if end_offset - start_offset < len(stripped_line):
                    row.append('    ')
                    row.append(' ' * (start_offset - stripped_characters))
                    row.append('^' * (end_offset - start_offset))
                    row.append('\n')
        if frame_summary.locals:
            for name, value in sorted(frame_summary.locals.items()):
                row.append('    {name} = {value}\n'.format(name=name, value=value))
        return ''.join(row)

    def format(self):
        """The entries as strings, recursion folded after three repeats."""
        result = []
        last_file = None
        last_line = None
        last_name = None
        count = 0
        for frame_summary in self:
            formatted_frame = self.format_frame_summary(frame_summary)
            if formatted_frame is None:
                continue
            if (last_file is None or last_file != frame_summary.filename or
                    last_line is None or last_line != frame_summary.lineno or
                    last_name is None or last_name != frame_summary.name):
                if count > _RECURSIVE_CUTOFF:
                    count -= _RECURSIVE_CUTOFF
                    result.append(
                        f'  [Previous line repeated {count} more '
                        f'time{"s" if count > 1 else ""}]\n'
                    )
                last_file = frame_summary.filename
                last_line = frame_summary.lineno
                last_name = frame_summary.name
                count = 0
            count += 1
            if count > _RECURSIVE_CUTOFF:
                continue
            result.append(formatted_frame)
        if count > _RECURSIVE_CUTOFF:
            count -= _RECURSIVE_CUTOFF
            result.append(
                f'  [Previous line repeated {count} more '
                f'time{"s" if count > 1 else ""}]\n'
            )
        return result


def _byte_offset_to_character_offset(str, offset):
    as_utf8 = str.encode('utf-8')
    return len(as_utf8[:offset].decode("utf-8", errors="replace"))


class _ExceptionPrintContext:
    def __init__(self):
        self.seen = set()
        self.exception_group_depth = 0
        self.need_close = False

    def indent(self):
        return ' ' * (2 * self.exception_group_depth)

    def emit(self, text_gen, margin_char=None):
        if margin_char is None:
            margin_char = '|'
        indent_str = self.indent()
        if self.exception_group_depth:
            indent_str += margin_char + ' '
        if isinstance(text_gen, str):
            yield _indent_lines(text_gen, indent_str)
        else:
            for text in text_gen:
                yield _indent_lines(text, indent_str)


def _indent_lines(text, prefix):
    return ''.join(prefix + line for line in text.splitlines(True))


class TracebackException:
    """An exception captured for later formatting: its type, string,
    stack summary, notes, and the cause/context chain."""

    def __init__(self, exc_type, exc_value, exc_traceback, *, limit=None,
                 lookup_lines=True, capture_locals=False, compact=False,
                 max_group_width=15, max_group_depth=10, _seen=None):
        is_recursive_call = _seen is not None
        if _seen is None:
            _seen = set()
        _seen.add(id(exc_value))
        self.max_group_width = max_group_width
        self.max_group_depth = max_group_depth
        self._exc_value = exc_value
        self.stack = StackSummary._extract_from_extended_frame_gen(
            _walk_tb_with_full_positions(exc_traceback),
            limit=limit, lookup_lines=lookup_lines,
            capture_locals=capture_locals)
        self.exc_type = exc_type
        self._str = _safe_string(exc_value, 'exception')
        try:
            self.__notes__ = getattr(exc_value, '__notes__', None)
        except Exception as e:
            self.__notes__ = [
                f'Ignored error getting __notes__: {_safe_string(e, "__notes__", repr)}']
        if exc_type and issubclass(exc_type, SyntaxError):
            self.filename = exc_value.filename
            lno = exc_value.lineno
            self.lineno = str(lno) if lno is not None else None
            end_lno = exc_value.end_lineno
            self.end_lineno = str(end_lno) if end_lno is not None else None
            self.text = exc_value.text
            self.offset = exc_value.offset
            self.end_offset = exc_value.end_offset
            self.msg = exc_value.msg
        if lookup_lines:
            self._load_lines()
        self.__suppress_context__ = \
            exc_value.__suppress_context__ if exc_value is not None else False

        queue = [(self, exc_value)]
        while queue:
            te, e = queue.pop()
            if (e and e.__cause__ is not None
                    and id(e.__cause__) not in _seen):
                cause = TracebackException(
                    type(e.__cause__), e.__cause__, e.__cause__.__traceback__,
                    limit=limit, lookup_lines=lookup_lines,
                    capture_locals=capture_locals,
                    max_group_width=max_group_width,
                    max_group_depth=max_group_depth, _seen=_seen)
            else:
                cause = None
            if compact:
                need_context = (cause is None and e is not None and
                                not e.__suppress_context__)
            else:
                need_context = True
            if (e and e.__context__ is not None
                    and need_context and id(e.__context__) not in _seen):
                context = TracebackException(
                    type(e.__context__), e.__context__, e.__context__.__traceback__,
                    limit=limit, lookup_lines=lookup_lines,
                    capture_locals=capture_locals,
                    max_group_width=max_group_width,
                    max_group_depth=max_group_depth, _seen=_seen)
            else:
                context = None
            if e and isinstance(e, BaseExceptionGroup):
                exceptions = []
                for exc in e.exceptions:
                    texc = TracebackException(
                        type(exc), exc, exc.__traceback__,
                        limit=limit, lookup_lines=lookup_lines,
                        capture_locals=capture_locals,
                        max_group_width=max_group_width,
                        max_group_depth=max_group_depth, _seen=_seen)
                    exceptions.append(texc)
            else:
                exceptions = None
            te.__cause__ = cause
            te.__context__ = context
            te.exceptions = exceptions
            if cause:
                queue.append((te.__cause__, e.__cause__))
            if context:
                queue.append((te.__context__, e.__context__))
            if exceptions:
                queue.extend(zip(te.exceptions, e.exceptions))

    @classmethod
    def from_exception(cls, exc, *args, **kwargs):
        return cls(type(exc), exc, exc.__traceback__, *args, **kwargs)

    @property
    def exc_type_str(self):
        return self._format_type()

    def _load_lines(self):
        for frame in self.stack:
            frame.line

    def __eq__(self, other):
        if isinstance(other, TracebackException):
            return self.__dict__ == other.__dict__
        return NotImplemented

    def __str__(self):
        return self._str

    def _format_type(self):
        if self.exc_type is None:
            return None
        stype = self.exc_type.__qualname__
        smod = self.exc_type.__module__
        if smod not in ("__main__", "builtins"):
            if not isinstance(smod, str):
                smod = "<unknown>"
            stype = smod + '.' + stype
        return stype

    def format_exception_only(self):
        """The exception line(s) (and notes), one string per line."""
        if self.exc_type is None:
            yield _format_final_exc_line(None, self._str)
            return
        stype = self._format_type()
        if not issubclass(self.exc_type, SyntaxError):
            yield _format_final_exc_line(stype, self._str)
        elif _native is not None and isinstance(self._exc_value, SyntaxError):
            # The interpreter's printer (notes included), as for an uncaught error.
            yield from _native.format_exception_only(self._exc_value).splitlines(True)
            return
        else:
            yield from self._format_syntax_error(stype)
        if isinstance(self.__notes__, collections.abc.Sequence):
            for note in self.__notes__:
                note = _safe_string(note, 'note')
                yield from [l + '\n' for l in note.split('\n')]
        elif self.__notes__ is not None:
            yield "{}\n".format(_safe_string(self.__notes__, '__notes__', func=repr))

    def _format_syntax_error(self, stype):
        filename_suffix = ''
        if self.lineno is not None:
            yield '  File "{}", line {}\n'.format(
                self.filename or "<string>", self.lineno)
        elif self.filename is not None:
            filename_suffix = ' ({})'.format(self.filename)
        text = self.text
        if text is not None:
            rtext = text.rstrip('\n')
            ltext = rtext.lstrip(' \n\f')
            spaces = len(rtext) - len(ltext)
            yield '    {}\n'.format(ltext)
            if self.offset is not None:
                offset = self.offset
                end_offset = self.end_offset if self.end_offset not in {None, 0} else offset
                if offset == end_offset or end_offset == -1:
                    end_offset = offset + 1
                colno = offset - 1 - spaces
                end_colno = end_offset - 1 - spaces
                if colno >= 0:
                    caretspace = ((c if c.isspace() else ' ') for c in ltext[:colno])
                    yield '    {}{}\n'.format("".join(caretspace), ('^' * (end_colno - colno)))
        msg = self.msg or "<no detail available>"
        yield "{}: {}{}\n".format(stype, msg, filename_suffix)

    def format(self, *, chain=True, _ctx=None):
        """The whole report (chain, tracebacks, exception lines) as strings;
        exception groups are drawn as CPython's nested boxes."""
        if _ctx is None:
            _ctx = _ExceptionPrintContext()
        output = []
        exc = self
        if chain:
            while exc:
                if exc.__cause__ is not None:
                    chained_msg = _cause_message
                    chained_exc = exc.__cause__
                elif (exc.__context__ is not None and
                      not exc.__suppress_context__):
                    chained_msg = _context_message
                    chained_exc = exc.__context__
                else:
                    chained_msg = None
                    chained_exc = None
                output.append((chained_msg, exc))
                exc = chained_exc
        else:
            output.append((None, exc))
        for msg, exc in reversed(output):
            if msg is not None:
                yield from _ctx.emit(msg)
            if exc.exceptions is None:
                if exc.stack:
                    yield from _ctx.emit('Traceback (most recent call last):\n')
                    yield from _ctx.emit(exc.stack.format())
                yield from _ctx.emit(exc.format_exception_only())
            elif _ctx.exception_group_depth > self.max_group_depth:
                yield from _ctx.emit(
                    f"... (max_group_depth is {self.max_group_depth})\n")
            else:
                yield from exc._format_group(chain, _ctx)

    def _format_group(self, chain, _ctx):
        is_toplevel = _ctx.exception_group_depth == 0
        if is_toplevel:
            _ctx.exception_group_depth += 1
        if self.stack:
            yield from _ctx.emit(
                'Exception Group Traceback (most recent call last):\n',
                margin_char='+' if is_toplevel else None)
            yield from _ctx.emit(self.stack.format())
        yield from _ctx.emit(self.format_exception_only())
        count = len(self.exceptions)
        shown = count if count <= self.max_group_width else self.max_group_width + 1
        _ctx.need_close = False
        for i in range(shown):
            last = i == shown - 1
            if last:
                _ctx.need_close = True
            truncated = i >= self.max_group_width
            title = '...' if truncated else f'{i + 1}'
            yield (_ctx.indent() + ('+-' if i == 0 else '  ') +
                   f'+---------------- {title} ----------------\n')
            _ctx.exception_group_depth += 1
            if not truncated:
                yield from self.exceptions[i].format(chain=chain, _ctx=_ctx)
            else:
                remaining = count - self.max_group_width
                plural = 's' if remaining > 1 else ''
                yield from _ctx.emit(f"and {remaining} more exception{plural}\n")
            if last and _ctx.need_close:
                yield _ctx.indent() + "+------------------------------------\n"
                _ctx.need_close = False
            _ctx.exception_group_depth -= 1
        if is_toplevel:
            _ctx.exception_group_depth = 0

    def print(self, *, file=None, chain=True):
        """Print the report to file (default: sys.stderr)."""
        if file is None:
            file = sys.stderr
        for line in self.format(chain=chain):
            print(line, file=file, end="")
