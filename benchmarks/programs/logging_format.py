"""logging_format: the logging module with formatted, filtered and silent records.

Logs through a logger hierarchy to a StreamHandler on an io.StringIO with a
Formatter using %-style and {-style formats, plus calls below the level that
must cost little. The result counts the lines and characters written."""

import io
import logging

import _harness


def configure(stream):
    root = logging.getLogger("egretbench")
    root.handlers[:] = []
    root.propagate = False
    root.setLevel(logging.INFO)
    plain = logging.StreamHandler(stream)
    plain.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(message)s"))
    root.addHandler(plain)
    child = logging.getLogger("egretbench.child")
    child.setLevel(logging.WARNING)
    braces = logging.StreamHandler(stream)
    braces.setFormatter(logging.Formatter("{levelname:<8}|{name}|{message}", style="{"))
    child.addHandler(braces)
    return root, child


def workload(messages):
    stream = io.StringIO()
    root, child = configure(stream)
    for i in range(messages):
        root.info("message %d of %s", i, "info")
        root.debug("never shown %d", i)
        child.info("filtered %d", i)
        if i % 4 == 0:
            child.warning("warning %d: %r", i, (i, "x"))
        if i % 50 == 0:
            root.error("error number %d", i)
    text = stream.getvalue()
    for handler in list(root.handlers) + list(child.handlers):
        handler.close()
    root.handlers[:] = []
    child.handlers[:] = []
    lines = text.splitlines()
    return (len(lines), len(text), lines[0], lines[-1])


SIZES = {
    "default": (75000, (114000, 4887805, 'INFO:egretbench:message 0 of info', 'INFO:egretbench:message 74999 of info')),
    "small": (1500, (2280, 92930, 'INFO:egretbench:message 0 of info', 'INFO:egretbench:message 1499 of info')),
}

if __name__ == "__main__":
    _harness.main("logging_format", workload, SIZES)
