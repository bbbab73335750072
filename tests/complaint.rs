//! Complaint analysis: labelled-set regression figures, severity
//! monotonicity (property tests), and robustness on arbitrary input.

use backlash::{Category, Complaint, ComplaintAnalyzer, Intent, Sentiment, SeverityLevel};
use proptest::prelude::*;

fn analyze(text: &str) -> Complaint {
    analyze_with(text, &Sentiment::default())
}

fn analyze_with(text: &str, s: &Sentiment) -> Complaint {
    let toks: Vec<_> = backlash::tokenize(text).collect();
    ComplaintAnalyzer::default().analyze(text, &toks, s)
}

fn neg(compound: f32) -> Sentiment {
    Sentiment {
        compound,
        ..Sentiment::default()
    }
}

/// Category micro-F1 and complaint accuracy of one split of one language.
fn figures(lang: &str, split: &str) -> (usize, f64, f64, f64) {
    let path = format!(
        "{}/tests/data/complaints_{lang}.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("labelled set");
    let (mut n, mut ok) = (0, 0);
    let (mut ctp, mut cfp, mut cfn) = (0, 0, 0);
    let (mut itp, mut ifp, mut ifn) = (0, 0, 0);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        if v["split"] != split {
            continue;
        }
        let t = v["text"].as_str().expect("text");
        let c = analyze(t);
        n += 1;
        ok += usize::from(c.is_complaint == v["complaint"].as_bool().expect("bool"));
        let names = |k: &str| -> Vec<String> {
            v[k].as_array()
                .expect("array")
                .iter()
                .map(|x| x.as_str().expect("str").to_string())
                .collect()
        };
        let gc = names("categories");
        let pc: Vec<String> = c.categories.iter().map(|h| h.what.to_string()).collect();
        ctp += pc.iter().filter(|p| gc.contains(p)).count();
        cfp += pc.iter().filter(|p| !gc.contains(p)).count();
        cfn += gc.iter().filter(|g| !pc.contains(g)).count();
        let gi = names("intents");
        let pi: Vec<String> = c.intents.iter().map(|h| h.what.to_string()).collect();
        itp += pi.iter().filter(|p| gi.contains(p)).count();
        ifp += pi.iter().filter(|p| !gi.contains(p)).count();
        ifn += gi.iter().filter(|g| !pi.contains(g)).count();
    }
    let f1 = |tp: usize, fp: usize, fn_: usize| 2.0 * tp as f64 / (2 * tp + fp + fn_).max(1) as f64;
    (
        n,
        ok as f64 / n.max(1) as f64,
        f1(ctp, cfp, cfn),
        f1(itp, ifp, ifn),
    )
}

#[test]
fn labelled_sets_are_large_enough_and_cover_everything() {
    for lang in ["en", "th", "he"] {
        let path = format!(
            "{}/tests/data/complaints_{lang}.jsonl",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(path).expect("labelled set");
        let rows: Vec<serde_json::Value> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).expect("json"))
            .collect();
        assert!(rows.len() >= 150, "{lang}: {} rows", rows.len());
        let negatives = rows.iter().filter(|r| r["complaint"] == false).count();
        assert!(
            negatives * 10 >= rows.len() * 3,
            "{lang}: {negatives} hard negatives"
        );
        for c in Category::ALL {
            let k = rows
                .iter()
                .filter(|r| {
                    r["categories"]
                        .as_array()
                        .is_some_and(|a| a.iter().any(|x| x == c.as_str()))
                })
                .count();
            assert!(k >= 3, "{lang}: category {c} has {k} posts");
        }
        for i in Intent::ALL {
            let k = rows
                .iter()
                .filter(|r| {
                    r["intents"]
                        .as_array()
                        .is_some_and(|a| a.iter().any(|x| x == i.as_str()))
                })
                .count();
            assert!(k >= 3, "{lang}: intent {i} has {k} posts");
        }
    }
}

