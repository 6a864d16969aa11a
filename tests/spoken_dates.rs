//! Spoken dates the first grammar missed (issue 14): ordinal weekdays of a month, weekends
//! relative to now, approximate dates, periods kept for the next answer, parts of the day,
//! doubtful fragments, pairs and ranges in one breath, speech-recogniser spellings. Only the
//! public API of `united_voice::dates`.

use united_voice::dates::{
    find_dates, find_period, parse_date, parse_expr, Date, DateErrorKind, DateMention, Doubt,
    PartOfDay,
};

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::from_ymd_opt(y, m, day).expect("a real date")
}

/// Tuesday, December 1st 2026 (the "today").
fn dec1() -> Date {
    d(2026, 12, 1)
}

/// Tuesday, March 2nd 2027.
fn mar2() -> Date {
    d(2027, 3, 2)
}

/// Sunday, November 29th 2026.
fn nov29() -> Date {
    d(2026, 11, 29)
}

#[track_caller]
fn check(today: Date, cases: &[(&str, Date)]) {
    for (text, want) in cases {
        assert_eq!(parse_date(text, today, None), Ok(*want), "{text:?} on {today}");
    }
}

fn mentions(text: &str) -> Vec<(&str, DateMention)> {
    find_dates(text).into_iter().map(|m| (&text[m.start..m.end], m)).collect()
}

fn spans(text: &str) -> Vec<&str> {
    mentions(text).into_iter().map(|(s, _)| s).collect()
}

/// The one date mention of `text`.
#[track_caller]
fn only(text: &str) -> DateMention {
    let found = find_dates(text);
    assert_eq!(found.len(), 1, "{text:?} -> {found:?}");
    found.into_iter().next().expect("one mention")
}

// 1. Ordinal weekday of a month.

#[test]
fn ordinal_weekdays_of_a_month() {
    check(
        dec1(),
        &[
            ("the third Monday in March", d(2027, 3, 15)),
            ("the first Friday of January", d(2027, 1, 1)),
            ("the last Sunday in February", d(2027, 2, 28)),
            ("second tuesday of next month", d(2027, 1, 12)),
            ("the fourth thursday of this month", d(2026, 12, 24)),
            ("the last friday of the month", d(2026, 12, 25)),
            ("the 2nd wednesday in april", d(2027, 4, 14)),
            ("the first monday of december", d(2026, 12, 7)),
            ("the final saturday of may 2027", d(2027, 5, 29)),
        ],
    );
    // The first Tuesday of December 2026 is today; said on the 2nd it is next year's.
    check(dec1(), &[("the first tuesday of december", dec1())]);
    let next_year = parse_date("the first tuesday of december", d(2026, 12, 2), None);
    assert_eq!(next_year.map_err(|e| e.kind), Err(DateErrorKind::BeyondWindow));
    // A return date rolls from the departure.
    let back = parse_date("the first friday of january", dec1(), Some(d(2027, 1, 5)));
    // (next year is past the window, so the slip "before the departure" is what Alex says)
    assert_eq!(back.map_err(|e| e.kind), Err(DateErrorKind::BeforeDeparture));
    // No fifth Monday in February 2027: said, not guessed.
    let none = parse_date("the fifth monday of february 2027", dec1(), None).unwrap_err();
    assert_eq!(none.kind, DateErrorKind::Invalid);
    assert_eq!(none.message, "February 2027 has no fifth Monday.");
}

#[test]
fn ordinal_weekday_inside_a_sentence_is_one_mention() {
    let text = "i'd like to go out the third monday in march and come back that friday";
    assert_eq!(spans(text)[0], "the third monday in march");
    let m = &find_dates(text)[0];
    assert_eq!(m.expr.resolve(dec1(), None), Ok(d(2027, 3, 15)));
    assert!(!m.doubtful());
}

// 2. Weekends.

