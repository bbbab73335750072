fn main() {
    let data = std::fs::read_to_string("../shared/data/en-vader/tweets.jsonl").unwrap();
    let tweets: Vec<String> = data.lines().filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok()).filter_map(|v| v["text"].as_str().map(str::to_string)).collect();
    let mode = std::env::args().nth(1).unwrap_or_default();
    let a = backlash::Analyzer::default();
    let mut n = 0usize;
    for _ in 0..50 {
        for t in &tweets {
            match mode.as_str() {
                "tok" => n += backlash::tokenize(t).count(),
                "assess" => n += a.assess_text(t).reasons().len(),
                _ => n += a.analyze(t).evidence.len(),
            }
        }
    }
    println!("{n}");
}
