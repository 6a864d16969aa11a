//! The schedule generator: turns two places (as plain coordinates, so it can be tested without
//! the airport table) and a date into a believable set of United options.
//!
//! Model, deliberately simple and documented:
//! - Block time: 35 min taxi/climb overhead + great-circle distance at 820 km/h, up to 5%
//!   faster flying east (jet stream) and slower flying west, ±2% by seed; rounded to 5 min.
//! - Network: United flies nonstop when either end is one of its hubs (ORD, DEN, IAH, EWR,
//!   SFO, IAD, LAX); other US routes connect through the hub with the smallest detour, with a
//!   45-120 min layover. Routes between two foreign airports are flown nonstop by a partner.
//! - Day: departures spread over 06:00-22:00 (minutes in 5s), never so early that a flight
//!   would land "the day before" across the date line.
//! - Local times use [`zones`](super::zones) (standard offsets + daylight-saving rules).
//! - Schedules depend on (seed, route, date) only, so the same flights appear whatever the
//!   cabin or party size; fares then differ exactly by cabin and passengers.

use super::fares::{leg_fare, FareInputs};
use super::rng::{hash_parts, Rng};
use super::zones::utc_offset_minutes;
use super::Offer;
use crate::dates::Date;
use crate::geo::distance_km;
use crate::trip::{Cabin, MAX_PASSENGERS};
use chrono::Datelike;

/// One airport as the generator needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Endpoint<'a> {
    /// IATA code, e.g. "ORD".
    pub code: &'a str,
    pub lat: f64,
    pub lon: f64,
    /// IANA zone ("America/Chicago"); `None` falls back to a longitude estimate.
    pub tz: Option<&'a str>,
    /// ISO country ("US"); `None` is treated as domestic.
    pub country: Option<&'a str>,
}

/// A search on plain inputs. `from` / `to` list the airports of each place, busiest first
/// (one for an airport, several for a metro such as New York).
#[derive(Debug, Clone, PartialEq)]
pub struct RouteQuery<'a> {
    pub from: &'a [Endpoint<'a>],
    pub to: &'a [Endpoint<'a>],
    pub date: Date,
    pub return_date: Option<Date>,
    pub passengers: u8,
    pub cabin: Cabin,
    pub today: Date,
    pub seed: u64,
}

/// A United hub, for connections and for saying "one stop in Denver".
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Hub {
    pub code: &'static str,
    pub lat: f64,
    pub lon: f64,
    /// Spoken city.
    pub city: &'static str,
}

const fn hub(code: &'static str, lat: f64, lon: f64, city: &'static str) -> Hub {
    Hub { code, lat, lon, city }
}

/// United's hubs (kept here, not looked up in the airport table, so the generator is
/// self-contained).
pub(crate) const HUBS: &[Hub] = &[
    hub("ORD", 41.9786, -87.9048, "Chicago"),
    hub("DEN", 39.8617, -104.6731, "Denver"),
    hub("IAH", 29.9844, -95.3414, "Houston"),
    hub("EWR", 40.6925, -74.1687, "Newark"),
    hub("SFO", 37.6188, -122.3754, "San Francisco"),
    hub("IAD", 38.9445, -77.4558, "Washington Dulles"),
    hub("LAX", 33.9425, -118.4081, "Los Angeles"),
];

