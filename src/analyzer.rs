//! The [`Analyzer`]: built once, shared by threads, it scores text in any of
//! the three languages and explains the score.
//!
//! ```
//! use backlash::{Analyzer, Label, Lang};
//! let analyzer = Analyzer::default();
//! let a = analyzer.analyze("The flight was delayed AGAIN and the staff were rude!!!");
//! assert_eq!(a.lang, Lang::English);
//! assert_eq!(a.sentiment.label, Label::Neg);
//! assert!(a.evidence.iter().any(|e| &"The flight was delayed AGAIN and the staff were rude!!!"[e.span.range()] == "rude"));
//!
//! let th = analyzer.analyze("รอสายมา 2 ชั่วโมง ไม่มีใครรับเลย แย่มาก");
//! assert_eq!(th.sentiment.label, Label::Neg);
//! ```

use std::cell::Cell;
use std::sync::{Arc, LazyLock};

use crate::error::Error;
use crate::lang::{Lang, Script, ScriptTally};
use crate::lexicon::{table_index, Cue, Lexicon};
use crate::sentiment::engine::{self, Item, LangParams, Scratch};
use crate::sentiment::{Evidence, Sentiment};
use crate::tokenize::{default_tokenizer, Token, Tokenizer};

/// The analysis of one text.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Analysis {
    /// The language of the text (by script share).
    pub lang: Lang,
    /// Sentiment scores and label.
    pub sentiment: Sentiment,
    /// Whether the post asks a question (ends with `?` or has a question
    /// particle such as `ไหม`) and has no `!`.
    pub question: bool,
    /// What moved the score, in text order per rule pass: lexicon hits first
    /// for each word, then the rules that adjusted it.
    pub evidence: Vec<Evidence>,
}

/// Scores sentiment in Thai, Hebrew and English text.
///
/// `Send + Sync`; build once and share. [`Analyzer::default`] uses the
/// embedded lexicons; [`Analyzer::builder`] adds or overrides entries.
///
/// Each thread that analyses keeps its working buffers between texts, so a
/// stream allocates little per text: the token and scoring buffers (kept up
/// to 4,096 entries each, 416 KiB at most) and, for
/// [`assess`](Analyzer::assess), the complaint cues' word memo (a 192 KiB
/// table plus at most 8,192 words).
#[derive(Debug, Clone)]
pub struct Analyzer {
    lexicon: Arc<Lexicon>,
    tokenizer: Option<Arc<Tokenizer>>,
    params: [LangParams; 4],
    /// Complaint cues added through the builder (`None`: the embedded ones).
    pub(crate) complaint: Option<crate::complaint::ComplaintAnalyzer>,
}

const PARAMS_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/lexicon/params.tsv"
));

fn parse_params(text: &str) -> Result<[LangParams; 4], Error> {
    let mut out = [LangParams::default(); 4];
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |reason: &str| Error::Lexicon {
            line: i + 1,
            reason: reason.to_string(),
        };
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cols.len() < 4 {
            return Err(bad("expected `lang<TAB>pos<TAB>neg<TAB>question`"));
        }
        let lang = Lang::from_code(cols[0]).ok_or_else(|| bad("unknown language"))?;
        let num = |s: &str| {
            s.parse::<f32>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| bad("not a number"))
        };
        out[table_index(lang)] = LangParams {
            pos: num(cols[1])?,
            neg: num(cols[2])?,
            question: num(cols[3])?,
        };
    }
    // Script-neutral texts (emoji only) use the English settings.
    out[table_index(Lang::Unknown)] = out[table_index(Lang::English)];
    Ok(out)
}

static EMBEDDED_PARAMS: LazyLock<[LangParams; 4]> =
    LazyLock::new(|| parse_params(PARAMS_TSV).unwrap_or([LangParams::default(); 4]));

