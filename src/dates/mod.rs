//! Spoken dates: what callers say ("next Friday", "the twenty-first of December", "a week
//! later") parsed against an injected "today", and validated with reasons Alex can speak.
//!
//! chrono does the calendar arithmetic; the phrase grammar is ours ([`grammar`] over a small
//! [`lexer`]). No well-kept crate parses spoken, relative English dates deterministically
//! against an injected today, offline and small enough for wasm: the candidates read a system
//! clock, need regex (wasm size), or target written dates. A hand matcher also lets us refuse
//! "two passengers", "flight 15" and "the first one" inside longer sentences.
//!
//! Rules the caller can rely on:
//! - A date without a year is its next occurrence on or after the anchor: today, or for a
//!   return date (`after` given) the later of today and the departure. "December 15th" said on
//!   December 20th is next year. A date with an explicit past year is `Past`, never rolled.
//! - A bare weekday ("Friday", "on Sunday") is the next one strictly after the anchor, never
//!   the anchor day itself. "this Friday" includes today; "this coming Friday" does not.
//! - **"next Friday" is the Friday of next week** (weeks run Monday to Sunday), as is "Friday
//!   next week". Said on Tuesday March 2nd 2027 it is March 12th, not the 5th; said on Friday
//!   November 27th 2026 it is December 4th; said on a weekend it is the coming Friday. The
//!   dialogue reads dates back with their weekday, so a caller who meant the other Friday can
//!   correct it. "the Friday after next" is a week later still.
//! - "this weekend" is its Saturday (today, if said on a Sunday); "next weekend" is the
//!   Saturday of next week; "the weekend after next" and "in two weekends" the Saturday a week
//!   after that ("in n weekends": the weekend of the week n weeks from now, as "in n weeks").
//! - "the third Monday in March", "the last Sunday of February", "the second Tuesday of next
//!   month": that day of the month; a month without a year is its next occurrence on or after
//!   the anchor, as for "March 15th".
//! - "around the 20th", "about the 15th of January", "sometime around Christmas", "the 20th or
//!   so", "mid-January" (the 15th) are that date, flagged [`DateExpr::is_approximate`] so the
//!   dialogue can offer a flexible search.
//! - "Friday evening", "first thing Saturday morning", "the 14th in the afternoon", "late on
//!   Sunday" are the date; the part of the day is kept on the mention
//!   ([`DateMention::part_of_day`]) as a preference for the offers.
//! - Periods name no single day and never become one: "next week", "the week after next", "in
//!   January", "early February", "later this month", "the week of the 14th" ([`find_period`]).
//!   A later answer is read inside them with [`DateExpr::resolve_within`].
//! - A date the words around it make a fragment of a longer phrase ("the third Monday" with no
//!   month, "the day after the wedding", "every Friday", "not the 5th") is still found, but its
//!   mention says why it is in doubt ([`DateMention::doubt`]): never take it silently.
//! - Phrases relative to the departure ("a week later", "the next day", "the following
//!   Sunday", "three days after that") count from `after`; with no `after` they count from
//!   today (the caller decides whether to accept that; `is_relative_to_departure` tells).
//! - Numeric dates are US order: 12/15 is December 15th; 13/45 is `Invalid`.

pub mod birth;
mod expr;
mod grammar;
mod holidays;
pub mod iso;
mod lexer;
pub mod numbers;
mod period;
mod spoken;

pub use spoken::{is_month_name, is_weekday_name, month_name, spoken, spoken_short, weekday_name};

use chrono::{Datelike, Days};
use expr::{Anchors, Expr, WeekdayRule};
use grammar::{Matcher, Reading};
use lexer::Token;

use serde::{Deserialize, Serialize};

/// A calendar date (no time, no zone): flights are booked by local calendar day.
pub type Date = chrono::NaiveDate;

/// How far ahead airlines publish schedules (about 11 months).
pub const BOOKING_WINDOW_DAYS: i64 = 331;

