//! Word rules for what needs no model: intents, names, passenger counts, cabins, trip types and
//! option choices, read from the cleaned, folded words of one utterance.

use super::Slot;
use crate::text::{listed, same_word};
use crate::trip::{Cabin, TripType};
use crate::trip::{DayPart, OptionChoice};

/// True when `words` contains `phrase` (space-separated words) as consecutive words.
pub fn has(words: &[String], phrase: &str) -> bool {
    find(words, phrase).is_some()
}

/// Index of the first occurrence of `phrase` in `words` (no allocation: this runs hundreds of
/// times per utterance).
pub fn find(words: &[String], phrase: &str) -> Option<usize> {
    // The first word's end found bytewise: phrases are short, a pattern search is not worth
    // setting up (this and the scan below run for every phrase of every rule).
    let first = match phrase.bytes().position(|b| b == b' ') {
        Some(space) => phrase.get(..space).unwrap_or(phrase),
        None => return words.iter().position(|w| same_word(w, phrase)),
    };
    words.iter().enumerate().position(|(i, w)| {
        same_word(w, first)
            && words.get(i..).is_some_and(|rest| phrase_at(rest.iter().map(String::as_str), phrase))
    })
}

/// True when `words` start with the words of `phrase` (single spaces between them), compared
/// in place: no splitting, no allocation.
pub(crate) fn phrase_at<'a>(words: impl IntoIterator<Item = &'a str>, phrase: &str) -> bool {
    let mut rest = phrase;
    for w in words {
        // A different first letter settles most words without the library comparison.
        if !w.is_empty() && rest.as_bytes().first() != w.as_bytes().first() {
            return false;
        }
        let Some(after) = rest.strip_prefix(w) else { return false };
        if after.is_empty() {
            return true;
        }
        let Some(next) = after.strip_prefix(' ') else { return false };
        rest = next;
    }
    false
}

pub fn any(words: &[String], phrases: &[&str]) -> bool {
    phrases.iter().any(|p| has(words, p))
}

pub fn is_cancel(words: &[String]) -> bool {
    any(
        words,
        &[
            "cancel",
            "cancel it",
            "never mind",
            "nevermind",
            "forget it",
            "forget about it",
            "hang up",
            "don't want to book",
            "do not want to book",
            "stop the booking",
            "call it off",
            "quit",
        ],
    ) && !has(words, "cancellation policy")
}

pub fn is_start_over(words: &[String]) -> bool {
    any(
        words,
        &[
            "start over",
            "start again",
            "begin again",
            "restart",
            "from the top",
            "new booking",
            "start from the beginning",
            "start all over",
            "reset",
        ],
    )
}

pub fn is_go_back(words: &[String]) -> bool {
    any(words, &["go back", "back up", "undo", "previous question", "step back", "previous step"])
        && !any(words, &["go back to", "go back on", "go back the"])
        || (words.len() <= 3 && has(words, "back") && !any(words, &["come back", "coming back"]))
}

/// "Yes", "sure", "that's right"... A confirmation is short: a long sentence that starts with
/// "yes" is information, not a confirmation.
pub fn is_yes(words: &[String]) -> bool {
    const YES: &[&str] = &[
        "yes",
        "sure",
        "correct",
        "right",
        "ok",
        "okay",
        "absolutely",
        "definitely",
        "affirmative",
        "perfect",
        "great",
        "sounds good",
        "that's right",
        "that is right",
        "that's correct",
        "go ahead",
        "please do",
        "book it",
        "do it",
        "yes please",
        "of course",
        "that works",
        "works for me",
        "looks good",
        "all good",
        "exactly",
        "alright",
        "all right",
        "fine",
        "confirm",
        "let's do it",
        "let's do that",
        "i do",
        "please",
        "you bet",
        "yup",
        "uh huh",
        "uh-huh",
        "mm hmm",
        "mhm",
        "for sure",
        "go for it",
        "let's go",
        "sounds great",
        "that's it",
        "yea",
        "righto",
        "aye",
        "yep",
        "yeah",
        "ya",
        "si",
        "oui",
        "ja",
        "sure thing",
        "go on",
    ];
    words.len() <= 7 && any(words, YES) && !is_no(words)
}

pub fn is_no(words: &[String]) -> bool {
    const NO: &[&str] = &[
        "no",
        "not really",
        "negative",
        "no thanks",
        "no thank you",
        "that's wrong",
        "that's not right",
        "that is wrong",
        "not right",
        "incorrect",
        "don't",
        "none of these",
        "none of those",
        "neither",
        "not quite",
        "naw",
        "nah",
        "nope",
        "nae",
        "no right",
    ];
    words.len() <= 8 && any(words, NO)
}

