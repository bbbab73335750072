//! Hebrew normalisation and prefix analysis: properties over arbitrary input.

use backlash::tokenize::hebrew::{fold_finals, normalize, HebrewAnalyzer};
use backlash::{tokenize, Lang};
use proptest::prelude::*;

/// Strings of Hebrew letters, points, geresh/gershayim, presentation forms
/// and a few other characters.
fn hebrewish() -> impl Strategy<Value = String> {
    let chars = prop_oneof![
        8 => proptest::char::range('\u{05D0}', '\u{05EA}'),
        2 => proptest::char::range('\u{0591}', '\u{05C7}'),
        1 => proptest::char::range('\u{05F0}', '\u{05F4}'),
        1 => proptest::char::range('\u{FB1D}', '\u{FB4F}'),
        1 => prop::sample::select(vec!['\'', '"', '\u{2019}', 'ו', 'ה', 'ש', 'a', '5', ' ', '-']),
    ];
    proptest::collection::vec(chars, 0..40).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #[test]
    fn prefix_len_is_a_char_boundary_inside_the_word(s in hebrewish()) {
        let he = HebrewAnalyzer::new();
        let (norm, _) = normalize(&s);
        for w in [s.as_str(), norm.as_ref()] {
            let n = he.prefix_len(w);
            prop_assert!(n <= w.len());
            prop_assert!(w.is_char_boundary(n));
            if n > 0 {
                // a prefix leaves at least two letters
                prop_assert!(w[n..].chars().filter(|c| c.is_alphabetic()).count() >= 2);
                prop_assert!(w[..n].chars().all(|c| "והבכלמש".contains(c)));
            }
        }
    }

    #[test]
    fn normalize_removes_points_and_keeps_letters(s in hebrewish()) {
        let (norm, _) = normalize(&s);
        let points = norm.chars().any(|c| ('\u{0591}'..='\u{05BD}').contains(&c));
        prop_assert!(!points, "points left");
        let forms = norm.chars().any(|c| c.is_alphabetic() && ('\u{FB1D}'..='\u{FB4F}').contains(&c));
        prop_assert!(!forms, "presentation forms left");
        let has_geresh = norm.contains(['\u{05F3}', '\u{05F4}']);
        prop_assert!(!has_geresh, "geresh left");
        // normalising twice changes nothing more
        let (again, _) = normalize(&norm);
        prop_assert_eq!(again.as_ref(), norm.as_ref());
        prop_assert_eq!(fold_finals(&norm).len(), norm.len());
    }

    #[test]
    fn tokens_keep_spans_and_prefixes(s in hebrewish()) {
        for t in tokenize(&s) {
            prop_assert_eq!(&s[t.span.range()], t.text);
            let p = t.prefix();
            prop_assert!(p.len() < t.norm.len() || p.is_empty());
            prop_assert_eq!(format!("{}{}", p, t.stem()), t.norm.as_ref());
            if !p.is_empty() {
                prop_assert_eq!(t.lang, Lang::Hebrew);
            }
        }
    }
}

#[test]
fn prefixed_phrase() {
    let text = "וכשהשירות בבית הלקוח לא עבד, צלצלתי למוקד";
    let got: Vec<(String, String)> = tokenize(text)
        .filter(|t| t.lang == Lang::Hebrew)
        .map(|t| (t.prefix().to_string(), t.stem().to_string()))
        .collect();
    let got: Vec<(&str, &str)> = got.iter().map(|(p, s)| (p.as_str(), s.as_str())).collect();
    assert_eq!(
        got,
        [
            ("וכשה", "שירות"),
            ("ב", "בית"),
            ("ה", "לקוח"),
            ("", "לא"),
            ("", "עבד"),
            ("", "צלצלתי"),
            ("ל", "מוקד"),
        ]
    );
}

#[test]
fn user_word_enables_prefix() {
    let mut tk = backlash::Tokenizer::new();
    tk.add_hebrew_word("סלקום");
    let t = tk.tokens("בסלקום").next().expect("one token");
    assert_eq!(t.prefix(), "ב");
    assert_eq!(t.stem(), "סלקום");
}

#[test]
fn scanner_hebrew_punctuation_and_quotes() {
    let texts = |s: &str| -> Vec<String> { tokenize(s).map(|t| t.text.to_string()).collect() };
    // maqaf and sof pasuq are punctuation, not part of the word
    assert_eq!(texts("בית־ספר"), ["בית", "־", "ספר"]);
    assert_eq!(texts("שָׁלוֹם׃"), ["שָׁלוֹם", "׃"]);
    // a closing quote is not a geresh
    assert_eq!(texts("'בבית'"), ["'", "בבית", "'"]);
    // geresh and gershayim inside words, and a trailing geresh
    assert_eq!(texts("צ'יפס ג' בצה\"ל"), ["צ'יפס", "ג'", "בצה\"ל"]);
    let t = tokenize("לצה״ל").next().expect("a token");
    assert_eq!(t.norm, "לצה\"ל");
    assert_eq!(t.prefix(), "ל");
}

#[test]
fn points_and_elongation_through_the_tokenizer() {
    let t = tokenize("וּבַבַּיִת").next().expect("a token");
    assert_eq!((t.prefix(), t.stem()), ("וב", "בית"));
    let t = tokenize("ממממש").next().expect("a token");
    assert_eq!(t.norm, "ממש");
    assert!(t.is_elongated());
    assert_eq!(t.prefix(), "");
}
