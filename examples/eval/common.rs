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
