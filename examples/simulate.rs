//! Detection figures of the Monitor on a seeded simulated stream.
//!
//! `cargo run --release --example simulate -- [--seed N] [--topics N] [--days N] [--rate POSTS_PER_HOUR]`

use backlash::monitor::sim::{run, SimConfig};
use backlash::monitor::MonitorConfig;

fn main() {
    let mut cfg = SimConfig::default();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).map(String::as_str).unwrap_or("");
        let bad = |what: &str| -> ! {
            eprintln!("{}: expected {what}, got {value:?}", args[i]);
            std::process::exit(2)
        };
        match args[i].as_str() {
            "--seed" => cfg.seed = value.parse().unwrap_or_else(|_| bad("an integer")),
            "--topics" => cfg.topics = value.parse().unwrap_or_else(|_| bad("an integer")),
            "--days" => cfg.days = value.parse().unwrap_or_else(|_| bad("an integer")),
            "--rate" => cfg.posts_per_hour = value.parse().unwrap_or_else(|_| bad("a number")),
            "--rhythm" => cfg.rhythm = value.parse().unwrap_or_else(|_| bad("a number")),
            other => {
                eprintln!("unknown argument {other:?}");
                std::process::exit(2);
            }
        }
        i += 2;
    }
    eprintln!("simulating {cfg:?}");
    let report = run(&cfg, &MonitorConfig::default());
    println!("{report}");
}
