"""Egret's time module.

The clocks, ``sleep`` and the C library's local-time conversions come from
the native ``_time`` module; ``struct_time``, ``gmtime`` (pure calendar
arithmetic), ``strftime``, ``strptime``, ``asctime`` and friends are written
here from the documented behaviour of CPython 3.12's time module.
"""

from _time import (time, time_ns, monotonic, monotonic_ns, perf_counter,
                   perf_counter_ns, process_time, process_time_ns,
                   thread_time, thread_time_ns, sleep)
import _time

_FIELDS = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec',
           'tm_wday', 'tm_yday', 'tm_isdst')
_DAY_ABBR = ('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')
_DAY_NAME = ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday',
             'Saturday', 'Sunday')
_MONTH_ABBR = ('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep',
               'Oct', 'Nov', 'Dec')
_MONTH_NAME = ('January', 'February', 'March', 'April', 'May', 'June', 'July',
               'August', 'September', 'October', 'November', 'December')


class struct_time(tuple):
    """The time value as returned by gmtime(), localtime(), and strptime()."""

    n_sequence_fields = 9
    n_fields = 11
    n_unnamed_fields = 0

    def __new__(cls, seq, dict=None):
        seq = tuple(seq)
        if not 9 <= len(seq) <= 11:
            if len(seq) < 9:
                raise TypeError('time.struct_time() takes an at least 9-sequence '
                                '(%d-sequence given)' % (len(seq),))
            raise TypeError('time.struct_time() takes an at most 11-sequence '
                            '(%d-sequence given)' % (len(seq),))
        self = tuple.__new__(cls, seq[:9])
        extra = list(seq[9:]) + [None] * (11 - len(seq))
        if dict:
            extra[0] = dict.get('tm_zone', extra[0])
            extra[1] = dict.get('tm_gmtoff', extra[1])
        self._extra = (extra[0], extra[1])
        return self

    tm_year = property(lambda self: self[0], doc='year, for example, 1993')
    tm_mon = property(lambda self: self[1], doc='month of year, range [1, 12]')
    tm_mday = property(lambda self: self[2], doc='day of month, range [1, 31]')
    tm_hour = property(lambda self: self[3], doc='hours, range [0, 23]')
    tm_min = property(lambda self: self[4], doc='minutes, range [0, 59]')
    tm_sec = property(lambda self: self[5], doc='seconds, range [0, 61])')
    tm_wday = property(lambda self: self[6], doc='day of week, range [0, 6], Monday is 0')
    tm_yday = property(lambda self: self[7], doc='day of year, range [1, 366]')
    tm_isdst = property(lambda self: self[8], doc='1 if summer time is in effect, 0 if not, and -1 if unknown')
    tm_zone = property(lambda self: self._extra[0], doc='abbreviation of timezone name')
    tm_gmtoff = property(lambda self: self._extra[1], doc='offset from UTC in seconds')

    def __repr__(self):
        return 'time.struct_time(%s)' % (', '.join(
            '%s=%r' % (name, value) for name, value in zip(_FIELDS, self)),)

    def __reduce__(self):
        return (struct_time, (tuple(self), {'tm_zone': self._extra[0],
                                            'tm_gmtoff': self._extra[1]}))


struct_time.__module__ = 'time'


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_before_year(year):
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400


