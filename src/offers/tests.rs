//! Offer generator tests on hand-entered coordinates (independent of the airport table).

use super::*;
use crate::dialogue::choice::select;
use crate::trip::OptionChoice;
use chrono::Datelike;
use proptest::prelude::*;

fn ep(
    code: &'static str,
    lat: f64,
    lon: f64,
    tz: &'static str,
    country: &'static str,
) -> Endpoint<'static> {
    Endpoint { code, lat, lon, tz: Some(tz), country: Some(country) }
}

const ORD: Endpoint<'static> = Endpoint {
    code: "ORD",
    lat: 41.9786,
    lon: -87.9048,
    tz: Some("America/Chicago"),
    country: Some("US"),
};
const JFK: Endpoint<'static> = Endpoint {
    code: "JFK",
    lat: 40.6398,
    lon: -73.7789,
    tz: Some("America/New_York"),
    country: Some("US"),
};
const SFO: Endpoint<'static> = Endpoint {
    code: "SFO",
    lat: 37.6188,
    lon: -122.3754,
    tz: Some("America/Los_Angeles"),
    country: Some("US"),
};
const LHR: Endpoint<'static> = Endpoint {
    code: "LHR",
    lat: 51.4706,
    lon: -0.4619,
    tz: Some("Europe/London"),
    country: Some("GB"),
};
const DEN: Endpoint<'static> = Endpoint {
    code: "DEN",
    lat: 39.8617,
    lon: -104.6731,
    tz: Some("America/Denver"),
    country: Some("US"),
};
const BOS: Endpoint<'static> = Endpoint {
    code: "BOS",
    lat: 42.3656,
    lon: -71.0096,
    tz: Some("America/New_York"),
    country: Some("US"),
};
const SEA: Endpoint<'static> = Endpoint {
    code: "SEA",
    lat: 47.4490,
    lon: -122.3093,
    tz: Some("America/Los_Angeles"),
    country: Some("US"),
};

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> Date {
    date(2026, 3, 2)
}

