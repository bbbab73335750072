use std::collections::HashMap;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let vader: HashMap<String, f32> = std::fs::read_to_string(&args[2]).unwrap().lines().map(|l| { let mut c = l.split('\t'); (c.next().unwrap().to_string(), c.next().unwrap().parse().unwrap()) }).collect();
    let a = backlash::Analyzer::default();
    let mut rows = vec![];
    for l in std::fs::read_to_string(&args[1]).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let t = v["text"].as_str().unwrap();
        let id = v["id"].as_str().unwrap();
        let r = a.analyze(t);
        let vd = vader.get(id).copied().unwrap_or(0.0);
        rows.push(((r.sentiment.compound - vd).abs(), r.sentiment.compound, vd, v["score"].as_f64().unwrap_or(0.0), t.to_string(), r.evidence.iter().map(|e| format!("{}:{}:{:.2}", &t[e.span.range()], e.rule.as_str(), e.weight)).collect::<Vec<_>>().join(" ")));
    }
    rows.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    for r in rows.iter().take(40) { println!("ours {:.3} vader {:.3} gold {:.2} | {} || {}", r.1, r.2, r.3, r.4, r.5); }
}
