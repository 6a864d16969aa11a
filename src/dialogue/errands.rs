//! Errands: what a turn needs from outside the core (fares from the proxy, the booking store).
//! The dialogue leaves at most one errand per step; the turn driver runs it through a [`Desk`]
//! and hands the answer back to [`Conversation::settle`], which finishes the reply. The core
//! still does no I/O: the desk is injected (the wasm agent's calls the proxy, the harness's is
//! an in-memory store, [`NoDesk`] reaches nothing), and every answer is journalled, so a
//! restored call replays the same fares and the same booking.

use std::future::Future;

use super::reply::{self, sentences};
use super::{journal, Conversation, State, Turn};
use crate::booking::StoredBooking;
use crate::json::{self, Value};
use crate::offers::wire::{offers_from_json, FareQuery};
use crate::understand::Slot;

/// Something only the outside can do.
#[derive(Debug, Clone, PartialEq)]
pub enum Errand {
    /// `POST /api/flights/search`.
    Search(FareQuery),
    /// `POST /api/bookings` with this JSON body.
    Book(String),
    /// `GET /api/bookings/{locator}?last_name=`.
    Find { locator: String, last_name: String },
    /// `POST /api/bookings/{locator}/cancel`.
    Cancel { locator: String, last_name: String },
}

impl Errand {
    pub fn method(&self) -> &'static str {
        match self {
            Errand::Find { .. } => "GET",
            _ => "POST",
        }
    }

    /// The path on the proxy, query included.
    pub fn path(&self) -> String {
        match self {
            Errand::Search(_) => "/api/flights/search".to_string(),
            Errand::Book(_) => "/api/bookings".to_string(),
            Errand::Find { locator, last_name } => {
                format!("/api/bookings/{}?last_name={}", encoded(locator), encoded(last_name))
            }
            Errand::Cancel { locator, .. } => format!("/api/bookings/{}/cancel", encoded(locator)),
        }
    }

    /// The JSON body, for POSTs.
    pub fn body(&self) -> Option<String> {
        match self {
            Errand::Search(query) => Some(query.to_json().to_string()),
            Errand::Book(body) => Some(body.clone()),
            Errand::Find { .. } => None,
            Errand::Cancel { last_name, .. } => {
                Some(Value::object([("last_name", last_name.as_str().into())]).to_string())
            }
        }
    }
}

/// Percent-encoding for a path segment or query value (RFC 3986 unreserved bytes kept).
fn encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// What came back: the HTTP status and the body's text. Status 0: not reached at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskReply {
    pub status: u16,
    pub body: String,
}

impl DeskReply {
    pub fn unreachable() -> DeskReply {
        DeskReply { status: 0, body: String::new() }
    }

    fn json(&self) -> Option<Value> {
        json::parse(&self.body).ok()
    }

    /// The stored booking a successful answer carries; `None` for anything else, malformed
    /// bodies included (treated like no answer).
    fn booking(&self) -> Option<StoredBooking> {
        if !(200..300).contains(&self.status) {
            return None;
        }
        StoredBooking::from_answer(&self.json()?)
    }

    /// The proxy's error code (`{"error": {"code"}}`), if any.
    fn error_code(&self) -> Option<String> {
        self.json()?.get("error")?.get("code")?.as_str().map(str::to_string)
    }
}

/// How errands reach the outside.
pub trait Desk {
    fn send(&self, errand: &Errand) -> impl Future<Output = DeskReply>;
}

/// A desk that reaches nothing: fares come from the built-in generator and nothing can be
/// stored (Alex says so rather than read out a code that exists nowhere).
pub struct NoDesk;

impl Desk for NoDesk {
    fn send(&self, _: &Errand) -> impl Future<Output = DeskReply> {
        std::future::ready(DeskReply::unreachable())
    }
}

/// Errands one turn may chain (a booking whose fare expired searches again).
pub(super) const MAX_ERRANDS_PER_TURN: usize = 3;

impl Conversation {
    /// The errand the last step left, if any (the driver runs it, then calls [`Self::settle`]).
    pub fn pending_errand(&self) -> Option<&Errand> {
        self.errand.as_ref()
    }

    /// Finish a turn with the answer to its errand: the reply goes on where the step stopped.
    pub fn settle(&mut self, mut turn: Turn, reply: DeskReply) -> Turn {
        let Some(errand) = self.errand.take() else { return turn };
        self.journal
            .push(journal::Event::Answered { status: reply.status, body: reply.body.clone() });
        let mut said = Vec::new();
        match errand {
            Errand::Search(query) => self.fares_found(&query, &reply, &mut said),
            Errand::Book(_) => self.booked(&reply, &mut said),
            Errand::Find { .. } => self.found(&reply, &mut said),
            Errand::Cancel { .. } => self.cancelled(&reply, &mut said),
        }
        let more = said.join(" ");
        if !more.is_empty() {
            turn.reply =
                if turn.reply.is_empty() { more } else { format!("{} {more}", turn.reply) };
        }
        turn.segments = sentences(&turn.reply);
        turn.display = super::written::written(&turn.reply, &self.swaps);
        self.last_reply = turn.reply.clone();
        turn.state = self.state;
        turn.booking = self.booking.view();
        turn.offers = self.offers_on_table();
        turn.record = self.record.clone();
        turn
    }

