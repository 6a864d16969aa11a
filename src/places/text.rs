//! Text normalisation shared by the table index and the resolver, so that "O'Hare", "ohare",
//! "St. Louis", "saint louis" and "Zürich" become the same keys on both sides.

use std::borrow::Cow;

/// One word of the input: its canonical lower-case form and its byte span in the original.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub(crate) word: String,
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Written all upper-case in the original ("JFK"): a code, not a word.
    pub(crate) upper: bool,
    /// A stopword ("the", "from"). Set by the resolver's `words`, which every lookup reads
    /// (decided once per word rather than once per window); [`tokens`] leaves it false.
    pub(crate) stop: bool,
    /// An ordinary word (or a lower-case code that is one): set like `stop`.
    pub(crate) common: bool,
    /// A word that says "airport" rather than names one ("international"): set like `stop`
    /// (every window of every lookup asks).
    pub(crate) generic: bool,
}

/// Longest word we keep; anything longer is not a place name (bounds work on junk input).
const MAX_WORD_BYTES: usize = 40;

/// Split text into canonical words. Apostrophes inside a word vanish ("o'hare" -> "ohare"),
/// every other non-alphanumeric character separates words, accents are folded.
pub(crate) fn tokens(text: &str) -> Vec<Token> {
    tokens_upto(text, usize::MAX)
}

/// The first `limit` of [`tokens`], reading no further than they go (a 100 KB paste is not
/// split whole to keep its first few hundred words).
pub(crate) fn tokens_upto(text: &str, limit: usize) -> Vec<Token> {
    if limit == 0 {
        return Vec::new();
    }
    // About a word per space: room made once rather than regrown (tokens are 64 bytes).
    let spaces = text.bytes().filter(u8::is_ascii_whitespace).take(limit).count();
    let mut out = Vec::with_capacity((spaces + 1).min(limit));
    let mut word = String::new();
    let mut start = 0;
    let mut end = 0;
    let mut upper = true;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let is_apostrophe = matches!(c, '\'' | '\u{2019}' | '`');
        // A possessive "'s" goes ("new york's" -> "new york").
        if is_apostrophe && !word.is_empty() && matches!(chars.peek(), Some(&(_, 's' | 'S'))) {
            let mut ahead = chars.clone();
            ahead.next();
            if ahead.peek().is_none_or(|&(_, n)| !n.is_alphanumeric()) {
                chars.next();
                end = i + c.len_utf8() + 1;
                continue;
            }
        }
        let apostrophe = is_apostrophe
            && !word.is_empty()
            && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || apostrophe {
            if word.is_empty() {
                start = i;
                upper = true;
            }
            end = i + c.len_utf8();
            if !apostrophe && word.len() < MAX_WORD_BYTES {
                upper &= !c.is_lowercase();
                fold_char(c, &mut word);
            }
        } else if !word.is_empty() {
            push(&mut out, &word, start, end, upper);
            word.clear();
            if out.len() >= limit {
                return out;
            }
        }
    }
    if !word.is_empty() {
        push(&mut out, &word, start, end, upper);
    }
    out
}

/// `word` is the reused buffer: one exact allocation per word kept.
fn push(out: &mut Vec<Token>, word: &str, start: usize, end: usize, upper: bool) {
    // A lone capital is a word ("I", "A"), not a code: "what I" is not the town Whatì.
    let upper = upper && word.chars().nth(1).is_some();
    let word = canonical(word).unwrap_or(word).to_string();
    out.push(Token { word, start, end, upper, stop: false, common: false, generic: false });
}

/// Spelling variants that name the same thing.
fn canonical(word: &str) -> Option<&'static str> {
    Some(match word {
        "saint" => "st",
        "ste" | "sainte" => "st",
        "ft" => "fort",
        "mt" => "mount",
        "intl" | "int" => "international",
        _ => return None,
    })
}

/// Lower-case and strip common Latin accents ("São" -> "sao", "Zürich" -> "zurich").
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let base = match crate::case::lower(c) {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' | 'İ' => 'i',
        'ł' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'ß' => {
            out.push_str("ss");
            return;
        }
        other => other,
    };
    out.push(base);
}

/// Canonical words of a phrase joined by single spaces: the index key.
pub(crate) fn key(text: &str) -> String {
    join(&tokens(text))
}

pub(crate) fn join(tokens: &[Token]) -> String {
    let len = tokens.iter().map(|t| t.word.len() + 1).sum::<usize>();
    let mut s = String::with_capacity(len.saturating_sub(1));
    for t in tokens {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&t.word);
    }
    s
}

