//! # egret-bench — Egret's benchmark suite runner
//!
//! ```text
//! egret-bench list
//! egret-bench run --python=CMD [-b a,b] [--fast] [-o out.json] [options]
//! egret-bench compare --python=CMD --python=CMD [...] [-b a,b] [--fast] [--json-dir DIR] [options]
//! ```
//!
//! Each benchmark is a program in `benchmarks/programs/` that speaks the
//! worker protocol of `programs/_harness.py`: it times its own inner loop
//! with `time.perf_counter()`, checks its result (a wrong result exits 3 and
//! is never timed) and prints one JSON line. The runner starts fresh
//! processes (`runner`), measures them from outside (`child_process`: wall
//! time, peak RSS, `perf_counters`), writes pyperf-compatible JSON
//! (`pyperf_json`) and prints Markdown tables (`report`). Start reading at
//! `runner::run_in_turns`.

mod child_process;
mod interpreter;
mod measure;
mod perf_counters;
mod progress;
mod pyperf_json;
mod report;
mod results;
mod runner;
mod shell_split;
mod stats;
mod suite;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use interpreter::Interpreter;
use measure::Settings;

const USAGE: &str = "\
usage:
  egret-bench list [--programs DIR]
  egret-bench run --python=CMD [options] [-o OUT.json]
  egret-bench compare --python=CMD --python=CMD [...] [options] [--json-dir DIR]

