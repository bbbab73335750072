//! Streaming alerts from JSONL events.
//!
//! `cargo run --release --example monitor -- [--brand NAME=alias,…]… [FILE]`
//!
//! Input (FILE or stdin): one JSON object per line, in time order, with `id`
//! (string or number), `text`, `created` (RFC 3339) and optional `lang`,
//! `channel`, `author`, `followers`, `verified`, `likes`, `shares`,
//! `replies`, `topic`, `thread`, `is_brand`. Posts without `topic` get one
//! from the `--brand` aliases found in their text (else `(untagged)`).
//!
//! Output: one JSON line per alert: `{"at", "topic", "thread", "kind",
//! "level", "status", "score", "reasons": [..], "evidence": [ids]}`. An
//! alert is emitted when an episode opens, escalates or resolves
//! (`status`).
//!
//! Bad lines (and events too late for the monitor) are reported on stderr
//! as `line N: why` and skipped, followed by a summary (`monitor: N events,
//! M rejected, K alerts`); the exit status is 1 if any line was rejected.

mod events;

use std::io::{BufReader, BufWriter, Write};

use backlash::monitor::{Alert, Monitor, MonitorConfig};
use serde_json::json;

fn alert_json(a: &Alert) -> serde_json::Value {
    json!({
        "at": a.at.to_string(),
        "topic": a.topic,
        "thread": a.thread,
        "kind": a.kind.as_str(),
        "level": a.level.as_str(),
        "status": a.status.as_str(),
        "score": (f64::from(a.score) * 100.0).round() / 100.0,
        "reasons": a.reasons,
        "evidence": a.evidence.iter().map(|e| match e {
            backlash::monitor::EventId::Num(n) => json!(n),
            backlash::monitor::EventId::Str(s) => json!(&**s),
        }).collect::<Vec<_>>(),
        "since": a.since.to_string(),
    })
}

fn main() {
    let mut cfg = MonitorConfig::default().fallback_topic("(untagged)");
    let mut file = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--brand" => {
                let spec = args.next().unwrap_or_default();
                cfg = events::brand_arg(cfg, &spec).unwrap_or_else(|e| {
                    eprintln!("{e}");
                    std::process::exit(2)
                });
            }
            "--sample-brands" => cfg = events::sample_brands(cfg),
            "-h" | "--help" => {
                eprintln!("usage: monitor [--brand NAME=alias,…]… [--sample-brands] [FILE]");
                return;
            }
            _ => file = Some(a),
        }
    }
    let input =
        events::jsonl::open_input(file.as_deref(), Box::new(BufReader::new(std::io::stdin())));
    let mut monitor = Monitor::new(cfg);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let rejected = std::cell::Cell::new(0usize);
    let (mut observed, mut emitted) = (0usize, 0usize);
    let mut alerts = Vec::new();
    let result = events::read_events(
        input,
        |ev| {
            alerts.clear();
            match events::observe(&mut monitor, &ev, &mut alerts) {
                Ok(_) => observed += 1,
                Err(e) => {
                    eprintln!("line {}: {e}", ev.line);
                    rejected.set(rejected.get() + 1);
                }
            }
            emitted += alerts.len();
            for a in &alerts {
                let _ = writeln!(out, "{}", alert_json(a));
            }
        },
        |n, why| {
            eprintln!("line {n}: {why}");
            rejected.set(rejected.get() + 1);
        },
    );
    let _ = out.flush();
    if let Err(e) = result {
        eprintln!("read error: {e}");
        std::process::exit(2);
    }
    eprintln!(
        "monitor: {observed} events, {} rejected, {emitted} alerts",
        rejected.get()
    );
    if rejected.get() > 0 {
        std::process::exit(1);
    }
}
