//! Command-line parsing with CPython's flags and messages.

use std::ffi::OsString;

/// What to run.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// `egret FILE args...`
    File(String),
    /// `egret -c CMD args...`
    Command(String),
    /// `egret -m MODULE args...`
    Module(String),
    /// `egret -` or no program with stdin not a terminal.
    Stdin,
    /// No program and stdin is a terminal: the interactive prompt.
    Repl,
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub target: Option<Target>,
    /// `sys.argv` (argv[0] is the script, `-c`, `-m`'s full path later, or '').
    pub argv: Vec<String>,
    pub optimize: u8,
    pub dont_write_bytecode: bool,
    pub ignore_environment: bool,
    pub isolated: bool,
    pub unbuffered: bool,
    pub inspect: bool,
    pub quiet: bool,
    pub safe_path: bool,
    pub xoptions: Vec<String>,
    pub warnoptions: Vec<String>,
    pub version: u8,
    pub help: bool,
}

pub const USAGE: &str = "usage: egret [option] ... [-c cmd | -m mod | file | -] [arg] ...\n";

pub const HELP: &str = "usage: egret [option] ... [-c cmd | -m mod | file | -] [arg] ...
Options (and corresponding environment variables):
-B     : don't write .pyc files on import (Egret never writes them)
-c cmd : program passed in as string (terminates option list)
-E     : ignore PYTHON* environment variables (such as PYTHONPATH)
-h     : print this help message and exit (also -? or --help)
-i     : inspect interactively after running script
-I     : isolate Python from the user's environment (implies -E and -P)
-m mod : run library module as a script (terminates option list)
-O     : remove assert and __debug__-dependent statements
-OO    : do -O changes and also discard docstrings
-P     : don't prepend a potentially unsafe path to sys.path
-q     : don't print version and copyright messages on interactive startup
-s, -S : accepted for compatibility (Egret has no site-packages yet)
-u     : force the stdout and stderr streams to be unbuffered
-V     : print the Python version number and exit (also --version)
-W arg : warning control (accepted)
-X opt : set implementation-specific option:
         -X nojit              run the interpreter only
         -X jit-threshold=N    loop iterations before a loop is compiled
         -X perf               write /tmp/perf-<pid>.map for Linux perf
         -X compile-only       compile FILE... without running; exit 1 on any error
file   : program read from script file
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]

Environment variables: PYTHONPATH, PYTHONHASHSEED, PYTHONUNBUFFERED,
PYTHONPERFSUPPORT, PYTHONINSPECT, PYTHONOPTIMIZE, PYTHONSAFEPATH.
";

/// Parses the command line (without argv[0]). `Err` is (message, exit status).
pub fn parse(args: Vec<OsString>) -> Result<Options, (String, i32)> {
    let args: Vec<String> = args.into_iter().map(|a| a.to_string_lossy().into_owned()).collect();
    let mut o = Options::default();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        if arg == "--" {
            i += 1;
            break;
        }
        if arg == "--version" {
            o.version += 1;
            i += 1;
            continue;
        }
        if arg == "--help" || arg == "-?" {
            o.help = true;
            i += 1;
            continue;
        }
        if arg.starts_with("--") {
            return Err((format!("unknown option {arg}\n{USAGE}Try `egret -h' for more information.\n"), 2));
        }
        if !arg.starts_with('-') || arg == "-" {
            break;
        }
        // A cluster of one-letter flags; some take a value (rest of cluster or next arg).
        let chars: Vec<char> = arg[1..].chars().collect();
        let mut j = 0;
        while j < chars.len() {
            let c = chars[j];
            let takes_value = matches!(c, 'c' | 'm' | 'X' | 'W');
            if takes_value {
                let rest: String = chars[j + 1..].iter().collect();
                let value = if !rest.is_empty() {
                    rest
                } else {
                    i += 1;
                    match args.get(i) {
                        Some(v) => v.clone(),
                        None => return Err((format!("Argument expected for the -{c} option\n{USAGE}Try `egret -h' for more information.\n"), 2)),
                    }
                };
                match c {
                    'c' => {
                        o.target = Some(Target::Command(value));
                        o.argv = std::iter::once("-c".to_string()).chain(args[i + 1..].iter().cloned()).collect();
                        return Ok(o);
                    }
                    'm' => {
                        o.target = Some(Target::Module(value));
                        o.argv = std::iter::once("-m".to_string()).chain(args[i + 1..].iter().cloned()).collect();
                        return Ok(o);
                    }
                    'X' => o.xoptions.push(value),
                    _ => o.warnoptions.push(value),
                }
                break;
            }
            match c {
                'B' => o.dont_write_bytecode = true,
                'E' => o.ignore_environment = true,
                'I' => {
                    o.isolated = true;
                    o.ignore_environment = true;
                    o.safe_path = true;
                }
                'P' => o.safe_path = true,
                'O' => o.optimize = (o.optimize + 1).min(2),
                'u' => o.unbuffered = true,
                'i' => o.inspect = true,
                'q' => o.quiet = true,
                'V' => o.version += 1,
                'h' => o.help = true,
                's' | 'S' | 'b' | 'd' | 'v' | 'x' | 'R' => {}
                _ => {
                    return Err((format!("Unknown option: -{c}\n{USAGE}Try `egret -h' for more information.\n"), 2));
                }
            }
            j += 1;
        }
        i += 1;
    }
    if o.target.is_none() {
        match args.get(i) {
            Some(a) if a == "-" => {
                o.target = Some(Target::Stdin);
                o.argv = std::iter::once("-".to_string()).chain(args[i + 1..].iter().cloned()).collect();
            }
            Some(a) => {
                o.target = Some(Target::File(a.clone()));
                o.argv = args[i..].to_vec();
            }
            None => {
                use std::io::IsTerminal;
                o.target = Some(if std::io::stdin().is_terminal() { Target::Repl } else { Target::Stdin });
                o.argv = vec![String::new()];
            }
        }
    }
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Options {
        parse(args.iter().map(OsString::from).collect()).unwrap()
    }

    #[test]
    fn flags_and_targets() {
        let o = p(&["-u", "-OO", "-X", "nojit", "prog.py", "a", "-b"]);
        assert_eq!(o.target, Some(Target::File("prog.py".into())));
        assert_eq!(o.argv, vec!["prog.py", "a", "-b"]);
        assert_eq!(o.optimize, 2);
        assert!(o.unbuffered);
        assert_eq!(o.xoptions, vec!["nojit"]);
        let o = p(&["-Bc", "print(1)", "x"]);
        assert_eq!(o.target, Some(Target::Command("print(1)".into())));
        assert_eq!(o.argv, vec!["-c", "x"]);
        let o = p(&["-m", "json.tool", "f"]);
        assert_eq!(o.target, Some(Target::Module("json.tool".into())));
        let o = p(&["-Xjit-threshold=5", "-"]);
        assert_eq!(o.target, Some(Target::Stdin));
        assert_eq!(o.xoptions, vec!["jit-threshold=5"]);
        assert!(parse(vec![OsString::from("-Z")]).is_err());
        assert!(parse(vec![OsString::from("-c")]).is_err());
    }
}
