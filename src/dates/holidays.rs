//! US holidays people fly for, computed per year (fixed dates, "nth weekday of a month" rules,
//! and Easter by the anonymous Gregorian computus), never a table of dates that goes stale.

use chrono::{Datelike, Days, Weekday};

use super::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    NewYearsDay,
    MlkDay,
    ValentinesDay,
    PresidentsDay,
    StPatricksDay,
    /// Mardi Gras: 47 days before Easter.
    FatTuesday,
    AshWednesday,
    PalmSunday,
    GoodFriday,
    Easter,
    MothersDay,
    MemorialDay,
    FathersDay,
    Juneteenth,
    IndependenceDay,
    LaborDay,
    ColumbusDay,
    Halloween,
    VeteransDay,
    Thanksgiving,
    BlackFriday,
    ChristmasEve,
    Christmas,
    NewYearsEve,
}

/// Token sequences naming a holiday (lexer output: lower-case, apostrophes dropped).
/// Longer names first where one is a prefix of another, since the first match wins.
pub const NAMES: &[(&[&str], Holiday)] = &[
    (&["new", "years", "eve"], Holiday::NewYearsEve),
    (&["new", "year", "eve"], Holiday::NewYearsEve),
    (&["new", "years", "day"], Holiday::NewYearsDay),
    (&["new", "year", "day"], Holiday::NewYearsDay),
    (&["new", "years"], Holiday::NewYearsDay),
    (&["new", "year"], Holiday::NewYearsDay),
    (&["mlk", "day"], Holiday::MlkDay),
    (&["m", "l", "k", "day"], Holiday::MlkDay),
    (&["mlk"], Holiday::MlkDay),
    (&["martin", "luther", "king", "jr", "day"], Holiday::MlkDay),
    (&["martin", "luther", "king", "junior", "day"], Holiday::MlkDay),
    (&["martin", "luther", "king", "day"], Holiday::MlkDay),
    (&["martin", "luther", "king", "jr"], Holiday::MlkDay),
    (&["martin", "luther", "king"], Holiday::MlkDay),
    (&["saint", "valentines", "day"], Holiday::ValentinesDay),
    (&["st", "valentines", "day"], Holiday::ValentinesDay),
    (&["valentines", "day"], Holiday::ValentinesDay),
    (&["valentine", "day"], Holiday::ValentinesDay),
    (&["valentines"], Holiday::ValentinesDay),
    (&["presidents", "day"], Holiday::PresidentsDay),
    (&["president", "day"], Holiday::PresidentsDay),
    (&["washingtons", "birthday"], Holiday::PresidentsDay),
    (&["saint", "patricks", "day"], Holiday::StPatricksDay),
    (&["st", "patricks", "day"], Holiday::StPatricksDay),
    (&["fat", "tuesday"], Holiday::FatTuesday),
    (&["mardi", "gras", "day"], Holiday::FatTuesday),
    (&["mardi", "gras"], Holiday::FatTuesday),
    (&["shrove", "tuesday"], Holiday::FatTuesday),
    (&["ash", "wednesday"], Holiday::AshWednesday),
    (&["palm", "sunday"], Holiday::PalmSunday),
    (&["good", "friday"], Holiday::GoodFriday),
    (&["easter", "sunday"], Holiday::Easter),
    (&["easter"], Holiday::Easter),
    (&["mothers", "day"], Holiday::MothersDay),
    (&["memorial", "day"], Holiday::MemorialDay),
    (&["fathers", "day"], Holiday::FathersDay),
    (&["juneteenth"], Holiday::Juneteenth),
    (&["independence", "day"], Holiday::IndependenceDay),
    (&["fourth", "of", "july"], Holiday::IndependenceDay),
    (&["labor", "day"], Holiday::LaborDay),
    (&["labour", "day"], Holiday::LaborDay),
    (&["columbus", "day"], Holiday::ColumbusDay),
    (&["halloween"], Holiday::Halloween),
    (&["veterans", "day"], Holiday::VeteransDay),
    (&["thanksgiving", "day"], Holiday::Thanksgiving),
    (&["thanksgiving"], Holiday::Thanksgiving),
    (&["black", "friday"], Holiday::BlackFriday),
    (&["christmas", "eve"], Holiday::ChristmasEve),
    (&["xmas", "eve"], Holiday::ChristmasEve),
    (&["christmas", "day"], Holiday::Christmas),
    (&["christmas"], Holiday::Christmas),
    (&["xmas"], Holiday::Christmas),
];