/// Correction cues: the caller is changing something already said.
pub fn is_correction(words: &[String]) -> bool {
    any(
        words,
        &[
            "actually",
            "sorry",
            "i meant",
            "i mean",
            "no wait",
            "wait",
            "change",
            "make that",
            "make it",
            "instead",
            "rather",
            "switch",
            "not",
            "correction",
            "scratch that",
            "update",
            "oops",
            "should be",
            "no wait",
            "i said",
        ],
    )
}

/// Which slot a correction names explicitly ("change the destination to Denver").
pub fn correction_target(words: &[String]) -> Option<Slot> {
    const TARGETS: &[(&str, Slot)] = &[
        ("destination", Slot::Destination),
        ("arrival city", Slot::Destination),
        ("origin", Slot::Origin),
        ("departure city", Slot::Origin),
        ("return date", Slot::ReturnDate),
        ("return", Slot::ReturnDate),
        ("coming back", Slot::ReturnDate),
        ("departure date", Slot::DepartureDate),
        ("departure", Slot::DepartureDate),
        ("date", Slot::DepartureDate),
        ("name", Slot::Name),
        ("cabin", Slot::Cabin),
        ("class", Slot::Cabin),
        ("passengers", Slot::Passengers),
        ("people", Slot::Passengers),
        ("trip type", Slot::TripType),
    ];
    TARGETS.iter().find(|(p, _)| has(words, p)).map(|(_, s)| *s)
}

pub fn is_flexible(words: &[String]) -> bool {
    any(
        words,
        &[
            "flexible",
            "cheapest day",
            "cheapest date",
            "any day",
            "whichever day",
            "whatever day",
            "whenever is cheapest",
            "cheapest time",
            "don't mind which day",
            "dates are open",
        ],
    )
}

/// "Any others?", "what else is there", "more options": the next options on the table.
pub fn is_more_options(words: &[String]) -> bool {
    any(
        words,
        &[
            "more",
            "others",
            "other options",
            "other flights",
            "anything else",
            "what else",
            "any other",
            "the rest",
            "next ones",
            "something else",
        ],
    )
}

/// "Say that again", "can you repeat that", "read them again", "come again?".
pub fn is_repeat(words: &[String]) -> bool {
    any(
        words,
        &[
            "again",
            "repeat",
            "repeat that",
            "say that again",
            "come again",
            "one more time",
            "didn't catch",
            "didn't hear",
            "pardon",
        ],
    )
}

pub fn is_help(words: &[String]) -> bool {
    any(words, &["help", "what can you do", "how does this work", "what do you do", "how do i"])
}

pub fn is_booking_so_far(words: &[String]) -> bool {
    any(
        words,
        &[
            "so far",
            "what do i have",
            "what have i got",
            "what have we got",
            "my booking",
            "read it back",
            "recap",
            "summary",
            "what did i say",
        ],
    )
}

/// "what airports are in Chicago", "which airports does New York have".
pub fn asks_airports(words: &[String]) -> bool {
    (has(words, "airports") || has(words, "airport"))
        && any(words, &["what", "which", "how many", "list", "tell me"])
}

pub fn trip_type(words: &[String]) -> Option<TripType> {
    if any(
        words,
        &[
            "one way",
            "single ticket",
            "no return",
            "not coming back",
            "won't be coming back",
            "just going",
        ],
    ) {
        Some(TripType::OneWay)
    } else if any(
        words,
        &[
            "round trip",
            "return trip",
            "return ticket",
            "there and back",
            "return flight",
            "two way",
            "two-way",
            "both ways",
            "roundtrip",
            "round-trip",
        ],
    ) {
        Some(TripType::RoundTrip)
    } else {
        None
    }
}

/// The trip type in a short answer to "round trip, or one way?": "return, please", "single",
/// "I'll come back", "just there".
pub fn trip_type_answer(words: &[String]) -> Option<TripType> {
    trip_type(words).or_else(|| {
        if words.len() > 8 || is_go_back(words) || is_start_over(words) || is_cancel(words) {
            None
        } else if any(words, &["single", "one-way", "just there", "only there", "no way back"]) {
            Some(TripType::OneWay)
        } else if any(words, &["return", "returning", "come back", "coming back", "fly back"]) {
            Some(TripType::RoundTrip)
        } else {
            None
        }
    })
}

