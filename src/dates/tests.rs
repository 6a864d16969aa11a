use super::*;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::from_ymd_opt(y, m, day).unwrap()
}

/// Friday.
fn t1() -> Date {
    d(2026, 11, 27)
}

/// Tuesday.
fn t2() -> Date {
    d(2027, 3, 2)
}

#[track_caller]
fn check(today: Date, cases: &[(&str, Date)]) {
    for (text, want) in cases {
        assert_eq!(parse_date(text, today, None), Ok(*want), "{text:?} on {today}");
    }
}

#[track_caller]
fn check_return(today: Date, departure: Date, cases: &[(&str, Date)]) {
    for (text, want) in cases {
        assert_eq!(
            parse_date(text, today, Some(departure)),
            Ok(*want),
            "{text:?} after {departure}"
        );
    }
}

#[track_caller]
fn error(text: &str, today: Date, after: Option<Date>) -> DateError {
    match parse_date(text, today, after) {
        Err(e) => e,
        Ok(date) => panic!("{text:?} gave {date}, expected an error"),
    }
}

#[test]
fn relative_days_and_weeks() {
    check(
        t1(),
        &[
            ("tomorrow", d(2026, 11, 28)),
            ("the day after tomorrow", d(2026, 11, 29)),
            ("today", t1()),
            ("Tonight", t1()),
            ("in three days", d(2026, 11, 30)),
            ("in 3 days", d(2026, 11, 30)),
            ("in two weeks", d(2026, 12, 11)),
            ("in a week", d(2026, 12, 4)),
            ("in a couple of days", d(2026, 11, 29)),
            ("a week from Friday", d(2026, 12, 11)),
            ("a week from today", d(2026, 12, 4)),
            ("two weeks from now", d(2026, 12, 11)),
            ("a week from tomorrow", d(2026, 12, 5)),
            ("in a month", d(2026, 12, 27)),
        ],
    );
    check(
        t2(),
        &[
            ("tomorrow", d(2027, 3, 3)),
            ("in two weeks", d(2027, 3, 16)),
            ("in twenty one days", d(2027, 3, 23)),
        ],
    );
}

#[test]
fn weekdays_on_a_friday() {
    check(
        t1(),
        &[
            ("friday", d(2026, 12, 4)),
            ("this friday", t1()),
            ("this coming friday", d(2026, 12, 4)),
            ("coming friday", d(2026, 12, 4)),
            ("next friday", d(2026, 12, 4)),
            ("monday", d(2026, 11, 30)),
            ("next monday", d(2026, 11, 30)),
            ("this monday", d(2026, 11, 30)),
            ("next wednesday", d(2026, 12, 2)),
            ("the monday after next", d(2026, 12, 7)),
            ("wednesday next week", d(2026, 12, 2)),
            ("this weekend", d(2026, 11, 28)),
            ("next weekend", d(2026, 12, 5)),
            ("Sunday", d(2026, 11, 29)),
            ("the sunday after christmas", d(2026, 12, 27)),
            ("the friday before christmas", d(2026, 12, 18)),
        ],
    );
}

#[test]
fn weekdays_on_a_tuesday() {
    check(
        t2(),
        &[
            ("friday", d(2027, 3, 5)),
            ("this friday", d(2027, 3, 5)),
            ("next friday", d(2027, 3, 12)),
            ("friday next week", d(2027, 3, 12)),
            ("tuesday", d(2027, 3, 9)),
            ("this tuesday", t2()),
            ("next tuesday", d(2027, 3, 9)),
            ("next monday", d(2027, 3, 8)),
            ("the monday after next", d(2027, 3, 15)),
            ("wednesday next week", d(2027, 3, 10)),
            ("thursday this week", d(2027, 3, 4)),
            ("this weekend", d(2027, 3, 6)),
            ("next weekend", d(2027, 3, 13)),
        ],
    );
}

#[test]
fn weekend_said_on_sunday_is_today() {
    let sunday = d(2026, 11, 29);
    check(sunday, &[("this weekend", sunday), ("next weekend", d(2026, 12, 5))]);
}

