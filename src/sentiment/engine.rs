//! The rule engine: turns tokens into scored items and items into a
//! [`Sentiment`] with its [`Evidence`].
//!
//! Every language goes through the same steps (after VADER): a valence per
//! lexicon word, capitals and elongation, intensifiers and dampeners within
//! three words (decaying 1, 0.95, 0.9), negation within three words, contrast
//! (the clause after `but` weighs 1.5, the one before 0.5), laughter, `!`
//! and `?` emphasis, then `compound = s / sqrt(s² + 15)`.

use super::{english, hebrew, thai, Evidence, Label, Rule, Sentiment};
use crate::lang::Lang;
use crate::lexicon::{table_index, CueKind, Entry, Lexicon, Table};
use crate::tokenize::{Span, Token, TokenFlags, TokenKind};

/// VADER's normalisation constant.
const ALPHA: f32 = 15.0;
/// Valence step for an intensifier in capitals, or a word in capitals.
pub(crate) const CAPS_INCR: f32 = 0.733;
/// Valence step for a drawn-out word (`soooo good`).
const ELONG_INCR: f32 = 0.293;
/// Decay of booster strength with distance (1, 2, 3 words away).
const DECAY: [f32; 4] = [0.0, 1.0, 0.95, 0.9];

/// Per-language settings for turning a compound score into a label.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LangParams {
    /// `compound >= pos` is positive.
    pub pos: f32,
    /// `compound <= -neg` is negative.
    pub neg: f32,
    /// Multiplier of the raw score when the post is a question (1 = none).
    pub question: f32,
}

impl Default for LangParams {
    fn default() -> Self {
        LangParams {
            pos: 0.05,
            neg: 0.05,
            question: 1.0,
        }
    }
}

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemKind {
    Word,
    Emoji,
    Laughter,
}

/// One scoring slot: a word (or phrase, or Thai sub-word), emoji or laugh.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item {
    pub(crate) span: Span,
    pub(crate) entry: Entry,
    pub(crate) kind: ItemKind,
    pub(crate) caps: bool,
    pub(crate) elongated: bool,
    /// Part of the word before it (English `'s` of `it's`, `n't` of
    /// `doesn't`): the two share one slot when distances are counted in words.
    pub(crate) glued: bool,
    /// Clause number: negation and boosters act within a clause.
    pub(crate) clause: u32,
    /// Score after the rules.
    pub(crate) s: f32,
}

impl Item {
    #[inline]
    pub(crate) fn new(span: Span, entry: Option<Entry>, kind: ItemKind) -> Item {
        Item {
            span,
            entry: entry.unwrap_or_default(),
            kind,
            caps: false,
            elongated: false,
            glued: false,
            clause: 0,
            s: 0.0,
        }
    }

    #[inline]
    fn cue(&self, kind: CueKind) -> Option<crate::lexicon::Cue> {
        self.entry.cue.filter(|c| c.kind == kind)
    }

    #[inline]
    fn negator(&self) -> Option<crate::lexicon::Cue> {
        if self.entry.valence != 0.0 {
            return None;
        }
        self.cue(CueKind::Negator)
    }

    #[inline]
    fn booster(&self) -> Option<crate::lexicon::Cue> {
        if self.entry.valence != 0.0 {
            return None;
        }
        self.entry
            .cue
            .filter(|c| matches!(c.kind, CueKind::Intensifier | CueKind::Dampener))
    }
}

/// Reusable buffers for one analysis.
#[derive(Debug, Default)]
pub(crate) struct Scratch<'a> {
    pub(crate) tokens: Vec<Token<'a>>,
    pub(crate) items: Vec<Item>,
}

