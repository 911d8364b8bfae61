"""fractions: rational numbers (the Fraction class).

Fraction(numerator=0, denominator=None) accepts ints, Rationals, floats,
Decimals and strings such as '3/4', '-1.5e3' or ' 7 '. Arithmetic stays
exact between Fractions and ints, and falls back to float/complex when
mixed with those. Hashes agree with equal ints, floats and Decimals.
"""

import math
import numbers
import operator
import sys

__all__ = ['Fraction']

# Constants of Python's numeric hash (sys.hash_info on 64-bit builds).
_PyHASH_MODULUS = (1 << 61) - 1
_PyHASH_INF = 314159


def _decimal_type():
    try:
        from decimal import Decimal
        return Decimal
    except ImportError:
        return None


def _strip_underscores(text):
    """Digits of a literal with single underscores between digits; None if malformed."""
    if not text:
        return text
    if text[0] == '_' or text[-1] == '_' or '__' in text:
        return None
    return text.replace('_', '')


def _parse_fraction_literal(s):
    """(numerator, denominator) of a Fraction string literal, or None."""
    s = s.strip()
    if not s:
        return None
    sign = 1
    if s[0] in '+-':
        if s[0] == '-':
            sign = -1
        s = s[1:]
    if not s or not (s[0].isdigit() and s[0].isascii() or (s[0] == '.' and s[1:2].isdigit() and s[1:2].isascii())):
        return None

    def digits_ok(t):
        return t == '' or (all(c in '0123456789_' for c in t) and _strip_underscores(t) is not None)

    if '/' in s:
        num, _, den = s.partition('/')
        if not num or not den or not digits_ok(num) or not digits_ok(den):
            return None
        return sign * int(_strip_underscores(num)), int(_strip_underscores(den))
    mantissa, exp = s, 0
    for marker in ('e', 'E'):
        if marker in s:
            mantissa, _, exptext = s.partition(marker)
            body = exptext[1:] if exptext[:1] in ('+', '-') else exptext
            if not body or not digits_ok(body):
                return None
            exp = int(_strip_underscores(exptext[0] + body if exptext[:1] in ('+', '-') else body))
            break
    intpart, dot, frac = mantissa.partition('.')
    if not digits_ok(intpart) or not digits_ok(frac):
        return None
    if not intpart and not frac:
        return None
    numerator = int(_strip_underscores(intpart) or '0')
    denominator = 1
    if frac:
        frac = _strip_underscores(frac)
        scale = 10 ** len(frac)
        numerator = numerator * scale + int(frac)
        denominator = scale
    if exp >= 0:
        numerator *= 10 ** exp
    else:
        denominator *= 10 ** -exp
    return sign * numerator, denominator


def _round_to_exponent(n, d, exponent, no_neg_zero=False):
    """Round n/d to the nearest multiple of 10**exponent (ties to even).

    Returns (negative, significand) with a nonnegative significand.
    """
    if exponent >= 0:
        d *= 10 ** exponent
    else:
        n *= 10 ** -exponent
    q, r = divmod(n + (d >> 1), d)
    if r == 0 and d & 1 == 0:
        q &= -2
    negative = q < 0 if no_neg_zero else n < 0
    return negative, abs(q)


def _round_to_figures(n, d, figures):
    """Round n/d to `figures` significant figures (ties to even).

    Returns (negative, significand, exponent) so that the value is about
    significand * 10**exponent, with exactly `figures` digits in the
    significand (or a zero significand).
    """
    if n == 0:
        return False, 0, 1 - figures
    str_n, str_d = str(abs(n)), str(d)
    magnitude = len(str_n) - len(str_d) + (str_d <= str_n)
    exponent = magnitude - figures
    negative, significand = _round_to_exponent(n, d, exponent)
    if len(str(significand)) == figures + 1:
        significand //= 10
        exponent += 1
    return negative, significand, exponent


