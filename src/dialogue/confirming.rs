//! Confirmation by confidence: a value the caller said plainly is taken and acknowledged
//! ("Got it, to Denver"); a value Alex inferred (a date from a fragment or said roughly, an
//! airport near where the caller lives) is held and confirmed first ("Leaving Friday,
//! December fourth, is that right?"). Yes applies it, no asks the question again, anything
//! else the caller says goes on as usual.

use super::{slots, Conversation, State};
use crate::booking::BookingView;
use crate::understand::{Intent, Slot, Understanding};

/// Splits `u` into what can be taken now and what waits for a yes (`None` when nothing was
/// inferred). A value that did not validate is never held: its problem is said at once.
pub(super) fn split_inferred(
    u: &Understanding,
) -> (std::borrow::Cow<'_, Understanding>, Option<Understanding>) {
    if u.inferred.is_empty() {
        return (std::borrow::Cow::Borrowed(u), None);
    }
    let mut now = u.clone();
    let mut held = Understanding {
        intent: u.intent,
        confidence: u.confidence,
        correction_target: u.correction_target,
        cleaned: u.cleaned.clone(),
        ..Understanding::default()
    };
    for slot in &u.inferred {
        match slot {
            Slot::DepartureDate if now.departure_date.as_ref().is_some_and(Result::is_ok) => {
                held.departure_date = now.departure_date.take();
            }
            Slot::ReturnDate if now.return_date.as_ref().is_some_and(Result::is_ok) => {
                held.return_date = now.return_date.take();
            }
            Slot::Origin if now.origin.as_ref().is_some_and(Result::is_ok) => {
                held.origin = now.origin.take();
            }
            Slot::Destination if now.destination.as_ref().is_some_and(Result::is_ok) => {
                held.destination = now.destination.take();
            }
            _ => {}
        }
        if matches!(slot, Slot::DepartureDate | Slot::ReturnDate) && held.date.is_none() {
            held.date = now.date.take();
        }
    }
    now.inferred.clear();
    (std::borrow::Cow::Owned(now), held.has_entities().then_some(held))
}

impl Conversation {
    /// The booking as it would be if the caller says yes to the value held for confirmation.
    pub fn pending_preview(&self) -> Option<BookingView> {
        let held = self.pending.as_ref()?;
        let mut booking = self.booking.clone();
        let mut recent = self.recent;
        slots::fill(&mut booking, &mut recent, held, self.config.today);
        Some(booking.view())
    }

    /// "Leaving Friday, December fourth, is that right?", or `None` when the held value would
    /// change nothing (it is then dropped).
    pub(super) fn confirmation_question(&mut self) -> Option<String> {
        let held = self.pending.as_ref()?;
        let mut booking = self.booking.clone();
        let mut recent = self.recent;
        let outcome = slots::fill(&mut booking, &mut recent, held, self.config.today);
        if outcome.parts.is_empty() {
            self.pending = None;
            return None;
        }
        let text = super::reply::join_and(&outcome.parts);
        Some(format!("{}, is that right?", crate::case::upper_first(&text)))
    }

    /// A turn while a value waits for confirmation. Returns true when the turn was the answer.
    pub(super) fn answer_confirmation(
        &mut self,
        u: &Understanding,
        said: &mut Vec<String>,
    ) -> bool {
        let Some(held) = self.pending.take() else { return false };
        // "No, that's not it, dear" while Alex was asking for a name is still a plain no.
        let plain = !Understanding { name: None, ..u.clone() }.has_entities();
        match u.intent() {
            Intent::ConfirmYes if plain => {
                let was = self.state;
                let outcome = self.fill_now(&held);
                self.misunderstood = 0;
                said.push("Great.".to_string());
                said.extend(outcome.problems);
                self.state = self.next_missing();
                let searching =
                    matches!(was, State::PresentingOptions | State::ConfirmingSelection);
                if searching && self.state == State::ConfirmingDetails {
                    self.search(said);
                } else {
                    said.push(self.prompt());
                }
                true
            }
            Intent::ConfirmNo if plain => {
                said.push("Sorry about that.".to_string());
                said.push(self.prompt());
                true
            }
            // Something else said instead: it goes on as usual; a question or small talk
            // keeps the value waiting.
            // A question, small talk or words Alex did not follow keep the value waiting;
            // anything else (a choice, a command) moves on without it.
            Intent::Question | Intent::SmallTalk | Intent::Repeat | Intent::Other if plain => {
                self.pending = Some(held);
                false
            }
            // "make it business" while a date waits: the cabin changes and the date is still
            // asked about; only a new value for the same slot replaces it.
            Intent::ProvideInfo | Intent::Correction
                if !HELD_SLOTS.iter().any(|s| held.heard(*s) && u.heard(*s))
                    && !(u.date.is_some()
                        && (held.heard(Slot::DepartureDate) || held.heard(Slot::ReturnDate)))
                    && !(u.place.is_some()
                        && (held.heard(Slot::Origin) || held.heard(Slot::Destination))) =>
            {
                self.pending = Some(held);
                false
            }
            _ => false,
        }
    }
}

