//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::sync::Once;

/// Turns perf support on for this test process and arranges for its map
/// file to be deleted when the process exits.
pub fn activate_and_remove_map_at_exit() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: registers a plain function with no captured state.
        unsafe { libc::atexit(remove_this_process_map) };
    });
    egret_perfmap::activate("perf").expect("perf is a valid backend");
}

extern "C" fn remove_this_process_map() {
    let _ = std::fs::remove_file(egret_perfmap::current_map_path());
}

/// One parsed map line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapLine {
    pub start: usize,
    pub size: usize,
    pub name: String,
}

/// Parses a whole map file, failing on any line that is not
/// `START SIZE NAME` with lower-case hex numbers without `0x`, a non-zero
/// size and a non-empty name.
pub fn parse_map(text: &str) -> Result<Vec<MapLine>, String> {
    if !text.is_empty() && !text.ends_with('\n') {
        return Err("the last line is not terminated".into());
    }
    text.lines().map(parse_line).collect()
}

fn parse_hex(field: &str, line: &str) -> Result<usize, String> {
    let well_formed = !field.is_empty()
        && field.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && (field == "0" || !field.starts_with('0'));
    if !well_formed {
        return Err(format!("bad hex field {field:?} in {line:?}"));
    }
    usize::from_str_radix(field, 16).map_err(|e| format!("{e} in {line:?}"))
}

fn parse_line(line: &str) -> Result<MapLine, String> {
    let mut fields = line.splitn(3, ' ');
    let start = parse_hex(fields.next().unwrap_or(""), line)?;
    let size = parse_hex(fields.next().unwrap_or(""), line)?;
    let name = fields.next().unwrap_or("");
    if size == 0 || name.is_empty() || name.chars().any(char::is_control) {
        return Err(format!("bad entry {line:?}"));
    }
    Ok(MapLine { start, size, name: name.to_string() })
}

/// Fails if any two entries overlap.
pub fn check_no_overlap(lines: &[MapLine]) -> Result<(), String> {
    let mut sorted: Vec<&MapLine> = lines.iter().collect();
    sorted.sort_by_key(|line| line.start);
    for pair in sorted.windows(2) {
        if pair[0].start + pair[0].size > pair[1].start {
            return Err(format!("{:?} overlaps {:?}", pair[0], pair[1]));
        }
    }
    Ok(())
}
