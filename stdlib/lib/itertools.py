"""Iterator building blocks (Egret's own implementation, in Python for now)."""

__all__ = ['accumulate', 'batched', 'chain', 'combinations', 'combinations_with_replacement',
           'compress', 'count', 'cycle', 'dropwhile', 'filterfalse', 'groupby', 'islice',
           'pairwise', 'permutations', 'product', 'repeat', 'starmap', 'takewhile', 'tee',
           'zip_longest']

from operator import index as _operator_index


class count:
    def __init__(self, start=0, step=1):
        for v, name in ((start, 'start'), (step, 'step')):
            if not isinstance(v, (int, float, complex)) and not hasattr(type(v), '__add__'):
                raise TypeError('a number is required')
        self._n = start
        self._step = step

    def __iter__(self):
        return self

    def __next__(self):
        n = self._n
        self._n = n + self._step
        return n

    def __repr__(self):
        if self._step == 1 and type(self._step) is int:
            return f'count({self._n!r})'
        return f'count({self._n!r}, {self._step!r})'


class cycle:
    def __init__(self, iterable, /):
        self._it = iter(iterable)
        self._saved = []
        self._index = -1

    def __iter__(self):
        return self

    def __next__(self):
        if self._index < 0:
            try:
                x = next(self._it)
            except StopIteration:
                if not self._saved:
                    raise
                self._index = 0
            else:
                self._saved.append(x)
                return x
        x = self._saved[self._index]
        self._index = (self._index + 1) % len(self._saved)
        return x


class repeat:
    def __init__(self, object, times=None):
        self._obj = object
        if times is not None and times < 0:
            times = 0
        self._times = times

    def __iter__(self):
        return self

    def __next__(self):
        if self._times is None:
            return self._obj
        if self._times <= 0:
            raise StopIteration
        self._times -= 1
        return self._obj

    def __length_hint__(self):
        if self._times is None:
            raise TypeError('len() of unsized object')
        return self._times

    def __repr__(self):
        if self._times is None:
            return f'repeat({self._obj!r})'
        return f'repeat({self._obj!r}, {self._times})'


class _GeneratorBacked:
    """Base of the itertools types written as generators: the constructor
    checks its arguments at once (as CPython's C types do) and keeps the
    generator that yields the values; the class gives the CPython type name."""

    __slots__ = ('_gen',)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._gen)


def _index(n):
    return _operator_index(n)


def _accumulate_gen(it, func, initial):
    total = initial
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    if func is None:
        for element in it:
            total = total + element
            yield total
    else:
        for element in it:
            total = func(total, element)
            yield total


class accumulate(_GeneratorBacked):
    __slots__ = ()

    def __init__(self, iterable, func=None, *, initial=None):
        self._gen = _accumulate_gen(iter(iterable), func, initial)


def _batched_gen(it, n):
    while True:
        batch = tuple(islice(it, n))
        if not batch:
            return
        yield batch


class batched(_GeneratorBacked):
    __slots__ = ()

    def __init__(self, iterable, n):
        n = _index(n)
        if n < 1:
            raise ValueError('n must be at least one')
        self._gen = _batched_gen(iter(iterable), n)


class chain:
    def __init__(self, *iterables):
        self._sources = iter(iterables)
        self._active = None

    @classmethod
    def from_iterable(cls, iterables, /):
        c = cls()
        c._sources = iter(iterables)
        return c

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            if self._active is None:
                self._active = iter(next(self._sources))
            try:
                return next(self._active)
            except StopIteration:
                self._active = None

    def __class_getitem__(cls, item):
        return cls


class compress(_GeneratorBacked):
    __slots__ = ()

    def __init__(self, data, selectors):
        self._gen = (d for d, s in zip(iter(data), iter(selectors)) if s)


def _dropwhile_gen(predicate, it):
    for x in it:
        if not predicate(x):
            yield x
            break
    for x in it:
        yield x


class dropwhile(_GeneratorBacked):
    __slots__ = ()

    def __init__(self, predicate, iterable, /):
        self._gen = _dropwhile_gen(predicate, iter(iterable))


def _filterfalse_gen(predicate, it):
    if predicate is None:
        predicate = bool
    for x in it:
        if not predicate(x):
            yield x


class filterfalse(_GeneratorBacked):
    __slots__ = ()

    def __init__(self, predicate, iterable, /):
        self._gen = _filterfalse_gen(predicate, iter(iterable))


class groupby:
    def __init__(self, iterable, key=None):
        self._keyfunc = key if key is not None else (lambda x: x)
        self._it = iter(iterable)
        self._tgtkey = self._currkey = self._currvalue = _marker = object()
        self._marker = _marker
        self._id = object()

    def __iter__(self):
        return self

    def __next__(self):
        self._id = object()
        while self._currkey is self._marker or self._currkey == self._tgtkey:
            self._currvalue = next(self._it)
            self._currkey = self._keyfunc(self._currvalue)
        self._tgtkey = self._currkey
        return (self._currkey, self._grouper(self._tgtkey, self._id))

    def _grouper(self, tgtkey, id):
        while self._id is id and self._currkey == tgtkey:
            yield self._currvalue
            try:
                self._currvalue = next(self._it)
            except StopIteration:
                return
            self._currkey = self._keyfunc(self._currvalue)


def _islice_arg(v):
    # CPython's PyNumber_AsSsize_t: -1 doubles as the failure value.
    if v is None:
        return None
    try:
        v = _operator_index(v)
    except TypeError:
        return -1
    if v > 9223372036854775807 or v < -9223372036854775808:
        return -1
    return v