#[test]
fn absolute_dates_in_every_form() {
    let dec15 = d(2026, 12, 15);
    check(
        t1(),
        &[
            ("December 15th", dec15),
            ("Dec 15", dec15),
            ("Dec. 15", dec15),
            ("15 December", dec15),
            ("the 15th of December", dec15),
            ("december fifteenth", dec15),
            ("December the fifteenth", dec15),
            ("december fifteen", dec15),
            ("the twenty-first of December", d(2026, 12, 21)),
            ("twenty first of december", d(2026, 12, 21)),
            ("december twenty one", d(2026, 12, 21)),
            ("december thirty first", d(2026, 12, 31)),
            ("12/15", dec15),
            ("12/15/2026", dec15),
            ("12/15/26", dec15),
            ("2026-12-15", dec15),
            ("Monday the 14th", d(2026, 12, 14)),
            ("Monday December 14th", d(2026, 12, 14)),
            ("Monday, December 14th, 2026", d(2026, 12, 14)),
            ("the 15th", dec15),
            ("the 27th", t1()),
            ("the 26th", d(2026, 12, 26)),
            ("December 15th 2026", dec15),
            ("december fifteenth twenty twenty six", dec15),
            ("November 30th", d(2026, 11, 30)),
            ("January 3rd", d(2027, 1, 3)),
            ("jan 3", d(2027, 1, 3)),
            ("the fourth of july", d(2027, 7, 4)),
            ("may 5th", d(2027, 5, 5)),
        ],
    );
    check(
        t2(),
        &[
            ("December 15 2027", d(2027, 12, 15)),
            ("the 15th", d(2027, 3, 15)),
            ("the first", d(2027, 4, 1)),
            ("Friday the 12th", d(2027, 3, 12)),
            ("march 2nd", t2()),
            ("the 31st", d(2027, 3, 31)),
        ],
    );
    // No 31st in April: the next 31st after April 5th is May 31st.
    check(d(2027, 4, 5), &[("the 31st", d(2027, 5, 31))]);
}

#[test]
fn year_less_dates_roll_to_their_next_occurrence() {
    let dec20 = d(2026, 12, 20);
    check(dec20, &[("january 5th", d(2027, 1, 5)), ("december 20th", dec20)]);
    // December 15th said on December 20th is next year's, which is past the window.
    assert_eq!(error("December 15th", dec20, None).kind, DateErrorKind::BeyondWindow);
}

#[test]
fn holidays_are_computed() {
    check(
        t1(),
        &[
            ("Christmas", d(2026, 12, 25)),
            ("christmas eve", d(2026, 12, 24)),
            ("New Year's Eve", d(2026, 12, 31)),
            ("new year's day", d(2027, 1, 1)),
            ("new years", d(2027, 1, 1)),
            ("Memorial Day", d(2027, 5, 31)),
            ("labor day", d(2027, 9, 6)),
            ("MLK Day", d(2027, 1, 18)),
            ("martin luther king day", d(2027, 1, 18)),
            ("independence day", d(2027, 7, 4)),
            ("the Fourth of July", d(2027, 7, 4)),
            ("july 4th", d(2027, 7, 4)),
            ("Presidents' Day", d(2027, 2, 15)),
            ("valentine's day", d(2027, 2, 14)),
            ("easter", d(2027, 3, 28)),
            ("the day before christmas", d(2026, 12, 24)),
        ],
    );
    check(
        t2(),
        &[
            ("thanksgiving", d(2027, 11, 25)),
            ("the day after Thanksgiving", d(2027, 11, 26)),
            ("halloween", d(2027, 10, 31)),
            ("christmas 2027", d(2027, 12, 25)),
        ],
    );
    // Thanksgiving 2026 was yesterday; the next one is past the window.
    assert_eq!(error("thanksgiving", t1(), None).kind, DateErrorKind::BeyondWindow);
}

#[test]
fn return_phrases_count_from_the_departure() {
    let departure = d(2026, 12, 18);
    check_return(
        t1(),
        departure,
        &[
            ("a week later", d(2026, 12, 25)),
            ("three days later", d(2026, 12, 21)),
            ("two weeks later", d(2027, 1, 1)),
            ("the following Sunday", d(2026, 12, 20)),
            ("the next day", d(2026, 12, 19)),
            ("the day after", d(2026, 12, 19)),
            ("a week after that", d(2026, 12, 25)),
            ("the same day", departure),
            ("coming back on the 22nd", d(2026, 12, 22)),
            ("returning the 22nd", d(2026, 12, 22)),
            ("back on January 3rd", d(2027, 1, 3)),
            ("um so coming back uh sunday please", d(2026, 12, 20)),
            ("the 15th", d(2027, 1, 15)),
            ("the 22", d(2026, 12, 22)),
            ("22", d(2026, 12, 22)),
            ("new year's day", d(2027, 1, 1)),
        ],
    );
}