/// The slots a held value can carry.
const HELD_SLOTS: [Slot; 4] =
    [Slot::Origin, Slot::Destination, Slot::DepartureDate, Slot::ReturnDate];

/// Words that say which end of the trip a value belongs to.
const LEAVE_WORDS: &[&str] =
    &["leave", "leaving", "departure", "depart", "departing", "out", "outbound", "going", "first"];
const BACK_WORDS: &[&str] = &["back", "return", "returning", "home", "coming", "come"];
const FROM_WORDS: &[&str] = &["from", "origin", "leaving", "start", "starting", "departing"];
const TO_WORDS: &[&str] =
    &["to", "going", "destination", "visiting", "arriving", "headed", "heading"];

impl Conversation {
    /// After "what would you like to change?", a bare date on a round trip or a place that
    /// is neither end yet could be either: Alex asks which instead of guessing.
    pub(super) fn ask_which(&mut self, u: &Understanding, said: &mut Vec<String>) -> bool {
        let b = &self.booking;
        let round_trip = b.trip_type == Some(crate::trip::TripType::RoundTrip);
        let only_date = u.date.is_some() && u.departure_date.is_none() && u.return_date.is_none();
        if only_date && round_trip && b.departure_date.is_some() && b.return_date.is_some() {
            let Some(Ok(date)) = u.date.as_ref().map(|e| e.resolve(self.config.today, None)) else {
                return false;
            };
            self.which = Some(u.clone());
            said.push(format!(
                "Is {} the day you leave, or the day you come back?",
                crate::dates::spoken(date)
            ));
            return true;
        }
        let only_place = u.origin.is_none() && u.destination.is_none();
        if let (true, Some(Ok(place))) = (only_place, &u.place) {
            let overlaps = |p: &Option<crate::places::Place>| {
                p.as_ref().is_some_and(|p| {
                    p.code == place.code
                        || p.airports.contains(&place.code)
                        || place.airports.contains(&p.code)
                })
            };
            if !overlaps(&b.origin) && !overlaps(&b.destination) {
                self.which = Some(u.clone());
                said.push(format!(
                    "Is {} where you're flying from, or where you're going?",
                    place.name
                ));
                return true;
            }
        }
        false
    }

    /// The answer to [`Self::ask_which`]: the held value goes where the caller says.
    pub(super) fn answer_which(&mut self, u: &Understanding, said: &mut Vec<String>) -> bool {
        let Some(mut held) = self.which.take() else { return false };
        let words = crate::text::keys(&u.cleaned);
        let says = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        let target = if held.date.is_some() {
            match u.correction_target {
                Some(s @ (Slot::DepartureDate | Slot::ReturnDate)) => Some(s),
                _ if says(BACK_WORDS) => Some(Slot::ReturnDate),
                _ if says(LEAVE_WORDS) => Some(Slot::DepartureDate),
                _ => None,
            }
        } else {
            match u.correction_target {
                Some(s @ (Slot::Origin | Slot::Destination)) => Some(s),
                _ if says(FROM_WORDS) => Some(Slot::Origin),
                _ if says(TO_WORDS) => Some(Slot::Destination),
                _ => None,
            }
        };
        let Some(target) = target else { return false };
        held.correction_target = Some(target);
        held.intent = Some(Intent::Correction);
        self.collect(&held, said);
        true
    }
}
