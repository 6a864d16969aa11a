//! The ticket: once a flight is chosen, what a real order needs (each traveller's name as on
//! their ID, date of birth and gender, and an email or phone for the ticket), asked one at a
//! time, read back, and only then booked through the store. Nothing is invented: a detail the
//! caller did not give is asked for.

use super::errands::Errand;
use super::{reply, Conversation, State};
use crate::booking::ticket::order_json;
use crate::booking::{StoredBooking, Traveller};
use crate::understand::{Slot, Understanding};

impl Conversation {
    /// The travellers list sized to the party, the caller first (from the name they gave).
    fn sync_travellers(&mut self) {
        let wanted = usize::from(self.booking.passengers.max(1));
        if self.booking.travellers.is_empty() {
            let lead = self.booking.name.as_deref().map(Traveller::named).unwrap_or_default();
            self.booking.travellers.push(lead);
        }
        self.booking.travellers.resize(wanted, Traveller::default());
    }

    /// The first traveller still missing something, and what.
    fn ticket_gap(&self) -> Option<(usize, Slot)> {
        for (i, t) in self.booking.travellers.iter().enumerate() {
            if t.given_name.is_empty() || t.family_name.is_empty() {
                return Some((i, if i == 0 { Slot::Name } else { Slot::Traveller }));
            }
            if t.born_on.is_none() {
                return Some((i, Slot::BirthDate));
            }
            if t.gender.is_none() {
                return Some((i, Slot::Gender));
            }
        }
        self.booking.contact.is_empty().then_some((0, Slot::Contact))
    }

    pub(super) fn ticket_complete(&self) -> bool {
        self.booking.travellers.len() == usize::from(self.booking.passengers.max(1))
            && self.ticket_gap().is_none()
    }

    /// After "yes, book it": the first missing detail, or the booking itself.
    pub(super) fn start_ticket(&mut self, said: &mut Vec<String>) {
        self.sync_travellers();
        if self.ticket_gap().is_none() {
            return self.place_order(said);
        }
        said.push(
            "Great. To book it I need a few details, exactly as they appear on the ID.".to_string(),
        );
        self.ask_ticket(said);
    }

    /// Ask for the next missing detail, or read the whole booking back.
    fn ask_ticket(&mut self, said: &mut Vec<String>) {
        match self.ticket_gap() {
            Some((_, slot)) => {
                self.state =
                    State::Collecting(if slot == Slot::Name { Slot::Traveller } else { slot });
                said.push(self.ticket_question());
            }
            None => {
                self.state = State::ConfirmingSelection;
                said.push(self.ticket_read_back());
            }
        }
    }

    /// The question for the detail being collected.
    pub(super) fn ticket_question(&mut self) -> String {
        let Some((i, slot)) = self.ticket_gap() else { return self.ticket_read_back() };
        let traveller = self.booking.travellers.get(i).cloned().unwrap_or_default();
        let whose = if i == 0 { "your".to_string() } else { format!("{}'s", traveller.given_name) };
        match slot {
            Slot::Name => "What's your full name, as on your ID?".to_string(),
            Slot::Traveller => format!(
                "What's the full name of the {} traveler, as on their ID?",
                reply::ordinal_word(i + 1)
            ),
            Slot::BirthDate => format!("What's {whose} date of birth?"),
            Slot::Gender => format!("And the gender on {whose} ID: female, male, or unspecified?"),
            _ => "Where should I send the ticket? An email address or a mobile number is fine."
                .to_string(),
        }
    }

    /// "Here's the booking: ... for Dana Whitfield, W, H, I, ..., born ...; the ticket goes to
    /// ... Shall I book it?"
    fn ticket_read_back(&mut self) -> String {
        let flight = self.selected.and_then(|i| self.offers.get(i));
        let people: Vec<String> = self
            .booking
            .travellers
            .iter()
            .map(|t| {
                let born = t
                    .born_on
                    .map(|d| format!(", born {}", reply::birth_date(d)))
                    .unwrap_or_default();
                format!("{} (that's {}){born}", t.full_name(), reply::spelled_name(&t.family_name))
            })
            .collect();
        let (to, written) = match (&self.booking.contact.email, &self.booking.contact.phone) {
            (Some(email), _) => (reply::spoken_email(email), email.clone()),
            (None, Some(phone)) => (reply::spoken_phone(phone), phone.clone()),
            (None, None) => (String::new(), String::new()),
        };
        let what = flight.map_or(String::new(), |o| {
            format!(
                "{}, {} in total, ",
                crate::offers::booked(o),
                crate::offers::dollars(o.price_usd)
            )
        });
        // Written, the address is just the address.
        if !to.is_empty() {
            self.swaps.push((to.clone(), written));
        }
        format!(
            "Here's the booking: {what}for {}. The ticket goes to {to}. Shall I book it?",
            reply::join_and(&people)
        )
    }

