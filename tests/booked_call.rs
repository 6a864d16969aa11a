//! Bookings through the store, as a caller lives them: the ticket's details, the record locator
//! from the store (never a hash), and the booked call's own turns (repeat the code, cancel with
//! a confirmation, change = cancel and book again, look a booking up in a later call), plus
//! what happens when the store cannot be reached or the fare has gone.

#![cfg(not(target_arch = "wasm32"))]

use std::cell::{Cell, RefCell};
use std::future::Future;
use united_voice::dialogue::{Desk, DeskReply, Errand};
use united_voice::harness::desk::MemoryDesk;
use united_voice::{Conversation, ConversationConfig, Date, State, Turn};

/// The in-memory store, which can be made to fail the next few bookings, and which records
/// every errand it saw.
struct TestDesk {
    store: MemoryDesk,
    fail_books: Cell<u32>,
    expire_books: Cell<u32>,
    /// Answers to come for bookings, as sent (malformed store answers).
    odd_books: RefCell<Vec<DeskReply>>,
    seen: RefCell<Vec<Errand>>,
}

impl TestDesk {
    fn new() -> TestDesk {
        TestDesk {
            store: MemoryDesk::new(5),
            fail_books: Cell::new(0),
            expire_books: Cell::new(0),
            odd_books: RefCell::new(Vec::new()),
            seen: RefCell::new(Vec::new()),
        }
    }
    fn books(&self) -> Vec<String> {
        self.seen
            .borrow()
            .iter()
            .filter_map(|e| match e {
                Errand::Book(body) => Some(body.clone()),
                _ => None,
            })
            .collect()
    }
}

impl Desk for TestDesk {
    fn send(&self, errand: &Errand) -> impl Future<Output = DeskReply> {
        self.seen.borrow_mut().push(errand.clone());
        let odd =
            matches!(errand, Errand::Book(_)).then(|| self.odd_books.borrow_mut().pop()).flatten();
        let reply = match errand {
            Errand::Book(_) if odd.is_some() => odd.unwrap(),
            Errand::Book(_) if self.fail_books.get() > 0 => {
                self.fail_books.set(self.fail_books.get() - 1);
                DeskReply::unreachable()
            }
            Errand::Book(_) if self.expire_books.get() > 0 => {
                self.expire_books.set(self.expire_books.get() - 1);
                DeskReply {
                    status: 409,
                    body: r#"{"error":{"code":"offer_expired","message":"gone"}}"#.into(),
                }
            }
            _ => {
                let mut sent = std::pin::pin!(self.store.send(errand));
                match sent
                    .as_mut()
                    .poll(&mut std::task::Context::from_waker(std::task::Waker::noop()))
                {
                    std::task::Poll::Ready(reply) => reply,
                    std::task::Poll::Pending => DeskReply::unreachable(),
                }
            }
        };
        std::future::ready(reply)
    }
}

fn call() -> Conversation {
    Conversation::new(ConversationConfig {
        today: Date::from_ymd_opt(2026, 12, 6).unwrap(),
        seed: 42,
    })
}

/// Says each line; returns the last turn.
fn talk(c: &mut Conversation, desk: &TestDesk, lines: &[&str]) -> Turn {
    let mut last = None;
    for line in lines {
        last = Some(c.respond_at(line, desk));
    }
    last.unwrap()
}

const TRIP: &[&str] = &[
    "hi, this is Rosa Delgado, one way from Austin to Chicago on January 12th, economy",
    "yes",
    "the first one",
    "yes please",
];

const DETAILS: &[&str] = &["July 4th, 1990", "female", "rosa dot delgado at example dot com"];

fn booked(c: &mut Conversation, desk: &TestDesk) -> Turn {
    talk(c, desk, TRIP);
    let read_back = talk(c, desk, DETAILS);
    assert_eq!(read_back.state, State::ConfirmingSelection, "{}", read_back.reply);
    assert!(read_back.reply.contains("D, E, L, G, A, D, O"), "{}", read_back.reply);
    assert!(read_back.reply.contains("born July fourth, 1990"), "{}", read_back.reply);
    talk(c, desk, &["yes, book it"])
}

