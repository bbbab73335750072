fn main() {
    let args: Vec<String> = std::env::args().collect();
    let a = backlash::Analyzer::default();
    let mut n = 0;
    for l in std::fs::read_to_string(&args[1]).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let t = v["text"].as_str().unwrap();
        if v["label"].as_str() != Some(args[2].as_str()) { continue; }
        let r = a.analyze(t);
        if r.sentiment.label.as_str() == args[3] && n < 40 {
            n += 1;
            println!("{:.2} gold {:.2} | {} || {}", r.sentiment.compound, v["score"].as_f64().unwrap_or(0.0), t, r.evidence.iter().map(|e| format!("{}:{}:{:.2}", &t[e.span.range()], e.rule.as_str(), e.weight)).collect::<Vec<_>>().join(" "));
        }
    }
}