def _parse_format_spec(spec):
    """The fields of a float-style format spec, or None if it is not one."""
    i = 0
    n = len(spec)
    fill = align = None
    if n >= 2 and spec[1] in '<>=^':
        fill, align = spec[0], spec[1]
        i = 2
    elif n >= 1 and spec[0] in '<>=^':
        align = spec[0]
        i = 1
    sign = ''
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
    if i + 1 < n and spec[i] == '0' and spec[i + 1].isdigit():
        zeropad = True
        i += 1
    start = i
    while i < n and spec[i] in '0123456789':
        i += 1
    width_text = spec[start:i]
    if len(width_text) > 1 and width_text[0] == '0':
        return None
    thousands = None
    if i < n and spec[i] in ',_':
        thousands = spec[i]
        i += 1
    precision = None
    if i < n and spec[i] == '.':
        i += 1
        start = i
        while i < n and spec[i] in '0123456789':
            i += 1
        precision = spec[start:i]
        if not precision or (len(precision) > 1 and precision[0] == '0'):
            return None
    if i != n - 1 or spec[i] not in 'eEfFgG%':
        return None
    return (fill, align, sign, no_neg_zero, alt, zeropad,
            int(width_text or '0'), thousands,
            int(precision) if precision is not None else 6, spec[i])