#[test]
fn weekends_relative_to_now() {
    // Tuesday: this weekend is the 5th, next the 12th, after next the 19th.
    check(
        dec1(),
        &[
            ("this weekend", d(2026, 12, 5)),
            ("next weekend", d(2026, 12, 12)),
            ("the weekend after next", d(2026, 12, 19)),
            ("weekend after next", d(2026, 12, 19)),
            ("in two weekends", d(2026, 12, 19)),
            ("in a couple of weekends", d(2026, 12, 19)),
            ("in three weekends", d(2026, 12, 26)),
        ],
    );
    // Said on a Sunday: this weekend is today; the next is the Saturday six days later.
    check(
        nov29(),
        &[
            ("this weekend", nov29()),
            ("next weekend", d(2026, 12, 5)),
            ("the weekend after next", d(2026, 12, 12)),
            ("in two weekends", d(2026, 12, 12)),
        ],
    );
    assert_eq!(spans("round trip, the weekend after next, please"), ["the weekend after next"]);
}

// 3. Approximate dates.

#[test]
fn approximate_dates_are_flagged() {
    for (text, want) in [
        ("around the 20th", d(2026, 12, 20)),
        ("about the 15th of January", d(2027, 1, 15)),
        ("sometime around Christmas", d(2026, 12, 25)),
        ("roughly mid-January", d(2027, 1, 15)),
        ("mid-January", d(2027, 1, 15)),
        ("the middle of february", d(2027, 2, 15)),
        ("mid next month", d(2027, 1, 15)),
        ("the 20th or so", d(2026, 12, 20)),
        ("the 18th-ish", d(2026, 12, 18)),
        ("approximately january 8th", d(2027, 1, 8)),
        ("december 22nd give or take a day", d(2026, 12, 22)),
    ] {
        let expr = parse_expr(text).unwrap_or_else(|| panic!("{text:?}"));
        assert!(expr.is_approximate(), "{text:?}");
        assert_eq!(expr.resolve(dec1(), None), Ok(want), "{text:?}");
    }
    for text in ["the 20th", "january 15th", "christmas", "how about the 20th", "next friday"] {
        assert!(!parse_expr(text).expect(text).is_approximate(), "{text:?}");
    }
    let m = only("we want to leave around the 20th and stay a week");
    assert!(m.expr.is_approximate() && !m.doubtful());
}

// 4. Periods kept as context.

#[test]
fn periods_are_found_and_never_a_single_day() {
    for (text, span) in [
        ("from Boise to Spokane next week", "next week"),
        ("the week after next", "the week after next"),
        ("sometime in January", "sometime in January"),
        ("early February would be best", "early February"),
        ("the week of the 14th", "the week of the 14th"),
        ("later this month", "later this month"),
        ("toward the end of next month", "the end of next month"),
        ("in june", "in june"),
        ("probably January", "January"),
        ("this month", "this month"),
    ] {
        let found = find_period(text).unwrap_or_else(|| panic!("{text:?}"));
        assert_eq!(&text[found.start..found.end], span, "{text:?}");
        // No date, or only one that names the period ("the 14th" of "the week of the 14th").
        assert!(find_dates(text).iter().all(|m| m.doubt == Some(Doubt::Fragment)), "{text:?}");
        let error = parse_date(text, dec1(), None).unwrap_err();
        assert_eq!(error.kind, DateErrorKind::NotADate, "{text:?}");
    }
    // A date that names its day is no period.
    for text in
        ["wednesday next week", "january 20th", "the 3rd of next month", "may i", "march on"]
    {
        assert!(find_period(text).is_none(), "{text:?} -> {:?}", find_period(text));
    }
}

