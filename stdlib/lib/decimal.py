"""decimal: decimal fixed- and floating-point arithmetic (General Decimal
Arithmetic, IEEE 754 decimal).

A Decimal is sign, integer coefficient and exponent (or a special value:
Infinity, NaN, sNaN). Results of arithmetic are rounded to the current
context's precision (28 digits by default) with its rounding mode.
Provided: construction from str/int/float/tuple, str/repr, + - * / // %
divmod, integral powers, sqrt, comparisons (exact, also with int, float
and Fraction), hashing consistent with int/float/Fraction, round(),
quantize, to_integral_value, normalize, as_tuple, as_integer_ratio,
float()/int(), __format__ ('e', 'f', 'g', '%' and none), contexts
(getcontext, setcontext, localcontext) and the signal exceptions.
Not provided: exp, ln, log10 and non-integral powers.
"""

import math as _math
import numbers as _numbers

__all__ = [
    'Decimal', 'Context',
    'DecimalTuple',
    'DefaultContext', 'BasicContext', 'ExtendedContext',
    'DecimalException', 'Clamped', 'InvalidOperation', 'DivisionByZero',
    'Inexact', 'Rounded', 'Subnormal', 'Overflow', 'Underflow',
    'FloatOperation',
    'DivisionImpossible', 'InvalidContext', 'ConversionSyntax', 'DivisionUndefined',
    'ROUND_DOWN', 'ROUND_HALF_UP', 'ROUND_HALF_EVEN', 'ROUND_CEILING',
    'ROUND_FLOOR', 'ROUND_UP', 'ROUND_HALF_DOWN', 'ROUND_05UP',
    'setcontext', 'getcontext', 'localcontext',
    'MAX_PREC', 'MAX_EMAX', 'MIN_EMIN', 'MIN_ETINY',
    'HAVE_THREADS', 'HAVE_CONTEXTVAR',
]

__version__ = '1.70'
__libmpdec_version__ = "2.5.1"

from collections import namedtuple as _namedtuple
DecimalTuple = _namedtuple('DecimalTuple', 'sign digits exponent', module='decimal')

ROUND_DOWN = 'ROUND_DOWN'
ROUND_HALF_UP = 'ROUND_HALF_UP'
ROUND_HALF_EVEN = 'ROUND_HALF_EVEN'
ROUND_CEILING = 'ROUND_CEILING'
ROUND_FLOOR = 'ROUND_FLOOR'
ROUND_UP = 'ROUND_UP'
ROUND_HALF_DOWN = 'ROUND_HALF_DOWN'
ROUND_05UP = 'ROUND_05UP'
_ROUNDINGS = (ROUND_DOWN, ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_CEILING,
              ROUND_FLOOR, ROUND_UP, ROUND_HALF_DOWN, ROUND_05UP)

HAVE_THREADS = True
HAVE_CONTEXTVAR = True
MAX_PREC = 999999999999999999
MAX_EMAX = 999999999999999999
MIN_EMIN = -999999999999999999
MIN_ETINY = MIN_EMIN - (MAX_PREC - 1)

_PyHASH_MODULUS = (1 << 61) - 1
_PyHASH_INF = 314159
_PyHASH_10INV = pow(10, _PyHASH_MODULUS - 2, _PyHASH_MODULUS)


# ----- signals -------------------------------------------------------------------

class DecimalException(ArithmeticError):
    """Base exception class."""


class Clamped(DecimalException):
    """Exponent of a 0 changed to fit bounds."""


class InvalidOperation(DecimalException):
    """An invalid operation was performed."""


class ConversionSyntax(InvalidOperation):
    """Trying to convert badly formed string."""


class DivisionByZero(DecimalException, ZeroDivisionError):
    """Division by 0."""


class DivisionImpossible(InvalidOperation):
    """Cannot perform the division adequately."""


class DivisionUndefined(InvalidOperation, ZeroDivisionError):
    """Undefined result of division."""


class Inexact(DecimalException):
    """Had to round, losing information."""


class InvalidContext(InvalidOperation):
    """Invalid context.  Unknown rounding, for example."""


class Rounded(DecimalException):
    """Number got rounded (not  necessarily changed during rounding)."""


class Subnormal(DecimalException):
    """Exponent < Emin before rounding."""


class Overflow(Inexact, Rounded):
    """Numerical overflow."""


class Underflow(Inexact, Rounded, Subnormal):
    """Numerical underflow with result rounded to 0."""


class FloatOperation(DecimalException, TypeError):
    """Enable stricter semantics for mixing floats and Decimals."""


for _cls in (DecimalException, Clamped, InvalidOperation, ConversionSyntax,
             DivisionByZero, DivisionImpossible, DivisionUndefined, Inexact,
             InvalidContext, Rounded, Subnormal, Overflow, Underflow, FloatOperation):
    _cls.__module__ = 'decimal'
del _cls

# (in the order the C implementation lists them in a Context's repr)
_SIGNALS = [InvalidOperation, Clamped, DivisionByZero, Inexact, FloatOperation,
            Overflow, Rounded, Subnormal, Underflow]

# the signal whose flag/trap a condition sets
_CONDITION_SIGNAL = {ConversionSyntax: InvalidOperation,
                     DivisionImpossible: InvalidOperation,
                     DivisionUndefined: InvalidOperation,
                     InvalidContext: InvalidOperation}


# ----- contexts -------------------------------------------------------------------

