//! Understanding one caller utterance: speech-recognition fixes, then rules that work with no
//! network (intent + slots), optionally improved by a checked LLM answer ([`llm`]).
//!
//! The result carries every entity already validated by our own date parser and place table,
//! so the dialogue never sees an unchecked city or date.

pub mod details;
mod extract;
pub mod injection;
pub mod lexicon;
pub mod llm;
pub mod rules;
pub mod speech_fixes;
pub mod talk;
pub mod view;

use crate::dates::{Date, DateError, DateExpr};
use crate::places::{Place, PlaceError};
use crate::trip::{Cabin, OptionChoice, TripType};
use serde::{Deserialize, Serialize};

/// What the caller is doing with this utterance. The snake_case names are shared with the LLM
/// answer schema and the harness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Intent {
    ProvideInfo,
    Correction,
    ConfirmYes,
    ConfirmNo,
    SelectOption,
    Question,
    GoBack,
    StartOver,
    Cancel,
    FlexibleDates,
    /// "Any others?": the next options.
    MoreOptions,
    /// "Say that again", "read them again": the last question or read-out once more.
    Repeat,
    /// "Hi", "how are you", "thanks", "hold on": answered in kind, then the question again.
    SmallTalk,
    /// "What's my confirmation number?", "check my booking K7QX2M": a booking already made.
    MyBooking,
    Other,
}

wire_names!(Intent {
    ProvideInfo => "provide_info",
    Correction => "correction",
    ConfirmYes => "confirm_yes",
    ConfirmNo => "confirm_no",
    SelectOption => "select_option",
    Question => "question",
    GoBack => "go_back",
    StartOver => "start_over",
    Cancel => "cancel",
    FlexibleDates => "flexible_dates",
    MoreOptions => "more_options",
    Repeat => "repeat",
    SmallTalk => "small_talk",
    MyBooking => "my_booking",
    Other => "other",
});

/// A booking slot: what Alex is asking for, or what a correction targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Name,
    Origin,
    Destination,
    TripType,
    DepartureDate,
    ReturnDate,
    Passengers,
    Cabin,
    Flight,
    /// The ticket's details, asked once a flight is chosen: another traveller's full name, a
    /// date of birth, the gender on the ID, an email or phone for the ticket.
    Traveller,
    BirthDate,
    Gender,
    Contact,
    /// A record locator, to find a booking already made.
    Locator,
}

wire_names!(Slot {
    Name => "name",
    Origin => "origin",
    Destination => "destination",
    TripType => "trip_type",
    DepartureDate => "departure_date",
    ReturnDate => "return_date",
    Passengers => "passengers",
    Cabin => "cabin",
    Flight => "option",
    Traveller => "traveller",
    BirthDate => "birth_date",
    Gender => "gender",
    Contact => "contact",
    Locator => "locator",
});

/// A question asked mid-flow; answered without touching the booking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "about")]
pub enum Question {
    /// "What airports are in Chicago?"
    AirportsIn { place: Place },
    /// "What do I have so far?"
    BookingSoFar,
    /// "What can you do?", "help"
    Help,
    /// Bags, pets, seats, changes, a human, how long, nonstop, price, which airport...
    About { topic: talk::Topic },
    /// "Which one is cheapest?", "are any of them nonstop?", "what's the last one?": the
    /// offer that fits is described, not booked.
    AboutOption { choice: OptionChoice },
}

/// What the rules know about the conversation when reading an utterance.
#[derive(Debug, Clone, PartialEq)]
pub struct Context {
    pub today: Date,
    /// The slot Alex just asked for: a bare "Chicago" or "the 15th" fills this one.
    pub expecting: Option<Slot>,
    /// The booking's departure date: anchor for "a week later" and return validation.
    pub departure_date: Option<Date>,
    /// The caller's full name is known: "I'm X" no longer introduces a name ("I am student",
    /// "I'm starting out"); only "my name is X" and the like change it.
    pub name_known: bool,
    /// When the caller already said roughly when ("next week", "in January"): a bare "Wednesday"
    /// or "the 20th" is read inside it.
    pub period: Option<crate::dates::DatePeriod>,
    /// Alex just asked "what would you like to change?": a bare number is the passengers, a
    /// bare date or place is left for the dialogue to place.
    pub open_change: bool,
    /// The countries of the trip's ends already in the booking: a name shared by places in
    /// different countries is read as the one in the other end's country ("St. Petersburg"
    /// with Milwaukee is Florida's), and confirmed.
    pub origin_country: Option<String>,
    pub destination_country: Option<String>,
}

