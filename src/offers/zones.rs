//! Local time at airports without a time-zone database.
//!
//! Why not `chrono-tz`: the full IANA database would add hundreds of KB to the wasm for a
//! feature (showing arrival in local time) that only needs the zones airlines fly to. Instead:
//! a small table of standard UTC offsets for common zones, with the US, EU and southern
//! (Australia / New Zealand) daylight-saving rules applied by local calendar date (the switch
//! hour is ignored: flights on changeover days may be an hour off). Zones missing from the
//! table fall back to an offset from longitude (15° per hour), which is right to within an
//! hour or so for most of the world.

use crate::dates::Date;
use chrono::{Datelike, Weekday};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dst {
    None,
    /// Second Sunday of March to first Sunday of November.
    Us,
    /// Last Sunday of March to last Sunday of October.
    Eu,
    /// First Sunday of October to first Sunday of April (Australia's south-east).
    Au,
    /// Last Sunday of September to first Sunday of April.
    Nz,
}

/// (IANA name, standard offset in minutes east of UTC, daylight-saving rule).
const ZONES: &[(&str, i32, Dst)] = &[
    ("America/New_York", -300, Dst::Us),
    ("America/Detroit", -300, Dst::Us),
    ("America/Indiana/Indianapolis", -300, Dst::Us),
    ("America/Kentucky/Louisville", -300, Dst::Us),
    ("America/Toronto", -300, Dst::Us),
    ("America/Montreal", -300, Dst::Us),
    ("America/Nassau", -300, Dst::Us),
    ("America/Chicago", -360, Dst::Us),
    ("America/Winnipeg", -360, Dst::Us),
    ("America/Indiana/Knox", -360, Dst::Us),
    ("America/North_Dakota/Center", -360, Dst::Us),
    ("America/Denver", -420, Dst::Us),
    ("America/Boise", -420, Dst::Us),
    ("America/Edmonton", -420, Dst::Us),
    ("America/Phoenix", -420, Dst::None),
    ("America/Los_Angeles", -480, Dst::Us),
    ("America/Vancouver", -480, Dst::Us),
    ("America/Anchorage", -540, Dst::Us),
    ("America/Juneau", -540, Dst::Us),
    ("America/Sitka", -540, Dst::Us),
    ("America/Nome", -540, Dst::Us),
    ("America/Yakutat", -540, Dst::Us),
    ("America/Metlakatla", -540, Dst::Us),
    ("America/Menominee", -360, Dst::Us),
    ("America/Adak", -600, Dst::Us),
    ("Pacific/Honolulu", -600, Dst::None),
    ("America/Halifax", -240, Dst::Us),
    ("America/St_Johns", -210, Dst::Us),
    ("America/Regina", -360, Dst::None),
    ("America/Puerto_Rico", -240, Dst::None),
    ("America/St_Thomas", -240, Dst::None),
    ("America/Santo_Domingo", -240, Dst::None),
    ("America/Aruba", -240, Dst::None),
    ("America/Jamaica", -300, Dst::None),
    ("America/Cancun", -300, Dst::None),
    ("America/Mexico_City", -360, Dst::None),
    ("America/Monterrey", -360, Dst::None),
    ("America/Merida", -360, Dst::None),
    ("America/Mazatlan", -420, Dst::None),
    ("America/Tijuana", -480, Dst::Us),
    ("America/Guatemala", -360, Dst::None),
    ("America/Costa_Rica", -360, Dst::None),
    ("America/El_Salvador", -360, Dst::None),
    ("America/Tegucigalpa", -360, Dst::None),
    ("America/Belize", -360, Dst::None),
    ("America/Managua", -360, Dst::None),
    ("America/Panama", -300, Dst::None),
    ("America/Bogota", -300, Dst::None),
    ("America/Lima", -300, Dst::None),
    ("America/Guayaquil", -300, Dst::None),
    ("America/Caracas", -240, Dst::None),
    ("America/Sao_Paulo", -180, Dst::None),
    ("America/Argentina/Buenos_Aires", -180, Dst::None),
    ("America/Santiago", -240, Dst::None),
    ("Atlantic/Reykjavik", 0, Dst::None),
    ("Europe/London", 0, Dst::Eu),
    ("Europe/Dublin", 0, Dst::Eu),
    ("Europe/Lisbon", 0, Dst::Eu),
    ("Atlantic/Azores", -60, Dst::Eu),
    ("Europe/Paris", 60, Dst::Eu),
    ("Europe/Berlin", 60, Dst::Eu),
    ("Europe/Madrid", 60, Dst::Eu),
    ("Europe/Rome", 60, Dst::Eu),
    ("Europe/Amsterdam", 60, Dst::Eu),
    ("Europe/Brussels", 60, Dst::Eu),
    ("Europe/Zurich", 60, Dst::Eu),
    ("Europe/Vienna", 60, Dst::Eu),
    ("Europe/Copenhagen", 60, Dst::Eu),
    ("Europe/Stockholm", 60, Dst::Eu),
    ("Europe/Oslo", 60, Dst::Eu),
    ("Europe/Prague", 60, Dst::Eu),
    ("Europe/Warsaw", 60, Dst::Eu),
    ("Europe/Budapest", 60, Dst::Eu),
    ("Europe/Belgrade", 60, Dst::Eu),
    ("Europe/Zagreb", 60, Dst::Eu),
    ("Europe/Luxembourg", 60, Dst::Eu),
    ("Europe/Malta", 60, Dst::Eu),
    ("Africa/Lagos", 60, Dst::None),
    ("Africa/Casablanca", 60, Dst::None),
    ("Europe/Athens", 120, Dst::Eu),
    ("Europe/Helsinki", 120, Dst::Eu),
    ("Europe/Bucharest", 120, Dst::Eu),
    ("Europe/Sofia", 120, Dst::Eu),
    ("Europe/Kiev", 120, Dst::Eu),
    ("Europe/Kyiv", 120, Dst::Eu),
    ("Asia/Jerusalem", 120, Dst::Eu),
    ("Africa/Cairo", 120, Dst::None),
    ("Africa/Johannesburg", 120, Dst::None),
    ("Europe/Istanbul", 180, Dst::None),
    ("Europe/Moscow", 180, Dst::None),
    ("Asia/Riyadh", 180, Dst::None),
    ("Asia/Qatar", 180, Dst::None),
    ("Africa/Nairobi", 180, Dst::None),
    ("Africa/Addis_Ababa", 180, Dst::None),
    ("Asia/Dubai", 240, Dst::None),
    ("Asia/Karachi", 300, Dst::None),
    ("Asia/Kolkata", 330, Dst::None),
    ("Asia/Kathmandu", 345, Dst::None),
    ("Asia/Dhaka", 360, Dst::None),
    ("Asia/Bangkok", 420, Dst::None),
    ("Asia/Ho_Chi_Minh", 420, Dst::None),
    ("Asia/Jakarta", 420, Dst::None),
    ("Asia/Shanghai", 480, Dst::None),
    ("Asia/Hong_Kong", 480, Dst::None),
    ("Asia/Taipei", 480, Dst::None),
    ("Asia/Singapore", 480, Dst::None),
    ("Asia/Manila", 480, Dst::None),
    ("Asia/Kuala_Lumpur", 480, Dst::None),
    ("Australia/Perth", 480, Dst::None),
    ("Asia/Tokyo", 540, Dst::None),
    ("Asia/Seoul", 540, Dst::None),
    ("Australia/Brisbane", 600, Dst::None),
    ("Australia/Sydney", 600, Dst::Au),
    ("Australia/Melbourne", 600, Dst::Au),
    ("Australia/Adelaide", 570, Dst::Au),
    ("Pacific/Guam", 600, Dst::None),
    ("Pacific/Saipan", 600, Dst::None),
    ("Pacific/Auckland", 720, Dst::Nz),
    ("Pacific/Fiji", 720, Dst::None),
    ("Pacific/Tahiti", -600, Dst::None),
];