class Context(object):
    """Contains the context for a Decimal instance: precision, rounding,
    exponent limits, flags and traps."""

    def __init__(self, prec=None, rounding=None, Emin=None, Emax=None,
                 capitals=None, clamp=None, flags=None, traps=None,
                 _ignored_flags=None):
        dc = DefaultContext if '_default_ready' in globals() else None
        self.prec = prec if prec is not None else (dc.prec if dc else 28)
        self.rounding = rounding if rounding is not None else (dc.rounding if dc else ROUND_HALF_EVEN)
        self.Emin = Emin if Emin is not None else (dc.Emin if dc else -999999)
        self.Emax = Emax if Emax is not None else (dc.Emax if dc else 999999)
        self.capitals = capitals if capitals is not None else (dc.capitals if dc else 1)
        self.clamp = clamp if clamp is not None else (dc.clamp if dc else 0)
        if traps is None:
            self.traps = dict(dc.traps) if dc else dict.fromkeys(_SIGNALS, 0)
            if not dc:
                for s in (InvalidOperation, DivisionByZero, Overflow):
                    self.traps[s] = 1
        elif not isinstance(traps, dict):
            self.traps = dict((s, int(s in traps)) for s in _SIGNALS)
        else:
            self.traps = dict(traps)
        if flags is None:
            self.flags = dict.fromkeys(_SIGNALS, 0)
        elif not isinstance(flags, dict):
            self.flags = dict((s, int(s in flags)) for s in _SIGNALS)
        else:
            self.flags = dict(flags)

    def __setattr__(self, name, value):
        if name == 'prec':
            if not isinstance(value, int):
                raise TypeError("'%s' object cannot be interpreted as an integer" % type(value).__name__)
            if value < 1:
                raise ValueError("valid range for prec is [1, MAX_PREC]")
        elif name == 'rounding':
            if value not in _ROUNDINGS:
                raise TypeError("valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN,\n   ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,\n   ROUND_05UP]")
        object.__setattr__(self, name, value)

    def __repr__(self):
        flags = [f.__name__ for f, v in self.flags.items() if v]
        traps = [t.__name__ for t, v in self.traps.items() if v]
        return ('Context(prec=%d, rounding=%s, Emin=%d, Emax=%d, capitals=%d, clamp=%d, '
                'flags=[%s], traps=[%s])' % (self.prec, self.rounding, self.Emin, self.Emax,
                                              self.capitals, self.clamp,
                                              ', '.join(flags), ', '.join(traps)))

    def clear_flags(self):
        for flag in self.flags:
            self.flags[flag] = 0

    def clear_traps(self):
        for flag in self.traps:
            self.traps[flag] = 0

    def copy(self):
        return Context(self.prec, self.rounding, self.Emin, self.Emax,
                       self.capitals, self.clamp, self.flags, self.traps)

    __copy__ = copy

    def _raise_error(self, condition, explanation=None):
        signal = _CONDITION_SIGNAL.get(condition, condition)
        self.flags[signal] = 1
        if self.traps.get(signal):
            raise signal([condition])
        return None

    def Etiny(self):
        return self.Emin - self.prec + 1

    def Etop(self):
        return self.Emax - self.prec + 1

    def create_decimal(self, num='0'):
        d = Decimal(num, context=self)
        return d._fix(self)

    def create_decimal_from_float(self, f):
        return Decimal.from_float(f)._fix(self)

    # arithmetic through the context
    def abs(self, a):
        return _convert(a, True).__abs__(context=self)

    def add(self, a, b):
        return _convert(a, True).__add__(b, context=self)

    def subtract(self, a, b):
        return _convert(a, True).__sub__(b, context=self)

    def multiply(self, a, b):
        return _convert(a, True).__mul__(b, context=self)

    def divide(self, a, b):
        return _convert(a, True).__truediv__(b, context=self)

    def divide_int(self, a, b):
        return _convert(a, True).__floordiv__(b, context=self)

    def remainder(self, a, b):
        return _convert(a, True).__mod__(b, context=self)

    def power(self, a, b, modulo=None):
        return _convert(a, True).__pow__(b, modulo, context=self)

    def sqrt(self, a):
        return _convert(a, True).sqrt(context=self)

    def quantize(self, a, b):
        return _convert(a, True).quantize(b, context=self)

    def plus(self, a):
        return _convert(a, True).__pos__(context=self)

    def minus(self, a):
        return _convert(a, True).__neg__(context=self)

    def compare(self, a, b):
        return _convert(a, True).compare(b, context=self)

    def to_sci_string(self, a):
        return str(_convert(a, True))

    def normalize(self, a):
        return _convert(a, True).normalize(context=self)


DefaultContext = Context(prec=28, rounding=ROUND_HALF_EVEN,
                         traps=[DivisionByZero, Overflow, InvalidOperation],
                         flags=[], Emax=999999, Emin=-999999, capitals=1, clamp=0)
_default_ready = True
BasicContext = Context(prec=9, rounding=ROUND_HALF_UP,
                       traps=[DivisionByZero, Overflow, InvalidOperation, Clamped, Underflow],
                       flags=[])
ExtendedContext = Context(prec=9, rounding=ROUND_HALF_EVEN, traps=[], flags=[])

_current_context = None


def getcontext():
    """Returns this thread's context."""
    global _current_context
    if _current_context is None:
        _current_context = DefaultContext.copy()
    return _current_context


def setcontext(context):
    """Set this thread's context to context."""
    global _current_context
    if context in (DefaultContext, BasicContext, ExtendedContext):
        context = context.copy()
        context.clear_flags()
    _current_context = context


class _ContextManager(object):
    def __init__(self, new_context):
        self.new_context = new_context.copy()

    def __enter__(self):
        self.saved_context = getcontext()
        setcontext(self.new_context)
        return self.new_context

    def __exit__(self, t, v, tb):
        setcontext(self.saved_context)


def localcontext(ctx=None, **kwargs):
    """Return a context manager for a copy of the supplied context."""
    if ctx is None:
        ctx = getcontext()
    manager = _ContextManager(ctx)
    for key, value in kwargs.items():
        if not hasattr(manager.new_context, key) or key.startswith('_'):
            raise TypeError(f"'{key}' is an invalid keyword argument for this function")
        setattr(manager.new_context, key, value)
    return manager


# ----- helpers --------------------------------------------------------------------