impl Context {
    /// A fresh call's context: nothing asked yet, nothing known (one utterance read alone).
    pub fn new(today: Date) -> Context {
        Context {
            today,
            expecting: None,
            departure_date: None,
            name_known: false,
            period: None,
            open_change: false,
            origin_country: None,
            destination_country: None,
        }
    }

    /// The same, with Alex waiting for `slot`.
    pub fn expecting(today: Date, slot: Option<Slot>) -> Context {
        Context { expecting: slot, ..Context::new(today) }
    }
}

/// Which tier decided a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tier {
    Rules,
    Llm,
    RulesAfterLlmFailure,
}

wire_names!(Tier {
    Rules => "rules",
    Llm => "llm",
    RulesAfterLlmFailure => "rules_after_llm_failure",
});

/// Everything one utterance says, every entity already checked by our parser and table.
/// `Some(Err(..))` means the caller said something for that slot that did not validate
/// (an unknown city, a past date): the dialogue re-asks naming it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Understanding {
    pub intent: Option<Intent>,
    /// 0.0-1.0: how sure the rules (or the merged LLM answer) are.
    pub confidence: f32,
    pub name: Option<String>,
    pub origin: Option<Result<Place, PlaceError>>,
    pub destination: Option<Result<Place, PlaceError>>,
    pub departure_date: Option<Result<Date, DateError>>,
    pub return_date: Option<Result<Date, DateError>>,
    pub trip_type: Option<TripType>,
    pub passengers: Option<u8>,
    pub cabin: Option<Cabin>,
    pub option: Option<OptionChoice>,
    /// "the one at noon, direct": nonstop asked for beside another way of choosing.
    pub nonstop_too: bool,
    pub correction_target: Option<Slot>,
    pub question: Option<Question>,
    /// A place said without "from"/"to" when Alex was not asking for a place ("actually, make
    /// that Chicago"): the dialogue decides which slot it corrects.
    pub place: Option<Result<Place, PlaceError>>,
    /// Likewise a date said with no cue while Alex was not asking for a date; kept unresolved
    /// because a return date resolves against the departure.
    pub date: Option<DateExpr>,
    /// "first thing Saturday morning": when in the day the caller wants to leave.
    pub departure_part: Option<crate::trip::DayPart>,
    /// A stretch of days named without a day ("next week"): kept for the next answer.
    pub period: Option<crate::dates::DatePeriod>,
    /// Slots whose value was inferred rather than said plainly (a date from a fragment or
    /// said approximately, a place near where the caller lives): confirmed before use.
    pub inferred: Vec<Slot>,
    /// The caller spoke of others travelling ("we", "my wife", "the kids").
    pub others_mentioned: bool,
    /// Small talk heard (with no booking information in the same words).
    pub small_talk: Option<talk::SmallTalk>,
    /// The words tried to override Alex's instructions: nothing in them may change the booking.
    pub injection: bool,
    /// The caller's words after speech fixes and filler removal.
    pub cleaned: String,
    /// Ticket details heard (only read when Alex asked for them, or a locator with its cue).
    pub details: Details,
}

/// The ticket details one utterance gave (see [`details`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Details {
    /// Another traveller's full name.
    pub traveller: Option<String>,
    pub born_on: Option<Result<Date, crate::dates::birth::BirthDateProblem>>,
    pub gender: Option<crate::trip::Gender>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub locator: Option<String>,
}

impl Details {
    pub fn any(&self) -> bool {
        self.traveller.is_some()
            || self.born_on.is_some()
            || self.gender.is_some()
            || self.email.is_some()
            || self.phone.is_some()
            || self.locator.is_some()
    }
}

