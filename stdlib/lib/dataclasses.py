"""Egret's dataclasses module.

Written for Egret from the documented behaviour of CPython 3.12's
dataclasses (generated signatures, reprs and error messages match CPython
3.12.1).  ``@dataclass`` collects the annotated fields of a class and its
dataclass bases, then generates ``__init__``, ``__repr__``, ``__eq__``, the
ordering methods, ``__hash__`` and the frozen ``__setattr__``/``__delattr__``
from source text with ``exec``, so argument errors read exactly like those of
a hand-written method.
"""

import sys
import copy as _copy
from types import MappingProxyType as _MappingProxyType

__all__ = ['dataclass', 'field', 'Field', 'FrozenInstanceError', 'InitVar',
           'KW_ONLY', 'MISSING', 'fields', 'asdict', 'astuple',
           'make_dataclass', 'replace', 'is_dataclass']


class FrozenInstanceError(AttributeError):
    pass


class _HAS_DEFAULT_FACTORY_CLASS:
    def __repr__(self):
        return '<factory>'


_HAS_DEFAULT_FACTORY = _HAS_DEFAULT_FACTORY_CLASS()


class _MISSING_TYPE:
    pass


MISSING = _MISSING_TYPE()


class _KW_ONLY_TYPE:
    pass


KW_ONLY = _KW_ONLY_TYPE()

_EMPTY_METADATA = _MappingProxyType({})


class _FIELD_BASE:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


_FIELD = _FIELD_BASE('_FIELD')
_FIELD_CLASSVAR = _FIELD_BASE('_FIELD_CLASSVAR')
_FIELD_INITVAR = _FIELD_BASE('_FIELD_INITVAR')

_FIELDS = '__dataclass_fields__'
_PARAMS = '__dataclass_params__'
_POST_INIT_NAME = '__post_init__'


class InitVar:
    __slots__ = ('type',)

    def __init__(self, type):
        self.type = type

    def __repr__(self):
        if isinstance(self.type, type):
            type_name = self.type.__name__
        else:
            type_name = repr(self.type)
        return 'dataclasses.InitVar[%s]' % (type_name,)

    def __class_getitem__(cls, type):
        return InitVar(type)


