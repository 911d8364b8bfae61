"""importlib.machinery: module specs and the loaders of Egret's import
system (BuiltinImporter for native modules, SourceFileLoader for Python
source on sys.path or in the embedded library)."""

import sys

SOURCE_SUFFIXES = ['.py']
BYTECODE_SUFFIXES = ['.pyc']
DEBUG_BYTECODE_SUFFIXES = BYTECODE_SUFFIXES
OPTIMIZED_BYTECODE_SUFFIXES = BYTECODE_SUFFIXES
EXTENSION_SUFFIXES = []


def all_suffixes():
    """Returns a list of all recognized module suffixes for this process"""
    return SOURCE_SUFFIXES + BYTECODE_SUFFIXES + EXTENSION_SUFFIXES


class ModuleSpec:
    """The specification for a module, used for loading.

    A module's spec is the source for information about the module.  For
    data associated with the module, including source, use the spec's
    loader.
    """

    def __init__(self, name, loader, *, origin=None, loader_state=None,
                 is_package=None):
        self.name = name
        self.loader = loader
        self.origin = origin
        self.loader_state = loader_state
        self.submodule_search_locations = [] if is_package else None
        self._uninitialized_submodules = []
        self._set_fileattr = False
        self._cached = None

    def __repr__(self):
        args = [f'name={self.name!r}', f'loader={self.loader!r}']
        if self.origin is not None:
            args.append(f'origin={self.origin!r}')
        if self.submodule_search_locations is not None:
            args.append(f'submodule_search_locations={self.submodule_search_locations}')
        return f'{self.__class__.__name__}({", ".join(args)})'

    def __eq__(self, other):
        smsl = self.submodule_search_locations
        try:
            return (self.name == other.name and
                    self.loader == other.loader and
                    self.origin == other.origin and
                    smsl == other.submodule_search_locations and
                    self.cached == other.cached and
                    self.has_location == other.has_location)
        except AttributeError:
            return NotImplemented

    @property
    def cached(self):
        return self._cached

    @cached.setter
    def cached(self, cached):
        self._cached = cached

    @property
    def parent(self):
        """The name of the module's parent."""
        if self.submodule_search_locations is None:
            return self.name.rpartition('.')[0]
        else:
            return self.name

    @property
    def has_location(self):
        return self._set_fileattr

    @has_location.setter
    def has_location(self, value):
        self._set_fileattr = bool(value)


class BuiltinImporter:
    """Meta path import for built-in (native) modules."""

    _ORIGIN = "built-in"

    def __repr__(self):
        return "<class '_frozen_importlib.BuiltinImporter'>"

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        import _egret_importlib
        if _egret_importlib.is_builtin(fullname):
            return ModuleSpec(fullname, cls, origin=cls._ORIGIN)
        return None

    @staticmethod
    def create_module(spec):
        import _egret_importlib
        if not _egret_importlib.is_builtin(spec.name):
            raise ImportError(f'{spec.name!r} is not a built-in module', name=spec.name)
        return _egret_importlib.init_builtin(spec.name)

    @staticmethod
    def exec_module(module):
        pass

    @classmethod
    def is_package(cls, fullname):
        return False

    @classmethod
    def get_code(cls, fullname):
        return None

    @classmethod
    def get_source(cls, fullname):
        return None


class SourceFileLoader:
    """Loader for Python source (a file, or a module of the embedded library)."""

    def __init__(self, fullname, path, source=None, is_package=False):
        self.name = fullname
        self.path = path
        self._source = source
        self._is_package = is_package

    def __eq__(self, other):
        return (self.__class__ == other.__class__ and
                self.__dict__ == other.__dict__)

    def __hash__(self):
        return hash(self.name) ^ hash(self.path)

    def __repr__(self):
        return f'<{type(self).__module__}.{type(self).__name__} object at {id(self):#x}>'

    def get_filename(self, name=None):
        return self.path

    def is_package(self, fullname):
        return self._is_package

    def get_source(self, fullname):
        if self._source is None:
            with open(self.path, encoding='utf-8') as f:
                self._source = f.read()
        return self._source

    def get_data(self, path):
        with open(path, 'rb') as f:
            return f.read()

    def get_code(self, fullname):
        return compile(self.get_source(fullname), self.path, 'exec', dont_inherit=True)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        import _egret_importlib
        _egret_importlib.exec_source(self.get_source(self.name), self.path, module.__dict__)

    def load_module(self, fullname):
        import types
        module = sys.modules.get(fullname)
        if module is None:
            module = types.ModuleType(fullname)
            sys.modules[fullname] = module
        module.__file__ = self.path
        module.__loader__ = self
        self.exec_module(module)
        return sys.modules[fullname]


class PathFinder:
    """Finder for modules on sys.path (and the embedded library)."""

    @classmethod
    def invalidate_caches(cls):
        pass

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        import _egret_importlib
        found = _egret_importlib.find_source(fullname)
        if found is None:
            return None
        source, filename, is_package = found
        if source is None:
            spec = ModuleSpec(fullname, None, is_package=True)
            return spec
        loader = SourceFileLoader(fullname, filename, source, is_package)
        spec = ModuleSpec(fullname, loader, origin=filename, is_package=is_package)
        spec.has_location = True
        if is_package:
            spec.submodule_search_locations = [filename.rpartition('/')[0]]
        return spec


FileFinder = PathFinder
SourcelessFileLoader = SourceFileLoader
FrozenImporter = BuiltinImporter
