//! The symptoms callers found (issue 14), each as behaviour, next to variants of our own with
//! other words: the mechanisms are tested, not the sentences. Today is a Tuesday, 2026-12-01.

use united_voice::understand::{Intent, Slot};
use united_voice::{Conversation, ConversationConfig, Date, State, Turn};

fn call(turns: &[&str]) -> (Conversation, Turn) {
    let today = Date::from_ymd_opt(2026, 12, 1).unwrap();
    let mut c = Conversation::new(ConversationConfig { today, seed: 9 });
    let mut last = c.greeting_turn();
    for t in turns {
        last = c.respond(t);
    }
    (c, last)
}

fn day(m: u32, d: u32) -> Option<Date> {
    Date::from_ymd_opt(if m < 12 { 2027 } else { 2026 }, m, d)
}

/// The caller's name and the route, then `turns`.
fn planned(turns: &[&str]) -> (Conversation, Turn) {
    let mut all = vec!["Ann Lee", "from Boise to Spokane"];
    all.extend_from_slice(turns);
    call(&all)
}

#[test]
fn small_talk_is_answered_and_never_becomes_a_date_or_a_name() {
    for said in ["how are you today?", "how's it going this morning?", "hey, how are ya"] {
        let (c, t) = call(&[said]);
        assert_eq!(t.intent, Intent::SmallTalk, "{said}");
        assert!(c.booking().departure_date.is_none() && c.booking().name.is_none(), "{said}");
        assert!(!t.reply.contains("didn't catch"), "{said}: {}", t.reply);
    }
    for said in ["hi", "good morning", "hello there", "thanks so much", "can you hear me?"] {
        let (_, t) = call(&[said]);
        assert_eq!(t.intent, Intent::SmallTalk, "{said}");
        assert!(t.reply.contains("name"), "the pending question again: {}", t.reply);
    }
}

#[test]
fn ordinal_weekdays_of_a_month() {
    let (c, _) = planned(&["one way", "the third Monday in March"]);
    assert_eq!(c.booking().departure_date, day(3, 15));
    let (c, _) = planned(&["one way", "the first Friday of February"]);
    assert_eq!(c.booking().departure_date, day(2, 5));
}

#[test]
fn a_date_relative_to_an_unknown_event_is_never_taken_silently() {
    for said in ["the day before my cousin's party", "the day after the wedding"] {
        let (c, t) = planned(&["round trip", said]);
        assert!(
            c.booking().departure_date.is_none() || t.reply.ends_with("is that right?"),
            "{said}: {}",
            t.reply
        );
        assert!(c.booking().return_date.is_none(), "no return invented: {said}");
    }
}

#[test]
fn a_period_said_first_frames_the_day_said_next() {
    let (c, _) = call(&["Ann Lee", "from Boise to Spokane next week", "one way", "Wednesday"]);
    assert_eq!(c.booking().departure_date, day(12, 9));
    let (c, _) = call(&["Ann Lee", "Boise to Spokane sometime in January", "one way", "the 20th"]);
    assert_eq!(c.booking().departure_date, day(1, 20));
}

#[test]
fn two_dates_in_one_breath_around_a_weekend() {
    let (c, _) = planned(&["round trip, the weekend after next, fly out friday come back sunday"]);
    assert_eq!((c.booking().departure_date, c.booking().return_date), (day(12, 18), day(12, 20)));
    let (c, _) = planned(&["round trip next weekend, out saturday back sunday"]);
    assert_eq!((c.booking().departure_date, c.booking().return_date), (day(12, 12), day(12, 13)));
    // A correction names its end of the trip.
    let (c, _) = planned(&[
        "round trip, the weekend after next, fly out friday come back sunday",
        "leaving friday the 11th, not the 5th",
    ]);
    assert_eq!((c.booking().departure_date, c.booking().return_date), (day(12, 11), day(12, 20)));
}