#[test]
fn departure_relative_flag_and_fallback_to_today() {
    for text in ["a week later", "the following sunday", "the next day", "three days later"] {
        let expr = parse_expr(text).unwrap();
        assert!(expr.is_relative_to_departure(), "{text}");
    }
    for text in ["next friday", "december 15th", "in a week", "christmas", "the 15th"] {
        assert!(!parse_expr(text).unwrap().is_relative_to_departure(), "{text}");
    }
    // Without a departure, "later" counts from today (the caller's choice to accept it).
    assert_eq!(parse_date("a week later", t1(), None), Ok(d(2026, 12, 4)));
}

#[test]
fn fillers_and_case_are_ignored() {
    check(
        t1(),
        &[
            ("um, uh, like, December 15th please", d(2026, 12, 15)),
            ("WELL so NEXT FRIDAY", d(2026, 12, 4)),
            ("december um fifteenth", d(2026, 12, 15)),
            ("I'd like to leave on the fifteenth", d(2026, 12, 15)),
            ("fifteenth", d(2026, 12, 15)),
        ],
    );
}

#[test]
fn every_error_kind() {
    let past = error("november 3rd 2026", t1(), None);
    assert_eq!(
        past,
        DateError {
            kind: DateErrorKind::Past,
            message: "November third has already passed.".into()
        }
    );
    let past_year = error("December 15 2025", t1(), None);
    assert_eq!(past_year.kind, DateErrorKind::Past);
    assert_eq!(past_year.message, "December fifteenth 2025 has already passed.");
    assert_eq!(error("yesterday", t1(), None).kind, DateErrorKind::Past);
    assert_eq!(error("last friday", t1(), None).kind, DateErrorKind::Past);
    assert_eq!(error("monday this week", t2(), None).kind, DateErrorKind::Past);
    assert_eq!(error("the 1st of this month", t2(), None).kind, DateErrorKind::Past);

    let invalid = error("February 30th", t1(), None);
    assert_eq!(
        invalid,
        DateError {
            kind: DateErrorKind::Invalid,
            message: "February doesn't have a thirtieth.".into()
        }
    );
    let month = error("13/45", t1(), None);
    assert_eq!(month.kind, DateErrorKind::Invalid);
    assert_eq!(month.message, "There's no thirteenth month.");
    assert_eq!(error("february 29 2027", t1(), None).kind, DateErrorKind::Invalid);
    assert_eq!(error("april 31st", t1(), None).message, "April doesn't have a thirty-first.");
    let weekday = error("Tuesday December 14th", t1(), None);
    assert_eq!(weekday.message, "December fourteenth is a Monday, not a Tuesday.");

    let beyond = error("December 15 2027", t1(), None);
    assert_eq!(beyond.kind, DateErrorKind::BeyondWindow);
    assert_eq!(
        beyond.message,
        "Flights are only scheduled about eleven months ahead, so the furthest date I can book \
         is Sunday, October twenty-fourth."
    );

    let before = error("december 10th", t1(), Some(d(2026, 12, 15)));
    assert_eq!(
        before,
        DateError {
            kind: DateErrorKind::BeforeDeparture,
            message: "The return can't be before the departure on Tuesday, December fifteenth."
                .into()
        }
    );

    for text in ["", "hello there", "two passengers", "first class", "flight 15", "🙂"] {
        assert_eq!(error(text, t1(), None).kind, DateErrorKind::NotADate, "{text:?}");
    }
}

#[test]
fn window_edges() {
    let last = d(2027, 10, 24);
    assert_eq!(last_bookable(t1()), Some(last));
    assert_eq!(validate(t1(), t1(), None), Ok(t1()));
    assert_eq!(validate(last, t1(), None), Ok(last));
    assert_eq!(
        validate(d(2027, 10, 25), t1(), None).unwrap_err().kind,
        DateErrorKind::BeyondWindow
    );
    assert_eq!(validate(t1(), t1(), Some(t1())), Ok(t1()));
}

