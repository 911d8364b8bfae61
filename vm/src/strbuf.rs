//! `StrBuf`: the UTF-8 text of a `str` object, with the short-string
//! optimisation: up to 15 bytes live inside the 16-byte value itself, longer
//! texts in a heap block.
//!
//! Most strings a program makes (identifiers, words, dict keys, digits) are
//! short; keeping them inline saves an allocation and 16-32 bytes per str
//! (measured: the `dict_strings` benchmark's peak memory), and a str object
//! is then a single allocation, as in CPython.
//!
//! Layout (16 bytes, byte 15 is the tag):
//! - inline: bytes 0..len hold the text, byte 15 = 0x80 | len (len <= 15);
//! - heap: bytes 0..8 the pointer of a `Box<[u8]>`, bytes 8..15 its length
//!   (little-endian, < 2^56), byte 15 = 0.

use std::ops::Deref;

const INLINE_MAX: usize = 15;
const INLINE_TAG: u8 = 0x80;

#[repr(C, align(8))]
pub struct StrBuf([u8; 16]);

impl StrBuf {
    /// Takes a boxed text (kept as is when long, copied inline when short).
    pub fn from_box(s: Box<str>) -> StrBuf {
        if s.len() <= INLINE_MAX {
            return StrBuf::inline(&s);
        }
        let len = s.len() as u64;
        assert!(len < 1 << 56, "str too long");
        let ptr = Box::into_raw(s.into_boxed_bytes()) as *mut u8 as usize as u64;
        let mut b = [0u8; 16];
        b[..8].copy_from_slice(&ptr.to_le_bytes());
        b[8..15].copy_from_slice(&len.to_le_bytes()[..7]);
        StrBuf(b)
    }

    /// Copies a text.
    #[inline]
    pub fn from_str(s: &str) -> StrBuf {
        if s.len() <= INLINE_MAX {
            StrBuf::inline(s)
        } else {
            StrBuf::from_box(Box::from(s))
        }
    }

    /// The inline form, built in two machine words: the text is read with
    /// at most four (possibly overlapping) loads instead of a `memcpy` of a
    /// variable length, whose byte stores the CPU cannot forward to the
    /// 16-byte load that moves the buffer into its object (measured: the
    /// stall was a quarter of `s.lower()` on short words).
    #[inline]
    fn inline(s: &str) -> StrBuf {
        let text = short_text_bits(s.as_bytes());
        StrBuf::from_inline_bits(text, s.len())
    }

    /// An inline text from its bytes as a little-endian number (byte `i` in
    /// bits `8i..8i+8`, zero above `len`).
    ///
    /// The caller guarantees that those `len <= 15` bytes are UTF-8.
    #[inline(always)]
    pub(crate) fn from_inline_bits(text: u128, len: usize) -> StrBuf {
        debug_assert!(len <= INLINE_MAX && (len == 16 || text >> (8 * len) == 0));
        let bits = text | (((INLINE_TAG | len as u8) as u128) << 120);
        StrBuf(bits.to_le_bytes())
    }

    #[inline(always)]
    fn is_inline(&self) -> bool {
        self.0[15] & INLINE_TAG != 0
    }

    #[inline(always)]
    fn heap_parts(&self) -> (*mut u8, usize) {
        let mut p = [0u8; 8];
        p.copy_from_slice(&self.0[..8]);
        let mut l = [0u8; 8];
        l[..7].copy_from_slice(&self.0[8..15]);
        (u64::from_le_bytes(p) as usize as *mut u8, u64::from_le_bytes(l) as usize)
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        if self.is_inline() {
            let len = (self.0[15] & !INLINE_TAG) as usize;
            // SAFETY: the first `len` bytes were copied from a `str`.
            unsafe { std::str::from_utf8_unchecked(&self.0[..len]) }
        } else {
            let (ptr, len) = self.heap_parts();
            // SAFETY: ptr/len describe the live `Box<[u8]>` made from a `str` in `from_box`.
            unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(ptr, len)) }
        }
    }
}