def _round_coefficient(coef, k, mode, sign):
    """Drop k digits from the nonnegative coefficient, rounding by mode.

    Returns (new coefficient, inexact)."""
    if k <= 0:
        return coef * 10 ** -k, False
    q, r = divmod(coef, 10 ** k)
    if r == 0:
        return q, False
    half = 5 * 10 ** (k - 1)
    if mode == ROUND_DOWN:
        up = False
    elif mode == ROUND_UP:
        up = True
    elif mode == ROUND_HALF_UP:
        up = r >= half
    elif mode == ROUND_HALF_DOWN:
        up = r > half
    elif mode == ROUND_HALF_EVEN:
        up = r > half or (r == half and q % 2 == 1)
    elif mode == ROUND_CEILING:
        up = sign == 0
    elif mode == ROUND_FLOOR:
        up = sign == 1
    else:  # ROUND_05UP
        up = q % 10 in (0, 5)
    return q + (1 if up else 0), True


def _convert(other, raiseit=False, allow_float=False):
    if isinstance(other, Decimal):
        return other
    if isinstance(other, int):
        return Decimal(other)
    if allow_float and isinstance(other, float):
        return Decimal.from_float(other)
    if raiseit:
        raise TypeError("Unable to convert %s to Decimal" % other)
    return NotImplemented


def _parse(text):
    """(sign, coefficient, exponent) of a numeric string, or a special
    (sign, payload, 'n'|'N'|'F'), or None when malformed."""
    s = text.strip().replace('_', '') if '__' not in text else None
    if s is None or not s or text.strip().startswith('_') or text.strip().endswith('_'):
        return None
    sign = 0
    if s[0] in '+-':
        sign = 1 if s[0] == '-' else 0
        s = s[1:]
    low = s.lower()
    if low in ('inf', 'infinity'):
        return sign, 0, 'F'
    for prefix, kind in (('snan', 'N'), ('nan', 'n')):
        if low.startswith(prefix):
            payload = low[len(prefix):]
            if payload == '':
                return sign, 0, kind
            if payload.isdigit() and payload.isascii():
                return sign, int(payload), kind
            return None
    mantissa, exp = s, 0
    for marker in ('e', 'E'):
        if marker in s:
            mantissa, _, exptext = s.partition(marker)
            digits = exptext[1:] if exptext[:1] in '+-' and exptext[:1] else exptext
            if not digits or not (digits.isdigit() and digits.isascii()):
                return None
            exp = int(exptext)
            break
    intpart, dot, frac = mantissa.partition('.')
    if not intpart and not frac:
        return None
    for part in (intpart, frac):
        if part and not (part.isdigit() and part.isascii()):
            return None
    coefficient = int((intpart + frac) or '0')
    return sign, coefficient, exp - len(frac)


# ----- the Decimal type ------------------------------------------------------------