/// [`detect_lang`](crate::lang::detect_lang) with a fast path for ASCII bytes (same result).
#[inline]
fn text_lang(text: &str) -> Lang {
    let b = text.as_bytes();
    if text.is_ascii() {
        // Only Latin letters can occur: English if one stands outside a link.
        let mut i = 0;
        while i < b.len() {
            if let Some(n) = crate::lang::link_len(&b[i..]) {
                i += n;
                continue;
            }
            if b[i].is_ascii_alphabetic() {
                return Lang::English;
            }
            i += 1;
        }
        return Lang::Unknown;
    }
    let mut t = ScriptTally::default();
    let mut i = 0;
    while i < b.len() {
        if let Some(n) = crate::lang::link_len(&b[i..]) {
            i += n;
            continue;
        }
        let c = b[i];
        if c < 0x80 {
            t.latin += usize::from(c.is_ascii_alphabetic());
            i += 1;
            continue;
        }
        let Some(ch) = text.get(i..).and_then(|s| s.chars().next()) else {
            break;
        };
        match Script::of(ch) {
            Script::Thai => t.thai += 1,
            Script::Hebrew => t.hebrew += 1,
            Script::Latin => t.latin += 1,
            _ => {}
        }
        i += ch.len_utf8();
    }
    t.lang()
}

thread_local! {
    /// The token and item buffers, kept (empty) between texts on this
    /// thread: taken and given back together, one thread-local access each.
    static BUFFERS: Cell<(Vec<Token<'static>>, Vec<Item>)> =
        const { Cell::new((Vec::new(), Vec::new())) };
}

/// Largest token and item buffers kept between texts (a huge text's
/// buffers are freed).
const KEEP_TOKENS: usize = 4096;

/// An empty token buffer for a text of any lifetime, reusing `v`'s
/// allocation: a vector of tokens is a few kilobytes, past the allocator's
/// fast path, so allocating one per text costs more than a tweet's
/// sentiment rules. (An in-place `collect` from an empty vector of a type
/// with the same layout keeps the allocation; nothing is copied.)
// `filter_map` (not `filter`) because the item type changes lifetime.
#[allow(clippy::unnecessary_filter_map)]
fn recycle_tokens<'b>(mut v: Vec<Token<'_>>) -> Vec<Token<'b>> {
    v.clear();
    v.into_iter().filter_map(|_| None).collect()
}

static DEFAULT_ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::embedded);

impl Default for Analyzer {
    fn default() -> Self {
        DEFAULT_ANALYZER.clone()
    }
}

impl Analyzer {
    fn embedded() -> Analyzer {
        Analyzer {
            lexicon: Lexicon::embedded(),
            tokenizer: None,
            params: *EMBEDDED_PARAMS,
            complaint: None,
        }
    }

    /// A builder starting from the embedded data.
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder {
            lexicon: (*Lexicon::embedded()).clone(),
            tokenizer: None,
            params: *EMBEDDED_PARAMS,
            complaint: None,
        }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The label settings for a language.
    pub fn params(&self, lang: Lang) -> LangParams {
        self.params[table_index(lang)]
    }

    /// The tokenizer in use.
    pub fn tokenizer(&self) -> &Tokenizer {
        match &self.tokenizer {
            Some(t) => t,
            None => default_tokenizer(),
        }
    }

    /// Analyses one text. Never fails: any string, empty or huge, gets a
    /// result (empty text is neutral with no evidence).
    pub fn analyze(&self, text: &str) -> Analysis {
        self.analyze_with(text, |_, analysis| analysis)
    }