    /// A ticket detail answered (or not).
    pub(super) fn at_ticket(&mut self, slot: Slot, u: &Understanding, said: &mut Vec<String>) {
        self.sync_travellers();
        let Some((i, _)) = self.ticket_gap() else { return self.ask_ticket(said) };
        let d = &u.details;
        let mut took = false;
        if let Some(t) = self.booking.travellers.get_mut(i) {
            match slot {
                Slot::Traveller => {
                    let name = d.traveller.clone().or_else(|| u.name.clone());
                    if let Some(name) = name.filter(|n| n.contains(' ')) {
                        let named = Traveller::named(&name);
                        (t.given_name, t.family_name) = (named.given_name, named.family_name);
                        if i == 0 {
                            self.booking.name = Some(name);
                        }
                        took = true;
                    }
                }
                Slot::BirthDate => match d.born_on {
                    Some(Ok(date)) => {
                        t.born_on = Some(date);
                        took = true;
                    }
                    Some(Err(crate::dates::birth::BirthDateProblem::NoYear)) => {
                        said.push("And the year?".to_string());
                        self.misunderstood = 0;
                        return;
                    }
                    Some(Err(_)) => {
                        said.push("That doesn't sound like a date of birth.".to_string());
                    }
                    None => {}
                },
                Slot::Gender => {
                    if let Some(g) = d.gender {
                        t.gender = Some(g);
                        took = true;
                    }
                }
                _ => {
                    if d.email.is_some() || d.phone.is_some() {
                        self.booking.contact.email =
                            d.email.clone().or(self.booking.contact.email.take());
                        self.booking.contact.phone =
                            d.phone.clone().or(self.booking.contact.phone.take());
                        took = true;
                    }
                }
            }
        }
        if took {
            self.misunderstood = 0;
            said.push("Thanks.".to_string());
            return self.ask_ticket(said);
        }
        self.misunderstood = self.misunderstood.saturating_add(1);
        if said.is_empty() {
            said.push("Sorry, I didn't catch that.".to_string());
        }
        if self.misunderstood >= 2 {
            said.push(reply::ticket_hint(slot).to_string());
        }
        said.push(self.ticket_question());
    }

    /// The airline refused the details: ask them again from the start.
    pub(super) fn restart_ticket(&mut self, said: &mut Vec<String>) {
        for t in &mut self.booking.travellers {
            t.born_on = None;
            t.gender = None;
        }
        self.ask_ticket(said);
    }

    /// Everything is there and the caller said yes: send the order to the store. The same key
    /// for a retry of the same order, so a retry never books twice.
    pub(super) fn place_order(&mut self, said: &mut Vec<String>) {
        let Some(offer) = self.selected.and_then(|i| self.offers.get(i)).cloned() else {
            self.state = State::PresentingOptions;
            said.push(self.read_options());
            return;
        };
        let body =
            order_json(&self.order_key(), &offer, &self.booking.travellers, &self.booking.contact);
        self.booking.flight = Some(offer);
        self.errand = Some(Errand::Book(body.to_string()));
    }

    /// `uv-<seed>-<n>-<hash of the order>`: unique per call and order, stable across retries.
    fn order_key(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut mix = |text: &str| {
            for byte in text.bytes().chain([0xff]) {
                hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
            }
        };
        if let Some(offer) = self.selected.and_then(|i| self.offers.get(i)) {
            mix(&offer.flight_number);
            mix(&offer.date.to_string());
            mix(offer.seal.as_ref().map_or("", |s| s.signature.as_str()));
        }
        for t in &self.booking.travellers {
            mix(&t.full_name());
            mix(&t.born_on.map(|d| d.to_string()).unwrap_or_default());
        }
        format!("uv-{:016x}-{}-{hash:016x}", self.config.seed, self.bookings_made)
    }

    /// The store took the booking.
    pub(super) fn confirm_booked(&mut self, record: StoredBooking, said: &mut Vec<String>) {
        self.checkpoint();
        self.booking.confirmed = true;
        self.bookings_made = self.bookings_made.saturating_add(1);
        self.state = State::BookingComplete;
        self.misunderstood = 0;
        let first =
            self.booking.travellers.first().map(|t| t.given_name.clone()).unwrap_or_default();
        said.push(if first.is_empty() {
            "You're all set.".to_string()
        } else {
            format!("You're all set, {first}.")
        });
        said.push(format!("I've booked {}.", crate::offers::booked(&record.offer)));
        said.push(format!("Your confirmation code is {}.", reply::spell_code(&record.locator)));
        if record.source != "live" {
            said.push("This is a sample fare, so no payment was taken.".to_string());
        }
        said.push("Is there anything else I can help you with?".to_string());
        self.record = Some(record);
    }
}
