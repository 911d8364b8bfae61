//! The `egret` command line: flags, exit statuses and messages as CPython's.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn egret(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_egret"));
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).stdin(Stdio::piped());
    let mut child = cmd.spawn().expect("egret starts");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn temp_file(name: &str, contents: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("egret-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, contents).unwrap();
    p
}

#[test]
fn version_and_help() {
    let o = egret(&["-V"], None);
    assert!(o.status.success());
    assert_eq!(text(&o.stdout), "Python 3.12.1\n");
    let o = egret(&["--version"], None);
    assert_eq!(text(&o.stdout), "Python 3.12.1\n");
    let o = egret(&["-h"], None);
    assert!(o.status.success());
    assert!(text(&o.stdout).starts_with("usage: egret"));
    let o = egret(&["-Z"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).starts_with("Unknown option: -Z"));
}

#[test]
fn command_stdin_and_argv() {
    let o = egret(&["-c", "import sys; print(sys.argv)", "a", "b"], None);
    assert_eq!(text(&o.stdout), "['-c', 'a', 'b']\n", "stderr: {}", text(&o.stderr));
    let o = egret(&["-"], Some("print(6 * 7)\n"));
    assert_eq!(text(&o.stdout), "42\n");
    let o = egret(&[], Some("print('piped')\n"));
    assert_eq!(text(&o.stdout), "piped\n");
}

#[test]
fn exit_statuses() {
    assert_eq!(egret(&["-c", "raise SystemExit(3)"], None).status.code(), Some(3));
    assert_eq!(egret(&["-c", "import sys; sys.exit()"], None).status.code(), Some(0));
    let o = egret(&["-c", "import sys; sys.exit('bye')"], None);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(text(&o.stderr), "bye\n");
    let o = egret(&["-c", "1/0"], None);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.starts_with("Traceback (most recent call last):\n"), "{err}");
    assert!(err.ends_with("ZeroDivisionError: division by zero\n"), "{err}");
}

#[test]
fn syntax_errors_are_reported_like_cpython() {
    let p = temp_file("bad.py", "x = (1,\ny = 2\n");
    let o = egret(&[p.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("SyntaxError: '(' was never closed"), "{err}");
    let o = egret(&["-X", "compile-only", p.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    let good = temp_file("good.py", "def f():\n    return 1\n");
    let o = egret(&["-X", "compile-only", good.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}

#[test]
fn missing_file() {
    let o = egret(&["/nonexistent/x.py"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("can't open file '/nonexistent/x.py': [Errno 2] No such file or directory"));
}

#[test]
fn module_execution() {
    let dir = std::env::temp_dir().join(format!("egret-cli-m-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    std::fs::write(dir.join("pkg/__init__.py"), "").unwrap();
    std::fs::write(dir.join("pkg/__main__.py"), "import sys\nprint('main of pkg', __name__, sys.argv[1:])\n").unwrap();
    std::fs::write(dir.join("mod.py"), "print('mod', __name__)\n").unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_egret")).args(args).current_dir(&dir).output().unwrap()
    };
    let o = run(&["-m", "pkg", "x"]);
    assert_eq!(text(&o.stdout), "main of pkg __main__ ['x']\n", "{}", text(&o.stderr));
    let o = run(&["-m", "mod"]);
    assert_eq!(text(&o.stdout), "mod __main__\n", "{}", text(&o.stderr));
    let o = run(&["-m", "nosuchmodule"]);
    assert_eq!(o.status.code(), Some(1));
}