#[test]
fn the_locator_comes_from_the_store_and_is_read_with_the_phonetic_alphabet() {
    let desk = TestDesk::new();
    let mut c = call();
    let turn = booked(&mut c, &desk);
    assert_eq!(turn.state, State::BookingComplete, "{}", turn.reply);
    let record = turn.record.expect("the stored booking");
    assert_eq!(record.locator.len(), 6);
    assert!(record.locator.chars().all(|ch| !"01OI".contains(ch)));
    let first = record.locator.chars().next().unwrap();
    assert!(turn.reply.contains(&format!("Your confirmation code is {first}")), "{}", turn.reply);
    assert!(turn.reply.contains("sample fare"), "{}", turn.reply);
    assert_eq!(record.travellers[0].family_name, "Delgado");
    assert_eq!(record.contact.email.as_deref(), Some("rosa.delgado@example.com"));
    // "What's my confirmation number?" reads it again.
    let again = talk(&mut c, &desk, &["sorry, what was my confirmation number again?"]);
    assert!(
        again.reply.contains(&format!("{first} as in")) || first.is_ascii_digit(),
        "{}",
        again.reply
    );
    assert_eq!(again.state, State::BookingComplete);
}

#[test]
fn cancelling_a_booking_asks_first_and_cancels_it_in_the_store() {
    let desk = TestDesk::new();
    let mut c = call();
    let locator = booked(&mut c, &desk).record.unwrap().locator;
    let ask = talk(&mut c, &desk, &["actually cancel that booking"]);
    assert!(ask.reply.contains("can't be undone"), "{}", ask.reply);
    let kept = talk(&mut c, &desk, &["no, leave it"]);
    assert!(kept.reply.contains("stays booked"), "{}", kept.reply);
    assert!(!kept.record.as_ref().unwrap().is_cancelled());
    talk(&mut c, &desk, &["I do want to cancel my booking"]);
    let done = talk(&mut c, &desk, &["yes"]);
    assert_eq!(done.state, State::Cancelled, "{}", done.reply);
    assert!(done.record.unwrap().is_cancelled());
    // The store agrees: a later call finds it cancelled.
    let mut later = call();
    talk(&mut later, &desk, &[&format!("hi, I want to check my booking {locator}")]);
    let found = talk(&mut later, &desk, &["Delgado"]);
    assert!(found.reply.contains("It's cancelled."), "{}", found.reply);
}

#[test]
fn a_change_after_booking_cancels_and_searches_again_with_the_rest_kept() {
    let desk = TestDesk::new();
    let mut c = call();
    booked(&mut c, &desk);
    let ask = talk(&mut c, &desk, &["can I change the date to January 15th?"]);
    assert!(ask.reply.contains("cancel booking"), "{}", ask.reply);
    assert_eq!(ask.state, State::BookingComplete);
    let options = talk(&mut c, &desk, &["yes go ahead"]);
    assert_eq!(options.state, State::PresentingOptions, "{}", options.reply);
    assert!(options.reply.contains("is cancelled"), "{}", options.reply);
    assert_eq!(options.booking.departure_date, Date::from_ymd_opt(2027, 1, 15));
    assert_eq!(options.booking.origin.as_ref().map(|p| p.code.as_str()), Some("AUS"));
    // The traveller details are kept: the yes to the new flight books it.
    talk(&mut c, &desk, &["the first one"]);
    let rebooked = talk(&mut c, &desk, &["yes"]);
    assert_eq!(rebooked.state, State::BookingComplete, "{}", rebooked.reply);
    assert_eq!(desk.books().len(), 2, "a second order, with its own key");
}

#[test]
fn a_booking_is_found_by_code_and_last_name_and_not_by_another_name() {
    let desk = TestDesk::new();
    let mut first = call();
    let locator = booked(&mut first, &desk).record.unwrap().locator;
    let spelled: Vec<String> = locator.chars().map(|c| c.to_string()).collect();
    let mut c = call();
    let ask =
        talk(&mut c, &desk, &[&format!("hello, my confirmation code is {}", spelled.join(" "))]);
    assert!(ask.reply.contains("last name"), "{}", ask.reply);
    let wrong = talk(&mut c, &desk, &["Smith"]);
    assert!(wrong.reply.contains("couldn't find"), "{}", wrong.reply);
    assert_eq!(wrong.state, State::Collecting(united_voice::understand::Slot::Locator));
    talk(&mut c, &desk, &[&locator]);
    let found = talk(&mut c, &desk, &["Delgado"]);
    assert!(found.reply.contains("I found it"), "{}", found.reply);
    assert_eq!(found.record.unwrap().locator, locator);
}

