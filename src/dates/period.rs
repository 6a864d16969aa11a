//! Periods: what a caller says about when before naming a day ("next week", "in January",
//! "early February", "the week of the 14th"). A period never becomes a date by itself; the
//! dialogue keeps it and reads the next answer inside it ([`super::DateExpr::resolve_within`]).

use chrono::{Datelike, Days, Months};

use super::expr::{Anchors, Expr};
use super::Date;

/// The days a period spans, before its part is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Span {
    /// Monday to Sunday: 0 this week, 1 next week, 2 the week after next.
    Week(u32),
    /// The Monday-to-Sunday week of a date: "the week of the 14th", "the week of Christmas".
    WeekOf(Box<Expr>),
    /// "in January", "February 2027": without a year, the next such month not yet over.
    Month { month: u32, year: Option<i32> },
    /// 0 this month, 1 next month, 2 the month after next.
    MonthAhead(u32),
}

/// Which part of the span: "early February" is its first ten days, "late next week" its
/// Thursday to Sunday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Whole,
    Early,
    Late,
}

/// The parsed form of [`super::DatePeriod`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Period {
    pub(super) span: Span,
    pub(super) part: Part,
}

/// Last day of the early part of a month, first day of its late part.
const EARLY_MONTH_LAST_DAY: u32 = 10;
const LATE_MONTH_FIRST_DAY: u32 = 21;

impl Period {
    /// First and last day of the whole span and of its part: `((first, last), (first, last))`.
    /// `None` only for impossible inner dates or the end of chrono's range.
    pub(super) fn days(&self, at: &Anchors) -> Option<((Date, Date), (Date, Date))> {
        let whole = match &self.span {
            Span::Week(ahead) => {
                week_of(at.today.checked_add_days(Days::new(7 * u64::from(*ahead)))?)?
            }
            Span::WeekOf(expr) => week_of(expr.date(at).ok()?)?,
            Span::Month { month, year: Some(year) } => month_of(*year, *month)?,
            Span::Month { month, year: None } => {
                let this_year = month_of(at.roll_from.year(), *month)?;
                if this_year.1 >= at.roll_from {
                    this_year
                } else {
                    month_of(at.roll_from.year() + 1, *month)?
                }
            }
            Span::MonthAhead(ahead) => {
                let first = at.today.with_day(1)?.checked_add_months(Months::new(*ahead))?;
                month_of(first.year(), first.month())?
            }
        };
        let is_week = matches!(self.span, Span::Week(_) | Span::WeekOf(_));
        let (first, last) = whole;
        let part = match (self.part, is_week) {
            (Part::Whole, _) => whole,
            // Monday to Wednesday; Thursday to Sunday.
            (Part::Early, true) => (first, first.checked_add_days(Days::new(2))?),
            (Part::Late, true) => (first.checked_add_days(Days::new(3))?, last),
            (Part::Early, false) => (first, first.with_day(EARLY_MONTH_LAST_DAY)?),
            (Part::Late, false) => (first.with_day(LATE_MONTH_FIRST_DAY)?, last),
        };
        Some((whole, part))
    }
}

/// Monday and Sunday of the week of `date`.
fn week_of(date: Date) -> Option<(Date, Date)> {
    let monday =
        date.checked_sub_days(Days::new(u64::from(date.weekday().num_days_from_monday())))?;
    Some((monday, monday.checked_add_days(Days::new(6))?))
}

/// First and last day of a month.
fn month_of(year: i32, month: u32) -> Option<(Date, Date)> {
    let first = Date::from_ymd_opt(year, month, 1)?;
    let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
    Some((first, last))
}
