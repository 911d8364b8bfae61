//! (Owned by the strings engineer.) `str.format` and `str.format_map`:
//! literal text with `{{`/`}}`, replacement fields `{name.attr[key]!conv:spec}`
//! with automatic or manual numbering, nested fields inside the spec (two
//! levels, as CPython), and CPython's error messages.

use crate::value::Value;
use crate::vm::Vm;
use crate::PyResult;

/// Where keyword fields come from.
pub enum Kwargs<'a> {
    /// Keyword arguments of `str.format`.
    Pairs(&'a [(&'a str, &'a Value)]),
    /// The mapping of `str.format_map` (looked up with `__getitem__`).
    Mapping(&'a Value),
}

/// Automatic field numbering state.
struct Numbering {
    /// None: not decided; Some(true): automatic; Some(false): manual.
    auto: Option<bool>,
    next: usize,
}

/// `fmt.format(*args, **kwargs)`.
pub fn str_format(vm: &mut Vm, fmt: &str, args: &[Value], kwargs: Kwargs) -> PyResult<String> {
    let mut num = Numbering { auto: None, next: 0 };
    render(vm, fmt, args, &kwargs, &mut num, 2)
}

fn render(vm: &mut Vm, fmt: &str, args: &[Value], kwargs: &Kwargs, num: &mut Numbering, depth: u32) -> PyResult<String> {
    if depth == 0 {
        return Err(vm.value_error("Max string recursion exceeded"));
    }
    let c: Vec<char> = fmt.chars().collect();
    let mut out = String::with_capacity(fmt.len());
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch == '{' {
            if i + 1 < c.len() && c[i + 1] == '{' {
                out.push('{');
                i += 2;
                continue;
            }
            let (field, end) = parse_field(vm, &c, i + 1)?;
            let text = render_field(vm, &field, args, kwargs, num, depth)?;
            out.push_str(&text);
            i = end;
        } else if ch == '}' {
            if i + 1 < c.len() && c[i + 1] == '}' {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(vm.value_error("Single '}' encountered in format string"));
        } else {
            out.push(ch);
            i += 1;
        }
    }
    Ok(out)
}

struct Field {
    name: String,
    conversion: Option<char>,
    spec: String,
}

/// Parses a replacement field starting after its `{`; returns it and the
/// index after its closing `}`.
fn parse_field(vm: &Vm, c: &[char], start: usize) -> PyResult<(Field, usize)> {
    if start >= c.len() {
        return Err(vm.value_error("Single '{' encountered in format string"));
    }
    let mut j = start;
    // Field name: up to '!', ':' or '}', skipping over [...] keys.
    while j < c.len() {
        match c[j] {
            '[' => {
                while j < c.len() && c[j] != ']' {
                    j += 1;
                }
                if j >= c.len() {
                    return Err(vm.value_error("expected '}' before end of string"));
                }
                j += 1;
            }
            '!' | ':' | '}' => break,
            '{' => return Err(vm.value_error("unexpected '{' in field name")),
            _ => j += 1,
        }
    }
    if j >= c.len() {
        return Err(vm.value_error("expected '}' before end of string"));
    }
    let name: String = c[start..j].iter().collect();
    let mut conversion = None;
    if c[j] == '!' {
        if j + 1 >= c.len() {
            return Err(vm.value_error("end of string while looking for conversion specifier"));
        }
        conversion = Some(c[j + 1]);
        j += 2;
        if j >= c.len() {
            return Err(vm.value_error("unmatched '{' in format spec"));
        }
        if c[j] != ':' && c[j] != '}' {
            return Err(vm.value_error("expected ':' after conversion specifier"));
        }
    }
    let mut spec = String::new();
    if c[j] == ':' {
        j += 1;
        let mut depth = 1;
        let s0 = j;
        while j < c.len() {
            match c[j] {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if j >= c.len() {
            return Err(vm.value_error("expected '}' before end of string"));
        }
        spec = c[s0..j].iter().collect();
    }
    // c[j] == '}'
    Ok((Field { name, conversion, spec }, j + 1))
}

fn render_field(vm: &mut Vm, f: &Field, args: &[Value], kwargs: &Kwargs, num: &mut Numbering, depth: u32) -> PyResult<String> {
    let value = resolve_name(vm, &f.name, args, kwargs, num)?;
    let value = match f.conversion {
        None => value,
        Some('r') => vm.repr(&value)?,
        Some('s') => vm.str(&value)?,
        Some('a') => vm.ascii(&value)?,
        Some(x) => return Err(vm.value_error(format!("Unknown conversion specifier {}", x))),
    };
    let spec = if f.spec.contains('{') || f.spec.contains('}') { render(vm, &f.spec, args, kwargs, num, depth - 1)? } else { f.spec.clone() };
    let r = vm.format(&value, &spec)?;
    Ok(r.as_str().unwrap_or("").to_string())
}

/// Evaluates `first(.attr|[key])*`.
fn resolve_name(vm: &mut Vm, name: &str, args: &[Value], kwargs: &Kwargs, num: &mut Numbering) -> PyResult<Value> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..first_end];
    let mut value = if first.is_empty() || first.bytes().all(|b| b.is_ascii_digit()) {
        let idx = if first.is_empty() {
            if num.auto == Some(false) {
                return Err(vm.value_error("cannot switch from manual field specification to automatic field numbering"));
            }
            num.auto = Some(true);
            num.next += 1;
            num.next - 1
        } else {
            if num.auto == Some(true) {
                return Err(vm.value_error("cannot switch from automatic field numbering to manual field specification"));
            }
            num.auto = Some(false);
            match first.parse::<usize>() {
                Ok(i) => i,
                Err(_) => return Err(vm.value_error("Too many decimal digits in format string")),
            }
        };
        if let Kwargs::Mapping(_) = kwargs {
            if args.is_empty() {
                return Err(vm.value_error("Format string contains positional fields"));
            }
        }
        match args.get(idx) {
            Some(v) => v.clone(),
            None => return Err(vm.index_error(format!("Replacement index {} out of range for positional args tuple", idx))),
        }
    } else {
        let key = vm.new_str(first);
        match kwargs {
            Kwargs::Pairs(p) => match p.iter().find(|(k, _)| *k == first) {
                Some((_, v)) => (*v).clone(),
                None => return Err(vm.key_error(key)),
            },
            Kwargs::Mapping(m) => vm.getitem(m, &key)?,
        }
    };
    let rest: Vec<char> = name[first_end..].chars().collect();
    let mut i = 0;
    while i < rest.len() {
        match rest[i] {
            '.' => {
                let s = i + 1;
                let mut j = s;
                while j < rest.len() && rest[j] != '.' && rest[j] != '[' {
                    j += 1;
                }
                if j == s {
                    return Err(vm.value_error("Empty attribute in format string"));
                }
                let attr: String = rest[s..j].iter().collect();
                let n = vm.new_str(attr);
                value = vm.getattr(&value, &n)?;
                i = j;
            }
            '[' => {
                let s = i + 1;
                let mut j = s;
                while j < rest.len() && rest[j] != ']' {
                    j += 1;
                }
                if j >= rest.len() {
                    return Err(vm.value_error("Missing ']' in format string"));
                }
                let key: String = rest[s..j].iter().collect();
                if key.is_empty() {
                    return Err(vm.value_error("Empty attribute in format string"));
                }
                let k = if key.bytes().all(|b| b.is_ascii_digit()) {
                    match key.parse::<i64>() {
                        Ok(n) => Value::Int(n),
                        Err(_) => vm.new_str(key),
                    }
                } else {
                    vm.new_str(key)
                };
                value = vm.getitem(&value, &k)?;
                i = j + 1;
                if i < rest.len() && rest[i] != '.' && rest[i] != '[' {
                    return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier"));
                }
            }
            _ => return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier")),
        }
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::Config;

    #[test]
    fn format_method() {
        let mut vm = Vm::new(Config::default());
        let args = [vm.new_str("a"), vm.new_str("b"), Value::Int(4)];
        let w = Value::Int(5);
        let kw = [("width", &w)];
        let r = str_format(&mut vm, "{1}{0} {{x}} {:>{width}}", &args[..1], Kwargs::Pairs(&kw));
        assert!(r.is_err()); // index 1 out of range
        let r = str_format(&mut vm, "{0}{1} {{x}} {2:>{width}}|{0!r:^5}", &args, Kwargs::Pairs(&kw)).unwrap();
        assert_eq!(r, "ab {x}     4| 'a' ");
        let e = str_format(&mut vm, "{} {1}", &args, Kwargs::Pairs(&[])).unwrap_err();
        assert_eq!(super::super::str_util::err_text(&vm, &e), "cannot switch from automatic field numbering to manual field specification");
        let e = str_format(&mut vm, "{:{:{}}}", &args, Kwargs::Pairs(&[])).unwrap_err();
        assert_eq!(super::super::str_util::err_text(&vm, &e), "Max string recursion exceeded");
        let e = str_format(&mut vm, "{0[}", &args, Kwargs::Pairs(&[])).unwrap_err();
        assert_eq!(super::super::str_util::err_text(&vm, &e), "expected '}' before end of string");
    }
}