/// Room for the words of most windows the resolver tries, joined ([`joined_in`]).
pub(crate) const JOINED_BYTES: usize = 48;

/// Words joined by a separator (or none), written into `buffer` when they fit: the resolver
/// builds such a key for every window of words it tries, dozens per utterance, and a string
/// each time showed in profiles. Longer ones are allocated.
pub(crate) fn joined_in<'b>(
    tokens: &[Token],
    separator: &str,
    buffer: &'b mut [u8; JOINED_BYTES],
) -> Cow<'b, str> {
    let words: usize = tokens.iter().map(|t| t.word.len()).sum();
    let total = words + separator.len() * tokens.len().saturating_sub(1);
    if total > JOINED_BYTES {
        return Cow::Owned(
            tokens.iter().map(|t| t.word.as_str()).collect::<Vec<_>>().join(separator),
        );
    }
    let mut len = 0;
    for (i, t) in tokens.iter().enumerate() {
        for part in [if i == 0 { "" } else { separator }, t.word.as_str()] {
            if let Some(slot) = buffer.get_mut(len..len + part.len()) {
                slot.copy_from_slice(part.as_bytes());
            }
            len += part.len();
        }
    }
    // Whole words and separators copied in: always UTF-8.
    Cow::Borrowed(buffer.get(..len).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or(""))
}

/// A sound-alike spelling used by the misspelling matcher: "ph" -> "f", "ck" -> "k",
/// doubled letters once, "y" -> "i" ("philadelfia" and "philadelphia" agree; so do
/// "cincinatti" and "cincinnati").
///
/// One pass, one string: "ph" and "ck" never overlap each other nor arise from a replacement,
/// so reading left to right gives what replacing them in turn (then "y") would.
pub(crate) fn sound_fold(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len());
    let mut last = None;
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        let folded = match (c, chars.peek()) {
            ('p', Some('h')) | ('c', Some('k')) => {
                chars.next();
                if c == 'p' {
                    'f'
                } else {
                    'k'
                }
            }
            ('y', _) => 'i',
            _ => c,
        };
        if Some(folded) != last {
            out.push(folded);
        }
        last = Some(folded);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_canonical_with_spans() {
        let t = tokens("Chicago O'Hare, St. Louis & Zürich");
        let words: Vec<&str> = t.iter().map(|t| t.word.as_str()).collect();
        assert_eq!(words, ["chicago", "ohare", "st", "louis", "zurich"]);
        assert_eq!((t[1].start, t[1].end), (8, 14));
        assert_eq!(key("Saint-Louis"), "st louis");
        assert_eq!(key("Ft. Worth"), "fort worth");
        assert_eq!(key("New York's"), "new york");
        assert_eq!(tokens("atlanta's")[0].end, 9);
    }

    #[test]
    fn upper_case_marks_codes() {
        let t = tokens("fly JFK to sfo");
        assert!(t[1].upper);
        assert!(!t[3].upper);
    }

    #[test]
    fn sound_fold_is_the_replacements_in_turn() {
        let by_replacing = |s: &str| {
            let s = s.replace("ph", "f").replace("ck", "k").replace('y', "i");
            let mut out = String::new();
            for c in s.chars() {
                if !out.ends_with(c) {
                    out.push(c);
                }
            }
            out
        };
        for word in
            ["phph", "pph", "phh", "cck", "ckk", "cphk", "yy", "yi", "iy", "pyh", "pckh", "é", ""]
        {
            assert_eq!(sound_fold(word), by_replacing(word), "{word}");
        }
        // Every word of up to five letters from an alphabet where the rules meet.
        let letters = ['p', 'h', 'c', 'k', 'y', 'i', 'f'];
        let mut words = vec![String::new()];
        let mut layer = vec![String::new()];
        for _ in 0..5 {
            layer =
                layer.iter().flat_map(|w| letters.iter().map(move |l| format!("{w}{l}"))).collect();
            words.extend(layer.iter().cloned());
        }
        for word in &words {
            assert_eq!(sound_fold(word), by_replacing(word), "{word}");
        }
    }

    #[test]
    fn sound_fold_merges_spelling_variants() {
        assert_eq!(sound_fold("philadelfia"), sound_fold("philadelphia"));
        assert_eq!(sound_fold("cincinatti"), sound_fold("cincinnati"));
        assert_ne!(sound_fold("atlantis"), sound_fold("atlanta"));
    }
}