/// The cabin, if named. A bare "first" or "business" counts only when Alex asked for the cabin
/// ("the first one", "a business trip" are not cabins).
pub fn cabin(words: &[String], expecting: Option<Slot>) -> Option<Cabin> {
    // "make it business", "switch to first", "upgrade to business": a bare cabin word after a
    // change verb is a cabin too (asked only once the word itself was heard).
    let changed_to = |cabin: &str| {
        ["make it", "change it to", "switch to", "upgrade to", "change to", "go with", "let's do"]
            .iter()
            .any(|lead| has(words, &format!("{lead} {cabin}")))
    };
    let asked = expecting == Some(Slot::Cabin);
    if has(words, "premium economy") || (asked && has(words, "premium")) {
        Some(Cabin::PremiumEconomy)
    } else if any(
        words,
        &[
            "business class",
            "in business",
            "fly business",
            "flying business",
            "polaris",
            "business cabin",
        ],
    ) || (has(words, "business") && changed_to("business"))
    {
        Some(Cabin::Business)
    } else if any(words, &["first class", "in first", "fly first", "flying first"])
        || (has(words, "first") && changed_to("first"))
    {
        Some(Cabin::First)
    } else if any(
        words,
        &["economy", "economy's", "basic economy", "cheapest seat", "standard", "coach"],
    ) {
        // Named plainly, economy beats a bare "first" said around it ("economy, nobody's
        // paying for first").
        Some(Cabin::Economy)
    } else if asked && has(words, "business") {
        Some(Cabin::Business)
    } else if asked && has(words, "first") {
        Some(Cabin::First)
    } else if any(
        words,
        &["economy", "economy's", "basic economy", "cheapest seat", "standard", "coach"],
        // "whatever's available", "any cabin is fine": a short don't-mind, not a description
        // ("whatever lets me sleep the whole way" wants a flat bed).
    ) || (asked
        && words.len() <= 8
        && any(
            words,
            &[
                "cheapest",
                "regular",
                "normal",
                "any",
                "whatever",
                "whatever's",
                "don't care",
                "doesn't matter",
                "no preference",
                "whichever",
                "anything",
                "cheap",
                "main",
                "don't mind",
                "do not mind",
                "not fussed",
                "doesn't matter",
            ],
        ))
    {
        Some(Cabin::Economy)
    } else {
        None
    }
}

/// A small spoken or written count ("two", "2", "a couple"): passenger numbers and options.
pub fn count(word: &str) -> Option<u32> {
    match word {
        "a" | "an" | "single" | "solo" => return Some(1),
        "couple" | "pair" | "both" => return Some(2),
        _ => {}
    }
    // Digits only up to three: "2026" is a year, not a party size.
    if word.chars().all(|c| c.is_ascii_digit()) && word.len() > 3 {
        return None;
    }
    crate::dates::numbers::cardinal(word)
}

/// Who a counted group is, besides [`passengers`]' own units ("three kids").
const GROUP_UNITS: &[&str] = &[
    "kids",
    "children",
    "child",
    "kid",
    "infants",
    "infant",
    "babies",
    "baby",
    "teens",
    "teenagers",
    "seniors",
    "grownups",
    "grown-ups",
    "boys",
    "girls",
    "friends",
    "students",
];

/// Passenger count: "two of us", "for 3 people", "me and my wife", "just me".
pub fn passengers(words: &[String], expecting: Option<Slot>) -> Option<u8> {
    let clamp = |n: u32| u8::try_from(n.min(255)).ok();
    const UNITS: &[&str] = &[
        "passengers",
        "passenger",
        "people",
        "persons",
        "adults",
        "adult",
        "travelers",
        "travellers",
        "tickets",
        "seats",
        "of us",
        "guests",
    ];
    // "two adults and three kids": every counted group, added up.
    let groups: Vec<u32> = words
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            let n = count(w).filter(|n| (1..=9).contains(n) && w != "a" && w != "an")?;
            let unit = words.get(i + 1)?.trim_end_matches("'s");
            (listed(UNITS, unit) || listed(GROUP_UNITS, unit)).then_some(n)
        })
        .collect();
    if groups.len() > 1 {
        return clamp(groups.iter().sum());
    }
    for (i, w) in words.iter().enumerate() {
        if let Some(n) = count(w) {
            let rest = &words[i + 1..];
            let next = rest.first().map(String::as_str).unwrap_or("");
            let next2 = rest.get(..2).map(|r| r.join(" ")).unwrap_or_default();
            if listed(UNITS, next) || listed(UNITS, &next2) {
                if w == "a" || w == "an" {
                    continue;
                }
                return clamp(n);
            }
            let prev = if i > 0 { words[i - 1].as_str() } else { "" };
            if matches!(prev, "party" | "family" | "group") && i >= 2 && words[i - 1] != "a" {
                return clamp(n);
            }
            if prev == "of"
                && i >= 2
                && matches!(words[i - 2].as_str(), "party" | "family" | "group")
            {
                return clamp(n);
            }
        }
    }
    if any(
        words,
        &[
            "just me",
            "only me",
            "just myself",
            "by myself",
            "on my own",
            "alone",
            "just one",
            "only one",
        ],
    ) && !has(words, "one way")
    {
        return Some(1);
    }
    if let Some(i) = words.iter().position(|w| w == "and").filter(|&i| i > 0) {
        let before = words[i - 1].as_str();
        if matches!(before, "me" | "i" | "myself") {
            // "me and my wife" (2), "me and my two kids" (3), "me and two friends" (3)
            let after: Vec<&str> = words[i + 1..].iter().map(String::as_str).take(3).collect();
            let companions = after.iter().find_map(|w| count(w).filter(|n| *n > 1));
            let has_companion = after.iter().any(|w| super::lexicon::COMPANIONS.contains(w));
            // "me and my parents": some companions come two at a time.
            if after.iter().any(|w| matches!(*w, "parents" | "grandparents" | "in-laws" | "twins"))
            {
                return Some(3);
            }
            if let Some(n) = companions {
                return clamp(1 + n);
            }
            // "me and my friends", "me and the kids": how many is not said; Alex asks.
            let uncounted = after.iter().any(|w| {
                super::lexicon::COMPANIONS.contains(w)
                    && ((w.ends_with('s') && !w.ends_with("'s")) || *w == "children")
            });
            if uncounted {
                return None;
            }
            if has_companion {
                return Some(2);
            }
        }
    }
    // "three. me plus two kids", "two, my husband and I": a count, then who they are.
    if let Some(n) = words.first().and_then(|w| count(w)).filter(|n| (1..=9).contains(n)) {
        let who = words.iter().skip(1).any(|w| {
            let w = w.trim_end_matches("'s");
            listed(super::lexicon::COMPANIONS, w)
                || listed(super::lexicon::PARTY_WORDS, w)
                || matches!(w, "me" | "us" | "i" | "myself" | "we")
        });
        if who && words.first().is_some_and(|w| w != "a" && w != "an") {
            return clamp(n);
        }
    }
    if expecting == Some(Slot::Passengers) && words.len() <= 3 {
        return words.iter().find_map(|w| count(w)).and_then(clamp);
    }
    None
}

