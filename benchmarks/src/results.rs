//! What a run of the suite produced for one interpreter: per benchmark,
//! either the measured processes or the reason it is not supported.

use crate::interpreter::Interpreter;
use crate::measure::{ProcessRun, Settings};
use crate::stats;

#[derive(Clone, Debug)]
pub struct BenchmarkResult {
    pub name: String,
    /// `Err(reason)`: the benchmark failed (crash, wrong result, missing
    /// module, timeout) and counts as not supported on this interpreter.
    pub outcome: Result<Vec<ProcessRun>, String>,
}

impl BenchmarkResult {
    /// Every timed value of every process.
    pub fn values(&self) -> Vec<f64> {
        match &self.outcome {
            Ok(runs) => runs.iter().flat_map(|run| run.values.iter().copied()).collect(),
            Err(_) => Vec::new(),
        }
    }

    pub fn median(&self) -> Option<f64> {
        stats::median(&self.values())
    }

    /// Relative standard deviation of the values, in percent.
    pub fn spread_percent(&self) -> Option<f64> {
        let values = self.values();
        let average = stats::mean(&values)?;
        (average > 0.0).then(|| 100.0 * stats::stdev(&values) / average)
    }

    pub fn runs(&self) -> &[ProcessRun] {
        match &self.outcome {
            Ok(runs) => runs,
            Err(_) => &[],
        }
    }
}

#[derive(Clone, Debug)]
pub struct SuiteResults {
    pub interpreter: Interpreter,
    pub settings: Settings,
    pub benchmarks: Vec<BenchmarkResult>,
}

impl SuiteResults {
    pub fn failures(&self) -> impl Iterator<Item = (&str, &str)> {
        self.benchmarks.iter().filter_map(|b| b.outcome.as_ref().err().map(|reason| (b.name.as_str(), reason.as_str())))
    }

    pub fn get(&self, name: &str) -> Option<&BenchmarkResult> {
        self.benchmarks.iter().find(|b| b.name == name)
    }
}