/// Regression floor under the figures reported by the eval example: the dev
/// split (which the cues were tuned on) and the held-out test split. The
/// floor sits a little under the measured values; it is not the target
/// (category micro-F1 0.80 on test). Thai test category micro-F1 measured
/// 0.819: its floor is 0.81.
#[test]
fn labelled_set_figures() {
    for (lang, test_cat) in [("en", 0.72), ("th", 0.81), ("he", 0.72)] {
        let (n, acc, cat, int) = figures(lang, "dev");
        assert!(n >= 75);
        assert!(
            acc >= 0.90 && cat >= 0.85 && int >= 0.85,
            "{lang} dev: {acc} {cat} {int}"
        );
        let (n, acc, cat, int) = figures(lang, "test");
        assert!(n >= 75);
        assert!(
            acc >= 0.85 && cat >= test_cat && int >= 0.85,
            "{lang} test: {acc} {cat} {int}"
        );
    }
}

#[test]
fn severity_orders_sensibly() {
    let waiting = analyze("Waited 20 minutes for my coffee.");
    let safety = analyze("The heater caught fire in my kid's room.");
    let safety_legal =
        analyze("The heater caught fire in my kid's room. Third time. I'm calling my lawyer!!!");
    assert!(waiting.is_complaint && safety.is_complaint && safety_legal.is_complaint);
    assert!(safety.severity.score > waiting.severity.score);
    assert!(safety_legal.severity.score > safety.severity.score);
    assert!(safety_legal.severity.level >= SeverityLevel::High);
    // Negative sentiment raises severity but does not make a complaint.
    let a = analyze_with("Waited 20 minutes for my coffee.", &neg(-0.8));
    assert!(a.severity.score > waiting.severity.score);
    assert!(!analyze_with("I hate Mondays", &neg(-0.9)).is_complaint);
}

const SAMPLES: &[&str] = &[
    "",
    "I hate Mondays",
    "Waited 2 hours on hold with @AirNova",
    "My parcel never arrived and nobody answers",
    "Thanks for the quick refund!",
    "รอสายมา 2 ชั่วโมง ไม่มีใครรับเลย",
    "สั่งเสื้อได้ไซส์ผิด",
    "ขอบคุณค่ะ บริการดีมาก",
    "חייבו אותי פעמיים",
    "תודה על השירות",
    "המשלוח התעכב בשבוע",
    "no problem at all",
];

const SAFETY: &[&str] = &["It caught fire", "ไฟไหม้", "עלה באש"];
const LEGAL: &[&str] = &["I will see you in court", "จะฟ้องศาล", "אני פונה לעורך דין"];
const REPEAT: &[&str] = &["Third time", "ครั้งที่สาม", "פעם שלישית"];
const INTENS: &[&str] = &["Very", "!!!", "มากๆ", "ממש", "SOOOO"];

fn base() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(SAMPLES).prop_map(str::to_string),
        "\\PC{0,40}",
        "[a-zA-Z0-9 .,!#฿₪ก-๙א-ת\u{0E31}\u{0E34}-\u{0E3A}\u{0E47}-\u{0E4E}]{0,40}",
        (
            proptest::sample::select(SAMPLES),
            proptest::sample::select(SAMPLES)
        )
            .prop_map(|(a, b)| format!("{a}. {b}")),
    ]
}

