//! (Owned by the strings engineer.) Shared helpers of the str and bytes
//! modules: argument binding for native methods, slice and start/end index
//! normalisation (CPython's `PySlice_AdjustIndices` rules), code-point to
//! byte offset conversion, and the Unicode property lookups backed by the
//! generated tables in `str_unicode_tables.rs`.

use super::str_unicode_tables as tables;
use crate::function::Args;
use crate::value::{Data, PyStr, Value};
use crate::vm::Vm;
use crate::PyResult;

/// Binds the arguments of a method (receiver excluded) to `names`: returns one
/// slot per name. `required` names must be present; `kw` says whether keyword
/// arguments are accepted.
pub fn bind<'a>(vm: &Vm, args: &Args<'a>, fname: &str, names: &[&str], required: usize, kw: bool) -> PyResult<Vec<Option<Value>>> {
    let pos = &args.pos()[1..];
    if args.has_kwargs() && !kw {
        // CPython names the type here ("str.strip() takes no keyword arguments").
        return Err(vm.type_error(format!("{}() takes no keyword arguments", fname)));
    }
    if pos.len() > names.len() {
        return Err(if names.is_empty() {
            vm.type_error(format!("{}() takes no arguments ({} given)", fname, pos.len()))
        } else if required == names.len() && names.len() == 1 {
            vm.type_error(format!("{}() takes exactly one argument ({} given)", fname, pos.len()))
        } else {
            vm.type_error(format!("{}() takes at most {} argument{} ({} given)", fname.rsplit('.').next().unwrap_or(fname), names.len(), if names.len() == 1 { "" } else { "s" }, pos.len()))
        });
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (i, v) in pos.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    for (k, v) in args.kwargs() {
        match names.iter().position(|n| *n == k) {
            Some(i) => {
                if out[i].is_some() {
                    return Err(vm.type_error(format!("argument for {}() given by name ('{}') and position ({})", fname, k, i + 1)));
                }
                out[i] = Some(v.clone());
            }
            None => return Err(vm.type_error(format!("{}() got an unexpected keyword argument '{}'", fname, k))),
        }
    }
    if let Some(i) = out.iter().take(required).position(|x| x.is_none()) {
        let fshort = fname.rsplit('.').next().unwrap_or(fname);
        return Err(if required == 1 && names.len() == 1 {
            vm.type_error(format!("{}() takes exactly one argument ({} given)", fname, pos.len()))
        } else if pos.len() < required && !args.has_kwargs() {
            vm.type_error(format!("{} expected at least {} argument{}, got {}", fshort, required, if required == 1 { "" } else { "s" }, pos.len()))
        } else {
            vm.type_error(format!("{}() missing required argument '{}' (pos {})", fshort, names[i], i + 1))
        });
    }
    Ok(out)
}

/// An optional slot that is absent or None.
pub fn is_none_or_absent(v: &Option<Value>) -> bool {
    matches!(v, None | Some(Value::None))
}

/// A slice object's `(start, stop, step)` (each None when omitted), or None
/// when `key` is not a slice.
pub fn slice_parts(vm: &mut Vm, key: &Value) -> PyResult<Option<(Value, Value, Value)>> {
    let _ = vm;
    Ok(key.native::<super::container_helpers::SliceData>().map(|s| (s.start.clone(), s.stop.clone(), s.step.clone())))
}

/// A slice bound as i64 (clamped like CPython's `_PyEval_SliceIndex`).
fn slice_index(vm: &mut Vm, v: &Value) -> PyResult<Option<i64>> {
    match v {
        Value::None => Ok(None),
        Value::Int(i) => Ok(Some(*i)),
        Value::Bool(b) => Ok(Some(b.get() as i64)),
        Value::Obj(o) => {
            if let Data::Int(i) = &o.data {
                use num_traits::Signed;
                return Ok(Some(if i.is_negative() { i64::MIN } else { i64::MAX }));
            }
            if crate::slots::special(&o.ty, "__index__").is_none() {
                return Err(vm.type_error("slice indices must be integers or None or have an __index__ method"));
            }
            match vm.index_to_i64(v) {
                Ok(i) => Ok(Some(i)),
                Err(e) if vm.is_instance(&e.0, &vm.e.overflow_error.clone()) => Ok(Some(i64::MAX)),
                Err(e) => Err(e),
            }
        }
        _ => Err(vm.type_error("slice indices must be integers or None or have an __index__ method")),
    }
}

/// Resolves a slice against a sequence of `len` items: `(start, stop, step, count)`.
pub fn slice_indices(vm: &mut Vm, parts: &(Value, Value, Value), len: usize) -> PyResult<(i64, i64, i64, usize)> {
    let step = match slice_index(vm, &parts.2)? {
        None => 1,
        Some(0) => return Err(vm.value_error("slice step cannot be zero")),
        Some(s) => s.max(-i64::MAX),
    };
    let len = len as i64;
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let clamp = |v: Option<i64>, default: i64| -> i64 {
        match v {
            None => default,
            Some(mut x) => {
                if x < 0 {
                    x = x.saturating_add(len);
                    if x < lower {
                        x = lower;
                    }
                } else if x > upper {
                    x = upper;
                }
                x
            }
        }
    };
    let start = slice_index(vm, &parts.0)?;
    let stop = slice_index(vm, &parts.1)?;
    let start = clamp(start, if step < 0 { upper } else { lower });
    let stop = clamp(stop, if step < 0 { lower } else { upper });
    let count = if step < 0 {
        if stop < start { ((start - stop - 1) / (-step) + 1) as usize } else { 0 }
    } else if start < stop {
        ((stop - start - 1) / step + 1) as usize
    } else {
        0
    };
    Ok((start, stop, step, count))
}

/// `start`/`end` arguments of find/count/startswith...: normalised like a
/// slice with step 1 (`None` means omitted). Returns unclamped-to-len start
/// when it exceeds `len` so callers can apply CPython's "start > len" rules.
pub fn start_end(vm: &mut Vm, start: &Option<Value>, end: &Option<Value>, len: usize) -> PyResult<(usize, usize, bool)> {
    let len = len as i64;
    let s = match start {
        Some(v) => slice_index(vm, v)?,
        None => None,
    };
    let e = match end {
        Some(v) => slice_index(vm, v)?,
        None => None,
    };
    let mut s = s.unwrap_or(0);
    let mut e = e.unwrap_or(len);
    if e > len {
        e = len;
    } else if e < 0 {
        e += len;
        if e < 0 {
            e = 0;
        }
    }
    if s < 0 {
        s += len;
        if s < 0 {
            s = 0;
        }
    }
    let start_past_end = s > len;
    Ok((s.min(len) as usize, e as usize, start_past_end || s > e))
}

/// Byte offset of code point `idx` in `s` (`idx` may equal the length).
pub fn byte_offset(s: &PyStr, idx: usize) -> usize {
    if s.is_ascii() {
        return idx.min(s.s.len());
    }
    s.s.char_indices().nth(idx).map(|(b, _)| b).unwrap_or(s.s.len())
}

/// The code-point index of byte offset `b` in `s`.
pub fn char_index(s: &str, b: usize) -> usize {
    if s.is_ascii() {
        return b;
    }
    s[..b].chars().count()
}

/// A Python int argument as i64 (with `__index__`), with CPython's message for other types.
pub fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(b.get() as i64),
        Value::Float(_) => Err(vm.type_error("'float' object cannot be interpreted as an integer")),
        _ => vm.index_to_i64(v),
    }
}

