//! The meaning of a date phrase, and how it becomes a calendar day given "today" and the
//! departure. Errors here are only "no such day" (February 30th); the window and ordering checks
//! live in the parent module.

use chrono::{Datelike, Days, Months, Weekday};

use super::holidays::{last_weekday_of_month, Holiday};
use super::numbers::ordinal_words;
use super::spoken::{month_name, weekday_name};
use super::Date;

/// How a weekday phrase picks its week. See the module doc of `dates` for the "next" rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekdayRule {
    /// "Friday": the next one, never today (after the departure for return dates).
    Bare,
    /// "this Friday": the next one, today included.
    This,
    /// "this coming Friday", "coming Friday": the next one, never today.
    Coming,
    /// "Friday next week": that day in the next Monday-to-Sunday week.
    NextWeek,
    /// "next Friday": read as [`WeekdayRule::NextWeek`], but callers mean either that or the
    /// coming Friday, so the day is confirmed before it is used.
    Next,
    /// "the Friday after next": a week after `NextWeek`.
    AfterNext,
    /// "Friday this week": that day in the current Monday-to-Sunday week (may be past).
    ThisWeek,
    /// "last Friday": the most recent one before today (always in the past).
    Last,
}

/// Where a relative phrase counts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// "today", "tonight", "now".
    Today,
    /// The departure date: the base of "a week later", "the next day".
    Departure,
    /// `base` moved by whole months then days: "in two weeks", "a week from Friday",
    /// "the day after Thanksgiving".
    Shift {
        base: Box<Expr>,
        months: u32,
        days: i64,
    },
    Weekday {
        weekday: Weekday,
        rule: WeekdayRule,
    },
    /// "the Sunday after Thanksgiving", "the following Sunday" (base = departure),
    /// "the Friday before Christmas".
    WeekdayNear {
        weekday: Weekday,
        base: Box<Expr>,
        before: bool,
    },
    /// A weekend, as its Saturday: 0 "this weekend" (today when said on a Sunday), 1 "next
    /// weekend" (the Saturday of next week), 2 "the weekend after next" and "in two weekends"
    /// (a week later still), n "in n weekends" (the weekend of the week n weeks from now).
    Weekend {
        weeks_ahead: u32,
    },
    /// "the third Monday in March", "the last Sunday of February": `nth` 1..=5, or [`LAST`].
    NthWeekday {
        nth: u32,
        weekday: Weekday,
        month: MonthRef,
    },
    /// "December 15th", "12/15/26", "Monday, December 14th". Month and day are as heard
    /// (possibly impossible, e.g. 13/45) so the error can say what is wrong.
    MonthDay {
        month: u32,
        day: u32,
        year: Option<i32>,
        weekday: Option<Weekday>,
    },
    /// "the 15th", "Monday the 14th": the next such day.
    DayOfMonth {
        day: u32,
        weekday: Option<Weekday>,
    },
    /// "the 3rd of next month" (1), "the 20th of this month" (0): never rolled.
    DayInMonth {
        day: u32,
        months_ahead: u32,
    },
    Holiday {
        holiday: Holiday,
        year: Option<i32>,
    },
}

/// `nth` of [`Expr::NthWeekday`] for "the last Friday of ...".
pub const LAST: u32 = 0;

/// The month of an "nth weekday" phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthRef {
    /// "in March", "of March 2027": without a year, the next such day on or after the anchor.
    Named { month: u32, year: Option<i32> },
    /// "of this month" (0), "of next month" (1): never rolled.
    Ahead(u32),
}

/// The dates a phrase may be relative to.
#[derive(Debug, Clone, Copy)]
pub struct Anchors {
    pub today: Date,
    /// The departure (or today when there is none).
    pub departure: Date,
    /// Year-less dates mean their next occurrence on or after this: the later of today and
    /// the departure.
    pub roll_from: Date,
}

/// Why a phrase names no real day, as a sentence.
pub type Impossible = String;

/// Years searched for a day that exists only in some years (February 29th).
const LEAP_SEARCH_YEARS: i32 = 8;
/// Months searched for "Monday the 14th".
const WEEKDAY_DAY_SEARCH_MONTHS: u32 = 14;

