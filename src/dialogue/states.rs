//! Where the conversation is, and the booking form (the Rasa forms idea): the required slots
//! as data, each with its question, gentle re-prompt and hint, asked in table order when
//! missing. A new required slot is one row here, not a new state and new match arms.

use crate::booking::Booking;
use crate::trip::TripType;
use crate::understand::Slot;

/// Where the conversation is. The snake_case names are stable (harness, JS API, UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    Greeting,
    /// Asking for one slot of the [`FORM`].
    Collecting(Slot),
    ConfirmingDetails,
    FlexibleSearch,
    PresentingOptions,
    ConfirmingSelection,
    BookingComplete,
    Cancelled,
}

wire_names!(State {
    Greeting => "greeting",
    Collecting(Slot::Name) => "collecting_name",
    Collecting(Slot::Origin) => "collecting_origin",
    Collecting(Slot::Destination) => "collecting_destination",
    Collecting(Slot::TripType) => "collecting_trip_type",
    Collecting(Slot::DepartureDate) => "collecting_departure_date",
    Collecting(Slot::ReturnDate) => "collecting_return_date",
    Collecting(Slot::Passengers) => "collecting_passengers",
    Collecting(Slot::Cabin) => "collecting_cabin",
    Collecting(Slot::Traveller) => "collecting_traveller",
    Collecting(Slot::BirthDate) => "collecting_birth_date",
    Collecting(Slot::Gender) => "collecting_gender",
    Collecting(Slot::Contact) => "collecting_contact",
    Collecting(Slot::Locator) => "collecting_locator",
    ConfirmingDetails => "confirming_details",
    FlexibleSearch => "flexible_search",
    PresentingOptions => "presenting_options",
    ConfirmingSelection => "confirming_selection",
    BookingComplete => "booking_complete",
    Cancelled => "cancelled",
} unnamed => "collecting");

impl State {
    /// The slot Alex is waiting for in this state (what a bare answer fills).
    pub fn expecting(self) -> Option<Slot> {
        match self {
            State::Greeting => Some(Slot::Name),
            State::Collecting(slot) => Some(slot),
            State::FlexibleSearch => Some(Slot::DepartureDate),
            State::PresentingOptions | State::ConfirmingSelection => Some(Slot::Flight),
            State::ConfirmingDetails | State::BookingComplete | State::Cancelled => None,
        }
    }
}

/// One required slot of the booking: how Alex asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormSlot {
    pub slot: Slot,
    /// The question when the slot is first asked.
    pub question: &'static str,
    /// A gentler, shorter re-ask (after silence).
    pub reprompt: &'static str,
    /// What Alex understands here, after repeated misunderstandings.
    pub hint: &'static str,
}

/// The slots a booking needs, in the order Alex asks for them. Passengers are asked only when
/// the caller spoke of others ("we", "my wife", "the kids") without a count: otherwise one is
/// assumed and said in the summary (measured on the unscripted calls: asking everyone adds a
/// turn to every call; asking no one makes families correct the summary).
pub const FORM: &[FormSlot] = &[
    FormSlot {
        slot: Slot::Name,
        question: "May I have your name, please?",
        reprompt: "Could I get your name?",
        hint: "Just your first and last name is fine.",
    },
    FormSlot {
        slot: Slot::Origin,
        question: "Where will you be flying from?",
        reprompt: "Which city are you leaving from?",
        hint: "You can say a city or an airport, like Chicago or JFK.",
    },
    FormSlot {
        slot: Slot::Destination,
        question: "And where are you flying to?",
        reprompt: "Where would you like to go?",
        hint: "You can say a city or an airport, like Chicago or JFK.",
    },
    FormSlot {
        slot: Slot::TripType,
        question: "Is this a round trip, or one way?",
        reprompt: "Round trip, or one way?",
        hint: "Just say round trip or one way.",
    },
    FormSlot {
        slot: Slot::DepartureDate,
        question: "What day would you like to leave?",
        reprompt: "When would you like to fly out?",
        hint: "You can say a date like December fifteenth, or next Friday.",
    },
    FormSlot {
        slot: Slot::ReturnDate,
        question: "And what day would you like to come back?",
        reprompt: "When would you like to fly back?",
        hint: "You can say a date like December fifteenth, or next Friday.",
    },
    FormSlot {
        slot: Slot::Passengers,
        question: "How many people are traveling?",
        reprompt: "How many travelers?",
        hint: "Just say a number, like two.",
    },
    FormSlot {
        slot: Slot::Cabin,
        question: "Which cabin would you like: economy, premium economy, business, or first?",
        reprompt: "Economy, premium economy, business, or first?",
        hint: "Just say economy, premium economy, business, or first.",
    },
];

/// The form's row for a slot.
pub fn form_slot(slot: Slot) -> Option<&'static FormSlot> {
    FORM.iter().find(|f| f.slot == slot)
}

/// True when the booking still needs this slot. A ticket needs a first and a last name, so a
/// single name is still missing until the caller has been asked for the rest
/// (`single_name_ok`).
fn missing(slot: Slot, b: &Booking, single_name_ok: bool) -> bool {
    match slot {
        Slot::Name => b.name.as_ref().is_none_or(|n| !n.contains(' ') && !single_name_ok),
        Slot::Origin => b.origin.is_none(),
        Slot::Destination => b.destination.is_none(),
        Slot::TripType => b.trip_type.is_none(),
        Slot::DepartureDate => b.departure_date.is_none(),
        Slot::ReturnDate => b.trip_type == Some(TripType::RoundTrip) && b.return_date.is_none(),
        Slot::Cabin => b.cabin.is_none(),
        // One traveller is assumed (and said in the summary) unless the caller spoke of others.
        Slot::Passengers => b.others_mentioned && !b.passengers_given,
        Slot::Flight
        | Slot::Traveller
        | Slot::BirthDate
        | Slot::Gender
        | Slot::Contact
        | Slot::Locator => false,
    }
}

/// The first slot still missing, in form order, or the summary.
pub fn next_missing(b: &Booking, single_name_ok: bool) -> State {
    FORM.iter()
        .find(|f| missing(f.slot, b, single_name_ok))
        .map_or(State::ConfirmingDetails, |f| State::Collecting(f.slot))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_name_round_trips() {
        for &state in State::ALL {
            assert_eq!(State::from_name(state.as_str()), Some(state));
        }
        assert_eq!(State::ALL.len(), 20);
    }

    #[test]
    fn every_form_slot_has_a_state_name() {
        for f in FORM {
            let state = State::Collecting(f.slot);
            assert!(State::ALL.contains(&state), "{:?}", f.slot);
            assert_eq!(state.expecting(), Some(f.slot));
        }
    }

    #[test]
    fn the_form_is_asked_in_order() {
        let mut b = Booking::default();
        assert_eq!(next_missing(&b, false), State::Collecting(Slot::Name));
        b.name = Some("Ann".into());
        assert_eq!(next_missing(&b, false), State::Collecting(Slot::Name), "the last name");
        assert_eq!(next_missing(&b, true), State::Collecting(Slot::Origin));
        b.name = Some("Ann Lee".into());
        assert_eq!(next_missing(&b, false), State::Collecting(Slot::Origin));
    }
}
