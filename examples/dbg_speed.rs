fn main() {
    let s = std::fs::read_to_string("/work/shared/data/en-vader/tweets.jsonl").unwrap();
    let t: Vec<String> = s.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_string()).collect();
    let a = backlash::Analyzer::default();
    let _ = a.analyze("x");
    let mut k = 0usize;
    for _ in 0..60 { for x in &t { k += a.analyze(x).evidence.len(); } }
    println!("{k}");
}
