//! Accuracy on labelled JSONL: `cargo run --release --example eval -- [DIR] [--check]`
//! (default `../shared/data`).
//!
//! Prints one table per capability. Missing files are reported and skipped.
//! With `--check`, exits 1 when a figure falls below the floor CI holds it to.

use std::path::{Path, PathBuf};

mod common;
mod complaint;
mod hebrew_prefix;
mod sentiment;
mod thai_seg;

fn main() {
    let mut dir = PathBuf::from("../shared/data");
    let mut check = false;
    for arg in std::env::args().skip(1) {
        if arg == "--check" {
            check = true;
        } else {
            dir = PathBuf::from(arg);
        }
    }
    if !dir.is_dir() {
        eprintln!("eval: {} is not a directory", dir.display());
        std::process::exit(2);
    }
    run(&dir);
    let below = common::below_floor();
    for (name, value, floor) in &below {
        eprintln!("eval: {name} = {value:.3} is below its floor {floor:.3}");
    }
    if check && !below.is_empty() {
        std::process::exit(1);
    }
}

fn run(dir: &Path) {
    sentiment::run(dir);
    thai_seg::run(dir);
    hebrew_prefix::run(dir);
    complaint::run(dir);
}