class Decimal(object):
    """Floating point class for decimal arithmetic."""

    __slots__ = ('_exp', '_int', '_sign', '_is_special')

    def __new__(cls, value="0", context=None):
        self = object.__new__(cls)
        if isinstance(value, str):
            parsed = _parse(value)
            if parsed is None:
                if context is None:
                    context = getcontext()
                context._raise_error(ConversionSyntax, "Invalid literal for Decimal: %r" % value)
                return cls._make(0, 0, 'n')
            sign, coef, exp = parsed
            return cls._make(sign, coef, exp)
        if isinstance(value, int):
            return cls._make(1 if value < 0 else 0, abs(value), 0)
        if isinstance(value, Decimal):
            return cls._make(value._sign, value._int, value._exp)
        if isinstance(value, float):
            (context or getcontext())._raise_error(FloatOperation)
            return cls.from_float(value)
        if isinstance(value, (list, tuple)):
            if len(value) != 3:
                raise ValueError('argument must be a sequence of length 3')
            sign, digits, exp = value
            if sign not in (0, 1):
                raise ValueError("sign must be an integer with the value 0 or 1")
            if exp == 'F':
                return cls._make(sign, 0, 'F')
            coef = 0
            for d in digits:
                if not isinstance(d, int) or not 0 <= d <= 9:
                    raise ValueError("coefficient must be a tuple of digits")
                coef = coef * 10 + d
            if exp in ('n', 'N'):
                return cls._make(sign, coef, exp)
            if not isinstance(exp, int):
                raise ValueError("exponent must be an integer")
            return cls._make(sign, coef, exp)
        raise TypeError("conversion from %s to Decimal is not supported" % type(value).__name__)

    @classmethod
    def _make(cls, sign, coef, exp):
        self = object.__new__(cls)
        self._sign = sign
        self._int = coef
        self._exp = exp
        self._is_special = exp in ('n', 'N', 'F')
        return self

    @classmethod
    def from_float(cls, f):
        """Converts a float to a decimal number, exactly."""
        if isinstance(f, int):
            return cls(f)
        if not isinstance(f, float):
            raise TypeError("argument must be int or float")
        if _math.isinf(f):
            return cls._make(int(f < 0), 0, 'F')
        if _math.isnan(f):
            return cls._make(int(_math.copysign(1.0, f) < 0), 0, 'n')
        sign = 0 if _math.copysign(1.0, f) == 1.0 else 1
        n, d = abs(f).as_integer_ratio()
        k = d.bit_length() - 1
        result = cls._make(sign, n * 5 ** k, -k)
        if cls is Decimal:
            return result
        return cls(result)

    # ----- properties and predicates -----

    @property
    def real(self):
        return self

    @property
    def imag(self):
        return Decimal(0)

    def conjugate(self):
        return self

    def is_nan(self):
        return self._exp in ('n', 'N')

    def is_qnan(self):
        return self._exp == 'n'

    def is_snan(self):
        return self._exp == 'N'

    def is_infinite(self):
        return self._exp == 'F'

    def is_finite(self):
        return not self._is_special

    def is_signed(self):
        return self._sign == 1

    def is_zero(self):
        return not self._is_special and self._int == 0

    def is_canonical(self):
        return True

    def is_normal(self, context=None):
        if self._is_special or self._int == 0:
            return False
        context = context or getcontext()
        return context.Emin <= self.adjusted()

    def is_subnormal(self, context=None):
        if self._is_special or self._int == 0:
            return False
        context = context or getcontext()
        return self.adjusted() < context.Emin

    def adjusted(self):
        """Return the adjusted exponent of self"""
        if self._is_special:
            return 0
        return self._exp + len(str(self._int)) - 1

    def as_tuple(self):
        """Represents the number as a triple tuple."""
        if self._exp == 'F':
            digits = (0,)
        elif self._int == 0 and self._exp in ('n', 'N'):
            digits = ()
        else:
            digits = tuple(int(c) for c in str(self._int))
        return DecimalTuple(self._sign, digits, self._exp)

    def as_integer_ratio(self):
        """Express a finite Decimal instance in the form n / d."""
        if self._is_special:
            if self.is_nan():
                raise ValueError("cannot convert NaN to integer ratio")
            raise OverflowError("cannot convert Infinity to integer ratio")
        if not self._int:
            return 0, 1
        n = self._int
        if self._exp >= 0:
            n, d = n * 10 ** self._exp, 1
        else:
            d = 10 ** -self._exp
            g = _math.gcd(n, d)
            n //= g
            d //= g
        return (-n if self._sign else n), d

    def _fraction(self):
        """(numerator, denominator) of a finite value."""
        return self.as_integer_ratio()

    # ----- conversions -----

    def __str__(self, eng=False, context=None):
        sign = ['', '-'][self._sign]
        if self._is_special:
            if self._exp == 'F':
                return sign + 'Infinity'
            payload = str(self._int) if self._int else ''
            return sign + ('NaN' if self._exp == 'n' else 'sNaN') + payload
        digits = str(self._int)
        leftdigits = self._exp + len(digits)
        if self._exp <= 0 and leftdigits > -6:
            dotplace = leftdigits
        elif not eng:
            dotplace = 1
        elif self._int == 0:
            dotplace = (leftdigits + 1) % 3 - 1
        else:
            dotplace = (leftdigits - 1) % 3 + 1
        if dotplace <= 0:
            intpart = '0'
            fracpart = '.' + '0' * (-dotplace) + digits
        elif dotplace >= len(digits):
            intpart = digits + '0' * (dotplace - len(digits))
            fracpart = ''
        else:
            intpart = digits[:dotplace]
            fracpart = '.' + digits[dotplace:]
        if leftdigits == dotplace:
            exp = ''
        else:
            if context is None:
                context = getcontext()
            exp = ['e', 'E'][context.capitals] + '%+d' % (leftdigits - dotplace)
        return sign + intpart + fracpart + exp

    def to_eng_string(self, context=None):
        return self.__str__(eng=True, context=context)

    def __repr__(self):
        return "Decimal('%s')" % str(self)

    def __float__(self):
        if self._is_special:
            if self.is_snan():
                raise ValueError("cannot convert signaling NaN to float")
            if self.is_nan():
                return float('-nan' if self._sign else 'nan')
            return float('-inf' if self._sign else 'inf')
        return float(str(self))

    def __int__(self):
        if self._is_special:
            if self.is_nan():
                raise ValueError("cannot convert NaN to integer")
            raise OverflowError("cannot convert Infinity to integer")
        s = -1 if self._sign else 1
        if self._exp >= 0:
            return s * self._int * 10 ** self._exp
        return s * (self._int // 10 ** -self._exp)

    __trunc__ = __int__

    def __floor__(self):
        if self._is_special:
            return self.__int__()
        n, d = self.as_integer_ratio()
        return n // d

    def __ceil__(self):
        if self._is_special:
            return self.__int__()
        n, d = self.as_integer_ratio()
        return -(-n // d)

    def __bool__(self):
        return self._is_special or self._int != 0

    def __hash__(self):
        if self._is_special:
            if self.is_snan():
                raise TypeError('Cannot hash a signaling NaN value.')
            elif self.is_nan():
                return object.__hash__(self)
            return -_PyHASH_INF if self._sign else _PyHASH_INF
        if self._exp >= 0:
            exp_hash = pow(10, self._exp, _PyHASH_MODULUS)
        else:
            exp_hash = pow(_PyHASH_10INV, -self._exp, _PyHASH_MODULUS)
        hash_ = self._int * exp_hash % _PyHASH_MODULUS
        ans = -hash_ if self._sign else hash_
        return -2 if ans == -1 else ans

    def __reduce__(self):
        return (self.__class__, (str(self),))

    def __copy__(self):
        if type(self) is Decimal:
            return self
        return self.__class__(str(self))

    def __deepcopy__(self, memo):
        if type(self) is Decimal:
            return self
        return self.__class__(str(self))

    # ----- rounding -----

    def _fix(self, context):
        """Round to the context's precision."""
        if self._is_special:
            return self
        digits = len(str(self._int))
        if digits <= context.prec:
            return self
        k = digits - context.prec
        coef, inexact = _round_coefficient(self._int, k, context.rounding, self._sign)
        exp = self._exp + k
        if len(str(coef)) > context.prec:
            coef //= 10
            exp += 1
        context._raise_error(Rounded)
        if inexact:
            context._raise_error(Inexact)
        return Decimal._make(self._sign, coef, exp)

    def _rescale(self, exp, rounding):
        """The value with exponent exp (rounding as needed)."""
        if self._is_special:
            return self
        if self._int == 0:
            return Decimal._make(self._sign, 0, exp)
        coef, _ = _round_coefficient(self._int, exp - self._exp, rounding, self._sign)
        return Decimal._make(self._sign, coef, exp)

    def quantize(self, exp, rounding=None, context=None):
        """Quantize self so its exponent is the same as that of exp."""
        exp = _convert(exp, raiseit=True)
        if context is None:
            context = getcontext()
        if rounding is None:
            rounding = context.rounding
        if self._is_special or exp._is_special:
            nan = self._check_nans(exp, context)
            if nan is not None:
                return nan
            if self.is_infinite() and exp.is_infinite():
                return Decimal(self)
            return context._raise_error(InvalidOperation, 'quantize with one INF') or Decimal._make(0, 0, 'n')
        result = self._rescale(exp._exp, rounding)
        if len(str(result._int)) > context.prec:
            return context._raise_error(InvalidOperation, 'quantize result has too many digits') or Decimal._make(0, 0, 'n')
        if result._exp > self._exp:
            if result != self:
                context._raise_error(Inexact)
            context._raise_error(Rounded)
        return result

    def to_integral_value(self, rounding=None, context=None):
        """Rounds to the nearest integer, without raising inexact, rounded."""
        if self._is_special or self._exp >= 0:
            return Decimal(self)
        if context is None:
            context = getcontext()
        return self._rescale(0, rounding or context.rounding)

    to_integral = to_integral_value

    def to_integral_exact(self, rounding=None, context=None):
        return self.to_integral_value(rounding, context)

    def __round__(self, n=None):
        if n is not None:
            if not isinstance(n, int):
                raise TypeError('Second argument to round should be integral')
            exp = Decimal._make(0, 1, -n)
            return self.quantize(exp)
        if self._is_special:
            if self.is_nan():
                raise ValueError("cannot convert NaN to integer")
            else:
                raise OverflowError("cannot convert Infinity to integer")
        return int(self._rescale(0, ROUND_HALF_EVEN))

    def normalize(self, context=None):
        """Normalize- strip trailing 0s, change anything equal to 0 to 0e0"""
        if context is None:
            context = getcontext()
        if self._is_special:
            return Decimal(self)
        dup = self._fix(context)
        if dup._int == 0:
            return Decimal._make(dup._sign, 0, 0)
        coef, exp = dup._int, dup._exp
        while coef % 10 == 0:
            coef //= 10
            exp += 1
        return Decimal._make(dup._sign, coef, exp)

    # ----- NaN handling -----

    def _check_nans(self, other=None, context=None):
        """The NaN result of an operation involving NaNs, or None."""
        if context is None:
            context = getcontext()
        for x in (self, other):
            if x is not None and x.is_snan():
                context._raise_error(InvalidOperation, 'sNaN')
                return Decimal._make(x._sign, x._int, 'n')
        for x in (self, other):
            if x is not None and x.is_qnan():
                return x
        return None

    # ----- arithmetic -----

    def __neg__(self, context=None):
        if self._is_special:
            nan = self._check_nans(context=context)
            if nan is not None:
                return nan
            return Decimal._make(1 - self._sign, 0, 'F')
        context = context or getcontext()
        sign = 0 if self._int == 0 and context.rounding != ROUND_FLOOR else 1 - self._sign
        return Decimal._make(sign, self._int, self._exp)._fix(context)

    def __pos__(self, context=None):
        if self._is_special:
            nan = self._check_nans(context=context)
            if nan is not None:
                return nan
            return Decimal(self)
        context = context or getcontext()
        sign = 0 if self._int == 0 and context.rounding != ROUND_FLOOR else self._sign
        return Decimal._make(sign, self._int, self._exp)._fix(context)

    def __abs__(self, round=True, context=None):
        if self._sign:
            return self.__neg__(context=context)
        return self.__pos__(context=context)

    def copy_abs(self):
        return Decimal._make(0, self._int, self._exp)

    def copy_negate(self):
        return Decimal._make(1 - self._sign, self._int, self._exp)

    def copy_sign(self, other, context=None):
        other = _convert(other, raiseit=True)
        return Decimal._make(other._sign, self._int, self._exp)

    def __add__(self, other, context=None):
        other = _convert(other)
        if other is NotImplemented:
            return other
        if context is None:
            context = getcontext()
        if self._is_special or other._is_special:
            nan = self._check_nans(other, context)
            if nan is not None:
                return nan
            if self.is_infinite():
                if other.is_infinite() and self._sign != other._sign:
                    return context._raise_error(InvalidOperation, '-INF + INF') or Decimal._make(0, 0, 'n')
                return Decimal(self)
            return Decimal(other)
        exp = min(self._exp, other._exp)
        a = self._int * 10 ** (self._exp - exp) * (-1 if self._sign else 1)
        b = other._int * 10 ** (other._exp - exp) * (-1 if other._sign else 1)
        total = a + b
        if total == 0:
            if self._sign and other._sign:
                sign = 1
            else:
                sign = 1 if (context.rounding == ROUND_FLOOR and self._sign != other._sign) else 0
        else:
            sign = 1 if total < 0 else 0
        return Decimal._make(sign, abs(total), exp)._fix(context)

    __radd__ = __add__

    def __sub__(self, other, context=None):
        other = _convert(other)
        if other is NotImplemented:
            return other
        return self.__add__(other.copy_negate() if not other.is_nan() else other, context=context)

    def __rsub__(self, other, context=None):
        other = _convert(other)
        if other is NotImplemented:
            return other
        return other.__sub__(self, context=context)

    def __mul__(self, other, context=None):
        other = _convert(other)
        if other is NotImplemented:
            return other
        if context is None:
            context = getcontext()
        sign = self._sign ^ other._sign
        if self._is_special or other._is_special:
            nan = self._check_nans(other, context)
            if nan is not None:
                return nan
            if (self.is_infinite() and not other) or (other.is_infinite() and not self):
                return context._raise_error(InvalidOperation, '(+-)INF * 0') or Decimal._make(0, 0, 'n')
            return Decimal._make(sign, 0, 'F')
        return Decimal._make(sign, self._int * other._int, self._exp + other._exp)._fix(context)

    __rmul__ = __mul__

    def __truediv__(self, other, context=None):
        other = _convert(other)
        if other is NotImplemented:
            return other
        if context is None:
            context = getcontext()
        sign = self._sign ^ other._sign
        if self._is_special or other._is_special:
            nan = self._check_nans(other, context)
            if nan is not None:
                return nan
            if self.is_infinite() and other.is_infinite():
                return context._raise_error(InvalidOperation, '(+-)INF/(+-)INF') or Decimal._make(0, 0, 'n')
            if self.is_infinite():
                return Decimal._make(sign, 0, 'F')
            context._raise_error(Clamped, 'Division by infinity')
            return Decimal._make(sign, 0, context.Etiny())
        if not other:
            if not self:
                return context._raise_error(DivisionUndefined, '0 / 0') or Decimal._make(0, 0, 'n')
            return context._raise_error(DivisionByZero, 'x / 0') or Decimal._make(sign, 0, 'F')
        ideal_exp = self._exp - other._exp
        if not self:
            return Decimal._make(sign, 0, ideal_exp)
        shift = len(str(other._int)) - len(str(self._int)) + context.prec + 1
        exp = self._exp - other._exp - shift
        if shift >= 0:
            coef, remainder = divmod(self._int * 10 ** shift, other._int)
        else:
            coef, remainder = divmod(self._int, other._int * 10 ** -shift)
        if remainder:
            # a sticky digit so that rounding sees the value is inexact
            if coef % 5 == 0:
                coef += 1
        else:
            while exp < ideal_exp and coef % 10 == 0:
                coef //= 10
                exp += 1
        return Decimal._make(sign, coef, exp)._fix(context)

    def __rtruediv__(self, other, context=None):
        other = _convert(other)
        if other is NotImplemented:
            return other
        return other.__truediv__(self, context=context)

    def _divide(self, other, context):
        """(self // other, self % other) with truncating division."""
        sign = self._sign ^ other._sign
        if other.is_infinite():
            ideal_exp = self._exp
        else:
            ideal_exp = min(self._exp, other._exp)
        expdiff = self.adjusted() - other.adjusted()
        if not self or other.is_infinite() or expdiff <= -2:
            return (Decimal._make(sign, 0, 0), self._rescale(ideal_exp, context.rounding))
        if expdiff <= context.prec:
            exp = min(self._exp, other._exp)
            op1 = self._int * 10 ** (self._exp - exp)
            op2 = other._int * 10 ** (other._exp - exp)
            q, r = divmod(op1, op2)
            if q < 10 ** context.prec:
                return (Decimal._make(sign, q, 0), Decimal._make(self._sign, r, ideal_exp))
        ans = context._raise_error(DivisionImpossible, 'quotient too large in //, % or divmod')
        return ans, ans

    def __divmod__(self, other, context=None):
        other = _convert(other)
        if other is NotImplemented:
            return other
        if context is None:
            context = getcontext()
        nan = self._check_nans(other, context)
        if nan is not None:
            return (nan, nan)
        sign = self._sign ^ other._sign
        if self.is_infinite():
            if other.is_infinite():
                ans = context._raise_error(InvalidOperation, 'divmod(INF, INF)')
                return ans, ans
            return (Decimal._make(sign, 0, 'F'), context._raise_error(InvalidOperation, 'INF % x'))
        if not other:
            if not self:
                ans = context._raise_error(DivisionUndefined, 'divmod(0, 0)')
                return ans, ans
            return (context._raise_error(DivisionByZero, 'x // 0'),
                    context._raise_error(InvalidOperation, 'x % 0'))
        quotient, remainder = self._divide(other, context)
        return quotient, remainder._fix(context)

    def __rdivmod__(self, other, context=None):
        other = _convert(other)
        if other is NotImplemented:
            return other
        return other.__divmod__(self, context=context)

    def __mod__(self, other, context=None):
        other = _convert(other)
        if other is NotImplemented:
            return other
        if context is None:
            context = getcontext()
        nan = self._check_nans(other, context)
        if nan is not None:
            return nan
        if self.is_infinite():
            return context._raise_error(InvalidOperation, 'INF % x')
        if not other:
            if self:
                return context._raise_error(InvalidOperation, 'x % 0')
            return context._raise_error(DivisionUndefined, '0 % 0')
        return self._divide(other, context)[1]._fix(context)

    def __rmod__(self, other, context=None):
        other = _convert(other)
        if other is NotImplemented:
            return other
        return other.__mod__(self, context=context)

    def __floordiv__(self, other, context=None):
        other = _convert(other)
        if other is NotImplemented:
            return other
        if context is None:
            context = getcontext()
        nan = self._check_nans(other, context)
        if nan is not None:
            return nan
        if self.is_infinite():
            if other.is_infinite():
                return context._raise_error(InvalidOperation, 'INF // INF')
            return Decimal._make(self._sign ^ other._sign, 0, 'F')
        if not other:
            if self:
                return context._raise_error(DivisionByZero, 'x // 0') or Decimal._make(self._sign ^ other._sign, 0, 'F')
            return context._raise_error(DivisionUndefined, '0 // 0')
        return self._divide(other, context)[0]

    def __rfloordiv__(self, other, context=None):
        other = _convert(other)
        if other is NotImplemented:
            return other
        return other.__floordiv__(self, context=context)

    def __pow__(self, other, modulo=None, context=None):
        other = _convert(other)
        if other is NotImplemented:
            return other
        if context is None:
            context = getcontext()
        if modulo is not None:
            modulo = _convert(modulo, raiseit=True)
            if any(x._is_special or x._exp != 0 for x in (self, other, modulo)) or other._sign:
                return context._raise_error(InvalidOperation, 'pow() 3rd argument not allowed unless all arguments are integers')
            base = int(self)
            result = pow(base, int(other), int(modulo))
            return Decimal(result)
        nan = self._check_nans(other, context)
        if nan is not None:
            return nan
        if other._is_special or other._exp < 0 and other._int % 10 ** -other._exp:
            if self.is_infinite() or other.is_infinite():
                return self._pow_special(other, context)
            raise NotImplementedError("non-integral powers of Decimal are not supported by Egret's decimal")
        n = int(other)
        if self.is_infinite():
            if n == 0:
                return Decimal(1)
            sign = self._sign if n % 2 else 0
            return Decimal._make(sign, 0, 'F') if n > 0 else Decimal._make(sign, 0, 0)
        if not self:
            if n == 0:
                return context._raise_error(InvalidOperation, '0 ** 0')
            sign = self._sign if n % 2 else 0
            if n < 0:
                return context._raise_error(DivisionByZero, '0 ** -n') or Decimal._make(sign, 0, 'F')
            return Decimal._make(sign, 0, 0)
        sign = self._sign if n % 2 else 0
        if n >= 0:
            return Decimal._make(sign, self._int ** n, self._exp * n)._fix(context)
        with localcontext(context) as work:
            work.prec = context.prec + 10
            denominator = Decimal._make(0, self._int ** -n, self._exp * -n)
            result = Decimal(1).__truediv__(denominator, context=work)
        return Decimal._make(sign, result._int, result._exp)._fix(context)

    def _pow_special(self, other, context):
        if other.is_infinite():
            if abs(self) == 1:
                return Decimal(1)
            bigger = abs(self) > 1
            if (other._sign == 0) == bigger:
                return Decimal._make(0, 0, 'F')
            return Decimal(0)
        return Decimal._make(self._sign, 0, 'F')

    def __rpow__(self, other, modulo=None, context=None):
        other = _convert(other)
        if other is NotImplemented:
            return other
        return other.__pow__(self, modulo, context=context)

    def sqrt(self, context=None):
        """Return the square root of self."""
        if context is None:
            context = getcontext()
        if self._is_special:
            nan = self._check_nans(context=context)
            if nan is not None:
                return nan
            if self._sign == 0:
                return Decimal(self)
        if not self:
            return Decimal._make(self._sign, 0, self._exp // 2)
        if self._sign == 1:
            return context._raise_error(InvalidOperation, 'sqrt(-x), x > 0')
        prec = context.prec + 1
        coef, exp = self._int, self._exp
        if exp % 2:
            coef *= 10
            exp -= 1
        shift = max(0, prec - (len(str(coef)) + 1) // 2)
        coef *= 100 ** shift
        exp -= 2 * shift
        root = _math.isqrt(coef)
        exact = root * root == coef
        if not exact and root % 5 == 0:
            root += 1
        result = Decimal._make(0, root, exp // 2)
        if exact:
            ideal = self._exp // 2
            r, e = result._int, result._exp
            while e < ideal and r % 10 == 0:
                r //= 10
                e += 1
            result = Decimal._make(0, r, e)
        with localcontext(context) as work:
            work.rounding = ROUND_HALF_EVEN
            return result._fix(work)

    # ----- comparisons -----

    def _compare_value(self, other):
        """-1, 0 or 1 comparing two non-NaN values exactly."""
        if self.is_infinite() or other.is_infinite():
            a = 0 if not self.is_infinite() else (-1 if self._sign else 1)
            b = 0 if not other.is_infinite() else (-1 if other._sign else 1)
            if a == b:
                return 0
            if a or b:
                return -1 if a < b else 1
        n1, d1 = self.as_integer_ratio()
        n2, d2 = other.as_integer_ratio()
        left, right = n1 * d2, n2 * d1
        return (left > right) - (left < right)

    def _convert_for_compare(self, other, equality_op=False):
        if isinstance(other, Decimal):
            return self, other
        if isinstance(other, int):
            return self, Decimal(other)
        if isinstance(other, float):
            getcontext()._raise_error(FloatOperation)
            return self, Decimal.from_float(other)
        if isinstance(other, _numbers.Rational):
            if self._is_special:
                return self, None
            n, d = self.as_integer_ratio()
            return ('ratio', n * other.denominator, d * other.numerator), None
        if equality_op and isinstance(other, _numbers.Complex) and other.imag == 0:
            return self._convert_for_compare(other.real)
        return NotImplemented, NotImplemented

    def __eq__(self, other, context=None):
        a, b = self._convert_for_compare(other, equality_op=True)
        if a is NotImplemented:
            return NotImplemented
        if isinstance(a, tuple):
            return a[1] == a[2]
        if b is None:
            return False
        if self.is_nan() or b.is_nan():
            return False
        return self._compare_value(b) == 0

    def _order(self, other, op):
        a, b = self._convert_for_compare(other)
        if a is NotImplemented:
            return NotImplemented
        if isinstance(a, tuple):
            return op(a[1], a[2])
        if b is None:
            if self.is_nan():
                getcontext()._raise_error(InvalidOperation, 'comparison involving NaN')
                return False
            b = Decimal(0)
            c = -1 if self._sign else 1
            return op(c, 0)
        if self.is_nan() or b.is_nan():
            getcontext()._raise_error(InvalidOperation, 'comparison involving NaN')
            return False
        return op(self._compare_value(b), 0)

    def __lt__(self, other, context=None):
        return self._order(other, lambda x, y: x < y)

    def __le__(self, other, context=None):
        return self._order(other, lambda x, y: x <= y)

    def __gt__(self, other, context=None):
        return self._order(other, lambda x, y: x > y)

    def __ge__(self, other, context=None):
        return self._order(other, lambda x, y: x >= y)

    def compare(self, other, context=None):
        """Compare self to other: Decimal('-1'), Decimal('0') or Decimal('1') (or NaN)."""
        other = _convert(other, raiseit=True)
        if self._is_special or other._is_special:
            nan = self._check_nans(other, context)
            if nan is not None:
                return nan
        return Decimal(self._compare_value(other))

    def max(self, other, context=None):
        other = _convert(other, raiseit=True)
        return other if self._compare_value(other) < 0 else self

    def min(self, other, context=None):
        other = _convert(other, raiseit=True)
        return other if self._compare_value(other) > 0 else self

    def same_quantum(self, other, context=None):
        other = _convert(other, raiseit=True)
        if self._is_special or other._is_special:
            return (self.is_nan() and other.is_nan()) or (self.is_infinite() and other.is_infinite())
        return self._exp == other._exp

    def fma(self, other, third, context=None):
        other = _convert(other, raiseit=True)
        product = Decimal._make(self._sign ^ other._sign, self._int * other._int, self._exp + other._exp)
        return product.__add__(third, context=context)

    def number_class(self, context=None):
        if self.is_snan():
            return "sNaN"
        if self.is_qnan():
            return "NaN"
        sign = '-' if self._sign else '+'
        if self.is_infinite():
            return sign + "Infinity"
        if self.is_zero():
            return sign + "Zero"
        if self.is_subnormal(context):
            return sign + "Subnormal"
        return sign + "Normal"

    # ----- formatting -----

    def __format__(self, specifier, context=None, _localeconv=None):
        if context is None:
            context = getcontext()
        spec = _parse_spec(specifier)
        if spec is None:
            raise ValueError("Invalid format specifier: " + specifier)
        fill, align, sign_flag, no_neg_zero, alt, zeropad, width, thousands, precision, kind = spec
        if kind is None:
            kind = 'g' if precision is not None else None
        if self._is_special:
            body = str(self.copy_abs())
            if kind == '%' and self.is_infinite():
                body += '%'
            sign = '-' if self._sign else ('' if sign_flag == '-' else sign_flag)
            return _pad(sign, body, fill, align or '>', width, zeropad)
        rounding = context.rounding
        value = self
        if kind in ('f', 'F', '%'):
            if kind == '%':
                value = Decimal._make(self._sign, self._int, self._exp + 2)
            if precision is not None:
                value = value._rescale(-precision, rounding)
            body = _plain_digits(value, force_point=alt)
        elif kind in ('e', 'E'):
            if precision is not None:
                value = _round_figures(value, precision + 1, rounding)
            body = _sci_digits(value, 'E' if kind == 'E' else 'e', alt)
        elif kind in ('g', 'G'):
            if precision is not None:
                value = _round_figures(value, max(precision, 1), rounding)
            leftdigits = value._exp + len(str(value._int))
            if value._exp <= 0 and leftdigits > -6:
                body = _plain_digits(value, force_point=alt)
            else:
                body = _sci_digits(value, 'E' if kind == 'G' else 'e', alt)
        else:
            text = str(value.copy_abs())
            body = text if context.capitals else text.replace('E', 'e')
        if kind == '%':
            body += '%'
        if thousands:
            intpart, dot, rest = body.partition('.')
            if intpart.isdigit():
                groups = []
                while len(intpart) > 3:
                    groups.insert(0, intpart[-3:])
                    intpart = intpart[:-3]
                groups.insert(0, intpart)
                body = thousands.join(groups) + dot + rest
        negative = bool(self._sign)
        if no_neg_zero and negative and all(c in '0.,_%' for c in body):
            negative = False
        sign = '-' if negative else ('' if sign_flag == '-' else sign_flag)
        return _pad(sign, body, fill, align or '>', width, zeropad)

    # ----- misc -----

    def logb(self, context=None):
        if self._is_special:
            return Decimal(self)
        if not self:
            return getcontext()._raise_error(DivisionByZero, 'logb(0)') or Decimal._make(1, 0, 'F')
        return Decimal(self.adjusted())

    def radix(self):
        return Decimal(10)

    def canonical(self):
        return self

    def scaleb(self, other, context=None):
        other = _convert(other, raiseit=True)
        if self._is_special:
            return Decimal(self)
        return Decimal._make(self._sign, self._int, self._exp + int(other))._fix(context or getcontext())


def _round_figures(value, figures, rounding):
    """value rounded to `figures` significant digits."""
    if value._int == 0:
        return Decimal._make(value._sign, 0, value._exp)
    digits = len(str(value._int))
    drop = digits - figures
    coef, _ = _round_coefficient(value._int, drop, rounding, value._sign)
    exp = value._exp + drop
    if len(str(coef)) > figures:
        coef //= 10
        exp += 1
    return Decimal._make(value._sign, coef, exp)


def _plain_digits(value, force_point=False):
    digits = str(value._int)
    exp = value._exp
    if exp >= 0:
        text = digits + '0' * exp if value._int else '0'
        return text + ('.' if force_point else '')
    if len(digits) <= -exp:
        digits = '0' * (-exp - len(digits) + 1) + digits
    return digits[:exp] + '.' + digits[exp:]


def _sci_digits(value, e, alt):
    digits = str(value._int)
    exponent = value._exp + len(digits) - 1
    body = digits[0]
    if len(digits) > 1:
        body += '.' + digits[1:]
    elif alt:
        body += '.'
    return '%s%s%+d' % (body, e, exponent)


def _pad(sign, body, fill, align, width, zeropad):
    if zeropad:
        fill, align = '0', '='
    padding = fill * max(0, width - len(sign) - len(body))
    if align == '<':
        return sign + body + padding
    if align == '^':
        half = len(padding) // 2
        return padding[:half] + sign + body + padding[half:]
    if align == '=':
        return sign + padding + body
    return padding + sign + body


def _parse_spec(spec):
    """Fields of a format spec (presentation type optional), or None."""
    i, n = 0, len(spec)
    fill = align = None
    if n >= 2 and spec[1] in '<>=^':
        fill, align, i = spec[0], spec[1], 2
    elif n >= 1 and spec[0] in '<>=^':
        align, i = spec[0], 1
    sign = '-'
    if i < n and spec[i] in '+- ':
        sign = spec[i]
        i += 1
    no_neg_zero = False
    if i < n and spec[i] == 'z':
        no_neg_zero = True
        i += 1
    alt = False
    if i < n and spec[i] == '#':
        alt = True
        i += 1
    zeropad = False
    if i < n and spec[i] == '0':
        zeropad = True
        i += 1
    start = i
    while i < n and spec[i].isdigit():
        i += 1
    width = int(spec[start:i] or '0')
    thousands = None
    if i < n and spec[i] in ',_':
        thousands = spec[i]
        i += 1
    precision = None
    if i < n and spec[i] == '.':
        i += 1
        start = i
        while i < n and spec[i].isdigit():
            i += 1
        if start == i:
            return None
        precision = int(spec[start:i])
    kind = None
    if i < n:
        if spec[i] not in 'eEfFgGn%':
            return None
        kind = spec[i]
        i += 1
    if i != n:
        return None
    if fill is None:
        fill = ' '
    return fill, align, sign, no_neg_zero, alt, zeropad, width, thousands, precision, kind


_numbers.Number.register(Decimal)
