//! Markdown tables for the terminal: medians and spreads per benchmark and
//! interpreter, speedups over the first interpreter with their geometric
//! mean, and a second table with per-process resources (peak RSS, CPU time,
//! instructions where the counters exist).

use crate::results::{BenchmarkResult, SuiteResults};
use crate::stats::{format_seconds, format_speedup, geometric_mean, median};

fn cell_for(result: Option<&BenchmarkResult>) -> String {
    match result.map(|r| (&r.outcome, r)) {
        None => "-".to_string(),
        Some((Err(reason), _)) => format!("not supported ({})", escape(reason, 70)),
        Some((Ok(_), r)) => match (r.median(), r.spread_percent()) {
            (Some(m), Some(spread)) => format!("{} ± {spread:.1}%", format_seconds(m)),
            (Some(m), None) => format_seconds(m),
            _ => "no values".to_string(),
        },
    }
}

fn escape(text: &str, limit: usize) -> String {
    crate::child_process::truncate(&text.replace('|', "\\|").replace('\n', " "), limit)
}

/// The timing table, with a geometric-mean row when there are at least two
/// interpreters.
pub fn timing_table(suites: &[SuiteResults], names: &[String]) -> String {
    let mut out = String::new();
    out.push_str("| benchmark |");
    for suite in suites {
        out.push_str(&format!(" `{}` |", escape(&suite.interpreter.label(), 80)));
    }
    out.push_str("\n|---|");
    for _ in suites {
        out.push_str("---:|");
    }
    out.push('\n');
    let mut ratios: Vec<Vec<f64>> = vec![Vec::new(); suites.len()];
    let mut comparable = 0usize;
    for name in names {
        out.push_str(&format!("| {name} |"));
        let reference = suites.first().and_then(|s| s.get(name)).and_then(BenchmarkResult::median);
        let all_ok = suites.iter().all(|s| s.get(name).and_then(BenchmarkResult::median).is_some());
        if all_ok {
            comparable += 1;
        }
        for (index, suite) in suites.iter().enumerate() {
            let result = suite.get(name);
            let mut cell = cell_for(result);
            if index > 0 {
                if let (Some(reference), Some(other)) = (reference, result.and_then(BenchmarkResult::median)) {
                    cell.push_str(&format!(": {}", format_speedup(reference, other)));
                    if all_ok {
                        ratios[index].push(reference / other);
                    }
                }
            }
            out.push_str(&format!(" {cell} |"));
        }
        out.push('\n');
    }
    if suites.len() > 1 {
        out.push_str("| **geometric mean** | (reference) |");
        for ratio_list in ratios.iter().skip(1) {
            let cell = match geometric_mean(ratio_list) {
                Some(g) => format!("**{}** ({comparable} of {} benchmarks)", format_speedup(g, 1.0), names.len()),
                None => "no benchmark ran on both".to_string(),
            };
            out.push_str(&format!(" {cell} |"));
        }
        out.push('\n');
    }
    out
}

/// Per-process resources: median peak RSS, CPU time (task-clock when the
/// counter exists, else user + system time) and instructions.
pub fn resource_table(suites: &[SuiteResults], names: &[String]) -> String {
    let mut out = String::from("| benchmark |");
    for suite in suites {
        out.push_str(&format!(" `{}` peak RSS / CPU / instructions |", escape(&suite.interpreter.command, 60)));
    }
    out.push_str("\n|---|");
    for _ in suites {
        out.push_str("---:|");
    }
    out.push('\n');
    for name in names {
        out.push_str(&format!("| {name} |"));
        for suite in suites {
            let runs = suite.get(name).map(|r| r.runs()).unwrap_or(&[]);
            if runs.is_empty() {
                out.push_str(" - |");
                continue;
            }
            let rss: Vec<f64> = runs.iter().map(|r| r.max_rss_bytes as f64 / (1024.0 * 1024.0)).collect();
            let cpu: Vec<f64> = runs
                .iter()
                .map(|r| r.counters.task_clock_ns.map(|ns| ns as f64 / 1e9).unwrap_or(r.user_seconds + r.system_seconds))
                .collect();
            let instructions: Vec<f64> = runs.iter().filter_map(|r| r.counters.instructions.map(|i| i as f64)).collect();
            let instructions_text = match median(&instructions) {
                Some(i) if instructions.len() == runs.len() => format!("{:.2} G", i / 1e9),
                _ => "n/a".to_string(),
            };
            out.push_str(&format!(
                " {:.1} MiB / {} / {} |",
                median(&rss).unwrap_or(0.0),
                format_seconds(median(&cpu).unwrap_or(0.0)),
                instructions_text
            ));
        }
        out.push('\n');
    }
    out
}