/// Up to 15 bytes as a little-endian number (byte `i` in bits `8i..8i+8`),
/// read with at most four loads, some overlapping (no byte loop, no memcpy).
#[inline(always)]
pub(crate) fn short_text_bits(b: &[u8]) -> u128 {
    let n = b.len();
    debug_assert!(n <= INLINE_MAX);
    if n >= 8 {
        // Bytes 8..n are the top n-8 bytes of the last eight.
        let hi = if n > 8 { read_u64_le(b, n - 8) >> (8 * (16 - n)) } else { 0 };
        ((hi as u128) << 64) | read_u64_le(b, 0) as u128
    } else if n >= 4 {
        // Two overlapping 4-byte reads; shared bytes agree.
        (read_u32_le(b, 0) | (read_u32_le(b, n - 4) << (8 * (n - 4)))) as u128
    } else if n > 0 {
        let mid = n / 2;
        ((b[0] as u64) | ((b[mid] as u64) << (8 * mid)) | ((b[n - 1] as u64) << (8 * (n - 1)))) as u128
    } else {
        0
    }
}

/// Eight bytes of `b` from `i` as a little-endian word.
#[inline(always)]
fn read_u64_le(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

/// Four bytes of `b` from `i` as a little-endian number.
#[inline(always)]
pub(crate) fn read_u32_le(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 4];
    w.copy_from_slice(&b[i..i + 4]);
    u32::from_le_bytes(w) as u64
}

impl Drop for StrBuf {
    fn drop(&mut self) {
        if !self.is_inline() {
            let (ptr, len) = self.heap_parts();
            // SAFETY: the block came from `Box::into_raw` of a `Box<[u8]>` of this length.
            drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)) });
        }
    }
}

impl Clone for StrBuf {
    fn clone(&self) -> StrBuf {
        StrBuf::from_str(self.as_str())
    }
}

impl Deref for StrBuf {
    type Target = str;
    #[inline(always)]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for StrBuf {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for StrBuf {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for StrBuf {
    #[inline]
    fn eq(&self, other: &StrBuf) -> bool {
        if self.is_inline() || other.is_inline() {
            // A text of at most 15 bytes is always kept inline with zero
            // padding, so two equal texts have the same 16 bytes, and an
            // inline text never equals a heap one (whose tag byte is 0):
            // one 16-byte compare decides.
            return self.0 == other.0;
        }
        self.as_str() == other.as_str()
    }
}

impl PartialEq<str> for StrBuf {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for StrBuf {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Eq for StrBuf {}

impl std::fmt::Debug for StrBuf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for StrBuf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&StrBuf> for Box<str> {
    fn from(s: &StrBuf) -> Box<str> {
        Box::from(s.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::StrBuf;

    #[test]
    fn short_long_and_unicode_texts_round_trip() {
        for s in ["", "a", "fifteen bytes!!", "sixteen bytes!!!", "héllo wörld ✓✓", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝔱𝔢𝔵𝔱 𝔩𝔬𝔫𝔤"] {
            let b = StrBuf::from_str(s);
            assert_eq!(&*b, s);
            let c = b.clone();
            assert_eq!(c.as_str(), s);
            let d = StrBuf::from_box(Box::from(s));
            assert_eq!(d, b);
        }
        // Equality: inline against inline, inline against heap, heap against heap.
        let texts = ["", "a", "b", "fifteen bytes!!", "fifteen bytes!?", "sixteen bytes!!!", "sixteen bytes!!?", "é", "e"];
        for x in texts {
            for y in texts {
                assert_eq!(StrBuf::from_str(x) == StrBuf::from_box(Box::from(y)), x == y, "{x:?} == {y:?}");
            }
        }
        // Every inline length, with distinct bytes in every position.
        let all: String = (0..15u8).map(|i| (b'a' + i) as char).collect();
        for n in 0..=15 {
            let t = &all[..n];
            let b = StrBuf::from_str(t);
            assert_eq!(b.as_str(), t);
            assert_eq!(b, StrBuf::from_box(Box::from(t)));
        }
        let long = "x".repeat(100_000);
        assert_eq!(StrBuf::from_str(&long).len(), 100_000);
        assert_eq!(std::mem::size_of::<StrBuf>(), 16);
    }
}
