//! Sentiment behaviour across languages, determinism, and robustness.

use backlash::lexicon::{Cue, CueKind, Position};
use backlash::{analyze, Analysis, Analyzer, Label, Lang, Rule};
use proptest::prelude::*;

fn c(text: &str) -> f32 {
    analyze(text).sentiment.compound
}

fn has_rule(a: &Analysis, text: &str, rule: Rule, word: &str) -> bool {
    a.evidence
        .iter()
        .any(|e| e.rule == rule && text[e.span.range()].contains(word))
}

#[test]
fn analyzer_is_send_sync() {
    fn check<T: Send + Sync + 'static>() {}
    check::<Analyzer>();
    check::<Analysis>();
}

#[test]
fn english_rules() {
    assert!(c("The service was good") > 0.0);
    assert!(c("The service was not good") < 0.0);
    assert!(c("The service was very good") > c("The service was good"));
    assert!(c("The service was kinda good") < c("The service was good"));
    assert!(c("The service was good!!!") > c("The service was good"));
    assert!(c("The service was GOOD today") > c("The service was good today"));
    assert!(c("The food was good but the staff were rude") < 0.0);
    assert!(c("The service was sooooo good") > c("The service was so good"));
    assert!(c("thanks 😍") > c("thanks"));
    assert!(c("still waiting :(") < 0.0);
    let text = "I don't hate it";
    let a = analyze(text);
    assert!(a.sentiment.compound > 0.0);
    assert!(has_rule(&a, text, Rule::Negation, "n't"));
    assert!(has_rule(&a, text, Rule::Lexicon, "hate"));
}

#[test]
fn customer_care_words() {
    for text in [
        "Flight delayed again",
        "Flight cancelled, we are stranded at the airport",
        "on hold for 2 hours",
        "I want a refund",
        "They overbooked the flight",
        "Never again",
        "My order never arrived",
        "I did not receive a refund",
    ] {
        let a = analyze(text);
        assert_eq!(a.sentiment.label, Label::Neg, "{text}: {a:?}");
    }
}

#[test]
fn thai_rules() {
    assert!(c("อาหารอร่อย") > 0.0);
    assert_eq!(
        analyze("อาหารอร่อยมาก ประทับใจสุดๆ").sentiment.label,
        Label::Pos
    );
    assert!(c("บริการดี") > 0.0);
    assert!(c("บริการไม่ดี") < 0.0);
    assert!(c("บริการดีมาก") > c("บริการดี"));
    assert_eq!(
        analyze("รอสายมา 2 ชั่วโมง ไม่มีใครรับเลย แย่มาก").sentiment.label,
        Label::Neg
    );
    assert!(c("อาหารอร่อย แต่ พนักงานหยาบคาย") < c("อาหารอร่อย"));
    let text = "แย่มากกกก";
    let a = analyze(text);
    assert!(has_rule(&a, text, Rule::Lexicon, "แย่"));
    assert!(a.sentiment.compound < 0.0);
}

#[test]
fn hebrew_rules() {
    assert!(c("השירות טוב") > 0.0);
    assert!(c("השירות לא טוב") < 0.0);
    assert!(c("השירות ממש טוב") > c("השירות טוב"));
    assert_eq!(
        analyze("שירות גרוע, מחכה כבר שעה").sentiment.label,
        Label::Neg
    );
    // Prefix letters: ו + גרוע.
    let text = "יקר וגרוע";
    let a = analyze(text);
    assert!(has_rule(&a, text, Rule::Lexicon, "וגרוע"), "{a:?}");
}

#[test]
fn mixed_language_uses_each_tokens_lexicon() {
    let text = "ซื้อโทรศัพท์เครื่องใหม่มาจากร้านนี้ awesome มาก";
    let a = analyze(text);
    assert_eq!(a.lang, Lang::Thai);
    assert!(has_rule(&a, text, Rule::Lexicon, "awesome"), "{a:?}");
    assert!(a.sentiment.compound > 0.0);
}

#[test]
fn laughter_and_questions() {
    let text = "haha that was fun";
    assert!(has_rule(&analyze(text), text, Rule::Laughter, "haha"));
    // Laughter after a complaint is read as sarcasm: it adds nothing.
    let text = "lost my luggage again, great job haha... terrible airline";
    let a = analyze(text);
    assert!(!has_rule(&a, text, Rule::Laughter, "haha"));
    assert!(analyze("ร้านนี้เปิดกี่โมงคะ?").question);
    assert!(!analyze("ร้านนี้ดีมาก!").question);
}