#[test]
fn spoken_forms() {
    assert_eq!(spoken(d(2026, 12, 15)), "Tuesday, December fifteenth");
    assert_eq!(spoken(d(2027, 1, 1)), "Friday, January first");
    assert_eq!(spoken(d(2026, 12, 31)), "Thursday, December thirty-first");
    assert_eq!(spoken_short(d(2026, 12, 22)), "December twenty-second");
}

fn spans(text: &str) -> Vec<&str> {
    find_dates(text).iter().map(|m| &text[m.start..m.end]).collect()
}

#[test]
fn find_dates_in_sentences() {
    assert_eq!(
        spans("round trip from san francisco to new york december 18th back january 3rd"),
        ["december 18th", "january 3rd"]
    );
    let text = "i want to leave next friday and come back a week later";
    assert_eq!(spans(text), ["next friday", "a week later"]);
    let found = find_dates(text);
    assert!(!found[0].expr.is_relative_to_departure());
    assert!(found[1].expr.is_relative_to_departure());
    assert_eq!(found[1].expr.resolve(t1(), Some(d(2026, 12, 4))), Ok(d(2026, 12, 11)));
    assert_eq!(spans("fly on the 15th with two passengers"), ["the 15th"]);
    assert_eq!(
        spans("Leaving Dec. 15, returning the day after Christmas"),
        ["Dec. 15", "the day after Christmas"]
    );
    assert_eq!(spans("going 12/15/2026 back 1/3"), ["12/15/2026", "1/3"]);
    assert_eq!(spans("on the first and back on the fifth"), ["the first", "the fifth"]);
    assert_eq!(
        spans("monday the 14th in the morning, then the following sunday"),
        ["monday the 14th in the morning", "the following sunday"]
    );
    assert_eq!(spans("back on the 22 at 8 am"), ["the 22"]);
    assert_eq!(spans("coming back on the 22nd"), ["the 22nd"]);
    assert_eq!(spans("no, i said the fifth"), ["the fifth"]);
    assert_eq!(spans("returning the fifteenth, um, around noon"), ["the fifteenth"]);
    assert_eq!(
        spans("leave in three days and come back two weeks later"),
        ["in three days", "two weeks later"]
    );
}

#[test]
fn find_dates_ignores_non_dates() {
    for text in [
        "two passengers",
        "flight 15",
        "option two",
        "the first one",
        "first class",
        "the 8 am flight",
        "one way",
        "a week",
        "15",
        "i'll take the second",
        "the third option please",
        "new york to boston",
        "may i book a flight",
        "it's 3 - 2",
        "the sun is out",
    ] {
        assert_eq!(spans(text), Vec::<&str>::new(), "{text:?}");
    }
}

