//! Shared helpers for the eval example: JSONL reading and metrics.
#![allow(dead_code)]

use std::path::Path;

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
