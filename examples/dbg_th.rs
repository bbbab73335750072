fn main() {
    let a = backlash::Analyzer::default();
    for t in std::env::args().skip(1) {
        let r = a.analyze(&t);
        println!("{:?} {:?}", r.sentiment, r.evidence.iter().map(|e| format!("{}:{}:{:.2}", &t[e.span.range()], e.rule.as_str(), e.weight)).collect::<Vec<_>>());
        println!("{:?}", backlash::tokenize(&t).map(|x| x.norm.to_string()).collect::<Vec<_>>());
    }
}