#[test]
fn a_later_answer_is_read_inside_the_period() {
    let within = |period: &str, answer: &str, today: Date| {
        let period = find_period(period).expect("a period").period;
        parse_expr(answer).expect("a date").resolve_within(&period, today, None)
    };
    assert_eq!(within("from Boise to Spokane next week", "Wednesday", dec1()), Ok(d(2026, 12, 9)));
    assert_eq!(within("in January", "the 20th", dec1()), Ok(d(2027, 1, 20)));
    assert_eq!(within("early February", "Friday", dec1()), Ok(d(2027, 2, 5)));
    assert_eq!(within("late February", "friday", dec1()), Ok(d(2027, 2, 26)));
    assert_eq!(within("the week after next", "monday", dec1()), Ok(d(2026, 12, 14)));
    assert_eq!(within("the week of the 14th", "thursday", dec1()), Ok(d(2026, 12, 17)));
    assert_eq!(within("the week of christmas", "the 23rd", dec1()), Ok(d(2026, 12, 23)));
    assert_eq!(within("next month", "the second", dec1()), Ok(d(2027, 1, 2)));
    assert_eq!(within("this week", "friday", mar2()), Ok(d(2027, 3, 5)));
    // An answer that names its own day ignores the period.
    assert_eq!(within("in January", "december 18th", dec1()), Ok(d(2026, 12, 18)));
    assert_eq!(within("next week", "tomorrow", dec1()), Ok(d(2026, 12, 2)));
    // A weekday already past in the period is past, not moved out of it.
    let past = within("this week", "monday", mar2()).unwrap_err();
    assert_eq!(past.kind, DateErrorKind::Past);
    // A return read in a period comes after the departure.
    let period = find_period("back in january").expect("period").period;
    let expr = parse_expr("the 3rd").expect("date");
    assert_eq!(expr.resolve_within(&period, dec1(), Some(d(2026, 12, 20))), Ok(d(2027, 1, 3)));
    assert_eq!(period.days(dec1(), None), Some((d(2027, 1, 1), d(2027, 1, 31))));
    let early = find_period("early february").expect("period").period;
    assert_eq!(early.days(dec1(), None), Some((d(2027, 2, 1), d(2027, 2, 10))));
}

// 5. Parts of the day.

#[test]
fn part_of_day_is_kept_and_covered_by_the_span() {
    for (text, span, date, part) in [
        (
            "first thing Saturday morning",
            "first thing Saturday morning",
            d(2026, 12, 5),
            PartOfDay::EarlyMorning,
        ),
        ("leaving Friday evening", "Friday evening", d(2026, 12, 4), PartOfDay::Evening),
        (
            "the 14th in the afternoon",
            "the 14th in the afternoon",
            d(2026, 12, 14),
            PartOfDay::Afternoon,
        ),
        ("late on Sunday", "late on Sunday", d(2026, 12, 6), PartOfDay::Evening),
        ("sunday night", "sunday night", d(2026, 12, 6), PartOfDay::Night),
        ("tomorrow morning", "tomorrow morning", d(2026, 12, 2), PartOfDay::Morning),
        ("early on the 18th", "early on the 18th", d(2026, 12, 18), PartOfDay::EarlyMorning),
        (
            "the morning of december 20th",
            "the morning of december 20th",
            d(2026, 12, 20),
            PartOfDay::Morning,
        ),
        ("this evening", "this evening", dec1(), PartOfDay::Evening),
        ("monday late at night", "monday late at night", d(2026, 12, 7), PartOfDay::Night),
    ] {
        let found = mentions(text);
        assert_eq!(found.len(), 1, "{text:?}");
        let (said, m) = &found[0];
        assert_eq!(*said, span, "{text:?}");
        assert_eq!(m.part_of_day, Some(part), "{text:?}");
        assert_eq!(m.expr.resolve(dec1(), None), Ok(date), "{text:?}");
    }
    assert_eq!(only("on friday").part_of_day, None);
    assert_eq!(spans("leaving friday, early february is no good"), ["friday"]);
}

// 6. Doubtful fragments.

#[test]
fn plain_dates_are_not_doubtful() {
    for text in [
        "on Friday",
        "Friday the 18th",
        "next Friday, one way",
        "the 14th, Monday",
        "leaving december 18th",
        "coming back on the 22nd please",
        "the day after tomorrow",
        "the day after christmas",
        "the day after, returning in the evening",
        "a week later",
        "until sunday",
        "from the 18th",
        "tomorrow morning works",
        "christmas eve",
        "the third monday in march",
        "let's say the 20th",
        "monday, december 14th",
        "the weekend after next",
        "around new year's",
        "how about thursday",
        "the day after that",
        "leave this friday, back the following tuesday",
    ] {
        for m in find_dates(text) {
            assert!(!m.doubtful(), "{text:?}: {m:?}");
        }
        assert!(!find_dates(text).is_empty(), "{text:?}");
    }
}

