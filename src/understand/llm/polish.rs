//! Optional rewording of Alex's template replies by the model (off by default).
//!
//! A template reply is always correct; a polished one is only used when it provably keeps
//! every fact: numbers, prices and times, names and codes, months, weekdays, ordinals and
//! negations; adds no number or code of its own; and is plain speakable text (no markdown,
//! emoji or lists) within the length cap. Anything else falls back to the template.

use super::answer::extract_json_object;
use super::prompt::{truncate_chars, ChatRequest};
use super::LlmConfig;
use crate::json::Value;

/// Longest template sent for polishing.
const MAX_TEMPLATE_CHARS: usize = 600;

const POLISH_PROMPT: &str = "\
You reword replies for Alex, a friendly United Airlines voice agent on the phone. \
Rewrite the reply so it sounds natural when spoken, in one to three short sentences. \
Keep every fact exactly: all names, places, airport codes, dates, weekdays, times, prices, \
numbers and the words \"not\" or \"no\". Add no facts. No lists, no markdown, no emoji. \
Answer in JSON: {\"reply\": \"...\"}.";

/// The request asking the model to reword one template reply.
pub fn build_polish_request(template: &str, config: &LlmConfig) -> ChatRequest {
    let user = Value::object([("reply", truncate_chars(template, MAX_TEMPLATE_CHARS).into())]);
    ChatRequest::json_mode(
        config,
        POLISH_PROMPT.to_string(),
        format!("Reword this JSON reply.\n{user}"),
    )
}

/// The candidate reply from the model's raw output (`{"reply": "..."}`), if any.
pub fn parse_polish(raw: &str) -> Option<String> {
    let object = extract_json_object(raw).ok()?;
    let reply = object.get("reply").and_then(Value::as_str)?.trim();
    (!reply.is_empty()).then(|| reply.to_string())
}

/// The reworded reply to speak, or `None` to speak the template: the model's raw answer parsed,
/// then accepted only if every fact survives and it is at most half again as long (plus a
/// little slack for short replies).
pub fn polished(template: &str, raw_answer: &str) -> Option<String> {
    let cap = template.chars().count() * 3 / 2 + 40;
    parse_polish(raw_answer).filter(|candidate| accept_polish(template, candidate, cap))
}

/// Is `candidate` a safe rewording of `template`?
pub fn accept_polish(template: &str, candidate: &str, max_len: usize) -> bool {
    let candidate = candidate.trim();
    if candidate.is_empty() || candidate.chars().count() > max_len || !plain_speech(candidate) {
        return false;
    }
    let theirs = tokens(candidate);
    let ours = tokens(template);
    let kept = facts(template).iter().all(|f| theirs.iter().any(|t| t.eq_ignore_ascii_case(f)));
    // No new numbers or codes: a made-up price or flight is worse than a stiff sentence.
    let invented = theirs
        .iter()
        .any(|t| (is_number(t) || is_code(t)) && !ours.iter().any(|o| o.eq_ignore_ascii_case(t)));
    kept && !invented
}

/// No markdown, emoji, list markers or line breaks: the text goes straight to speech.
fn plain_speech(text: &str) -> bool {
    let markup = text.chars().any(|c| {
        matches!(c, '*' | '#' | '`' | '_' | '[' | ']' | '|' | '<' | '>' | '~' | '\n' | '\r' | '•')
            || is_emoji(c)
    });
    let list_start = text.starts_with("- ") || text.starts_with("1.") || text.starts_with("1)");
    !markup && !list_start
}

fn is_emoji(c: char) -> bool {
    matches!(u32::from(c), 0x2600..=0x27BF | 0x1F000..=0x1FAFF | 0xFE0F | 0x200D | 0x2B00..=0x2BFF)
}

