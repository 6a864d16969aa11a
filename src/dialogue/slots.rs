//! Putting what the caller said into the booking: validation that needs the booking (same
//! origin and destination, return before departure, passenger limits), corrections of the
//! right slot, and the short acknowledgement of what changed.

use super::reply;
use crate::booking::Booking;
use crate::dates::{self, Date, DateError};
use crate::places::{self, Place, PlaceError};
use crate::trip::{TripType, MAX_PASSENGERS};
use crate::understand::{Intent, Slot, Understanding};

/// What filling did: acknowledgements and problems to say, and whether the booking changed.
#[derive(Debug, Default)]
pub struct Outcome {
    pub acks: Vec<String>,
    pub problems: Vec<String>,
    pub changed: bool,
    /// What changed, as Alex says it ("to Denver", "leaving Friday, December fourth").
    pub parts: Vec<String>,
}

/// The words for a place problem: "I don't know an airport called Atlantis."
pub fn place_problem(error: &PlaceError) -> String {
    match error {
        PlaceError::Unknown { text } => match crate::places::area_named(text) {
            Some(area) => format!("Which city or airport in {area}?"),
            None => format!("Sorry, I don't know an airport called {}.", title(text)),
        },
        PlaceError::Ambiguous { text, candidates } => {
            let names: Vec<String> = candidates.iter().take(3).map(candidate_name).collect();
            format!("There's more than one {}. Did you mean {}?", title(text), join_or(&names))
        }
    }
}

/// Ambiguous candidates already carry their area ("Springfield, Illinois").
fn candidate_name(place: &Place) -> String {
    place.name.clone()
}