#[test]
fn fragments_next_to_a_date_make_it_doubtful() {
    for (text, why) in [
        ("the third Monday", Doubt::Fragment),
        ("the second friday of the quarter", Doubt::Fragment),
        ("the other Friday", Doubt::Fragment),
        ("every Friday", Doubt::Fragment),
        ("the last friday", Doubt::Fragment),
        ("the weekend of my sister's wedding", Doubt::Fragment),
        ("the day before my cousin's party", Doubt::Event),
        ("the day after the wedding", Doubt::Event),
        ("a week after graduation", Doubt::Event),
        ("the sunday after the game", Doubt::Event),
        ("my cousin's christmas party", Doubt::Event),
        ("the party on saturday", Doubt::Event),
        ("the 14th wedding anniversary", Doubt::Event),
        ("after christmas", Doubt::Bound),
        ("before the 20th", Doubt::Bound),
        ("since monday", Doubt::Bound),
        ("i need to be there by friday", Doubt::Bound),
        ("not the 5th", Doubt::Negated),
        ("instead of friday", Doubt::Negated),
    ] {
        let found = find_dates(text);
        let doubts: Vec<Option<Doubt>> = found.iter().map(|m| m.doubt).collect();
        assert!(!found.is_empty(), "{text:?}");
        assert!(doubts.contains(&Some(why)), "{text:?} -> {found:?}");
    }
    // "on Mondays" and "Friday's game" name no day of a trip at all.
    assert!(find_dates("on Mondays and Fridays").is_empty());
    assert!(find_dates("after Friday's game").is_empty());
}

#[test]
fn a_correction_says_which_date_is_wrong() {
    let found = find_dates("leaving friday the 11th, not the 5th");
    assert_eq!(found.len(), 2);
    assert!(!found[0].doubtful());
    assert_eq!(found[1].doubt, Some(Doubt::Negated));
}

// 7. Pairs and ranges in one breath.

#[test]
fn pairs_in_one_breath() {
    let text = "round trip, the weekend after next, fly out friday come back sunday";
    assert_eq!(spans(text), ["the weekend after next", "friday", "sunday"]);
    assert_eq!(spans("leaving the 18th returning the 27th"), ["the 18th", "the 27th"]);
    for text in ["leaving the 18th returning the 27th", "fly out friday come back sunday"] {
        assert!(find_dates(text).iter().all(|m| !m.range_end && !m.doubtful()), "{text:?}");
    }
}

#[test]
fn ranges_flag_their_end() {
    for (text, first, second) in [
        ("friday to sunday", "friday", "sunday"),
        ("from the 18th through the 27th", "the 18th", "the 27th"),
        ("between december 18th and january 3rd", "december 18th", "january 3rd"),
        ("12/18 - 12/27", "12/18", "12/27"),
        ("thursday till monday", "thursday", "monday"),
    ] {
        let found = mentions(text);
        assert_eq!(found.len(), 2, "{text:?}");
        assert_eq!((found[0].0, found[1].0), (first, second), "{text:?}");
        assert!(!found[0].1.range_end && found[1].1.range_end, "{text:?}");
    }
    let found = find_dates("friday and sunday");
    assert!(found.iter().all(|m| !m.range_end));
}

// 8. Speech-recogniser spellings.

#[test]
fn recogniser_spellings() {
    check(
        dec1(),
        &[
            ("Jan. 5th.", d(2027, 1, 5)),
            ("jan 5", d(2027, 1, 5)),
            ("1/5", d(2027, 1, 5)),
            ("the 5th.", d(2026, 12, 5)),
            ("dec twenty second", d(2026, 12, 22)),
            ("december twenty-second", d(2026, 12, 22)),
            ("january fifth twenty twenty seven", d(2027, 1, 5)),
            ("january 5th, twenty twenty-seven", d(2027, 1, 5)),
            ("Jan 5 2027", d(2027, 1, 5)),
            ("FEB. 3RD", d(2027, 2, 3)),
        ],
    );
    assert_eq!(spans("going Jan. 5th. back Jan. 12th."), ["Jan. 5th", "Jan. 12th"]);
}
