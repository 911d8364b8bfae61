"""importlib.util: utility code for importers (find_spec,
module_from_spec, spec_from_loader, spec_from_file_location,
resolve_name, LazyLoader is not provided)."""

import sys
from importlib import _resolve_name
from importlib.machinery import ModuleSpec, BuiltinImporter, PathFinder, SourceFileLoader

MAGIC_NUMBER = (3531).to_bytes(2, 'little') + b'\r\n'


def resolve_name(name, package):
    """Resolve a relative module name to an absolute one."""
    if not name.startswith('.'):
        return name
    elif not package:
        raise ImportError(f'no package specified for {repr(name)} '
                          '(required for relative module names)')
    level = 0
    for character in name:
        if character != '.':
            break
        level += 1
    return _resolve_name(name[level:], package, level)


def _find_spec(name, path=None):
    for finder in getattr(sys, 'meta_path', None) or ():
        find = getattr(finder, 'find_spec', None)
        if find is not None:
            spec = find(name, path)
            if spec is not None:
                return spec
    spec = BuiltinImporter.find_spec(name)
    if spec is not None:
        return spec
    return PathFinder.find_spec(name, path)


def find_spec(name, package=None):
    """Return the spec for the specified module.

    First, sys.modules is checked to see if the module was already imported. If
    so, then sys.modules[name].__spec__ is returned. If that happens to be
    set to None, then ValueError is raised. If the module is not in
    sys.modules, then sys.meta_path is searched for a suitable spec with the
    value of 'path' given to the finders. None is returned if no spec could
    be found.

    If the name is for submodule (contains a dot), the parent module is
    automatically imported.

    The name and package arguments work the same as importlib.import_module().
    In other words, relative module names (with leading dots) work.

    """
    fullname = resolve_name(name, package) if name.startswith('.') else name
    if fullname not in sys.modules:
        parent_name = fullname.rpartition('.')[0]
        if parent_name:
            parent = __import__(parent_name, fromlist=['__path__'])
            try:
                parent_path = parent.__path__
            except AttributeError as e:
                raise ModuleNotFoundError(
                    f"__path__ attribute not found on {parent_name!r} "
                    f"while trying to find {fullname!r}", name=fullname) from e
        else:
            parent_path = None
        return _find_spec(fullname, parent_path)
    else:
        module = sys.modules[fullname]
        if module is None:
            return None
        try:
            spec = module.__spec__
        except AttributeError:
            raise ValueError('{}.__spec__ is not set'.format(name)) from None
        else:
            if spec is None:
                raise ValueError('{}.__spec__ is None'.format(name))
            return spec


def spec_from_loader(name, loader, *, origin=None, is_package=None):
    """Return a module spec based on various loader methods."""
    if origin is None:
        origin = getattr(loader, '_ORIGIN', None)
    if is_package is None and hasattr(loader, 'is_package'):
        try:
            is_package = loader.is_package(name)
        except ImportError:
            is_package = None
    return ModuleSpec(name, loader, origin=origin, is_package=is_package)


def spec_from_file_location(name, location=None, *, loader=None,
                            submodule_search_locations=None):
    """Return a module spec based on a file location."""
    if location is None:
        location = '<unknown>'
    location = str(location)
    if loader is None:
        loader = SourceFileLoader(name, location)
    spec = ModuleSpec(name, loader, origin=location)
    spec.has_location = True
    if submodule_search_locations is not None:
        spec.submodule_search_locations = list(submodule_search_locations)
    elif location.endswith('__init__.py'):
        spec.submodule_search_locations = [location.rpartition('/')[0]]
    return spec


def module_from_spec(spec):
    """Create a module based on the provided spec."""
    import types
    module = None
    if hasattr(spec.loader, 'create_module'):
        module = spec.loader.create_module(spec)
    elif hasattr(spec.loader, 'exec_module'):
        raise ImportError('loaders that define exec_module() '
                          'must also define create_module()')
    if module is None:
        try:
            module = types.ModuleType(spec.name)
        except TypeError:
            import _egret_importlib
            module = _egret_importlib.new_module(spec.name)
    try:
        module.__spec__ = spec
        module.__loader__ = spec.loader
        if spec.submodule_search_locations is not None:
            module.__path__ = spec.submodule_search_locations
            module.__package__ = spec.name
        else:
            module.__package__ = spec.parent
        if spec.has_location and spec.origin is not None:
            module.__file__ = spec.origin
    except (AttributeError, TypeError):
        pass
    return module


def source_hash(source_bytes):
    "Return the hash of *source_bytes* as used in hash-based pyc files."
    import hashlib
    return hashlib.blake2b(bytes(source_bytes), digest_size=8).digest()


def decode_source(source_bytes):
    """Decode bytes representing source code and return the string."""
    return bytes(source_bytes).decode('utf-8').replace('\r\n', '\n').replace('\r', '\n')