#[test]
fn names_only_from_introductions_that_make_them_names() {
    let (c, _) = call(&["Dana Whitfield ✈️"]);
    assert_eq!(c.booking().name.as_deref(), Some("Dana Whitfield"));
    let (c, _) = call(&["Priya Raman", "economy. I am student, so not expensive please"]);
    assert_eq!(c.booking().name.as_deref(), Some("Priya Raman"));
    let (c, _) = call(&["Priya Raman", "I'll just have Richard call you"]);
    assert_eq!(c.booking().name.as_deref(), Some("Priya Raman"));
    let (c, _) = call(&["hello. my name Nguyen Van Anh"]);
    assert_eq!(c.booking().name.as_deref(), Some("Nguyen Van Anh"));
    let (c, _) = call(&["Sergeant Andre Williams here"]);
    assert_eq!(c.booking().name.as_deref(), Some("Andre Williams"));
}

#[test]
fn a_first_name_alone_gets_a_question_for_the_last_name() {
    let (c, t) = call(&["hey, it's Mike"]);
    assert_eq!(t.state, State::Collecting(Slot::Name));
    assert!(t.reply.contains("last name"), "{}", t.reply);
    let (c2, _) = {
        let mut c = c;
        let t = c.respond("Brennan");
        (c, t)
    };
    assert_eq!(c2.booking().name.as_deref(), Some("Mike Brennan"));
    let (c, _) = call(&["my name is Sam", "Sam Ortiz"]);
    assert_eq!(c.booking().name.as_deref(), Some("Sam Ortiz"));
    let (c, _) = call(&["this is Harold", "oh, yes, of course. Harold Jenkins"]);
    assert_eq!(c.booking().name.as_deref(), Some("Harold Jenkins"));
    let (c, _) = call(&["Ewa", "Nowak, N O W A K"]);
    assert_eq!(c.booking().name.as_deref(), Some("Ewa Nowak"));
}

#[test]
fn places_people_say() {
    let (c, _) =
        call(&["Ann Lee", "I live in Parma, just outside Cleveland, so I suppose Cleveland"]);
    assert_eq!(c.booking().origin.as_ref().map(|p| p.code.as_str()), Some("CLE"));
    let (c, _) = call(&["Ann Lee", "from Honolulu to Guam"]);
    assert_eq!(c.booking().destination.as_ref().map(|p| p.code.as_str()), Some("GUM"));
    let (c, _) = call(&["Ann Lee", "arriving in Denver, leaving from Boston"]);
    assert_eq!(c.booking().destination.as_ref().map(|p| p.code.as_str()), Some("DEN"));
    let (c, _) = call(&["Ann Lee", "I actually want to fly out of Hartford, not Boston"]);
    assert_eq!(c.booking().origin.as_ref().map(|p| p.code.as_str()), Some("BDL"));
    assert!(c.booking().destination.is_none(), "Boston was the place being replaced");
}

#[test]
fn stray_words_are_not_places_or_cabins() {
    for said in [
        "hmm, you know what, I should really check with my husband first",
        "hold on, let me ask my wife first",
    ] {
        let (c, _) = planned(&[said]);
        assert_eq!(
            c.booking().destination.as_ref().map(|p| p.code.as_str()),
            Some("GEG"),
            "{said}"
        );
        assert!(c.booking().cabin.is_none(), "{said}");
    }
}

#[test]
fn cabins_said_casually() {
    for said in ["economy's fine", "coach is fine", "whatever's cheapest", "I don't care"] {
        let (c, _) = planned(&["one way", "the 14th", said]);
        assert_eq!(c.booking().cabin, Some(united_voice::Cabin::Economy), "{said}");
    }
}

fn at_options() -> Conversation {
    let (c, t) = planned(&["one way", "the 14th", "economy", "yes"]);
    assert_eq!(t.state, State::PresentingOptions, "{}", t.reply);
    c
}

#[test]
fn questions_about_the_options_are_answered_not_taken_as_choices() {
    for said in ["which one is most cheap?", "are any of them nonstop?", "what's the last one?"] {
        let mut c = at_options();
        let t = c.respond(said);
        assert_eq!(t.intent, Intent::Question, "{said}");
        assert_eq!(t.state, State::PresentingOptions, "{said}: {}", t.reply);
        assert!(
            !t.reply.contains("didn't catch") && !t.reply.contains("don't have that"),
            "{said}: {}",
            t.reply
        );
    }
}