_DAYS_BEFORE_MONTH = (0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
_EPOCH_ORDINAL = _days_before_year(1970) + 1   # ordinal of 1970-01-01


def _ordinal(year, month, day):
    """Day number of a date, 0001-01-01 being 1."""
    days = _DAYS_BEFORE_MONTH[month] + (month > 2 and _is_leap(year))
    return _days_before_year(year) + days + day


def _from_ordinal(n):
    """(year, month, day) of a day number (inverse of _ordinal)."""
    n -= 1
    n400, n = divmod(n, 146097)
    year = n400 * 400 + 1
    n100, n = divmod(n, 36524)
    n4, n = divmod(n, 1461)
    n1, n = divmod(n, 365)
    year += n100 * 100 + n4 * 4 + n1
    if n1 == 4 or n100 == 4:
        return year - 1, 12, 31
    leap = _is_leap(year)
    month = 1
    while month < 12:
        after = _DAYS_BEFORE_MONTH[month + 1] + (month + 1 > 2 and leap)
        if n < after:
            break
        month += 1
    before = _DAYS_BEFORE_MONTH[month] + (month > 2 and leap)
    return year, month, n - before + 1


def _whole_seconds(secs):
    if secs is None:
        return int(time() // 1)
    if isinstance(secs, float):
        if secs != secs:
            raise ValueError('Invalid value NaN (not a number)')
        if secs in (float('inf'), float('-inf')):
            raise OverflowError('timestamp out of range for platform time_t')
        return int(secs // 1)
    try:
        return secs.__index__()
    except AttributeError:
        pass
    try:
        return int(float(secs) // 1)
    except TypeError:
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % (type(secs).__name__,)) from None


def gmtime(secs=None):
    """Convert seconds since the Epoch to a time tuple expressing UTC."""
    secs = _whole_seconds(secs)
    days, rest = divmod(secs, 86400)
    ordinal = _EPOCH_ORDINAL + days
    if abs(days) > 784_000_000_000:
        raise OverflowError('timestamp out of range for platform time_t')
    year, month, day = _from_ordinal(ordinal)
    hour, rest = divmod(rest, 3600)
    minute, second = divmod(rest, 60)
    wday = (ordinal + 6) % 7
    yday = ordinal - _ordinal(year, 1, 1) + 1
    return struct_time((year, month, day, hour, minute, second, wday, yday, 0,
                        'GMT', 0))


def localtime(secs=None):
    """Convert seconds since the Epoch to a time tuple expressing local time."""
    secs = _whole_seconds(secs)
    return struct_time(_time._localtime(secs))


def _check_tuple(t, name):
    if isinstance(t, struct_time):
        return t
    if not isinstance(t, tuple):
        raise TypeError('Tuple or struct_time argument required')
    if len(t) != 9:
        raise TypeError('%s(): illegal time tuple argument' % (name,))
    return struct_time(t)


def mktime(t):
    """Convert a local time tuple to seconds since the Epoch."""
    t = _check_tuple(t, 'mktime')
    result = _time._mktime(t[0], t[1], t[2], t[3], t[4], t[5], t[8])
    if result is None:
        raise OverflowError('mktime argument out of range')
    return float(result)


def asctime(t=None):
    """Convert a time tuple to a string, e.g. 'Sat Jun 06 16:26:11 1998'."""
    if t is None:
        t = localtime()
    t = _check_tuple(t, 'asctime')
    return '%s %s %2d %02d:%02d:%02d %d' % (
        _DAY_ABBR[t[6] % 7], _MONTH_ABBR[(t[1] - 1) % 12], t[2], t[3], t[4],
        t[5], t[0])


def ctime(secs=None):
    """Convert a time in seconds since the Epoch to a local-time string."""
    return asctime(localtime(secs))


def _week_number(t, first_weekday):
    """%U (first_weekday=6, Sunday) and %W (0, Monday) week numbers."""
    yday = t[7] - 1
    wday = t[6]
    if first_weekday == 6:
        wday = (wday + 1) % 7
    return (yday + 7 - wday) // 7


def _iso_calendar(t):
    year = t[0]
    ordinal = _ordinal(year, t[1], t[2])

    def week1_monday(y):
        first = _ordinal(y, 1, 1)
        first_wday = (first + 6) % 7
        monday = first - first_wday
        if first_wday > 3:
            monday += 7
        return monday
    start = week1_monday(year)
    if ordinal < start:
        year -= 1
        start = week1_monday(year)
    elif ordinal >= week1_monday(year + 1):
        year += 1
        start = week1_monday(year)
    week = (ordinal - start) // 7 + 1
    return year, week, (ordinal + 6) % 7 + 1


def _checked_strftime_tuple(t):
    t = _check_tuple(t, 'strftime')
    year, mon, mday, hour, minute, sec, wday, yday, isdst = t[:9]
    if mon == 0:
        mon = 1
    if not 1 <= mon <= 12:
        raise ValueError('month out of range')
    if mday == 0:
        mday = 1
    if not 1 <= mday <= 31:
        raise ValueError('day of month out of range')
    if not 0 <= hour <= 23:
        raise ValueError('hour out of range')
    if not 0 <= minute <= 59:
        raise ValueError('minute out of range')
    if not 0 <= sec <= 61:
        raise ValueError('seconds out of range')
    if wday < 0:
        raise ValueError('day of week out of range')
    if yday == 0:
        yday = 1
    if not 1 <= yday <= 366:
        raise ValueError('day of year out of range')
    if isdst < -1:
        isdst = -1
    elif isdst > 1:
        isdst = 1
    return struct_time((year, mon, mday, hour, minute, sec, wday % 7, yday,
                        isdst) + tuple(t._extra))


def strftime(format, t=None):
    """Convert a time tuple to a string according to a format specification."""
    if not isinstance(format, str):
        raise TypeError('strftime() argument 1 must be str, not %s'
                        % (type(format).__name__,))
    if t is None:
        t = localtime()
    t = _checked_strftime_tuple(t)
    out = []
    i = 0
    n = len(format)
    while i < n:
        c = format[i]
        if c != '%' or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        d = format[i + 1]
        i += 2
        out.append(_directive(d, t))
    return ''.join(out)


def _directive(d, t):
    year, mon, mday, hour, minute, sec, wday, yday, isdst = t[:9]
    if d == 'a':
        return _DAY_ABBR[wday]
    if d == 'A':
        return _DAY_NAME[wday]
    if d in 'bh':
        return _MONTH_ABBR[mon - 1]
    if d == 'B':
        return _MONTH_NAME[mon - 1]
    if d == 'c':
        return '%s %s %2d %02d:%02d:%02d %d' % (_DAY_ABBR[wday], _MONTH_ABBR[mon - 1],
                                                mday, hour, minute, sec, year)
    if d == 'C':
        return '%d' % (year // 100,)
    if d == 'd':
        return '%02d' % (mday,)
    if d == 'D':
        return '%02d/%02d/%02d' % (mon, mday, year % 100)
    if d == 'e':
        return '%2d' % (mday,)
    if d == 'F':
        return '%d-%02d-%02d' % (year, mon, mday)
    if d == 'G':
        return '%d' % (_iso_calendar(t)[0],)
    if d == 'g':
        return '%02d' % (_iso_calendar(t)[0] % 100,)
    if d == 'H':
        return '%02d' % (hour,)
    if d == 'I':
        return '%02d' % ((hour + 11) % 12 + 1,)
    if d == 'j':
        return '%03d' % (yday,)
    if d == 'k':
        return '%2d' % (hour,)
    if d == 'l':
        return '%2d' % ((hour + 11) % 12 + 1,)
    if d == 'm':
        return '%02d' % (mon,)
    if d == 'M':
        return '%02d' % (minute,)
    if d == 'n':
        return '\n'
    if d == 'p':
        return 'AM' if hour < 12 else 'PM'
    if d == 'r':
        return '%02d:%02d:%02d %s' % ((hour + 11) % 12 + 1, minute, sec,
                                      'AM' if hour < 12 else 'PM')
    if d == 'R':
        return '%02d:%02d' % (hour, minute)
    if d == 's':
        return '%d' % (int(mktime(t)),)
    if d == 'S':
        return '%02d' % (sec,)
    if d == 't':
        return '\t'
    if d == 'T':
        return '%02d:%02d:%02d' % (hour, minute, sec)
    if d == 'u':
        return '%d' % (wday + 1,)
    if d == 'U':
        return '%02d' % (_week_number(t, 6),)
    if d == 'V':
        return '%02d' % (_iso_calendar(t)[1],)
    if d == 'w':
        return '%d' % ((wday + 1) % 7,)
    if d == 'W':
        return '%02d' % (_week_number(t, 0),)
    if d == 'x':
        return '%02d/%02d/%02d' % (mon, mday, year % 100)
    if d == 'X':
        return '%02d:%02d:%02d' % (hour, minute, sec)
    if d == 'y':
        return '%02d' % (year % 100,)
    if d == 'Y':
        return '%d' % (year,)
    if d == 'z':
        off = t._extra[1]
        if off is None:
            off = -timezone if isdst <= 0 else -altzone
        sign = '+' if off >= 0 else '-'
        off = abs(off)
        return '%s%02d%02d' % (sign, off // 3600, off // 60 % 60)
    if d == 'Z':
        zone = t._extra[0]
        if zone is None:
            zone = tzname[1 if isdst > 0 else 0]
        return zone
    if d == '%':
        return '%'
    return '%' + d


# ----- strptime ------------------------------------------------------------------

def _read_number(s, pos, max_digits, low, high):
    end = pos
    while end < len(s) and end - pos < max_digits and s[end].isdigit():
        end += 1
    if end == pos:
        return None, pos
    value = int(s[pos:end])
    if not low <= value <= high:
        return None, pos
    return value, end


def _read_name(s, pos, names):
    lowered = s[pos:].lower()
    best = None
    for index, name in enumerate(names):
        if lowered.startswith(name.lower()):
            if best is None or len(name) > len(names[best]):
                best = index
    if best is None:
        return None, pos
    return best, pos + len(names[best])


def strptime(string, format='%a %b %d %H:%M:%S %Y'):
    """Parse a string to a time tuple according to a format specification."""
    for name, value in (('strptime() argument 0', string),
                        ('strptime() argument 1', format)):
        if not isinstance(value, str):
            raise TypeError('%s must be str, not %s' % (name, type(value).__name__))
    fields = {}
    pos = 0
    i = 0
    fail = ValueError('time data %r does not match format %r' % (string, format))
    while i < len(format):
        c = format[i]
        if c == '%' and i + 1 < len(format):
            d = format[i + 1]
            i += 2
            if d == '%':
                if pos < len(string) and string[pos] == '%':
                    pos += 1
                    continue
                raise fail
            value, pos = _parse_directive(d, string, pos, fields, format)
            if value is None:
                raise fail
            continue
        i += 1
        if c.isspace():
            while pos < len(string) and string[pos].isspace():
                pos += 1
            continue
        if pos < len(string) and string[pos].lower() == c.lower():
            pos += 1
            continue
        raise fail
    if pos != len(string):
        raise ValueError('unconverted data remains: %s' % (string[pos:],))
    year = fields.get('year', 1900)
    month = fields.get('month', 1)
    day = fields.get('day', 1)
    hour = fields.get('hour', 0)
    if 'ampm' in fields and 'hour12' in fields:
        hour = fields['hour12'] % 12 + (12 if fields['ampm'] else 0)
    elif 'hour12' in fields:
        hour = fields['hour12']
    minute = fields.get('minute', 0)
    second = fields.get('second', 0)
    if 'yday' in fields and 'month' not in fields and 'day' not in fields:
        year, month, day = _from_ordinal(_ordinal(year, 1, 1) + fields['yday'] - 1)
    try:
        ordinal = _ordinal(year, month, day)
    except IndexError:
        raise fail from None
    if day > (29 if month == 2 and _is_leap(year) else
              (28 if month == 2 else (30 if month in (4, 6, 9, 11) else 31))):
        raise ValueError('day is out of range for month')
    wday = (ordinal + 6) % 7
    yday = ordinal - _ordinal(year, 1, 1) + 1
    zone = fields.get('zone')
    gmtoff = fields.get('gmtoff')
    return struct_time((year, month, day, hour, minute, second, wday, yday,
                        fields.get('isdst', -1), zone, gmtoff))


def _parse_directive(d, s, pos, fields, format):
    if d == 'Y':
        value, end = _read_number(s, pos, 4, 0, 9999)
        if value is not None:
            fields['year'] = value
        return value, end
    if d == 'y':
        value, end = _read_number(s, pos, 2, 0, 99)
        if value is not None:
            fields['year'] = value + (2000 if value <= 68 else 1900)
        return value, end
    numeric = {'m': ('month', 1, 12), 'd': ('day', 1, 31), 'H': ('hour', 0, 23),
               'I': ('hour12', 1, 12), 'M': ('minute', 0, 59),
               'S': ('second', 0, 61), 'j': ('yday', 1, 366),
               'e': ('day', 1, 31)}
    if d in numeric:
        key, low, high = numeric[d]
        if d == 'j':
            value, end = _read_number(s, pos, 3, low, high)
        else:
            if d == 'e':
                while pos < len(s) and s[pos] == ' ':
                    pos += 1
            value, end = _read_number(s, pos, 2, low, high)
        if value is not None:
            fields[key] = value
        return value, end
    if d in 'bBh':
        value, end = _read_name(s, pos, _MONTH_NAME + _MONTH_ABBR)
        if value is not None:
            fields['month'] = value % 12 + 1
        return value, end
    if d in 'aA':
        value, end = _read_name(s, pos, _DAY_NAME + _DAY_ABBR)
        if value is not None:
            fields['weekday'] = value % 7
        return value, end
    if d == 'p':
        value, end = _read_name(s, pos, ('AM', 'PM'))
        if value is not None:
            fields['ampm'] = value
        return value, end
    if d == 'w':
        value, end = _read_number(s, pos, 1, 0, 6)
        if value is not None:
            fields['weekday'] = (value + 6) % 7
        return value, end
    if d == 'Z':
        end = pos
        while end < len(s) and s[end].isalpha():
            end += 1
        if end == pos:
            return None, pos
        fields['zone'] = s[pos:end]
        return s[pos:end], end
    if d == 'z':
        if pos < len(s) and s[pos] == 'Z':
            fields['gmtoff'] = 0
            return 0, pos + 1
        if pos < len(s) and s[pos] in '+-':
            sign = -1 if s[pos] == '-' else 1
            hh, end = _read_number(s, pos + 1, 2, 0, 23)
            if hh is None:
                return None, pos
            if end < len(s) and s[end] == ':':
                end += 1
            mm, end = _read_number(s, end, 2, 0, 59)
            if mm is None:
                return None, pos
            fields['gmtoff'] = sign * (hh * 3600 + mm * 60)
            return fields['gmtoff'], end
        return None, pos
    if d == 'f':
        value, end = _read_number(s, pos, 6, 0, 999999)
        return value, end
    raise ValueError("'%s' is a bad directive in format '%s'" % (d, format))


class _ClockInfo:
    def __init__(self, implementation, monotonic, adjustable, resolution):
        self.implementation = implementation
        self.monotonic = monotonic
        self.adjustable = adjustable
        self.resolution = resolution

    def __repr__(self):
        return ('namespace(implementation=%r, monotonic=%r, adjustable=%r, '
                'resolution=%r)' % (self.implementation, self.monotonic,
                                    self.adjustable, self.resolution))


_CLOCKS = {
    'time': ('clock_gettime(CLOCK_REALTIME)', False, True),
    'monotonic': ('clock_gettime(CLOCK_MONOTONIC)', True, False),
    'perf_counter': ('clock_gettime(CLOCK_MONOTONIC)', True, False),
    'process_time': ('clock_gettime(CLOCK_PROCESS_CPUTIME_ID)', True, False),
    'thread_time': ('clock_gettime(CLOCK_THREAD_CPUTIME_ID)', True, False),
}


def get_clock_info(name):
    """Get information of the specified clock."""
    try:
        implementation, is_monotonic, adjustable = _CLOCKS[name]
    except (KeyError, TypeError):
        raise ValueError('unknown clock') from None
    return _ClockInfo(implementation, is_monotonic, adjustable, 1e-09)


def _init_timezone():
    global timezone, altzone, daylight, tzname
    year = gmtime()[0]
    jan = _time._localtime(int(mktime((year, 1, 1, 0, 0, 0, 0, 1, -1))))
    jul = _time._localtime(int(mktime((year, 7, 1, 0, 0, 0, 0, 182, -1))))
    jan_off, jul_off = jan[10], jul[10]
    if jan_off < jul_off:            # northern hemisphere: DST in July
        timezone, altzone = -jan_off, -jul_off
        tzname = (jan[9], jul[9])
    else:
        timezone, altzone = -jul_off, -jan_off
        tzname = (jul[9], jan[9])
    daylight = int(jan_off != jul_off)


def tzset():
    """Reinitialise the local timezone from the TZ environment variable."""
    _init_timezone()


timezone = altzone = daylight = 0
tzname = ('UTC', 'UTC')
try:
    _init_timezone()
except (OverflowError, ValueError):
    pass

CLOCK_REALTIME = 0
CLOCK_MONOTONIC = 1
CLOCK_PROCESS_CPUTIME_ID = 2
CLOCK_THREAD_CPUTIME_ID = 3
