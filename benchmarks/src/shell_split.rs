//! Splitting an interpreter command such as `target/release/egret -X nojit`
//! into its words the way a POSIX shell would (quotes and backslashes), so
//! `--python="egret -X 'jit-threshold=1'"` works without a shell.

/// Split `text` into words: whitespace separates words; single quotes keep
/// everything literally; double quotes keep everything except that a
/// backslash escapes `"`, `\`, `$` and `` ` ``; outside quotes a backslash
/// escapes the next character. An unterminated quote is an error.
pub fn split_command(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => current.push(c),
                        None => return Err(format!("unterminated single quote in {text:?}")),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.peek().copied() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => {
                                chars.next();
                                current.push(c);
                            }
                            _ => current.push('\\'),
                        },
                        Some(c) => current.push(c),
                        None => return Err(format!("unterminated double quote in {text:?}")),
                    }
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some(c) => current.push(c),
                    None => return Err(format!("trailing backslash in {text:?}")),
                }
            }
            c => {
                in_word = true;
                current.push(c);
            }
        }
    }
    if in_word {
        words.push(current);
    }
    if words.is_empty() {
        return Err("empty interpreter command".to_string());
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::split_command;

    #[test]
    fn splits_plain_words() {
        assert_eq!(split_command("egret -X nojit").unwrap(), vec!["egret", "-X", "nojit"]);
        assert_eq!(split_command("  a   b ").unwrap(), vec!["a", "b"]);
    }

    #[test]
    fn honours_quotes_and_escapes() {
        assert_eq!(split_command(r#"py -c 'print(1 + 2)'"#).unwrap(), vec!["py", "-c", "print(1 + 2)"]);
        assert_eq!(split_command(r#"a "b \"c\" d" e\ f"#).unwrap(), vec!["a", "b \"c\" d", "e f"]);
        assert_eq!(split_command(r#"x ''"#).unwrap(), vec!["x", ""]);
    }

    #[test]
    fn rejects_bad_input() {
        assert!(split_command("a 'b").is_err());
        assert!(split_command("a \"b").is_err());
        assert!(split_command("a \\").is_err());
        assert!(split_command("   ").is_err());
    }
}
