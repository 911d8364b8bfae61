# codecs: every error handler, surrogates stored in str, charmap and escape codecs
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

s = "a\ud800b\udcff"
print(len(s), ascii(s), repr(s), [hex(ord(c)) for c in s], chr(0xdc80) == "\udc80")
for enc in ["utf-8", "utf-16", "utf-16-le", "utf-32-be", "latin-1", "ascii", "cp1252"]:
    for err in ["strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace", "namereplace", "surrogateescape", "surrogatepass"]:
        print(enc, err, end=" ")
        show(lambda: s.encode(enc, err))
t = "x\u00e9\u20ac\U0001f600\u0100"
for enc in ["ascii", "latin-1", "cp1252", "iso8859-15", "cp437"]:
    for err in ["strict", "replace", "namereplace", "xmlcharrefreplace"]:
        print(enc, err, end=" ")
        show(lambda: t.encode(enc, err))
data = [b"ok\xff\xfeend\xc3", b"\xed\xa0\x80\xed\xb0\x80", b"\x00\xd8a\x00", b"a\x00\x00\xd8", b"\xff", b"\x81\x9d\x80", b"\x00\xd8\x00\x00abc"]
for b in data:
    for enc in ["utf-8", "utf-16-le", "utf-16-be", "utf-32", "ascii", "cp1252", "latin-1"]:
        for err in ["strict", "replace", "backslashreplace", "surrogateescape", "surrogatepass", "ignore"]:
            print(b, enc, err, end=" ")
            show(lambda: ascii(b.decode(enc, err)))
r = b"caf\xe9\xff".decode("utf-8", "surrogateescape")
print(ascii(r), r.encode("utf-8", "surrogateescape"), r.encode("latin-1", "surrogateescape"))
show(lambda: "\ud800".encode("utf-8"))
show(lambda: "ab\ud800\udfff".encode("utf-8"))
show(lambda: "\u00e9\n\t\\'\U0001f600".encode("unicode_escape"))
show(lambda: "\u00e9\n\u20ac".encode("raw_unicode_escape"))
show(lambda: b"\\n\\t\\x41\\u20ac\\U0001F600\\N{EURO SIGN}\\101".decode("unicode_escape"))
show(lambda: b"\\x4".decode("unicode_escape"))
show(lambda: b"\\u20ac\\n\xe9".decode("raw_unicode_escape"))
show(lambda: b"\xff".decode("utf-8", "xmlcharrefreplace"))
show(lambda: b"x".decode("utf-8", "bogus"))
show(lambda: "\xe9".encode("ascii", "bogus"))
show(lambda: "x".encode("bogus-codec"))
try:
    "a\udc80".encode("utf-8")
except UnicodeEncodeError as e:
    print(e.start, e.end, e.reason, ascii(e.object), e.encoding)
print("%c|%c" % (0xd800, 65) == "\ud800|A", f"{0xdfff:c}" == "\udfff", "x".translate({ord("x"): 0xd800}) == "\ud800")
