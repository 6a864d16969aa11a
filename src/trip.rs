//! The shared vocabulary of a trip: trip types, cabins, the passenger limit and how a caller
//! picks an offer. A leaf module (it imports nothing of ours), so booking, offers, understanding
//! and the dialogue can all speak of these without importing each other.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TripType {
    OneWay,
    RoundTrip,
}

wire_names!(TripType {
    OneWay => "one_way",
    RoundTrip => "round_trip",
});

impl TripType {
    /// As Alex says it.
    pub fn spoken(self) -> &'static str {
        match self {
            TripType::OneWay => "one way",
            TripType::RoundTrip => "round trip",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cabin {
    Economy,
    PremiumEconomy,
    Business,
    First,
}

wire_names!(Cabin {
    Economy => "economy",
    PremiumEconomy => "premium_economy",
    Business => "business",
    First => "first",
});

impl Cabin {
    /// As Alex says it.
    pub fn spoken(self) -> &'static str {
        match self {
            Cabin::Economy => "economy",
            Cabin::PremiumEconomy => "premium economy",
            Cabin::Business => "business",
            Cabin::First => "first class",
        }
    }
}

/// Most passengers one booking takes (larger groups go to the group desk).
pub const MAX_PASSENGERS: u8 = 9;

/// The gender on a traveller's ID: airlines need it for security screening (the US Secure
/// Flight rules); "x" is the unspecified marker some IDs carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Female,
    Male,
    Unspecified,
}

wire_names!(Gender {
    Female => "f",
    Male => "m",
    Unspecified => "x",
});

impl Gender {
    /// As Alex says it.
    pub fn spoken(self) -> &'static str {
        match self {
            Gender::Female => "female",
            Gender::Male => "male",
            Gender::Unspecified => "unspecified",
        }
    }
}

/// How the caller picked among presented offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "by", content = "value")]
pub enum OptionChoice {
    /// 1-based position ("the first one", "option two").
    Position(u8),
    Last,
    Cheapest,
    Fastest,
    Earliest,
    Latest,
    Nonstop,
    /// Departure time in minutes after midnight ("the 8 am").
    Time(u16),
    /// A departure in this part of the day ("the morning one").
    DayPart(DayPart),
}

/// Parts of the day a caller picks a flight by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayPart {
    /// Before noon.
    Morning,
    /// Noon to 5 pm.
    Afternoon,
    /// From 5 pm.
    Evening,
}

impl DayPart {
    /// Departure minutes after midnight that fall in this part of the day.
    pub fn minutes(self) -> std::ops::Range<u32> {
        match self {
            DayPart::Morning => 0..12 * 60,
            DayPart::Afternoon => 12 * 60..17 * 60,
            DayPart::Evening => 17 * 60..24 * 60,
        }
    }

    /// As Alex says it.
    pub fn spoken(self) -> &'static str {
        match self {
            DayPart::Morning => "morning",
            DayPart::Afternoon => "afternoon",
            DayPart::Evening => "evening",
        }
    }
}