/// How the caller picks an offer ("option two", "the cheaper one", "the 8 am").
pub fn option_choice(words: &[String]) -> Option<OptionChoice> {
    const ORDINALS: &[(&str, u8)] = &[
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("1st", 1),
        ("2nd", 2),
        ("3rd", 3),
        ("4th", 4),
        ("5th", 5),
        ("6th", 6),
    ];
    for (i, w) in words.iter().enumerate() {
        if matches!(w.as_str(), "option" | "number" | "flight" | "choice" | "#") {
            if let Some(n) = words.get(i + 1).and_then(|n| count(n)).filter(|n| (1..=9).contains(n))
            {
                return u8::try_from(n).ok().map(OptionChoice::Position);
            }
        }
    }
    if let Some(minutes) = time_of_day(words) {
        return Some(OptionChoice::Time(minutes));
    }
    if any(
        words,
        &[
            "cheapest",
            "most cheap",
            "whichever",
            "any is fine",
            "either",
            "any of them",
            "any one",
            "doesn't matter",
            "don't care",
            "you pick",
            "you choose",
            "up to you",
            "cheaper",
            "least expensive",
            "lowest price",
            "lowest fare",
            "best price",
            "less expensive",
            "cheap one",
        ],
    ) {
        return Some(OptionChoice::Cheapest);
    }
    for (part, cues) in [
        (DayPart::Morning, &["morning", "a.m. one", "am flight", "early one"][..]),
        (DayPart::Afternoon, &["afternoon"][..]),
        (DayPart::Evening, &["evening", "night", "red eye", "red-eye", "redeye", "late one"][..]),
    ] {
        if any(words, cues) {
            return Some(OptionChoice::DayPart(part));
        }
    }
    if any(words, &["fastest", "quickest", "shortest", "faster", "quicker"]) {
        return Some(OptionChoice::Fastest);
    }
    if any(words, &["nonstop", "non-stop", "non stop", "direct"]) {
        return Some(OptionChoice::Nonstop);
    }
    if any(words, &["earliest", "earlier"]) {
        return Some(OptionChoice::Earliest);
    }
    if any(words, &["latest", "later one", "last one", "last flight", "the last", "last option"]) {
        return Some(if has(words, "latest") || has(words, "later one") {
            OptionChoice::Latest
        } else {
            OptionChoice::Last
        });
    }
    if words.len() <= 3 && any(words, &["any", "anything", "any one"]) && !is_more_options(words) {
        return Some(OptionChoice::Cheapest);
    }
    for (word, n) in ORDINALS {
        if has(words, word) {
            return Some(OptionChoice::Position(*n));
        }
    }
    if words.len() <= 2 {
        if let Some(n) = words.iter().find_map(|w| count(w)).filter(|n| (1..=9).contains(n)) {
            return u8::try_from(n).ok().map(OptionChoice::Position);
        }
    }
    None
}

