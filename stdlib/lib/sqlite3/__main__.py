"""The sqlite3 command-line interface (3.12): `egret -m sqlite3 [filename] [sql]`.

Runs one SQL statement and prints the rows, or an interactive shell that
executes each complete statement. Uses argparse when it is available; the
small fallback parser below covers the same options otherwise."""

import sys
import sqlite3

_DESCRIPTION = "Python sqlite3 CLI"
_PROG = "python -m sqlite3"
_FILENAME_HELP = ("SQLite database to open (defaults to ':memory:'). "
                  "A new database is created if the file does not previously exist.")
_SQL_HELP = "An SQL query to execute. Any returned rows are printed to stdout."
_VERSION_HELP = "Print underlying SQLite library version"


def execute(c, sql, suppress_errors=True):
    """Execute `sql` on `c` and print the rows; report sqlite3 errors on stderr."""
    try:
        for row in c.execute(sql):
            print(row)
    except sqlite3.Error as e:
        tp = type(e).__name__
        try:
            print(f"{tp} ({e.sqlite_errorname}): {e}", file=sys.stderr)
        except AttributeError:
            print(f"{tp}: {e}", file=sys.stderr)
        if not suppress_errors:
            sys.exit(1)


class _Args:
    filename = ":memory:"
    sql = None


def _usage():
    return "usage: %s [-h] [-v] [filename] [sql]\n" % _PROG


def _fallback_parse(argv):
    args = _Args()
    positional = []
    only_positional = False
    for a in argv:
        if not only_positional and a == "--":
            only_positional = True
        elif not only_positional and a in ("-h", "--help"):
            sys.stdout.write(_usage() + "\n" + _DESCRIPTION + "\n\n"
                             "positional arguments:\n"
                             "  filename       " + _FILENAME_HELP + "\n"
                             "  sql            " + _SQL_HELP + "\n\n"
                             "options:\n"
                             "  -h, --help     show this help message and exit\n"
                             "  -v, --version  " + _VERSION_HELP + "\n")
            sys.exit(0)
        elif not only_positional and a in ("-v", "--version"):
            print(f"SQLite version {sqlite3.sqlite_version}")
            sys.exit(0)
        elif not only_positional and a.startswith("-") and a != "-":
            sys.stderr.write(_usage() + "%s: error: unrecognized arguments: %s\n" % (_PROG, a))
            sys.exit(2)
        else:
            positional.append(a)
    if len(positional) > 2:
        sys.stderr.write(_usage() + "%s: error: unrecognized arguments: %s\n"
                         % (_PROG, " ".join(positional[2:])))
        sys.exit(2)
    if positional:
        args.filename = positional[0]
    if len(positional) > 1:
        args.sql = positional[1]
    return args


def _parse(argv):
    try:
        from argparse import ArgumentParser
    except ImportError:
        return _fallback_parse(argv)
    parser = ArgumentParser(description=_DESCRIPTION, prog=_PROG)
    parser.add_argument("filename", type=str, default=":memory:", nargs="?", help=_FILENAME_HELP)
    parser.add_argument("sql", type=str, nargs="?", help=_SQL_HELP)
    parser.add_argument("-v", "--version", action="version",
                        version=f"SQLite version {sqlite3.sqlite_version}", help=_VERSION_HELP)
    return parser.parse_args(argv)


def _interact(con, banner):
    cur = con.cursor()
    sys.stderr.write(banner + "\n")
    ps1, ps2 = "sqlite> ", "    ... "
    lines = []
    while True:
        try:
            line = input(ps2 if lines else ps1)
        except EOFError:
            sys.stderr.write("\n")
            return
        except KeyboardInterrupt:
            sys.stderr.write("\nKeyboardInterrupt\n")
            lines = []
            continue
        lines.append(line)
        source = "\n".join(lines)
        if source == ".version":
            print(f"{sqlite3.sqlite_version}")
        elif source == ".help":
            print("Enter SQL code and press enter.")
        elif source == ".quit":
            sys.exit(0)
        elif not sqlite3.complete_statement(source):
            if source.strip():
                continue
        else:
            execute(cur, source)
        lines = []


def main(*args):
    args = _parse(*args) if args else _parse(sys.argv[1:])
    if args.filename == ":memory:":
        db_name = "a transient in-memory database"
    else:
        db_name = repr(args.filename)
    eofkey = "CTRL-D"
    banner = (f"sqlite3 shell, running on SQLite version {sqlite3.sqlite_version}\n"
              f"Connected to {db_name}\n\n"
              "Each command will be run using execute() on the cursor.\n"
              f'Type ".help" for more information; type ".quit" or {eofkey} to quit.')
    con = sqlite3.connect(args.filename, isolation_level=None)
    try:
        if args.sql:
            execute(con, args.sql, suppress_errors=False)
        else:
            _interact(con, banner)
    finally:
        con.close()
    sys.exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