/// Why a phrase did not give a usable date. The snake_case names are the harness's `error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateErrorKind {
    Past,
    Invalid,
    BeyondWindow,
    BeforeDeparture,
    NotADate,
}

wire_names!(DateErrorKind {
    Past => "past",
    Invalid => "invalid",
    BeyondWindow => "beyond_window",
    BeforeDeparture => "before_departure",
    NotADate => "not_a_date",
});

/// A rejected date with a sentence Alex can say ("December 3rd has already passed.").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateError {
    pub kind: DateErrorKind,
    pub message: String,
}

/// A parsed but not yet resolved date phrase: resolution needs "today" and, for return
/// phrases like "a week later", the departure date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateExpr {
    expr: Expr,
    approximate: bool,
}

impl DateExpr {
    fn new(reading: Reading) -> Self {
        DateExpr { expr: reading.expr, approximate: reading.approximate }
    }

    /// Resolve against `today` (and `after`, the departure date, when this is a return date).
    /// Validates: past, impossible, beyond the window, before `after`.
    pub fn resolve(&self, today: Date, after: Option<Date>) -> Result<Date, DateError> {
        let anchors = anchors(today, after);
        let date = self.expr.date(&anchors).map_err(DateError::invalid)?;
        let checked = validate(date, today, after);
        if checked.as_ref().is_err_and(|e| e.kind == DateErrorKind::BeyondWindow)
            && anchors.departure > today
        {
            // "back December 10th" when leaving December 15th: the caller slipped, and "before
            // the departure" helps more than next year's December 10th being too far out.
            let from_today = Anchors { roll_from: today, ..anchors };
            if let Ok(earlier) = self.expr.date(&from_today) {
                if earlier < anchors.departure {
                    return validate(earlier, today, after);
                }
            }
        }
        checked
    }

    /// Resolve an answer inside a period the caller gave earlier: "Wednesday" after "next
    /// week" is Wednesday of next week, "the 20th" after "in January" is January 20th,
    /// "Friday" after "early February" the first Friday of February. Only a bare weekday or
    /// day number takes the period; any other phrase names its own day (`resolve`).
    pub fn resolve_within(
        &self,
        period: &DatePeriod,
        today: Date,
        after: Option<Date>,
    ) -> Result<Date, DateError> {
        let fits: &dyn Fn(Date) -> bool = match self.expr {
            Expr::Weekday {
                weekday,
                rule: WeekdayRule::Bare | WeekdayRule::This | WeekdayRule::Coming,
            } => &move |d: Date| d.weekday() == weekday,
            Expr::DayOfMonth { day, weekday } => {
                &move |d: Date| d.day() == day && weekday.is_none_or(|w| d.weekday() == w)
            }
            _ => return self.resolve(today, after),
        };
        let Some((whole, part)) = period.period.days(&anchors(today, after)) else {
            return self.resolve(today, after);
        };
        let earliest = after.map_or(today, |a| a.max(today));
        let days = |(first, last): (Date, Date)| {
            first.iter_days().take_while(move |d| *d <= last).filter(|d| fits(*d))
        };
        let found = days(part)
            .find(|d| *d >= earliest)
            .or_else(|| days(whole).find(|d| *d >= earliest))
            .or_else(|| days(part).next());
        match found {
            Some(date) => validate(date, today, after),
            None => self.resolve(today, after),
        }
    }

    /// True for phrases only meaningful relative to a departure ("a week later",
    /// "three days later", "the following Sunday").
    pub fn is_relative_to_departure(&self) -> bool {
        self.expr.is_relative_to_departure()
    }

    /// A weekday said alone ("Sunday"): which one depends on what was said around it.
    pub fn is_bare_weekday(&self) -> bool {
        matches!(self.expr, Expr::Weekday { rule: WeekdayRule::Bare, .. })
    }

