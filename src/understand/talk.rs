//! What callers say that is not booking information: small talk ("hi", "how are you",
//! "thanks", "can you hear me?", "hold on") and the questions people ask an airline agent
//! mid-call (bags, pets, seats, changes, a human, how long, nonstop, price, which airport).
//! Recognising them lets Alex answer and ask his question again, instead of "didn't catch
//! that" or, worse, reading a question at a yes/no point as a yes.

use super::rules::{any, has};
use serde::{Deserialize, Serialize};

/// Small talk Alex answers in kind before going on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmallTalk {
    Greeting,
    HowAreYou,
    Thanks,
    CanYouHearMe,
    HoldOn,
    Goodbye,
}

/// Words that may pad a greeting without adding anything ("oh hi there Alex").
const PADDING: &[&str] = &[
    "hi",
    "hello",
    "hey",
    "hiya",
    "howdy",
    "yo",
    "there",
    "alex",
    "oh",
    "um",
    "uh",
    "so",
    "well",
    "good",
    "morning",
    "afternoon",
    "evening",
    "day",
    "whats",
    "what's",
    "up",
    "sup",
    "greetings",
    "yes",
    "yeah",
    "ok",
    "okay",
    "again",
    "sir",
    "ma'am",
    "dear",
    "buddy",
    "friend",
    "it's",
    "me",
];

/// The small talk in an utterance that carries no booking information.
pub fn small_talk(words: &[String], text: &str) -> Option<SmallTalk> {
    if any(words, &["hold on", "hang on", "one sec", "one second", "just a sec", "just a second"])
        || any(words, &["give me a moment", "give me a second", "give me a minute", "bear with me"])
        || any(words, &["wait a minute", "wait a sec", "let me check", "let me see", "hold please"])
    {
        return Some(SmallTalk::HoldOn);
    }
    if any(words, &["can you hear me", "are you there", "you there", "is anyone there", "hear me"])
        || (words.iter().filter(|w| *w == "hello").count() >= 2 && text.contains('?'))
    {
        return Some(SmallTalk::CanYouHearMe);
    }
    if any(
        words,
        &["how are you", "how's it going", "how are ya", "how you doing", "how's your day"],
    ) || any(words, &["how are things", "hows it going", "how r you", "how do you do"])
    {
        return Some(SmallTalk::HowAreYou);
    }
    if any(words, &["bye", "goodbye", "good bye", "bye bye", "see ya", "see you", "that's all"])
        || any(words, &["that is all", "i'm done", "have a good one", "have a nice day"])
    {
        return Some(SmallTalk::Goodbye);
    }
    if any(words, &["thanks", "thank you", "thank", "cheers", "appreciate it", "much obliged"]) {
        return Some(SmallTalk::Thanks);
    }
    let greeting =
        any(words, &["hi", "hello", "hey", "hiya", "howdy", "good morning", "greetings"])
            || any(words, &["good afternoon", "good evening", "whats up", "what's up", "yo"]);
    (greeting && words.iter().all(|w| PADDING.contains(&w.as_str()))).then_some(SmallTalk::Greeting)
}

/// Words that open a question.
const QUESTION_WORDS: &[&str] = &[
    "what", "what's", "whats", "which", "how", "how's", "can", "could", "do", "does", "is", "are",
    "will", "where", "when", "why", "may", "should", "would", "did", "am",
];

/// True when the words ask something: a question mark, or a question word at the start of a
/// clause ("ok but which airport is it", "and is that nonstop").
pub fn is_question(words: &[String], text: &str) -> bool {
    if text.contains('?') {
        return true;
    }
    const LEADS: &[&str] = &["ok", "okay", "but", "and", "so", "wait", "um", "uh", "sorry", "oh"];
    let first = words.iter().map(String::as_str).find(|w| !LEADS.contains(w));
    first.is_some_and(|w| {
        QUESTION_WORDS.contains(&w) && !matches!(w, "do" | "would" | "can" | "could")
    }) || any(words, &["which one", "which airport", "what airport", "how much", "how long"])
        || any(
            words,
            &["is it", "is that", "are they", "are any", "is there", "does it", "do they"],
        )
        || any(words, &["can i", "could i", "can we", "could we", "do i", "do you", "will i"])
}

/// A question a caller asks an airline agent mid-call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Baggage,
    Pets,
    Seats,
    Changes,
    Human,
    FlightLength,
    Nonstop,
    Price,
    WhichAirport,
    /// "What about the return?", "when does it land?", "tell me more": an option's details
    /// (the list reads only the essentials).
    Details,
    /// Meals, wifi, miles, hotels, weather...: not something Alex can do on this call.
    Other,
}

/// What a caller question is about, if it is one Alex has an answer for.
pub fn topic(words: &[String], text: &str) -> Option<Topic> {
    topic_of(words, text, is_question(words, text))
}