#[test]
fn an_unreachable_store_books_nothing_and_a_retry_uses_the_same_key() {
    let desk = TestDesk::new();
    desk.fail_books.set(1);
    let mut c = call();
    talk(&mut c, &desk, TRIP);
    talk(&mut c, &desk, DETAILS);
    let failed = talk(&mut c, &desk, &["yes"]);
    assert!(failed.reply.contains("nothing is booked yet"), "{}", failed.reply);
    assert_eq!(failed.state, State::ConfirmingSelection);
    assert!(failed.record.is_none());
    let retried = talk(&mut c, &desk, &["yes, try again"]);
    assert_eq!(retried.state, State::BookingComplete, "{}", retried.reply);
    let books = desk.books();
    assert_eq!(books.len(), 2);
    let key = |body: &str| {
        body.split("\"idempotency_key\":\"").nth(1).unwrap().split('"').next().unwrap().to_string()
    };
    assert_eq!(key(&books[0]), key(&books[1]));
}

#[test]
fn an_expired_fare_is_searched_again() {
    let desk = TestDesk::new();
    desk.expire_books.set(1);
    let mut c = call();
    talk(&mut c, &desk, TRIP);
    talk(&mut c, &desk, DETAILS);
    let again = talk(&mut c, &desk, &["yes"]);
    assert!(again.reply.contains("no longer available"), "{}", again.reply);
    assert_eq!(again.state, State::PresentingOptions, "{}", again.reply);
}

#[test]
fn details_are_asked_again_until_they_make_sense() {
    let desk = TestDesk::new();
    let mut c = call();
    talk(&mut c, &desk, TRIP);
    let no_year = talk(&mut c, &desk, &["July 4th"]);
    assert!(no_year.reply.contains("year"), "{}", no_year.reply);
    let future = talk(&mut c, &desk, &["July 4th 2031"]);
    assert_eq!(
        future.state,
        State::Collecting(united_voice::understand::Slot::BirthDate),
        "{}",
        future.reply
    );
    let ok = talk(&mut c, &desk, &["July 4th 1990"]);
    assert_eq!(ok.state, State::Collecting(united_voice::understand::Slot::Gender));
    // A birth date is never taken as the travel date.
    assert_eq!(ok.booking.departure_date, Date::from_ymd_opt(2027, 1, 12));
    let unclear = talk(&mut c, &desk, &["why do you need that?"]);
    assert_eq!(unclear.state, State::Collecting(united_voice::understand::Slot::Gender));
    talk(&mut c, &desk, &["female"]);
    let phone = talk(&mut c, &desk, &["my cell is five one two, five five five, oh one nine nine"]);
    assert!(phone.reply.contains("5, 1, 2, 5, 5, 5, 0, 1, 9, 9"), "{}", phone.reply);
}

#[test]
fn a_restored_booked_call_has_the_same_record() {
    let desk = TestDesk::new();
    let mut c = call();
    let record = booked(&mut c, &desk).record.unwrap();
    let restored = Conversation::restore(&c.snapshot()).unwrap();
    assert_eq!(restored, c);
    assert_eq!(restored.state(), State::BookingComplete);
    assert!(c.snapshot().contains(&record.locator));
}

#[test]
fn the_transcript_form_is_written_for_the_eye() {
    let desk = TestDesk::new();
    let mut c = call();
    let options = talk(&mut c, &desk, &TRIP[..2]);
    assert!(options.reply.contains("Option one:"), "{}", options.reply);
    assert!(!options.display.contains("Option one:"), "{}", options.display);
    assert!(options.display.contains("shown below"), "{}", options.display);
    let done = booked(&mut c, &desk);
    let locator = done.record.unwrap().locator;
    assert!(done.reply.contains(" as in "), "{}", done.reply);
    assert!(
        done.display.contains(&format!("Your confirmation code is {locator}.")),
        "{}",
        done.display
    );
    assert!(done.display.contains("Tue, Jan 12"), "{}", done.display);
    assert!(done.reply.contains("Tuesday, January twelfth"), "{}", done.reply);
    let mut again = call();
    talk(&mut again, &desk, TRIP);
    let read_back = talk(&mut again, &desk, DETAILS);
    assert!(read_back.reply.contains("rosa dot delgado at example dot com"), "{}", read_back.reply);
    assert!(read_back.display.contains("rosa.delgado@example.com"), "{}", read_back.display);
}