    /// Settles whatever errands are pending with a desk that answers at once (the rules-only
    /// path, snapshot replay). A desk that would make it wait counts as unreachable.
    pub fn settle_now<D: Desk>(&mut self, mut turn: Turn, desk: &D) -> Turn {
        for _ in 0..MAX_ERRANDS_PER_TURN {
            let Some(errand) = self.errand.clone() else { break };
            let reply =
                super::turn::ready_now(desk.send(&errand)).unwrap_or_else(DeskReply::unreachable);
            turn = self.settle(turn, reply);
        }
        self.errand = None;
        turn
    }

    fn fares_found(&mut self, query: &FareQuery, reply: &DeskReply, said: &mut Vec<String>) {
        let live = (reply.status == 200).then(|| reply.json()).flatten();
        let found = live.as_ref().and_then(offers_from_json).filter(|o| !o.is_empty());
        self.present_offers(query, found, said);
    }

    fn booked(&mut self, reply: &DeskReply, said: &mut Vec<String>) {
        if let Some(record) = reply.booking() {
            return self.confirm_booked(record, said);
        }
        match reply.error_code().as_deref() {
            Some("offer_expired" | "fare_changed" | "offer_tampered") => {
                said.push(
                    "I'm sorry, that fare is no longer available: prices change by the minute."
                        .to_string(),
                );
                said.push("Let me look again.".to_string());
                self.search(said);
            }
            Some("bad_request") if reply.status == 400 || reply.status == 422 => {
                said.push("The airline couldn't accept those traveller details.".to_string());
                said.push("Could you check them with me?".to_string());
                self.restart_ticket(said);
            }
            _ => {
                self.state = State::ConfirmingSelection;
                said.push(
                    "I couldn't reach our booking system just now, so nothing is booked yet."
                        .to_string(),
                );
                said.push("Shall I try again?".to_string());
            }
        }
    }

    fn found(&mut self, reply: &DeskReply, said: &mut Vec<String>) {
        match reply.booking() {
            Some(record) => {
                said.push(format!("I found it. {}", reply::stored_summary(&record)));
                said.push(if record.is_cancelled() {
                    "Is there anything else I can help you with?".to_string()
                } else {
                    "Would you like me to read the code again, change it, or cancel it?".to_string()
                });
                self.record = Some(record);
                self.state = State::BookingComplete;
            }
            None if reply.status == 404 => {
                said.push("I couldn't find a booking with that code and last name.".to_string());
                said.push("Could you read me the six-character code again?".to_string());
                self.state = State::Collecting(Slot::Locator);
            }
            None => {
                said.push(
                    "I can't reach our bookings just now. Please try again in a minute."
                        .to_string(),
                );
                self.state = if self.record.is_some() {
                    State::BookingComplete
                } else {
                    self.next_missing()
                };
            }
        }
    }

    fn cancelled(&mut self, reply: &DeskReply, said: &mut Vec<String>) {
        let stored = reply.booking().filter(StoredBooking::is_cancelled);
        let rebook = self.rebook.take();
        match stored {
            Some(record) => {
                let code = reply::spell_code(&record.locator);
                self.record = Some(record);
                match rebook {
                    Some(change) => {
                        said.push(format!("Done: booking {code} is cancelled."));
                        self.rebook_with(&change, said);
                    }
                    None => {
                        self.booking.confirmed = false;
                        self.state = State::Cancelled;
                        said.push(format!("Done: booking {code} is cancelled."));
                        said.push(reply::question(State::Cancelled).to_string());
                    }
                }
            }
            None => {
                self.state = State::BookingComplete;
                said.push(
                    "I couldn't cancel it just now, so the booking still stands.".to_string(),
                );
                said.push("Please try again in a minute.".to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errands_name_their_requests() {
        let find = Errand::Find { locator: "K7QX2M".into(), last_name: "Núñez Díaz".into() };
        assert_eq!(find.method(), "GET");
        assert_eq!(find.path(), "/api/bookings/K7QX2M?last_name=N%C3%BA%C3%B1ez%20D%C3%ADaz");
        assert_eq!(find.body(), None);
        let cancel = Errand::Cancel { locator: "K7/../x".into(), last_name: "O'Neil".into() };
        assert_eq!(cancel.path(), "/api/bookings/K7%2F..%2Fx/cancel");
        assert_eq!(cancel.body().as_deref(), Some(r#"{"last_name":"O'Neil"}"#));
    }
}
