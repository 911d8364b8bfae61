//! BLAKE2b and BLAKE2s (RFC 7693) with the full parameter block of the
//! BLAKE2 specification: digest length, key, salt, personalization, and
//! the tree-hashing fields (fanout, depth, leaf length, node offset, node
//! depth, inner length, last node). Used by `hashlib.blake2b/blake2s`.
//!
//! One macro generates both variants: they differ only in word size,
//! round count, rotation constants and the field widths of the parameter
//! block.

/// The message schedule permutations shared by both variants.
const SIGMA: [[usize; 16]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
    [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
    [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
    [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
    [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
    [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
    [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
    [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
    [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

/// The tree-hashing and naming parameters of one BLAKE2 instance.
#[derive(Clone, Debug, Default)]
pub struct Params {
    pub digest_size: usize,
    pub key: Vec<u8>,
    pub salt: Vec<u8>,
    pub person: Vec<u8>,
    pub fanout: u8,
    pub depth: u8,
    pub leaf_size: u32,
    pub node_offset: u64,
    pub node_depth: u8,
    pub inner_size: u8,
    pub last_node: bool,
}

macro_rules! blake2_impl {
    ($name:ident, $word:ty, $bytes:expr, $block:expr, $rounds:expr, $r1:expr, $r2:expr, $r3:expr, $r4:expr, $iv:expr, $offset_bytes:expr, $salt_len:expr) => {
        #[derive(Clone)]
        pub struct $name {
            h: [$word; 8],
            /// Total bytes compressed so far (the 2-word counter t).
            t: u128,
            buf: [u8; $block],
            buf_len: usize,
            digest_size: usize,
            last_node: bool,
        }

        impl $name {
            pub const BLOCK: usize = $block;
            pub const MAX_DIGEST: usize = $bytes;
            pub const MAX_KEY: usize = $bytes;
            pub const SALT: usize = $salt_len;
            pub const PERSON: usize = $salt_len;
            const IV: [$word; 8] = $iv;

            /// A new state; the caller has validated the parameter sizes.
            pub fn new(p: &Params) -> $name {
                let w = std::mem::size_of::<$word>();
                let mut block = [0u8; 8 * std::mem::size_of::<$word>()];
                block[0] = p.digest_size as u8;
                block[1] = p.key.len() as u8;
                block[2] = p.fanout;
                block[3] = p.depth;
                block[4..8].copy_from_slice(&p.leaf_size.to_le_bytes());
                block[8..8 + $offset_bytes].copy_from_slice(&p.node_offset.to_le_bytes()[..$offset_bytes]);
                block[8 + $offset_bytes] = p.node_depth;
                block[9 + $offset_bytes] = p.inner_size;
                let salt_at = 4 * w;
                block[salt_at..salt_at + p.salt.len()].copy_from_slice(&p.salt);
                let person_at = salt_at + $salt_len;
                block[person_at..person_at + p.person.len()].copy_from_slice(&p.person);
                let mut h = Self::IV;
                for i in 0..8 {
                    let mut word = [0u8; std::mem::size_of::<$word>()];
                    word.copy_from_slice(&block[i * w..(i + 1) * w]);
                    h[i] ^= <$word>::from_le_bytes(word);
                }
                let mut s = $name { h, t: 0, buf: [0; $block], buf_len: 0, digest_size: p.digest_size, last_node: p.last_node };
                if !p.key.is_empty() {
                    let mut kb = [0u8; $block];
                    kb[..p.key.len()].copy_from_slice(&p.key);
                    s.update(&kb);
                }
                s
            }

            pub fn digest_size(&self) -> usize {
                self.digest_size
            }

            #[inline(always)]
            fn g(v: &mut [$word; 16], a: usize, b: usize, c: usize, d: usize, x: $word, y: $word) {
                v[a] = v[a].wrapping_add(v[b]).wrapping_add(x);
                v[d] = (v[d] ^ v[a]).rotate_right($r1);
                v[c] = v[c].wrapping_add(v[d]);
                v[b] = (v[b] ^ v[c]).rotate_right($r2);
                v[a] = v[a].wrapping_add(v[b]).wrapping_add(y);
                v[d] = (v[d] ^ v[a]).rotate_right($r3);
                v[c] = v[c].wrapping_add(v[d]);
                v[b] = (v[b] ^ v[c]).rotate_right($r4);
            }

            fn compress_portable(&mut self, block: &[u8], last: bool) {
                const W: usize = std::mem::size_of::<$word>();
                let mut m = [0 as $word; 16];
                for (i, chunk) in block.chunks_exact(W).enumerate() {
                    let mut word = [0u8; W];
                    word.copy_from_slice(chunk);
                    m[i] = <$word>::from_le_bytes(word);
                }
                let mut v = [0 as $word; 16];
                v[..8].copy_from_slice(&self.h);
                v[8..].copy_from_slice(&Self::IV);
                v[12] ^= self.t as $word;
                v[13] ^= (self.t >> (8 * W)) as $word;
                if last {
                    v[14] = !v[14];
                    if self.last_node {
                        v[15] = !v[15];
                    }
                }
                for r in 0..$rounds {
                    let s = &SIGMA[r % 10];
                    Self::g(&mut v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
                    Self::g(&mut v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
                    Self::g(&mut v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
                    Self::g(&mut v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
                    Self::g(&mut v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
                    Self::g(&mut v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
                    Self::g(&mut v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
                    Self::g(&mut v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
                }
                for i in 0..8 {
                    self.h[i] ^= v[i] ^ v[i + 8];
                }
            }

            /// Absorbs `data`. The last (possibly full) block stays buffered
            /// because it must be compressed with the final flag.
            pub fn update(&mut self, mut data: &[u8]) {
                if data.is_empty() {
                    return;
                }
                let free = $block - self.buf_len;
                if data.len() <= free {
                    self.buf[self.buf_len..self.buf_len + data.len()].copy_from_slice(data);
                    self.buf_len += data.len();
                    return;
                }
                // Fill and compress the buffer (more data follows, so it is not last).
                self.buf[self.buf_len..].copy_from_slice(&data[..free]);
                data = &data[free..];
                self.t += $block as u128;
                let buf = self.buf;
                self.compress(&buf, false);
                self.buf_len = 0;
                while data.len() > $block {
                    self.t += $block as u128;
                    self.compress(&data[..$block], false);
                    data = &data[$block..];
                }
                self.buf[..data.len()].copy_from_slice(data);
                self.buf_len = data.len();
            }

            /// The digest of everything absorbed so far (the state is kept).
            pub fn finalize(&self) -> Vec<u8> {
                let mut s = self.clone();
                s.t += s.buf_len as u128;
                let mut last = [0u8; $block];
                last[..s.buf_len].copy_from_slice(&s.buf[..s.buf_len]);
                s.compress(&last, true);
                let mut out = Vec::with_capacity(8 * std::mem::size_of::<$word>());
                for w in s.h.iter() {
                    out.extend_from_slice(&w.to_le_bytes());
                }
                out.truncate(s.digest_size);
                out
            }
        }
    };
}

blake2_impl!(
    Blake2b,
    u64,
    64,
    128,
    12,
    32,
    24,
    16,
    63,
    [
        0x6a09e667f3bcc908,
        0xbb67ae8584caa73b,
        0x3c6ef372fe94f82b,
        0xa54ff53a5f1d36f1,
        0x510e527fade682d1,
        0x9b05688c2b3e6c1f,
        0x1f83d9abfb41bd6b,
        0x5be0cd19137e2179
    ],
    8,
    16
);

blake2_impl!(
    Blake2s,
    u32,
    32,
    64,
    10,
    16,
    12,
    8,
    7,
    [0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19],
    6,
    8
);

impl Blake2s {
    fn compress(&mut self, block: &[u8], last: bool) {
        self.compress_portable(block, last)
    }
}

impl Blake2b {
    fn compress(&mut self, block: &[u8], last: bool) {
        #[cfg(target_arch = "x86_64")]
        {
            if std::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU supports AVX2 (checked just above).
                unsafe { avx2::compress(&mut self.h, block, self.t, last, self.last_node, &Self::IV) };
                return;
            }
        }
        self.compress_portable(block, last)
    }
}

/// BLAKE2b's compression with the four columns (then diagonals) of the
/// state in 256-bit registers.
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::SIGMA;
    use std::arch::x86_64::*;

    #[inline(always)]
    unsafe fn rot32(x: __m256i) -> __m256i {
        _mm256_shuffle_epi32(x, 0b10_11_00_01)
    }

    #[inline(always)]
    unsafe fn rot63(x: __m256i) -> __m256i {
        _mm256_or_si256(_mm256_add_epi64(x, x), _mm256_srli_epi64(x, 63))
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    unsafe fn g(a: &mut __m256i, b: &mut __m256i, c: &mut __m256i, d: &mut __m256i, x: __m256i, y: __m256i, r16: __m256i, r24: __m256i) {
        *a = _mm256_add_epi64(_mm256_add_epi64(*a, *b), x);
        *d = rot32(_mm256_xor_si256(*d, *a));
        *c = _mm256_add_epi64(*c, *d);
        *b = _mm256_shuffle_epi8(_mm256_xor_si256(*b, *c), r24);
        *a = _mm256_add_epi64(_mm256_add_epi64(*a, *b), y);
        *d = _mm256_shuffle_epi8(_mm256_xor_si256(*d, *a), r16);
        *c = _mm256_add_epi64(*c, *d);
        *b = rot63(_mm256_xor_si256(*b, *c));
    }

    #[inline(always)]
    unsafe fn lanes(m: &[u64; 16], i0: usize, i1: usize, i2: usize, i3: usize) -> __m256i {
        _mm256_set_epi64x(m[i3] as i64, m[i2] as i64, m[i1] as i64, m[i0] as i64)
    }

    #[target_feature(enable = "avx2")]
    pub unsafe fn compress(h: &mut [u64; 8], block: &[u8], t: u128, last: bool, last_node: bool, iv: &[u64; 8]) {
        let mut m = [0u64; 16];
        for (i, chunk) in block.chunks_exact(8).enumerate() {
            m[i] = u64::from_le_bytes(chunk.try_into().unwrap());
        }
        let f0 = if last { u64::MAX } else { 0 };
        let f1 = if last && last_node { u64::MAX } else { 0 };
        let mut a = _mm256_loadu_si256(h.as_ptr() as *const __m256i);
        let mut b = _mm256_loadu_si256(h.as_ptr().add(4) as *const __m256i);
        let mut c = _mm256_loadu_si256(iv.as_ptr() as *const __m256i);
        let mut d = _mm256_xor_si256(
            _mm256_loadu_si256(iv.as_ptr().add(4) as *const __m256i),
            _mm256_set_epi64x(f1 as i64, f0 as i64, (t >> 64) as u64 as i64, t as u64 as i64),
        );
        let r16 = _mm256_setr_epi8(2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9, 2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9);
        let r24 = _mm256_setr_epi8(3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10, 3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10);
        let (a0, b0) = (a, b);
        for r in 0..12 {
            let s = &SIGMA[r % 10];
            g(&mut a, &mut b, &mut c, &mut d, lanes(&m, s[0], s[2], s[4], s[6]), lanes(&m, s[1], s[3], s[5], s[7]), r16, r24);
            b = _mm256_permute4x64_epi64(b, 0b00_11_10_01);
            c = _mm256_permute4x64_epi64(c, 0b01_00_11_10);
            d = _mm256_permute4x64_epi64(d, 0b10_01_00_11);
            g(&mut a, &mut b, &mut c, &mut d, lanes(&m, s[8], s[10], s[12], s[14]), lanes(&m, s[9], s[11], s[13], s[15]), r16, r24);
            b = _mm256_permute4x64_epi64(b, 0b10_01_00_11);
            c = _mm256_permute4x64_epi64(c, 0b01_00_11_10);
            d = _mm256_permute4x64_epi64(d, 0b00_11_10_01);
        }
        let lo = _mm256_xor_si256(a0, _mm256_xor_si256(a, c));
        let hi = _mm256_xor_si256(b0, _mm256_xor_si256(b, d));
        _mm256_storeu_si256(h.as_mut_ptr() as *mut __m256i, lo);
        _mm256_storeu_si256(h.as_mut_ptr().add(4) as *mut __m256i, hi);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{:02x}", x)).collect()
    }

    #[test]
    fn simd_matches_portable() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i * 7) as u8).collect();
        for len in [0usize, 1, 127, 128, 129, 256, 1000, 5000] {
            let p = Params { digest_size: 64, fanout: 1, depth: 1, last_node: len % 2 == 0, ..Default::default() };
            let mut fast = Blake2b::new(&p);
            fast.update(&data[..len]);
            // the portable path on its own
            let mut portable = Blake2b::new(&p);
            let mut rest = &data[..len];
            while rest.len() > 128 {
                portable.t += 128;
                portable.compress_portable(&rest[..128], false);
                rest = &rest[128..];
            }
            portable.t += rest.len() as u128;
            let mut lastb = [0u8; 128];
            lastb[..rest.len()].copy_from_slice(rest);
            portable.compress_portable(&lastb, true);
            let mut out = Vec::new();
            for w in portable.h.iter() {
                out.extend_from_slice(&w.to_le_bytes());
            }
            assert_eq!(fast.finalize(), out, "length {}", len);
        }
    }

    #[test]
    fn rfc7693_vectors() {
        let p = Params { digest_size: 64, fanout: 1, depth: 1, ..Default::default() };
        let mut b = Blake2b::new(&p);
        b.update(b"abc");
        assert!(hex(&b.finalize()).starts_with("ba80a53f981c4d0d6a2797b69f12f6e9"));
        let p = Params { digest_size: 32, fanout: 1, depth: 1, ..Default::default() };
        let mut s = Blake2s::new(&p);
        s.update(b"abc");
        assert_eq!(hex(&s.finalize()), "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982");
    }
}
