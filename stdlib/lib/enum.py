"""Egret's enum module: Enum, IntEnum, StrEnum, Flag, IntFlag and helpers.

Written for Egret from the documented behaviour of CPython 3.12's enum
module (reprs and error messages match CPython 3.12.1).

How it works: the metaclass ``EnumType`` prepares an ``_EnumDict`` that
records member names in definition order and resolves ``auto()`` values as
they are assigned.  ``EnumType.__new__`` removes the members from the class
body, builds the class, then creates each member (through ``object.__new__``,
the data type's ``__new__`` or a user ``__new__``), detects aliases by value
and stores the lookup tables ``_member_names_``, ``_member_map_`` and
``_value2member_map_``.  Calling the class looks a value up (``Color(1)``);
with a ``names`` argument it creates a new enum (functional API).
"""

import sys

__all__ = [
    'EnumType', 'EnumMeta', 'Enum', 'IntEnum', 'StrEnum', 'Flag', 'IntFlag',
    'ReprEnum', 'auto', 'unique', 'property', 'verify', 'member', 'nonmember',
    'FlagBoundary', 'STRICT', 'CONFORM', 'EJECT', 'KEEP', 'global_enum',
    'EnumCheck', 'CONTINUOUS', 'NAMED_FLAGS', 'UNIQUE', 'pickle_by_enum_name',
    'pickle_by_global_name', 'show_flag_values',
]

_builtin_property = property

# Set to the real classes once they exist (EnumType.__new__ checks them).
Enum = Flag = ReprEnum = EJECT = None


class nonmember(object):
    """Protects an item from becoming an Enum member during class creation."""
    def __init__(self, value):
        self.value = value


class member(object):
    """Forces an item to become an Enum member during class creation."""
    def __init__(self, value):
        self.value = value


class _AutoNull:
    def __repr__(self):
        return '_auto_null'


_auto_null = _AutoNull()


class auto:
    """Instances are replaced with an appropriate value in Enum class suites."""
    def __init__(self, value=_auto_null):
        self.value = value

    def __repr__(self):
        return 'auto(%r)' % (self.value,)


class property(_builtin_property):
    """A property that, accessed on the class, finds a member of the same name.

    Used for ``name`` and ``value`` so that members called ``name`` or
    ``value`` still work.
    """

    def __get__(self, instance, ownerclass=None):
        if instance is None:
            member_map = getattr(ownerclass, '_member_map_', None) or {}
            if self.fget is not None and self.fget.__name__ in member_map:
                return member_map[self.fget.__name__]
            raise AttributeError(
                '%r has no attribute %r' % (ownerclass, self.fget.__name__))
        return self.fget(instance)


def _is_descriptor(obj):
    t = type(obj)
    return (hasattr(t, '__get__') or hasattr(t, '__set__')
            or hasattr(t, '__delete__'))


def _is_dunder(name):
    return (len(name) > 4 and name[:2] == name[-2:] == '__'
            and name[2] != '_' and name[-3] != '_')


def _is_sunder(name):
    return (len(name) > 2 and name[0] == name[-1] == '_'
            and name[1] != '_' and name[-2] != '_')


def _is_private(cls_name, name):
    prefix = '_%s__' % (cls_name.lstrip('_'),)
    return (name.startswith(prefix) and len(name) > len(prefix)
            and not name.endswith('__'))


def _is_single_bit(num):
    return num != 0 and (num & (num - 1)) == 0


def _bits_text(num, width):
    """`0b0 1000` style binary used in Flag's STRICT error message."""
    digits = bin(num & ((1 << width) - 1))[2:].rjust(width, '0') if width else ''
    sign = '1' if num < 0 else '0'
    return '0b%s %s' % (sign, digits)


_SUNDER_ALLOWED = frozenset((
    '_order_', '_generate_next_value_', '_missing_', '_ignore_',
    '_numeric_repr_', '_iter_member_', '_iter_member_by_value_',
    '_iter_member_by_def_', '_add_alias_', '_add_value_alias_',
))