fn join_or(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn title(text: &str) -> String {
    text.split_whitespace().map(crate::text::capitalise).collect::<Vec<_>>().join(" ")
}

/// "Chicago has two airports: O'Hare and Midway." / "Denver is served by Denver."
pub fn airports_answer(place: &Place) -> String {
    let list = places::spoken_list(place);
    if !list.is_empty() {
        return list;
    }
    match places::airports_in(place).first() {
        Some(a) => format!("{} is served by {}, {}.", place.name, a.name, a.code),
        None => format!("I don't have airports listed for {}.", place.name),
    }
}

fn same_place(a: &Place, b: &Place) -> bool {
    a.code == b.code
        || a.airports.iter().any(|x| b.airports.contains(x) || *x == b.code)
        || b.airports.contains(&a.code)
}

/// Which slot an uncued place corrects: the place slot talked about last, else the first
/// empty one, else the destination (people change where they go more than where they start).
fn place_slot(b: &Booking, recent: Option<Slot>, u: &Understanding) -> Slot {
    if let Some(s @ (Slot::Origin | Slot::Destination)) = u.correction_target {
        return s;
    }
    // The same place again, maybe more precisely ("Toronto, YYZ" when flying from Toronto):
    // it is about that slot.
    if let Some(Ok(p)) = &u.place {
        if b.origin.as_ref().is_some_and(|o| same_place(o, p)) {
            return Slot::Origin;
        }
        if b.destination.as_ref().is_some_and(|d| same_place(d, p)) {
            return Slot::Destination;
        }
    }
    let correcting = u.intent() == Intent::Correction;
    match recent {
        Some(s @ (Slot::Origin | Slot::Destination)) if correcting => s,
        _ if b.origin.is_none() => Slot::Origin,
        _ if b.destination.is_none() => Slot::Destination,
        Some(s @ (Slot::Origin | Slot::Destination)) => s,
        _ => Slot::Destination,
    }
}

/// Which slot an uncued date corrects.
fn date_slot(b: &Booking, recent: Option<Slot>, u: &Understanding) -> Slot {
    if let Some(s @ (Slot::DepartureDate | Slot::ReturnDate)) = u.correction_target {
        return s;
    }
    let round_trip = b.trip_type == Some(TripType::RoundTrip);
    let correcting = u.intent() == Intent::Correction;
    match recent {
        Some(s @ (Slot::DepartureDate | Slot::ReturnDate)) if correcting => s,
        Some(Slot::ReturnDate) if round_trip => Slot::ReturnDate,
        _ if b.departure_date.is_none() => Slot::DepartureDate,
        _ if round_trip && b.return_date.is_none() => Slot::ReturnDate,
        _ => Slot::DepartureDate,
    }
}

pub fn fill(b: &mut Booking, recent: &mut Option<Slot>, u: &Understanding, today: Date) -> Outcome {
    let mut out = Outcome::default();
    // What was there before, to tell a first answer from a change (cheap parts only: this
    // runs every turn).
    let code = |p: &Option<Place>| p.as_ref().map(|p| p.code.clone());
    let before = (
        code(&b.origin),
        code(&b.destination),
        b.departure_date,
        b.return_date,
        b.cabin,
        b.trip_type,
        (b.passengers_given, b.passengers),
    );
    let mut route: (Option<String>, Option<String>) = (None, None);
    let mut details: Vec<String> = Vec::new();

    if let Some(said) = &u.name {
        // "Mike", then "Brennan" when asked for the last name: one name, both parts.
        let name = match b.name.as_deref() {
            Some(first) if !first.contains(' ') && !said.contains(' ') && first != said => {
                format!("{first} {said}")
            }
            _ => said.clone(),
        };
        if b.name.as_deref() != Some(name.as_str()) {
            let first = name.split(' ').next().unwrap_or(&name);
            match b.name.as_deref() {
                None => out.acks.push(format!("Nice to meet you, {first}.")),
                Some(before) if name.starts_with(before) => {
                    out.acks.push(format!("Thank you, {name}."))
                }
                Some(_) => out.acks.push(format!("Okay, {first}.")),
            }
            b.name = Some(name.clone());
            *recent = Some(Slot::Name);
            out.changed = true;
        }
    }

    if let Some(t) = u.trip_type {
        if b.trip_type != Some(t) {
            b.trip_type = Some(t);
            if t == TripType::OneWay && b.return_date.take().is_some() {
                details.push("one way, so no return date".to_string());
            } else {
                details.push(t.spoken().to_string());
            }
            *recent = Some(Slot::TripType);
            out.changed = true;
        }
    }

    let mut origin = u.origin.clone();
    let mut destination = u.destination.clone();
    if let Some(p) = &u.place {
        match place_slot(b, *recent, u) {
            Slot::Origin if origin.is_none() => origin = Some(p.clone()),
            _ if destination.is_none() => destination = Some(p.clone()),
            _ => {}
        }
    }
    for (slot, value) in [(Slot::Origin, origin), (Slot::Destination, destination)] {
        let Some(value) = value else { continue };
        match value {
            Err(e) => out.problems.push(place_problem(&e)),
            Ok(place) => {
                let other = if slot == Slot::Origin { &b.destination } else { &b.origin };
                // "I'm leaving from Austin" when Austin is where Alex has them going: they
                // were heard the wrong way round; the two ends swap.
                let mine = if slot == Slot::Origin { &b.origin } else { &b.destination };
                // Only "from X": "back to X" names the origin again on a round trip.
                let backwards = slot == Slot::Origin
                    && (u.correction_target == Some(slot) || explicit_end(u, slot));
                if backwards
                    && mine.is_some()
                    && other.as_ref().is_some_and(|o| same_place(o, &place))
                {
                    std::mem::swap(&mut b.origin, &mut b.destination);
                    if let (Some(o), Some(d)) = (&b.origin, &b.destination) {
                        route = (Some(o.name.clone()), Some(d.name.clone()));
                    }
                    *recent = Some(slot);
                    out.changed = true;
                    continue;
                }
                // "I come back to Houston": the way home, not a new destination.
                // (The words are read only when the place is the other end.)
                let coming_back = || {
                    slot == Slot::Destination
                        && crate::text::keys(&u.cleaned)
                            .iter()
                            .any(|w| matches!(w.as_str(), "back" | "return" | "returning" | "home"))
                };
                if other.as_ref().is_some_and(|o| same_place(o, &place)) && coming_back() {
                    continue;
                }
                if other.as_ref().is_some_and(|o| same_place(o, &place)) {
                    out.problems.push(format!(
                        "You're already {} {}, so the {} needs to be somewhere else.",
                        if slot == Slot::Origin { "flying to" } else { "flying from" },
                        place.name,
                        if slot == Slot::Origin { "departure city" } else { "destination" }
                    ));
                    continue;
                }
                let target = if slot == Slot::Origin { &mut b.origin } else { &mut b.destination };
                if target.as_ref() != Some(&place) {
                    if slot == Slot::Origin {
                        route.0 = Some(place.name.clone());
                    } else {
                        route.1 = Some(place.name.clone());
                    }
                    *target = Some(place);
                    *recent = Some(slot);
                    out.changed = true;
                }
            }
        }
    }

    // Dates: an uncued one goes where the dialogue's memory says.
    let mut departure = u.departure_date.clone();
    let mut ret = u.return_date.clone();
    if let Some(expr) = &u.date {
        match date_slot(b, *recent, u) {
            Slot::ReturnDate if ret.is_none() => {
                ret =
                    Some(expr.resolve(
                        today,
                        departure.clone().and_then(Result::ok).or(b.departure_date),
                    ));
            }
            _ if departure.is_none() => departure = Some(expr.resolve(today, None)),
            _ => {}
        }
    }
    if let Some(d) = departure {
        match d {
            Err(e) => out.problems.push(e.message),
            Ok(d) => {
                if b.departure_date != Some(d) {
                    b.departure_date = Some(d);
                    details.push(format!("leaving {}", dates::spoken(d)));
                    *recent = Some(Slot::DepartureDate);
                    out.changed = true;
                    if b.return_date.is_some_and(|r| r < d) {
                        b.return_date = None;
                        out.problems.push(
                            "Your return date was before that, so I'll need a new one.".to_string(),
                        );
                    }
                }
            }
        }
    }
    if let Some(r) = ret {
        match validate_return(r, b.departure_date) {
            Err(e) => out.problems.push(e.message),
            Ok(r) => {
                if b.return_date != Some(r) {
                    b.return_date = Some(r);
                    if b.trip_type != Some(TripType::RoundTrip) {
                        b.trip_type = Some(TripType::RoundTrip);
                    }
                    details.push(format!("returning {}", dates::spoken(r)));
                    *recent = Some(Slot::ReturnDate);
                    out.changed = true;
                }
            }
        }
    }

    b.others_mentioned |= u.others_mentioned;
    if let Some(part) = u.departure_part {
        if b.departure_part != Some(part) {
            b.departure_part = Some(part);
            out.changed = true;
        }
    }
    if let Some(n) = u.passengers {
        if n == 0 {
            out.problems.push("I'll need at least one passenger.".to_string());
        } else if n > MAX_PASSENGERS {
            out.problems.push(format!(
                "I can book up to nine passengers at a time; for a group of {n}, United's group \
                 desk can help."
            ));
        } else if b.passengers != n || !b.passengers_given {
            let changed_count = b.passengers != n;
            b.passengers = n;
            b.passengers_given = true;
            *recent = Some(Slot::Passengers);
            details.push(format!("for {}", reply::passengers_phrase(n)));
            out.changed |= changed_count;
            out.changed = true;
        }
    }

    if let Some(c) = u.cabin {
        if b.cabin != Some(c) {
            b.cabin = Some(c);
            details.push(format!("in {}", c.spoken()));
            *recent = Some(Slot::Cabin);
            out.changed = true;
        }
    }

    let mut parts = Vec::new();
    match route {
        (Some(o), Some(d)) => parts.push(format!("from {o} to {d}")),
        (Some(o), None) => parts.push(format!("from {o}")),
        (None, Some(d)) => parts.push(format!("to {d}")),
        (None, None) => {}
    }
    parts.extend(details);
    if !parts.is_empty() {
        // "Okay, changed:" only when something said before was replaced; a first answer,
        // even with "actually" in it, is "Got it".
        let replaced = |was: bool, same: bool| was && !same;
        let (origin, destination, departure, ret, cabin, trip, (given, count)) = &before;
        let changed_earlier = replaced(origin.is_some(), *origin == code(&b.origin))
            || replaced(destination.is_some(), *destination == code(&b.destination))
            || replaced(departure.is_some(), *departure == b.departure_date)
            || replaced(ret.is_some(), *ret == b.return_date)
            || replaced(cabin.is_some(), *cabin == b.cabin)
            || replaced(trip.is_some(), *trip == b.trip_type)
            || replaced(*given, *count == b.passengers);
        let lead = if changed_earlier { "Okay, changed:" } else { "Got it," };
        out.acks.push(format!("{lead} {}.", reply::join_and(&parts)));
    }
    out.parts = parts;
    out
}

/// True when the caller named this end of the trip with a cue ("from Austin", "to Denver"),
/// rather than Alex guessing which end a bare place belongs to.
fn explicit_end(u: &Understanding, slot: Slot) -> bool {
    match slot {
        Slot::Origin => u.origin.is_some(),
        Slot::Destination => u.destination.is_some(),
        _ => false,
    }
}

/// A return date must not be before the departure (the parser checks this when it knows the
/// departure; this covers a departure given later or changed).
fn validate_return(r: Result<Date, DateError>, departure: Option<Date>) -> Result<Date, DateError> {
    let r = r?;
    match departure {
        Some(d) if r < d => Err(DateError {
            kind: dates::DateErrorKind::BeforeDeparture,
            message: format!("The return can't be before the departure on {}.", dates::spoken(d)),
        }),
        _ => Ok(r),
    }
}