class Field:
    __slots__ = ('name', 'type', 'default', 'default_factory', 'repr', 'hash',
                 'init', 'compare', 'metadata', 'kw_only', '_field_type')

    def __init__(self, default, default_factory, init, repr, hash, compare,
                 metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        if metadata is None:
            self.metadata = _EMPTY_METADATA
        else:
            self.metadata = _MappingProxyType(metadata)
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return ('Field('
                'name=%r,type=%r,default=%r,default_factory=%r,init=%r,'
                'repr=%r,hash=%r,compare=%r,metadata=%r,kw_only=%r,'
                '_field_type=%s)' % (
                    self.name, self.type, self.default, self.default_factory,
                    self.init, self.repr, self.hash, self.compare,
                    self.metadata, self.kw_only, self._field_type))

    def __set_name__(self, owner, name):
        func = getattr(type(self.default), '__set_name__', None)
        if func is not None:
            func(self.default, owner, name)


class _DataclassParams:
    __slots__ = ('init', 'repr', 'eq', 'order', 'unsafe_hash', 'frozen',
                 'match_args', 'kw_only', 'slots', 'weakref_slot')

    def __init__(self, init, repr, eq, order, unsafe_hash, frozen,
                 match_args, kw_only, slots, weakref_slot):
        self.init = init
        self.repr = repr
        self.eq = eq
        self.order = order
        self.unsafe_hash = unsafe_hash
        self.frozen = frozen
        self.match_args = match_args
        self.kw_only = kw_only
        self.slots = slots
        self.weakref_slot = weakref_slot

    def __repr__(self):
        return '_DataclassParams(' + ','.join(
            '%s=%r' % (name, getattr(self, name)) for name in self.__slots__) + ')'


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
          hash=None, compare=True, metadata=None, kw_only=MISSING):
    """Return an object to identify dataclass fields."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare,
                 metadata, kw_only)


def _fields_in_init_order(fields):
    return (tuple(f for f in fields if f.init and not f.kw_only),
            tuple(f for f in fields if f.init and f.kw_only))


def _tuple_text(obj_name, fields):
    if not fields:
        return '()'
    return '(' + ''.join('%s.%s,' % (obj_name, f.name) for f in fields) + ')'


def _make_function(name, params, body, namespace, qualname_owner,
                   return_annotation=MISSING):
    """Build one method from source text; names it ``Owner.name``."""
    text = 'def %s(%s)' % (name, ', '.join(params))
    if return_annotation is not MISSING:
        text += ' -> __dataclass_return_type__'
        namespace['__dataclass_return_type__'] = return_annotation
    text += ':\n' + ''.join('  %s\n' % line for line in (body or ['pass']))
    exec(text, namespace)
    fn = namespace[name]
    fn.__qualname__ = '%s.%s' % (qualname_owner.__qualname__, name)
    return fn


def _set_new_attribute(cls, name, value):
    if name in cls.__dict__:
        return True
    setattr(cls, name, value)
    return False


def _base_namespace():
    return {'__builtins__': __builtins__,
            '__dataclass_builtins_object__': object,
            '__dataclass_HAS_DEFAULT_FACTORY__': _HAS_DEFAULT_FACTORY,
            'MISSING': MISSING}


def _field_assign(frozen, name, value, self_name):
    if frozen:
        return ('__dataclass_builtins_object__.__setattr__(%s,%r,%s)'
                % (self_name, name, value))
    return '%s.%s=%s' % (self_name, name, value)


def _field_init(f, frozen, namespace, self_name, slots):
    default_name = '__dataclass_dflt_%s__' % (f.name,)
    if f.default_factory is not MISSING:
        namespace[default_name] = f.default_factory
        if f.init:
            value = ('%s() if %s is __dataclass_HAS_DEFAULT_FACTORY__ else %s'
                     % (default_name, f.name, f.name))
        else:
            value = '%s()' % (default_name,)
    elif f.init:
        if f.default is not MISSING:
            namespace[default_name] = f.default
        value = f.name
    elif slots and f.default is not MISSING:
        namespace[default_name] = f.default
        value = default_name
    else:
        return None
    if f._field_type is _FIELD_INITVAR:
        return None
    return _field_assign(frozen, f.name, value, self_name)


def _init_param(f):
    if f.default is MISSING and f.default_factory is MISSING:
        default = ''
    elif f.default is not MISSING:
        default = '=__dataclass_dflt_%s__' % (f.name,)
    else:
        default = '=__dataclass_HAS_DEFAULT_FACTORY__'
    return '%s:__dataclass_type_%s__%s' % (f.name, f.name, default)


def _make_init(cls, fields, std_fields, kw_only_fields, frozen,
               has_post_init, self_name, slots):
    seen_default = False
    for f in std_fields:
        if f.init:
            if not (f.default is MISSING and f.default_factory is MISSING):
                seen_default = True
            elif seen_default:
                raise TypeError('non-default argument %r follows default argument'
                                % (f.name,))
    namespace = _base_namespace()
    for f in fields:
        namespace['__dataclass_type_%s__' % (f.name,)] = f.type
    body = []
    for f in fields:
        line = _field_init(f, frozen, namespace, self_name, slots)
        if line:
            body.append(line)
    if has_post_init:
        args = ','.join(f.name for f in fields if f._field_type is _FIELD_INITVAR)
        body.append('%s.%s(%s)' % (self_name, _POST_INIT_NAME, args))
    params = [self_name] + [_init_param(f) for f in std_fields]
    if kw_only_fields:
        params += ['*'] + [_init_param(f) for f in kw_only_fields]
    return _make_function('__init__', params, body, namespace, cls,
                          return_annotation=None)


def _recursive_repr(user_function):
    running = set()

    def wrapper(self):
        key = id(self)
        if key in running:
            return '...'
        running.add(key)
        try:
            return user_function(self)
        finally:
            running.discard(key)
    wrapper.__name__ = user_function.__name__
    wrapper.__qualname__ = user_function.__qualname__
    wrapper.__doc__ = user_function.__doc__
    wrapper.__wrapped__ = user_function
    return wrapper


def _make_repr(cls, fields):
    parts = ', '.join('%s={self.%s!r}' % (f.name, f.name) for f in fields)
    body = ['return f"{self.__class__.__qualname__}(%s)"' % (parts,)]
    return _recursive_repr(_make_function('__repr__', ['self'], body,
                                          _base_namespace(), cls))


def _make_frozen_methods(cls, fields):
    namespace = _base_namespace()
    namespace['cls'] = cls
    namespace['FrozenInstanceError'] = FrozenInstanceError
    names = '(' + ''.join('%r,' % (f.name,) for f in fields) + ')'
    condition = 'type(self) is cls'
    if fields:
        condition += ' or name in ' + names
    setter = _make_function('__setattr__', ['self', 'name', 'value'], [
        'if %s:' % (condition,),
        ' raise FrozenInstanceError(f"cannot assign to field {name!r}")',
        'super(cls, self).__setattr__(name, value)'], namespace, cls)
    deleter = _make_function('__delattr__', ['self', 'name'], [
        'if %s:' % (condition,),
        ' raise FrozenInstanceError(f"cannot delete field {name!r}")',
        'super(cls, self).__delattr__(name)'], namespace, cls)
    return setter, deleter


def _compare_method(cls, name, op, fields):
    self_tuple = _tuple_text('self', fields)
    other_tuple = _tuple_text('other', fields)
    body = ['if other.__class__ is self.__class__:',
            ' return %s%s%s' % (self_tuple, op, other_tuple),
            'return NotImplemented']
    return _make_function(name, ['self', 'other'], body, _base_namespace(), cls)


def _eq_method(cls, fields):
    self_tuple = _tuple_text('self', fields)
    other_tuple = _tuple_text('other', fields)
    body = ['if self is other:',
            ' return True',
            'if other.__class__ is self.__class__:',
            ' return %s==%s' % (self_tuple, other_tuple),
            'return NotImplemented']
    return _make_function('__eq__', ['self', 'other'], body,
                          _base_namespace(), cls)


def _hash_method(cls, fields):
    body = ['return hash(%s)' % (_tuple_text('self', fields),)]
    return _make_function('__hash__', ['self'], body, _base_namespace(), cls)


def _typing_special(annotation, cls, attr_name):
    """True if ``annotation`` is typing.<attr_name> (or subscripted, or a
    string naming it through the class's module)."""
    typing = sys.modules.get('typing')
    if isinstance(annotation, str):
        head = annotation.strip().split('[', 1)[0].strip()
        parts = head.split('.')
        module = sys.modules.get(cls.__module__)
        module_dict = getattr(module, '__dict__', {}) if module else {}
        if len(parts) == 1:
            target = module_dict.get(parts[0])
            if target is None:
                return False
        elif len(parts) == 2:
            holder = module_dict.get(parts[0])
            if holder is None:
                return False
            target = getattr(holder, parts[1], None)
        else:
            return False
        annotation = target
        if attr_name == 'InitVar':
            return annotation is InitVar
    if attr_name == 'InitVar':
        return annotation is InitVar or type(annotation) is InitVar
    if typing is None:
        return False
    special = getattr(typing, attr_name, None)
    if special is None:
        return False
    return annotation is special or getattr(annotation, '__origin__', None) is special


def _get_field(cls, a_name, a_type, default_kw_only):
    default = getattr(cls, a_name, MISSING)
    if isinstance(default, Field):
        f = default
    else:
        if type(default).__name__ == 'member_descriptor':
            default = MISSING
        f = field(default=default)
    f.name = a_name
    f.type = a_type
    f._field_type = _FIELD
    if _typing_special(a_type, cls, 'ClassVar'):
        f._field_type = _FIELD_CLASSVAR
    elif _typing_special(a_type, cls, 'InitVar'):
        f._field_type = _FIELD_INITVAR
    if f._field_type in (_FIELD_CLASSVAR, _FIELD_INITVAR):
        if f.default_factory is not MISSING:
            raise TypeError('field %s cannot have a default factory' % (f.name,))
    if f._field_type in (_FIELD, _FIELD_INITVAR):
        if f.kw_only is MISSING:
            f.kw_only = default_kw_only
    else:
        if f.kw_only is not MISSING:
            raise TypeError('field %s is a ClassVar but specifies kw_only'
                            % (f.name,))
    if f._field_type is _FIELD and type(f.default).__hash__ is None:
        raise ValueError('mutable default %s for field %s is not allowed: use '
                         'default_factory' % (type(f.default), f.name))
    return f


def _is_kw_only_marker(a_type, cls):
    if a_type is KW_ONLY:
        return True
    if isinstance(a_type, str):
        head = a_type.strip()
        module = sys.modules.get(cls.__module__)
        module_dict = getattr(module, '__dict__', {}) if module else {}
        parts = head.split('.')
        if len(parts) == 1:
            return module_dict.get(parts[0]) is KW_ONLY
        if len(parts) == 2:
            return getattr(module_dict.get(parts[0]), parts[1], None) is KW_ONLY
    return False


def _type_text(annotation):
    if isinstance(annotation, type) and not hasattr(annotation, '__origin__'):
        if annotation.__module__ == 'builtins':
            return annotation.__qualname__
        return '%s.%s' % (annotation.__module__, annotation.__qualname__)
    if isinstance(annotation, str):
        return repr(annotation)
    text = repr(annotation)
    return text.replace('typing.', '')


def _signature_doc(cls, std_fields, kw_only_fields):
    def param(f):
        text = '%s: %s' % (f.name, _type_text(f.type))
        if f.default is not MISSING:
            text += ' = %r' % (f.default,)
        elif f.default_factory is not MISSING:
            text += ' = <factory>'
        return text
    items = [param(f) for f in std_fields]
    if kw_only_fields:
        items.append('*')
        items += [param(f) for f in kw_only_fields]
    return '%s(%s)' % (cls.__name__, ', '.join(items))


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen,
                   match_args, kw_only, slots, weakref_slot):
    fields = {}
    if cls.__module__ in sys.modules:
        pass
    setattr(cls, _PARAMS, _DataclassParams(init, repr, eq, order, unsafe_hash,
                                           frozen, match_args, kw_only, slots,
                                           weakref_slot))
    any_frozen_base = False
    has_dataclass_bases = False
    for base in cls.__mro__[-1:0:-1]:
        base_fields = getattr(base, _FIELDS, None)
        if base_fields is not None:
            has_dataclass_bases = True
            for f in base_fields.values():
                fields[f.name] = f
            if getattr(base, _PARAMS).frozen:
                any_frozen_base = True

    cls_annotations = cls.__dict__.get('__annotations__', {})
    cls_fields = []
    kw_only_seen = False
    default_kw_only = kw_only
    for name, a_type in cls_annotations.items():
        if _is_kw_only_marker(a_type, cls):
            if kw_only_seen:
                raise TypeError('%r is KW_ONLY, but KW_ONLY has already been '
                                'specified' % (name,))
            kw_only_seen = True
            default_kw_only = True
        else:
            cls_fields.append(_get_field(cls, name, a_type, default_kw_only))

    for f in cls_fields:
        fields[f.name] = f
        if isinstance(getattr(cls, f.name, None), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)

    for name, value in list(cls.__dict__.items()):
        if isinstance(value, Field) and name not in cls_annotations:
            raise TypeError('%r is a field but has no type annotation' % (name,))

    if has_dataclass_bases:
        if any_frozen_base and not frozen:
            raise TypeError('cannot inherit non-frozen dataclass from a frozen one')
        if not any_frozen_base and frozen:
            raise TypeError('cannot inherit frozen dataclass from a non-frozen one')

    setattr(cls, _FIELDS, fields)

    class_hash = cls.__dict__.get('__hash__', MISSING)
    has_explicit_hash = not (class_hash is MISSING or
                             (class_hash is None and '__eq__' in cls.__dict__))

    if order and not eq:
        raise ValueError('eq must be true if order is true')

    all_fields = list(fields.values())
    init_fields = [f for f in all_fields
                   if f._field_type in (_FIELD, _FIELD_INITVAR)]
    std_fields, kw_only_fields = _fields_in_init_order(init_fields)
    field_list = [f for f in all_fields if f._field_type is _FIELD]

    if init:
        has_post_init = hasattr(cls, _POST_INIT_NAME)
        self_name = '__dataclass_self__' if 'self' in fields else 'self'
        _set_new_attribute(cls, '__init__', _make_init(
            cls, init_fields, std_fields, kw_only_fields, frozen,
            has_post_init, self_name, slots))

    if repr:
        _set_new_attribute(cls, '__repr__',
                           _make_repr(cls, [f for f in field_list if f.repr]))

    if eq:
        _set_new_attribute(cls, '__eq__',
                           _eq_method(cls, [f for f in field_list if f.compare]))

    if order:
        compare_fields = [f for f in field_list if f.compare]
        for name, op in (('__lt__', '<'), ('__le__', '<='),
                         ('__gt__', '>'), ('__ge__', '>=')):
            if _set_new_attribute(cls, name,
                                  _compare_method(cls, name, op, compare_fields)):
                raise TypeError('Cannot overwrite attribute %s in class %s. '
                                'Consider using functools.total_ordering'
                                % (name, cls.__name__))

    if frozen:
        setter, deleter = _make_frozen_methods(cls, field_list)
        for name, fn in (('__setattr__', setter), ('__delattr__', deleter)):
            if _set_new_attribute(cls, name, fn):
                raise TypeError('Cannot overwrite attribute %s in class %s'
                                % (name, cls.__name__))

    hash_fields = [f for f in field_list
                   if (f.compare if f.hash is None else f.hash)]
    if unsafe_hash:
        if has_explicit_hash:
            raise TypeError('Cannot overwrite attribute __hash__ in class %s'
                            % (cls.__name__,))
        cls.__hash__ = _hash_method(cls, hash_fields)
    elif eq and not has_explicit_hash:
        if frozen:
            cls.__hash__ = _hash_method(cls, hash_fields)
        else:
            cls.__hash__ = None

    if not getattr(cls, '__doc__'):
        try:
            cls.__doc__ = _signature_doc(cls, std_fields, kw_only_fields)
        except Exception:
            cls.__doc__ = ''

    if match_args:
        _set_new_attribute(cls, '__match_args__',
                           tuple(f.name for f in std_fields))

    if weakref_slot and not slots:
        raise TypeError('weakref_slot is True but slots is False')
    if slots:
        cls = _add_slots(cls, frozen, weakref_slot)

    abc = sys.modules.get('abc')
    update = getattr(abc, 'update_abstractmethods', None)
    if update is not None:
        update(cls)
    return cls


