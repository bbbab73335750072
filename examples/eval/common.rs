//! Shared helpers for the eval example: JSONL reading, metrics, floors.
#![allow(dead_code)]

use std::path::Path;
use std::sync::Mutex;

/// Reads a JSONL file into `serde_json::Value`s; `None` if it is missing.
pub fn read_jsonl(path: &Path) -> Option<Vec<serde_json::Value>> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect(),
    )
}

/// Figures that fell below their floor: (name, value, floor).
static BELOW: Mutex<Vec<(String, f64, f64)>> = Mutex::new(Vec::new());

/// Records a figure against the floor CI holds it to.
pub fn floor(name: &str, value: f64, floor: f64) {
    if value.is_nan() || value < floor {
        if let Ok(mut b) = BELOW.lock() {
            b.push((name.to_string(), value, floor));
        }
    }
}

/// The figures below their floors so far.
pub fn below_floor() -> Vec<(String, f64, f64)> {
    BELOW.lock().map(|b| b.clone()).unwrap_or_default()
}

/// Macro-F1 over `classes`, gold and predicted labels as strings; rows whose
/// gold label is not in `classes` must be filtered out by the caller.
pub fn macro_f1(gold: &[&str], pred: &[&str], classes: &[&str]) -> f64 {
    let mut sum = 0.0;
    for c in classes {
        let tp = gold
            .iter()
            .zip(pred)
            .filter(|(g, p)| *g == c && *p == c)
            .count() as f64;
        let fp = gold
            .iter()
            .zip(pred)
            .filter(|(g, p)| *g != c && *p == c)
            .count() as f64;
        let fn_ = gold
            .iter()
            .zip(pred)
            .filter(|(g, p)| *g == c && *p != c)
            .count() as f64;
        let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
        let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
        sum += if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
    }
    sum / classes.len() as f64
}

/// Share of equal labels.
pub fn accuracy(gold: &[&str], pred: &[&str]) -> f64 {
    if gold.is_empty() {
        return 0.0;
    }
    gold.iter().zip(pred).filter(|(g, p)| g == p).count() as f64 / gold.len() as f64
}

/// Pearson correlation of two equally long series (NaN when undefined).
pub fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    if n < 2 {
        return f64::NAN;
    }
    let mx = x[..n].iter().sum::<f64>() / n as f64;
    let my = y[..n].iter().sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (a, b) = (x[i] - mx, y[i] - my);
        sxy += a * b;
        sxx += a * a;
        syy += b * b;
    }
    sxy / (sxx.sqrt() * syy.sqrt())
}

/// Half A of the English sets (where settings were chosen): the FNV-1a
/// hash of the text's bytes is even.
pub fn en_half_a(text: &str) -> bool {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h % 2 == 0
}