impl Holiday {
    /// The holiday's date in `year` (None only outside chrono's range).
    pub fn in_year(self, year: i32) -> Option<Date> {
        let fixed = |month, day| Date::from_ymd_opt(year, month, day);
        let nth = |month, weekday, n| Date::from_weekday_of_month_opt(year, month, weekday, n);
        match self {
            Holiday::NewYearsDay => fixed(1, 1),
            Holiday::MlkDay => nth(1, Weekday::Mon, 3),
            Holiday::ValentinesDay => fixed(2, 14),
            Holiday::PresidentsDay => nth(2, Weekday::Mon, 3),
            Holiday::StPatricksDay => fixed(3, 17),
            Holiday::FatTuesday => easter(year)?.checked_sub_days(Days::new(47)),
            Holiday::AshWednesday => easter(year)?.checked_sub_days(Days::new(46)),
            Holiday::PalmSunday => easter(year)?.checked_sub_days(Days::new(7)),
            Holiday::GoodFriday => easter(year)?.checked_sub_days(Days::new(2)),
            Holiday::Easter => easter(year),
            Holiday::MothersDay => nth(5, Weekday::Sun, 2),
            Holiday::MemorialDay => last_weekday_of_month(year, 5, Weekday::Mon),
            Holiday::FathersDay => nth(6, Weekday::Sun, 3),
            Holiday::Juneteenth => fixed(6, 19),
            Holiday::IndependenceDay => fixed(7, 4),
            Holiday::LaborDay => nth(9, Weekday::Mon, 1),
            Holiday::ColumbusDay => nth(10, Weekday::Mon, 2),
            Holiday::Halloween => fixed(10, 31),
            Holiday::VeteransDay => fixed(11, 11),
            Holiday::Thanksgiving => nth(11, Weekday::Thu, 4),
            Holiday::BlackFriday => nth(11, Weekday::Thu, 4)?.succ_opt(),
            Holiday::ChristmasEve => fixed(12, 24),
            Holiday::Christmas => fixed(12, 25),
            Holiday::NewYearsEve => fixed(12, 31),
        }
    }

    /// The first occurrence on or after `anchor`.
    pub fn next_on_or_after(self, anchor: Date) -> Option<Date> {
        let this_year = self.in_year(anchor.year())?;
        if this_year >= anchor {
            Some(this_year)
        } else {
            self.in_year(anchor.year() + 1)
        }
    }
}

pub(super) fn last_weekday_of_month(year: i32, month: u32, weekday: Weekday) -> Option<Date> {
    let first_of_next = if month == 12 {
        Date::from_ymd_opt(year + 1, 1, 1)?
    } else {
        Date::from_ymd_opt(year, month + 1, 1)?
    };
    let last = first_of_next.pred_opt()?;
    let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    last.checked_sub_days(Days::new(u64::from(back)))
}

/// Easter Sunday (Gregorian), the "anonymous" Meeus/Jones/Butcher algorithm.
fn easter(year: i32) -> Option<Date> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn computed_holidays_match_the_calendar() {
        assert_eq!(Holiday::Thanksgiving.in_year(2026), Some(d(2026, 11, 26)));
        assert_eq!(Holiday::Thanksgiving.in_year(2027), Some(d(2027, 11, 25)));
        assert_eq!(Holiday::BlackFriday.in_year(2026), Some(d(2026, 11, 27)));
        assert_eq!(Holiday::MemorialDay.in_year(2027), Some(d(2027, 5, 31)));
        assert_eq!(Holiday::MemorialDay.in_year(2026), Some(d(2026, 5, 25)));
        assert_eq!(Holiday::LaborDay.in_year(2027), Some(d(2027, 9, 6)));
        assert_eq!(Holiday::MlkDay.in_year(2027), Some(d(2027, 1, 18)));
        assert_eq!(Holiday::PresidentsDay.in_year(2027), Some(d(2027, 2, 15)));
        assert_eq!(Holiday::MothersDay.in_year(2027), Some(d(2027, 5, 9)));
        assert_eq!(Holiday::FathersDay.in_year(2027), Some(d(2027, 6, 20)));
        assert_eq!(Holiday::ColumbusDay.in_year(2027), Some(d(2027, 10, 11)));
    }

    #[test]
    fn easter_computus() {
        assert_eq!(easter(2024), Some(d(2024, 3, 31)));
        assert_eq!(easter(2025), Some(d(2025, 4, 20)));
        assert_eq!(easter(2026), Some(d(2026, 4, 5)));
        assert_eq!(easter(2027), Some(d(2027, 3, 28)));
        assert_eq!(easter(2038), Some(d(2038, 4, 25)));
        assert_eq!(Holiday::GoodFriday.in_year(2027), Some(d(2027, 3, 26)));
        assert_eq!(Holiday::FatTuesday.in_year(2027), Some(d(2027, 2, 9)));
        assert_eq!(Holiday::AshWednesday.in_year(2027), Some(d(2027, 2, 10)));
        assert_eq!(Holiday::PalmSunday.in_year(2027), Some(d(2027, 3, 21)));
    }

    #[test]
    fn next_occurrence_rolls_into_next_year() {
        assert_eq!(Holiday::Halloween.next_on_or_after(d(2026, 11, 27)), Some(d(2027, 10, 31)));
        assert_eq!(Holiday::Christmas.next_on_or_after(d(2026, 12, 25)), Some(d(2026, 12, 25)));
    }
}
