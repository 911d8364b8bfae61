//! Small statistics over timing values: median, mean, standard deviation,
//! geometric mean, and pyperf-like formatting of seconds.

pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    Some(if sorted.len() % 2 == 1 { sorted[middle] } else { (sorted[middle - 1] + sorted[middle]) / 2.0 })
}

pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Sample standard deviation (0 for fewer than two values).
pub fn stdev(values: &[f64]) -> f64 {
    let Some(average) = mean(values) else { return 0.0 };
    if values.len() < 2 {
        return 0.0;
    }
    let squares: f64 = values.iter().map(|v| (v - average) * (v - average)).sum();
    (squares / (values.len() - 1) as f64).sqrt()
}

/// Geometric mean of positive numbers.
pub fn geometric_mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() || values.iter().any(|v| *v <= 0.0 || !v.is_finite()) {
        return None;
    }
    Some((values.iter().map(|v| v.ln()).sum::<f64>() / values.len() as f64).exp())
}

/// "812 ms", "1.23 sec", "45.6 us" (three significant digits).
pub fn format_seconds(seconds: f64) -> String {
    let (scaled, unit) = if seconds >= 1.0 {
        (seconds, "sec")
    } else if seconds >= 1e-3 {
        (seconds * 1e3, "ms")
    } else if seconds >= 1e-6 {
        (seconds * 1e6, "us")
    } else {
        (seconds * 1e9, "ns")
    };
    let decimals = if scaled >= 100.0 {
        0
    } else if scaled >= 10.0 {
        1
    } else {
        2
    };
    format!("{scaled:.decimals$} {unit}")
}

/// "1.27x faster" / "1.10x slower" / "same" for reference time / other time.
pub fn format_speedup(reference: f64, other: f64) -> String {
    let ratio = reference / other;
    if (ratio - 1.0).abs() < 0.005 {
        "same speed".to_string()
    } else if ratio > 1.0 {
        format!("{ratio:.2}x faster")
    } else {
        format!("{:.2}x slower", 1.0 / ratio)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_statistics() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        assert!((stdev(&[1.0, 2.0, 3.0]) - 1.0).abs() < 1e-12);
        assert!((geometric_mean(&[2.0, 8.0]).unwrap() - 4.0).abs() < 1e-12);
        assert_eq!(geometric_mean(&[1.0, 0.0]), None);
    }

    #[test]
    fn formats_like_pyperf() {
        assert_eq!(format_seconds(0.8123), "812 ms");
        assert_eq!(format_seconds(1.234), "1.23 sec");
        assert_eq!(format_seconds(0.0000456), "45.6 us");
        assert_eq!(format_speedup(2.0, 1.0), "2.00x faster");
        assert_eq!(format_speedup(1.0, 2.0), "2.00x slower");
        assert_eq!(format_speedup(1.0, 1.001), "same speed");
    }
}