fn cue() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        proptest::sample::select(SAFETY),
        proptest::sample::select(LEGAL),
        proptest::sample::select(REPEAT),
        proptest::sample::select(INTENS),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Adding a safety or legal cue, a repetition cue or an intensifier
    /// never lowers severity.
    #[test]
    fn adding_a_cue_never_lowers_severity(b in base(), c in cue(), compound in -1.0f32..=1.0) {
        let s = neg(compound);
        let before = analyze_with(&b, &s);
        let after = analyze_with(&format!("{b}. {c}"), &s);
        prop_assert!(
            after.severity.score + 1e-3 >= before.severity.score,
            "{b:?} + {c:?}: {} -> {}", before.severity.score, after.severity.score
        );
        prop_assert!(after.severity.level >= before.severity.level);
    }

    /// Any input: no panic, spans on char boundaries inside the text,
    /// scores in range.
    #[test]
    fn never_panics(text in prop_oneof![
        "\\PC{0,80}",
        "[a-zA-Z0-9 .,!?#@฿₪$'\"\\-ก-๙א-ת\u{0E31}\u{0E34}-\u{0E3A}\u{0E47}-\u{0E4E}\u{05B0}-\u{05C7}]{0,80}",
    ]) {
        let c = analyze(&text);
        prop_assert!((0.0..=100.0).contains(&c.severity.score));
        prop_assert!((0.0..=1.0).contains(&c.confidence));
        for r in &c.reasons {
            if let Some(sp) = r.span {
                prop_assert!(text.get(sp.range()).is_some());
            }
        }
        for h in &c.categories {
            prop_assert!(text.get(h.span.range()).is_some());
        }
        prop_assert!(c.is_complaint || (c.categories.is_empty() && c.intents.is_empty()));
    }

    /// With the fitted model on, any text after a plain complaint (so the
    /// model runs): no panic, the cue categories and intents kept, severity
    /// unchanged, spans valid.
    #[test]
    fn fitted_model_never_panics(tail in prop_oneof![
        "\\PC{0,120}",
        "[a-zA-Z .,!?'\\-ก-๙א-ת\u{0E31}\u{0E34}-\u{0E3A}\u{0E47}-\u{0E4E}\u{1c}-\u{1f}\u{a0}]{0,120}",
    ]) {
        let text = format!("Flight cancelled and no refund after 3 weeks. {tail}");
        let toks: Vec<_> = backlash::tokenize(&text).collect();
        let on = ComplaintAnalyzer::builder().fitted_model(true).build();
        let s = Sentiment::default();
        let (c, plain) = (on.analyze(&text, &toks, &s), analyze(&text));
        prop_assert_eq!(c.is_complaint, plain.is_complaint);
        for h in &plain.categories {
            prop_assert!(c.has_category(h.what));
        }
        for h in &plain.intents {
            prop_assert!(c.has_intent(h.what));
        }
        prop_assert_eq!(c.severity.score, plain.severity.score);
        for h in &c.categories {
            prop_assert!(text.get(h.span.range()).is_some());
            prop_assert!(h.weight > 0.0 && h.weight <= 1.0);
        }
        for h in &c.intents {
            prop_assert!(text.get(h.span.range()).is_some());
            prop_assert!(h.weight > 0.0 && h.weight <= 1.0);
        }
        for r in &c.reasons {
            if let Some(sp) = r.span {
                prop_assert!(text.get(sp.range()).is_some());
            }
        }
    }
}

/// Cues added through the analyzer's builder reach `assess`, in Thai and
/// Hebrew too (their words are taught to the tokenizer), and bad cue lists
/// are rejected with the line named.
#[test]
fn builder_adds_complaint_cues() {
    use backlash::{Analyzer, Category, Lang, Post};
    let th = "รองเท้าคู่นี้ปุ๊กปิ๊ก";
    let he = "המטען שלי זרבוטי";
    let plain = Analyzer::default();
    let custom = Analyzer::builder()
        .complaint_cue(Lang::Thai, "category", "lost_damaged", 1.0, "ปุ๊กปิ๊ก")
        .unwrap()
        .complaint_cues(Lang::Hebrew, "category\tlost_damaged\t1.0\tזרבוטי\n")
        .unwrap()
        .build();
    for text in [th, he] {
        let before = plain.assess(&Post::new(text));
        let after = custom.assess(&Post::new(text));
        assert!(
            !before.complaint.has_category(Category::LostDamaged),
            "{text}: already a cue"
        );
        assert!(
            after.complaint.has_category(Category::LostDamaged),
            "{text}"
        );
    }
    let err = Analyzer::builder()
        .complaint_cues(Lang::English, "category\tlost_damaged\n")
        .unwrap_err();
    assert!(err.to_string().contains("line 1"), "{err}");
}