/// "8 am", "the 8:05", "2 pm", "7 o'clock", "14:30" -> minutes after midnight.
pub fn time_of_day(words: &[String]) -> Option<u16> {
    if has(words, "noon") || has(words, "midday") {
        return Some(12 * 60);
    }
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).map(String::as_str).unwrap_or("");
        let (clock, suffix) = split_suffix(w);
        let meridiem = if !suffix.is_empty() { suffix } else { next };
        let (h, m) = match clock.split_once(':') {
            Some((h, m)) => (h.parse::<u16>().ok()?, m.parse::<u16>().ok()?),
            None => match clock.parse::<u16>() {
                Ok(h) => (h, 0),
                Err(_) => match count(clock) {
                    Some(h)
                        if matches!(meridiem, "am" | "pm" | "a.m." | "p.m." | "o'clock" | "in") =>
                    {
                        (u16::try_from(h).ok()?, 0)
                    }
                    _ => continue,
                },
            },
        };
        if h > 23 || m > 59 {
            continue;
        }
        let pm = matches!(meridiem, "pm" | "p.m." | "p")
            || (meridiem == "in"
                && words.get(i + 3).is_some_and(|w| w == "afternoon" || w == "evening"));
        let am = matches!(meridiem, "am" | "a.m." | "a");
        let explicit_clock = clock.contains(':') || am || pm || meridiem == "o'clock";
        if !explicit_clock {
            continue;
        }
        let hour = match (am, pm) {
            (true, _) if h == 12 => 0,
            (_, true) if h < 12 => h + 12,
            _ => h,
        };
        return Some(hour * 60 + m);
    }
    None
}

fn split_suffix(word: &str) -> (&str, &str) {
    for suffix in ["a.m.", "p.m.", "am", "pm"] {
        if let Some(stripped) = word.strip_suffix(suffix) {
            if !stripped.is_empty() && stripped.chars().all(|c| c.is_ascii_digit() || c == ':') {
                return (stripped, suffix);
            }
        }
    }
    (word, "")
}

/// A name heard in an utterance, with how sure we are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeardName {
    pub name: String,
    /// Introduced ("I'm ...", "my name is ...", "... here"): wins over a place of the same words.
    pub introduced: bool,
}

/// The caller's name: "I'm Priya Patel", "my name is Sam", "Ravi Kumar here", "Hannah Schmidt
/// speaking", or, when Alex just asked for it, "Hi, Elena Petrova, ..." or a bare "Priya Patel".
/// Original casing is not reliable in speech, so words are capitalised.
pub fn name(
    original_words: &[&str],
    words: &[String],
    expecting: Option<Slot>,
    name_known: bool,
) -> Option<HeardName> {
    let at_most = |n: usize| n.min(words.len()).min(original_words.len());
    // Once the name is known, only an intro that says "name" changes it.
    let intros = super::lexicon::NAME_INTROS
        .iter()
        .filter(|intro| !name_known || expecting == Some(Slot::Name) || intro.contains("name"));
    // The first introduction said wins: in "this is Beth, I'm booking for my sister" or "Ryan
    // Mitchell here, I'm getting married" the later "I'm" is no name.
    let mut first: Option<(usize, String)> = None;
    for intro in intros {
        let Some(at) = find(words, intro) else { continue };
        if first.as_ref().is_some_and(|(f, _)| *f <= at) {
            continue;
        }
        let start = at_most(at + intro.split(' ').count());
        if let Some(n) = name_words(&original_words[start..], &words[start..]) {
            first = Some((at, n.0));
        }
    }
    if let Some(marked) = name_before_marker(original_words, words, name_known) {
        if first.as_ref().is_none_or(|(at, _)| marked.1 < *at) {
            return Some(HeardName { name: marked.0, introduced: true });
        }
    }
    if let Some((at, name)) = first {
        // "Guadalupe, and the last name is de la Cruz": the given name said before it leads.
        let family = at > 0 && matches!(words[at - 1].as_str(), "last" | "family" | "sur")
            || words.get(at).is_some_and(|w| w == "surname");
        if family {
            let cut = words[..at].iter().rposition(|w| w == "and" || w == "the").unwrap_or(at);
            let given = bare_name(&original_words[..cut.min(at)], &words[..cut.min(at)])
                .filter(|g| !g.contains(' '));
            if let Some(given) = given {
                return Some(HeardName { name: format!("{given} {name}"), introduced: true });
            }
        }
        return Some(HeardName { name, introduced: true });
    }
    if expecting == Some(Slot::Name) {
        return bare_name(original_words, words).map(|name| HeardName { name, introduced: false });
    }
    None
}