/// Words and numbers: "$1,249.50" -> "1249.50", "8:15" stays "8:15", "15th" -> "15",
/// "O'Hare" stays one word. Hyphenated words are split ("twenty-first" -> "twenty", "first").
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().take(4 * MAX_TEMPLATE_CHARS).collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev_digit = i > 0 && chars.get(i - 1).is_some_and(char::is_ascii_digit);
        let next_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
        let next_alpha = chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
        let inner_number_mark = matches!(c, '.' | ':') && prev_digit && next_digit;
        let thousands = c == ',' && prev_digit && next_digit;
        let apostrophe = matches!(c, '\'' | '\u{2019}') && !current.is_empty() && next_alpha;
        if c.is_alphanumeric() || inner_number_mark || apostrophe {
            current.push(c);
        } else if thousands {
            continue;
        } else if !current.is_empty() {
            push_token(std::mem::take(&mut current), &mut out);
        }
    }
    if !current.is_empty() {
        push_token(current, &mut out);
    }
    out
}

/// A number glued to letters is split ("8:15am" -> "8:15", "am"); ordinal suffixes are
/// dropped ("15th" -> "15").
fn push_token(token: String, out: &mut Vec<String>) {
    if !is_number(&token) {
        out.push(token);
        return;
    }
    let split = token.find(|c: char| c.is_alphabetic()).unwrap_or(token.len());
    let (number, rest) = token.split_at(split);
    out.push(number.to_string());
    if !rest.is_empty() && !matches!(rest, "st" | "nd" | "rd" | "th") {
        out.push(rest.to_string());
    }
}