/// Partners (or well-known other airlines) by country: (country, airline, IATA prefix).
const PARTNERS: &[(&str, &str, &str)] = &[
    ("CA", "Air Canada", "AC"),
    ("DE", "Lufthansa", "LH"),
    ("AT", "Austrian", "OS"),
    ("CH", "Swiss", "LX"),
    ("BE", "Brussels Airlines", "SN"),
    ("GB", "Virgin Atlantic", "VS"),
    ("IE", "Aer Lingus", "EI"),
    ("FR", "Air France", "AF"),
    ("NL", "KLM", "KL"),
    ("IT", "ITA Airways", "AZ"),
    ("ES", "Iberia", "IB"),
    ("PT", "TAP Air Portugal", "TP"),
    ("PL", "LOT", "LO"),
    ("DK", "SAS", "SK"),
    ("SE", "SAS", "SK"),
    ("NO", "SAS", "SK"),
    ("TR", "Turkish Airlines", "TK"),
    ("JP", "ANA", "NH"),
    ("CN", "Air China", "CA"),
    ("KR", "Asiana", "OZ"),
    ("TW", "EVA Air", "BR"),
    ("SG", "Singapore Airlines", "SQ"),
    ("TH", "Thai Airways", "TG"),
    ("IN", "Air India", "AI"),
    ("NZ", "Air New Zealand", "NZ"),
    ("AU", "Air New Zealand", "NZ"),
    ("MX", "Aeromexico", "AM"),
    ("PA", "Copa", "CM"),
    ("CO", "Avianca", "AV"),
];

const UNITED: (&str, &str) = ("United", "UA");
/// United and territories served as domestic.
const DOMESTIC: &[&str] = &["US", "PR", "GU", "VI", "AS", "MP"];
const FIRST_DEPARTURE: i64 = 6 * 60;
const LAST_DEPARTURE: i64 = 22 * 60;
/// Landing earlier than 05:30 local is not something schedules offer.
const EARLIEST_ARRIVAL: i64 = 5 * 60 + 30;
/// Beyond this a route counts as long-haul (later departures allowed).
const LONG_HAUL_KM: f64 = 5000.0;
/// Longest nonstop the model allows (about Newark-Singapore).
const MAX_NONSTOP_KM: f64 = 15_500.0;
/// Connections closer than this to either end are not offered.
const MIN_LEG_KM: f64 = 150.0;

/// Minutes gate to gate for one leg, before rounding (see the module docs).
fn block_minutes(from: (f64, f64), to: (f64, f64), jitter: f64) -> i64 {
    let km = distance_km(from, to);
    // Eastward share of the trip: +1 due east over 30° of longitude or more, -1 due west.
    let mut dlon = (to.1 - from.1) % 360.0;
    if dlon > 180.0 {
        dlon -= 360.0;
    } else if dlon < -180.0 {
        dlon += 360.0;
    }
    let east = (dlon / 30.0).clamp(-1.0, 1.0);
    let cruise = km / 820.0 * 60.0 * (1.0 - 0.05 * east) * (1.0 + jitter);
    let minutes = 35.0 + cruise;
    round_to_5(if minutes.is_finite() { minutes as i64 } else { 35 }).max(40)
}

fn round_to_5(minutes: i64) -> i64 {
    (minutes + 2).div_euclid(5) * 5
}

fn is_hub(code: &str) -> bool {
    HUBS.iter().any(|h| h.code == code)
}

fn is_domestic(e: &Endpoint<'_>) -> bool {
    e.country.is_none_or(|c| DOMESTIC.contains(&c))
}

fn partner_for(e: &Endpoint<'_>) -> Option<(&'static str, &'static str)> {
    let country = e.country?;
    PARTNERS.iter().find(|p| p.0 == country).map(|p| (p.1, p.2))
}

fn valid(e: &Endpoint<'_>) -> bool {
    e.lat.is_finite()
        && e.lon.is_finite()
        && (-90.0..=90.0).contains(&e.lat)
        && (-180.0..=180.0).contains(&e.lon)
        && !e.code.is_empty()
}

/// The airport to fly most options from: a United hub when the metro has one (Newark for
/// New York), else the busiest.
fn primary_and_secondary<'a>(
    list: &[Endpoint<'a>],
) -> Option<(Endpoint<'a>, Option<Endpoint<'a>>)> {
    let ok: Vec<Endpoint<'a>> = list.iter().copied().filter(valid).take(4).collect();
    let primary = ok.iter().copied().find(|e| is_hub(e.code)).or_else(|| ok.first().copied())?;
    let secondary = ok.iter().copied().find(|e| e.code != primary.code);
    Some((primary, secondary))
}

/// One generated one-way itinerary with its per-passenger fare.
#[derive(Debug, Clone)]
struct Leg {
    offer: Offer,
    depart_minute: i64,
    fare_per_passenger: u32,
}

