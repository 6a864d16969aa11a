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
//!   Saturday of next week.
//! - Phrases relative to the departure ("a week later", "the next day", "the following
//!   Sunday", "three days after that") count from `after`; with no `after` they count from
//!   today (the caller decides whether to accept that; `is_relative_to_departure` tells).
//! - Numeric dates are US order: 12/15 is December 15th; 13/45 is `Invalid`.

mod expr;
mod grammar;
mod holidays;
pub mod iso;
mod lexer;
pub mod numbers;
mod spoken;

pub use spoken::{is_month_name, is_weekday_name, spoken, spoken_short, weekday_name};

use chrono::{Datelike, Days};
use expr::{Anchors, Expr};
use grammar::Matcher;

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
}

impl DateExpr {
    /// Resolve against `today` (and `after`, the departure date, when this is a return date).
    /// Validates: past, impossible, beyond the window, before `after`.
    pub fn resolve(&self, today: Date, after: Option<Date>) -> Result<Date, DateError> {
        let departure = after.unwrap_or(today);
        let anchors = Anchors { today, departure, roll_from: departure.max(today) };
        let date = self.expr.date(&anchors).map_err(DateError::invalid)?;
        let checked = validate(date, today, after);
        if checked.as_ref().is_err_and(|e| e.kind == DateErrorKind::BeyondWindow)
            && departure > today
        {
            // "back December 10th" when leaving December 15th: the caller slipped, and "before
            // the departure" helps more than next year's December 10th being too far out.
            let from_today = Anchors { roll_from: today, ..anchors };
            if let Ok(earlier) = self.expr.date(&from_today) {
                if earlier < departure {
                    return validate(earlier, today, after);
                }
            }
        }
        checked
    }

    /// True for phrases only meaningful relative to a departure ("a week later",
    /// "three days later", "the following Sunday").
    pub fn is_relative_to_departure(&self) -> bool {
        self.expr.is_relative_to_departure()
    }
}

impl DateError {
    fn invalid(message: String) -> Self {
        DateError { kind: DateErrorKind::Invalid, message }
    }
}

/// A date phrase found inside a longer utterance; `start..end` are byte offsets into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub expr: DateExpr,
}

/// Every date phrase in an utterance, left to right, non-overlapping, longest first.
/// Cue words before a date ("back", "returning", "on") stay outside the span. Strict about
/// bare numbers: "15", "two passengers", "the first one" are not dates here, "the 15th",
/// "on the first" and "12/15" are. Only the first few thousand words are read.
pub fn find_dates(text: &str) -> Vec<DateMention> {
    let tokens = lexer::tokenize(text);
    let matcher = Matcher::new(&tokens, true);
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match matcher.at(i) {
            Some((expr, end)) if end > i => {
                let start = tokens.get(i).map_or(0, |t| t.start);
                let stop = tokens.get(end - 1).map_or(start, |t| t.end);
                found.push(DateMention { start, end: stop, expr: DateExpr { expr } });
                i = end;
            }
            _ => i += 1,
        }
    }
    found
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

/// The first date phrase in `text`, read leniently (see [`parse_date`]).
pub fn parse_expr(text: &str) -> Option<DateExpr> {
    let tokens = lexer::tokenize(text);
    let matcher = Matcher::new(&tokens, false);
    if let Some((expr, _)) = (0..tokens.len()).find_map(|i| matcher.at(i)) {
        return Some(DateExpr { expr });
    }
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
    Some(DateExpr { expr: Expr::DayOfMonth { day, weekday: None } })
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
