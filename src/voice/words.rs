//! What the caller's words so far say about turn taking, read from interim or final
//! transcripts: a backchannel ("uh-huh", "okay") lets Alex go on, an interrupting word ("stop",
//! "wait", "hold on") always stops him, and a phrase left hanging ("from", "to", "on the")
//! means the caller has not finished, so the silence that ends a turn is allowed to be longer.
//!
//! Words are compared as [`crate::text::compact_words`] gives them (lower case, apostrophes
//! dropped, any other punctuation separates), so "Uh-huh." is the two words "uh" "huh".

use crate::text::compact_words;

/// At most this many words are read: a transcript is short, and a huge input costs nothing.
const WORD_LIMIT: usize = 64;

/// Words a listener says to show they follow, not to take the turn.
const BACKCHANNEL: &[&str] = &[
    "uh", "huh", "uhhuh", "mhm", "mm", "mmm", "hmm", "hm", "okay", "ok", "yeah", "yep", "yes",
    "right", "sure", "alright", "got", "it", "i", "see", "cool", "great", "good", "oh", "ah",
];

/// Phrases that stop Alex at once whatever else is said ("no" is also an answer, so it
/// interrupts and is then heard as a turn).
const INTERRUPTING: &[&[&str]] = &[
    &["stop"],
    &["wait"],
    &["no"],
    &["nope"],
    &["hold", "on"],
    &["hang", "on"],
    &["one", "moment"],
    &["one", "second"],
    &["excuse", "me"],
    &["sorry"],
];

/// Phrases that only ask Alex to stop: when the caller says nothing else, there is no turn to
/// answer (Alex stops and listens).
const ONLY_STOPPING: &[&str] =
    &["stop", "wait", "hold", "hang", "on", "one", "moment", "second", "please", "alex"];

/// Words a sentence does not end on: a caller who stops after them is still thinking.
const HANGING: &[&str] = &[
    "from",
    "to",
    "on",
    "the",
    "a",
    "an",
    "and",
    "in",
    "at",
    "for",
    "of",
    "my",
    "is",
    "um",
    "uh",
    "er",
    "erm",
    "with",
    "via",
    "through",
    "around",
    "about",
    "leaving",
    "flying",
    "going",
    "returning",
    "back",
    "like",
    "maybe",
    "but",
    "or",
    "then",
    "so",
    "than",
    "it's",
    "its",
    "i'm",
    "im",
    "i'd",
    "id",
    "we're",
    "were",
    "name's",
    "names",
];

/// How the words so far bear on turn taking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordsKind {
    /// Nothing recognisable was said.
    Empty,
    /// Only backchannel words: the caller is listening.
    Backchannel,
    /// An interrupting phrase and nothing else of substance: stop Alex, no turn to answer.
    StopOnly,
    /// An interrupting phrase with more said: stop Alex and answer the turn.
    Interrupting,
    /// Anything else: a real turn.
    Content,
}

impl WordsKind {
    /// Whether Alex must stop for these words while he speaks.
    pub fn stops_alex(self) -> bool {
        matches!(self, WordsKind::StopOnly | WordsKind::Interrupting | WordsKind::Content)
    }

    /// Whether the words are a turn the agent should answer.
    pub fn is_turn(self) -> bool {
        matches!(self, WordsKind::Interrupting | WordsKind::Content)
    }
}

/// Classify what the caller has said so far.
pub fn classify(text: &str) -> WordsKind {
    let words = compact_words(text, WORD_LIMIT);
    if words.is_empty() {
        return WordsKind::Empty;
    }
    let interrupting = INTERRUPTING.iter().any(|phrase| {
        words.windows(phrase.len()).any(|w| w.iter().zip(phrase.iter()).all(|(a, b)| a == b))
    });
    if interrupting {
        return if words.iter().all(|w| ONLY_STOPPING.contains(&w.as_str())) {
            WordsKind::StopOnly
        } else {
            WordsKind::Interrupting
        };
    }
    if words.iter().all(|w| BACKCHANNEL.contains(&w.as_str())) {
        WordsKind::Backchannel
    } else {
        WordsKind::Content
    }
}

/// Whether the words so far end mid-phrase ("... from", "... on the").
pub fn ends_mid_phrase(text: &str) -> bool {
    let trimmed = text.trim_end();
    // A sentence mark after the last word means the recogniser heard the sentence end.
    if trimmed.ends_with(['.', '?', '!']) {
        return false;
    }
    // Only the tail matters: a long transcript costs no more than a short one.
    let tail_start = trimmed.char_indices().rev().nth(80).map_or(0, |(at, _)| at);
    let words = compact_words(&trimmed[tail_start..], WORD_LIMIT);
    words.last().is_some_and(|w| HANGING.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backchannels_are_told_from_turns() {
        for text in ["uh-huh", "Okay.", "yeah", "right", "mm-hmm", "Uh huh, okay", "got it"] {
            assert_eq!(classify(text), WordsKind::Backchannel, "{text}");
        }
        for text in ["Boston", "okay Boston", "yeah from Denver", "right, make it two"] {
            assert_eq!(classify(text), WordsKind::Content, "{text}");
        }
        assert_eq!(classify(""), WordsKind::Empty);
        assert_eq!(classify(" ... "), WordsKind::Empty);
    }

    #[test]
    fn stopping_words_always_stop_alex() {
        for text in ["stop", "Wait!", "hold on", "hang on please", "wait wait"] {
            assert_eq!(classify(text), WordsKind::StopOnly, "{text}");
            assert!(classify(text).stops_alex() && !classify(text).is_turn(), "{text}");
        }
        for text in ["no", "no, Boston", "okay wait, I meant Tuesday", "hold on, make it two"] {
            assert_eq!(classify(text), WordsKind::Interrupting, "{text}");
            assert!(classify(text).is_turn(), "{text}");
        }
        assert!(!WordsKind::Backchannel.stops_alex());
        assert!(!WordsKind::Empty.stops_alex());
    }

    #[test]
    fn a_hanging_phrase_is_not_the_end() {
        for text in ["I'd like to fly from", "to", "leaving on the", "Boston to", "my name's"] {
            assert!(ends_mid_phrase(text), "{text}");
        }
        for text in ["from Boston", "to Denver.", "", "I'd like to go to.", "next Friday"] {
            assert!(!ends_mid_phrase(text), "{text}");
        }
    }
}