#[test]
fn huge_input_is_bounded() {
    let text = "december 15th and the day after the day after ".repeat(3000);
    assert!(text.len() > 100_000);
    let started = std::time::Instant::now();
    let found = find_dates(&text);
    let _ = parse_date(&text, t1(), None);
    let _ = parse_date(&"x".repeat(200_000), t1(), None);
    assert!(!found.is_empty());
    for pattern in ["a week from ", "the day before the ", "twenty ", "the monday after the ", "1/"]
    {
        let text = pattern.repeat(100_000 / pattern.len());
        let _ = find_dates(&text);
        let _ = parse_date(&text, t1(), Some(t1()));
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
}

fn in_window() -> impl Strategy<Value = Date> {
    (0..=BOOKING_WINDOW_DAYS).prop_map(|n| t1() + chrono::Days::new(n as u64))
}

proptest! {
    // Long inputs are slow to generate: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn never_panics_on_long_input(text in "\\PC{1000,20000}") {
        let _ = parse_date(&text, t1(), None);
        for m in find_dates(&text) {
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }
}

proptest! {
    #[test]
    fn never_panics(text in ".{0,300}") {
        let _ = parse_date(&text, t1(), None);
        let _ = parse_date(&text, t2(), Some(t2()));
        for m in find_dates(&text) {
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }

    #[test]
    fn never_panics_on_wordy_input(words in prop::collection::vec(
        prop::sample::select(vec![
            "the", "day", "after", "next", "friday", "december", "15th", "twenty", "first", "of",
            "a", "week", "later", "12/15", "/", "-", "2026", "in", "from", "christmas", "this",
            "weekend", "monday", "following", "back", "on", "99", "0", "32nd", "feb", "29",
        ]),
        0..40,
    )) {
        let text = words.join(" ");
        let _ = parse_date(&text, t1(), None);
        let _ = parse_date(&text, t1(), Some(d(2026, 12, 18)));
        let found = find_dates(&text);
        for pair in found.windows(2) {
            prop_assert!(pair[0].end <= pair[1].start);
        }
    }

    #[test]
    fn spans_are_ordered_on_char_boundaries(prefix in "\\PC{0,40}", suffix in "\\PC{0,40}") {
        let text = format!("{prefix} december 18th é back ü january 3rd {suffix}");
        let found = find_dates(&text);
        for m in &found {
            prop_assert!(m.start < m.end);
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
        for pair in found.windows(2) {
            prop_assert!(pair[0].end <= pair[1].start);
        }
    }

    #[test]
    fn written_and_spoken_forms_round_trip(date in in_window()) {
        prop_assert_eq!(parse_date(&spoken(date), t1(), None), Ok(date));
        prop_assert_eq!(parse_date(&date.format("%B %-d %Y").to_string(), t1(), None), Ok(date));
        prop_assert_eq!(parse_date(&date.format("%-m/%-d/%Y").to_string(), t1(), None), Ok(date));
        prop_assert_eq!(parse_date(&date.format("%Y-%m-%d").to_string(), t1(), None), Ok(date));
        prop_assert_eq!(parse_date(&spoken_short(date), t1(), None), Ok(date));
    }
}

proptest! {
    /// "the third Monday of March 2027" and "the last ..." give back the day they describe.
    #[test]
    fn nth_weekdays_round_trip(date in in_window()) {
        let nth = (date.day() - 1) / 7 + 1;
        let weekday = weekday_name(date.weekday());
        let month = spoken::month_name(date.month()).unwrap_or_default();
        let nth_word = numbers::ordinal_words(nth);
        let said = format!("the {nth_word} {weekday} of {month} {}", date.year());
        prop_assert_eq!(parse_date(&said, t1(), None), Ok(date), "{}", said);
        let is_last = date.checked_add_days(chrono::Days::new(7)).is_some_and(|w| w.month() != date.month());
        if is_last {
            let said = format!("the last {weekday} in {month} {}", date.year());
            prop_assert_eq!(parse_date(&said, t1(), None), Ok(date), "{}", said);
        }
    }

    /// A day number said after "in <month>" is that day of that month.
    #[test]
    fn day_numbers_resolve_inside_a_month(date in in_window()) {
        let month = spoken::month_name(date.month()).unwrap_or_default();
        let said = format!("sometime in {month} {}", date.year());
        let period = find_period(&said).map(|p| p.period);
        prop_assert!(period.is_some(), "{}", said);
        let period = period.unwrap_or_else(|| unreachable!());
        let day = parse_expr(&numbers::ordinal_words(date.day())).map(|e| e.resolve_within(&period, t1(), None));
        prop_assert_eq!(day, Some(Ok(date)));
        let weekday = parse_expr(weekday_name(date.weekday()))
            .map(|e| e.resolve_within(&period, date, None));
        prop_assert_eq!(weekday, Some(Ok(date)), "{} on {}", said, date);
    }

    #[test]
    fn qualifiers_never_break_spans(words in prop::collection::vec(
        prop::sample::select(vec![
            "around", "about", "mid", "the", "week", "of", "weekend", "after", "next", "third",
            "last", "monday", "in", "march", "morning", "first", "thing", "late", "on", "to",
            "not", "every", "or", "so", "ish", "give", "take", "14th", "early", "february", "'s",
            "party", "before", "this", "month", "evening", "between", "and", "-",
        ]),
        0..30,
    )) {
        let text = words.join(" ");
        let found = find_dates(&text);
        for m in &found {
            prop_assert!(m.start < m.end && text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
        for pair in found.windows(2) {
            prop_assert!(pair[0].end <= pair[1].start);
        }
        if let Some(p) = find_period(&text) {
            prop_assert!(p.start < p.end && p.end <= text.len());
            let _ = p.period.days(t1(), None);
        }
        let _ = parse_date(&text, t2(), Some(t2()));
    }
}