impl Expr {
    pub fn is_relative_to_departure(&self) -> bool {
        match self {
            Expr::Departure => true,
            Expr::Shift { base, .. } | Expr::WeekdayNear { base, .. } => {
                base.is_relative_to_departure()
            }
            _ => false,
        }
    }

    pub fn date(&self, at: &Anchors) -> Result<Date, Impossible> {
        match self {
            Expr::Today => Ok(at.today),
            Expr::Departure => Ok(at.departure),
            Expr::Shift { base, months, days } => {
                let base = base.date(at)?;
                let moved = base.checked_add_months(Months::new(*months)).ok_or_else(too_far)?;
                add_days(moved, *days)
            }
            Expr::Weekday { weekday, rule } => weekday_date(*weekday, *rule, at),
            Expr::WeekdayNear { weekday, base, before } => {
                let base = base.date(at)?;
                if *before {
                    add_days(base, -i64::from(days_back_to(base, *weekday)))
                } else {
                    add_days(base, i64::from(days_until_after(base, *weekday)))
                }
            }
            Expr::Weekend { weeks_ahead: 0 } if at.today.weekday() == Weekday::Sun => Ok(at.today),
            Expr::Weekend { weeks_ahead: 0 } => {
                add_days(at.today, i64::from(days_until(at.today, Weekday::Sat)))
            }
            Expr::Weekend { weeks_ahead } => {
                add_days(next_monday(at.today)?, 5 + 7 * (i64::from(*weeks_ahead) - 1))
            }
            Expr::NthWeekday { nth, weekday, month } => nth_weekday(*nth, *weekday, *month, at),
            Expr::MonthDay { month, day, year, weekday } => {
                let date = month_day(*month, *day, *year, at.roll_from)?;
                check_weekday(date, *weekday)?;
                Ok(date)
            }
            Expr::DayOfMonth { day, weekday } => day_of_month(*day, *weekday, at.roll_from),
            Expr::DayInMonth { day, months_ahead } => {
                let first = at.today.with_day(1).ok_or_else(too_far)?;
                let first =
                    first.checked_add_months(Months::new(*months_ahead)).ok_or_else(too_far)?;
                month_day(first.month(), *day, Some(first.year()), at.roll_from)
            }
            Expr::Holiday { holiday, year: Some(year) } => {
                holiday.in_year(*year).ok_or_else(too_far)
            }
            Expr::Holiday { holiday, year: None } => {
                holiday.next_on_or_after(at.roll_from).ok_or_else(too_far)
            }
        }
    }
}

fn too_far() -> Impossible {
    "That date is too far away to book.".to_string()
}

fn add_days(date: Date, days: i64) -> Result<Date, Impossible> {
    let magnitude = Days::new(days.unsigned_abs());
    let moved =
        if days >= 0 { date.checked_add_days(magnitude) } else { date.checked_sub_days(magnitude) };
    moved.ok_or_else(too_far)
}

