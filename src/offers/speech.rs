//! How Alex says offers out loud: short, spoken style, no markdown, no clock digits like
//! "08:05" (speech engines read those badly); "8:05 in the morning" instead.

use super::schedule::hub_city;
use super::Offer;
use chrono::Datelike;

/// Most options read in one breath: more than three is too many to remember on a call.
pub const MAX_READ_AT_ONCE: usize = 3;

/// One option in a sentence, e.g. "United 1423 at 8:05 in the morning, arriving 11:20,
/// nonstop, $245". A round trip adds a short return ("returning Sunday at 5:40 in the
/// evening, nonstop") and ends with the whole-trip price.
pub fn describe(offer: &Offer) -> String {
    let mut text = leg_words(offer);
    if let Some(back) = &offer.return_flight {
        text.push_str(", returning ");
        text.push_str(weekday_name(back.date.weekday()));
        if back.airline != offer.airline {
            text.push_str(" on ");
            text.push_str(&back.airline);
        }
        if let Some(d) = parse_clock(&back.depart_time) {
            text.push_str(" at ");
            text.push_str(&spoken_time(d, true));
        }
        text.push_str(", ");
        text.push_str(&stops_words(back));
        text.push_str(&format!(", {} round trip", dollars(offer.price_usd)));
    } else {
        text.push_str(&format!(", {}", dollars(offer.price_usd)));
    }
    text
}