fn in_ranges(table: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    table
        .binary_search_by(|&(a, b)| {
            if b < c {
                std::cmp::Ordering::Less
            } else if a > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

fn map_lookup(table: &'static [(u32, &'static str)], c: char) -> Option<&'static str> {
    table.binary_search_by_key(&(c as u32), |&(k, _)| k).ok().map(|i| table[i].1)
}

pub fn is_printable(c: char) -> bool {
    if (c as u32) < 0x7f {
        return c >= ' ';
    }
    !in_ranges(tables::NON_PRINTABLE, c)
}
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_ranges(tables::ALPHA, c)
}
pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_ranges(tables::DECIMAL, c)
}
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_ranges(tables::DIGIT, c)
}
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_ranges(tables::NUMERIC, c)
}
/// Python's `str.isspace()` for one character (also the whitespace of split/strip).
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '\x1c'..='\x1f');
    }
    in_ranges(tables::SPACE, c)
}
pub fn is_lower(c: char) -> bool {
    in_ranges(tables::LOWER, c)
}
pub fn is_upper(c: char) -> bool {
    in_ranges(tables::UPPER, c)
}
pub fn is_titlecase(c: char) -> bool {
    in_ranges(tables::TITLE, c)
}
pub fn is_cased(c: char) -> bool {
    in_ranges(tables::CASED, c)
}
pub fn is_case_ignorable(c: char) -> bool {
    in_ranges(tables::CASE_IGNORABLE, c)
}
pub fn is_id_start(c: char) -> bool {
    in_ranges(tables::ID_START, c)
}
pub fn is_id_continue(c: char) -> bool {
    in_ranges(tables::ID_CONTINUE, c)
}
/// The value of a decimal digit character (category Nd), e.g. for `int('٣')`.
pub fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(c as u32 - '0' as u32);
    }
    let cp = c as u32;
    let t = tables::DECIMAL;
    let i = t.partition_point(|&(_, b)| b < cp);
    match t.get(i) {
        Some(&(a, b)) if a <= cp && cp <= b => Some((cp - a) % 10),
        _ => None,
    }
}
/// Python's line boundaries (`str.splitlines`).
pub fn is_linebreak(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Appends the full uppercase mapping of `c`.
pub fn push_upper(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_uppercase());
    } else {
        match map_lookup(tables::UPPER_MAP, c) {
            Some(m) => out.push_str(m),
            None => out.push(c),
        }
    }
}
/// Appends the full lowercase mapping of `c` (no final-sigma rule).
pub fn push_lower(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        match map_lookup(tables::LOWER_MAP, c) {
            Some(m) => out.push_str(m),
            None => out.push(c),
        }
    }
}
pub fn push_title(out: &mut String, c: char) {
    match map_lookup(tables::TITLE_MAP, c) {
        Some(m) => out.push_str(m),
        None => push_upper(out, c),
    }
}
pub fn push_fold(out: &mut String, c: char) {
    match map_lookup(tables::FOLD_MAP, c) {
        Some(m) => out.push_str(m),
        None => push_lower(out, c),
    }
}

