//! After the booking, and bookings made before: "what's my confirmation number?", "check my
//! booking K7QX2M", "cancel my booking" (asked to confirm first: it cannot be undone), and a
//! change (cancel and book again, with everything else the caller said kept).

use super::errands::Errand;
use super::{reply, Conversation, State};
use crate::understand::{Intent, Slot, Understanding};

impl Conversation {
    /// The booked call's own turns; false when this turn is not one of them.
    pub(super) fn after_booking(&mut self, u: &Understanding, said: &mut Vec<String>) -> bool {
        if std::mem::take(&mut self.cancel_asked) {
            match u.intent() {
                Intent::ConfirmYes => return self.cancel_stored(None, said),
                Intent::ConfirmNo => {
                    said.push("Okay, it stays booked.".to_string());
                    said.push(reply::question(State::BookingComplete).to_string());
                    return true;
                }
                _ => {}
            }
        }
        if let Some(change) = self.rebook_asked.take() {
            match u.intent() {
                Intent::ConfirmYes => return self.cancel_stored(Some(change), said),
                Intent::ConfirmNo => {
                    said.push("Okay, I'll leave it as it is.".to_string());
                    said.push(reply::question(State::BookingComplete).to_string());
                    return true;
                }
                _ => {}
            }
        }
        if self.state == State::Collecting(Slot::Locator) {
            return self.at_locator(u, said);
        }
        if let Some(locator) = self.finding.take() {
            // The answer to "the last name on the booking?": a name, or the last word said
            // ("Johnson" is also a town, so the name reader may pass on it).
            let last_word = || {
                u.cleaned
                    .split_whitespace()
                    .last()
                    .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                    .filter(|w| w.chars().count() > 1 && !w.chars().any(|c| c.is_ascii_digit()))
                    .map(str::to_string)
            };
            let last = u
                .name
                .as_deref()
                .and_then(|n| n.split_whitespace().last())
                .map(str::to_string)
                .or_else(|| {
                    (u.intent() == Intent::ProvideInfo || u.intent() == Intent::Other)
                        .then(last_word)
                        .flatten()
                });
            if let Some(last) = last {
                return self.find(locator, last, said);
            }
            if !matches!(u.intent(), Intent::Cancel | Intent::StartOver | Intent::ConfirmNo) {
                self.finding = Some(locator);
                said.push("Sorry, what's the last name on the booking?".to_string());
                return true;
            }
        }
        if u.intent() == Intent::MyBooking {
            return self.my_booking(u, said);
        }
        let booked = self.state == State::BookingComplete
            && self.record.as_ref().is_some_and(|r| !r.is_cancelled());
        if !booked {
            return false;
        }
        let code = self.record.as_ref().map(|r| reply::spell_code(&r.locator)).unwrap_or_default();
        if u.intent() == Intent::Cancel {
            self.cancel_asked = true;
            said.push(format!(
                "Just to be sure: shall I cancel booking {code}? This can't be undone."
            ));
            return true;
        }
        if u.intent() == Intent::Repeat {
            said.push(format!("Your confirmation code is {code}."));
            return true;
        }
        if u.has_entities() {
            self.rebook_asked = Some(u.clone());
            said.push(format!(
                "I can do that: I'll cancel booking {code} and find you a new flight, with everything else the same. Shall I go ahead?"
            ));
            return true;
        }
        false
    }

    /// "What's my confirmation number?" / "check my booking ...".
    fn my_booking(&mut self, u: &Understanding, said: &mut Vec<String>) -> bool {
        match (&u.details.locator, &self.record) {
            (Some(code), Some(record)) if *code == record.locator => {
                said.push(reply::stored_summary(record));
            }
            (Some(code), _) => return self.locator_given(code.clone(), said),
            (None, Some(record)) => {
                said.push(format!(
                    "Your confirmation code is {}.",
                    reply::spell_code(&record.locator)
                ));
                said.push(reply::stored_summary(record));
            }
            (None, None) => {
                self.resume_state = Some(self.state);
                self.state = State::Collecting(Slot::Locator);
                said.push(
                    "I can look that up. What's the six-character confirmation code?".to_string(),
                );
            }
        }
        true
    }

    fn at_locator(&mut self, u: &Understanding, said: &mut Vec<String>) -> bool {
        if let Some(code) = &u.details.locator {
            return self.locator_given(code.clone(), said);
        }
        // Not a code: the caller moved on (an answer to where the call was, a "no", or two
        // misses). Back to where the call was, and these words are read there.
        let moved_on = u.has_entities()
            || u.option.is_some()
            || matches!(
                u.intent(),
                Intent::ConfirmYes
                    | Intent::ConfirmNo
                    | Intent::SelectOption
                    | Intent::Cancel
                    | Intent::StartOver
            );
        self.misunderstood = self.misunderstood.saturating_add(1);
        if moved_on || self.misunderstood >= 2 {
            self.misunderstood = 0;
            self.state = self.resume_state.take().unwrap_or_else(|| self.next_missing());
            if moved_on {
                return false;
            }
            said.push("No problem, we can look it up another time.".to_string());
            said.push(self.prompt());
            return true;
        }
        said.push(
            "Sorry, I didn't get the code. It's six letters and numbers, like K 7 Q X 2 M."
                .to_string(),
        );
        true
    }

    /// A locator heard: look it up with the last name we know, or ask for it.
    fn locator_given(&mut self, locator: String, said: &mut Vec<String>) -> bool {
        let last = self
            .booking
            .name
            .as_deref()
            .filter(|n| n.contains(' '))
            .and_then(|n| n.split_whitespace().last())
            .map(str::to_string);
        match last {
            Some(last) => self.find(locator, last, said),
            None => {
                self.finding = Some(locator);
                self.state = State::Collecting(Slot::Name);
                said.push("And the last name on the booking?".to_string());
                true
            }
        }
    }

    fn find(&mut self, locator: String, last_name: String, said: &mut Vec<String>) -> bool {
        said.push("Let me look that up.".to_string());
        self.errand = Some(Errand::Find { locator, last_name });
        true
    }

    /// Cancel the stored booking (then, for a change, book again with `change` applied).
    fn cancel_stored(&mut self, change: Option<Understanding>, said: &mut Vec<String>) -> bool {
        let Some(record) = self.record.as_ref() else { return false };
        let last_name =
            record.travellers.first().map(|t| t.family_name.clone()).unwrap_or_default();
        self.errand = Some(Errand::Cancel { locator: record.locator.clone(), last_name });
        self.rebook = change;
        said.push("Okay.".to_string());
        true
    }

    /// The old booking is cancelled: the same trip with the change, searched again.
    pub(super) fn rebook_with(&mut self, change: &Understanding, said: &mut Vec<String>) {
        self.booking.flight = None;
        self.booking.confirmed = false;
        self.offers.clear();
        self.selected = None;
        // "Change the date to the 15th": an uncued date after a booking is the departure (a
        // return date is said as one).
        let mut change = change.clone();
        if change.departure_date.is_none() && change.return_date.is_none() {
            if let Some(expr) = change.date.take() {
                change.departure_date = Some(expr.resolve(self.config.today, None));
            }
        }
        let outcome = self.fill(&change);
        said.extend(outcome.acks);
        said.extend(outcome.problems.iter().cloned());
        self.state = self.next_missing();
        if self.state == State::ConfirmingDetails {
            self.search(said);
        } else {
            said.push(self.prompt());
        }
    }
}