/// Builds the items of a tokenized text. Returns `(exclamations, question
/// marks, span of the last `!`/`?` run, text ends with `?`)`.
fn build_items(
    lex: &Lexicon,
    text_lang: Lang,
    tokens: &[Token<'_>],
    items: &mut Vec<Item>,
) -> Punct {
    let mut p = Punct::default();
    let mut i = 0;
    let mut clause = 0u32;
    let mut prev_end = usize::MAX;
    let mut prev_thai = false;
    // English is built with the lexicon (never lazily): fetched once, not
    // per word.
    let english_table = lex.table(Lang::English);
    while i < tokens.len() {
        let t = &tokens[i];
        i += 1;
        p.count_word(t);
        let next = i;
        let first = items.len();
        // Thai writes clause breaks as spaces.
        let thai = t.lang == Lang::Thai;
        if thai && prev_thai && t.span.start > prev_end {
            clause = clause.wrapping_add(1);
        }
        prev_thai = thai;
        match t.kind {
            TokenKind::Word => match t.lang {
                Lang::English => {
                    let used = english::push_items(english_table, tokens, i - 1, items);
                    i += used;
                }
                Lang::Hebrew => {
                    let used = hebrew::push_items(lex.table(Lang::Hebrew), tokens, i - 1, items);
                    i += used;
                }
                Lang::Thai => {
                    let used = thai::push_items(lex.table(Lang::Thai), tokens, i - 1, items);
                    i += used;
                }
                Lang::Unknown => items.push(Item::new(t.span, None, ItemKind::Word)),
            },
            TokenKind::Hashtag => {
                let body = t.norm.trim_start_matches(['#', '＃']);
                let e = match t.lang {
                    Lang::Hebrew => hebrew::lookup(lex.table(Lang::Hebrew), body, 0),
                    Lang::Unknown => None,
                    l => lex.table(l).get(body).copied(),
                };
                items.push(Item::new(t.span, e, ItemKind::Word));
            }
            TokenKind::Emoji => {
                // The text language's own reading of an emoji (fitted) comes
                // first, then the shared emoji table.
                let bare = t.text.trim_end_matches('\u{fe0f}');
                let own = match text_lang {
                    Lang::Thai | Lang::Hebrew => lex.table(text_lang).get(bare),
                    _ => None,
                };
                let sym = lex.table(Lang::Unknown);
                let e = own
                    .or_else(|| sym.get(t.text))
                    .or_else(|| sym.get(bare))
                    .copied();
                items.push(Item::new(t.span, e, ItemKind::Emoji));
            }
            TokenKind::Laughter => {
                let lang = if t.lang == Lang::Unknown {
                    text_lang
                } else {
                    t.lang
                };
                let lang = if lang == Lang::Unknown {
                    Lang::Thai
                } else {
                    lang
                };
                let table = lex.table(lang);
                let e = table.get(&t.norm).or_else(|| table.get("<laugh>")).copied();
                items.push(Item::new(t.span, e, ItemKind::Laughter));
            }
            TokenKind::Punct => {
                let bangs =
                    t.text.bytes().filter(|&b| b == b'!').count() + t.text.matches('！').count();
                let qs =
                    t.text.bytes().filter(|&b| b == b'?').count() + t.text.matches('？').count();
                if bangs > 0 {
                    p.bang_span = Some(t.span);
                }
                if qs > 0 {
                    p.q_span = Some(t.span);
                }
                p.bangs += bangs;
                p.qs += qs;
                if t.text
                    .contains(['.', ',', '!', '?', ';', ':', '…', '！', '？', '，', '。'])
                {
                    clause = clause.wrapping_add(1);
                }
            }
            TokenKind::Number => items.push(Item::new(t.span, None, ItemKind::Word)),
            _ => {}
        }
        for it in &mut items[first..] {
            it.clause = clause;
        }
        // A phrase may have used further tokens: they count as words too.
        if i > next {
            p.count_words(tokens.get(next..i));
        }
        prev_end = tokens[i - 1].span.end;
    }
    if let Some(last) = tokens.iter().rev().find(|t| t.kind != TokenKind::Emoji) {
        p.ends_with_q = last.kind == TokenKind::Punct && last.text.contains(['?', '？']);
    }
    p
}

#[derive(Debug, Default, Clone, Copy)]
struct Punct {
    bangs: usize,
    qs: usize,
    bang_span: Option<Span>,
    q_span: Option<Span>,
    ends_with_q: bool,
    /// Word tokens by language (indexed by `Lang as usize`; every word
    /// token, including those a phrase used), and the English ones in
    /// capitals.
    words: [u32; 4],
    en_caps: u32,
}

impl Punct {
    /// Counts `t` among the words by language (counted here, in the pass
    /// that builds the items, rather than in passes of their own).
    #[inline]
    fn count_word(&mut self, t: &Token<'_>) {
        if t.kind == TokenKind::Word {
            self.words[t.lang as usize & 3] += 1;
            self.en_caps += u32::from(t.lang == Lang::English)
                & u32::from(t.flags.contains(TokenFlags::ALL_CAPS));
        }
    }

    /// Counts the tokens a phrase used after its first.
    #[inline]
    fn count_words(&mut self, used: Option<&[Token<'_>]>) {
        for t in used.unwrap_or(&[]) {
            self.count_word(t);
        }
    }
}

impl Lexicon {
    #[inline]
    pub(crate) fn table(&self, lang: Lang) -> &Table {
        &self.tables[table_index(lang)]
    }
}

/// Whether the post reads as a question (as the score applies it).
fn question_post(punct: &Punct, items: &[Item]) -> bool {
    let particle = items
        .iter()
        .any(|it| it.entry.cue.is_some_and(|c| c.kind == CueKind::Question));
    (particle || punct.ends_with_q) && punct.bangs == 0
}

/// The result of the engine.
pub(crate) struct Scored {
    pub(crate) sentiment: Sentiment,
    pub(crate) question: bool,
    /// Hebrew posts: the features of the label model.
    pub(crate) features: Option<[f32; hebrew::LABEL_FEATURES]>,
}

/// The span from the first token to the last.
fn whole_post(tokens: &[Token<'_>]) -> Span {
    let end = tokens.last().map_or(0, |t| t.span.end);
    let start = tokens.first().map_or(0, |t| t.span.start);
    Span::new(start, end)
}

/// Scores `tokens` (already collected into `scratch.tokens`) of `text`.
pub(crate) fn score(
    text: &str,
    lex: &Lexicon,
    params: &LangParams,
    text_lang: Lang,
    scratch: &mut Scratch<'_>,
    evidence: &mut Vec<Evidence>,
    probe: Option<&mut Vec<(Span, f32)>>,
) -> Scored {
    let items = &mut scratch.items;
    items.clear();
    let punct = build_items(lex, text_lang, &scratch.tokens, items);
    // One allocation for the evidence: a lexicon hit and about two rules each.
    let scored_items = items.iter().filter(|i| i.entry.valence != 0.0).count();
    if scored_items > 0 {
        evidence.reserve(scored_items * 3 + 1);
    }

    // Capitals count only when the text mixes them with lower case.
    let en_words = punct.words[Lang::English as usize];
    let caps_diff = punct.en_caps > 0 && punct.en_caps < en_words;

    // A cue word with a valence of its own gives it up, and acts as its cue,
    // when a plain sentiment word follows in its clause: a negator ("no")
    // within three slots, an intensifier ("pretty good", "super slow": the
    // adverb, not the adjective) in the next slot.
    for i in 0..items.len() {
        if items[i].entry.valence == 0.0 {
            continue;
        }
        let reach = match items[i].entry.cue.map(|c| c.kind) {
            Some(CueKind::Negator) => 3,
            Some(CueKind::Intensifier | CueKind::Dampener) => 1,
            _ => continue,
        };
        let clause = items[i].clause;
        if items[i + 1..]
            .iter()
            .take(reach)
            .take_while(|n| n.clause == clause)
            .any(|n| n.entry.valence != 0.0 && n.entry.cue.is_none())
        {
            items[i].entry.valence = 0.0;
        }
    }

    // Probe mode (for the fitting tool): every plain word gets valence 1, so
    // its final score is the multiplier the rules apply to it.
    if probe.is_some() {
        for it in items.iter_mut() {
            if it.kind == ItemKind::Word && it.entry.cue.is_none() {
                it.entry.valence = 1.0;
            }
        }
    }

    let neg_window = match text_lang {
        Lang::Thai => thai::NEGATION_WINDOW,
        Lang::Hebrew => hebrew::NEGATION_WINDOW,
        _ => english::NEGATION_WINDOW,
    };
    // English: a dampener weakens a word at most to zero (`damp_at_most`).
    let damp = if text_lang == Lang::English {
        damp_at_most
    } else {
        |_: f32, d: f32| d
    };
    let mut question = false;
    for i in 0..items.len() {
        let it = items[i];
        if it.entry.cue.is_some_and(|c| c.kind == CueKind::Question) {
            question = true;
        }
        let v0 = it.entry.valence;
        if v0 == 0.0 {
            continue;
        }
        let rule = match it.kind {
            ItemKind::Word => Rule::Lexicon,
            ItemKind::Emoji => Rule::Emoji,
            ItemKind::Laughter => {
                // Laughter is scored after the rest (it may be sarcastic).
                continue;
            }
        };
        evidence.push(Evidence {
            span: it.span,
            rule,
            weight: v0,
        });
        let sign = v0.signum();
        let mut v = v0;
        if it.kind == ItemKind::Word {
            if caps_diff && it.caps {
                v += CAPS_INCR * sign;
                evidence.push(Evidence {
                    span: it.span,
                    rule: Rule::Caps,
                    weight: CAPS_INCR * sign,
                });
            }
            if it.elongated {
                v += ELONG_INCR * sign;
                evidence.push(Evidence {
                    span: it.span,
                    rule: Rule::Elongation,
                    weight: ELONG_INCR * sign,
                });
            }
        }
        // Boosters before (up to three slots) and after (up to two).
        for (j, k) in words_before(items, i, DECAY.len() - 1) {
            let b = items[j];
            let decay = DECAY[k];
            if let Some(c) = b.booster().filter(|c| c.position.before()) {
                let d = damp(v, booster_delta(c.scale, &b, caps_diff) * decay * sign);
                v += d;
                push_boost(evidence, b.span, c.kind, d);
            }
        }
        for (k, decay) in DECAY.iter().enumerate().take(3).skip(1) {
            let Some(b) = items.get(i + k).copied() else {
                break;
            };
            if b.entry.valence != 0.0 || b.clause != it.clause {
                break;
            }
            if let Some(c) = b.booster().filter(|c| c.position.after()) {
                let d = damp(v, booster_delta(c.scale, &b, caps_diff) * decay * sign);
                v += d;
                push_boost(evidence, b.span, c.kind, d);
            }
        }
        // Negation within the language's window before.
        for (j, _) in words_before(items, i, neg_window) {
            if let Some(c) = items[j].negator().filter(|c| c.position.before()) {
                let nv = v * c.scale;
                evidence.push(Evidence {
                    span: items[j].span,
                    rule: Rule::Negation,
                    weight: nv - v,
                });
                v = nv;
            }
        }
        items[i].s = v;
    }

    // Contrast: the first contrast word splits the text.
    if let Some(ci) = items
        .iter()
        .position(|it| it.entry.valence == 0.0 && it.cue(CueKind::Contrast).is_some())
    {
        let later = items[ci].entry.cue.map_or(1.5, |c| c.scale);
        let earlier = (2.0 - later).max(0.0);
        for (i, it) in items.iter_mut().enumerate() {
            if it.s == 0.0 || i == ci {
                continue;
            }
            let f = if i < ci { earlier } else { later };
            let ns = it.s * f;
            evidence.push(Evidence {
                span: it.span,
                rule: Rule::Contrast,
                weight: ns - it.s,
            });
            it.s = ns;
        }
    }

    if let Some(out) = probe {
        let q = if question_post(&punct, items) {
            params.question
        } else {
            1.0
        };
        out.extend(
            items
                .iter()
                .filter(|it| it.kind == ItemKind::Word && it.entry.cue.is_none())
                .map(|it| (it.span, it.s * q)),
        );
    }

    // Laughter: positive, unless the rest of the post is negative (then it
    // reads as sarcasm and adds nothing).
    let rest: f32 = items.iter().map(|it| it.s).sum();
    for it in items.iter_mut().filter(|it| it.kind == ItemKind::Laughter) {
        let v = it.entry.valence;
        if v != 0.0 && rest >= 0.0 {
            it.s = v;
            evidence.push(Evidence {
                span: it.span,
                rule: Rule::Laughter,
                weight: v,
            });
        }
    }

    let mut sum: f32 = items.iter().map(|it| it.s).sum();

    // Questions.
    question |= punct.ends_with_q;
    question &= punct.bangs == 0;
    if question && params.question != 1.0 && sum != 0.0 {
        let ns = sum * params.question;
        evidence.push(Evidence {
            span: punct.q_span.unwrap_or_default(),
            rule: Rule::Question,
            weight: ns - sum,
        });
        sum = ns;
    }

    // Punctuation emphasis.
    let mut emph = (punct.bangs.min(4) as f32) * 0.292;
    if punct.qs > 1 {
        emph += if punct.qs <= 3 {
            punct.qs as f32 * 0.18
        } else {
            0.96
        };
    }
    if sum != 0.0 && emph > 0.0 {
        let d = emph * sum.signum();
        sum += d;
        evidence.push(Evidence {
            span: punct.bang_span.or(punct.q_span).unwrap_or_default(),
            rule: Rule::Punctuation,
            weight: d,
        });
    }

    let compound = if sum == 0.0 {
        0.0
    } else {
        (sum / (sum * sum + ALPHA).sqrt()).clamp(-1.0, 1.0)
    };

    // Proportions (VADER's sift): each scored slot adds |s| + 1 to its side,
    // each neutral slot 1 to neutral; emphasis goes to the larger side.
    let (mut pos, mut neg, mut neu) = (0.0f32, 0.0f32, 0.0f32);
    for it in items.iter() {
        if it.s > 0.0 {
            pos += it.s + 1.0;
        } else if it.s < 0.0 {
            neg += it.s - 1.0;
        } else {
            neu += 1.0;
        }
    }
    if pos > neg.abs() {
        pos += emph;
    } else if pos < neg.abs() {
        neg -= emph;
    }
    let total = pos + neg.abs() + neu;
    let (pos, neg, neu) = if total > 0.0 {
        (pos / total, neg.abs() / total, neu / total)
    } else {
        (0.0, 0.0, 1.0)
    };
    // Hebrew: a post that reads as off-topic (links, spam, long quotes…:
    // the fitted off-topic score) is neutral whatever its compound.
    // The evidence points at the (up to three) tokens that added most to
    // the off-topic score, or at the whole post when none did (a short post
    // is off-topic by its length and the bias alone).
    // The rule reads posts whose words are mostly Hebrew: the text language
    // counts a link's letters as Latin, so a Hebrew post that quotes a long
    // link would otherwise escape it.
    let hebrew_post = text_lang == Lang::Hebrew || {
        let he = punct.words[Lang::Hebrew as usize];
        let all: u32 = punct.words.iter().sum();
        he > 0 && he >= all - he
    };
    // A post without sentiment evidence (score 0) is neutral whatever the
    // thresholds.
    let mut label = if compound == 0.0 {
        Label::Neu
    } else if compound >= params.pos {
        Label::Pos
    } else if compound <= -params.neg {
        Label::Neg
    } else {
        Label::Neu
    };
    let mut features = None;
    if hebrew_post {
        let (ots, off, top) = hebrew::OFF_TOPIC.score(&scratch.tokens, compound);
        let off_topic_evidence = |evidence: &mut Vec<Evidence>| {
            let mut any = false;
            for (span, _) in top.into_iter().flatten() {
                any = true;
                evidence.push(Evidence {
                    span,
                    rule: Rule::OffTopic,
                    weight: 0.0,
                });
            }
            if !any {
                evidence.push(Evidence {
                    span: whole_post(&scratch.tokens),
                    rule: Rule::OffTopic,
                    weight: 0.0,
                });
            }
        };
        let inp = hebrew::LabelInput {
            tokens: &scratch.tokens,
            compound,
            pos,
            neu,
            neg,
            question,
            off_topic: ots,
            items,
            qs: punct.qs,
            bangs: punct.bangs,
            q_span: punct.q_span,
            bang_span: punct.bang_span,
            off_topic_span: top[0].map(|t| t.0),
            negations: evidence.iter().filter(|e| e.rule == Rule::Negation).count(),
            contrast: evidence.iter().any(|e| e.rule == Rule::Contrast),
            char_sign: hebrew::CHAR_MODEL.as_ref().map_or(0.0, |m| m.score(text)),
        };
        let (x, spans) = hebrew::label_features(&inp);
        features = Some(x);
        match hebrew::LABEL_MODEL.as_ref() {
            // The fitted label model decides a Hebrew post with sentiment
            // evidence; where it differs from the thresholds, the evidence
            // names the feature that added most to its label (the
            // off-topic score: the tokens behind it).
            Some(model) if compound != 0.0 => {
                let chosen = model.decide(&x);
                if chosen != label {
                    let (i, d) = model.decisive(&x, chosen, label);
                    if i == hebrew::LABEL_OFF_TOPIC {
                        off_topic_evidence(evidence);
                    } else {
                        evidence.push(Evidence {
                            span: spans[i].unwrap_or_else(|| whole_post(&scratch.tokens)),
                            rule: Rule::LabelModel,
                            weight: d,
                        });
                    }
                    label = chosen;
                }
            }
            Some(_) => {}
            // No model: a post that reads as off-topic (links, spam, long
            // quotes…: the fitted off-topic score) is neutral whatever its
            // compound.
            None => {
                if off {
                    off_topic_evidence(evidence);
                    label = Label::Neu;
                }
            }
        }
    }
    Scored {
        sentiment: Sentiment {
            compound,
            pos,
            neu,
            neg,
            label,
        },
        question,
        features,
    }
}

/// The items before `items[i]` in its clause, nearest first, with their
/// distance in words (1 = the word just before), up to `max` words. A glued
/// item (`'s` of `it's`) and the word it hangs on count as one word, as
/// they do in VADER's whitespace-split words, so `doesn't mean it's good`
/// has `n't` three words before `good`.
#[inline]
fn words_before(items: &[Item], i: usize, max: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let clause = items.get(i).map_or(0, |it| it.clause);
    let mut j = i;
    let mut k = 0usize;
    core::iter::from_fn(move || {
        let next = j;
        j = j.checked_sub(1)?;
        // `items[j]` starts a new word unless `items[next]` (not the scored
        // item itself) is glued to it.
        if next == i || !items[next].glued {
            k += 1;
        }
        (k <= max && items[j].clause == clause).then_some((j, k))
    })
}

/// A booster step `d` applied to valence `v`, limited so that a dampener
/// weakens a word at most to zero and never turns it around (`a bit
/// awkward` stays negative however mild `awkward` is).
#[inline]
fn damp_at_most(v: f32, d: f32) -> f32 {
    if (v > 0.0 && v + d < 0.0) || (v < 0.0 && v + d > 0.0) {
        -v
    } else {
        d
    }
}

#[inline]
fn booster_delta(scale: f32, b: &Item, caps_diff: bool) -> f32 {
    let mut d = scale;
    if caps_diff && b.caps {
        d += CAPS_INCR * scale.signum();
    }
    if b.elongated {
        d += 0.5 * scale;
    }
    d
}

#[inline]
fn push_boost(evidence: &mut Vec<Evidence>, span: Span, kind: CueKind, d: f32) {
    evidence.push(Evidence {
        span,
        rule: if kind == CueKind::Dampener {
            Rule::Dampener
        } else {
            Rule::Intensifier
        },
        weight: d,
    });
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Rule};

    #[test]
    fn contrast_shifts_weight_to_later_clause() {
        let text = "great food but rude staff";
        let a = analyze(text);
        assert!(a.sentiment.compound < 0.0);
        let contrast: Vec<(&str, f32)> = a
            .evidence
            .iter()
            .filter(|e| e.rule == Rule::Contrast)
            .map(|e| (&text[e.span.range()], e.weight))
            .collect();
        assert!(contrast.iter().any(|(w, d)| *w == "great" && *d < 0.0));
        assert!(contrast.iter().any(|(w, d)| *w == "rude" && *d < 0.0));
    }

    #[test]
    fn negation_stays_in_its_clause() {
        let a = analyze("not bad. good");
        let b = analyze("not bad good");
        assert!(a.sentiment.compound > 0.0);
        assert!(
            a.evidence
                .iter()
                .filter(|e| e.rule == Rule::Negation)
                .count()
                == 1
        );
        assert!(
            b.evidence
                .iter()
                .filter(|e| e.rule == Rule::Negation)
                .count()
                == 2
        );
    }

    #[test]
    fn no_evidence_stays_neutral_whatever_the_thresholds() {
        use crate::{sentiment::LangParams, Analyzer, Label, Lang};
        // Thresholds below 0 (allowed: pos > -neg) would label a score of
        // 0 positive; a post without sentiment words stays neutral.
        let p = LangParams {
            pos: -0.6,
            neg: 0.7,
            question: 1.0,
        };
        let a = Analyzer::builder()
            .params(Lang::English, p)
            .expect("valid thresholds")
            .build();
        let s = a.analyze("the table is in the room").sentiment;
        assert_eq!(s.compound, 0.0);
        assert_eq!(s.label, Label::Neu);
        // With evidence the thresholds apply: weakly negative is positive here.
        let s = a.analyze("the table is bad").sentiment;
        assert!(s.compound < 0.0 && s.compound > -0.6, "{}", s.compound);
        assert_eq!(s.label, Label::Pos);
    }

    #[test]
    fn hebrew_off_topic_evidence_points_at_tokens() {
        use crate::Label;
        let text = "ראו את הכתבה כאן http://example.com/news/1234";
        let a = analyze(text);
        let ev: Vec<_> = a
            .evidence
            .iter()
            .filter(|e| e.rule == Rule::OffTopic)
            .collect();
        assert_eq!(a.sentiment.label, Label::Neu);
        assert!(!ev.is_empty() && ev.len() <= 3, "{ev:?}");
        for e in &ev {
            assert!(text.get(e.span.range()).is_some_and(|w| !w.is_empty()));
            assert_eq!(e.weight, 0.0);
        }
        // The link is among the tokens that drove it.
        assert!(
            ev.iter().any(|e| text[e.span.range()].starts_with("http")),
            "{:?}",
            ev.iter().map(|e| &text[e.span.range()]).collect::<Vec<_>>()
        );
    }

    #[test]
    fn hebrew_label_model_explains_what_it_changes() {
        use crate::Label;
        let an = crate::Analyzer::default();
        let p = an.params(crate::Lang::Hebrew);
        let mut changed = 0;
        for text in [
            "השירות היה גרוע, חיכיתי שעתיים ואף אחד לא ענה",
            "תודה רבה על העזרה המהירה, אתם מעולים",
            "דני, אתה טועה לגמרי",
            "\"הנשיא אמר היום בכנס כי הממשלה תפעל\" https://news.example/1",
            "יוסי, תקרא שוב את מה שכתבתי",
            "ממש לא מרוצה מהשירות",
            "מה קורה עם ההזמנה שלי?",
            "שלום",
            "",
        ] {
            let a = an.analyze(text);
            let s = a.sentiment;
            let by_thresholds = if s.compound == 0.0 {
                Label::Neu
            } else if s.compound >= p.pos {
                Label::Pos
            } else if s.compound <= -p.neg {
                Label::Neg
            } else {
                Label::Neu
            };
            if s.compound == 0.0 {
                assert_eq!(s.label, Label::Neu, "no evidence, no polarity: {text}");
            }
            let why: Vec<_> = a
                .evidence
                .iter()
                .filter(|e| matches!(e.rule, Rule::LabelModel | Rule::OffTopic))
                .collect();
            if s.label != by_thresholds {
                changed += 1;
                assert!(!why.is_empty(), "a changed label is explained: {text}");
            } else {
                assert!(why.is_empty(), "{text}: {why:?}");
            }
            for e in why {
                assert!(
                    text.get(e.span.range()).is_some_and(|w| !w.is_empty()),
                    "{text}"
                );
                if e.rule == Rule::LabelModel {
                    assert!(e.weight > 0.0, "{text}: {e:?}");
                }
            }
        }
        assert!(changed >= 2, "the model changed {changed} labels");
    }

    #[test]
    fn proportions_sum_to_one() {
        for t in ["good", "bad movie", "meh", "", "good but bad!!!"] {
            let s = analyze(t).sentiment;
            assert!((s.pos + s.neu + s.neg - 1.0).abs() < 1e-5, "{t}");
        }
    }
}
