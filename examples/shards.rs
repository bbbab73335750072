//! Partitioned use of the Monitor: shards by topic run in parallel, each
//! checkpoints its state to disk, the checkpoints are restored and merged,
//! and the merged state is checked against one monitor fed everything.
//!
//! `cargo run --release --example shards -- [--shards N] [FILE]` (default: the
//! embedded sample stream, 3 shards).

#[path = "monitor/events.rs"]
mod events;

use std::collections::HashMap;

use backlash::monitor::{Monitor, MonitorConfig};

const SAMPLE: &str = include_str!("../data/samples/stream.jsonl");

/// FNV-1a: a stable hash, so a topic always goes to the same shard.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

fn main() {
    let mut shards = 3usize;
    let mut file = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--shards" => {
                shards = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|n| *n > 0)
                    .unwrap_or(3)
            }
            other => file = Some(other.to_string()),
        }
    }
    let input = events::jsonl::open_input(file.as_deref(), Box::new(SAMPLE.as_bytes()));
    let cfg = events::sample_brands(MonitorConfig::default()).fallback_topic("(untagged)");

    // Route: the same precedence as the monitor (given topic, brand alias in
    // the text, the thread's topic, the fallback), remembering threads.
    let mut router = Monitor::new(cfg.clone());
    let mut thread_topic: HashMap<String, String> = HashMap::new();
    let mut parts: Vec<Vec<events::Event>> = vec![Vec::new(); shards];
    let mut all = Vec::new();
    let mut bad = 0;
    events::read_events(
        input,
        |ev| {
            let topic = ev
                .topic
                .clone()
                .or_else(|| router.derive_topic(&ev.text))
                .or_else(|| {
                    ev.thread
                        .as_ref()
                        .and_then(|t| thread_topic.get(t).cloned())
                })
                .unwrap_or_else(|| "(untagged)".to_string());
            if let Some(th) = &ev.thread {
                thread_topic
                    .entry(th.clone())
                    .or_insert_with(|| topic.clone());
            }
            parts[(fnv(&topic) % shards as u64) as usize].push(ev.clone());
            all.push(ev);
        },
        |n, why| {
            eprintln!("line {n}: {why}");
            bad += 1;
        },
    )
    .expect("read");

    // Each shard in its own thread (the monitor itself has none).
    let results: Vec<(Monitor, usize)> = std::thread::scope(|s| {
        let handles: Vec<_> = parts
            .iter()
            .map(|evs| {
                let cfg = cfg.clone();
                s.spawn(move || {
                    let mut m = Monitor::new(cfg);
                    let mut alerts = Vec::new();
                    for ev in evs {
                        let _ = events::observe(&mut m, ev, &mut alerts);
                    }
                    (m, alerts.len())
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("shard thread"))
            .collect()
    });

    // Checkpoint to disk, then restore.
    let dir = std::env::temp_dir().join(format!("backlash-shards-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut restored = Vec::new();
    for (k, (m, alerts)) in results.iter().enumerate() {
        let path = dir.join(format!("shard-{k}.json"));
        let json = serde_json::to_vec(m).expect("serialise");
        std::fs::write(&path, &json).expect("write checkpoint");
        println!(
            "shard {k}: {} events, {} topics, {} threads, {alerts} alerts, checkpoint {} bytes",
            parts[k].len(),
            m.topic_count(),
            m.thread_count(),
            json.len()
        );
        let back: Monitor = serde_json::from_slice(&std::fs::read(&path).expect("read checkpoint"))
            .expect("restore");
        restored.push(back);
    }
    let _ = std::fs::remove_dir_all(&dir);

    let mut merged = restored.remove(0);
    for m in restored {
        merged.merge(m).expect("disjoint shards merge");
    }
    let mut whole = Monitor::new(cfg);
    let mut whole_alerts = Vec::new();
    for ev in &all {
        let _ = events::observe(&mut whole, ev, &mut whole_alerts);
    }
    let same = merged.snapshot() == whole.snapshot();
    println!(
        "merged: {} topics, {} threads, ~{} KB of state; one monitor fed everything: {} alerts",
        merged.topic_count(),
        merged.thread_count(),
        merged.approx_memory() / 1024,
        whole_alerts.len()
    );
    println!(
        "merged state identical to the single monitor's: {}",
        if same { "yes" } else { "NO" }
    );
    if !same || bad > 0 {
        std::process::exit(1);
    }
}