    /// "today", "tonight".
    pub fn is_today(&self) -> bool {
        matches!(self.expr, Expr::Today)
    }

    /// "next Friday": this coming Friday to some callers, the one after to others.
    pub fn is_ambiguous(&self) -> bool {
        matches!(self.expr, Expr::Weekday { rule: WeekdayRule::Next, .. })
    }

    /// A day number said alone ("the 10th", "Sunday the 3rd").
    pub fn is_bare_day(&self) -> bool {
        matches!(self.expr, Expr::DayOfMonth { .. })
    }

    /// "the Thursday before", "the day before": counted back from a day, so never a day of its
    /// own when no date was said before it.
    pub fn counts_back(&self) -> bool {
        match &self.expr {
            Expr::WeekdayNear { before, .. } => *before,
            Expr::Shift { days, months, .. } => *days < 0 && *months == 0,
            _ => false,
        }
    }

    /// True when the caller gave the date loosely ("around the 20th", "mid-January", "the
    /// 20th or so"): worth offering nearby days too.
    pub fn is_approximate(&self) -> bool {
        self.approximate
    }

    /// A holiday by name ("Christmas", "Memorial Day"): "for Christmas" is a trip around it,
    /// not necessarily on it.
    pub fn is_holiday(&self) -> bool {
        matches!(self.expr, Expr::Holiday { .. })
    }

    /// "I report Monday January 4th, so the day before": a phrase counted from the departure,
    /// said right after another date, counts from that date instead; the result is a plain date.
    pub fn counted_from(self, base: Date, today: Date) -> DateExpr {
        if !self.is_relative_to_departure() {
            return self;
        }
        match self.expr.date(&anchors(today, Some(base))) {
            Ok(date) => self.settled(date),
            Err(_) => self,
        }
    }

    /// "The wedding is June 12th, so the 13th", "the party's Saturday the 9th, so the Thursday
    /// before": a phrase said after another date of the same breath reads from it. A phrase
    /// counted from the departure counts from `base`; a bare day number or weekday is the first
    /// such day from `base` on. Any other phrase names its own day.
    pub fn read_after(self, base: Date, today: Date) -> DateExpr {
        match self.expr {
            Expr::DayOfMonth { .. } | Expr::Weekday { rule: WeekdayRule::Bare, .. } => {
                // Within the month that follows: "the 3rd" said after January 4th with its own
                // weekday ("Sunday the 3rd") is not next October's.
                // Counted from the day before, so the day itself counts ("Labor Day, the
                // Monday").
                let eve = base.pred_opt().unwrap_or(base);
                match self.expr.date(&anchors(today, Some(eve))) {
                    Ok(date) if date >= base && (date - base).num_days() <= 31 => {
                        self.settled(date)
                    }
                    _ => self,
                }
            }
            _ => self.counted_from(base, today),
        }
    }

    /// This phrase, settled on `date` (said back as that date, still approximate if it was).
    fn settled(&self, date: Date) -> DateExpr {
        DateExpr {
            expr: Expr::MonthDay {
                month: date.month(),
                day: date.day(),
                year: Some(date.year()),
                weekday: None,
            },
            approximate: self.approximate,
        }
    }

    /// A weekend ("the weekend after next"): days said with it are read inside it.
    pub fn is_weekend(&self) -> bool {
        matches!(self.expr, Expr::Weekend { .. })
    }

    /// "fly out Friday, come back Sunday" said with a weekend or a date: a bare weekday is the
    /// one nearest that `anchor` (within three days), not the next Friday from today. Any other
    /// phrase is returned as it is.
    pub fn near(self, anchor: Date) -> DateExpr {
        let Expr::Weekday { weekday, rule: WeekdayRule::Bare } = self.expr else { return self };
        let offset = (i64::from(weekday.num_days_from_monday())
            - i64::from(anchor.weekday().num_days_from_monday())
            + 10)
            .rem_euclid(7)
            - 3;
        match anchor.checked_add_signed(chrono::TimeDelta::days(offset)) {
            Some(date) => self.settled(date),
            None => self,
        }
    }
}

