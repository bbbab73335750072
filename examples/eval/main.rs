//! Accuracy on labelled JSONL: `cargo run --release --example eval -- [DIR]`
//! (default `../shared/data`).
//!
//! Prints one table per capability. Missing files are reported and skipped.

use std::path::{Path, PathBuf};

mod common;
mod hebrew_prefix;
mod sentiment;
mod thai_seg;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/data"));
    if !dir.is_dir() {
        eprintln!("eval: {} is not a directory", dir.display());
        std::process::exit(2);
    }
    run(&dir);
}

fn run(dir: &Path) {
    sentiment::run(dir);
    thai_seg::run(dir);
    hebrew_prefix::run(dir);
}
