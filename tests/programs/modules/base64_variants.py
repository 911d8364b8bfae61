# base64 family: every alphabet round-trips and rejects bad input like CPython
import base64, binascii
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
data = [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", bytes(range(256))]
for d in data:
    encs = [base64.b64encode(d), base64.urlsafe_b64encode(d), base64.b32encode(d), base64.b32hexencode(d),
            base64.b16encode(d), base64.b85encode(d), base64.a85encode(d), base64.a85encode(d, adobe=True, wrapcol=20)]
    if len(d) < 7:
        print(encs)
    print(len(d), base64.b64decode(encs[0]) == d, base64.urlsafe_b64decode(encs[1]) == d, base64.b32decode(encs[2]) == d,
          base64.b32hexdecode(encs[3]) == d, base64.b16decode(encs[4]) == d, base64.b85decode(encs[5]) == d,
          base64.a85decode(encs[6]) == d, base64.a85decode(encs[7], adobe=True) == d)
t(lambda: base64.b64encode('x'))
t(lambda: base64.b64decode('\xe9'))
t(lambda: base64.b64decode(5))
t(lambda: base64.b32decode(b'MFRGG==='))
t(lambda: base64.b32decode(b'MFRGG'))
t(lambda: base64.b32decode(b'mfrgg===', casefold=True))
t(lambda: base64.b32decode(b'mfrgg==='))
t(lambda: base64.b32decode(b'M1RGG===', map01='L'))
t(lambda: base64.b16decode(b'4a'))
t(lambda: base64.b16decode(b'4a', casefold=True))
t(lambda: base64.b85decode(b'VPa!'))
t(lambda: base64.a85decode(b'<~@:E_~>', adobe=True))
t(lambda: base64.a85encode(b'\0\0\0\0abc    ', foldspaces=True, wrapcol=5, adobe=True))
t(lambda: base64.a85decode(b'zy'))
t(lambda: base64.a85decode(b'y', foldspaces=True))
t(lambda: base64.a85decode(b's8W-"'))
t(lambda: base64.b85encode(b'abc', pad=True))
t(lambda: base64.encodebytes(b'x'*100))
t(lambda: base64.decodebytes(b'eHh4\n'))
t(lambda: base64.b64encode(b'\xff\xfe', altchars=b'-_'))
t(lambda: base64.b64decode(b'__8=', altchars=b'-_'))
t(lambda: base64.b64decode(b'YW Jj\n', validate=False))
t(lambda: base64.b64decode(b'YW Jj', validate=True))
for s in [b'a=bc', b'ab=c', b'abcd==', b'abcd=e', b'ab=d=', b'a===', b'ab===', b'abc==', b'====', b'ab\n==']:
    for strict in (False, True):
        t(lambda: binascii.a2b_base64(s, strict_mode=strict))