fn anchors(today: Date, after: Option<Date>) -> Anchors {
    let departure = after.unwrap_or(today);
    Anchors { today, departure, roll_from: departure.max(today) }
}

/// The part of the day a caller asked for ("Friday evening"): a preference for the offers,
/// not part of the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum PartOfDay {
    /// "first thing", "early Saturday morning"
    EarlyMorning,
    Morning,
    /// "afternoon", "midday"
    Afternoon,
    /// "evening", "tonight", "late on Sunday"
    Evening,
    /// "night", "overnight", "late Sunday night"
    Night,
}

/// Why a found date should not be taken silently: the words touching it make it part of a
/// phrase the grammar could not read, so the dialogue confirms it or asks the LLM tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Doubt {
    /// Part of a longer phrase: "the third Monday" (no month), "every Friday", "the other
    /// Friday", "the weekend of ...".
    Fragment,
    /// A limit, not the day: "after Christmas", "before the 20th", "since Monday", "by Friday".
    Bound,
    /// Said to be wrong: "not the 5th".
    Negated,
    /// Relative to, or the date of, something else: "the day after the wedding", "my cousin's
    /// Christmas party", "the party on Saturday".
    Event,
}

/// A stretch of days the caller named without a day: "next week", "in January", "early
/// February", "the week of the 14th". Kept by the dialogue for the next answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatePeriod {
    period: period::Period,
}

impl DatePeriod {
    /// The first and last day of the period (of its part: "early February" is February 1st to
    /// 10th), for a flexible search; `None` when it names no real days ("the week of February
    /// 30th"). Not validated against the booking window.
    pub fn days(&self, today: Date, after: Option<Date>) -> Option<(Date, Date)> {
        self.period.days(&anchors(today, after)).map(|(_, part)| part)
    }
}

/// A period found in an utterance; `start..end` are byte offsets into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodMention {
    pub start: usize,
    pub end: usize,
    pub period: DatePeriod,
}

impl DateError {
    fn invalid(message: String) -> Self {
        DateError { kind: DateErrorKind::Invalid, message }
    }
}

/// A date phrase found inside a longer utterance; `start..end` are byte offsets into the text
/// and cover every word the phrase explained ("around", "first thing", "in the morning").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub expr: DateExpr,
    /// "Friday evening" -> `Evening`: a preference for the offers.
    pub part_of_day: Option<PartOfDay>,
    /// Set when the words touching the date make it doubtful (see [`Doubt`]).
    pub doubt: Option<Doubt>,
    /// The second date of a range said in one breath ("Friday to Sunday", "from the 18th
    /// through the 27th"): the end of the trip.
    pub range_end: bool,
}

impl DateMention {
    /// True when the date must not be taken silently (see [`Doubt`]).
    pub fn doubtful(&self) -> bool {
        self.doubt.is_some()
    }
}

/// Every date phrase in an utterance, left to right, non-overlapping, longest first.
/// Cue words before a date ("back", "returning", "on") stay outside the span. Strict about
/// bare numbers: "15", "two passengers", "the first one" are not dates here, "the 15th",
/// "on the first" and "12/15" are. A date inside a period ("the 14th" of "the week of the
/// 14th") is a [`Doubt::Fragment`]. Only the first few thousand words are read.
pub fn find_dates(text: &str) -> Vec<DateMention> {
    scan(text, true).0
}

/// The first period in an utterance that no date phrase covers ("next week", but not the
/// "next week" of "Wednesday next week"). A period may hold a date ("the week of the 14th").
pub fn find_period(text: &str) -> Option<PeriodMention> {
    scan(text, true).1.into_iter().next()
}