class _EnumDict(dict):
    """Class namespace that keeps member names in order and resolves auto()."""

    def __init__(self):
        super().__init__()
        self._member_names = {}
        self._last_values = []
        self._ignore = []
        self._auto_called = False
        self._cls_name = None
        self._generate_next_value = None

    def __setitem__(self, key, value):
        if _is_private(self._cls_name or '', key):
            pass
        elif _is_sunder(key):
            if key not in _SUNDER_ALLOWED:
                raise ValueError('_sunder_ names, such as %r, are reserved for '
                                 'future Enum use' % (key,))
            if key == '_generate_next_value_':
                if self._auto_called:
                    raise TypeError('_generate_next_value_ must be defined '
                                    'before members')
                gen = value
                if isinstance(gen, staticmethod):
                    gen = gen.__func__
                self._generate_next_value = gen
            elif key == '_ignore_':
                if isinstance(value, str):
                    value = value.replace(',', ' ').split()
                else:
                    value = list(value)
                self._ignore = value
                clash = set(value) & set(self._member_names)
                if clash:
                    raise ValueError('_ignore_ cannot specify already set '
                                     'names: %r' % (clash,))
        elif _is_dunder(key):
            if key == '__order__':
                key = '_order_'
        elif key in self._member_names:
            raise TypeError('%r already defined as %r' % (key, self[key]))
        elif key in self._ignore:
            pass
        elif isinstance(value, nonmember):
            value = value.value
        elif _is_descriptor(value):
            pass
        else:
            if key in self:
                raise TypeError('%r already defined as %r' % (key, self[key]))
            if isinstance(value, member):
                value = value.value
            value = self._resolve_auto(key, value)
            self._member_names[key] = None
            self._last_values.append(value)
        super().__setitem__(key, value)

    def _resolve_auto(self, key, value):
        if isinstance(value, auto):
            if value.value is _auto_null:
                value.value = self._next_value(key)
            return value.value
        if isinstance(value, tuple) and any(isinstance(v, auto) for v in value):
            items = []
            for v in value:
                if isinstance(v, auto):
                    if v.value is _auto_null:
                        v.value = self._next_value(key)
                    v = v.value
                items.append(v)
            return tuple(items)
        return value

    def _next_value(self, key):
        self._auto_called = True
        return self._generate_next_value(
            key, 1, len(self._member_names), self._last_values[:])

    def update(self, members=(), **more):
        if hasattr(members, 'keys'):
            for k in members.keys():
                self[k] = members[k]
        else:
            for k, v in members:
                self[k] = v
        for k, v in more.items():
            self[k] = v


def _default_generate_next_value(name, start, count, last_values):
    if not last_values:
        return start
    try:
        last_value = sorted(last_values).pop()
    except TypeError:
        raise TypeError('unable to sort non-numeric values') from None
    try:
        return last_value + 1
    except TypeError:
        raise TypeError('unable to increment %r' % (last_value,)) from None