impl Understanding {
    pub fn intent(&self) -> Intent {
        self.intent.unwrap_or(Intent::Other)
    }
    /// True when the utterance said something (valid or not) for `slot`.
    pub fn heard(&self, slot: Slot) -> bool {
        match slot {
            Slot::Name => self.name.is_some(),
            Slot::Origin => self.origin.is_some(),
            Slot::Destination => self.destination.is_some(),
            Slot::TripType => self.trip_type.is_some(),
            Slot::DepartureDate => self.departure_date.is_some(),
            Slot::ReturnDate => self.return_date.is_some(),
            Slot::Passengers => self.passengers.is_some(),
            Slot::Cabin => self.cabin.is_some(),
            Slot::Flight => self.option.is_some(),
            Slot::Traveller => self.details.traveller.is_some(),
            Slot::BirthDate => self.details.born_on.is_some(),
            Slot::Gender => self.details.gender.is_some(),
            Slot::Contact => self.details.email.is_some() || self.details.phone.is_some(),
            Slot::Locator => self.details.locator.is_some(),
        }
    }

    /// True when any booking entity (valid or not) was heard.
    pub fn has_entities(&self) -> bool {
        self.name.is_some()
            || self.origin.is_some()
            || self.destination.is_some()
            || self.departure_date.is_some()
            || self.return_date.is_some()
            || self.trip_type.is_some()
            || self.passengers.is_some()
            || self.cabin.is_some()
            || self.place.is_some()
            || self.date.is_some()
    }
}

/// Understand one utterance with the rules alone (no network). Never panics; bounded work.
pub fn understand(text: &str, context: &Context) -> Understanding {
    let mut u = extract::extract(text, context);
    read_details(text, context, &mut u);
    u
}

/// Ticket details and booking look-ups: read only where Alex asked for them (a date of birth
/// must never become a travel date, nor "female" anything else), plus a record locator or a
/// question about an existing booking anywhere.
fn read_details(text: &str, context: &Context, u: &mut Understanding) {
    if u.injection {
        return;
    }
    let asked = context.expecting;
    let d = &mut u.details;
    match asked {
        Some(Slot::BirthDate) => d.born_on = crate::dates::birth::birth_date(text, context.today),
        Some(Slot::Gender) => d.gender = details::gender(text),
        Some(Slot::Contact) => {
            d.email = details::email(text);
            d.phone = details::phone(text);
        }
        Some(Slot::Traveller) => {
            let as_name = Context { expecting: Some(Slot::Name), ..context.clone() };
            d.traveller = u.name.take().or_else(|| extract::extract(text, &as_name).name);
        }
        _ => {}
    }
    // Asked for once: both tests below use it (never needed when a locator was asked for).
    let about_booking = asked != Some(Slot::Locator) && details::about_my_booking(text);
    if asked == Some(Slot::Locator) || about_booking {
        d.locator = details::locator(text);
    }
    let detail_asked = matches!(
        asked,
        Some(Slot::BirthDate | Slot::Gender | Slot::Contact | Slot::Traveller | Slot::Locator)
    );
    if detail_asked && d.any() {
        // The answer to the question asked: nothing else in these words changes the trip.
        let keep = std::mem::take(&mut u.details);
        let cleaned = std::mem::take(&mut u.cleaned);
        *u = Understanding {
            intent: Some(Intent::ProvideInfo),
            confidence: 0.95,
            details: keep,
            cleaned,
            ..Understanding::default()
        };
    } else if detail_asked && matches!(u.intent(), Intent::ProvideInfo | Intent::Correction) {
        // A date or place inside an answer we could not read is not a change of trip.
        u.departure_date = None;
        u.return_date = None;
        u.date = None;
        u.place = None;
        u.intent = Some(Intent::Other);
    }
    if !detail_asked && about_booking && !u.has_entities() && u.intent() != Intent::Cancel {
        u.intent = Some(Intent::MyBooking);
        u.confidence = u.confidence.max(0.9);
    }
}