#[test]
fn a_question_at_a_yes_no_point_is_never_a_yes() {
    for said in
        ["ok but which airport is it?", "wait, how long is that flight?", "and is it nonstop?"]
    {
        let mut c = at_options();
        c.respond("option one");
        let t = c.respond(said);
        assert_eq!(t.state, State::ConfirmingSelection, "{said}: {}", t.reply);
        assert!(t.booking.flight.is_none() && !t.booking.confirmed, "{said}");
        assert!(t.reply.ends_with("Shall I book it?"), "asked again: {}", t.reply);
    }
}

#[test]
fn airline_questions_get_an_answer_and_the_call_goes_on() {
    for said in [
        "what's the baggage allowance?",
        "talk to a human",
        "can I bring my dog?",
        "can I pick my seat?",
    ] {
        let (_, t) = planned(&[said]);
        assert_eq!(t.intent, Intent::Question, "{said}");
        assert!(!t.reply.contains("didn't catch"), "{said}: {}", t.reply);
        assert!(t.reply.contains("round trip"), "the pending question: {}", t.reply);
    }
    let (c, t) = planned(&["thanks, bye"]);
    assert!(!t.reply.contains("airport called"), "{}", t.reply);
    assert!(c.booking().destination.is_some());
}

#[test]
fn long_sentences_keep_every_detail() {
    let (c, _) = call(&[
        "Ann Lee",
        "I need to get to Key West, from Newark, on the 14th, one way, whatever is cheapest",
    ]);
    let b = c.booking();
    assert_eq!(b.origin.as_ref().map(|p| p.code.as_str()), Some("EWR"));
    assert_eq!(b.destination.as_ref().map(|p| p.code.as_str()), Some("EYW"));
    assert_eq!(b.departure_date, day(12, 14));
    let (c, _) =
        call(&["Ann Lee", "two of us, Chicago to Miami, the 18th, back on the 22nd, business"]);
    let b = c.booking();
    assert_eq!((b.passengers, b.departure_date, b.return_date), (2, day(12, 18), day(12, 22)));
}

#[test]
fn replies_never_contradict_themselves_or_say_changed_for_first_answers() {
    let (_, t) = planned(&["actually it's one way"]);
    assert!(!t.reply.contains("changed"), "{}", t.reply);
    let (_, t) = planned(&["round trip", "the 14th", "the 20th", "actually one way"]);
    assert!(!t.reply.contains("returning"), "{}", t.reply);
}

#[test]
fn choices_by_description_pick_a_flight_that_was_read_out() {
    let mut c = at_options();
    let read = c.respond("the morning one");
    assert_eq!(read.state, State::ConfirmingSelection);
    let option = read.reply.split(':').next().unwrap_or_default().to_string();
    assert!(
        ["Option one", "Option two", "Option three"].contains(&option.as_str()),
        "{}",
        read.reply
    );
}

#[test]
fn a_return_answer_with_its_weekday_moves_nothing_else() {
    let (c, t) = planned(&["round trip", "the 10th"]);
    assert_eq!(t.state, State::Collecting(Slot::ReturnDate));
    let mut c = c;
    let t = c.respond("the 14th, Monday");
    assert_eq!(c.booking().departure_date, day(12, 10), "the departure stays: {}", t.reply);
    assert_eq!(c.booking().return_date, day(12, 14));
}

#[test]
fn any_airport_in_an_area_is_that_city() {
    let (c, _) = call(&["Ann Lee", "from Boston to any airport in the Chicago area"]);
    let code = c.booking().destination.as_ref().map(|p| p.code.clone()).unwrap_or_default();
    assert!(["CHI", "ORD", "MDW"].contains(&code.as_str()), "{code}");
    let (c, _) = call(&["Ann Lee", "out of the Boston area, going to Denver"]);
    assert_eq!(c.booking().origin.as_ref().map(|p| p.code.as_str()), Some("BOS"));
}

