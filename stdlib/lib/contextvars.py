"""Context variables (PEP 567).

The classes are native (`_contextvars`, stdlib/src/contextvars_native.rs),
as in CPython: Context.run() calls the callable with no Python frame of its
own, which asyncio does for every callback and task step."""

from _contextvars import Context, ContextVar, Token, copy_context

__all__ = ('Context', 'ContextVar', 'Token', 'copy_context')