/// "Ravi Kumar here", "Hannah Schmidt speaking": the name words right before the marker, and
/// where they start.
fn name_before_marker(
    original_words: &[&str],
    words: &[String],
    name_known: bool,
) -> Option<(String, usize)> {
    for (i, w) in words.iter().enumerate() {
        if !matches!(w.as_str(), "here" | "speaking" | "calling") || i == 0 {
            continue;
        }
        let mut start = i;
        while start > 0
            && i - start < 3
            && is_name_word(&words[start - 1])
            && !original_words[start - 1].ends_with(',')
        {
            start -= 1;
        }
        // The name opens the sentence or its clause ("hi, Ravi Kumar here"), never follows
        // a preposition ("from right here").
        let opens_clause = start == 0
            || original_words[start - 1].ends_with([',', '.', '!'])
            || matches!(
                words[start - 1].as_str(),
                "hi" | "hello" | "hey" | "yes" | "yeah" | "is" | "it's"
            );
        if start < i && opens_clause && !name_known {
            let parts: Vec<String> = words[start..i]
                .iter()
                .skip_while(|w| TITLES.contains(&w.trim_end_matches('.')))
                .map(|w| crate::text::capitalise(w))
                .collect();
            return Some((parts.join(" "), start));
        }
    }
    None
}

/// What callers call the agent ("hi hon", "thanks love"): said before a name, never one.
const ENDEARMENTS: &[&str] = &[
    "hon",
    "love",
    "darling",
    "sweetheart",
    "dude",
    "buddy",
    "mate",
    "pal",
    "babe",
    "sugar",
    "sir",
    "ma'am",
    "maam",
];

/// Words said before a bare name ("oh, yes, of course. Harold Jenkins").
const BEFORE_NAME: &[&str] = &[
    "then",
    "and",
    "hi",
    "hiya",
    "heya",
    "hello",
    "hey",
    "yes",
    "sure",
    "it's",
    "its",
    "oh",
    "well",
    "so",
    "good",
    "morning",
    "afternoon",
    "evening",
    "there",
    "alex",
    "ok",
    "okay",
    "this",
    "of",
    "course",
    "sorry",
    "um",
    "uh",
];

/// A name said on its own when Alex asked for it. Each clause may hold one ("Sato. Haruto
/// Sato.", "Dave, David Thibodeaux", "Walter. Kaminski."): the fullest wins, a later one on a
/// tie, and single words in separate clauses are one name said in pieces.
fn bare_name(original_words: &[&str], words: &[String]) -> Option<String> {
    let n = words.len().min(original_words.len());
    let mut candidates: Vec<String> = Vec::new();
    let mut start = 0;
    for end in 1..=n {
        let closes = end == n
            || original_words[end - 1].ends_with([',', '.', '!', '?', ';', ':'])
            || words[end - 1].is_empty();
        if !closes {
            continue;
        }
        let clause = start..end;
        start = end;
        let skip = words[clause.clone()]
            .iter()
            .take_while(|w| w.is_empty() || listed(BEFORE_NAME, w) || listed(ENDEARMENTS, w))
            .count();
        let from = clause.start + skip;
        let Some((name, used)) =
            name_words(&original_words[from..clause.end], &words[from..clause.end])
        else {
            continue;
        };
        // A bare name stands alone: the clause ends with it, or a clear boundary follows.
        let after = from + used;
        let alone = after >= clause.end
            || words.get(after).is_some_and(|w| w.is_empty() || BOUNDARIES.contains(&w.as_str()));
        if alone {
            candidates.push(name);
        }
    }
    // "Kowalski, K-O-W-A-L-S-K-I": a name spelled after it is the same name.
    candidates.dedup();
    let pieces = candidates.len() > 1
        && candidates.len() <= 3
        && candidates.iter().all(|c| !c.contains(' '))
        && candidates.windows(2).all(|w| w[0] != w[1]);
    if pieces {
        return Some(candidates.join(" "));
    }
    // A full name said first stands; a lone first name gives way to a fuller one said after,
    // or leads a family name that starts with a particle ("Pieter. Then van der Berg").
    let first = candidates.first()?.clone();
    if first.contains(' ') {
        return Some(first);
    }
    if let Some(family) = candidates.iter().skip(1).find(|c| {
        c.split(' ')
            .next()
            .is_some_and(|w| SURNAME_PARTICLES.contains(&crate::case::lowercase(w).as_str()))
    }) {
        return Some(format!("{first} {family}"));
    }
    candidates.into_iter().rev().max_by_key(|c| c.split(' ').count())
}

/// Words that open a family name: "van der Berg", "de la Cruz", "von Trapp".
const SURNAME_PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "la", "le", "bin", "al",
    "el", "dos", "das", "ter", "ten",
];

/// Words that may follow a bare name: "Priya Patel, round trip..." / "Sam and I...".
const BOUNDARIES: &[&str] = &[
    "round", "one", "from", "flying", "i'm", "i", "and", "calling", "i'd", "we're", "we", "here",
    "like", "as", "with",
];

fn is_name_word(w: &str) -> bool {
    !w.is_empty()
        && w.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '-')
        && !listed(NOT_NAMES, w)
        && !listed(ENDEARMENTS, w)
        && crate::dates::numbers::cardinal(w).is_none()
        && w.chars().count() <= 20
}