options:
  --python=CMD        interpreter command, split like a shell (\"egret -X nojit\")
  -b, --benchmarks=L  comma-separated benchmark names (default: all)
  --fast              small sizes, 1 process, 1 warm-up, 2 values (for CI)
  --processes=N       fresh processes per benchmark (default 3)
  --warmups=N         untimed-for-the-result warm-up values per process (default 1)
  --values=N          timed values per process (default 3)
  --loops=N           workload iterations per value (default 1)
  --timeout=SECS      kill a process after SECS seconds (default 600)
  --programs=DIR      where the benchmark programs are
  --no-counters       do not open perf counters
  --strict            exit 1 when a benchmark fails on an interpreter
  -o, --output=FILE   (run) write pyperf JSON to FILE
  --json-dir=DIR      (compare) write one pyperf JSON file per interpreter
";

#[derive(Default)]
struct Options {
    command: String,
    pythons: Vec<String>,
    benchmarks: Option<String>,
    fast: bool,
    processes: Option<u32>,
    warmups: Option<u32>,
    values: Option<u32>,
    loops: Option<u32>,
    timeout_seconds: Option<u64>,
    programs: Option<PathBuf>,
    no_counters: bool,
    strict: bool,
    output: Option<PathBuf>,
    json_dir: Option<PathBuf>,
}

fn parse_number<T: std::str::FromStr>(flag: &str, text: &str) -> Result<T, String> {
    text.parse().map_err(|_| format!("{flag}: not a valid number: {text:?}"))
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut options = Options::default();
    let mut iter = args.iter();
    options.command = iter.next().cloned().ok_or("missing command (list, run or compare)")?;
    while let Some(arg) = iter.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with('-') => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let takes_value = matches!(
            flag.as_str(),
            "--python"
                | "-b"
                | "--benchmarks"
                | "--processes"
                | "--warmups"
                | "--values"
                | "--loops"
                | "--timeout"
                | "--programs"
                | "-o"
                | "--output"
                | "--json-dir"
        );
        let value = if takes_value {
            match inline {
                Some(v) => v,
                None => iter.next().cloned().ok_or_else(|| format!("{flag} needs a value"))?,
            }
        } else {
            if inline.is_some() {
                return Err(format!("{flag} takes no value"));
            }
            String::new()
        };
        match flag.as_str() {
            "--python" => options.pythons.push(value),
            "-b" | "--benchmarks" => options.benchmarks = Some(value),
            "--fast" => options.fast = true,
            "--processes" => options.processes = Some(parse_number(&flag, &value)?),
            "--warmups" => options.warmups = Some(parse_number(&flag, &value)?),
            "--values" => options.values = Some(parse_number(&flag, &value)?),
            "--loops" => options.loops = Some(parse_number(&flag, &value)?),
            "--timeout" => options.timeout_seconds = Some(parse_number(&flag, &value)?),
            "--programs" => options.programs = Some(PathBuf::from(value)),
            "--no-counters" => options.no_counters = true,
            "--strict" => options.strict = true,
            "-o" | "--output" => options.output = Some(PathBuf::from(value)),
            "--json-dir" => options.json_dir = Some(PathBuf::from(value)),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    Ok(options)
}

fn settings_from(options: &Options) -> Result<Settings, String> {
    let settings = Settings {
        fast: options.fast,
        processes: options.processes.unwrap_or(if options.fast { 1 } else { 3 }),
        warmups: options.warmups.unwrap_or(1),
        values: options.values.unwrap_or(if options.fast { 2 } else { 3 }),
        loops: options.loops.unwrap_or(1),
        timeout: Duration::from_secs(options.timeout_seconds.unwrap_or(600)),
    };
    if settings.processes == 0 || settings.values == 0 || settings.loops == 0 || settings.timeout.is_zero() {
        return Err("--processes, --values, --loops and --timeout must be at least 1".to_string());
    }
    Ok(settings)
}

fn execute(options: Options) -> Result<ExitCode, String> {
    let dir = suite::programs_dir(options.programs.as_deref())?;
    let all = suite::discover(&dir)?;
    if options.command == "list" {
        for benchmark in &all {
            println!("{}", benchmark.name());
        }
        return Ok(ExitCode::SUCCESS);
    }
    let settings = settings_from(&options)?;
    let benchmarks = suite::select(&all, options.benchmarks.as_deref())?;
    match options.command.as_str() {
        "run" if options.pythons.len() != 1 => return Err("run takes exactly one --python".to_string()),
        "compare" if options.pythons.len() < 2 => return Err("compare takes two or more --python".to_string()),
        "run" | "compare" => {}
        other => return Err(format!("unknown command {other:?}")),
    }
    if options.no_counters {
        perf_counters::disable_counters();
    }
    let interpreters: Vec<Interpreter> = options.pythons.iter().map(|p| Interpreter::new(p)).collect::<Result<_, _>>()?;
    for interpreter in &interpreters {
        eprintln!("egret-bench: {}", interpreter.label());
    }
    let suites = runner::run_in_turns(&interpreters, &benchmarks, &settings);
    let names: Vec<String> = benchmarks.iter().map(|b| b.name().to_string()).collect();

    for suite in &suites {
        if suite.benchmarks.iter().all(|b| b.outcome.is_err()) {
            eprintln!("egret-bench: warning: no benchmark ran on {}; its JSON has no benchmarks, which pyperf refuses to read", suite.interpreter.command);
        }
    }
    if options.command == "run" {
        if let Some(path) = &options.output {
            pyperf_json::write_suite(&suites[0], path)?;
            eprintln!("egret-bench: wrote {}", path.display());
        }
    } else if let Some(dir) = &options.json_dir {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        for (index, suite) in suites.iter().enumerate() {
            let path = dir.join(format!("interpreter-{}.json", index + 1));
            pyperf_json::write_suite(suite, &path)?;
            eprintln!("egret-bench: wrote {} ({})", path.display(), suite.interpreter.command);
        }
    }
    println!("{}", report::timing_table(&suites, &names));
    println!("{}", report::resource_table(&suites, &names));
    let mut any_failed = false;
    for suite in &suites {
        let (ok, total) = runner::count_successes(suite);
        eprintln!("egret-bench: {}: {ok} of {total} benchmarks ran and checked", suite.interpreter.command);
        for (name, reason) in suite.failures() {
            any_failed = true;
            eprintln!("  not supported: {name}: {reason}");
        }
    }
    Ok(if options.strict && any_failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse_options(&args) {
        Ok(options) => options,
        Err(message) => {
            if message.is_empty() {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            eprintln!("egret-bench: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match execute(options) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("egret-bench: {message}");
            ExitCode::from(2)
        }
    }
}