/// [`find_dates`] and [`find_period`] from one reading of the text (what the extractor needs:
/// reading it twice doubled the cost of dates in a turn).
pub fn find_dates_and_period(text: &str) -> (Vec<DateMention>, Option<PeriodMention>) {
    let (dates, periods) = scan(text, true);
    (dates, periods.into_iter().next())
}

/// Dates and periods of an utterance, each kept only where the other does not cover it.
fn scan(text: &str, strict: bool) -> (Vec<DateMention>, Vec<PeriodMention>) {
    let tokens = lexer::tokenize(text);
    let matcher = Matcher::new(&tokens, strict);
    let mut dates: Vec<(usize, Reading)> = Vec::new();
    let mut periods: Vec<(usize, usize, period::Period)> = Vec::new();
    let (mut i, mut next_period) = (0, 0);
    while i < tokens.len() {
        if i >= next_period {
            if let Some((period, end)) = matcher.period(i).filter(|(_, end)| *end > i) {
                periods.push((i, end, period));
                next_period = end;
            }
        }
        match matcher.reading(i) {
            Some(reading) if reading.end > i => {
                let end = reading.end;
                dates.push((i, reading));
                i = end;
            }
            _ => i += 1,
        }
    }
    // "the 14th" inside "the week of the 14th" names the week, not the day (its mention is a
    // fragment); "next week" inside "Wednesday next week" is no period.
    let inside_period = |start: usize, end: usize| {
        periods.iter().any(|(ps, pe, _)| *ps <= start && end <= *pe && pe - ps > end - start)
    };
    let in_periods: Vec<bool> =
        dates.iter().map(|(start, r)| inside_period(*start, r.end)).collect();
    periods.retain(|(ps, pe, _)| {
        !dates
            .iter()
            .zip(&in_periods)
            .any(|((start, r), inside)| !inside && start < pe && ps < &r.end)
    });
    let span = |from: usize, to: usize| {
        let start = tokens.get(from).map_or(0, |t| t.start);
        (start, to.checked_sub(1).and_then(|last| tokens.get(last)).map_or(start, |t| t.end))
    };
    let mut found: Vec<DateMention> = Vec::with_capacity(dates.len());
    let mut previous_end: Option<usize> = None;
    for ((from, reading), inside) in dates.into_iter().zip(in_periods) {
        let (start, end) = span(from, reading.end);
        let range_end = previous_end.is_some_and(|prev| joins_range(text, &tokens, prev, from));
        let doubt =
            if inside { Some(Doubt::Fragment) } else { doubt(text, &tokens, from, reading.end) };
        previous_end = Some(reading.end);
        let part_of_day = reading.part_of_day;
        let expr = DateExpr::new(reading);
        found.push(DateMention { start, end, expr, part_of_day, doubt, range_end });
    }
    let periods = periods
        .into_iter()
        .map(|(from, to, period)| {
            let (start, end) = span(from, to);
            PeriodMention { start, end, period: DatePeriod { period } }
        })
        .collect();
    (found, periods)
}

/// Words between two dates that make them one range: "Friday to Sunday", "the 18th through
/// the 27th", "between the 18th and the 27th", "12/18 - 12/27".
fn joins_range(text: &str, tokens: &[Token], first_end: usize, second: usize) -> bool {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    match second.checked_sub(first_end) {
        Some(0) => {
            let gap =
                match (first_end.checked_sub(1).and_then(|i| tokens.get(i)), tokens.get(second)) {
                    (Some(a), Some(b)) => text.get(a.end..b.start).unwrap_or(""),
                    _ => "",
                };
            gap.trim().chars().any(|c| matches!(c, '-' | '\u{2013}' | '\u{2014}'))
        }
        Some(1) => match word(first_end) {
            "to" | "through" | "thru" | "till" | "til" | "until" => true,
            "and" => (0..first_end).rev().take(6).any(|k| word(k) == "between"),
            _ => false,
        },
        _ => false,
    }
}