class Fraction(numbers.Rational):
    """This class implements rational numbers.

    In the two-argument form of the constructor, Fraction(8, 6) will
    produce a rational number equivalent to 4/3. Both arguments must
    be Rational. The numerator defaults to 0 and the denominator
    defaults to 1 so that Fraction(3) == 3 and Fraction() == 0.

    Fractions can also be constructed from:

      - numeric strings similar to those accepted by the
        float constructor (for example, '-2.3' or '1e10')

      - strings of the form '123/456'

      - float and Decimal instances

      - other Rational instances (including integers)

    """

    __slots__ = ('_numerator', '_denominator')

    def __new__(cls, numerator=0, denominator=None):
        """Constructs a Rational.

        Takes a string like '3/2' or '1.5', another Rational instance, a
        numerator/denominator pair, or a float.
        """
        self = super(Fraction, cls).__new__(cls)

        if denominator is None:
            if type(numerator) is int:
                self._numerator = numerator
                self._denominator = 1
                return self

            elif isinstance(numerator, numbers.Rational):
                self._numerator = numerator.numerator
                self._denominator = numerator.denominator
                return self

            elif isinstance(numerator, float) or (
                    _decimal_type() is not None and isinstance(numerator, _decimal_type())):
                # Exact conversion
                self._numerator, self._denominator = numerator.as_integer_ratio()
                return self

            elif isinstance(numerator, str):
                parsed = _parse_fraction_literal(numerator)
                if parsed is None:
                    raise ValueError('Invalid literal for Fraction: %r' %
                                     numerator)
                numerator, denominator = parsed
            else:
                raise TypeError("argument should be a string "
                                "or a Rational instance")

        elif type(numerator) is int is type(denominator):
            pass  # *very* normal case

        elif (isinstance(numerator, numbers.Rational) and
              isinstance(denominator, numbers.Rational)):
            numerator, denominator = (
                numerator.numerator * denominator.denominator,
                denominator.numerator * numerator.denominator
            )
        else:
            raise TypeError("both arguments should be "
                            "Rational instances")

        if denominator == 0:
            raise ZeroDivisionError('Fraction(%s, 0)' % numerator)
        g = math.gcd(numerator, denominator)
        if denominator < 0:
            g = -g
        numerator //= g
        denominator //= g
        self._numerator = numerator
        self._denominator = denominator
        return self

    @classmethod
    def from_float(cls, f):
        """Converts a finite float to a rational number, exactly.

        Beware that Fraction.from_float(0.3) != Fraction(3, 10).

        """
        if isinstance(f, numbers.Integral):
            return cls(f)
        elif not isinstance(f, float):
            raise TypeError("%s.from_float() only takes floats, not %r (%s)" %
                            (cls.__name__, f, type(f).__name__))
        return cls._from_coprime_ints(*f.as_integer_ratio())

    @classmethod
    def from_decimal(cls, dec):
        """Converts a finite Decimal instance to a rational number, exactly."""
        Decimal = _decimal_type()
        if isinstance(dec, numbers.Integral):
            dec = Decimal(int(dec))
        elif Decimal is None or not isinstance(dec, Decimal):
            raise TypeError(
                "%s.from_decimal() only takes Decimals, not %r (%s)" %
                (cls.__name__, dec, type(dec).__name__))
        return cls._from_coprime_ints(*dec.as_integer_ratio())

    @classmethod
    def _from_coprime_ints(cls, numerator, denominator, /):
        """Convert a pair of ints to a rational number, for internal use.

        The ratio of integers should be in lowest terms and the denominator
        should be positive.
        """
        obj = super(Fraction, cls).__new__(cls)
        obj._numerator = numerator
        obj._denominator = denominator
        return obj

    def is_integer(self):
        """Return True if the Fraction is an integer."""
        return self._denominator == 1

    def as_integer_ratio(self):
        """Return a pair of integers, whose ratio is equal to the original Fraction.

        The ratio is in lowest terms and has a positive denominator.
        """
        return (self._numerator, self._denominator)

    def limit_denominator(self, max_denominator=1000000):
        """Closest Fraction to self with denominator at most max_denominator.

        >>> Fraction('3.141592653589793').limit_denominator(10)
        Fraction(22, 7)
        >>> Fraction('3.141592653589793').limit_denominator(100)
        Fraction(311, 99)
        >>> Fraction(4321, 8765).limit_denominator(10000)
        Fraction(4321, 8765)
        """
        # The best approximations come from the continued fraction expansion
        # of self (its convergents), or from one semiconvergent between the
        # last two convergents whose denominators fit.
        if max_denominator < 1:
            raise ValueError("max_denominator should be at least 1")
        if self._denominator <= max_denominator:
            return Fraction(self)

        p_prev, q_prev, p_cur, q_cur = 0, 1, 1, 0
        n, d = self._numerator, self._denominator
        while True:
            a = n // d
            q_next = q_prev + a * q_cur
            if q_next > max_denominator:
                break
            p_prev, q_prev, p_cur, q_cur = p_cur, q_cur, p_prev + a * p_cur, q_next
            n, d = d, n - a * d
        k = (max_denominator - q_prev) // q_cur

        # Whichever of the convergent p_cur/q_cur and the semiconvergent
        # (p_prev + k*p_cur)/(q_prev + k*q_cur) is closer wins; the
        # semiconvergent only on a strict improvement.
        if 2 * d * (q_prev + k * q_cur) <= self._denominator:
            return Fraction._from_coprime_ints(p_cur, q_cur)
        else:
            return Fraction._from_coprime_ints(p_prev + k * p_cur, q_prev + k * q_cur)

    @property
    def numerator(a):
        return a._numerator

    @property
    def denominator(a):
        return a._denominator

    def __repr__(self):
        """repr(self)"""
        return '%s(%s, %s)' % (self.__class__.__name__,
                               self._numerator, self._denominator)

    def __str__(self):
        """str(self)"""
        if self._denominator == 1:
            return str(self._numerator)
        else:
            return '%s/%s' % (self._numerator, self._denominator)

    def __format__(self, format_spec, /):
        """Format this fraction according to the given format specification."""
        if not format_spec:
            return str(self)
        parsed = _parse_format_spec(format_spec)
        if parsed is None:
            raise ValueError(
                f"Invalid format specifier {format_spec!r} "
                f"for object of type {type(self).__name__!r}"
            )
        (fill, align, sign_flag, no_neg_zero, alternate, zeropad,
         width, thousands, precision, kind) = parsed
        if align is not None and zeropad:
            raise ValueError(
                f"Invalid format specifier {format_spec!r} "
                f"for object of type {type(self).__name__!r}; "
                "can't use explicit alignment when zero-padding"
            )
        fill = fill or " "
        align = align or ">"
        positive_sign = "" if sign_flag == "-" else sign_flag
        trim_zeros = kind in "gG" and not alternate
        trim_point = not alternate
        exponent_char = "E" if kind in "EFG" else "e"

        # Round, then decide where the point goes: point_pos counts the
        # digits after it, from the end of the digit string.
        if kind in "fF%":
            exponent = -precision - (2 if kind == "%" else 0)
            negative, significand = _round_to_exponent(
                self._numerator, self._denominator, exponent, no_neg_zero)
            scientific = False
            point_pos = precision
        else:
            figures = max(precision, 1) if kind in "gG" else precision + 1
            negative, significand, exponent = _round_to_figures(
                self._numerator, self._denominator, figures)
            scientific = (kind in "eE" or exponent > 0
                          or exponent + figures <= -4)
            point_pos = figures - 1 if scientific else -exponent

        if kind == "%":
            suffix = "%"
        elif scientific:
            suffix = f"{exponent_char}{exponent + point_pos:+03d}"
        else:
            suffix = ""

        digits = f"{significand:0{point_pos + 1}d}"
        sign = "-" if negative else positive_sign
        leading = digits[:len(digits) - point_pos]
        fraction_digits = digits[len(digits) - point_pos:]
        if trim_zeros:
            fraction_digits = fraction_digits.rstrip("0")
        point = "" if trim_point and not fraction_digits else "."
        trailing = point + fraction_digits + suffix

        if zeropad:
            min_leading = width - len(sign) - len(trailing)
            # separators are inserted into the zero padding as well
            leading = leading.zfill(
                3 * min_leading // 4 + 1 if thousands else min_leading)
        if thousands:
            first = 1 + (len(leading) - 1) % 3
            leading = leading[:first] + "".join(
                thousands + leading[pos:pos + 3]
                for pos in range(first, len(leading), 3))

        body = leading + trailing
        padding = fill * (width - len(sign) - len(body))
        if align == ">":
            return padding + sign + body
        if align == "<":
            return sign + body + padding
        if align == "^":
            half = len(padding) // 2
            return padding[:half] + sign + body + padding[half:]
        return sign + padding + body

    def _operator_fallbacks(monomorphic_operator, fallback_operator):
        """Generates forward and reverse operators given a purely-rational
        operator and a function from the operator module.

        Fractions and ints use the exact operator; floats and complexes
        (and other Reals/Complexes on the right-hand side) convert the
        Fraction instead.
        """
        def forward(a, b):
            if isinstance(b, Fraction):
                return monomorphic_operator(a, b)
            elif isinstance(b, int):
                return monomorphic_operator(a, Fraction._from_coprime_ints(b, 1))
            elif isinstance(b, float):
                return fallback_operator(float(a), b)
            elif isinstance(b, complex):
                return fallback_operator(complex(a), b)
            else:
                return NotImplemented
        forward.__name__ = '__' + fallback_operator.__name__ + '__'
        forward.__doc__ = monomorphic_operator.__doc__

        def reverse(b, a):
            if isinstance(a, int):
                return monomorphic_operator(Fraction._from_coprime_ints(a, 1), b)
            elif isinstance(a, numbers.Rational):
                return monomorphic_operator(Fraction(a), b)
            elif isinstance(a, numbers.Real):
                return fallback_operator(float(a), float(b))
            elif isinstance(a, numbers.Complex):
                return fallback_operator(complex(a), complex(b))
            else:
                return NotImplemented
        reverse.__name__ = '__r' + fallback_operator.__name__ + '__'
        reverse.__doc__ = monomorphic_operator.__doc__

        return forward, reverse

    def _add(a, b):
        """a + b"""
        na, da = a._numerator, a._denominator
        nb, db = b._numerator, b._denominator
        g = math.gcd(da, db)
        if g == 1:
            return Fraction._from_coprime_ints(na * db + da * nb, da * db)
        s = da // g
        t = na * (db // g) + nb * s
        g2 = math.gcd(t, g)
        if g2 == 1:
            return Fraction._from_coprime_ints(t, s * db)
        return Fraction._from_coprime_ints(t // g2, s * (db // g2))

    __add__, __radd__ = _operator_fallbacks(_add, operator.add)

    def _sub(a, b):
        """a - b"""
        na, da = a._numerator, a._denominator
        nb, db = b._numerator, b._denominator
        g = math.gcd(da, db)
        if g == 1:
            return Fraction._from_coprime_ints(na * db - da * nb, da * db)
        s = da // g
        t = na * (db // g) - nb * s
        g2 = math.gcd(t, g)
        if g2 == 1:
            return Fraction._from_coprime_ints(t, s * db)
        return Fraction._from_coprime_ints(t // g2, s * (db // g2))

    __sub__, __rsub__ = _operator_fallbacks(_sub, operator.sub)

    def _mul(a, b):
        """a * b"""
        na, da = a._numerator, a._denominator
        nb, db = b._numerator, b._denominator
        g1 = math.gcd(na, db)
        if g1 > 1:
            na //= g1
            db //= g1
        g2 = math.gcd(nb, da)
        if g2 > 1:
            nb //= g2
            da //= g2
        return Fraction._from_coprime_ints(na * nb, db * da)

    __mul__, __rmul__ = _operator_fallbacks(_mul, operator.mul)

    def _div(a, b):
        """a / b"""
        nb, db = b._numerator, b._denominator
        if nb == 0:
            raise ZeroDivisionError('Fraction(%s, 0)' % db)
        na, da = a._numerator, a._denominator
        g1 = math.gcd(na, nb)
        if g1 > 1:
            na //= g1
            nb //= g1
        g2 = math.gcd(db, da)
        if g2 > 1:
            da //= g2
            db //= g2
        n, d = na * db, nb * da
        if d < 0:
            n, d = -n, -d
        return Fraction._from_coprime_ints(n, d)

    __truediv__, __rtruediv__ = _operator_fallbacks(_div, operator.truediv)

    def _floordiv(a, b):
        """a // b"""
        return (a.numerator * b.denominator) // (a.denominator * b.numerator)

    __floordiv__, __rfloordiv__ = _operator_fallbacks(_floordiv, operator.floordiv)

    def _divmod(a, b):
        """(a // b, a % b)"""
        da, db = a.denominator, b.denominator
        div, n_mod = divmod(a.numerator * db, da * b.numerator)
        return div, Fraction(n_mod, da * db)

    __divmod__, __rdivmod__ = _operator_fallbacks(_divmod, divmod)

    def _mod(a, b):
        """a % b"""
        da, db = a.denominator, b.denominator
        return Fraction((a.numerator * db) % (b.numerator * da), da * db)

    __mod__, __rmod__ = _operator_fallbacks(_mod, operator.mod)

    def __pow__(a, b):
        """a ** b

        If b is not an integer, the result will be a float or complex
        since roots are generally irrational. If b is an integer, the
        result will be rational.

        """
        if isinstance(b, numbers.Rational):
            if b.denominator == 1:
                power = b.numerator
                if power >= 0:
                    return Fraction._from_coprime_ints(a._numerator ** power,
                                                       a._denominator ** power)
                elif a._numerator > 0:
                    return Fraction._from_coprime_ints(a._denominator ** -power,
                                                       a._numerator ** -power)
                elif a._numerator == 0:
                    raise ZeroDivisionError('Fraction(%s, 0)' %
                                            a._denominator ** -power)
                else:
                    return Fraction._from_coprime_ints((-a._denominator) ** -power,
                                                       (-a._numerator) ** -power)
            else:
                # A fractional power will generally produce an
                # irrational number.
                return float(a) ** float(b)
        elif isinstance(b, (float, complex)):
            return float(a) ** b
        else:
            return NotImplemented

    def __rpow__(b, a):
        """a ** b"""
        if b._denominator == 1 and b._numerator >= 0:
            # If a is an int, keep it that way if possible.
            return a ** b._numerator

        if isinstance(a, numbers.Rational):
            return Fraction(a.numerator, a.denominator) ** b

        if b._denominator == 1:
            return a ** b._numerator

        return a ** float(b)

    def __pos__(a):
        """+a: Coerces a subclass instance to Fraction"""
        return Fraction._from_coprime_ints(a._numerator, a._denominator)

    def __neg__(a):
        """-a"""
        return Fraction._from_coprime_ints(-a._numerator, a._denominator)

    def __abs__(a):
        """abs(a)"""
        return Fraction._from_coprime_ints(abs(a._numerator), a._denominator)

    def __int__(a, _index=operator.index):
        """int(a)"""
        if a._numerator < 0:
            return _index(-(-a._numerator // a._denominator))
        else:
            return _index(a._numerator // a._denominator)

    def __trunc__(a):
        """math.trunc(a)"""
        if a._numerator < 0:
            return -(-a._numerator // a._denominator)
        else:
            return a._numerator // a._denominator

    def __floor__(a):
        """math.floor(a)"""
        return a._numerator // a._denominator

    def __ceil__(a):
        """math.ceil(a)"""
        # The negations cleverly convince floordiv to return the ceiling.
        return -(-a._numerator // a._denominator)

    def __round__(self, ndigits=None):
        """round(self, ndigits)

        Rounds half toward even.
        """
        if ndigits is None:
            d = self._denominator
            floor, remainder = divmod(self._numerator, d)
            if remainder * 2 < d:
                return floor
            elif remainder * 2 > d:
                return floor + 1
            # Deal with the half case:
            elif floor % 2 == 0:
                return floor
            else:
                return floor + 1
        shift = 10 ** abs(ndigits)
        # See _operator_fallbacks.forward to check that the results of
        # these operations will always be Fraction and therefore have
        # round().
        if ndigits > 0:
            return Fraction(round(self * shift), shift)
        else:
            return Fraction(round(self / shift) * shift)

    def __hash__(self):
        """hash(self)"""
        # The hash of n/d is n * (d's inverse modulo P), the same rule as
        # for ints, floats and Decimals, so equal numbers hash equal.
        try:
            dinv = pow(self._denominator, -1, _PyHASH_MODULUS)
        except ValueError:
            # ValueError means there is no modular inverse: d is a multiple of P.
            hash_ = _PyHASH_INF
        else:
            hash_ = hash(hash(abs(self._numerator)) * dinv)
        result = hash_ if self._numerator >= 0 else -hash_
        return -2 if result == -1 else result

    def __eq__(a, b):
        """a == b"""
        if type(b) is int:
            return a._numerator == b and a._denominator == 1
        if isinstance(b, numbers.Rational):
            return (a._numerator == b.numerator and
                    a._denominator == b.denominator)
        if isinstance(b, numbers.Complex) and b.imag == 0:
            b = b.real
        if isinstance(b, float):
            if math.isnan(b) or math.isinf(b):
                # comparisons with an infinite or nan should behave in
                # the same way for any finite a, so treat a as zero.
                return 0.0 == b
            else:
                return a == a.from_float(b)
        else:
            # Since a doesn't know how to compare with non-numbers.Rational
            # types, let b try.
            return NotImplemented

    def _richcmp(self, other, op):
        """Helper for comparison operators, for internal use only.

        Implement comparison between a Rational instance `self`, and
        either another Rational instance or a float `other`.  If
        `other` is not a Rational instance or a float, return
        NotImplemented. `op` should be one of the six standard
        comparison operators.

        """
        # convert other to a Rational instance where reasonable.
        if isinstance(other, numbers.Rational):
            return op(self._numerator * other.denominator,
                      self._denominator * other.numerator)
        if isinstance(other, float):
            if math.isnan(other) or math.isinf(other):
                return op(0.0, other)
            else:
                return op(self, self.from_float(other))
        else:
            return NotImplemented

    def __lt__(a, b):
        """a < b"""
        return a._richcmp(b, operator.lt)

    def __gt__(a, b):
        """a > b"""
        return a._richcmp(b, operator.gt)

    def __le__(a, b):
        """a <= b"""
        return a._richcmp(b, operator.le)

    def __ge__(a, b):
        """a >= b"""
        return a._richcmp(b, operator.ge)

    def __bool__(a):
        """a != 0"""
        # bpo-39274: Use bool() because (a._numerator != 0) can return an
        # object which is not a bool.
        return bool(a._numerator)

    # support for pickling, copy, and deepcopy

    def __reduce__(self):
        return (self.__class__, (self._numerator, self._denominator))

    def __copy__(self):
        if type(self) == Fraction:
            return self     # I'm immutable; therefore I am my own clone
        return self.__class__(self._numerator, self._denominator)

    def __deepcopy__(self, memo):
        if type(self) == Fraction:
            return self     # My components are also immutable
        return self.__class__(self._numerator, self._denominator)
