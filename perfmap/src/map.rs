//! The perf map: `/tmp/perf-<pid>.map`, one `START SIZE NAME` line per code
//! range, for `perf report`/`perf script` to name addresses in anonymous
//! executable memory.
//!
//! [`PerfMapFile`] is a plain writer for one map file (tests point it at a
//! scratch path). The process-wide map behind [`register`] adds:
//!
//! - **Laziness.** Nothing is opened or written while perf support is off
//!   ([`crate::is_active`]); the file is opened by the first entry.
//! - **A record of every entry**, so entries never overlap (an overlapping
//!   range is refused with [`RegisterError::Overlap`]) and so a forked child
//!   can repeat them: after `fork` the child has a new pid, hence a new map
//!   file, but it still runs the code it inherited. When the pid changes, the
//!   next entry (or [`after_fork_child`]) opens the child's own file and first
//!   writes every inherited entry into it.
//! - **Whole lines.** Each line goes out in one `write` on an `O_APPEND`
//!   descriptor, so a profiler reading the file at any moment (perf reads it
//!   when the report is made, possibly after the process died) sees only
//!   complete lines, and nothing waits in a user-space buffer.
//!
//! Names are written as given except that control characters (a newline
//! would split the line) become `?`, and an empty name becomes `[unnamed]`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::ops::Bound;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::process_state::{lock_state, ProcessState};

/// The name written for an entry whose name is empty.
const UNNAMED: &str = "[unnamed]";

/// Where perf looks for the map of process `pid`.
pub fn map_path_for_pid(pid: u32) -> PathBuf {
    PathBuf::from(format!("/tmp/perf-{pid}.map"))
}

/// The map path of the calling process (asks the kernel for the pid each
/// time, so it is right in a forked child).
pub fn current_map_path() -> PathBuf {
    map_path_for_pid(std::process::id())
}

/// The name as it will appear in the map: control characters replaced by
/// `?`, an empty name replaced by `[unnamed]`.
pub fn sanitize_name(name: &str) -> Cow<'_, str> {
    if name.is_empty() {
        Cow::Borrowed(UNNAMED)
    } else if name.chars().any(char::is_control) {
        Cow::Owned(name.chars().map(|c| if c.is_control() { '?' } else { c }).collect())
    } else {
        Cow::Borrowed(name)
    }
}

/// One map line, newline included: `START SIZE NAME\n` (hex, no `0x`).
pub fn format_entry(start: usize, size: usize, name: &str) -> String {
    format!("{:x} {:x} {}\n", start, size, sanitize_name(name))
}

/// Why an entry was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegisterError {
    /// `size` was 0: perf cannot attribute anything to an empty range.
    EmptyRange { start: usize },
    /// `start + size` does not fit in the address space.
    AddressOverflow { start: usize, size: usize },
    /// The range overlaps one registered earlier.
    Overlap { start: usize, size: usize, existing_start: usize, existing_size: usize, existing_name: String },
    /// The map file could not be opened or written.
    Io { path: PathBuf, message: String },
}

impl fmt::Display for RegisterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegisterError::EmptyRange { start } => {
                write!(f, "perf map entry at {start:#x} has size 0")
            }
            RegisterError::AddressOverflow { start, size } => {
                write!(f, "perf map entry at {start:#x} with size {size:#x} overflows the address space")
            }
            RegisterError::Overlap { start, size, existing_start, existing_size, existing_name } => write!(
                f,
                "perf map entry {start:#x}+{size:#x} overlaps {existing_start:#x}+{existing_size:#x} ({existing_name})"
            ),
            RegisterError::Io { path, message } => {
                write!(f, "perf map {}: {message}", path.display())
            }
        }
    }
}

impl std::error::Error for RegisterError {}

/// A writer for one perf map file.
pub struct PerfMapFile {
    file: File,
    path: PathBuf,
}