#[test]
fn a_name_after_filler_words_at_the_name_question() {
    let (c, t) = call(&["oh, yes, of course. Harold Jenkins"]);
    assert_eq!(c.booking().name.as_deref(), Some("Harold Jenkins"), "{}", t.reply);
    let (c, _) = call(&["well, um, sure. It's Grace Liu"]);
    assert_eq!(c.booking().name.as_deref(), Some("Grace Liu"));
}

#[test]
fn the_airport_is_said_when_the_caller_named_only_a_city() {
    let (mut c, _) =
        call(&["Ann Lee", "from New York to Denver", "one way", "the 14th", "economy", "yes"]);
    let t = c.respond("the cheapest");
    assert!(t.reply.contains("leaves from"), "{}", t.reply);
    let (mut c, _) =
        call(&["Ann Lee", "from Boise to Denver", "one way", "the 14th", "economy", "yes"]);
    let t = c.respond("the cheapest");
    assert!(!t.reply.contains("leaves from"), "one airport each end: {}", t.reply);
}

#[test]
fn a_description_of_time_and_stops_picks_among_what_was_read() {
    let mut c = at_options();
    let t = c.respond("the one at noon, direct");
    assert_eq!(t.state, State::ConfirmingSelection, "{}", t.reply);
    let option = t.reply.split(':').next().unwrap_or_default().to_string();
    assert!(["Option one", "Option two", "Option three"].contains(&option.as_str()), "{}", t.reply);
}

#[test]
fn a_time_of_day_is_kept_as_a_preference_for_the_offers() {
    let (mut c, t) = planned(&["one way", "first thing Saturday morning", "economy"]);
    assert_eq!(c.booking().departure_date, day(12, 5));
    assert!(t.reply.contains("in the morning"), "said back in the summary: {}", t.reply);
    let t = c.respond("yes");
    let first = t.offers.first().expect("offers");
    assert!(first.depart_time.as_str() < "12:00", "morning flights first: {:?}", first.depart_time);
    assert_eq!(first.option, 1, "numbered as read");
    let (mut c, _) = planned(&["one way", "Friday evening", "economy"]);
    let t = c.respond("yes");
    let first = t.offers.first().expect("offers");
    assert!(
        first.depart_time.as_str() >= "17:00"
            || t.offers.iter().all(|o| o.depart_time.as_str() < "17:00")
    );
}

#[test]
fn ends_of_the_trip_said_the_wrong_way_round_or_restated() {
    // Heard the wrong way round: the ends swap.
    let (c, t) = call(&["Ann Lee", "from San Diego to Austin", "Austin. I'm leaving from Austin."]);
    let code = |p: &Option<united_voice::Place>| p.as_ref().map(|p| p.code.clone());
    assert_eq!(
        (code(&c.booking().origin), code(&c.booking().destination)),
        (Some("AUS".into()), Some("SAN".into())),
        "{}",
        t.reply
    );
    // "back to" the origin is the way home, not a new destination, and no complaint.
    let (c, t) = call(&["Ann Lee", "from Houston to Denver", "round trip, I come back to Houston"]);
    assert_eq!(code(&c.booking().destination), Some("DEN".into()));
    assert!(!t.reply.contains("already flying"), "{}", t.reply);
    // The caller's conclusion replaces the place said before it.
    let (c, _) = call(&["Ann Lee", "from Newark", "Fort Lauderdale... no, wait, make it Miami"]);
    assert_eq!(code(&c.booking().destination), Some("MIA".into()));
    // A place said twice in one answer is one place.
    let (c, t) = call(&["Ann Lee", "I am student in Houston, I go from Houston"]);
    assert!(c.booking().destination.is_none(), "{}", t.reply);
    assert!(!t.reply.contains("already flying"), "{}", t.reply);
}

#[test]
fn counts_said_in_groups_and_conclusions_in_dates() {
    let (c, _) = planned(&["one way", "the 14th", "two adults and three kids"]);
    assert_eq!(c.booking().passengers, 5);
    let (c, _) =
        planned(&["one way", "I start Monday January 4th, so the day before. Sunday the 3rd."]);
    let held = c.pending_preview().and_then(|b| b.departure_date);
    assert_eq!(c.booking().departure_date.or(held), day(1, 3));
}