/// Lowercases `chars[i]`, applying the Final_Sigma rule for U+03A3.
pub fn push_lower_at(out: &mut String, chars: &[char], i: usize) {
    let c = chars[i];
    if c != '\u{3a3}' {
        push_lower(out, c);
        return;
    }
    // Final sigma: preceded by a cased letter and not followed by one
    // (skipping case-ignorable characters both ways).
    let mut j = i;
    let mut before = false;
    while j > 0 {
        j -= 1;
        if is_case_ignorable(chars[j]) {
            continue;
        }
        before = is_cased(chars[j]);
        break;
    }
    let mut after = false;
    let mut k = i + 1;
    while k < chars.len() {
        if is_case_ignorable(chars[k]) {
            k += 1;
            continue;
        }
        after = is_cased(chars[k]);
        break;
    }
    out.push(if before && !after { '\u{3c2}' } else { '\u{3c3}' });
}

/// The message (first argument) of an exception, for unit tests.
#[cfg(test)]
pub fn err_text(vm: &Vm, e: &crate::PyErr) -> String {
    let d = vm.exception_data(&e.0).expect("an exception");
    let args = d.borrow().args.clone();
    args.as_tuple().and_then(|t| t.first()).and_then(|v| v.as_str()).unwrap_or("").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_properties() {
        assert!(is_printable('é') && !is_printable('\u{200b}') && !is_printable('\x7f') && is_printable(' '));
        assert!(!is_printable('\u{3000}') && !is_printable('\u{a0}'));
        assert!(is_numeric('\u{4e94}') && !is_digit('\u{4e94}') && is_digit('\u{b2}') && !is_decimal('\u{b2}'));
        assert_eq!(decimal_value('\u{663}'), Some(3));
        assert_eq!(decimal_value('\u{1d7d9}'), Some(1));
        assert!(is_space('\u{3000}') && is_space('\x1c') && !is_space('\u{200b}'));
        assert!(is_id_start('é') && !is_id_start('1') && is_id_continue('1') && is_id_continue('\u{b7}'));
        let mut s = String::new();
        push_upper(&mut s, 'ß');
        push_title(&mut s, 'ǆ');
        push_fold(&mut s, 'ß');
        assert_eq!(s, "SSǅss");
    }
}

