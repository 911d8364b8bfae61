"""The worker protocol shared by every Egret benchmark program.

Each program in this folder defines a workload function ``workload(param)``
that does one iteration of the benchmark and returns a result, a table
``SIZES = {"default": (param, expected), "small": (param, expected)}`` and
ends with ``_harness.main(NAME, workload, SIZES)``.

Command line (the runner, ``egret-bench``, speaks this):

    INTERP NAME.py                      run once at default size, check, print a line
    INTERP NAME.py --worker [--size small|default] [--loops N]
                   [--warmups W] [--values V]
        run W warm-up values then V timed values; each value runs the
        workload N times, timed with time.perf_counter(), and is the time of
        one iteration (total / N) in seconds.  Every value's result is
        checked.  On success prints ONE line of JSON on stdout:
            {"protocol": 1, "name": ..., "size": ..., "loops": N,
             "warmups": [w1, ...], "values": [v1, ...]}
    INTERP NAME.py --print-result [--size ...]
        run once and print repr(result) (used to write SIZES' expectations).

A wrong result prints "egret-bench: NAME: wrong result: ..." on stderr and
exits with status 3 (never a timing).  With the environment variable
EGRET_BENCH_BREAK=1 the result is perturbed on purpose before it is checked,
so the tests can prove that every check catches a wrong answer.

Only the core language, ``sys`` and ``time`` are used here (no json, no
argparse), so a young interpreter can run the protocol.
"""

import sys
import time

PROTOCOL_VERSION = 1
WRONG_RESULT_STATUS = 3
USAGE_STATUS = 2
FLOAT_REL_TOLERANCE = 1e-9


def _break_requested():
    try:
        import os
    except ImportError:
        return False
    return os.environ.get("EGRET_BENCH_BREAK", "") not in ("", "0")


def perturb(result):
    """A slightly wrong copy of ``result`` (used with EGRET_BENCH_BREAK=1)."""
    if isinstance(result, bool):
        return not result
    if isinstance(result, int):
        return result + 1
    if isinstance(result, float):
        return result * (1.0 + 1e-6) + 1e-6
    if isinstance(result, str):
        return result + "?"
    if isinstance(result, bytes):
        return result + b"?"
    if isinstance(result, tuple):
        if not result:
            return (None,)
        return result[:-1] + (perturb(result[-1]),)
    if isinstance(result, list):
        if not result:
            return [None]
        return result[:-1] + [perturb(result[-1])]
    if isinstance(result, dict):
        if not result:
            return {None: None}
        copy = dict(result)
        last_key = list(copy)[-1]
        copy[last_key] = perturb(copy[last_key])
        return copy
    return None


def difference(result, expected, where="result"):
    """None when ``result`` matches ``expected``, else a description.

    Floats match within a relative tolerance of 1e-9; everything else must be
    equal (containers are compared element by element)."""
    if isinstance(expected, float):
        if not isinstance(result, float):
            return "%s: expected float %r, got %r" % (where, expected, result)
        scale = max(abs(expected), 1e-300)
        if abs(result - expected) > FLOAT_REL_TOLERANCE * scale:
            return "%s: expected %r, got %r" % (where, expected, result)
        return None
    if isinstance(expected, (tuple, list)):
        if type(result) is not type(expected) or len(result) != len(expected):
            return "%s: expected %r, got %r" % (where, expected, result)
        for index in range(len(expected)):
            problem = difference(result[index], expected[index],
                                 "%s[%d]" % (where, index))
            if problem is not None:
                return problem
        return None
    if isinstance(expected, dict):
        if not isinstance(result, dict) or sorted(map(repr, result)) != sorted(map(repr, expected)):
            return "%s: expected keys %r, got %r" % (where, sorted(expected), result)
        for key in expected:
            problem = difference(result[key], expected[key], "%s[%r]" % (where, key))
            if problem is not None:
                return problem
        return None
    if result != expected or type(result) is not type(expected):
        text = repr(result)
        if len(text) > 200:
            text = text[:200] + "..."
        return "%s: expected %r, got %s" % (where, expected, text)
    return None


def _usage(message):
    sys.stderr.write("usage error: %s\n" % message)
    sys.exit(USAGE_STATUS)


def _parse_args(argv, sizes):
    options = {"worker": False, "print": False, "size": "default",
               "loops": 1, "warmups": 0, "values": 1}
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--worker":
            options["worker"] = True
        elif arg == "--print-result":
            options["print"] = True
        elif arg in ("--size", "--loops", "--warmups", "--values"):
            if index + 1 >= len(argv):
                _usage("%s needs a value" % arg)
            index += 1
            value = argv[index]
            if arg == "--size":
                if value not in sizes:
                    _usage("unknown size %r (known: %s)" % (value, ", ".join(sorted(sizes))))
                options["size"] = value
            else:
                try:
                    number = int(value)
                except ValueError:
                    number = -1
                if number < 0 or (arg == "--loops" and number < 1):
                    _usage("bad %s value %r" % (arg, value))
                options[arg[2:]] = number
        else:
            _usage("unknown argument %r" % arg)
        index += 1
    return options


def _json_float(value):
    text = repr(float(value))
    if text in ("inf", "-inf", "nan"):
        return "null"
    return text


def main(name, workload, sizes, check=None):
    """Run the benchmark ``name`` according to ``sys.argv`` (see the module doc).

    ``check(result, expected)`` returns None or a problem description; the
    default compares with :func:`difference`."""
    options = _parse_args(sys.argv[1:], sizes)
    param, expected = sizes[options["size"]]
    broken = _break_requested()
    compare = check if check is not None else difference
    perf_counter = time.perf_counter

    if options["print"]:
        print(repr(workload(param)))
        return

    def timed_value(loops):
        result = None
        started = perf_counter()
        for _ in range(loops):
            result = workload(param)
        elapsed = perf_counter() - started
        if broken:
            result = perturb(result)
        problem = compare(result, expected)
        if problem is not None:
            sys.stderr.write("egret-bench: %s: wrong result: %s\n" % (name, problem))
            sys.stdout.flush()
            sys.exit(WRONG_RESULT_STATUS)
        return elapsed / loops

    if not options["worker"]:
        seconds = timed_value(1)
        print("%s (%s): result ok, %.3f s" % (name, options["size"], seconds))
        return

    loops = options["loops"]
    warmups = [timed_value(loops) for _ in range(options["warmups"])]
    values = [timed_value(loops) for _ in range(options["values"])]
    line = '{"protocol": %d, "name": "%s", "size": "%s", "loops": %d, "warmups": [%s], "values": [%s]}' % (
        PROTOCOL_VERSION, name, options["size"], loops,
        ", ".join(map(_json_float, warmups)), ", ".join(map(_json_float, values)))
    print(line)