/// "$245", "$1,297" (the comma helps speech engines group the number).
pub fn dollars(amount: u32) -> String {
    let digits = amount.to_string();
    let mut out = String::with_capacity(digits.len() + 4);
    out.push('$');
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "United 1423 at 8:05 in the morning, arriving 11:20, nonstop".
/// The booked flight in one breath: "United 2246 on Tuesday, December fifteenth, leaving at
/// 7:45 in the morning" (the price was just said; the date matters more now).
pub fn booked(offer: &Offer) -> String {
    let number = offer.flight_number.rsplit(' ').next().unwrap_or(&offer.flight_number);
    let mut text = format!("{} {} on {}", offer.airline, number, crate::dates::spoken(offer.date));
    if let Some(d) = parse_clock(&offer.depart_time) {
        text.push_str(", leaving at ");
        text.push_str(&spoken_time(d, true));
    }
    if let Some(back) = &offer.return_flight {
        text.push_str(&format!(", coming back on {}", crate::dates::spoken(back.date)));
        if let Some(d) = parse_clock(&back.depart_time) {
            text.push_str(" at ");
            text.push_str(&spoken_time(d, true));
        }
    }
    text
}

fn leg_words(offer: &Offer) -> String {
    let number = offer.flight_number.rsplit(' ').next().unwrap_or(&offer.flight_number);
    let depart = parse_clock(&offer.depart_time);
    let arrive = parse_clock(&offer.arrive_time);
    let mut text = format!("{} {}", offer.airline, number);
    if let Some(d) = depart {
        text.push_str(" at ");
        text.push_str(&spoken_time(d, true));
    }
    if let Some(a) = arrive {
        text.push_str(", arriving ");
        if a % 60 == 0 {
            text.push_str("at "); // "arriving at noon", "arriving at 10 o'clock"
        }
        match offer.arrival_day_offset {
            0 => {
                // Say the part of the day only when it changes ("8 in the morning,
                // arriving 11:20" but "arriving 2:30 in the afternoon").
                let same_part = depart.is_some_and(|d| part_of_day(d) == part_of_day(a));
                text.push_str(&spoken_time(a, !same_part));
            }
            1 => {
                text.push_str(&spoken_time(a, false));
                text.push_str(next_day_words(a));
            }
            n => {
                text.push_str(&spoken_time(a, true));
                text.push_str(&format!(", {} days later", number_word(usize::from(n))));
            }
        }
    }
    text.push_str(", ");
    text.push_str(&stops_words(offer));
    text
}

fn stops_words(offer: &Offer) -> String {
    match offer.stops {
        0 => "nonstop".to_string(),
        1 => match offer.via.as_deref().and_then(city_of) {
            Some(city) => format!("one stop in {city}"),
            None => "one stop".to_string(),
        },
        n => format!("{} stops", number_word(usize::from(n))),
    }
}

fn city_of(code: &str) -> Option<String> {
    hub_city(code)
        .map(str::to_string)
        .or_else(|| crate::places::airport(code).map(|a| a.city.clone()))
}

/// An option in one breath, as read in a list: the departure time, nonstop or not, the price
/// ("United 1356 at 2:10 in the afternoon, one stop, $221 round trip"). Arrival, the connection
/// and the return are details the caller asks for ([`describe`]).
pub fn describe_short(offer: &Offer) -> String {
    let number = offer.flight_number.rsplit(' ').next().unwrap_or(&offer.flight_number);
    let mut text = format!("{} {}", offer.airline, number);
    if let Some(d) = parse_clock(&offer.depart_time) {
        text.push_str(" at ");
        text.push_str(&spoken_time(d, true));
    }
    let stops = match offer.stops {
        0 => "nonstop".to_string(),
        1 => "one stop".to_string(),
        n => format!("{} stops", number_word(usize::from(n))),
    };
    let trip = if offer.return_flight.is_some() { " round trip" } else { "" };
    format!("{text}, {stops}, {}{trip}", dollars(offer.price_usd))
}

/// Read `count` options (at most [`MAX_READ_AT_ONCE`]) starting at index `from`, then say how
/// many are left: "Option one: ... Option two: ... There are two more options."
pub fn read_out(offers: &[Offer], from: usize, count: usize) -> String {
    if offers.is_empty() {
        return "I couldn't find any flights for that.".to_string();
    }
    if from >= offers.len() {
        return "That's all the options I have.".to_string();
    }
    let end = from.saturating_add(count.clamp(1, MAX_READ_AT_ONCE)).min(offers.len());
    let mut parts: Vec<String> = offers
        .iter()
        .enumerate()
        .skip(from)
        .take(end - from)
        .map(|(i, offer)| {
            let position = if offer.option == 0 { i + 1 } else { usize::from(offer.option) };
            format!("Option {}: {}.", number_word(position), describe_short(offer))
        })
        .collect();
    let left = offers.len() - end;
    parts.push(match left {
        0 if from == 0 && end > 1 => "Those are all the options.".to_string(),
        0 if from == 0 => "That's the only option.".to_string(),
        0 => "That's the last of them.".to_string(),
        1 => "There is one more option.".to_string(),
        n => format!("There are {} more options.", number_word(n)),
    });
    parts.join(" ")
}

/// "8:05 in the morning", "9 in the evening", "noon", "midnight".
pub fn spoken_time(minutes: u32, with_part: bool) -> String {
    let minutes = minutes % (24 * 60);
    let (h, m) = (minutes / 60, minutes % 60);
    if m == 0 && h == 12 {
        return "noon".to_string();
    }
    if m == 0 && h == 0 {
        return "midnight".to_string();
    }
    let hour12 = match h % 12 {
        0 => 12,
        x => x,
    };
    match (m, with_part) {
        (0, true) => format!("{hour12} {}", part_of_day(minutes)),
        // A bare "10" is unclear on its own.
        (0, false) => format!("{hour12} o'clock"),
        (_, true) => format!("{hour12}:{m:02} {}", part_of_day(minutes)),
        (_, false) => format!("{hour12}:{m:02}"),
    }
}

fn part_of_day(minutes: u32) -> &'static str {
    match minutes / 60 {
        0..=11 => "in the morning",
        12..=16 => "in the afternoon",
        17..=21 => "in the evening",
        _ => "at night",
    }
}

fn next_day_words(minutes: u32) -> &'static str {
    match minutes / 60 {
        0..=11 => " the next morning",
        12..=16 => " the next afternoon",
        17..=21 => " the next evening",
        _ => " at night the next day",
    }
}

/// "HH:MM" to minutes after midnight.
pub fn parse_clock(text: &str) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    let (h, m): (u32, u32) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

fn weekday_name(day: chrono::Weekday) -> &'static str {
    use chrono::Weekday::*;
    match day {
        Mon => "Monday",
        Tue => "Tuesday",
        Wed => "Wednesday",
        Thu => "Thursday",
        Fri => "Friday",
        Sat => "Saturday",
        Sun => "Sunday",
    }
}

/// Small counts as words ("option two"); larger ones as digits.
fn number_word(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    WORDS.get(n).map_or_else(|| n.to_string(), |w| (*w).to_string())
}