class islice:
    def __init__(self, iterable, *args):
        if not args:
            raise TypeError('islice expected at least 2 arguments, got 1')
        if len(args) > 3:
            raise TypeError(f'islice expected at most 4 arguments, got {len(args) + 1}')
        start, stop, step = 0, None, 1
        if len(args) == 1:
            stop_arg = args[0]
        else:
            stop_arg = args[1]
            if args[0] is not None:
                start = _islice_arg(args[0])
        if stop_arg is not None:
            stop = _islice_arg(stop_arg)
            if stop == -1:
                raise ValueError("Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
        if start < 0 or (stop is not None and stop < -1):
            raise ValueError("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
        if len(args) == 3 and args[2] is not None:
            step = _islice_arg(args[2])
        if step < 1:
            raise ValueError("Step for islice() must be a positive integer or None.")
        self._it = iter(iterable)
        self._next = start
        self._stop = stop
        self._step = step
        self._i = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self._stop is not None and self._next >= self._stop:
            # Consume up to stop as CPython does, then stop.
            while self._i < self._stop:
                try:
                    next(self._it)
                except StopIteration:
                    break
                self._i += 1
            raise StopIteration
        while self._i < self._next:
            next(self._it)
            self._i += 1
        value = next(self._it)
        self._i += 1
        self._next += self._step
        return value


def _pairwise_gen(it):
    try:
        a = next(it)
    except StopIteration:
        return
    for b in it:
        yield a, b
        a = b


class pairwise(_GeneratorBacked):
    __slots__ = ()

    def __init__(self, iterable, /):
        self._gen = _pairwise_gen(iter(iterable))


class starmap(_GeneratorBacked):
    __slots__ = ()

    def __init__(self, function, iterable, /):
        self._gen = (function(*args) for args in iter(iterable))


def _takewhile_gen(predicate, it):
    for x in it:
        if predicate(x):
            yield x
        else:
            break


class takewhile(_GeneratorBacked):
    __slots__ = ()

    def __init__(self, predicate, iterable, /):
        self._gen = _takewhile_gen(predicate, iter(iterable))


class _TeeData:
    def __init__(self, it):
        self.it = it
        self.buf = []
        self.consumers = []


class _tee(_GeneratorBacked):
    __slots__ = ()


def tee(iterable, n=2, /):
    n = _index(n)
    if n < 0:
        raise ValueError('n must be >= 0')
    it = iter(iterable)
    if n == 0:
        return ()
    from collections import deque
    deques = [deque() for _ in range(n)]

    def gen(mydeque):
        while True:
            if not mydeque:
                try:
                    newval = next(it)
                except StopIteration:
                    return
                for d in deques:
                    d.append(newval)
            yield mydeque.popleft()
    result = []
    for d in deques:
        t = _tee.__new__(_tee)
        t._gen = gen(d)
        result.append(t)
    return tuple(result)


def _zip_longest_gen(iterators, fillvalue):
    num_active = len(iterators)
    if not num_active:
        return
    while True:
        values = []
        for i, it in enumerate(iterators):
            try:
                value = next(it)
            except StopIteration:
                num_active -= 1
                if not num_active:
                    return
                iterators[i] = repeat(fillvalue)
                value = fillvalue
            values.append(value)
        yield tuple(values)


class zip_longest(_GeneratorBacked):
    __slots__ = ()

    def __init__(self, *args, fillvalue=None):
        self._gen = _zip_longest_gen([iter(it) for it in args], fillvalue)


def _product_gen(pools):
    if any(not pool for pool in pools):
        return
    n = len(pools)
    indices = [0] * n
    yield tuple(pool[0] for pool in pools)
    while True:
        i = n - 1
        while i >= 0:
            indices[i] += 1
            if indices[i] < len(pools[i]):
                break
            indices[i] = 0
            i -= 1
        if i < 0:
            return
        yield tuple(pools[k][indices[k]] for k in range(n))


class product(_GeneratorBacked):
    __slots__ = ()

    def __init__(self, *args, repeat=1):
        repeat = _index(repeat)
        if repeat < 0:
            raise ValueError('repeat argument cannot be negative')
        self._gen = _product_gen([tuple(pool) for pool in args] * repeat)


def _permutations_gen(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple(pool[i] for i in indices[:r])
    while n:
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple(pool[i] for i in indices[:r])
                break
        else:
            return


class permutations(_GeneratorBacked):
    __slots__ = ()

    def __init__(self, iterable, r=None):
        pool = tuple(iterable)
        r = len(pool) if r is None else _index(r)
        if r < 0:
            raise ValueError('r must be non-negative')
        self._gen = _permutations_gen(pool, r)


def _combinations_gen(pool, r):
    n = len(pool)
    if r > n:
        return
    indices = list(range(r))
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != i + n - r:
                break
        else:
            return
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        yield tuple(pool[i] for i in indices)


class combinations(_GeneratorBacked):
    __slots__ = ()

    def __init__(self, iterable, r):
        pool = tuple(iterable)
        r = _index(r)
        if r < 0:
            raise ValueError('r must be non-negative')
        self._gen = _combinations_gen(pool, r)


def _cwr_gen(pool, r):
    n = len(pool)
    if not n and r:
        return
    indices = [0] * r
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != n - 1:
                break
        else:
            return
        indices[i:] = [indices[i] + 1] * (r - i)
        yield tuple(pool[i] for i in indices)


class combinations_with_replacement(_GeneratorBacked):
    __slots__ = ()

    def __init__(self, iterable, r):
        pool = tuple(iterable)
        r = _index(r)
        if r < 0:
            raise ValueError('r must be non-negative')
        self._gen = _cwr_gen(pool, r)