/// [`topic`] for words already known to ask (`asking`, [`is_question`]) or not: a turn tests
/// both, and asks once.
pub fn topic_of(words: &[String], text: &str, asking: bool) -> Option<Topic> {
    // A person is asked for without a question ("I want to talk to a human").
    let reach = any(
        words,
        &["talk to", "speak to", "speak with", "talk with", "transfer me", "connect me"],
    );
    if any(words, &["human", "real person", "representative", "operator", "live agent", "a person"])
        && (reach || asking || words.len() <= 4)
    {
        return Some(Topic::Human);
    }
    if !asking {
        return None;
    }
    let topics: &[(Topic, &[&str])] = &[
        (Topic::WhichAirport, &["which airport", "what airport", "which airports"]),
        (Topic::Pets, &["dog", "dogs", "cat", "cats", "pet", "pets", "puppy", "animal", "kitten"]),
        (
            Topic::Baggage,
            &["bag", "bags", "baggage", "luggage", "suitcase", "carry-on", "carry on", "checked"],
        ),
        (Topic::Seats, &["seat", "seats", "window", "aisle", "legroom", "sit together"]),
        (
            Topic::Changes,
            &[
                "refund",
                "refundable",
                "change fee",
                "cancellation",
                "cancel it later",
                "change it later",
                "changes",
            ],
        ),
        (Topic::FlightLength, &["how long", "flight time", "duration", "how many hours"]),
        (
            Topic::Details,
            &[
                "the return",
                "coming back",
                "way back",
                "arrive",
                "arrives",
                "arrival",
                "land",
                "lands",
                "get in",
                "gets in",
                "details",
                "tell me more",
                "more about",
            ],
        ),
        (
            Topic::Nonstop,
            &[
                "nonstop",
                "non-stop",
                "non stop",
                "direct",
                "stops",
                "layover",
                "connection",
                "connecting",
            ],
        ),
        (
            Topic::Price,
            &["how much", "cost", "price", "per person", "total", "fare", "cheapest", "expensive"],
        ),
        (
            Topic::Other,
            &[
                "wifi",
                "meal",
                "meals",
                "food",
                "miles",
                "mileage",
                "hotel",
                "car",
                "upgrade",
                "weather",
                "wheelchair",
                "insurance",
                "visa",
                "passport",
            ],
        ),
    ];
    // Any other real question (not "what?") gets an honest "I can't help with that here"
    // rather than "didn't catch that".
    let other = || {
        (words.len() >= 4
            && small_talk(words, text).is_none()
            && !super::rules::is_repeat(words)
            && !super::rules::is_more_options(words))
        .then_some(Topic::Other)
    };
    topics.iter().find(|(_, cues)| any(words, cues)).map(|(t, _)| *t).or_else(other)
}

/// "that's the cheapest?" and friends are about the offers; "is this a good time" is not.
pub fn about_offers(words: &[String]) -> bool {
    has(words, "them")
        || has(words, "one")
        || has(words, "it")
        || has(words, "that")
        || has(words, "flight")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::keys;

    fn talk(text: &str) -> Option<SmallTalk> {
        small_talk(&keys(text), text)
    }

    #[test]
    fn small_talk_kinds() {
        assert_eq!(talk("good morning"), Some(SmallTalk::Greeting));
        assert_eq!(talk("hey there Alex"), Some(SmallTalk::Greeting));
        assert_eq!(talk("how are you today?"), Some(SmallTalk::HowAreYou));
        assert_eq!(talk("thanks so much"), Some(SmallTalk::Thanks));
        assert_eq!(talk("hello? hello? can you hear me?"), Some(SmallTalk::CanYouHearMe));
        assert_eq!(talk("hang on a second, my wife is saying something"), Some(SmallTalk::HoldOn));
        assert_eq!(talk("ok thanks, bye"), Some(SmallTalk::Goodbye));
        assert_eq!(talk("hi, I need a flight"), None, "more than a greeting");
        assert_eq!(talk("Denver"), None);
    }

    #[test]
    fn questions_are_not_answers() {
        for q in ["ok but which airport is it?", "and is that nonstop", "how much is that for two"]
        {
            assert!(is_question(&keys(q), q), "{q}");
        }
        for a in ["yes please", "ok book it", "sounds good", "do it"] {
            assert!(!is_question(&keys(a), a), "{a}");
        }
    }

    #[test]
    fn topics() {
        let t = |s: &str| topic(&keys(s), s);
        assert_eq!(t("can I bring my dog?"), Some(Topic::Pets));
        assert_eq!(t("what's the baggage allowance?"), Some(Topic::Baggage));
        assert_eq!(t("I want to talk to a human"), Some(Topic::Human));
        assert_eq!(t("how long is the flight"), Some(Topic::FlightLength));
        assert_eq!(t("wait, which airport is that?"), Some(Topic::WhichAirport));
        assert_eq!(t("is that the cheapest one?"), Some(Topic::Price));
        assert_eq!(t("my dog is staying with my sister"), None, "not a question");
    }
}