/// An English cue word whose stem changes its first letters (`spy` →
/// `spi`) matches the word itself, not only its inflections.
#[test]
fn cue_words_whose_stem_changes_their_head_match() {
    use backlash::{Category, ComplaintAnalyzer, Lang, Sentiment};
    for (cue, text) in [
        ("spy", "this app will spy on you"),
        ("cry", "made my kid cry"),
        ("fry", "this charger will fry your phone"),
        ("dry", "the ink went dry"),
        ("pry", "they pry into my data"),
    ] {
        let mut b = ComplaintAnalyzer::builder();
        b.add_cue(Lang::English, "category", "privacy", 1.0, cue)
            .unwrap();
        let an = b.build();
        let toks: Vec<_> = backlash::tokenize(text).collect();
        let c = an.analyze(text, &toks, &Sentiment::default());
        assert!(c.has_category(Category::Privacy), "{cue}: {text}");
    }
}

/// A gapped Thai cue added through the builder (`…` between parts) is
/// matched like the embedded ones, and its parts do not upset the tokenizer.
#[test]
fn gapped_thai_cue_through_the_builder() {
    use backlash::{Analyzer, Category, Lang, Post};
    let post = Post::new("เครื่องซักผ้าของร้านนี้ร้องเพลงทั้งคืน");
    assert!(!Analyzer::default()
        .assess(&post)
        .complaint
        .has_category(Category::Defect));
    let analyzer = Analyzer::builder()
        .complaint_cue(Lang::Thai, "category", "defect", 1.0, "เครื่อง … ร้องเพลง")
        .expect("gapped cue")
        .build();
    let report = analyzer.assess(&post);
    assert!(report.complaint.has_category(Category::Defect));
    // The hit spans both parts and what lies between them.
    let reason = report
        .complaint
        .reasons
        .iter()
        .find(|r| r.text.contains("ร้องเพลง"))
        .expect("reason");
    let span = reason.span.expect("span");
    assert_eq!(&post.text[span.range()], "เครื่องซักผ้าของร้านนี้ร้องเพลง");
    // A part with nothing to match is an error, not a silent no-op.
    assert!(Analyzer::builder()
        .complaint_cue(Lang::Thai, "category", "defect", 1.0, "เครื่อง … ")
        .is_err());
}

#[test]
fn idioms_are_not_grievances() {
    // Grief, praise and ads that use a category word in another sense,
    // each beside the grievance the word names.
    let pairs = [
        (
            "כמה עצוב, הלב נשבר",
            "החבילה הגיעה וכל מה שבפנים נשבר",
            Category::LostDamaged,
        ),
        (
            "הלב שלי נקרע לגזרים",
            "המעיל נקרע אחרי כביסה אחת",
            Category::Defect,
        ),
        (
            "האדם המתאים במקום המתאים",
            "נתנו לי ספרייט במקום קולה",
            Category::WrongItem,
        ),
        (
            "ครีมกันแดดสูตรอ่อนโยน ไม่แพ้ ไม่ระคายเคือง",
            "ใช้ครีมแล้วแพ้ ผื่นขึ้นเต็มหน้า",
            Category::Safety,
        ),
    ];
    for (idiom, grievance, cat) in pairs {
        let c = analyze(idiom);
        assert!(!c.is_complaint && c.categories.is_empty(), "{idiom}: {c:?}");
        assert!(analyze(grievance).has_category(cat), "{grievance}");
    }
    let c = analyze("@anonymous well done with your marathon time :-)");
    assert!(!c.has_intent(Intent::Churn), "{c:?}");
    assert!(analyze("I'm done with @ShopNest, moving to another store").has_intent(Intent::Churn));
}

#[test]
fn praise_inside_a_grievance_phrase_is_that_phrase() {
    // "credited" is praise, "never credited" a billing grievance: the praise
    // word inside the longer phrase does not offset it.
    use backlash::{Analyzer, Category, Lang, Post};
    let a = Analyzer::builder()
        .complaint_cues(
            Lang::English,
            "marker\tpraise\t1.0\tzorbled\ncategory\tbilling\t1.0\tnever zorbled\n",
        )
        .unwrap()
        .build();
    let c = a
        .assess(&Post::new("They never zorbled my account"))
        .complaint;
    assert!(c.is_complaint && c.has_category(Category::Billing), "{c:?}");
    let c = a.assess(&Post::new("They zorbled my account")).complaint;
    assert!(!c.is_complaint, "{c:?}");
}