fn is_number(token: &str) -> bool {
    token.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Airport codes and flight carriers: "ORD", "UA".
fn is_code(token: &str) -> bool {
    (2..=3).contains(&token.len()) && token.chars().all(|c| c.is_ascii_uppercase())
}

/// Capitalised words that often start a sentence without being a fact.
const SENTENCE_STARTERS: &[&str] = &[
    "i",
    "a",
    "an",
    "the",
    "great",
    "perfect",
    "okay",
    "ok",
    "alright",
    "sure",
    "so",
    "and",
    "but",
    "now",
    "then",
    "your",
    "you",
    "we",
    "it",
    "that",
    "this",
    "there",
    "here",
    "what",
    "which",
    "when",
    "where",
    "who",
    "how",
    "would",
    "could",
    "can",
    "do",
    "does",
    "did",
    "is",
    "are",
    "will",
    "shall",
    "let",
    "lets",
    "let's",
    "thanks",
    "thank",
    "please",
    "got",
    "sorry",
    "all",
    "just",
    "and",
    "also",
    "before",
    "after",
    "to",
    "for",
    "from",
    "on",
    "in",
    "at",
    "one",
    "if",
    "by",
    "no",
    "yes",
    "oh",
    "hi",
    "hello",
    "welcome",
    "good",
    "wonderful",
    "excellent",
    "awesome",
    "right",
    "done",
    "booked",
    "flying",
    "leaving",
    "departing",
    "returning",
    "i'll",
    "i'm",
    "you're",
    "we're",
    "that's",
    "it's",
    "here's",
    "there's",
];

/// Fact words beyond numbers and ordinals (which come from the date module's number words).
const FACT_WORDS: &[&str] = &["hundred", "thousand", "noon", "midnight", "am", "pm", "nonstop"];

const NEGATIONS: &[&str] = &[
    "not", "no", "never", "none", "nothing", "can't", "cannot", "won't", "don't", "isn't",
    "aren't", "doesn't", "didn't",
];

/// The facts of a template that a rewording must keep.
fn facts(template: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut sentence_start = true;
    for raw in template.split_whitespace() {
        let ends_sentence = raw.ends_with(['.', '?', '!']);
        for token in tokens(raw) {
            let lower = crate::case::lowercase(&token);
            let capitalised = token.chars().next().is_some_and(char::is_uppercase);
            let pronoun = lower == "i" || lower.starts_with("i'");
            let name = capitalised
                && !pronoun
                && !(sentence_start && SENTENCE_STARTERS.contains(&lower.as_str()));
            let fact = is_number(&token)
                || name
                || crate::dates::is_month_name(&lower)
                || crate::dates::is_weekday_name(&lower)
                || crate::dates::numbers::cardinal(&lower).is_some()
                || crate::dates::numbers::ordinal(&lower).is_some()
                || FACT_WORDS.contains(&lower.as_str())
                || NEGATIONS.contains(&lower.as_str());
            if fact && !out.contains(&token) {
                out.push(token);
            }
            sentence_start = false;
        }
        if ends_sentence {
            sentence_start = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polished_takes_a_faithful_rewording_and_refuses_the_rest() {
        let template = "Got it, from Boston to Denver, leaving Tuesday, December fifteenth.";
        let good = r#"{"reply": "Great, Boston to Denver, leaving Tuesday, December fifteenth."}"#;
        assert_eq!(
            polished(template, good).as_deref(),
            Some("Great, Boston to Denver, leaving Tuesday, December fifteenth.")
        );
        let lost_date = r#"{"reply": "Great, Boston to Denver it is."}"#;
        assert_eq!(polished(template, lost_date), None);
        let rambling = format!(
            r#"{{"reply": "{} {}"}}"#,
            "Boston to Denver, Tuesday, December fifteenth.",
            "Lovely. ".repeat(30)
        );
        assert_eq!(polished(template, &rambling), None);
        assert_eq!(polished(template, "not json"), None);
    }

    const CAP: usize = 200;
    const OFFER: &str = "Option two is United 1423 from Chicago O'Hare at 8:15 am, arriving in \
                         Denver at 10:05 am, nonstop, for $249.";

    #[test]
    fn accepts_a_faithful_rewording() {
        let candidate = "Option two: United 1423 leaves Chicago O'Hare at 8:15 am and lands in \
                         Denver at 10:05 am, nonstop, for $249.";
        assert!(accept_polish(OFFER, candidate, CAP));
        let date = "Great. You're flying on Tuesday, December fifteenth.";
        assert!(accept_polish(date, "Perfect, so that's Tuesday, December fifteenth.", CAP));
        assert!(accept_polish(
            "Where are you flying from?",
            "And where will you be flying from?",
            CAP
        ));
    }

    #[test]
    fn rejects_a_lost_or_changed_fact() {
        for candidate in [
            "Option two is United 1423 from Chicago at 8:15 am to Denver, nonstop, for $249.", // O'Hare
            "Option two is United 1423 from Chicago O'Hare at 8:15 am, arriving in Denver at 10:05 am, nonstop, for $259.",
            "Option two is United 1423 from Chicago O'Hare at 8 am, arriving in Denver at 10:05 am, nonstop, for $249.",
            "Option two is United 1423 from Chicago O'Hare at 8:15 am, arriving in Denver at 10:05 am, for $249.", // nonstop
            "Option two is United from Chicago O'Hare at 8:15 am, arriving in Denver at 10:05 am, nonstop, for $249.",
            "Option three is United 1423 from Chicago O'Hare at 8:15 am, arriving in Denver at 10:05 am, nonstop, for $249.",
        ] {
            assert!(!accept_polish(OFFER, candidate, CAP), "{candidate}");
        }
        let date = "You're flying on Tuesday, December fifteenth.";
        assert!(!accept_polish(date, "You're flying on Tuesday, December sixteenth.", CAP));
        assert!(!accept_polish(date, "You're flying on Wednesday, December fifteenth.", CAP));
        assert!(!accept_polish("That's from ORD to DEN.", "That's from ORD to DIA.", CAP));
    }

    #[test]
    fn rejects_a_dropped_negation() {
        let t = "There are no nonstop flights that day.";
        assert!(!accept_polish(t, "There are nonstop flights that day.", CAP));
        assert!(accept_polish(t, "Sorry, there are no nonstop flights that day.", CAP));
    }

    #[test]
    fn rejects_invented_numbers_and_codes() {
        let t = "Your flight to Denver is booked.";
        assert!(!accept_polish(t, "Your flight to Denver is booked, confirmation 4417.", CAP));
        assert!(!accept_polish(t, "Your flight to Denver DEN is booked.", CAP));
        assert!(accept_polish(t, "You're all set, your flight to Denver is booked.", CAP));
    }

    #[test]
    fn rejects_markup_emoji_lists_and_length() {
        let t = "Your flight to Denver is booked.";
        for candidate in [
            "Your flight to **Denver** is booked.",
            "# Booked\nYour flight to Denver is booked.",
            "- Your flight to Denver is booked.",
            "1. Your flight to Denver is booked.",
            "Your flight to Denver is booked! ✈️",
            "Your flight to Denver is booked 🎉",
            "`Your flight to Denver is booked.`",
            "",
            "   ",
        ] {
            assert!(!accept_polish(t, candidate, CAP), "{candidate:?}");
        }
        let long = format!("Your flight to Denver is booked.{}", " Really.".repeat(40));
        assert!(!accept_polish(t, &long, CAP));
        assert!(accept_polish(t, "Your flight to Denver is booked.", 32));
        assert!(!accept_polish(t, "Your flight to Denver is booked.", 31));
    }

    #[test]
    fn facts_of_a_template() {
        let f =
            facts("Great, Ann. I found 3 flights from JFK on Friday the 21st, not before noon.");
        for expected in ["Ann", "3", "JFK", "Friday", "21", "not", "noon"] {
            assert!(f.contains(&expected.to_string()), "{expected} in {f:?}");
        }
        for skipped in ["Great", "I", "found", "flights"] {
            assert!(!f.contains(&skipped.to_string()), "{skipped} in {f:?}");
        }
    }

    #[test]
    fn tokens_keep_numbers_whole() {
        assert_eq!(
            tokens("$1,249.50 at 8:15am on the 3rd."),
            ["1249.50", "at", "8:15", "am", "on", "the", "3"]
        );
        assert_eq!(tokens("O'Hare's"), ["O'Hare's"]);
    }

    #[test]
    fn polish_request_and_answer() {
        let req = build_polish_request("Where to?", &LlmConfig::default());
        assert_eq!(req.response_format.kind, "json_object");
        assert!(req.messages[0].content.contains("JSON"));
        assert!(req.messages[1].content.contains(r#"{"reply":"Where to?"}"#));
        assert_eq!(
            parse_polish(r#"```json {"reply": " And where to? "} ```"#).as_deref(),
            Some("And where to?")
        );
        assert_eq!(parse_polish(r#"{"reply": ""}"#), None);
        assert_eq!(parse_polish(r#"{"text": "hi"}"#), None);
        assert_eq!(parse_polish("plain words"), None);
    }

    /// Quotes, backslashes, braces, control characters and non-ASCII.
    fn any_text() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::prop_oneof![
            proptest::arbitrary::any::<String>(),
            r#"[a-zA-Z {}"\\/\n\t\u{0}-\u{1f}éü😀']{0,700}"#
        ]
    }

    proptest::proptest! {
        #[test]
        fn never_panics(template in ".{0,300}", candidate in ".{0,300}") {
            let _ = accept_polish(&template, &candidate, 250);
        }

        /// The user message is the text serde_json wrote before, and the answer reads back.
        #[test]
        fn polish_json_matches_serde_json(template in any_text(), reply in any_text()) {
            let req = build_polish_request(&template, &LlmConfig::default());
            let before = serde_json::json!({ "reply": truncate_chars(&template, MAX_TEMPLATE_CHARS) });
            proptest::prop_assert_eq!(&req.messages[1].content, &format!("Reword this JSON reply.\n{before}"));
            let answer = format!("Here: {}", serde_json::json!({ "reply": reply, "n": [1, {"a": "}"}] }));
            let expected = Some(reply.trim()).filter(|r| !r.is_empty()).map(str::to_string);
            proptest::prop_assert_eq!(parse_polish(&answer), expected);
        }

        #[test]
        fn a_template_is_its_own_polish(template in "[A-Za-z0-9 ,.:$']{1,150}") {
            proptest::prop_assume!(plain_speech(template.trim()) && !template.trim().is_empty());
            proptest::prop_assert!(accept_polish(&template, &template, 400));
        }
    }
}