/// Minutes east of UTC for local time at an airport on `date`.
pub(crate) fn utc_offset_minutes(tz: Option<&str>, lon: f64, date: Date) -> i32 {
    let known = tz.and_then(|name| {
        ZONES
            .iter()
            .find(|(zone, _, _)| *zone == name)
            .map(|&(_, standard, rule)| (standard, rule))
            .or_else(|| by_prefix(name))
    });
    match known {
        Some((standard, rule)) => standard + if in_dst(rule, date) { 60 } else { 0 },
        None => longitude_offset(lon),
    }
}

/// US zones named by county-level sub-regions (America/Indiana/Vincennes and the like).
fn by_prefix(name: &str) -> Option<(i32, Dst)> {
    [("America/Indiana/", -300), ("America/Kentucky/", -300), ("America/North_Dakota/", -360)]
        .iter()
        .find(|(prefix, _)| name.starts_with(prefix))
        .map(|&(_, standard)| (standard, Dst::Us))
}

/// Solar-time approximation, whole hours, clamped to the real range of zones.
fn longitude_offset(lon: f64) -> i32 {
    if !lon.is_finite() {
        return 0;
    }
    ((lon / 15.0).round() as i32).clamp(-12, 14) * 60
}

fn in_dst(rule: Dst, date: Date) -> bool {
    let year = date.year();
    let between = |start: Option<Date>, end: Option<Date>| match (start, end) {
        (Some(s), Some(e)) => date >= s && date < e,
        _ => false,
    };
    let outside = |end: Option<Date>, start: Option<Date>| match (end, start) {
        (Some(e), Some(s)) => date < e || date >= s,
        _ => false,
    };
    match rule {
        Dst::None => false,
        Dst::Us => between(nth_sunday(year, 3, 2), nth_sunday(year, 11, 1)),
        Dst::Eu => between(last_sunday(year, 3), last_sunday(year, 10)),
        Dst::Au => outside(nth_sunday(year, 4, 1), nth_sunday(year, 10, 1)),
        Dst::Nz => outside(nth_sunday(year, 4, 1), last_sunday(year, 9)),
    }
}

