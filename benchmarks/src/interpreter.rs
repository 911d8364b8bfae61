//! An interpreter under test: its command line (split like a shell) and
//! what it says about itself (implementation name and version), probed once
//! with a tiny `-c` program and, failing that, with `-V`.

use std::time::Duration;

use crate::child_process::run_child;
use crate::shell_split::split_command;

#[derive(Clone, Debug)]
pub struct Interpreter {
    /// The command as the user wrote it, e.g. `target/release/egret -X nojit`.
    pub command: String,
    pub argv: Vec<String>,
    /// `sys.implementation.name`, or "unknown".
    pub implementation: String,
    /// "3.12.1", or "unknown".
    pub version: String,
}

const PROBE: &str = "import sys; print(sys.implementation.name); print('%d.%d.%d' % tuple(sys.version_info[:3]))";

impl Interpreter {
    /// Split `command` and ask the interpreter what it is. Never fails for
    /// an interpreter that cannot run the probe: it is then "unknown".
    pub fn new(command: &str) -> Result<Interpreter, String> {
        let argv = split_command(command)?;
        let mut interpreter = Interpreter {
            command: command.trim().to_string(),
            argv,
            implementation: "unknown".to_string(),
            version: "unknown".to_string(),
        };
        interpreter.probe()?;
        Ok(interpreter)
    }

    fn probe(&mut self) -> Result<(), String> {
        let timeout = Duration::from_secs(60);
        let outcome = run_child(&self.command_with(&["-c", PROBE]), &[], timeout)?;
        if outcome.succeeded() {
            let lines: Vec<&str> = outcome.stdout.lines().map(str::trim).collect();
            if let [implementation, version] = lines[..] {
                if !implementation.is_empty() && version.split('.').all(|p| p.parse::<u32>().is_ok()) {
                    self.implementation = implementation.to_string();
                    self.version = version.to_string();
                    return Ok(());
                }
            }
        }
        if let Ok(outcome) = run_child(&self.command_with(&["-V"]), &[], timeout) {
            let text = format!("{}{}", outcome.stdout, outcome.stderr);
            if let Some(version) = text.split_whitespace().nth(1).filter(|v| v.chars().next().is_some_and(|c| c.is_ascii_digit())) {
                self.version = version.to_string();
            }
        }
        Ok(())
    }

    /// The interpreter's argv followed by `extra`.
    pub fn command_with(&self, extra: &[&str]) -> Vec<String> {
        let mut argv = self.argv.clone();
        argv.extend(extra.iter().map(|s| s.to_string()));
        argv
    }

    /// A short description for tables: the command and its version.
    pub fn label(&self) -> String {
        format!("{} ({} {})", self.command, self.implementation, self.version)
    }
}
