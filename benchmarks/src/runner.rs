//! Running the suite on one or more interpreters *in turns*: for each
//! benchmark, process 1 on every interpreter, then process 2 on every
//! interpreter, and so on, so that slow drifts of the machine (heat, other
//! load) hit every interpreter alike. A benchmark that fails on an
//! interpreter is marked "not supported" there and not run again on it.

use crate::interpreter::Interpreter;
use crate::measure::{run_process, ProcessRun, Settings};
use crate::progress::Progress;
use crate::results::{BenchmarkResult, SuiteResults};
use crate::stats::{format_seconds, median};
use crate::suite::Benchmark;

pub fn run_in_turns(interpreters: &[Interpreter], benchmarks: &[Benchmark], settings: &Settings) -> Vec<SuiteResults> {
    let progress = Progress::new(benchmarks.len());
    let short_names: Vec<String> = interpreters.iter().map(|i| i.command.clone()).collect();
    let mut suites: Vec<SuiteResults> = interpreters
        .iter()
        .map(|interpreter| SuiteResults { interpreter: interpreter.clone(), settings: settings.clone(), benchmarks: Vec::new() })
        .collect();
    for (index, benchmark) in benchmarks.iter().enumerate() {
        let mut outcomes: Vec<Result<Vec<ProcessRun>, String>> = vec![Ok(Vec::new()); interpreters.len()];
        for process in 0..settings.processes {
            for (which, interpreter) in interpreters.iter().enumerate() {
                let Ok(runs) = &mut outcomes[which] else { continue };
                progress.running(index, benchmark.name(), &short_names[which], process, settings.processes);
                match run_process(interpreter, benchmark, settings) {
                    Ok(run) => runs.push(run),
                    Err(reason) => outcomes[which] = Err(reason),
                }
            }
        }
        for (which, outcome) in outcomes.into_iter().enumerate() {
            let result = BenchmarkResult { name: benchmark.name().to_string(), outcome };
            let summary = match (&result.outcome, result.median(), result.spread_percent()) {
                (Err(reason), _, _) => format!("NOT SUPPORTED: {reason}"),
                (Ok(_), Some(m), Some(spread)) => format!("{} ± {spread:.1}%", format_seconds(m)),
                (Ok(_), _, _) => "no values".to_string(),
            };
            progress.finished(index, benchmark.name(), &short_names[which], &summary);
            suites[which].benchmarks.push(result);
        }
    }
    suites
}

/// Median over the suite's successful benchmarks (for quick summaries).
pub fn count_successes(suite: &SuiteResults) -> (usize, usize) {
    let ok = suite.benchmarks.iter().filter(|b| median(&b.values()).is_some()).count();
    (ok, suite.benchmarks.len())
}