// ----- making str objects without a detour through a heap block ---------------

/// The longest text a str keeps inside its object (`strbuf.rs`).
pub const INLINE_STR_MAX: usize = 15;

impl Vm {
    /// A new exact str copying `s`, whose length in code points the caller
    /// knows. A short text goes straight into the object (`vm.new_str(&str)`
    /// would box it first and then copy it inline), and nothing is counted.
    #[inline]
    pub fn new_str_with_len(&self, s: &str, char_len: usize) -> Value {
        debug_assert_eq!(char_len, s.chars().count());
        self.str_object(crate::strbuf::StrBuf::from_str(s), char_len)
    }

    /// A new exact str of `len <= 15` ASCII bytes given as a little-endian
    /// number (see `strbuf::short_text_bits`); zero above `len`.
    #[inline]
    pub(crate) fn new_short_ascii_str(&self, bits: u128, len: usize) -> Value {
        debug_assert!(len <= INLINE_STR_MAX && bits.to_le_bytes()[..len].is_ascii());
        self.str_object(crate::strbuf::StrBuf::from_inline_bits(bits, len), len)
    }

    /// A new exact str copying `s`.
    #[inline]
    pub fn new_str_copy(&self, s: &str) -> Value {
        let n = if s.is_ascii() { s.len() } else { s.chars().count() };
        self.new_str_with_len(s, n)
    }

    /// A new exact str owning `s` (kept as the heap block when long).
    #[inline]
    pub fn new_string_with_len(&self, s: String, char_len: usize) -> Value {
        debug_assert_eq!(char_len, s.chars().count());
        if s.len() <= INLINE_STR_MAX {
            return self.new_str_with_len(&s, char_len);
        }
        self.str_object(crate::strbuf::StrBuf::from_box(s.into_boxed_str()), char_len)
    }

    /// The concatenation of `parts` (their total length in code points is
    /// `char_len`), built on the stack when it fits in the object.
    pub fn new_str_concat(&self, parts: &[&str], char_len: usize) -> Value {
        let total: usize = parts.iter().map(|p| p.len()).sum();
        if total <= INLINE_STR_MAX {
            // The parts' bytes shifted into place in one 128-bit number (no
            // byte copies through memory).
            let mut bits = 0u128;
            let mut at = 0;
            for p in parts {
                bits |= crate::strbuf::short_text_bits(p.as_bytes()) << (8 * at);
                at += p.len();
            }
            // Whole UTF-8 texts put end to end are UTF-8.
            return self.str_object(crate::strbuf::StrBuf::from_inline_bits(bits, total), char_len);
        }
        let mut s = String::with_capacity(total);
        for p in parts {
            s.push_str(p);
        }
        self.new_string_with_len(s, char_len)
    }

    /// A new exact str object. The block is allocated first and the fields
    /// written into it one by one: `Rc::new(Object { .. })` builds the
    /// object on the stack and copies it over, and reading back the
    /// just-written words as 16-byte pieces stalled store forwarding
    /// (measured: most of the cost of making a short str).
    #[inline]
    fn str_object(&self, s: crate::strbuf::StrBuf, char_len: usize) -> Value {
        use crate::value::Object;
        use std::ptr::addr_of_mut;
        let mut block = std::rc::Rc::<Object>::new_uninit();
        let Some(slot) = std::rc::Rc::get_mut(&mut block) else { unreachable!("a new Rc is unique") };
        let p = slot.as_mut_ptr();
        // SAFETY: `p` points to the uninitialised object of the unique new
        // block; every field is written exactly once before `assume_init`.
        unsafe {
            addr_of_mut!((*p).gc).write(crate::gc::GcIndex::new());
            addr_of_mut!((*p).ty).write(self.t.str.clone());
            addr_of_mut!((*p).attrs).write(None);
            addr_of_mut!((*p).data).write(Data::Str(PyStr { s, char_len, hash: std::cell::Cell::new(-1) }));
            Value::Obj(block.assume_init())
        }
    }
}