/// "I'm getting married", "I'm wrangling six of us": a word in -ing after "I'm" is what the
/// caller is doing, not who they are (short ones stay names: "Ming", "Jing").
fn is_verb_ing(w: &str) -> bool {
    w.len() >= 6 && w.ends_with("ing")
}

/// Titles said before a name ("Sergeant Andre Williams", "Dr. Patel"): not part of it.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mister",
    "dr",
    "doctor",
    "sergeant",
    "sgt",
    "captain",
    "capt",
    "professor",
    "prof",
    "officer",
    "lieutenant",
    "lt",
    "reverend",
    "rev",
    "sir",
    "madam",
    "major",
    "colonel",
    "private",
    "corporal",
    "father",
    "sister",
    "pastor",
    "ensign",
    "admiral",
    "commander",
    "general",
    "airman",
    "seaman",
    "specialist",
    "judge",
    "senator",
    "rabbi",
    "deacon",
];

/// A run of single letters ("N O W A K") read as the word they spell, and how many words it
/// took; `None` unless at least two letters in a row.
fn spelled(words: &[String]) -> Option<(String, usize)> {
    // "B-R-A-N-D-T" or "b.r.a.n.d.t": one word of single letters.
    if let Some(w) = words.first() {
        let letters: Vec<&str> = w.split(['-', '.']).filter(|s| !s.is_empty()).collect();
        if letters.len() >= 2
            && letters.iter().all(|s| s.chars().count() == 1 && s.chars().all(char::is_alphabetic))
        {
            return Some((letters.concat(), 1));
        }
    }
    let n = words
        .iter()
        .take_while(|w| w.chars().count() == 1 && w.chars().all(char::is_alphabetic))
        .count();
    (n >= 2).then(|| (words[..n].concat(), n))
}

/// One to three name-like words at the start of `words`, stopping at punctuation or a word that
/// is clearly not a name ("I'm flying", "I'm flexible"). Titles before the name are dropped;
/// a spelled-out name ("Nowak, N O W A K") counts once, as the word it spells.
fn name_words(original: &[&str], words: &[String]) -> Option<(String, usize)> {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while let (Some(orig), Some(w)) = (original.get(i), words.get(i)) {
        if parts.is_empty() && TITLES.contains(&w.trim_end_matches('.')) {
            i += 1;
            continue;
        }
        if listed(super::lexicon::COMPANIONS, w) {
            break;
        }
        if let Some((word, used)) = spelled(&words[i..]) {
            let same = parts.last().is_some_and(|p| crate::case::lowercase(p) == word);
            if !same && parts.len() < 3 {
                parts.push(crate::text::capitalise(&word));
            }
            i += used;
            continue;
        }
        let letters_only = w.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '-');
        if !letters_only
            || w.is_empty()
            || listed(NOT_NAMES, w)
            || listed(ENDEARMENTS, w)
            || (parts.is_empty() && is_verb_ing(w))
            || w.chars().count() > 20
            || crate::dates::numbers::cardinal(w).is_some()
            || crate::dates::numbers::ordinal(w).is_some()
        {
            break;
        }
        parts.push(crate::text::capitalise(w));
        let ends_clause = orig.ends_with([',', '.', '!', '?', ':', ';']);
        let spelling_follows = words.get(i + 1..).and_then(spelled).is_some();
        if parts.len() == 3 || (ends_clause && !spelling_follows) {
            i += 1;
            break;
        }
        i += 1;
    }
    if parts.is_empty() {
        None
    } else {
        Some((parts.join(" "), i))
    }
}