#[test]
fn builder_overrides_and_errors() {
    let a = Analyzer::builder()
        .word(Lang::English, "acmeair", -3.0)
        .word(Lang::Thai, "ปังปุริเย่", 3.0)
        .cue(
            Lang::English,
            "hella",
            Cue {
                kind: CueKind::Intensifier,
                scale: 0.5,
                position: Position::Before,
            },
        )
        .build();
    assert_eq!(a.analyze("acmeair").sentiment.label, Label::Neg);
    assert_eq!(a.analyze("ปังปุริเย่").sentiment.label, Label::Pos);
    assert!(a.analyze("hella good").sentiment.compound > a.analyze("good").sentiment.compound);
    assert!(Analyzer::builder()
        .valences(Lang::English, "word-without-valence\n")
        .is_err());
    assert!(Analyzer::builder()
        .cues(Lang::Hebrew, "מאוד\tsuper\t1\n")
        .is_err());
}

#[test]
fn empty_and_odd_inputs() {
    for text in [
        "",
        " ",
        "\n\t",
        "!!!",
        "???",
        "123",
        "😀",
        "\u{0}",
        "ๆๆๆ",
        "\u{05B8}",
    ] {
        let a = analyze(text);
        assert!((-1.0..=1.0).contains(&a.sentiment.compound), "{text:?}");
    }
    assert_eq!(analyze("").sentiment.label, Label::Neu);
    assert!(analyze("").evidence.is_empty());
}

#[test]
fn deterministic_across_runs_and_threads() {
    let texts = [
        "The flight was delayed AGAIN and the staff were rude!!!",
        "รอสายมา 2 ชั่วโมง ไม่มีใครรับเลย แย่มาก 555",
        "השירות היה מעולה אבל המשלוח איחר",
        "I love it 😍 but the price... meh",
    ];
    let key = |a: &Analysis| {
        let mut v = vec![
            a.sentiment.compound.to_bits(),
            a.sentiment.pos.to_bits(),
            a.sentiment.neu.to_bits(),
            a.sentiment.neg.to_bits(),
        ];
        v.extend(a.evidence.iter().map(|e| e.weight.to_bits()));
        v
    };
    let reference: Vec<Vec<u32>> = texts.iter().map(|t| key(&analyze(t))).collect();
    let fresh = Analyzer::builder().build();
    for (t, r) in texts.iter().zip(&reference) {
        assert_eq!(&key(&fresh.analyze(t)), r);
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    (0..50)
                        .flat_map(|_| texts.iter().map(|t| key(&analyze(t))))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            let got = h.join().expect("thread");
            for (i, g) in got.iter().enumerate() {
                assert_eq!(g, &reference[i % texts.len()]);
            }
        }
    });
    let batch = Analyzer::default().analyze_batch(&texts);
    for (a, r) in batch.iter().zip(&reference) {
        assert_eq!(&key(a), r);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics_and_stays_in_range(text in "\\PC{0,80}") {
        let a = analyze(&text);
        let s = a.sentiment;
        prop_assert!((-1.0..=1.0).contains(&s.compound));
        prop_assert!((s.pos + s.neu + s.neg - 1.0).abs() < 1e-3);
        for e in &a.evidence {
            prop_assert!(text.get(e.span.range()).is_some());
            prop_assert!(e.weight.is_finite());
        }
    }

    #[test]
    fn mixed_scripts_never_panic(parts in proptest::collection::vec(
        prop_oneof![
            Just("ดี"), Just("ไม่"), Just("มากกก"), Just("555"), Just("แต่"),
            Just("לא"), Just("טוב"), Just("ומאוד"), Just("חחח"), Just("אבל"),
            Just("not"), Just("GOOD"), Just("sooo"), Just("but"), Just("!!!"),
            Just("?"), Just("😡"), Just(":)"), Just(" "), Just("#fail"), Just("ๆ"),
        ], 0..30)) {
        let text: String = parts.concat();
        let a = analyze(&text);
        prop_assert!((-1.0..=1.0).contains(&a.sentiment.compound));
        for e in &a.evidence {
            prop_assert!(text.get(e.span.range()).is_some());
        }
    }
}
