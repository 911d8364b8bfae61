"""Coroutine predicates used by asyncio (Egret's own implementation)."""

__all__ = ('iscoroutinefunction', 'iscoroutine')

import collections.abc
import inspect
import types

_is_coroutine = object()


def iscoroutinefunction(func):
    """True if func is a coroutine function (also through partial/methods)."""
    return (inspect.iscoroutinefunction(func) or
            getattr(func, '_is_coroutine', None) is _is_coroutine)


_COROUTINE_TYPES = (types.CoroutineType, collections.abc.Coroutine)
_iscoroutine_typecache = set()


def iscoroutine(obj):
    """True if obj is a coroutine object."""
    if type(obj) in _iscoroutine_typecache:
        return True
    if isinstance(obj, _COROUTINE_TYPES):
        if len(_iscoroutine_typecache) < 100:
            _iscoroutine_typecache.add(type(obj))
        return True
    return False


def _format_coroutine(coro):
    name = getattr(coro, '__qualname__', None) or getattr(coro, '__name__', None) \
        or type(coro).__name__
    code = getattr(coro, 'cr_code', None) or getattr(coro, 'gi_code', None)
    frame = getattr(coro, 'cr_frame', None)
    if frame is None:
        frame = getattr(coro, 'gi_frame', None)
    filename, lineno = '<empty co_filename>', 0
    if frame is not None:
        try:
            filename = frame.f_code.co_filename
            lineno = frame.f_lineno
        except AttributeError:
            pass
        # A coroutine that has not started yet is "at" its def line.
        if (code is not None and not getattr(coro, 'cr_running', True)
                and getattr(coro, 'cr_suspended', True) is False):
            lineno = code.co_firstlineno
    elif code is not None:
        filename = code.co_filename
        lineno = code.co_firstlineno
    if frame is None:
        return f'{name}() done, defined at {filename}:{lineno}'
    return f'{name}() running at {filename}:{lineno}'
