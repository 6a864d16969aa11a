//! Splits an utterance into lower-case word tokens with byte spans.
//!
//! A token is a run of letters and digits; apostrophes inside it are dropped ("New Year's" ->
//! "new", "years"), everything else separates. `joined` keeps the single punctuation character
//! glued between two tokens ("12/15", "2026-12-15") so numeric dates stay recognisable.

/// Words a recogniser leaves in that never change a date.
const FILLERS: [&str; 12] =
    ["um", "umm", "uh", "uhh", "er", "erm", "ah", "hmm", "like", "so", "well", "please"];

/// Upper bound on tokens read from one input: keeps a 100 KB paste fast (a date phrase is a
/// handful of words; nobody says a date 4000 words in).
pub const MAX_TOKENS: usize = 4096;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lower-case, apostrophes removed.
    pub text: String,
    /// Byte offsets into the original text, both on char boundaries.
    pub start: usize,
    pub end: usize,
    /// The one non-space character between the previous token and this one, if they are
    /// separated by exactly that character ("/" in "12/15").
    pub joined: Option<char>,
    /// A comma, full stop or similar stands between the previous token and this one: a
    /// phrase does not run across it ("the Saturday after, the 26th" is two phrases).
    pub after_pause: bool,
}

impl Token {
    pub fn is_digits(&self) -> bool {
        !self.text.is_empty() && self.text.bytes().all(|b| b.is_ascii_digit())
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

/// Tokens of `text`, fillers removed, at most [`MAX_TOKENS`].
pub fn tokenize(text: &str) -> Vec<Token> {
    // About a word per space: room made once rather than regrown.
    let spaces = text.bytes().filter(u8::is_ascii_whitespace).take(MAX_TOKENS).count();
    let mut tokens: Vec<Token> = Vec::with_capacity((spaces + 1).min(MAX_TOKENS));
    let mut current: Option<Token> = None;
    let mut last_end = 0usize;
    // A pause before dropped fillers, carried to the next word kept ("after. So Wednesday"
    // pauses before "Wednesday"): remembered rather than found again in an ever longer gap,
    // which made a run of thousands of fillers quadratic.
    let mut pause_before_fillers = false;
    for (at, c) in text.char_indices() {
        let next = at + c.len_utf8();
        if c.is_alphanumeric() {
            let token = current.get_or_insert_with(|| {
                let gap = text.get(last_end..at).unwrap_or("");
                Token {
                    text: String::new(),
                    start: at,
                    end: at,
                    // Fillers in the gap make it more than one joining character.
                    joined: if pause_before_fillers {
                        None
                    } else {
                        joined_by(gap, !tokens.is_empty())
                    },
                    after_pause: pause_before_fillers
                        || gap.contains([',', ';', '!', '?', '—', '–'])
                        || gap.contains(". "),
                }
            });
            token.text.push(crate::case::lower(c));
            token.end = next;
        } else if is_apostrophe(c) && current.is_some() {
            // Stays inside the word: "year's", "presidents'"; not added to the text.
        } else if let Some(done) = current.take() {
            last_end = done.end;
            if keep(&done, &tokens) {
                pause_before_fillers = false;
                tokens.push(done);
                if tokens.len() >= MAX_TOKENS {
                    return tokens;
                }
            } else {
                // A dropped filler is skipped, and a pause before it still counts.
                pause_before_fillers = done.after_pause;
            }
        }
    }
    if let Some(done) = current {
        if keep(&done, &tokens) && tokens.len() < MAX_TOKENS {
            tokens.push(done);
        }
    }
    tokens
}

/// Fillers go, except "so" in "the 20th or so" (it makes the date approximate).
fn keep(token: &Token, before: &[Token]) -> bool {
    let text = token.text.as_str();
    !FILLERS.iter().any(|f| crate::text::same_word(f, text))
        || (text == "so" && before.last().is_some_and(|t| t.text == "or"))
}

fn joined_by(gap: &str, has_previous: bool) -> Option<char> {
    let mut chars = gap.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if has_previous && !c.is_whitespace() => Some(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn a_pause_before_many_fillers_reaches_the_next_word() {
        // The long run the fuzzer found (it took a second when the gap was searched again
        // at every filler); the reading itself is what is checked here.
        let text = format!("Jan. {}5th, {}the 9th", "uh ".repeat(20_000), "um ".repeat(3));
        let tokens = tokenize(&text);
        let words: Vec<(&str, bool, Option<char>)> =
            tokens.iter().map(|t| (t.text.as_str(), t.after_pause, t.joined)).collect();
        assert_eq!(
            words,
            [("jan", false, None), ("5th", true, None), ("the", true, None), ("9th", false, None)]
        );
    }

    #[test]
    fn words_are_lowercased_and_apostrophes_dropped() {
        assert_eq!(
            texts("New Year's Eve, um, Presidents' Day"),
            ["new", "years", "eve", "presidents", "day"]
        );
        assert_eq!(texts("the twenty-first"), ["the", "twenty", "first"]);
    }

    #[test]
    fn spans_and_joins() {
        let t = tokenize("on 12/15/2026 é");
        assert_eq!(t.len(), 5);
        assert_eq!((t[1].start, t[1].end, t[1].joined), (3, 5, None));
        assert_eq!((t[2].text.as_str(), t[2].joined), ("15", Some('/')));
        assert_eq!(t[3].joined, Some('/'));
        assert_eq!((t[4].start, t[4].end), (14, 16));
        assert!(tokenize("2026 - 12").iter().all(|t| t.joined.is_none()));
    }

    #[test]
    fn token_count_is_bounded() {
        assert_eq!(tokenize(&"word ".repeat(10_000)).len(), MAX_TOKENS);
    }
}
