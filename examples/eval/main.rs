//! Accuracy on labelled JSONL: `cargo run --release --example eval -- [DIR] [--check]`
//! (default `../shared/data`).
//!
//! Prints one table per capability. Missing files are reported and skipped.
//! With `--check`, exits 1 when a figure falls below the floor CI holds it to.
//! `--only NAME` (sentiment, thai_seg, hebrew_prefix, complaint) runs one table.

use std::path::{Path, PathBuf};

mod common;
mod complaint;
mod hebrew_prefix;
mod sentiment;
mod thai_seg;

fn main() {
    let mut dir = PathBuf::from("../shared/data");
    let mut check = false;
    let mut only: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--check" {
            check = true;
        } else if arg == "--only" {
            only = args.next();
        } else {
            dir = PathBuf::from(arg);
        }
    }
    if !dir.is_dir() {
        eprintln!("eval: {} is not a directory", dir.display());
        std::process::exit(2);
    }
    run(&dir, only.as_deref());
    let below = common::below_floor();
    for (name, value, floor) in &below {
        eprintln!("eval: {name} = {value:.3} is below its floor {floor:.3}");
    }
    if check && !below.is_empty() {
        std::process::exit(1);
    }
}

fn run(dir: &Path, only: Option<&str>) {
    let on = |name: &str| only.map_or(true, |o| o == name);
    if on("sentiment") {
        sentiment::run(dir);
    }
    if on("thai_seg") {
        thai_seg::run(dir);
    }
    if on("hebrew_prefix") {
        hebrew_prefix::run(dir);
    }
    if on("complaint") {
        complaint::run(dir);
    }
}
