"""Context variables (PEP 567), Egret's own pure-Python implementation.

A Context maps ContextVar objects to values. Setting a variable replaces
the current context's mapping with a new dict (copy on write), so
copy_context() can share the mapping and stays cheap. asyncio runs every
callback and task step inside a Context, as CPython does."""

__all__ = ('Context', 'ContextVar', 'Token', 'copy_context')

_NO_DEFAULT = object()
_new_object = object.__new__


class Context:
    """An immutable-looking mapping of context variables to values."""

    # No __slots__: plain instances are cheaper to create in Egret.

    def __init__(self):
        self._data = {}
        self._prev = None
        self._entered = False

    def run(self, callable, /, *args, **kwargs):
        """Call callable(*args, **kwargs) with this context as the current one."""
        global _current
        if self._entered:
            raise RuntimeError(
                f'cannot enter context: {self} is already entered')
        self._prev = _current
        self._entered = True
        _current = self
        try:
            return callable(*args, **kwargs)
        finally:
            _current = self._prev
            self._prev = None
            self._entered = False

    def copy(self):
        new = _new_object(Context)
        new._data = self._data
        new._prev = None
        new._entered = False
        return new

    def __getitem__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(
                f"a ContextVar key was expected, got {var!r}")
        return self._data[var]

    def __contains__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(
                f"a ContextVar key was expected, got {var!r}")
        return var in self._data

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def get(self, var, default=None):
        if not isinstance(var, ContextVar):
            raise TypeError(
                f"a ContextVar key was expected, got {var!r}")
        return self._data.get(var, default)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def __eq__(self, other):
        if not isinstance(other, Context):
            return NotImplemented
        return self._data == other._data

    __hash__ = None

    def __repr__(self):
        return f'<_contextvars.Context object at {id(self):#x}>'


_current = Context()


def copy_context():
    """A copy of the current context."""
    return _current.copy()


class ContextVar:
    """A variable whose value depends on the current Context."""

    __slots__ = ('_name', '_default', '__weakref__')

    def __init__(self, name, *, default=_NO_DEFAULT):
        if not isinstance(name, str):
            raise TypeError('context variable name must be a str')
        self._name = name
        self._default = default

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 'ContextVar' is not an acceptable base type")

    @property
    def name(self):
        return self._name

    def get(self, *args):
        """The value in the current context, else the default, else LookupError."""
        if len(args) > 1:
            raise TypeError(f'get expected at most 1 argument, got {len(args)}')
        data = _current._data
        if self in data:
            return data[self]
        if args:
            return args[0]
        if self._default is not _NO_DEFAULT:
            return self._default
        raise LookupError(self)

    def set(self, value):
        """Set the value in the current context; returns a Token for reset()."""
        ctx = _current
        data = ctx._data
        old_value = data.get(self, Token.MISSING)
        new_data = dict(data)
        new_data[self] = value
        ctx._data = new_data
        return Token(ctx, self, old_value)

    def reset(self, token):
        """Restore the value the variable had before the set() that made token."""
        if not isinstance(token, Token):
            raise TypeError(f"expected an instance of Token, got {token!r}")
        if token._used:
            raise RuntimeError(f"{token!r} has already been used once")
        if token._var is not self:
            raise ValueError(f"{token!r} was created by a different ContextVar")
        ctx = _current
        if token._ctx is not ctx:
            raise ValueError(f"{token!r} was created in a different Context")
        new_data = dict(ctx._data)
        if token._old_value is Token.MISSING:
            new_data.pop(self, None)
        else:
            new_data[self] = token._old_value
        ctx._data = new_data
        token._used = True

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)

    def __hash__(self):
        return object.__hash__(self)

    def __repr__(self):
        parts = [f'name={self._name!r}']
        if self._default is not _NO_DEFAULT:
            parts.append(f'default={self._default!r}')
        return f"<ContextVar {' '.join(parts)} at {id(self):#x}>"


class _Missing:
    def __repr__(self):
        return '<Token.MISSING>'


class Token:
    """Returned by ContextVar.set(); ContextVar.reset() takes it back."""

    __slots__ = ('_ctx', '_var', '_old_value', '_used')

    MISSING = _Missing()

    def __init__(self, ctx, var, old_value):
        self._ctx = ctx
        self._var = var
        self._old_value = old_value
        self._used = False

    @property
    def var(self):
        return self._var

    @property
    def old_value(self):
        return self._old_value

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)

    def __repr__(self):
        used = ' used' if self._used else ''
        return f'<Token{used} var={self._var!r} at {id(self):#x}>'