/// Generate the offers for a route (see the module docs). Empty when the route is unusable
/// (no valid coordinates, same airport both ends, or a round trip with no way back).
pub fn generate(q: &RouteQuery<'_>) -> Vec<Offer> {
    let passengers = q.passengers.clamp(1, MAX_PASSENGERS);
    let outbound = one_way(q.from, q.to, q.date, q);
    let Some(return_date) = q.return_date else {
        return outbound
            .into_iter()
            .enumerate()
            .map(|(i, leg)| {
                let mut offer = leg.offer;
                offer.option = option_number(i);
                offer.price_usd = leg.fare_per_passenger.saturating_mul(u32::from(passengers));
                offer
            })
            .collect();
    };
    let returns = one_way(q.to, q.from, return_date, q);
    if returns.is_empty() {
        return Vec::new();
    }
    outbound
        .into_iter()
        .enumerate()
        .map(|(i, leg)| {
            // Prefer a return from the airport the caller landed at, back to where they left.
            let start = i % returns.len();
            let back = (0..returns.len())
                .map(|k| &returns[(start + k) % returns.len()])
                .find(|r| r.offer.from == leg.offer.to && r.offer.to == leg.offer.from)
                .unwrap_or(&returns[start]);
            let mut ret = back.offer.clone();
            ret.option = option_number(i);
            ret.price_usd = back.fare_per_passenger.saturating_mul(u32::from(passengers));
            let mut offer = leg.offer;
            offer.option = option_number(i);
            offer.price_usd = leg
                .fare_per_passenger
                .saturating_add(back.fare_per_passenger)
                .saturating_mul(u32::from(passengers));
            offer.return_flight = Some(Box::new(ret));
            offer
        })
        .collect()
}

fn option_number(index: usize) -> u8 {
    u8::try_from(index + 1).unwrap_or(u8::MAX)
}

