//! Spoken dates: what callers say ("next Friday", "the twenty-first of December", "a week
//! later") parsed against an injected "today", and validated with reasons Alex can speak.
//!
//! SCAFFOLD: the dates owner replaces the bodies; the signatures below are the contract the
//! rest of the crate (understand, dialogue, harness, wasm) is written against.

use serde::{Deserialize, Serialize};

/// A calendar date (no time, no zone): flights are booked by local calendar day.
pub type Date = chrono::NaiveDate;

/// How far ahead airlines publish schedules (about 11 months).
pub const BOOKING_WINDOW_DAYS: i64 = 331;

/// Why a phrase did not give a usable date. The snake_case names are the harness's `error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum DateErrorKind {
    Past,
    Invalid,
    BeyondWindow,
    BeforeDeparture,
    NotADate,
}

impl DateErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DateErrorKind::Past => "past",
            DateErrorKind::Invalid => "invalid",
            DateErrorKind::BeyondWindow => "beyond_window",
            DateErrorKind::BeforeDeparture => "before_departure",
            DateErrorKind::NotADate => "not_a_date",
        }
    }
}

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
    _private: (),
}

impl DateExpr {
    /// Resolve against `today` (and `after`, the departure date, when this is a return date).
    /// Validates: past, impossible, beyond the window, before `after`.
    pub fn resolve(&self, _today: Date, _after: Option<Date>) -> Result<Date, DateError> {
        Err(DateError { kind: DateErrorKind::NotADate, message: String::new() })
    }
    /// True for phrases only meaningful relative to a departure ("a week later",
    /// "three days later", "the following Sunday").
    pub fn is_relative_to_departure(&self) -> bool {
        false
    }
}

/// A date phrase found inside a longer utterance; `start..end` are byte offsets into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub expr: DateExpr,
}

/// Every date phrase in an utterance, left to right, non-overlapping.
pub fn find_dates(_text: &str) -> Vec<DateMention> {
    Vec::new()
}

/// Parse text that should be a single date (the harness `dates` command, a typed date field).
pub fn parse_date(_text: &str, _today: Date, _after: Option<Date>) -> Result<Date, DateError> {
    Err(DateError { kind: DateErrorKind::NotADate, message: String::from("not a date") })
}

/// A date as Alex says it: "Tuesday, December fifteenth".
pub fn spoken(date: Date) -> String {
    date.format("%A, %B %-d").to_string()
}
