# lower/upper/capitalize of short ASCII texts (mapped as one 128-bit
# number) and concatenation of short texts (shifted into place), checked
# for every ASCII character at every position and every length to 17.
import hashlib

chars = "".join(chr(i) for i in range(128))
digest = hashlib.sha256()
count = 0
for n in range(0, 18):
    for start in range(0, 128, 3):
        s = (chars[start:] + chars)[:n]
        for t in (s, s[::-1], s.swapcase()):
            out = "|".join((t.lower(), t.upper(), t.capitalize()))
            digest.update(out.encode("utf-8", "surrogatepass"))
            count += 1
print(count, digest.hexdigest())
print("HeLLo".lower(), "HeLLo".upper(), "hELLO wORLD".capitalize(), "@[`{".lower(), "@[`{".upper(), "".capitalize())
print("ÉTÉ".lower(), "été".upper(), "éTÉ".capitalize(), "ß".upper(), "ǆa".capitalize(), "İ".lower() == "i\u0307")
print(repr(("Z" * 15).lower()), ("a" * 16).upper(), "xY".capitalize())

parts = ["", "a", "bc", "def", "ghij", "klmno", "pqrstuv", "wxyz0123", "é", "日本", "😀"]
concat_digest = hashlib.sha256()
for a in parts:
    for b in parts:
        for c in parts:
            r = a + b + c
            assert len(r) == len(a) + len(b) + len(c)
            assert r[len(a):len(a) + len(b)] == b
            concat_digest.update(r.encode())
print(concat_digest.hexdigest())
x = "kaka"
y = "lomi"
k = x + " " + y
print(k, len(k), hash(k) == hash("kaka lomi"), k == "kaka lomi", {k: 1}["kaka lomi"])

class S(str):
    pass
print(type(S("AB").lower()).__name__, type(S("ab") + "c").__name__, S("ab") + "c")
