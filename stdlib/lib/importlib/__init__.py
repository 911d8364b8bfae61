"""importlib: the import system's Python interface.

import_module() imports a module by (possibly relative) name, reload()
re-executes a module's source in its existing namespace, and
invalidate_caches() is provided for finders that keep caches (Egret's
own finder keeps none). importlib.util.find_spec and module_from_spec,
importlib.machinery.ModuleSpec and the loaders live in the submodules.
"""

import sys

__all__ = ['__import__', 'import_module', 'invalidate_caches', 'reload']

__import__ = __import__


def _resolve_name(name, package, level):
    """Resolve a relative module name to an absolute one."""
    bits = package.rsplit('.', level - 1)
    if len(bits) < level:
        raise ImportError('attempted relative import beyond top-level package')
    base = bits[0]
    return '{}.{}'.format(base, name) if name else base


def import_module(name, package=None):
    """Import a module.

    The 'package' argument is required when performing a relative import. It
    specifies the package to use as the anchor point from which to resolve the
    relative import to an absolute import.

    """
    level = 0
    if name.startswith('.'):
        if not package:
            raise TypeError("the 'package' argument is required to perform a "
                            f"relative import for {name!r}")
        for character in name:
            if character != '.':
                break
            level += 1
    if not isinstance(name, str):
        raise TypeError('module name must be str, not {}'.format(type(name)))
    if level:
        if not isinstance(package, str):
            raise TypeError('__package__ not set to a string')
        absolute = _resolve_name(name[level:], package, level)
    else:
        absolute = name
    if not absolute:
        raise ValueError('Empty module name')
    module = sys.modules.get(absolute)
    if module is not None:
        return module
    __import__(absolute)
    return sys.modules[absolute]


def invalidate_caches():
    """Call the invalidate_caches() method on all meta path finders stored in
    sys.meta_path (where implemented)."""
    for finder in getattr(sys, 'meta_path', ()):
        if hasattr(finder, 'invalidate_caches'):
            finder.invalidate_caches()


def reload(module):
    """Reload the module and return it.

    The module must have been successfully imported before.

    """
    import types
    if not isinstance(module, types.ModuleType):
        raise TypeError("reload() argument must be a module")
    try:
        name = module.__spec__.name
    except AttributeError:
        try:
            name = module.__name__
        except AttributeError:
            raise TypeError("reload() argument must be a module")

    if sys.modules.get(name) is not module:
        raise ImportError(f"module {name} not in sys.modules", name=name)
    import _egret_importlib
    parent_name = name.rpartition('.')[0]
    if parent_name and parent_name not in sys.modules:
        raise ImportError(f"parent {parent_name!r} not in sys.modules",
                          name=parent_name)
    if _egret_importlib.is_builtin(name):
        return module
    found = _egret_importlib.find_source(name)
    if found is None:
        raise ModuleNotFoundError(f"spec not found for the module {name!r}", name=name)
    source, filename, is_package = found
    if source is not None:
        _egret_importlib.exec_source(source, filename, module.__dict__)
    return sys.modules[name]