def _add_slots(cls, is_frozen, weakref_slot):
    cls_dict = dict(cls.__dict__)
    field_names = tuple(f.name for f in fields(cls))
    inherited = set()
    for base in cls.__mro__[1:-1]:
        slots = base.__dict__.get('__slots__', ())
        if isinstance(slots, str):
            slots = (slots,)
        inherited.update(slots)
    new_slots = [n for n in field_names if n not in inherited]
    if weakref_slot and '__weakref__' not in inherited:
        new_slots.append('__weakref__')
    cls_dict['__slots__'] = tuple(new_slots)
    for name in field_names:
        cls_dict.pop(name, None)
    cls_dict.pop('__dict__', None)
    cls_dict.pop('__weakref__', None)
    qualname = getattr(cls, '__qualname__', None)
    new_cls = type(cls)(cls.__name__, cls.__bases__, cls_dict)
    if qualname is not None:
        new_cls.__qualname__ = qualname
    # Methods made for the old class name it in super() calls and checks.
    if is_frozen:
        setter, deleter = _make_frozen_methods(new_cls, list(fields(new_cls)))
        new_cls.__setattr__ = setter
        new_cls.__delattr__ = deleter

        def __getstate__(self):
            return [getattr(self, f.name) for f in fields(self)]

        def __setstate__(self, state):
            for f, value in zip(fields(self), state):
                object.__setattr__(self, f.name, value)
        new_cls.__getstate__ = __getstate__
        new_cls.__setstate__ = __setstate__
    return new_cls


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False,
              unsafe_hash=False, frozen=False, match_args=True,
              kw_only=False, slots=False, weakref_slot=False):
    """Add dunder methods based on the fields defined in the class."""
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash,
                              frozen, match_args, kw_only, slots,
                              weakref_slot)
    if cls is None:
        return wrap
    return wrap(cls)