#[test]
fn an_interruption_keeps_only_what_was_heard() {
    let desk = TestDesk::new();
    let mut c = call();
    let options = talk(&mut c, &desk, &TRIP[..2]);
    let segments = &options.segments;
    let first_option = segments.iter().position(|s| s.starts_with("Option one")).unwrap();
    // Heard up to the end of option one; cut during option two.
    c.interrupted(first_option + 1);
    let next = talk(&mut c, &desk, &["sorry, any others?"]);
    assert!(next.reply.contains("Option two"), "option two was never heard: {}", next.reply);
    assert!(!next.reply.contains("Option one"), "{}", next.reply);
    // The journal keeps the interruption: a restored call is the same call.
    let restored = Conversation::restore(&c.snapshot()).unwrap();
    assert_eq!(restored, c);
    // Interrupting past the end of the reply changes nothing.
    let before = c.clone();
    c.interrupted(99);
    assert_eq!(c, before);
}

#[test]
fn the_recogniser_hint_holds_what_is_on_the_table() {
    let desk = TestDesk::new();
    let mut c = call();
    talk(&mut c, &desk, &["hi, this is Rosa Delgado, from Chicago to Austin"]);
    let hint = c.vocabulary();
    assert!(hint.contains("Rosa Delgado"), "{hint}");
    assert!(hint.contains("O'Hare") && hint.contains("Midway"), "{hint}");
    assert!(hint.contains("Austin"), "{hint}");
    assert!(hint.len() <= united_voice::dialogue::MAX_VOCABULARY_CHARS);
}

#[test]
fn options_are_read_short_and_details_come_on_request() {
    let desk = TestDesk::new();
    let mut c = call();
    let options = talk(
        &mut c,
        &desk,
        &["hi, Rosa Delgado, round trip from Austin to Chicago January 12th back January 19th, economy", "yes"],
    );
    let first = options.segments.iter().find(|s| s.starts_with("Option one")).unwrap();
    assert!(first.len() < 90, "{first}");
    assert!(!first.contains("returning") && !first.contains("arriving"), "{first}");
    let details = talk(&mut c, &desk, &["what about the return on option one?"]);
    assert!(details.reply.contains("returning"), "{}", details.reply);
    assert_eq!(details.state, State::PresentingOptions);
    let lands = talk(&mut c, &desk, &["and when does option two land?"]);
    assert!(
        lands.reply.contains("Option two") && lands.reply.contains("arriving"),
        "{}",
        lands.reply
    );
}

#[test]
fn malformed_store_answers_book_nothing_and_the_call_goes_on() {
    for (status, body) in [
        (200, "not json"),
        (200, r#"{"booking": {"locator": "../../etc"}}"#),
        (201, r#"{"booking": {"locator": "ABCDEF", "status": "confirmed"}}"#),
        (500, "<html>oops</html>"),
        (409, r#"{"error": "offer_expired"}"#),
        (200, &"[".repeat(100_000)),
    ] {
        let desk = TestDesk::new();
        desk.odd_books.borrow_mut().push(DeskReply { status, body: body.to_string() });
        let mut c = call();
        talk(&mut c, &desk, TRIP);
        talk(&mut c, &desk, DETAILS);
        let odd = talk(&mut c, &desk, &["yes"]);
        assert!(odd.record.is_none(), "{status} {body:.40}: {}", odd.reply);
        assert!(odd.reply.contains("nothing is booked yet"), "{status} {body:.40}: {}", odd.reply);
        let retried = talk(&mut c, &desk, &["yes"]);
        assert_eq!(retried.state, State::BookingComplete, "{}", retried.reply);
    }
}

#[test]
fn a_snapshot_with_a_forged_answer_is_refused() {
    let desk = TestDesk::new();
    let mut c = call();
    booked(&mut c, &desk);
    let snapshot = c.snapshot();
    for bad in [
        snapshot.replacen("{\"said\"", "{\"answered\":200,\"body\":\"x\"},{\"said\"", 1),
        snapshot.replace("\"answered\":200", "\"answered\":\"ok\""),
    ] {
        assert!(Conversation::restore(&bad).is_err(), "{bad:.120}");
    }
}
