//! One measured process of one benchmark on one interpreter: build the
//! worker command line, run it, check it, and turn its JSON line (the
//! protocol of `programs/_harness.py`) or, for `startup`, the wall times of
//! whole `-c pass` processes into a [`ProcessRun`].

use std::time::Duration;

use serde_json::Value;

use crate::child_process::{run_child, truncate, ChildOutcome, ExitKind};
use crate::interpreter::Interpreter;
use crate::perf_counters::CounterValues;
use crate::suite::Benchmark;

/// Exit status of a program whose result check failed (see `_harness.py`).
pub const WRONG_RESULT_STATUS: i32 = 3;
pub const PROTOCOL_VERSION: i64 = 1;

/// How much to run; `--fast` picks the small sizes and fewer repetitions.
#[derive(Clone, Debug)]
pub struct Settings {
    pub fast: bool,
    pub processes: u32,
    pub warmups: u32,
    pub values: u32,
    pub loops: u32,
    pub timeout: Duration,
}

impl Settings {
    pub fn size_name(&self) -> &'static str {
        if self.fast {
            "small"
        } else {
            "default"
        }
    }
}

/// What one process reported (times are seconds per iteration).
#[derive(Clone, Debug)]
pub struct ProcessRun {
    pub loops: u32,
    pub warmups: Vec<f64>,
    pub values: Vec<f64>,
    /// UTC, "YYYY-MM-DD HH:MM:SS.ffffff" as pyperf writes it.
    pub date: String,
    /// Wall time of the whole process (all processes, for startup).
    pub duration: f64,
    pub max_rss_bytes: u64,
    pub user_seconds: f64,
    pub system_seconds: f64,
    pub counters: CounterValues,
}

/// Run one measured process (for `startup`: warmups + values processes).
/// `Err` explains why the benchmark failed on this interpreter.
pub fn run_process(interpreter: &Interpreter, benchmark: &Benchmark, settings: &Settings) -> Result<ProcessRun, String> {
    match benchmark {
        Benchmark::Startup => run_startup(interpreter, settings),
        Benchmark::Program { name, path } => {
            let path_text = path.to_string_lossy().into_owned();
            let numbers = [settings.loops.to_string(), settings.warmups.to_string(), settings.values.to_string()];
            let argv = interpreter.command_with(&[
                &path_text,
                "--worker",
                "--size",
                settings.size_name(),
                "--loops",
                &numbers[0],
                "--warmups",
                &numbers[1],
                "--values",
                &numbers[2],
            ]);
            let date = utc_now_text();
            let outcome = run_child(&argv, &[], settings.timeout)?;
            if outcome.exit == ExitKind::Code(WRONG_RESULT_STATUS) {
                return Err(format!("wrong result: {}", last_line(&outcome.stderr)));
            }
            if !outcome.succeeded() {
                return Err(outcome.failure_summary());
            }
            let (loops, warmups, values) = parse_worker_line(&outcome.stdout, name, settings)?;
            Ok(process_run(loops, warmups, values, date, &outcome))
        }
    }
}

fn process_run(loops: u32, warmups: Vec<f64>, values: Vec<f64>, date: String, outcome: &ChildOutcome) -> ProcessRun {
    ProcessRun {
        loops,
        warmups,
        values,
        date,
        duration: outcome.wall_seconds,
        max_rss_bytes: outcome.max_rss_bytes,
        user_seconds: outcome.user_seconds,
        system_seconds: outcome.system_seconds,
        counters: outcome.counters,
    }
}

fn last_line(text: &str) -> String {
    let line = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("(no message)");
    truncate(line.trim(), 200)
}

/// Find and validate the worker's JSON line (the last stdout line that is a
/// JSON object with a "protocol" key).
pub fn parse_worker_line(stdout: &str, name: &str, settings: &Settings) -> Result<(u32, Vec<f64>, Vec<f64>), String> {
    let object = stdout
        .lines()
        .rev()
        .filter(|line| line.trim_start().starts_with('{'))
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .find(|value| value.get("protocol").is_some())
        .ok_or_else(|| format!("no result line on stdout (got {:?})", truncate(stdout.trim(), 120)))?;
    if object["protocol"].as_i64() != Some(PROTOCOL_VERSION) {
        return Err(format!("unknown protocol version {}", object["protocol"]));
    }
    if object["name"].as_str() != Some(name) {
        return Err(format!("result line names benchmark {} instead of {name:?}", object["name"]));
    }
    let loops = object["loops"].as_u64().filter(|&l| l >= 1 && l <= u32::MAX as u64).ok_or("bad \"loops\" in result line")? as u32;
    let numbers = |key: &str| -> Result<Vec<f64>, String> {
        let list = object[key].as_array().ok_or_else(|| format!("no {key:?} list in result line"))?;
        list.iter()
            .map(|v| v.as_f64().filter(|t| t.is_finite() && *t >= 0.0).ok_or_else(|| format!("bad time {v} in {key:?}")))
            .collect()
    };
    let warmups = numbers("warmups")?;
    let values = numbers("values")?;
    if values.len() != settings.values as usize || warmups.len() != settings.warmups as usize {
        return Err(format!(
            "expected {} warm-ups and {} values, got {} and {}",
            settings.warmups,
            settings.values,
            warmups.len(),
            values.len()
        ));
    }
    Ok((loops, warmups, values))
}

