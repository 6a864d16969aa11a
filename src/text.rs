//! One place for how caller text is cut into words and folded, so every reader agrees on what
//! a word is. A leaf module: the rules, the model-answer grounding and injection detection
//! all read words through it.
//!
//! Folding modes, by what the reader needs:
//! - [`key`] / [`keys`]: lower case, surrounding punctuation trimmed, apostrophes kept and
//!   made straight ("don't", "o'hare"): the rules match phrases such as "that's right".
//! - [`compact_words`]: lower case, apostrophes dropped inside a word ("ohare"), every other
//!   non-alphanumeric character separates: grounding compares model values with the caller's
//!   words this way, so "O'Hare" and "ohare" meet.
//! - [`capitalise`]: a spoken name word written as a name ("o'neil" -> "O'Neil").
//!
//! The place resolver and the date lexer keep their own tokenizers because they need byte
//! spans and accent folding (places) or joined punctuation ("12/15", dates); both fold case
//! through [`crate::case`] like these.

/// Lower-cased, punctuation-trimmed form of one word, apostrophes kept (curly ones made
/// straight): the form the rules compare.
pub fn key(word: &str) -> String {
    // Most words are plain ASCII letters and digits with nothing to trim: lower-cased in one
    // go (the rules key every word of an utterance several times).
    let bytes = word.as_bytes();
    let plain_end = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    if plain_end(bytes.first()) && plain_end(bytes.last()) && word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    trimmed_key(word)
}

/// [`key`] the long way, for any word.
fn trimmed_key(word: &str) -> String {
    let trimmed = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'').trim_matches('\'');
    let folded = crate::case::lowercase(trimmed);
    if !folded.is_ascii() && folded.contains('’') {
        folded.replace('’', "'")
    } else {
        folded
    }
}

/// `a == b` for words, first letters compared before the rest: the rules and the date grammar
/// test every word against lists of words, most of a list's words of the same length differ
/// there, and the full comparison is a library call.
pub fn same_word(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// `list.contains(&word)` compared with [`same_word`]: the rules test every word of an
/// utterance against lists of dozens of words, and most differ in length or first letter.
pub fn listed(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| same_word(w, word))
}

/// The words of a text folded with [`key`], empty ones dropped.
pub fn keys(text: &str) -> Vec<String> {
    text.split_whitespace().map(key).filter(|k| !k.is_empty()).collect()
}

/// Lower-case words of letters and digits; apostrophes are dropped inside a word ("o'hare" ->
/// "ohare"); everything else separates. At most `limit` words are read.
pub fn compact_words(text: &str, limit: usize) -> Vec<String> {
    compact_text(text, limit).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// [`compact_words`] joined by single spaces in one string: for readers on every turn (the
/// injection check), one allocation instead of one per word.
pub fn compact_text(text: &str, limit: usize) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        // Byte by byte: the same steps without decoding characters (most text is ASCII).
        compact_into(&mut out, text.bytes().map(char::from), limit, |c| c.to_ascii_lowercase());
    } else {
        compact_into(&mut out, text.chars(), limit, crate::case::lower);
    }
    out
}

/// [`compact_text`]'s one pass, over characters folded by `lower`.
fn compact_into(
    out: &mut String,
    chars: impl Iterator<Item = char>,
    limit: usize,
    lower: impl Fn(char) -> char,
) {
    let mut words = 0;
    let mut in_word = false;
    for c in chars {
        if c.is_alphanumeric() {
            if !in_word {
                if words == limit {
                    break;
                }
                if words > 0 {
                    out.push(' ');
                }
                words += 1;
                in_word = true;
            }
            out.push(lower(c));
        } else if c != '\'' && c != '\u{2019}' {
            in_word = false;
        }
    }
}

/// A name word as written: first letter upper case, and after a hyphen or a short "O'" prefix
/// ("mary-jane" -> "Mary-Jane", "o'neil" -> "O'Neil").
pub fn capitalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut upper_next = true;
    for c in word.chars() {
        if upper_next {
            out.push(crate::case::upper(c));
        } else {
            out.push(c);
        }
        upper_next = c == '-' || c == '\'' && out.chars().count() <= 2;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_text_is_the_compact_words_joined() {
        for (text, limit, want) in [
            ("O'Hare, ORD! don't", 10, "ohare ord dont"),
            ("a b c d", 2, "a b"),
            ("  --  ", 5, ""),
            ("Zürich\u{2019}s CAFÉ, gate B-12", 5, "zürichs café gate b 12"),
            ("'quoted' words'", 5, "quoted words"),
        ] {
            assert_eq!(compact_text(text, limit), want, "{text}");
            let words: Vec<String> =
                want.split(' ').filter(|w| !w.is_empty()).map(String::from).collect();
            assert_eq!(compact_words(text, limit), words, "{text}");
        }
    }

    #[test]
    fn keys_keep_apostrophes_and_trim_punctuation() {
        assert_eq!(keys("That’s right, O'Hare!"), vec!["that's", "right", "o'hare"]);
        assert_eq!(keys(" -- "), Vec::<String>::new());
    }

    #[test]
    fn plain_words_take_the_short_way_to_the_same_key() {
        for word in [
            "Denver",
            "JFK",
            "o'hare",
            "'tis",
            "rock'n'roll",
            "Zürich",
            "ÉCOLE",
            "12th",
            "a",
            "x1",
            "1x",
            "don’t",
            "“Boston”",
            "--",
            "",
            "'",
            "(ok)",
            "ok.",
            "İ",
            "ß",
            "Ǆ",
        ] {
            assert_eq!(key(word), trimmed_key(word), "{word:?}");
        }
    }

    #[test]
    fn compact_words_fold_case_and_apostrophes() {
        assert_eq!(
            compact_words("O'Hare, St. Louis -- JFK!", 100),
            ["ohare", "st", "louis", "jfk"]
        );
        assert_eq!(compact_words("a b c d", 2), ["a", "b"]);
    }

    #[test]
    fn names_are_capitalised() {
        assert_eq!(capitalise("o'neil"), "O'Neil");
        assert_eq!(capitalise("mary-jane"), "Mary-Jane");
        assert_eq!(capitalise("d'angelo"), "D'Angelo");
    }
}
