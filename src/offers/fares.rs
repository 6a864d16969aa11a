//! Fares: a simple, explainable model that moves the way real fares do (by distance, cabin,
//! how far ahead, weekday and time of day). Not a real pricing engine: it only has to make
//! the options believable and comparable.

use crate::trip::Cabin;
use chrono::Weekday;

const KM_PER_MILE: f64 = 1.609_344;
/// No fare, however short the hop, goes below this (per passenger, one way).
const MIN_FARE_USD: f64 = 39.0;

/// Economy one-way base fare per passenger. Long-haul and international fares carry more
/// per mile (longer flights, taxes and fees).
pub(crate) fn base_fare(distance_km: f64, international: bool) -> f64 {
    let miles = distance_km.max(0.0) / KM_PER_MILE;
    if international {
        90.0 + 0.12 * miles
    } else {
        50.0 + 0.11 * miles
    }
}

pub(crate) fn cabin_multiplier(cabin: Cabin) -> f64 {
    match cabin {
        Cabin::Economy => 1.0,
        Cabin::PremiumEconomy => 1.6,
        Cabin::Business => 3.5,
        Cabin::First => 5.0,
    }
}

/// Advance-purchase curve: cheapest 3 to 8 weeks out, steeply dearer inside two weeks,
/// slowly dearer far out. Continuous, so nearby days never jump.
pub(crate) fn advance_multiplier(days_ahead: i64) -> f64 {
    let d = days_ahead.max(0) as f64;
    if d < 14.0 {
        1.0 + 0.06 * (14.0 - d) // 1.84 on the day, 1.0 two weeks out
    } else if d < 21.0 {
        1.0 - 0.12 * (d - 14.0) / 7.0 // down to 0.88 at three weeks
    } else if d <= 56.0 {
        0.88
    } else if d < 120.0 {
        0.88 + 0.12 * (d - 56.0) / 64.0
    } else {
        (1.0 + 0.05 * (d - 120.0) / 211.0).min(1.05)
    }
}

/// Midweek is cheaper; Friday and Sunday are peak travel days.
pub(crate) fn weekday_multiplier(day: Weekday) -> f64 {
    match day {
        Weekday::Tue | Weekday::Wed => 0.92,
        Weekday::Sat => 0.96,
        Weekday::Mon | Weekday::Thu => 1.0,
        Weekday::Fri | Weekday::Sun => 1.08,
    }
}

/// Red-eyes and first/last waves are cheaper; business-commute peaks are dearer.
pub(crate) fn time_of_day_multiplier(depart_minute: u32) -> f64 {
    match depart_minute / 60 {
        0..=6 | 21..=23 => 0.9,
        7..=8 | 16..=18 => 1.1,
        _ => 1.0,
    }
}

/// Everything that shapes one leg's fare.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FareInputs {
    pub distance_km: f64,
    pub international: bool,
    pub cabin: Cabin,
    pub days_ahead: i64,
    pub weekday: Weekday,
    pub depart_minute: u32,
    pub stops: u8,
    /// Per-flight noise, e.g. 1.03 (demand on that flight); the same in every cabin.
    pub noise: f64,
}

/// Per-passenger one-way fare in whole dollars (always at least [`MIN_FARE_USD`]).
pub(crate) fn leg_fare(f: &FareInputs) -> u32 {
    // Connections sell for less than the nonstop on the same route.
    let stops = if f.stops > 0 { 0.85 } else { 1.0 };
    let noise = if f.noise.is_finite() { f.noise.clamp(0.5, 1.5) } else { 1.0 };
    let fare = base_fare(f.distance_km, f.international).max(MIN_FARE_USD)
        * advance_multiplier(f.days_ahead)
        * weekday_multiplier(f.weekday)
        * time_of_day_multiplier(f.depart_minute)
        * stops
        * noise;
    // Cabin last, so premium cabins are exact multiples of the same flight's economy fare.
    let fare = (fare.max(MIN_FARE_USD) * cabin_multiplier(f.cabin)).round();
    if fare.is_finite() {
        fare.clamp(MIN_FARE_USD, 100_000.0) as u32
    } else {
        MIN_FARE_USD as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs() -> FareInputs {
        FareInputs {
            distance_km: 1180.0,
            international: false,
            cabin: Cabin::Economy,
            days_ahead: 30,
            weekday: Weekday::Mon,
            depart_minute: 600,
            stops: 0,
            noise: 1.0,
        }
    }

    #[test]
    fn fare_grows_with_distance() {
        let mut last = 0;
        for km in [100.0, 800.0, 1500.0, 3000.0, 6000.0, 12000.0] {
            let fare = leg_fare(&FareInputs { distance_km: km, ..inputs() });
            assert!(fare > last, "{km} km: {fare} <= {last}");
            last = fare;
        }
        // Chicago-New York economy, a month out: in the low hundreds.
        let ord_jfk = leg_fare(&inputs());
        assert!((90..=200).contains(&ord_jfk), "{ord_jfk}");
    }

    #[test]
    fn fare_grows_with_cabin() {
        let fares: Vec<u32> =
            [Cabin::Economy, Cabin::PremiumEconomy, Cabin::Business, Cabin::First]
                .iter()
                .map(|&cabin| leg_fare(&FareInputs { cabin, ..inputs() }))
                .collect();
        assert!(fares.windows(2).all(|w| w[0] < w[1]), "{fares:?}");
    }

    #[test]
    fn fare_grows_as_departure_nears_inside_two_weeks() {
        let fares: Vec<u32> =
            (0..=14).rev().map(|d| leg_fare(&FareInputs { days_ahead: d, ..inputs() })).collect();
        assert!(fares.windows(2).all(|w| w[0] < w[1]), "{fares:?}");
        // And three to eight weeks out is the cheapest window.
        let month = leg_fare(&FareInputs { days_ahead: 35, ..inputs() });
        let far = leg_fare(&FareInputs { days_ahead: 300, ..inputs() });
        let soon = leg_fare(&FareInputs { days_ahead: 10, ..inputs() });
        assert!(month < far && month < soon);
    }

    #[test]
    fn advance_curve_is_continuous() {
        for d in 0..331 {
            let step = (advance_multiplier(d + 1) - advance_multiplier(d)).abs();
            assert!(step < 0.07, "jump at day {d}: {step}");
        }
    }

    #[test]
    fn fare_never_below_floor_or_nonsense() {
        let tiny = leg_fare(&FareInputs { distance_km: 0.0, days_ahead: 40, ..inputs() });
        assert!(tiny >= 39);
        let nan = leg_fare(&FareInputs { distance_km: f64::NAN, noise: f64::NAN, ..inputs() });
        assert!(nan >= 39);
    }
}