/// Before a date: words that make it a limit rather than the day.
const BOUND_BEFORE: &[&str] = &["before", "after", "since", "by", "past"];
/// Before a date: words that make it part of a longer phrase.
const FRAGMENT_BEFORE: &[&str] = &["every", "each", "other", "of", "alternate"];
/// Before a date: words that say it is not the date.
const NEGATION_BEFORE: &[&str] = &["not", "instead", "except", "excluding", "rather"];
/// Things that happen on a date: a date next to one is the event's, not (yet) the flight's.
const EVENT_NOUNS: &[&str] = &[
    "party",
    "wedding",
    "meeting",
    "game",
    "concert",
    "dinner",
    "lunch",
    "appointment",
    "conference",
    "reunion",
    "funeral",
    "graduation",
    "ceremony",
    "show",
    "match",
    "event",
    "birthday",
    "anniversary",
    "celebration",
    "shower",
    "recital",
    "interview",
    "surgery",
    "exam",
    "shift",
    "service",
];
/// After an open "the day after" / "a week before": words that continue the sentence, not
/// name an event.
const CONTINUE_AFTER_OPEN: &[&str] = &[
    "and",
    "then",
    "returning",
    "return",
    "coming",
    "back",
    "one",
    "round",
    "with",
    "in",
    "at",
    "on",
    "for",
    "from",
    "to",
    "or",
    "but",
    "is",
    "works",
    "would",
    "sounds",
    "thanks",
    "thank",
    "i",
    "we",
    "leaving",
    "leave",
    "departing",
    "fly",
    "flying",
    "going",
    "if",
    "instead",
    "too",
    "please",
    "ok",
    "okay",
    "yes",
    "no",
    "economy",
    "business",
    "first",
    "premium",
];

/// Why the words touching tokens `from..to` (a date) put it in doubt, if they do.
fn doubt(text: &str, tokens: &[Token], from: usize, to: usize) -> Option<Doubt> {
    let word = |i: Option<usize>| i.and_then(|i| tokens.get(i)).map_or("", |t| t.text.as_str());
    let possessive = |i: Option<usize>| {
        i.and_then(|i| tokens.get(i))
            .and_then(|t| text.get(t.start..t.end))
            .is_some_and(|s| s.ends_with("'s") || s.ends_with("\u{2019}s") || s.ends_with("s'"))
    };
    // Words across a sentence end or a comma say nothing about this date ("a week after.
    // Wednesday the 27th").
    let paused_before = tokens.get(from).is_some_and(|t| t.after_pause);
    let paused_after = tokens.get(to).is_some_and(|t| t.after_pause);
    let (before, before2) =
        if paused_before { (None, None) } else { (from.checked_sub(1), from.checked_sub(2)) };
    let (first, last) = (word(Some(from)), word(to.checked_sub(1)));
    let (after, after2) = (word(Some(to)), word(Some(to + 1)));
    let prev = word(before);
    if NEGATION_BEFORE.contains(&prev) || (word(before2) == "instead" && prev == "of") {
        return Some(Doubt::Negated);
    }
    if BOUND_BEFORE.contains(&prev) {
        return Some(Doubt::Bound);
    }
    let weekday_first = is_weekday_name(first) || matches!(first, "last" | "final");
    let ordinal_before = numbers::ordinal(prev).is_some() || matches!(prev, "last" | "final");
    if FRAGMENT_BEFORE.contains(&prev)
        || (weekday_first && ordinal_before)
        || (first == "last" && prev == "the")
    {
        return Some(Doubt::Fragment);
    }
    // Words after a comma start another clause ("December 6th, first class").
    let clause_ends = to
        .checked_sub(1)
        .and_then(|l| Some((tokens.get(l)?, tokens.get(to)?)))
        .and_then(|(l, n)| text.get(l.end..n.start))
        .is_some_and(|between| between.contains([',', '.', ';', '!', '?']));
    let event_after =
        !clause_ends && (EVENT_NOUNS.contains(&after) || EVENT_NOUNS.contains(&after2));
    if possessive(before)
        || EVENT_NOUNS.contains(&prev)
        || EVENT_NOUNS.contains(&word(before2))
        || event_after
    {
        return Some(Doubt::Event);
    }
    // "the day after the wedding": the grammar stopped at "after"; what follows names no date.
    // An open "before" never counts from the departure ("the day before my cousin's party").
    let open_after = last == "after"
        && !after.is_empty()
        && !paused_after
        && !CONTINUE_AFTER_OPEN.contains(&after);
    if open_after || (last == "before" && !after.is_empty() && !paused_after) {
        return Some(Doubt::Event);
    }
    if after == "of" {
        return Some(Doubt::Fragment);
    }
    None
}