class EnumType(type):
    """Metaclass for Enum."""

    @classmethod
    def __prepare__(metacls, cls, bases, **kwds):
        metacls._check_for_existing_members_(cls, bases)
        enum_dict = _EnumDict()
        enum_dict._cls_name = cls
        member_type, first_enum = metacls._get_mixins_(cls, bases)
        if first_enum is not None:
            gen = getattr(first_enum, '_generate_next_value_', None)
            if isinstance(gen, staticmethod):
                gen = gen.__func__
            enum_dict._generate_next_value = gen
        if enum_dict._generate_next_value is None:
            enum_dict._generate_next_value = _default_generate_next_value
        return enum_dict

    def __new__(metacls, cls, bases, classdict, *, boundary=None,
                _simple=False, **kwds):
        if not isinstance(classdict, _EnumDict):
            fresh = metacls.__prepare__(cls, bases)
            for k, v in classdict.items():
                fresh[k] = v
            classdict = fresh
        member_names = list(classdict._member_names)
        member_type, first_enum = metacls._get_mixins_(cls, bases)

        members = {}
        for name in member_names:
            members[name] = dict.pop(classdict, name)
        order = dict.pop(classdict, '_order_', None)
        for name in classdict._ignore:
            dict.pop(classdict, name, None)
        dict.pop(classdict, '_ignore_', None)

        # A __new__ in the body creates members; lookups use Enum.__new__.
        new_member = None
        if Enum is not None:
            new_member = dict.pop(classdict, '__new__', None)
        if new_member is not None:
            if isinstance(new_member, staticmethod):
                new_member = new_member.__func__
            dict.__setitem__(classdict, '__new_member__', new_member)
        else:
            new_member = metacls._find_new_member_(member_type, bases)
        use_args = not (new_member is None and member_type is object)
        if new_member is None:
            new_member = object.__new__ if member_type is object else member_type.__new__

        plain = dict(classdict)
        plain['_new_member_'] = new_member
        plain['_use_args_'] = use_args
        plain['_member_names_'] = []
        plain['_member_map_'] = {}
        plain['_value2member_map_'] = {}
        plain['_unhashable_values_'] = []
        plain['_member_type_'] = member_type
        if Flag is not None and boundary is None:
            boundary = getattr(first_enum, '_boundary_', None)
        plain['_boundary_'] = boundary
        if member_type is object:
            plain['_value_repr_'] = repr
        else:
            plain['_value_repr_'] = member_type.__repr__

        enum_class = super().__new__(metacls, cls, bases, plain, **kwds)

        is_flag = Flag is not None and issubclass(enum_class, Flag)
        if Enum is not None:
            # Lookups by value go through Enum.__new__ even when the data
            # type (int, str, ...) precedes Enum in the MRO.
            type.__setattr__(enum_class, '__new__', Enum.__new__)
            for attr in ('__repr__', '__str__', '__format__', '__reduce_ex__'):
                if attr in classdict:
                    continue
                for klass in enum_class.__mro__:
                    if attr in klass.__dict__:
                        break
                if not isinstance(klass, EnumType):
                    type.__setattr__(enum_class, attr, getattr(first_enum, attr))
            if ReprEnum is not None and ReprEnum in bases:
                if member_type is object:
                    raise TypeError('ReprEnum subclasses must be mixed with a '
                                    'data type (i.e. int, str, float, etc.)')
                if '__format__' not in classdict:
                    type.__setattr__(enum_class, '__format__', member_type.__format__)
                if '__str__' not in classdict:
                    method = member_type.__str__
                    if method is object.__str__:
                        method = member_type.__repr__
                    type.__setattr__(enum_class, '__str__', method)

        for name, value in members.items():
            metacls._add_member_(enum_class, name, value, is_flag)

        if is_flag:
            # The data type's operators (int.__or__, ...) precede Flag's in
            # the MRO of IntFlag; Flag's must win.
            for op in ('__or__', '__and__', '__xor__', '__ror__', '__rand__',
                       '__rxor__', '__invert__'):
                if op not in classdict:
                    type.__setattr__(enum_class, op, Flag.__dict__[op])
            metacls._setup_flag_(enum_class)

        if order is not None:
            if isinstance(order, str):
                order = order.replace(',', ' ').split()
            if is_flag:
                canonical = [n for n in order
                             if n in enum_class._member_names_]
            else:
                canonical = order
            if canonical != enum_class._member_names_:
                raise TypeError('member order does not match _order_:\n  %r\n  %r'
                                % (enum_class._member_names_, order))
        return enum_class

    @staticmethod
    def _add_member_(enum_class, name, value, is_flag):
        if isinstance(value, tuple):
            args = value
        else:
            args = (value,)
        if enum_class._member_type_ is tuple:
            args = (args,)
        if not enum_class._use_args_:
            new_obj = object.__new__(enum_class)
        else:
            new_obj = enum_class._new_member_(enum_class, *args)
        if not hasattr(new_obj, '_value_'):
            if enum_class._member_type_ is object:
                new_obj._value_ = value
            else:
                try:
                    new_obj._value_ = enum_class._member_type_(*args)
                except Exception:
                    new_obj._value_ = value
        value = new_obj._value_
        new_obj._name_ = name
        new_obj.__objclass__ = enum_class
        new_obj._sort_order_ = len(enum_class._member_names_)
        new_obj.__init__(*args)

        existing = None
        try:
            existing = enum_class._value2member_map_.get(value)
        except TypeError:
            for m in enum_class._member_map_.values():
                if m._value_ == value:
                    existing = m
                    break
        if existing is None:
            for m in enum_class._member_map_.values():
                if m._value_ is value or m._value_ == value:
                    existing = m
                    break
        if existing is not None:
            new_obj = existing
        else:
            canonical = True
            if is_flag and isinstance(value, int) and not _is_single_bit(value):
                canonical = False
            if canonical:
                enum_class._member_names_.append(name)
        # Keep members reachable as class attributes unless an Enum base
        # defines a descriptor of that name (e.g. ``name``/``value``).
        shadowed = False
        for klass in enum_class.__mro__[1:]:
            if name in klass.__dict__ and _is_descriptor(klass.__dict__[name]):
                shadowed = True
                break
        if not shadowed:
            type.__setattr__(enum_class, name, new_obj)
        enum_class._member_map_[name] = new_obj
        try:
            enum_class._value2member_map_.setdefault(value, new_obj)
        except TypeError:
            enum_class._unhashable_values_.append(value)

    @staticmethod
    def _setup_flag_(enum_class):
        flag_mask = 0
        singles = 0
        for m in enum_class._member_map_.values():
            v = m._value_
            if isinstance(v, int):
                flag_mask |= v
                if _is_single_bit(v):
                    singles |= v
        enum_class._flag_mask_ = flag_mask
        enum_class._singles_mask_ = singles
        enum_class._all_bits_ = 2 ** flag_mask.bit_length() - 1

    def __bool__(cls):
        return True

    def __call__(cls, value, names=_auto_null, *values, module=None,
                 qualname=None, type=None, start=1, boundary=None):
        if names is _auto_null:
            return cls.__new__(cls, value)
        return cls._create_(value, names, module=module, qualname=qualname,
                            type=type, start=start, boundary=boundary)

    def __contains__(cls, value):
        if isinstance(value, cls):
            return True
        try:
            return value in cls._value2member_map_
        except TypeError:
            return value in cls._unhashable_values_

    def __delattr__(cls, attr):
        if attr in cls._member_map_:
            raise AttributeError('%r cannot delete member %r.'
                                 % (cls.__name__, attr))
        super().__delattr__(attr)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __len__(cls):
        return len(cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    @_builtin_property
    def __members__(cls):
        from types import MappingProxyType
        return MappingProxyType(cls._member_map_)

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag %r>" % (cls.__name__,)
        return "<enum %r>" % (cls.__name__,)

    def __setattr__(cls, name, value):
        member_map = cls.__dict__.get('_member_map_', {})
        if name in member_map:
            raise AttributeError('cannot reassign member %r' % (name,))
        super().__setattr__(name, value)

    def __dir__(cls):
        names = set(super().__dir__())
        names.update(cls._member_names_)
        return sorted(names)

    def _create_(cls, class_name, names, *, module=None, qualname=None,
                 type=None, start=1, boundary=None):
        metacls = cls.__class__
        bases = (cls,) if type is None else (type, cls)
        _, first_enum = cls._get_mixins_(class_name, bases)
        classdict = metacls.__prepare__(class_name, bases)
        if isinstance(names, str):
            names = names.replace(',', ' ').split()
        if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
            original, names = names, []
            last_values = []
            gen = classdict._generate_next_value
            for count, name in enumerate(original):
                value = gen(name, start, count, last_values[:])
                last_values.append(value)
                names.append((name, value))
        elif names is None:
            names = ()
        if hasattr(names, 'keys'):
            items = [(k, names[k]) for k in names.keys()]
        else:
            items = list(names)
        for item in items:
            if isinstance(item, str):
                member_name, member_value = item, names[item]
            else:
                member_name, member_value = item
            classdict[member_name] = member_value
        if module is None:
            try:
                module = sys._getframe(2).f_globals['__name__']
            except (AttributeError, ValueError, KeyError):
                pass
        if module is not None:
            classdict['__module__'] = module
        if qualname is not None:
            classdict['__qualname__'] = qualname
        return metacls.__new__(metacls, class_name, bases, classdict,
                               boundary=boundary)

    @classmethod
    def _check_for_existing_members_(mcls, class_name, bases):
        for chain in bases:
            for base in chain.__mro__:
                if isinstance(base, EnumType) and base._member_names_:
                    raise TypeError("<enum %r> cannot extend %r"
                                    % (class_name, base))

    @classmethod
    def _get_mixins_(mcls, class_name, bases):
        if not bases:
            return object, Enum
        first_enum = bases[-1]
        if not isinstance(first_enum, EnumType):
            raise TypeError("new enumerations should be created as "
                            "`EnumName([mixin_type, ...] [data_type,] enum_type)`")
        member_type = mcls._find_data_type_(class_name, bases) or object
        return member_type, first_enum

    @classmethod
    def _find_data_type_(mcls, class_name, bases):
        data_types = set()
        for chain in bases:
            candidate = None
            for base in chain.__mro__:
                if base is object:
                    continue
                if isinstance(base, EnumType):
                    if base._member_type_ is not object:
                        data_types.add(base._member_type_)
                        break
                elif '__new__' in base.__dict__ or '__init__' in base.__dict__:
                    if isinstance(base, EnumType):
                        continue
                    data_types.add(candidate or base)
                    break
                else:
                    candidate = candidate or base
        if len(data_types) > 1:
            raise TypeError('too many data types for %r: %r'
                            % (class_name, data_types))
        if data_types:
            return data_types.pop()
        return None

    @staticmethod
    def _find_new_member_(member_type, bases):
        for chain in bases:
            for base in chain.__mro__:
                target = base.__dict__.get('__new_member__')
                if target is not None:
                    return target
        return None


EnumMeta = EnumType


class Enum(metaclass=EnumType):
    """Create a collection of name/value pairs."""

    def __new__(cls, value):
        if type(value) is cls:
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            pass
        for m in cls._member_map_.values():
            if m._value_ == value:
                return m
        try:
            result = cls._missing_(value)
        except Exception as e:
            exc = e
            result = None
        else:
            exc = None
        if isinstance(result, cls):
            return result
        if Flag is not None and issubclass(cls, Flag):
            if cls._boundary_ is EJECT and isinstance(result, int):
                return result
        ve = ValueError('%r is not a valid %s' % (value, cls.__qualname__))
        if result is None and exc is None:
            raise ve
        if exc is None:
            exc = TypeError('error in %s._missing_: returned %r instead of '
                            'None or a valid member' % (cls.__name__, result))
        if not isinstance(exc, ValueError):
            exc.__context__ = ve
        raise exc

    def __init__(self, *args, **kwds):
        pass

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return _default_generate_next_value(name, start, count, last_values)

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        v_repr = self.__class__._value_repr_ or repr
        return '<%s.%s: %s>' % (self.__class__.__name__, self._name_,
                                v_repr(self._value_))

    def __str__(self):
        return '%s.%s' % (self.__class__.__name__, self._name_)

    def __dir__(self):
        names = {'__class__', '__doc__', '__eq__', '__hash__', '__module__',
                 'name', 'value'}
        for klass in type(self).__mro__:
            if klass is Enum or klass is object:
                break
            for k in klass.__dict__:
                if not k.startswith('_'):
                    names.add(k)
        for k in getattr(self, '__dict__', {}):
            if not k.startswith('_'):
                names.add(k)
        return sorted(names)

    def __format__(self, format_spec):
        return str.__format__(str(self), format_spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __deepcopy__(self, memo):
        return self

    def __copy__(self):
        return self

    @property
    def name(self):
        """The name of the Enum member."""
        return self._name_

    @property
    def value(self):
        """The value of the Enum member."""
        return self._value_


class ReprEnum(Enum):
    """Only changes the repr(), leaving str() and format() to the mixed-in type."""


class IntEnum(int, ReprEnum):
    """Enum where members are also (and must be) ints."""


class StrEnum(str, ReprEnum):
    """Enum where members are also (and must be) strings."""

    def __new__(cls, *values):
        if len(values) > 3:
            raise TypeError('too many arguments for str(): %r' % (values,))
        if len(values) == 1 and not isinstance(values[0], str):
            raise TypeError('%r is not a string' % (values[0],))
        if len(values) >= 2 and not isinstance(values[1], str):
            raise TypeError('encoding must be a string, not %r' % (values[1],))
        if len(values) == 3 and not isinstance(values[2], str):
            raise TypeError('errors must be a string, not %r' % (values[2],))
        value = str(*values)
        obj = str.__new__(cls, value)
        obj._value_ = value
        return obj

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


class FlagBoundary(StrEnum):
    """How Flag handles values with bits that no member names."""
    STRICT = auto()
    CONFORM = auto()
    EJECT = auto()
    KEEP = auto()


STRICT, CONFORM, EJECT, KEEP = FlagBoundary


class Flag(Enum, boundary=STRICT):
    """Support for bit flags: members combine with | & ^ ~."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        last_value = max(last_values)
        try:
            high_bit = last_value.bit_length() - 1
        except Exception:
            raise TypeError('invalid flag value %r' % (last_value,)) from None
        return 2 ** (high_bit + 1)

    @classmethod
    def _iter_member_(cls, value):
        for name in cls._member_names_:
            m = cls._member_map_[name]
            if m._value_ & value == m._value_ and m._value_:
                yield m

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError('%r is not a valid %s' % (value, cls.__qualname__))
        flag_mask = cls._flag_mask_
        all_bits = cls._all_bits_
        boundary = cls._boundary_
        if not (~all_bits <= value <= all_bits) or value & (all_bits ^ flag_mask):
            if boundary is STRICT:
                width = max(value.bit_length(), flag_mask.bit_length())
                raise ValueError('%r invalid value %r\n    given %s\n  allowed %s'
                                 % (cls, value, _bits_text(value, width),
                                    _bits_text(flag_mask, width)))
            elif boundary is CONFORM:
                value = value & flag_mask
            elif boundary is EJECT:
                return value
            elif boundary is KEEP:
                if value < 0:
                    value = max(all_bits + 1, 2 ** value.bit_length()) + value
            else:
                raise ValueError('%r unknown flag boundary %r' % (cls, boundary))
        if value < 0:
            value = all_bits + 1 + value
        unknown = value & ~flag_mask
        known = value & flag_mask
        member_type = cls._member_type_
        if member_type is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = member_type.__new__(cls, value)
        if not hasattr(pseudo, '_value_'):
            pseudo._value_ = value
        if known:
            pseudo._name_ = '|'.join(m._name_ for m in cls._iter_member_(known))
            if unknown:
                pseudo._name_ += '|%s' % (cls._value_repr_(unknown),)
        else:
            pseudo._name_ = None
        return cls._value2member_map_.setdefault(value, pseudo)

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError("unsupported operand type(s) for 'in': %r and %r"
                            % (type(other).__qualname__,
                               self.__class__.__qualname__))
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        return iter(list(self._iter_member_(self._value_)))

    def __len__(self):
        return bin(self._value_).count('1')

    def __repr__(self):
        cls_name = self.__class__.__name__
        v_repr = self.__class__._value_repr_ or repr
        if self._name_ is None:
            return '<%s: %s>' % (cls_name, v_repr(self._value_))
        return '<%s.%s: %s>' % (cls_name, self._name_, v_repr(self._value_))

    def __str__(self):
        cls_name = self.__class__.__name__
        if self._name_ is None:
            return '%s(%r)' % (cls_name, self._value_)
        return '%s.%s' % (cls_name, self._name_)

    def __bool__(self):
        return bool(self._value_)

    def _other_value(self, other):
        if isinstance(other, self.__class__):
            return other._value_
        if self._member_type_ is not object and isinstance(other, self._member_type_):
            return other
        return NotImplemented

    def __or__(self, other):
        value = self._other_value(other)
        if value is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ | value)

    def __and__(self, other):
        value = self._other_value(other)
        if value is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ & value)

    def __xor__(self, other):
        value = self._other_value(other)
        if value is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ ^ value)

    def __invert__(self):
        if self._boundary_ in (EJECT, KEEP):
            return self.__class__(~self._value_)
        return self.__class__(self._singles_mask_ & ~self._value_)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__


class IntFlag(int, ReprEnum, Flag, boundary=KEEP):
    """Support for integer-based Flags."""


def unique(enumeration):
    """Class decorator: raise ValueError if any value has more than one name."""
    duplicates = []
    for name, m in enumeration.__members__.items():
        if name != m.name:
            duplicates.append((name, m.name))
    if duplicates:
        details = ', '.join('%s -> %s' % (alias, name)
                            for alias, name in duplicates)
        raise ValueError('duplicate values found in %r: %s'
                         % (enumeration, details))
    return enumeration


class EnumCheck(StrEnum):
    """Checks for verify()."""
    CONTINUOUS = 'no skipped integer values'
    NAMED_FLAGS = 'multi-flag aliases may not contain unnamed flags'
    UNIQUE = 'one name per value'


CONTINUOUS, NAMED_FLAGS, UNIQUE = EnumCheck


class verify:
    """Class decorator checking UNIQUE, CONTINUOUS and NAMED_FLAGS constraints."""

    def __init__(self, *checks):
        self.checks = checks

    def __call__(self, enumeration):
        cls_name = enumeration.__name__
        for check in self.checks:
            if check is UNIQUE:
                unique(enumeration)
            elif check is CONTINUOUS:
                values = set(e.value for e in enumeration)
                if len(values) < 2:
                    continue
                low, high = min(values), max(values)
                missing = []
                if issubclass(enumeration, Flag):
                    for i in range(low.bit_length() - 1, high.bit_length()):
                        if 2 ** i not in values:
                            missing.append(2 ** i)
                    kind = 'flag'
                else:
                    for i in range(low + 1, high):
                        if i not in values:
                            missing.append(i)
                    kind = 'enum'
                if missing:
                    raise ValueError('invalid %s %r: missing values %s' % (
                        kind, cls_name, ', '.join(str(m) for m in missing)))
            elif check is NAMED_FLAGS:
                member_values = 0
                for m in enumeration:
                    member_values |= m._value_
                problems = []
                for name, alias in enumeration._member_map_.items():
                    if name in enumeration._member_names_:
                        continue
                    if alias._value_ & ~member_values:
                        problems.append(name)
                if problems:
                    raise ValueError('invalid Flag %r: aliases %s are missing '
                                     'combined values' % (cls_name, ', '.join(problems)))
        return enumeration


def global_enum(cls, update_str=False):
    """Export the members into the defining module's namespace."""
    module = sys.modules.get(cls.__module__)
    if module is not None:
        module.__dict__.update(cls.__members__)
    return cls


def pickle_by_global_name(self, proto):
    return self.name


def pickle_by_enum_name(self, proto):
    return getattr, (self.__class__, self._name_)


def show_flag_values(value):
    return [1 << i for i in range(value.bit_length()) if value & (1 << i)]