/// The options for one direction on one day, sorted by departure time.
fn one_way(from: &[Endpoint<'_>], to: &[Endpoint<'_>], date: Date, q: &RouteQuery<'_>) -> Vec<Leg> {
    let (Some((origin, origin_alt)), Some((dest, dest_alt))) =
        (primary_and_secondary(from), primary_and_secondary(to))
    else {
        return Vec::new();
    };
    if origin.code == dest.code {
        return Vec::new();
    }
    let codes = |list: &[Endpoint<'_>]| list.iter().map(|e| e.code).collect::<Vec<_>>().join(",");
    let date_text = date.to_string();
    let mut rng = Rng::new(hash_parts(&[
        &q.seed.to_le_bytes(),
        codes(from).as_bytes(),
        codes(to).as_bytes(),
        date_text.as_bytes(),
    ]));

    let count = rng.range(4, 6) as usize;
    // Never the earliest option, so the list opens with United.
    let partner_slot = rng.range(1, count as i64 - 1) as usize;
    // On hub routes at most one option connects (for variety), and only half the time.
    let connect_slot = rng.chance(0.5).then(|| rng.range(0, count as i64 - 1) as usize);
    let slots = departure_slots(origin, dest, date);
    if slots.is_empty() {
        return Vec::new();
    }
    let mut used_numbers: Vec<String> = Vec::new();
    let mut legs = Vec::with_capacity(count);
    for k in 0..count {
        // Spread a metro's options: one from / to its second airport, the rest from the hub.
        let o = if k == 1 { origin_alt.unwrap_or(origin) } else { origin };
        let d = if k == 2 { dest_alt.unwrap_or(dest) } else { dest };
        let (o, d) = if o.code == d.code { (origin, dest) } else { (o, d) };
        let depart = pick_departure(&slots, k, count, &mut rng);
        let partner =
            if k == partner_slot { partner_for(&d).or_else(|| partner_for(&o)) } else { None };
        let plan = Plan { depart, partner, connect: connect_slot == Some(k) };
        if let Some(leg) = build_leg(o, d, date, plan, &mut rng, &mut used_numbers, q) {
            legs.push(leg);
        }
    }
    crate::short_sort::sort_by(&mut legs, |a, b| {
        a.depart_minute
            .cmp(&b.depart_minute)
            .then_with(|| a.offer.flight_number.cmp(&b.offer.flight_number))
    });
    legs
}

/// Departure times (local minutes, in 5s) that make sense on this route: between 06:00 and
/// 22:00 (23:00 long-haul), landing between 05:30 and midnight local time, and never on the
/// day before (westbound over the date line). Long-haul banks fall out of this naturally:
/// US-Europe flights leave in the afternoon and evening and land the next morning.
fn departure_slots(o: Endpoint<'_>, d: Endpoint<'_>, date: Date) -> Vec<i64> {
    let (a, b) = ((o.lat, o.lon), (d.lat, d.lon));
    let duration = block_minutes(a, b, 0.0);
    let shift = i64::from(utc_offset_minutes(d.tz, d.lon, date))
        - i64::from(utc_offset_minutes(o.tz, o.lon, date));
    let last = if distance_km(a, b) > LONG_HAUL_KM { 23 * 60 } else { LAST_DEPARTURE };
    let candidates = (FIRST_DEPARTURE..=last).step_by(5);
    let arrival = |dep: i64| dep + duration + shift;
    let civil: Vec<i64> = candidates
        .clone()
        .filter(|&dep| arrival(dep) >= 0 && arrival(dep).rem_euclid(24 * 60) >= EARLIEST_ARRIVAL)
        .collect();
    if !civil.is_empty() {
        return civil;
    }
    candidates.filter(|&dep| arrival(dep) >= 0).collect()
}

/// The k-th of `count` departures: a random slot within the k-th slice of the day's slots, so
/// options spread from morning to evening.
fn pick_departure(slots: &[i64], k: usize, count: usize, rng: &mut Rng) -> i64 {
    let len = slots.len();
    let (lo, hi) = (len * k / count.max(1), len * (k + 1) / count.max(1));
    let index = if hi > lo { rng.range(lo as i64, hi as i64 - 1) as usize } else { lo };
    slots.get(index.min(len.saturating_sub(1))).copied().unwrap_or(FIRST_DEPARTURE)
}

/// What the day plan decided for one option before it is built.
#[derive(Debug, Clone, Copy)]
struct Plan {
    /// Wanted local departure, minutes after midnight.
    depart: i64,
    /// Operated by this partner (name, prefix) when the route is international.
    partner: Option<(&'static str, &'static str)>,
    /// Connect through a hub even though a nonstop exists.
    connect: bool,
}

fn build_leg(
    o: Endpoint<'_>,
    d: Endpoint<'_>,
    date: Date,
    plan: Plan,
    rng: &mut Rng,
    used_numbers: &mut Vec<String>,
    q: &RouteQuery<'_>,
) -> Option<Leg> {
    let a = (o.lat, o.lon);
    let b = (d.lat, d.lon);
    let km = distance_km(a, b);
    let both_foreign = !is_domestic(&o) && !is_domestic(&d);
    let international = is_domestic(&o) != is_domestic(&d) || both_foreign;
    let hub_route = is_hub(o.code) || is_hub(d.code);

    // Draw every random number up front so each option consumes the same amount of the stream.
    let jitter1 = rng.jitter(0.02);
    let jitter2 = rng.jitter(0.02);
    let layover = round_to_5(rng.range(45, 120));
    let hub_pick = rng.range(0, 2) as usize;
    let number_draw = rng.next_u64();
    let noise = 1.0 + rng.jitter(0.08);

    let Plan { depart, partner, connect } = plan;
    let (airline, prefix) = match partner {
        Some(p) if international => p,
        _ if both_foreign => partner_for(&d).or_else(|| partner_for(&o)).unwrap_or(UNITED),
        _ => UNITED,
    };
    let operated_nonstop = partner.is_some() && international || both_foreign;

    // Connection hubs by detour, best first (never one of the endpoints).
    let mut hubs: Vec<(f64, &Hub)> = HUBS
        .iter()
        // A connection at the airport next door (Newark for JFK) would be silly.
        .filter(|h| {
            distance_km(a, (h.lat, h.lon)) > MIN_LEG_KM
                && distance_km((h.lat, h.lon), b) > MIN_LEG_KM
        })
        .map(|h| {
            let via = distance_km(a, (h.lat, h.lon)) + distance_km((h.lat, h.lon), b);
            (via / km.max(1.0), h)
        })
        .collect();
    crate::short_sort::sort_by(&mut hubs, |x, y| x.0.total_cmp(&y.0));
    let good_hubs: Vec<_> = hubs.iter().filter(|h| h.0 < 1.3).collect();

    let via = if operated_nonstop {
        None
    } else if !hub_route || km > MAX_NONSTOP_KM {
        hubs.get(hub_pick.min(hubs.len().saturating_sub(1)).min(2)).map(|h| h.1)
    } else if connect && km > 1000.0 && !good_hubs.is_empty() {
        good_hubs.get(hub_pick % good_hubs.len()).map(|h| h.1)
    } else {
        None
    };

    let (duration, stops, via_code) = match via {
        Some(h) => {
            let hub = (h.lat, h.lon);
            let first = block_minutes(a, hub, jitter1);
            let second = block_minutes(hub, b, jitter2);
            (first + layover + second, 1u8, Some(h.code.to_string()))
        }
        None => (block_minutes(a, b, jitter1), 0u8, None),
    };

    let offset_from = i64::from(utc_offset_minutes(o.tz, o.lon, date));
    let offset_to = i64::from(utc_offset_minutes(d.tz, d.lon, date));
    // Never land on the previous calendar day (westbound across the date line).
    let earliest = -(duration + offset_to - offset_from);
    let depart = if depart < earliest { round_to_5(earliest + 4) } else { depart };
    if depart > 23 * 60 + 55 {
        return None;
    }
    let arrive_total = depart + duration + offset_to - offset_from;
    let arrival_day_offset = u8::try_from(arrive_total.div_euclid(24 * 60)).ok()?;

    let flight_number =
        unique_number(prefix, international || km > 4000.0, number_draw, used_numbers);
    let days_ahead = date.signed_duration_since(q.today).num_days();
    let fare = leg_fare(&FareInputs {
        distance_km: km,
        international,
        cabin: q.cabin,
        days_ahead,
        weekday: date.weekday(),
        depart_minute: depart.clamp(0, 24 * 60 - 1) as u32,
        stops,
        noise,
    });

    Some(Leg {
        offer: Offer {
            option: 0,
            airline: airline.to_string(),
            flight_number,
            from: o.code.to_string(),
            to: d.code.to_string(),
            date,
            depart_time: clock(depart),
            arrive_time: clock(arrive_total),
            arrival_day_offset,
            duration_minutes: u16::try_from(duration).unwrap_or(u16::MAX),
            stops,
            via: via_code,
            cabin: q.cabin,
            price_usd: 0,
            return_flight: None,
            seal: None,
        },
        depart_minute: depart,
        fare_per_passenger: fare,
    })
}

/// "UA 1423": long-haul numbers are low (1-999), domestic ones 1000-2999, as United does.
fn unique_number(prefix: &str, long_haul: bool, draw: u64, used: &mut Vec<String>) -> String {
    let (lo, span) = if long_haul || prefix != UNITED.1 { (1u64, 999u64) } else { (1000, 2000) };
    let mut n = lo + draw % span;
    for _ in 0..span {
        let candidate = format!("{prefix} {n}");
        if !used.contains(&candidate) {
            used.push(candidate.clone());
            return candidate;
        }
        n = lo + (n - lo + 7) % span;
    }
    format!("{prefix} {n}")
}

/// "HH:MM" on a 24 h clock for minutes after local midnight (any day).
fn clock(minutes: i64) -> String {
    let m = minutes.rem_euclid(24 * 60);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Spoken city of a United hub ("Denver"), for "one stop in Denver".
pub(crate) fn hub_city(code: &str) -> Option<&'static str> {
    HUBS.iter().find(|h| h.code == code).map(|h| h.city)
}