    /// Analyses `text` and hands its tokens and analysis to `f`, so later
    /// stages (complaint, virality) reuse the tokens.
    pub(crate) fn analyze_with<R>(
        &self,
        text: &str,
        f: impl FnOnce(&[crate::tokenize::Token<'_>], Analysis) -> R,
    ) -> R {
        let lang = text_lang(text);
        let tk = self.tokenizer();
        let (tokens, items) = BUFFERS.with(Cell::take);
        let mut scratch = Scratch {
            tokens: recycle_tokens(tokens),
            items,
        };
        scratch
            .tokens
            .reserve((text.len() / 5 + 4).min(KEEP_TOKENS));
        scratch.tokens.extend(tk.tokens(text));
        scratch.items.reserve(scratch.tokens.len());
        let mut evidence = Vec::new();
        let scored = engine::score(
            text,
            &self.lexicon,
            &self.params[table_index(lang)],
            lang,
            &mut scratch,
            &mut evidence,
            None,
        );
        let analysis = Analysis {
            lang,
            sentiment: scored.sentiment,
            question: scored.question,
            evidence,
        };
        let out = f(&scratch.tokens, analysis);
        // Keep the buffers for the next text on this thread (unless a huge
        // text made them large).
        let Scratch { tokens, mut items } = scratch;
        let tokens = if tokens.capacity() <= KEEP_TOKENS {
            recycle_tokens(tokens)
        } else {
            Vec::new()
        };
        if items.capacity() > KEEP_TOKENS {
            items = Vec::new();
        }
        items.clear();
        BUFFERS.with(|c| c.set((tokens, items)));
        out
    }

    /// For the lexicon fitting tool: the byte span of every plain word item
    /// (no cue role) and the factor the rules would apply to a valence of 1
    /// there (negation, boosters, contrast, question).
    #[doc(hidden)]
    pub fn probe(&self, text: &str) -> Vec<(crate::tokenize::Span, f32)> {
        let mut out = Vec::new();
        self.score_alone(text, Some(&mut out));
        out
    }

    /// Scores `text` with buffers of its own (for the fitting tool's
    /// helpers, off the hot path).
    fn score_alone(
        &self,
        text: &str,
        probe: Option<&mut Vec<(crate::tokenize::Span, f32)>>,
    ) -> engine::Scored {
        let lang = text_lang(text);
        let mut scratch = Scratch {
            tokens: self.tokenizer().tokens(text).collect(),
            items: Vec::new(),
        };
        engine::score(
            text,
            &self.lexicon,
            &self.params[table_index(lang)],
            lang,
            &mut scratch,
            &mut Vec::new(),
            probe,
        )
    }

    /// For the lexicon fitting tool: the features the Hebrew label model
    /// reads for `text` (`crate::sentiment::LABEL_FEATURE_NAMES`), or `None`
    /// when the post is not read as Hebrew.
    #[doc(hidden)]
    pub fn label_features(&self, text: &str) -> Option<[f32; crate::sentiment::LABEL_FEATURES]> {
        self.score_alone(text, None).features
    }

    /// Analyses many texts, in parallel when the `parallel` feature is on;
    /// results are in input order and identical to calling
    /// [`analyze`](Analyzer::analyze) on each.
    pub fn analyze_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Analysis> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            texts.par_iter().map(|t| self.analyze(t.as_ref())).collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            texts.iter().map(|t| self.analyze(t.as_ref())).collect()
        }
    }
}

/// Builds an [`Analyzer`] with extra or overriding lexicon entries (brand
/// names, slang, domain words) and label settings.
///
/// ```
/// use backlash::{Analyzer, Label, Lang};
/// let analyzer = Analyzer::builder()
///     .word(Lang::English, "acmecare", -2.5)
///     .word(Lang::Thai, "ไลน์แมน", 0.0)
///     .valences(Lang::English, "lit\t2.5\n")
///     .unwrap()
///     .build();
/// assert_eq!(analyzer.analyze("acmecare again").sentiment.label, Label::Neg);
/// assert_eq!(analyzer.analyze("this party is lit").sentiment.label, Label::Pos);
/// ```
#[derive(Debug, Clone)]
pub struct AnalyzerBuilder {
    lexicon: Lexicon,
    tokenizer: Option<Tokenizer>,
    params: [LangParams; 4],
    complaint: Option<crate::complaint::ComplaintAnalyzerBuilder>,
}

impl AnalyzerBuilder {
    /// A builder over the given lexicon (instead of the embedded one).
    pub fn from_lexicon(lexicon: Lexicon) -> AnalyzerBuilder {
        AnalyzerBuilder {
            lexicon,
            tokenizer: None,
            params: *EMBEDDED_PARAMS,
            complaint: None,
        }
    }

    /// A builder with no lexicon entries at all (not even the embedded ones).
    pub fn empty() -> AnalyzerBuilder {
        AnalyzerBuilder {
            lexicon: Lexicon::new(),
            tokenizer: None,
            params: *EMBEDDED_PARAMS,
            complaint: None,
        }
    }