def fields(class_or_instance):
    """Return a tuple describing the fields of this dataclass."""
    try:
        all_fields = getattr(class_or_instance, _FIELDS)
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple(f for f in all_fields.values() if f._field_type is _FIELD)


def _is_dataclass_instance(obj):
    return hasattr(type(obj), _FIELDS)


def is_dataclass(obj):
    """Returns True if obj is a dataclass or an instance of a dataclass."""
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, _FIELDS)


def asdict(obj, *, dict_factory=dict):
    """Return the fields of a dataclass instance as a new dictionary."""
    if not _is_dataclass_instance(obj):
        raise TypeError('asdict() should be called on dataclass instances')
    return _asdict_inner(obj, dict_factory)


def _asdict_inner(obj, dict_factory):
    if _is_dataclass_instance(obj):
        return dict_factory([(f.name, _asdict_inner(getattr(obj, f.name), dict_factory))
                             for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_asdict_inner(v, dict_factory) for v in obj)
    if isinstance(obj, dict):
        if hasattr(type(obj), 'default_factory'):
            result = type(obj)(getattr(obj, 'default_factory'))
            for k, v in obj.items():
                result[_asdict_inner(k, dict_factory)] = _asdict_inner(v, dict_factory)
            return result
        return type(obj)((_asdict_inner(k, dict_factory),
                          _asdict_inner(v, dict_factory)) for k, v in obj.items())
    return _copy.deepcopy(obj)


def astuple(obj, *, tuple_factory=tuple):
    """Return the fields of a dataclass instance as a new tuple."""
    if not _is_dataclass_instance(obj):
        raise TypeError('astuple() should be called on dataclass instances')
    return _astuple_inner(obj, tuple_factory)


def _astuple_inner(obj, tuple_factory):
    if _is_dataclass_instance(obj):
        return tuple_factory([_astuple_inner(getattr(obj, f.name), tuple_factory)
                              for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_astuple_inner(v, tuple_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_astuple_inner(v, tuple_factory) for v in obj)
    if isinstance(obj, dict):
        if hasattr(type(obj), 'default_factory'):
            result = type(obj)(getattr(obj, 'default_factory'))
            for k, v in obj.items():
                result[_astuple_inner(k, tuple_factory)] = _astuple_inner(v, tuple_factory)
            return result
        return type(obj)((_astuple_inner(k, tuple_factory),
                          _astuple_inner(v, tuple_factory)) for k, v in obj.items())
    return _copy.deepcopy(obj)


def replace(obj, /, **changes):
    """Return a new object replacing specified fields with new values."""
    if not _is_dataclass_instance(obj):
        raise TypeError('replace() should be called on dataclass instances')
    for f in getattr(obj, _FIELDS).values():
        if f._field_type is _FIELD_CLASSVAR:
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError('field %s is declared with init=False, it '
                                 'cannot be specified with replace()' % (f.name,))
            continue
        if f.name not in changes:
            if f._field_type is _FIELD_INITVAR and f.default is MISSING:
                raise ValueError('InitVar %r must be specified with replace()'
                                 % (f.name,))
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, init=True,
                   repr=True, eq=True, order=False, unsafe_hash=False,
                   frozen=False, match_args=True, kw_only=False, slots=False,
                   weakref_slot=False, module=None):
    """Return a new dynamically created dataclass."""
    namespace = dict(namespace or {})
    seen = set()
    annotations = {}
    for item in fields:
        if isinstance(item, str):
            name, tp = item, 'typing.Any'
        elif len(item) == 2:
            name, tp = item
        elif len(item) == 3:
            name, tp, spec = item
            namespace[name] = spec
        else:
            raise TypeError('Invalid field: %r' % (item,))
        if not isinstance(name, str) or not name.isidentifier():
            raise TypeError('Field names must be valid identifiers: %r' % (name,))
        if name in seen:
            raise TypeError('Field name duplicated: %r' % (name,))
        seen.add(name)
        annotations[name] = tp
    namespace['__annotations__'] = annotations
    if module is None:
        try:
            module = sys._getframe(1).f_globals.get('__name__', '__main__')
        except (AttributeError, ValueError):
            module = '__main__'
    namespace['__module__'] = module
    cls = type(cls_name, tuple(bases), namespace)
    return dataclass(cls, init=init, repr=repr, eq=eq, order=order,
                     unsafe_hash=unsafe_hash, frozen=frozen,
                     match_args=match_args, kw_only=kw_only, slots=slots,
                     weakref_slot=weakref_slot)