fn nth_sunday(year: i32, month: u32, n: u8) -> Option<Date> {
    Date::from_weekday_of_month_opt(year, month, Weekday::Sun, n)
}

fn last_sunday(year: i32, month: u32) -> Option<Date> {
    nth_sunday(year, month, 5).or_else(|| nth_sunday(year, month, 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn us_zones_follow_daylight_saving() {
        // 2026: DST from March 8 to November 1.
        assert_eq!(utc_offset_minutes(Some("America/Chicago"), 0.0, d(2026, 1, 15)), -360);
        assert_eq!(utc_offset_minutes(Some("America/Chicago"), 0.0, d(2026, 3, 7)), -360);
        assert_eq!(utc_offset_minutes(Some("America/Chicago"), 0.0, d(2026, 3, 8)), -300);
        assert_eq!(utc_offset_minutes(Some("America/Chicago"), 0.0, d(2026, 10, 31)), -300);
        assert_eq!(utc_offset_minutes(Some("America/Chicago"), 0.0, d(2026, 11, 1)), -360);
        assert_eq!(utc_offset_minutes(Some("America/Phoenix"), 0.0, d(2026, 7, 1)), -420);
    }

    #[test]
    fn european_and_southern_rules() {
        // EU 2026: March 29 to October 25.
        assert_eq!(utc_offset_minutes(Some("Europe/London"), 0.0, d(2026, 3, 28)), 0);
        assert_eq!(utc_offset_minutes(Some("Europe/London"), 0.0, d(2026, 3, 29)), 60);
        assert_eq!(utc_offset_minutes(Some("Europe/Berlin"), 0.0, d(2026, 10, 25)), 60);
        assert_eq!(utc_offset_minutes(Some("Australia/Sydney"), 0.0, d(2026, 1, 10)), 660);
        assert_eq!(utc_offset_minutes(Some("Australia/Sydney"), 0.0, d(2026, 6, 10)), 600);
    }

    #[test]
    fn us_sub_region_zones_by_prefix() {
        let tz = Some("America/Indiana/Vincennes");
        assert_eq!(utc_offset_minutes(tz, -87.5, d(2026, 7, 1)), -240);
        assert_eq!(
            utc_offset_minutes(Some("America/North_Dakota/Beulah"), 0.0, d(2026, 1, 1)),
            -360
        );
    }

    #[test]
    fn unknown_zone_uses_longitude() {
        assert_eq!(utc_offset_minutes(Some("Mars/Olympus"), -87.9, d(2026, 6, 1)), -360);
        assert_eq!(utc_offset_minutes(None, 139.7, d(2026, 6, 1)), 540);
        assert_eq!(utc_offset_minutes(None, f64::NAN, d(2026, 6, 1)), 0);
        assert_eq!(utc_offset_minutes(None, 1e9, d(2026, 6, 1)), 14 * 60);
    }
}