    fn tokenizer_mut(&mut self) -> &mut Tokenizer {
        self.tokenizer.get_or_insert_with(Tokenizer::new)
    }

    fn teach_tokenizer(&mut self, lang: Lang, term: &str) {
        for w in term.split_whitespace() {
            match lang {
                Lang::Thai => {
                    self.tokenizer_mut().add_thai_word(w);
                }
                Lang::Hebrew => {
                    self.tokenizer_mut().add_hebrew_word(w);
                }
                _ => {}
            }
        }
    }

    /// Sets the valence (−4..4, clamped) of a word or phrase. A Thai or
    /// Hebrew word is also added to the tokenizer's dictionary.
    pub fn word(mut self, lang: Lang, term: &str, valence: f32) -> Self {
        self.lexicon.set_valence(lang, term, valence);
        self.teach_tokenizer(lang, term);
        self
    }

    /// Sets a cue role (negator, intensifier, …) for a word or phrase.
    pub fn cue(mut self, lang: Lang, term: &str, cue: Cue) -> Self {
        self.lexicon.set_cue(lang, term, cue);
        self.teach_tokenizer(lang, term);
        self
    }

    /// Adds the entries of a valence TSV (`term<TAB>valence`).
    pub fn valences(mut self, lang: Lang, tsv: &str) -> Result<Self, Error> {
        self.lexicon.add_valences(lang, tsv)?;
        Ok(self)
    }

    /// Adds the entries of a cue TSV (`term<TAB>kind<TAB>scale[<TAB>position]`).
    pub fn cues(mut self, lang: Lang, tsv: &str) -> Result<Self, Error> {
        self.lexicon.add_cues(lang, tsv)?;
        Ok(self)
    }

    /// Sets the label settings of a language.
    ///
    /// Thresholds must be finite and in `-1..1` with `pos > -neg` (a
    /// threshold below zero moves the neutral band off centre, for languages
    /// whose lexicon leans one way); the question factor must be in `0..=1`.
    pub fn params(mut self, lang: Lang, params: LangParams) -> Result<Self, Error> {
        let ok = |v: f32| v.is_finite() && (-1.0..1.0).contains(&v);
        if !ok(params.pos)
            || !ok(params.neg)
            || params.pos <= -params.neg
            || !params.question.is_finite()
            || !(0.0..=1.0).contains(&params.question)
        {
            return Err(Error::InvalidMetadata {
                field: "params",
                reason: format!("out of range: {params:?}"),
            });
        }
        self.params[table_index(lang)] = params;
        Ok(self)
    }

    fn complaint_mut(&mut self) -> &mut crate::complaint::ComplaintAnalyzerBuilder {
        self.complaint
            .get_or_insert_with(crate::complaint::ComplaintAnalyzer::builder)
    }

    /// Adds a complaint cue (brand slang, product words) on top of the
    /// embedded cue lists; see
    /// [`ComplaintAnalyzerBuilder::add_cue`](crate::complaint::ComplaintAnalyzerBuilder::add_cue)
    /// for `kind`, `label` and `weight`. A Thai or Hebrew phrase's words are
    /// also added to the tokenizer's dictionary.
    ///
    /// ```
    /// use backlash::{Analyzer, Category, Lang, Post};
    /// // Customers of a hypothetical router say it "went zorp" when it dies.
    /// let post = Post::new("my router went zorp overnight");
    /// assert!(!Analyzer::default().assess(&post).complaint.has_category(Category::Defect));
    /// let analyzer = Analyzer::builder()
    ///     .complaint_cue(Lang::English, "category", "defect", 1.0, "went zorp")?
    ///     .build();
    /// assert!(analyzer.assess(&post).complaint.has_category(Category::Defect));
    /// # Ok::<(), backlash::Error>(())
    /// ```
    pub fn complaint_cue(
        mut self,
        lang: Lang,
        kind: &str,
        label: &str,
        weight: f32,
        phrase: &str,
    ) -> Result<Self, Error> {
        self.complaint_mut()
            .add_cue(lang, kind, label, weight, phrase)?;
        self.teach_tokenizer(lang, phrase.trim_end_matches('*'));
        Ok(self)
    }

