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
pub(super) fn split_inferred(u: &Understanding) -> (Understanding, Option<Understanding>) {
    let mut now = u.clone();
    if u.inferred.is_empty() {
        return (now, None);
    }
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
    (now, held.has_entities().then_some(held))
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
        let plain = !u.has_entities();
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
            _ => false,
        }
    }
}
