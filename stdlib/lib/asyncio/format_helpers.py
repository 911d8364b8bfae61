"""Formatting of callbacks for reprs and error messages (Egret's own implementation)."""

import functools


def short_repr(obj, limit=20):
    """repr() shortened the way reprlib.repr shortens long reprs."""
    if isinstance(obj, str):
        s = repr(obj[:limit + 10])
        if len(s) > 30:
            i = max(0, (30 - 3) // 2)
            j = max(0, 30 - 3 - i)
            s = repr(obj[:i] + obj[len(obj) - j:])
            s = s[:i] + '...' + s[len(s) - j:]
        return s
    try:
        s = repr(obj)
    except Exception:
        return '<%s instance at %#x>' % (type(obj).__name__, id(obj))
    if len(s) > 30:
        i = max(0, (30 - 3) // 2)
        j = max(0, 30 - 3 - i)
        s = s[:i] + '...' + s[len(s) - j:]
    return s


def _format_args_and_kwargs(args, kwargs):
    items = []
    if args:
        items.extend(short_repr(arg) for arg in args)
    if kwargs:
        items.extend(f'{k}={short_repr(v)}' for k, v in kwargs.items())
    return '(' + ', '.join(items) + ')'


def _format_callback(func, args, kwargs, suffix=''):
    if isinstance(func, functools.partial):
        suffix = _format_args_and_kwargs(args, kwargs) + suffix
        return _format_callback(func.func, func.args, func.keywords, suffix)
    if hasattr(func, '__qualname__') and func.__qualname__:
        func_repr = func.__qualname__
    elif hasattr(func, '__name__') and func.__name__:
        func_repr = func.__name__
    else:
        func_repr = repr(func)
    func_repr += _format_args_and_kwargs(args, kwargs)
    if suffix:
        func_repr += suffix
    return func_repr


def _format_callback_source(func, args):
    func_repr = _format_callback(func, args, None)
    if getattr(func, '_asyncio_native', False):
        return func_repr
    code = getattr(func, '__code__', None)
    if code is None:
        f = getattr(func, '__func__', None)
        code = getattr(f, '__code__', None)
    if code is not None:
        func_repr += f' at {code.co_filename}:{code.co_firstlineno}'
    return func_repr