/// Days from `from` to the next `weekday`, 0 when `from` is that weekday.
fn days_until(from: Date, weekday: Weekday) -> u32 {
    (7 + weekday.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7
}

/// Days from `from` to the next `weekday` strictly after it (1..=7).
fn days_until_after(from: Date, weekday: Weekday) -> u32 {
    match days_until(from, weekday) {
        0 => 7,
        n => n,
    }
}

/// Days back from `from` to the previous `weekday` strictly before it (1..=7).
fn days_back_to(from: Date, weekday: Weekday) -> u32 {
    match (7 + from.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7 {
        0 => 7,
        n => n,
    }
}

fn this_monday(today: Date) -> Result<Date, Impossible> {
    add_days(today, -i64::from(today.weekday().num_days_from_monday()))
}

fn next_monday(today: Date) -> Result<Date, Impossible> {
    add_days(this_monday(today)?, 7)
}

fn weekday_date(weekday: Weekday, rule: WeekdayRule, at: &Anchors) -> Result<Date, Impossible> {
    let offset = i64::from(weekday.num_days_from_monday());
    match rule {
        WeekdayRule::Bare => {
            add_days(at.roll_from, i64::from(days_until_after(at.roll_from, weekday)))
        }
        WeekdayRule::This => add_days(at.today, i64::from(days_until(at.today, weekday))),
        WeekdayRule::Coming => add_days(at.today, i64::from(days_until_after(at.today, weekday))),
        WeekdayRule::NextWeek | WeekdayRule::Next => add_days(next_monday(at.today)?, offset),
        WeekdayRule::AfterNext => add_days(next_monday(at.today)?, offset + 7),
        WeekdayRule::ThisWeek => add_days(this_monday(at.today)?, offset),
        WeekdayRule::Last => add_days(at.today, -i64::from(days_back_to(at.today, weekday))),
    }
}

fn month_day(month: u32, day: u32, year: Option<i32>, roll_from: Date) -> Result<Date, Impossible> {
    let Some(name) = month_name(month) else {
        return Err(format!("There's no {} month.", ordinal_words(month)));
    };
    if !(1..=31).contains(&day) || Date::from_ymd_opt(2024, month, day).is_none() {
        // 2024 is a leap year: a day missing there is missing in every year.
        return Err(format!("{name} doesn't have a {}.", ordinal_words(day)));
    }
    if let Some(year) = year {
        return Date::from_ymd_opt(year, month, day)
            .ok_or_else(|| format!("{name} {year} doesn't have a {}.", ordinal_words(day)));
    }
    (0..=LEAP_SEARCH_YEARS)
        .filter_map(|ahead| Date::from_ymd_opt(roll_from.year() + ahead, month, day))
        .find(|date| *date >= roll_from)
        .ok_or_else(too_far)
}

fn day_of_month(day: u32, weekday: Option<Weekday>, roll_from: Date) -> Result<Date, Impossible> {
    if !(1..=31).contains(&day) {
        return Err(format!("No month has a {}.", ordinal_words(day)));
    }
    let first = roll_from.with_day(1).ok_or_else(too_far)?;
    let candidates = (0..=WEEKDAY_DAY_SEARCH_MONTHS)
        .filter_map(|ahead| first.checked_add_months(Months::new(ahead))?.with_day(day))
        .filter(|date| *date >= roll_from);
    let mut candidates = candidates.peekable();
    let Some(next) = candidates.peek().copied() else { return Err(too_far()) };
    match weekday {
        None => Ok(next),
        Some(wanted) => candidates.find(|d| d.weekday() == wanted).ok_or_else(|| {
            format!(
                "The {} is a {}, not a {}.",
                ordinal_words(day),
                weekday_name(next.weekday()),
                weekday_name(wanted)
            )
        }),
    }
}

/// The `nth` (or last) `weekday` of a month; a year-less named month is its next occurrence
/// whose day is on or after the anchor.
fn nth_weekday(
    nth: u32,
    weekday: Weekday,
    month: MonthRef,
    at: &Anchors,
) -> Result<Date, Impossible> {
    let in_month = |year: i32, month: u32| -> Result<Date, Impossible> {
        let name = month_name(month)
            .ok_or_else(|| format!("There's no {} month.", ordinal_words(month)))?;
        let found = match u8::try_from(nth) {
            Ok(0) => last_weekday_of_month(year, month, weekday),
            Ok(n) => Date::from_weekday_of_month_opt(year, month, weekday, n),
            Err(_) => None,
        };
        found.ok_or_else(|| {
            format!("{name} {year} has no {} {}.", ordinal_words(nth), weekday_name(weekday))
        })
    };
    match month {
        MonthRef::Named { month, year: Some(year) } => in_month(year, month),
        MonthRef::Named { month, year: None } => {
            let year = at.roll_from.year();
            match in_month(year, month) {
                Ok(date) if date >= at.roll_from => Ok(date),
                _ => in_month(year + 1, month),
            }
        }
        MonthRef::Ahead(ahead) => {
            let first = at.today.with_day(1).ok_or_else(too_far)?;
            let first = first.checked_add_months(Months::new(ahead)).ok_or_else(too_far)?;
            in_month(first.year(), first.month())
        }
    }
}

fn check_weekday(date: Date, said: Option<Weekday>) -> Result<(), Impossible> {
    match said {
        Some(said) if said != date.weekday() => Err(format!(
            "{} {} is a {}, not a {}.",
            month_name(date.month()).unwrap_or_default(),
            ordinal_words(date.day()),
            weekday_name(date.weekday()),
            weekday_name(said)
        )),
        _ => Ok(()),
    }
}