/// `startup`: each warm-up and each value is one whole `INTERP -c pass`
/// process, which must exit 0 and print nothing.
fn run_startup(interpreter: &Interpreter, settings: &Settings) -> Result<ProcessRun, String> {
    let argv = interpreter.command_with(&["-c", "pass"]);
    let date = utc_now_text();
    let mut warmups = Vec::new();
    let mut values = Vec::new();
    let mut duration = 0.0;
    let mut max_rss = 0;
    let (mut user, mut system) = (0.0, 0.0);
    let mut counter_sums = [Some(0u64); 3];
    let mut last: Option<ChildOutcome> = None;
    let per_value = settings.loops.max(1);
    for index in 0..(settings.warmups + settings.values) {
        let mut value_total = 0.0;
        for _ in 0..per_value {
            let outcome = run_child(&argv, &[], settings.timeout)?;
            if !outcome.succeeded() {
                return Err(outcome.failure_summary());
            }
            if !outcome.stdout.is_empty() || !outcome.stderr.is_empty() {
                return Err(format!("`-c pass` printed {:?}", truncate(&(outcome.stdout.clone() + &outcome.stderr), 120)));
            }
            value_total += outcome.wall_seconds;
            duration += outcome.wall_seconds;
            max_rss = max_rss.max(outcome.max_rss_bytes);
            if index >= settings.warmups {
                user += outcome.user_seconds;
                system += outcome.system_seconds;
                let counts = [outcome.counters.task_clock_ns, outcome.counters.instructions, outcome.counters.cycles];
                for (sum, count) in counter_sums.iter_mut().zip(counts) {
                    *sum = match (*sum, count) {
                        (Some(s), Some(c)) => Some(s + c),
                        _ => None,
                    };
                }
            }
            last = Some(outcome);
        }
        let value = value_total / per_value as f64;
        if index < settings.warmups {
            warmups.push(value);
        } else {
            values.push(value);
        }
    }
    let processes = (settings.values * per_value).max(1) as f64;
    let mean = |sum: Option<u64>| sum.map(|s| (s as f64 / processes) as u64);
    let mut run = process_run(per_value, warmups, values, date, last.as_ref().ok_or("no startup process ran")?);
    run.duration = duration;
    run.max_rss_bytes = max_rss;
    run.user_seconds = user / processes;
    run.system_seconds = system / processes;
    run.counters = CounterValues {
        task_clock_ns: mean(counter_sums[0]),
        instructions: mean(counter_sums[1]),
        cycles: mean(counter_sums[2]),
    };
    Ok(run)
}

/// The current UTC time as pyperf writes dates.
pub fn utc_now_text() -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let seconds = now.as_secs() as i64;
    let (days, in_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}.{:06}",
        in_day / 3600,
        in_day / 60 % 60,
        in_day % 60,
        now.subsec_micros()
    )
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian
/// calendar (Howard Hinnant's well-known algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings { fast: true, processes: 1, warmups: 1, values: 2, loops: 1, timeout: Duration::from_secs(5) }
    }

    #[test]
    fn converts_days_to_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }

    #[test]
    fn parses_a_good_worker_line() {
        let out = "noise\n{\"protocol\": 1, \"name\": \"nbody\", \"size\": \"small\", \"loops\": 1, \"warmups\": [0.5], \"values\": [0.25, 0.125]}\n";
        let (loops, warmups, values) = parse_worker_line(out, "nbody", &settings()).unwrap();
        assert_eq!((loops, warmups, values), (1, vec![0.5], vec![0.25, 0.125]));
    }

    #[test]
    fn rejects_bad_worker_lines() {
        let s = settings();
        assert!(parse_worker_line("", "nbody", &s).is_err());
        let wrong_name = "{\"protocol\": 1, \"name\": \"float\", \"loops\": 1, \"warmups\": [0.5], \"values\": [0.2, 0.1]}";
        assert!(parse_worker_line(wrong_name, "nbody", &s).is_err());
        let too_few = "{\"protocol\": 1, \"name\": \"nbody\", \"loops\": 1, \"warmups\": [0.5], \"values\": [0.2]}";
        assert!(parse_worker_line(too_few, "nbody", &s).is_err());
        let negative = "{\"protocol\": 1, \"name\": \"nbody\", \"loops\": 1, \"warmups\": [0.5], \"values\": [0.2, -1]}";
        assert!(parse_worker_line(negative, "nbody", &s).is_err());
    }
}