impl PerfMapFile {
    /// Opens `path` for appending, creating it with mode 0644 (less the
    /// umask). Refuses a symlink (`O_NOFOLLOW`: `/tmp` is shared), anything
    /// but a regular file, and a file owned by another user (perf ignores
    /// such maps, so writing to it would be pointless).
    pub fn open(path: &Path) -> io::Result<PerfMapFile> {
        let file = OpenOptions::new()
            .append(true)
            .create(true)
            .mode(0o644)
            .custom_flags(libc::O_NOFOLLOW)
            .open(path)?;
        let metadata = file.metadata()?;
        if !metadata.is_file() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
        }
        // SAFETY: geteuid has no preconditions and cannot fail.
        let euid = unsafe { libc::geteuid() };
        if metadata.uid() != euid {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!("owned by uid {}, not by this user (uid {euid}); perf would ignore it", metadata.uid()),
            ));
        }
        Ok(PerfMapFile { file, path: path.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one entry (one `write` call).
    pub fn write_entry(&mut self, start: usize, size: usize, name: &str) -> io::Result<()> {
        self.file.write_all(format_entry(start, size, name).as_bytes())
    }

    /// Appends text that is already a sequence of whole lines.
    fn write_lines(&mut self, lines: &str) -> io::Result<()> {
        self.file.write_all(lines.as_bytes())
    }
}

/// One recorded entry (its start is the key of [`ProcessMap::entries`]).
struct MapEntry {
    size: usize,
    name: String,
}

/// The process-wide map: the open file (for the pid that opened it) and
/// every entry registered while perf support was on.
pub(crate) struct ProcessMap {
    file: Option<(u32, PerfMapFile)>,
    /// The pid whose file failed to open; not retried until re-activation.
    open_failed_for_pid: Option<u32>,
    entries: BTreeMap<usize, MapEntry>,
    /// The first error met while naming trampolines, for [`take_map_error`].
    first_error: Option<String>,
}

/// Whether [`ProcessMap::ensure_open`] found the file open or just opened it
/// (and so already wrote every recorded entry into it).
enum OpenOutcome {
    AlreadyOpen,
    JustOpened,
}

impl ProcessMap {
    pub(crate) const fn new() -> ProcessMap {
        ProcessMap { file: None, open_failed_for_pid: None, entries: BTreeMap::new(), first_error: None }
    }

    /// Forget an earlier open failure (called on activation).
    pub(crate) fn allow_retry(&mut self) {
        self.open_failed_for_pid = None;
    }

    pub(crate) fn note_error(&mut self, error: &RegisterError) {
        if self.first_error.is_none() {
            self.first_error = Some(error.to_string());
        }
    }

    /// Makes sure this pid's file is open; a freshly opened file receives
    /// every recorded entry (entries inherited across `fork` included).
    fn ensure_open(&mut self) -> Result<OpenOutcome, RegisterError> {
        let pid = std::process::id();
        if matches!(&self.file, Some((opened_by, _)) if *opened_by == pid) {
            return Ok(OpenOutcome::AlreadyOpen);
        }
        // A parent's file (after fork) is closed here, in the child only.
        self.file = None;
        let path = map_path_for_pid(pid);
        let io_error = |e: io::Error| RegisterError::Io { path: path.clone(), message: e.to_string() };
        if self.open_failed_for_pid == Some(pid) {
            return Err(io_error(io::Error::other("could not be opened earlier")));
        }
        let mut file = match PerfMapFile::open(&path) {
            Ok(file) => file,
            Err(e) => {
                self.open_failed_for_pid = Some(pid);
                return Err(io_error(e));
            }
        };
        // The file is opened once per pid, so anything already in it was
        // written by an earlier process that had this pid: stale names
        // that perf would attach to our addresses. Start it afresh.
        if let Err(e) = file.file.set_len(0) {
            self.open_failed_for_pid = Some(pid);
            return Err(io_error(e));
        }
        let mut inherited = String::new();
        for (start, entry) in &self.entries {
            inherited.push_str(&format_entry(*start, entry.size, &entry.name));
        }
        let written = file.write_lines(&inherited);
        self.file = Some((pid, file));
        written.map_err(io_error)?;
        Ok(OpenOutcome::JustOpened)
    }

    /// The recorded entry that overlaps `start..start+size`, if any.
    fn overlapping(&self, start: usize, size: usize) -> Option<(usize, &MapEntry)> {
        let end = start + size;
        if let Some((s, e)) = self.entries.range(..=start).next_back() {
            if s + e.size > start {
                return Some((*s, e));
            }
        }
        if let Some((s, e)) = self.entries.range((Bound::Excluded(start), Bound::Unbounded)).next() {
            if *s < end {
                return Some((*s, e));
            }
        }
        None
    }

    /// Records and writes one entry (range already validated).
    pub(crate) fn register(&mut self, start: usize, size: usize, name: &str) -> Result<(), RegisterError> {
        let name = sanitize_name(name);
        if let Some((existing_start, existing)) = self.overlapping(start, size) {
            if existing_start == start && existing.size == size && existing.name == name {
                return Ok(()); // the same entry again: already in the map
            }
            return Err(RegisterError::Overlap {
                start,
                size,
                existing_start,
                existing_size: existing.size,
                existing_name: existing.name.clone(),
            });
        }
        // Recorded even if the write below fails: a later file (a fork
        // child's, or after re-activation) will still name this code.
        self.entries.insert(start, MapEntry { size, name: name.into_owned() });
        match self.ensure_open()? {
            OpenOutcome::JustOpened => Ok(()),
            OpenOutcome::AlreadyOpen => {
                let entry = &self.entries[&start];
                let line = format_entry(start, entry.size, &entry.name);
                let (_, file) = self.file.as_mut().expect("ensure_open left the file open");
                file.write_lines(&line)
                    .map_err(|e| RegisterError::Io { path: file.path().to_path_buf(), message: e.to_string() })
            }
        }
    }
}

/// Checks that `start..start+size` is a non-empty range of the address space.
fn validate_range(start: usize, size: usize) -> Result<(), RegisterError> {
    if size == 0 {
        return Err(RegisterError::EmptyRange { start });
    }
    if start.checked_add(size).is_none() {
        return Err(RegisterError::AddressOverflow { start, size });
    }
    Ok(())
}

/// Names the code at `start..start+size` in this process's perf map.
///
/// Does nothing (and returns `Ok`) while perf support is off. Registering
/// exactly the same entry twice is harmless; any other overlap is refused.
pub fn register(start: usize, size: usize, name: &str) -> Result<(), RegisterError> {
    validate_range(start, size)?;
    if !crate::is_active() {
        return Ok(());
    }
    lock_state().map.register(start, size, name)
}

/// Registers with the process state already locked (trampoline allocation).
pub(crate) fn register_locked(
    state: &mut ProcessState,
    start: usize,
    size: usize,
    name: &str,
) -> Result<(), RegisterError> {
    validate_range(start, size)?;
    if !crate::is_active() {
        return Ok(());
    }
    state.map.register(start, size, name)
}

/// Call in the child right after `fork` (the VM's `os.fork`): if perf
/// support is on, opens the child's own map and copies every inherited entry
/// into it, so code the child runs before it names anything new is named.
/// (Without this call the same happens at the child's first new entry.)
pub fn after_fork_child() {
    if !crate::is_active() {
        return;
    }
    let mut state = lock_state();
    if let Err(error) = state.map.ensure_open() {
        state.map.note_error(&error);
    }
}

/// The first error met while naming trampolines (they still work, but
/// perf will not name them), once; `None` if there was none since the last
/// call. The VM may print it as a warning.
pub fn take_map_error() -> Option<String> {
    lock_state().map.first_error.take()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_hex_without_prefix() {
        assert_eq!(format_entry(0x7f00_0000_1000, 0xc, "py::f:a.py"), "7f0000001000 c py::f:a.py\n");
    }

    #[test]
    fn control_characters_cannot_split_a_line() {
        assert_eq!(format_entry(16, 1, "a\nb\rc\0d\te"), "10 1 a?b?c?d?e\n");
        assert_eq!(format_entry(16, 1, ""), "10 1 [unnamed]\n");
        assert_eq!(sanitize_name("py::f:é.py"), "py::f:é.py");
    }

    #[test]
    fn ranges_are_validated() {
        assert_eq!(validate_range(5, 0), Err(RegisterError::EmptyRange { start: 5 }));
        assert_eq!(
            validate_range(usize::MAX, 2),
            Err(RegisterError::AddressOverflow { start: usize::MAX, size: 2 })
        );
        assert_eq!(validate_range(usize::MAX - 1, 1), Ok(()));
    }

    #[test]
    fn overlap_detection_is_exact_at_the_edges() {
        let mut map = ProcessMap::new();
        map.entries.insert(100, MapEntry { size: 10, name: "a".into() });
        map.entries.insert(200, MapEntry { size: 10, name: "b".into() });
        assert!(map.overlapping(90, 10).is_none()); // ends where "a" starts
        assert!(map.overlapping(110, 90).is_none()); // fills the gap exactly
        assert_eq!(map.overlapping(91, 10).map(|(s, _)| s), Some(100));
        assert_eq!(map.overlapping(109, 1).map(|(s, _)| s), Some(100));
        assert_eq!(map.overlapping(105, 200).map(|(s, _)| s), Some(100));
        assert_eq!(map.overlapping(150, 51).map(|(s, _)| s), Some(200));
        assert!(map.overlapping(210, 1).is_none());
    }
}
