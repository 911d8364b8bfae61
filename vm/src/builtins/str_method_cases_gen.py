"""Generates str_method_cases.txt (str/bytes method results from CPython 3.12) for str.rs's tests.

PYENV_VERSION=3.12.1 python3 vm/src/builtins/str_method_cases_gen.py > vm/src/builtins/str_method_cases.txt
Each line: receiver TAB method TAB args TAB result; values are encoded by `enc` below.
"""


def enc(v):
    if v is None:
        return "n"
    if isinstance(v, bool):
        return "b" + str(int(v))
    if isinstance(v, int):
        return "i" + str(v)
    if isinstance(v, str):
        return "s" + v.encode("unicode_escape").decode("ascii").replace("|", "\\x7c").replace(",", "\\x2c").replace("]", "\\x5d")
    if isinstance(v, (bytes, bytearray)):
        return ("y" if isinstance(v, bytes) else "Y") + v.hex()
    if isinstance(v, (tuple, list)):
        return ("t" if isinstance(v, tuple) else "l") + "[" + ",".join(enc(x) for x in v) + "]"
    if isinstance(v, float):
        return "f" + repr(v)
    raise TypeError(type(v))


texts = ["", "a", "abc", "  alpha  beta\tgamma\n delta  ", "a,b,,c,", "abracadabra", "aaaaa", "Hello, World", "straße",
         "ǆungla", "ﬁnance", "ΣΟΦΟΣ", "ΣΑΣ ΣΑΣ.", "İstanbul", "they're bill's friends", "3rd place 4TH", "aBc123_xYz",
         "one\ntwo\r\nthree\rfour\x0bfive\x0csix\x1cseven\x1deight\x1enine\x85ten\u2028eleven\u2029twelve",
         "a\tbc\tdef\tg", "x\ny\tz", "ab\rc\td", "αβγαβγ", "x\U0001f600y\U0001f600", "xx--hello--yy", "\u3000wide\u3000",
         "-42", "+7", "42", "key=value=more", "12.5", "\u00b2\u00bd", "\u0663\u0661", "ǅ", "ABC", "Hello World", "x\u3000y\x1cz\x1d\x1e\x1fw\x85v\u2028u\xa0t"]
calls = [
    ("upper", ()), ("lower", ()), ("casefold", ()), ("title", ()), ("capitalize", ()), ("swapcase", ()),
    ("isalpha", ()), ("isalnum", ()), ("isdecimal", ()), ("isdigit", ()), ("isnumeric", ()), ("isspace", ()),
    ("isprintable", ()), ("isascii", ()), ("isidentifier", ()), ("islower", ()), ("isupper", ()), ("istitle", ()),
    ("split", ()), ("split", (None, 1)), ("rsplit", (None, 1)), ("split", (" ",)), ("split", (",",)), ("rsplit", (",", 1)),
    ("split", ("a",)), ("rsplit", ("aa",)), ("split", ("aa", 1)), ("rsplit", ("bc", 2)), ("splitlines", ()), ("splitlines", (True,)),
    ("strip", ()), ("strip", ("xy-",)), ("lstrip", ("ax",)), ("rstrip", ("y-",)), ("center", (9, "*")), ("center", (10,)),
    ("ljust", (8, ".")), ("rjust", (8,)), ("zfill", (6,)), ("expandtabs", ()), ("expandtabs", (4,)), ("expandtabs", (1,)),
    ("expandtabs", (0,)), ("find", ("a",)), ("rfind", ("a",)), ("find", ("a", 1, 3)), ("find", ("", 5)), ("rfind", ("", 3, 7)),
    ("count", ("a",)), ("count", ("",)), ("count", ("a", 3, -3)), ("index", ("b",)), ("rindex", ("a", 0, 10)),
    ("startswith", ("a",)), ("startswith", ("", 3)), ("endswith", (("x", "a", "c"),)), ("endswith", ("a", 0, 1)),
    ("replace", ("a", "1")), ("replace", ("a", "1", 2)), ("replace", ("", "-")), ("replace", ("", "-", 2)), ("replace", ("aa", "b")),
    ("partition", ("=",)), ("rpartition", ("=",)), ("partition", ("a",)), ("removeprefix", ("a",)), ("removesuffix", ("a",)),
    ("__getitem__", (slice(None, None, -1),)), ("__getitem__", (slice(1, None, 2),)), ("__getitem__", (slice(-2, None, -2),)),
    ("__getitem__", (-1,)), ("__getitem__", (3,)), ("__contains__", ("a",)), ("__mul__", (3,)), ("__len__", ()),
    ("__repr__", ()), ("encode", ()), ("encode", ("ascii", "replace")), ("encode", ("latin-1", "backslashreplace")),
    ("encode", ("utf-16-le",)), ("encode", ("ascii", "xmlcharrefreplace")), ("join", (["x", "y", "z"],)),
]


def run(recv, name, args):
    try:
        if name == "__getitem__" and isinstance(args[0], slice):
            return recv[args[0]]
        return getattr(recv, name)(*args)
    except Exception as e:
        return "!" + type(e).__name__ + ": " + str(e)


def enc_args(args):
    out = []
    for a in args:
        if isinstance(a, slice):
            out.append("S[" + ",".join(enc(x) for x in (a.start, a.stop, a.step)) + "]")
        else:
            out.append(enc(a))
    return "|".join(out)


def emit(recv, name, args):
    r = run(recv, name, args)
    r = r if isinstance(r, str) and r.startswith("!") else enc(r)
    print("%s\t%s\t%s\t%s" % (enc(recv), name, enc_args(args), r))


for t in texts:
    for name, args in calls:
        emit(t, name, args)
btexts = [b"", b"abc", b"  a  b \t", b"a-b-c", b"Hello, World", b"banana", b"\x00\x7f\x80\xff'", b"1,2,,3", b"ab\tc\r\td", b"x\r\ny\n"]
bcalls = [("upper", ()), ("lower", ()), ("swapcase", ()), ("title", ()), ("capitalize", ()), ("split", ()), ("split", (b",",)),
          ("rsplit", (b"-", 1)), ("strip", ()), ("strip", (b"x",)), ("center", (9, b"*")), ("zfill", (5,)), ("find", (b"an",)),
          ("rfind", (b"an",)), ("find", (110,)), ("count", (b"a",)), ("index", (b"x",)), ("replace", (b"a", b"::", 1)),
          ("replace", (b"", b"|")), ("partition", (b"-",)), ("rpartition", (b"-",)), ("splitlines", ()), ("splitlines", (True,)),
          ("expandtabs", (4,)), ("hex", ()), ("hex", (":",)), ("hex", ("-", 2)), ("hex", ("-", -2)), ("isdigit", ()),
          ("isalpha", ()), ("isalnum", ()), ("isspace", ()), ("istitle", ()), ("isupper", ()), ("islower", ()), ("isascii", ()),
          ("decode", ()), ("decode", ("utf-8", "replace")), ("decode", ("latin-1",)), ("decode", ("ascii", "ignore")),
          ("decode", ("utf-8", "backslashreplace")), ("__repr__", ()), ("__getitem__", (slice(None, None, -2),)),
          ("__getitem__", (1,)), ("startswith", ((b"x", b"a"),)), ("endswith", (b"c",)), ("join", ([b"1", b"2"],)),
          ("removeprefix", (b"ba",)), ("ljust", (6,)), ("rjust", (6, b"0")), ("translate", (None, b"a"))]
for t in btexts:
    for name, args in bcalls:
        emit(t, name, args)
        emit(bytearray(t), name, args)