    /// Adds the complaint cues of a TSV list
    /// (`kind<TAB>label<TAB>weight<TAB>phrase` per line, as in
    /// `data/cues/*.tsv`) on top of the embedded lists. Errors name the line.
    pub fn complaint_cues(mut self, lang: Lang, tsv: &str) -> Result<Self, Error> {
        self.complaint_mut().add_tsv(lang, tsv)?;
        Ok(self)
    }

    /// Builds the analyzer.
    pub fn build(self) -> Analyzer {
        Analyzer {
            lexicon: Arc::new(self.lexicon),
            tokenizer: self.tokenizer.map(Arc::new),
            params: self.params,
            complaint: self.complaint.map(|b| b.build()),
        }
    }
}

/// Analyses `text` with the shared default [`Analyzer`] (built on first use).
///
/// ```
/// let a = backlash::analyze("I love this, thank you! 😍");
/// assert_eq!(a.sentiment.label, backlash::Label::Pos);
/// assert!(a.sentiment.compound > 0.5);
/// ```
pub fn analyze(text: &str) -> Analysis {
    DEFAULT_ANALYZER.analyze(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn assert_send_sync<T: Send + Sync>() {}
    const _: () = assert_send_sync::<Analyzer>();

    #[test]
    fn token_buffer_is_reused_across_texts() {
        let text = String::from("Still no refund, 3rd time calling!");
        let mut v: Vec<Token<'_>> = crate::tokenize(&text).collect();
        v.reserve(100);
        let cap = v.capacity();
        let ptr = v.as_ptr() as usize;
        let other = String::from("x");
        let mut w: Vec<Token<'_>> = recycle_tokens(v);
        assert!(w.is_empty());
        assert_eq!((w.capacity(), w.as_ptr() as usize), (cap, ptr));
        w.extend(crate::tokenize(&other));
        assert_eq!(w.len(), 1);
        // Texts analysed one after another on a thread give the same
        // results as a fresh analyzer (the buffer carries nothing over).
        let a = Analyzer::default();
        let long = "I waited 3 hours and the agent was RUDE!!! never again ".repeat(20);
        let first = a.analyze("ok");
        let _ = a.analyze(&long);
        assert_eq!(a.analyze("ok"), first);
    }

    #[test]
    fn fast_lang_matches_detect_lang() {
        for t in [
            "",
            "abc",
            "ซื้อ iPhone ที่ร้านนี้",
            "השירות של Apple גרוע",
            "Ａｂｃ é ж",
            "!!! 123",
            "https://example.com/path",
            "see https://example.com/path",
            "גרוע מאוד https://example.com/a-very-long-english-path",
            "แย่มาก www.Example.com/SomeLongPath ok",
            "HTTP://X.CO ",
            "awww. cute",
        ] {
            assert_eq!(text_lang(t), crate::lang::detect_lang(t), "{t}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_lang_matches_detect_lang_on_any_text(
            t in "(https?://|www\\.|[a-zA-Z ]|ก|ש|é|\\PC){0,24}",
        ) {
            proptest::prop_assert_eq!(text_lang(&t), crate::lang::detect_lang(&t));
        }
    }

    #[test]
    fn links_do_not_decide_the_language() {
        assert_eq!(
            text_lang("גרוע https://example.com/a-very-long-english-path"),
            Lang::Hebrew
        );
        assert_eq!(text_lang("https://example.com/path"), Lang::Unknown);
        assert_eq!(text_lang("bad https://example.com/path"), Lang::English);
    }

    #[test]
    fn embedded_params_parse() {
        let p = parse_params(PARAMS_TSV).expect("params.tsv parses");
        assert!(p[table_index(Lang::English)].pos > 0.0);
        assert!(parse_params("xx\t1\t1\t1").is_err());
        assert!(parse_params("en\t1\tz\t1").is_err());
    }

    #[test]
    fn builder_rejects_bad_params() {
        let bad = LangParams {
            pos: f32::NAN,
            neg: 0.1,
            question: 1.0,
        };
        assert!(Analyzer::builder().params(Lang::Thai, bad).is_err());
    }
}
