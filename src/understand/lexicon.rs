//! Words shared by the rules and by the grounding of model answers, so both tiers agree on
//! what counts as talk about a cabin, a companion or an introduction.

use crate::trip::{Cabin, TripType};

/// People a caller travels with ("me and my wife").
pub const COMPANIONS: &[&str] = &[
    "wife",
    "husband",
    "partner",
    "friend",
    "friends",
    "son",
    "daughter",
    "kid",
    "kids",
    "child",
    "children",
    "mom",
    "mother",
    "dad",
    "father",
    "parents",
    "brother",
    "sister",
    "colleague",
    "colleagues",
    "boyfriend",
    "girlfriend",
    "fiance",
    "fiancee",
    "boss",
    "buddy",
    "spouse",
    "family",
    "girl",
    "boy",
    "guys",
    "folks",
    "twins",
    "baby",
    "grandma",
    "grandpa",
    "grandmother",
    "grandfather",
    "grandson",
    "granddaughter",
    "grandkids",
    "nephew",
    "niece",
    "cousin",
    "aunt",
    "uncle",
    "in-laws",
];

/// Other words about who is flying (with [`COMPANIONS`]).
pub const PARTY_WORDS: &[&str] = &[
    "myself",
    "alone",
    "solo",
    "people",
    "adults",
    "passengers",
    "passenger",
    "tickets",
    "seats",
    "both",
    "couple",
];

/// Words that speak of a group travelling ("we", "our", "the kids"), with [`COMPANIONS`].
pub const GROUP_WORDS: &[&str] = &[
    "we",
    "we're",
    "were",
    "we'll",
    "we'd",
    "us",
    "our",
    "together",
    "group",
    "both",
    "honeymoon",
    "team",
    "crew",
    "choir",
];

/// Phrases that introduce the caller's name ("my name is", "this is", "i'm").
pub const NAME_INTROS: &[&str] = &[
    "my name is",
    "my name's",
    "my name",
    "name is",
    "name's",
    "name should be",
    "name to",
    "the name is",
    "i'm",
    "i am",
    "this is",
    "call me",
    "im",
    "ticket's for",
    "ticket is for",
    "tickets are for",
    "traveler is",
    "traveller is",
    "passenger is",
    "passenger's name is",
    "surname is",
    "surname's",
    "name on the ticket is",
    "booking is for",
    "travel for my boss",
    "flying is",
];

/// Words a caller uses when talking about each cabin.
pub fn cabin_words(cabin: Cabin) -> &'static [&'static str] {
    match cabin {
        Cabin::Economy => &[
            "economy", "coach", "main", "basic", "cheap", "cheapest", "cheaper", "standard",
            "regular",
        ],
        Cabin::PremiumEconomy => &["premium", "plus", "comfort"],
        Cabin::Business => &["business", "polaris"],
        Cabin::First => &["first"],
    }
}

/// Words a caller uses when talking about each trip type.
pub fn trip_words(trip: TripType) -> &'static [&'static str] {
    match trip {
        TripType::OneWay => {
            &["one", "way", "oneway", "single", "only", "just", "not", "no", "dont", "staying"]
        }
        TripType::RoundTrip => {
            &["round", "roundtrip", "return", "returning", "back", "both", "ways"]
        }
    }
}