/// Words that end or rule out a name after "I'm" / "this is".
const NOT_NAMES: &[&str] = &[
    "only",
    "other",
    "line",
    "small",
    "capital",
    "lowercase",
    "uppercase",
    "letter",
    "letters",
    "words",
    "word",
    "go",
    "buy",
    "hang",
    "sec",
    "second",
    "minute",
    "moment",
    "ticket",
    "tickets",
    "seat",
    "seats",
    "name",
    "last",
    "surname",
    "that's",
    "dear",
    "honey",
    "sweetie",
    "wrong",
    "right",
    "correct",
    "our",
    "your",
    "their",
    "his",
    "her",
    "day",
    "alright",
    "hola",
    "bonjour",
    "aloha",
    "namaste",
    "hafa",
    "salaam",
    "shalom",
    "ciao",
    "konnichiwa",
    "buenos",
    "buenas",
    "guten",
    "pronounced",
    "said",
    "sounds",
    "hiya",
    "heya",
    "spelled",
    "spelt",
    "whats",
    "what's",
    "up",
    "yo",
    "sup",
    "howdy",
    "excuse",
    "reserve",
    "student",
    "retired",
    "single",
    "married",
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "so",
    "to",
    "from",
    "in",
    "on",
    "at",
    "for",
    "with",
    "flying",
    "fly",
    "going",
    "looking",
    "traveling",
    "travelling",
    "trying",
    "calling",
    "planning",
    "hoping",
    "thinking",
    "wanting",
    "leaving",
    "heading",
    "interested",
    "flexible",
    "not",
    "sure",
    "good",
    "fine",
    "great",
    "ok",
    "okay",
    "here",
    "just",
    "ready",
    "done",
    "back",
    "booking",
    "book",
    "want",
    "need",
    "would",
    "like",
    "round",
    "one",
    "trip",
    "way",
    "please",
    "thanks",
    "thank",
    "you",
    "yes",
    "no",
    "hi",
    "hello",
    "hey",
    "me",
    "my",
    "we",
    "us",
    "i",
    "i'd",
    "i'm",
    "it",
    "is",
    "was",
    "be",
    "been",
    "very",
    "really",
    "also",
    "too",
    "free",
    "available",
    "coming",
    "returning",
    "departing",
    "staying",
    "moving",
    "visiting",
    "new",
    "first",
    "business",
    "economy",
    "premium",
    "class",
    "tomorrow",
    "today",
    "next",
    "this",
    "that",
    "there",
    "what",
    "which",
    "who",
    "how",
    "when",
    "where",
    "why",
    "can",
    "could",
    "will",
    "should",
    "actually",
    "sorry",
    "wait",
    "um",
    "uh",
    "alex",
    "united",
    "cancel",
    "start",
    "over",
    "again",
    "help",
    "passenger",
    "passengers",
    "people",
    "afraid",
    "glad",
    "happy",
    "calling",
    "about",
    "after",
    "before",
    "still",
    "now",
    "currently",
    "around",
    "near",
    "based",
    "located",
    "originally",
    "hungry",
    "tired",
    "late",
    "early",
    "nonstop",
    "option",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::keys;

    fn w(text: &str) -> Vec<String> {
        keys(text)
    }

    #[test]
    fn names_from_introductions() {
        let text = "Hi, I'm Priya Patel, round trip from San Francisco";
        let orig: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(
            name(&orig, &w(text), None, false).map(|h| h.name).as_deref(),
            Some("Priya Patel")
        );
        let text = "I'm flying to Denver";
        let orig: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(name(&orig, &w(text), None, false), None);
        let text = "sam o'neil";
        let orig: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(
            name(&orig, &w(text), Some(Slot::Name), false).map(|h| h.name).as_deref(),
            Some("Sam O'Neil")
        );
    }

    #[test]
    fn passenger_counts() {
        assert_eq!(passengers(&w("two of us flying business"), None), Some(2));
        assert_eq!(passengers(&w("for 3 people"), None), Some(3));
        assert_eq!(passengers(&w("me and my wife"), None), Some(2));
        assert_eq!(passengers(&w("me and my two kids"), None), Some(3));
        assert_eq!(passengers(&w("just me"), None), Some(1));
        assert_eq!(passengers(&w("a family of four"), None), Some(4));
        assert_eq!(passengers(&w("twelve passengers"), None), Some(12));
        assert_eq!(passengers(&w("a one way ticket"), None), None);
    }

    #[test]
    fn option_choices() {
        assert_eq!(option_choice(&w("option two")), Some(OptionChoice::Position(2)));
        assert_eq!(option_choice(&w("the first one")), Some(OptionChoice::Position(1)));
        assert_eq!(option_choice(&w("the cheaper one")), Some(OptionChoice::Cheapest));
        assert_eq!(option_choice(&w("the 8 am")), Some(OptionChoice::Time(480)));
        assert_eq!(option_choice(&w("the 2:30 pm one")), Some(OptionChoice::Time(870)));
        assert_eq!(option_choice(&w("the last one")), Some(OptionChoice::Last));
        assert_eq!(option_choice(&w("hello there")), None);
    }

    #[test]
    fn cabins_after_a_change_verb() {
        assert_eq!(cabin(&w("no, make it business"), None), Some(Cabin::Business));
        assert_eq!(cabin(&w("actually switch to first"), None), Some(Cabin::First));
        assert_eq!(cabin(&w("make it the first one"), None), None);
    }

    #[test]
    fn cabins_need_context_for_bare_words() {
        assert_eq!(cabin(&w("business class please"), None), Some(Cabin::Business));
        assert_eq!(cabin(&w("the first one"), None), None);
        assert_eq!(cabin(&w("first"), Some(Slot::Cabin)), Some(Cabin::First));
        assert_eq!(cabin(&w("a business trip"), None), None);
    }

    #[test]
    fn yes_and_no() {
        assert!(is_yes(&w("yes please")));
        assert!(is_yes(&w("that's right")));
        assert!(!is_yes(&w("no thanks")));
        assert!(is_no(&w("nope")) || is_no(&w("no")));
    }
}
