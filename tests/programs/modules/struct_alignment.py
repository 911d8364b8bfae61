import struct
for fmt in ['@bq', 'bhi', 'ci', '?P', 'i0q', 'hq0i', 'x', '3x', '=q', '<?', 'eH', '2e', '10p', '0s', 'bbhq', '@3sQ', 'dc']:
    print(fmt, struct.calcsize(fmt))
print(struct.pack('bq', 1, 2).hex(), struct.pack('hq0i', 1, 2).hex())
print(struct.unpack('<qQ', struct.pack('<qQ', -2**63, 2**64-1)))
print(struct.unpack('>e', b'\x00\x01'), struct.unpack('<e', b'\x00\x80'), struct.pack('>e', -0.0), struct.pack('<e', 1e-8))
print(struct.pack('>f', float('nan')), struct.unpack('>f', struct.pack('>f', 0.1)))
print(struct.pack('>?', 0), struct.pack('>3?', 1, 0, 'x'))
s = struct.Struct('<2h')
print(list(s.iter_unpack(b'\x01\x00\x02\x00\x03\x00\x04\x00')), s.unpack_from(b'xx\x01\x00\x02\x00', offset=2))
it = struct.iter_unpack('>b', b'\x01\x02\x03')
print(it.__length_hint__(), next(it), it.__length_hint__(), list(it))
print(struct.pack('>5s', bytearray(b'ab')), struct.unpack('>5s2x', b'abcdexx'))
class S(struct.Struct):
    pass
print(S('>I').pack(7), S('>I').size)