/// Parse text that should be a single date (the harness `dates` command, a typed date field).
/// The first date phrase wins; a lone day number ("15", "the fifteenth", "coming back the
/// 22") is accepted here, though not inside sentences.
pub fn parse_date(text: &str, today: Date, after: Option<Date>) -> Result<Date, DateError> {
    parse_expr(text)
        .ok_or_else(|| DateError {
            kind: DateErrorKind::NotADate,
            message: "I didn't catch a date in that.".to_string(),
        })?
        .resolve(today, after)
}

/// The first date phrase in `text`, read leniently (see [`parse_date`]). A period alone ("next
/// week", "in January") is no date.
pub fn parse_expr(text: &str) -> Option<DateExpr> {
    let (dates, periods) = scan(text, false);
    let within_period =
        |m: &DateMention| periods.iter().any(|p| p.start <= m.start && m.end <= p.end);
    if let Some(found) = dates.into_iter().find(|m| !within_period(m)) {
        return Some(found.expr);
    }
    if !periods.is_empty() {
        return None;
    }
    let tokens = lexer::tokenize(text);
    let rest: Vec<&str> = tokens
        .iter()
        .map(|t| t.text.as_str())
        .filter(|w| !grammar::CUE_WORDS.contains(w))
        .collect();
    let whole = |(day, used): (u32, usize)| used == rest.len() && (1..=99).contains(&day);
    let day = [numbers::cardinal_tokens(&rest), numbers::ordinal_tokens(&rest)]
        .into_iter()
        .flatten()
        .find(|reading| whole(*reading))?
        .0;
    Some(DateExpr { expr: Expr::DayOfMonth { day, weekday: None }, approximate: false })
}

/// Checks a calendar date for booking: not past, within the schedule window, not before the
/// departure (`after`). Also used for dates that come from elsewhere (an LLM's answer).
pub fn validate(date: Date, today: Date, after: Option<Date>) -> Result<Date, DateError> {
    if date < today {
        let said = if date.year() == today.year() {
            spoken_short(date)
        } else {
            format!("{} {}", spoken_short(date), date.year())
        };
        return Err(DateError {
            kind: DateErrorKind::Past,
            message: format!("{said} has already passed."),
        });
    }
    if let Some(departure) = after.filter(|d| date < *d) {
        return Err(DateError {
            kind: DateErrorKind::BeforeDeparture,
            message: format!("The return can't be before the departure on {}.", spoken(departure)),
        });
    }
    let furthest = last_bookable(today);
    if furthest.is_some_and(|last| date > last) {
        let last = furthest.map(spoken).unwrap_or_default();
        return Err(DateError {
            kind: DateErrorKind::BeyondWindow,
            message: format!(
                "Flights are only scheduled about eleven months ahead, so the furthest date I \
                 can book is {last}."
            ),
        });
    }
    Ok(date)
}

/// The last day inside the booking window (None only at the end of chrono's range).
pub fn last_bookable(today: Date) -> Option<Date> {
    today.checked_add_days(Days::new(BOOKING_WINDOW_DAYS as u64))
}

#[cfg(test)]
mod tests;