fn q<'a>(from: &'a [Endpoint<'a>], to: &'a [Endpoint<'a>]) -> RouteQuery<'a> {
    RouteQuery {
        from,
        to,
        date: date(2026, 4, 15),
        return_date: None,
        passengers: 1,
        cabin: Cabin::Economy,
        today: today(),
        seed: 42,
    }
}

fn minutes(clock: &str) -> u32 {
    speech::parse_clock(clock).unwrap()
}

#[test]
fn same_seed_same_offers_different_seed_different_offers() {
    let a = generate(&q(&[ORD], &[JFK]));
    let b = generate(&q(&[ORD], &[JFK]));
    assert_eq!(a, b);
    assert!((4..=6).contains(&a.len()), "{}", a.len());
    let c = generate(&RouteQuery { seed: 43, ..q(&[ORD], &[JFK]) });
    assert_ne!(a, c);
    let other_day = generate(&RouteQuery { date: date(2026, 4, 16), ..q(&[ORD], &[JFK]) });
    assert_ne!(
        a.iter().map(|o| &o.depart_time).collect::<Vec<_>>(),
        other_day.iter().map(|o| &o.depart_time).collect::<Vec<_>>()
    );
}

#[test]
fn ord_jfk_nonstops_take_about_two_hours() {
    for seed in 0..50 {
        let offers = generate(&RouteQuery { seed, ..q(&[ORD], &[JFK]) });
        let nonstops: Vec<_> = offers.iter().filter(|o| o.stops == 0).collect();
        assert!(nonstops.len() >= offers.len() / 2, "mostly nonstop from a hub");
        for o in nonstops {
            assert!((105..=180).contains(&o.duration_minutes), "{o:?}");
            assert_eq!(o.duration_minutes % 5, 0);
        }
    }
}

#[test]
fn sfo_lhr_takes_ten_to_eleven_hours_and_lands_next_day() {
    for seed in 0..50 {
        for o in generate(&RouteQuery { seed, ..q(&[SFO], &[LHR]) }) {
            if o.stops == 0 {
                assert!((570..=720).contains(&o.duration_minutes), "{o:?}");
                // London is 8 hours ahead in April: a 10+ hour flight always lands the next day
                // unless it leaves very early.
                let arrive = minutes(&o.depart_time) + u32::from(o.duration_minutes) + 8 * 60;
                assert_eq!(u32::from(o.arrival_day_offset), arrive / (24 * 60), "{o:?}");
                assert_eq!(minutes(&o.arrive_time), arrive % (24 * 60), "{o:?}");
            }
        }
    }
}

#[test]
fn westbound_is_slower_than_eastbound() {
    let east: u32 = generate(&q(&[SFO], &[LHR]))
        .iter()
        .filter(|o| o.stops == 0)
        .map(|o| u32::from(o.duration_minutes))
        .min()
        .unwrap();
    let west: u32 = generate(&q(&[LHR], &[SFO]))
        .iter()
        .filter(|o| o.stops == 0)
        .map(|o| u32::from(o.duration_minutes))
        .min()
        .unwrap();
    assert!(west > east + 30, "west {west} east {east}");
}

#[test]
fn non_hub_route_connects_through_a_sensible_hub() {
    let offers = generate(&q(&[BOS], &[SEA]));
    assert!(!offers.is_empty());
    for o in &offers {
        assert_eq!(o.stops, 1, "{o:?}");
        let via = o.via.as_deref().unwrap();
        assert!(schedule::HUBS.iter().any(|h| h.code == via), "{via}");
        // Boston-Seattle never connects through Houston or Los Angeles first choice; any hub
        // used must be within a sane detour.
        assert!(["ORD", "DEN", "SFO", "EWR", "IAD"].contains(&via), "{via}");
        // Two legs plus a 45-120 minute layover: longer than a nonstop would be.
        assert!(o.duration_minutes > 6 * 60, "{o:?}");
    }
}

#[test]
fn united_first_and_sorted_by_departure() {
    for seed in 0..30 {
        let fra = ep("FRA", 50.0379, 8.5622, "Europe/Berlin", "DE");
        let yyz = ep("YYZ", 43.6777, -79.6248, "America/Toronto", "CA");
        for (from, to) in [(ORD, JFK), (SFO, LHR), (DEN, SFO), (BOS, SEA), (ORD, fra), (yyz, DEN)] {
            let offers = generate(&RouteQuery { seed, ..q(&[from], &[to]) });
            assert_eq!(offers.first().map(|o| o.airline.as_str()), Some("United"));
            let united = offers.iter().filter(|o| o.airline == "United").count();
            assert!(united * 2 > offers.len(), "mostly United: {offers:?}");
            assert!(offers
                .iter()
                .filter(|o| o.airline == "United")
                .all(|o| o.flight_number.starts_with("UA ")));
            let times: Vec<u32> = offers.iter().map(|o| minutes(&o.depart_time)).collect();
            assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
            assert!(
                // 06:00 to 22:00 (23:00 long-haul).
                times.iter().all(|t| (6 * 60..=23 * 60).contains(t) && t % 5 == 0),
                "{times:?}"
            );
            let options: Vec<u8> = offers.iter().map(|o| o.option).collect();
            assert_eq!(options, (1..=offers.len() as u8).collect::<Vec<_>>());
            let mut numbers: Vec<&String> = offers.iter().map(|o| &o.flight_number).collect();
            numbers.dedup();
            assert_eq!(numbers.len(), offers.len());
        }
    }
}

#[test]
fn a_partner_appears_on_some_international_routes() {
    let fra = ep("FRA", 50.0379, 8.5622, "Europe/Berlin", "DE");
    let partners: usize = (0..20)
        .map(|seed| generate(&RouteQuery { seed, ..q(&[ORD], &[fra]) }))
        .filter(|offers| {
            offers.iter().any(|o| o.airline == "Lufthansa" && o.flight_number.starts_with("LH "))
        })
        .count();
    assert!(partners > 10, "{partners}");
    // Domestic routes stay all United.
    for seed in 0..20 {
        assert!(generate(&RouteQuery { seed, ..q(&[ORD], &[JFK]) })
            .iter()
            .all(|o| o.airline == "United"));
    }
}

#[test]
fn fares_rise_with_cabin_and_passengers_on_the_same_flights() {
    let base = generate(&q(&[ORD], &[JFK]));
    let mut last = base.clone();
    for cabin in [Cabin::PremiumEconomy, Cabin::Business, Cabin::First] {
        let next = generate(&RouteQuery { cabin, ..q(&[ORD], &[JFK]) });
        assert_eq!(next.len(), last.len());
        for (a, b) in last.iter().zip(&next) {
            assert_eq!(a.flight_number, b.flight_number, "same schedule in every cabin");
            assert!(b.price_usd > a.price_usd, "{cabin:?}: {} <= {}", b.price_usd, a.price_usd);
            assert_eq!(b.cabin, cabin);
        }
        last = next;
    }
    let three = generate(&RouteQuery { passengers: 3, ..q(&[ORD], &[JFK]) });
    for (one, three) in base.iter().zip(&three) {
        assert_eq!(three.price_usd, one.price_usd * 3);
    }
}

#[test]
fn fares_rise_with_distance() {
    for seed in 0..20 {
        let cheapest = |from, to| {
            generate(&RouteQuery { seed, ..q(from, to) }).iter().map(|o| o.price_usd).min().unwrap()
        };
        let short = cheapest(&[ORD], &[DEN]);
        let mid = cheapest(&[JFK], &[SFO]);
        let long = cheapest(&[SFO], &[LHR]);
        assert!(short < mid && mid < long, "{short} {mid} {long}");
    }
}

#[test]
fn fares_rise_as_departure_nears_inside_two_weeks() {
    let flight_date = date(2026, 4, 15);
    let mut previous: Option<Vec<u32>> = None;
    for days_before in (0..=14).rev() {
        let today = flight_date - chrono::TimeDelta::days(days_before);
        let prices: Vec<u32> = generate(&RouteQuery { today, ..q(&[ORD], &[JFK]) })
            .iter()
            .map(|o| o.price_usd)
            .collect();
        if let Some(prev) = &previous {
            assert!(
                prices.iter().zip(prev).all(|(now, before)| now > before),
                "{days_before}: {prices:?} vs {prev:?}"
            );
        }
        previous = Some(prices);
    }
}

#[test]
fn round_trip_pairs_a_return_and_prices_the_whole_trip() {
    let rt =
        RouteQuery { return_date: Some(date(2026, 4, 22)), passengers: 2, ..q(&[ORD], &[JFK]) };
    let offers = generate(&rt);
    let one_way = generate(&RouteQuery { passengers: 2, ..q(&[ORD], &[JFK]) });
    assert_eq!(offers.len(), one_way.len());
    for (o, single) in offers.iter().zip(&one_way) {
        let back = o.return_flight.as_ref().expect("return leg");
        assert_eq!((back.from.as_str(), back.to.as_str()), ("JFK", "ORD"));
        assert_eq!(back.date, date(2026, 4, 22));
        assert_eq!(back.option, o.option);
        assert!(back.return_flight.is_none());
        assert_eq!(o.price_usd, single.price_usd + back.price_usd);
        assert_eq!(o.price_usd % 2, 0, "two passengers");
    }
}

#[test]
fn metro_spreads_over_its_airports_preferring_the_hub() {
    let lga = ep("LGA", 40.7772, -73.8726, "America/New_York", "US");
    let ewr = ep("EWR", 40.6925, -74.1687, "America/New_York", "US");
    let nyc = [JFK, ewr, lga];
    let offers = generate(&q(&nyc, &[SFO]));
    let from_ewr = offers.iter().filter(|o| o.from == "EWR").count();
    assert!(from_ewr * 2 > offers.len(), "hub first: {offers:?}");
    assert!(offers.iter().any(|o| o.from == "JFK"), "spread over the metro: {offers:?}");
}

#[test]
fn unusable_routes_give_nothing() {
    assert!(generate(&q(&[ORD], &[ORD])).is_empty());
    assert!(generate(&q(&[], &[ORD])).is_empty());
    let nowhere = Endpoint { lat: f64::NAN, ..JFK };
    assert!(generate(&q(&[nowhere], &[ORD])).is_empty());
    let off_planet = Endpoint { lat: 123.0, ..JFK };
    assert!(generate(&q(&[off_planet], &[ORD])).is_empty());
}

#[test]
fn date_line_crossing_never_lands_the_day_before() {
    let nrt = ep("NRT", 35.7647, 140.3864, "Asia/Tokyo", "JP");
    for seed in 0..30 {
        for o in generate(&RouteQuery { seed, ..q(&[nrt], &[SFO]) }) {
            let depart = minutes(&o.depart_time) as i64;
            // Tokyo is UTC+9, San Francisco UTC-7 in April: 16 hours behind.
            let arrive = depart + i64::from(o.duration_minutes) - 16 * 60;
            assert!(arrive >= 0, "{o:?}");
            assert_eq!(arrive % (24 * 60), minutes(&o.arrive_time) as i64);
        }
    }
}

#[test]
fn cheapest_days_cover_the_window_and_skip_the_past() {
    let query = RouteQuery { today: date(2026, 4, 13), ..q(&[ORD], &[DEN]) };
    let days = cheapest_days_on(&query, date(2026, 4, 15), 3);
    let dates: Vec<Date> = days.iter().map(|d| d.0).collect();
    assert_eq!(dates, (13..=18).map(|d| date(2026, 4, d)).collect::<Vec<_>>());
    for (day, price) in &days {
        let direct = generate(&RouteQuery { date: *day, ..query.clone() });
        assert_eq!(Some(*price), direct.iter().map(|o| o.price_usd).min());
    }
    // Beyond the booking window.
    let edge = today() + chrono::TimeDelta::days(331);
    let near_edge = cheapest_days_on(&q(&[ORD], &[DEN]), edge, 2);
    assert_eq!(near_edge.last().map(|d| d.0), Some(edge));
    // Huge spans are bounded.
    assert!(cheapest_days_on(&q(&[ORD], &[DEN]), date(2026, 6, 1), 10_000).len() <= 29);
}

#[test]
fn cheapest_days_tend_to_be_midweek() {
    // Per-flight noise can beat the weekday discount on one search, but over many seeds
    // Tuesday and Wednesday win far more often than Friday and Sunday.
    let (mut midweek, mut peak) = (0, 0);
    for seed in 0..40 {
        let query = RouteQuery { seed, ..q(&[ORD], &[DEN]) };
        let days = cheapest_days_on(&query, date(2026, 4, 15), 3);
        assert_eq!(days.len(), 7);
        let best = days.iter().min_by_key(|d| d.1).unwrap();
        match best.0.weekday() {
            chrono::Weekday::Tue | chrono::Weekday::Wed => midweek += 1,
            chrono::Weekday::Fri | chrono::Weekday::Sun => peak += 1,
            _ => {}
        }
    }
    assert!(midweek > 2 * peak, "midweek {midweek} peak {peak}");
}

fn offer(depart: &str, duration: u16, price: u32, stops: u8) -> Offer {
    Offer {
        option: 0,
        airline: "United".into(),
        flight_number: "UA 100".into(),
        from: "ORD".into(),
        to: "JFK".into(),
        date: date(2026, 4, 15),
        depart_time: depart.into(),
        arrive_time: "12:00".into(),
        arrival_day_offset: 0,
        duration_minutes: duration,
        stops,
        via: if stops > 0 { Some("DEN".into()) } else { None },
        cabin: Cabin::Economy,
        price_usd: price,
        return_flight: None,
        seal: None,
    }
}

fn sample() -> Vec<Offer> {
    vec![
        offer("06:30", 300, 250, 1),
        offer("08:05", 125, 310, 0),
        offer("12:40", 120, 199, 0),
        offer("18:10", 135, 199, 0),
        offer("21:45", 280, 150, 1),
    ]
}

#[test]
fn select_each_choice() {
    let offers = sample();
    assert_eq!(select(&offers, OptionChoice::Position(1)), Some(0));
    assert_eq!(select(&offers, OptionChoice::Position(5)), Some(4));
    assert_eq!(select(&offers, OptionChoice::Position(0)), None);
    assert_eq!(select(&offers, OptionChoice::Position(6)), None);
    assert_eq!(select(&offers, OptionChoice::Last), Some(4));
    assert_eq!(select(&offers, OptionChoice::Cheapest), Some(4));
    assert_eq!(select(&offers, OptionChoice::Fastest), Some(2));
    assert_eq!(select(&offers, OptionChoice::Earliest), Some(0));
    assert_eq!(select(&offers, OptionChoice::Latest), Some(4));
    assert_eq!(select(&offers, OptionChoice::Nonstop), Some(1));
    assert_eq!(select(&offers, OptionChoice::Time(480)), Some(1), "the 8 am");
    assert_eq!(select(&offers, OptionChoice::Time(12 * 60 + 30)), Some(2));
    assert_eq!(select(&offers, OptionChoice::Time(6 * 60)), Some(0), "6 am beats 6 pm");
    assert_eq!(select(&offers, OptionChoice::Time(10 * 60 + 20)), None);
    assert_eq!(select(&offers, OptionChoice::Time(10 * 60)), Some(4), "10 matches 9:45 pm");
    assert_eq!(select(&offers, OptionChoice::Time(9 * 60 + 45)), Some(4), "9:45 means pm");
    assert_eq!(select(&offers, OptionChoice::Time(u16::MAX)), None);
    assert_eq!(select(&[], OptionChoice::Last), None);
    assert_eq!(select(&[], OptionChoice::Cheapest), None);
    // Ties go to the first listed.
    let mut tie = sample();
    tie[4].price_usd = 199;
    assert_eq!(select(&tie, OptionChoice::Cheapest), Some(2));
    // No nonstop at all.
    let connections: Vec<Offer> = sample().into_iter().filter(|o| o.stops > 0).collect();
    assert_eq!(select(&connections, OptionChoice::Nonstop), None);
}

#[test]
fn describe_speaks_like_a_person() {
    let mut o = offer("08:05", 195, 245, 0);
    o.flight_number = "UA 1423".into();
    o.arrive_time = "11:20".into();
    assert_eq!(describe(&o), "United 1423 at 8:05 in the morning, arriving 11:20, nonstop, $245");
    o.depart_time = "21:00".into();
    o.arrive_time = "06:10".into();
    o.arrival_day_offset = 1;
    o.stops = 1;
    o.via = Some("DEN".into());
    assert_eq!(
        describe(&o),
        "United 1423 at 9 in the evening, arriving 6:10 the next morning, one stop in Denver, $245"
    );
    o.depart_time = "10:30".into();
    o.arrive_time = "14:30".into();
    o.arrival_day_offset = 0;
    assert!(describe(&o).contains("arriving 2:30 in the afternoon"), "{}", describe(&o));
    o.depart_time = "12:00".into();
    assert!(describe(&o).contains("at noon"), "{}", describe(&o));
    o.depart_time = "07:00".into();
    o.arrive_time = "10:00".into();
    assert!(
        describe(&o).contains("at 7 in the morning, arriving at 10 o'clock,"),
        "{}",
        describe(&o)
    );
    o.arrive_time = "23:30".into();
    assert!(describe(&o).contains("arriving 11:30 at night"), "{}", describe(&o));
}

#[test]
fn describe_round_trip_mentions_the_return() {
    let mut o = offer("08:05", 125, 480, 0);
    let mut back = offer("17:40", 140, 230, 0);
    back.date = date(2026, 4, 19);
    o.return_flight = Some(Box::new(back));
    let text = describe(&o);
    assert!(text.contains("arriving at noon, nonstop, "), "{text}");
    assert!(text.contains(", returning Sunday at 5:40 in the evening, nonstop, "), "{text}");
    assert!(text.ends_with("$480 round trip"), "{text}");
    let mut partner_back = offer("13:00", 140, 230, 1);
    partner_back.airline = "Lufthansa".into();
    o.return_flight = Some(Box::new(partner_back));
    o.price_usd = 1297;
    let text = describe(&o);
    assert!(
        text.contains("returning Wednesday on Lufthansa at 1 in the afternoon, one stop in Denver"),
        "{text}"
    );
    assert!(text.ends_with("$1,297 round trip"), "{text}");
}

fn assert_speakable(text: &str) {
    assert!(!text.contains(['*', '#', '_', '`', '[', '\n']), "markdown in {text}");
    // No zero-padded clock times like "08:05" or 24-hour "14:30".
    for (i, _) in text.match_indices(':') {
        let before: String = text[..i].chars().rev().take_while(|c| c.is_ascii_digit()).collect();
        let hour: String = before.chars().rev().collect();
        if hour.is_empty() {
            continue;
        }
        assert!(!hour.starts_with('0'), "padded time in {text}");
        let h: u32 = hour.parse().unwrap();
        assert!((1..=12).contains(&h), "24-hour time in {text}");
    }
}

#[test]
fn read_out_reads_a_few_and_counts_the_rest() {
    let mut offers = sample();
    for (i, o) in offers.iter_mut().enumerate() {
        o.option = i as u8 + 1;
    }
    let first = read_out(&offers, 0, 2);
    assert!(first.starts_with("Option one: United 100 at 6:30 in the morning"), "{first}");
    assert!(first.contains("Option two:"));
    assert!(!first.contains("Option three"));
    assert!(first.ends_with("There are three more options."), "{first}");
    assert_speakable(&first);
    let rest = read_out(&offers, 2, 10);
    assert!(rest.starts_with("Option three:") && rest.contains("Option five:"), "{rest}");
    assert!(rest.ends_with("That's the last of them."), "{rest}");
    assert!(!read_out(&offers, 3, 1).contains("Option three"));
    assert!(read_out(&offers, 3, 1).ends_with("There is one more option."));
    assert_eq!(read_out(&offers, 9, 2), "That's all the options I have.");
    assert!(!read_out(&[], 0, 2).is_empty());
    assert!(read_out(&offers[..1], 0, 3).ends_with("That's the only option."));
}

#[test]
fn generated_offers_read_out_cleanly() {
    let fra = ep("FRA", 50.0379, 8.5622, "Europe/Berlin", "DE");
    for seed in 0..20 {
        for (from, to) in [(ORD, JFK), (SFO, LHR), (BOS, SEA), (ORD, fra)] {
            let (from, to) = ([from], [to]);
            let rt = RouteQuery { seed, return_date: Some(date(2026, 4, 25)), ..q(&from, &to) };
            let offers = generate(&rt);
            let text = read_out(&offers, 0, 3);
            assert_speakable(&text);
            assert!(!text.contains("UA "), "{text}");
            for o in &offers {
                assert_speakable(&describe(o));
            }
        }
    }
}

fn arb_date() -> impl Strategy<Value = Date> {
    // Around today and far from it, including the ends of chrono's range.
    prop_oneof![
        (-400i64..800).prop_map(|d| today() + chrono::TimeDelta::days(d)),
        Just(Date::MIN),
        Just(Date::MAX),
    ]
}

fn arb_cabin() -> impl Strategy<Value = Cabin> {
    prop_oneof![
        Just(Cabin::Economy),
        Just(Cabin::PremiumEconomy),
        Just(Cabin::Business),
        Just(Cabin::First)
    ]
}

proptest! {
    // No regression files: they would land at the top of the repository.
        #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_prices_are_positive(
        lat1 in -90.0f64..=90.0, lon1 in -180.0f64..=180.0,
        lat2 in -90.0f64..=90.0, lon2 in -180.0f64..=180.0,
        depart in arb_date(), ret in proptest::option::of(arb_date()), booked in arb_date(),
        passengers in 0u8..=12, cabin in arb_cabin(), seed in any::<u64>(),
        zone in prop_oneof![Just(None), Just(Some("America/Chicago")), Just(Some("Asia/Tokyo")), Just(Some("Nowhere"))],
        country in prop_oneof![Just(None), Just(Some("US")), Just(Some("DE")), Just(Some("ZZ"))],
    ) {
        let a = Endpoint { code: "AAA", lat: lat1, lon: lon1, tz: zone, country };
        let b = Endpoint { code: "BBB", lat: lat2, lon: lon2, tz: Some("Europe/London"), country: Some("GB") };
        let query = RouteQuery { from: &[a], to: &[b], date: depart, return_date: ret, passengers, cabin, today: booked, seed };
        let offers = generate(&query);
        for o in &offers {
            prop_assert!(o.price_usd > 0);
            prop_assert!(o.duration_minutes >= 40);
            // Up to 25 h in the air plus up to 26 h of zone difference (mismatched zones in this
            // property) can land three calendar days later; real routes land within two.
            prop_assert!(o.arrival_day_offset <= 3);
            prop_assert!(speech::parse_clock(&o.depart_time).is_some());
            prop_assert!(speech::parse_clock(&o.arrive_time).is_some());
            if let Some(r) = &o.return_flight {
                prop_assert!(r.price_usd > 0 && r.price_usd < o.price_usd);
            }
            let _ = describe(o);
        }
        let _ = read_out(&offers, 0, 3);
        let _ = cheapest_days_on(&query, depart, 3);
        for choice in [OptionChoice::Cheapest, OptionChoice::Fastest, OptionChoice::Earliest, OptionChoice::Latest, OptionChoice::Nonstop, OptionChoice::Last, OptionChoice::Position(3), OptionChoice::Time(480)] {
            if let Some(i) = select(&offers, choice) {
                prop_assert!(i < offers.len());
            }
        }
    }
}

#[test]
fn search_reads_the_airport_table() {
    // Works before and after the places table lands: with no table there is nothing to fly.
    let place = |code: &str| Place {
        code: code.to_string(),
        kind: crate::places::PlaceKind::Airport,
        name: code.to_string(),
        airports: vec![code.to_string()],
    };
    let (ord, jfk) = (place("ORD"), place("JFK"));
    let request = SearchRequest {
        origin: &ord,
        destination: &jfk,
        departure_date: date(2026, 4, 15),
        return_date: None,
        passengers: 1,
        cabin: Cabin::Economy,
        today: today(),
        seed: 1,
    };
    let offers = search(&request);
    let flex = cheapest_days(&request, date(2026, 4, 15), 2);
    if crate::places::airport("ORD").is_some() && crate::places::airport("JFK").is_some() {
        assert!(!offers.is_empty());
        assert!(offers.iter().all(|o| o.from == "ORD" && o.to == "JFK"));
        assert_eq!(flex.len(), 5);
    } else {
        assert!(offers.is_empty() && flex.is_empty());
    }
}
