//! The interactive prompt: `>>>`/`...`, blocks continued until a blank
//! line, expression values echoed through `sys.displayhook`, tracebacks
//! printed without leaving. Line editing and history come from `rustyline`
//! when stdin is a terminal.

use egret_frontend::ast::Mode;
use egret_vm::value::Value;
use egret_vm::vm::Vm;

/// Runs the REPL in the namespace `globals`; returns the exit status.
pub fn run(vm: &mut Vm, globals: &Value, quiet: bool) -> i32 {
    if !quiet {
        eprintln!("Python 3.12.1 (egret {}) [Rust] on linux", env!("CARGO_PKG_VERSION"));
        eprintln!("Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.");
    }
    let mut editor = rustyline::DefaultEditor::new().ok();
    loop {
        let mut source = String::new();
        let mut prompt = ">>> ";
        loop {
            egret_vm::stdio::flush_stdout();
            let line = match read_line(&mut editor, prompt) {
                Some(l) => l,
                None => {
                    if source.is_empty() {
                        eprintln!();
                        return 0;
                    }
                    break;
                }
            };
            if line == "\u{3}" {
                // Ctrl-C: abandon the current input.
                eprintln!("KeyboardInterrupt");
                source.clear();
                prompt = ">>> ";
                continue;
            }
            source.push_str(&line);
            source.push('\n');
            if line.trim().is_empty() && prompt == ">>> " {
                source.clear();
                continue;
            }
            match needs_more(&source, &line, prompt == "... ") {
                true => prompt = "... ",
                false => break,
            }
        }
        if let Some(ed) = editor.as_mut() {
            let _ = ed.add_history_entry(source.trim_end());
        }
        let code = match egret_vm::compile::compile(vm, source.as_bytes(), "<stdin>", Mode::Single, None) {
            Ok(c) => c,
            Err(e) => {
                egret_vm::traceback::print_exception(vm, &e.0);
                continue;
            }
        };
        let Value::Obj(g) = globals else { return 1 };
        if let Err(e) = egret_vm::interp::run_code(vm, code, g.clone(), None) {
            if vm.is_instance(&e.0, &vm.e.system_exit.clone()) {
                return crate::run::report(vm, e);
            }
            crate::run::report(vm, e);
        }
    }
}

fn read_line(editor: &mut Option<rustyline::DefaultEditor>, prompt: &str) -> Option<String> {
    match editor {
        Some(ed) => match ed.readline(prompt) {
            Ok(l) => Some(l),
            Err(rustyline::error::ReadlineError::Interrupted) => Some("\u{3}".to_string()),
            Err(_) => None,
        },
        None => {
            eprint!("{prompt}");
            let mut l = String::new();
            match std::io::stdin().read_line(&mut l) {
                Ok(0) | Err(_) => None,
                Ok(_) => Some(l.trim_end_matches(['\n', '\r']).to_string()),
            }
        }
    }
}

/// Whether the interactive input so far is an unfinished statement.
fn needs_more(source: &str, last_line: &str, continuing: bool) -> bool {
    if continuing {
        // Inside a block: a blank line ends it.
        return !last_line.trim().is_empty();
    }
    match egret_frontend::parse_interactive(source, "<stdin>") {
        Ok(_) => last_line.trim_end().ends_with(':'),
        Err(e) => {
            let incomplete = e.msg.contains("was never closed")
                || e.msg.starts_with("unterminated triple-quoted")
                || e.msg.starts_with("expected an indented block")
                || e.msg.contains("unexpected EOF");
            incomplete || last_line.trim_end().ends_with(':') || last_line.ends_with('\\')
        }
    }
}
