//! Every airport with scheduled service and an IATA code in the source data
//! (`tests/data/scheduled_airports.tsv`, written by `src/places/generate.py`) is in the table
//! and resolves by its code and by the name of its town: to itself, to the place that holds it
//! (its metro), to its town's main airport, or, where several towns share the name, with it
//! among the candidates Alex reads out. Where a clearly bigger namesake wins ("London" is
//! not London, Ontario) the town with its state or country does ("London, Ontario"). A small
//! airport whose town is an ordinary English word ("Banana", "Trail") is not named by that
//! word alone (see the places module doc), only by its code.

#![cfg(not(target_arch = "wasm32"))]

use united_voice::places::{airport, resolve, Place, PlaceError, PlaceKind};

const LIST: &str = include_str!("data/scheduled_airports.tsv");

/// (code, town, state or country).
fn listed() -> Vec<(&'static str, &'static str, &'static str)> {
    LIST.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut fields = l.split('\t');
            Some((fields.next()?, fields.next()?, fields.next().unwrap_or_default()))
        })
        .collect()
}

/// The town an airport serves, as the table stores it (its first name).
fn main_town(code: &str) -> String {
    airport(code)
        .map(|a| a.city.split('|').next().unwrap_or_default().to_lowercase())
        .unwrap_or_default()
}

/// How far (km) an airport of the same country may be and still serve the town: Frankfurt's
/// main airport for "Frankfurt am Main" (Hahn), Havana's for a Havana airfield.
const SAME_AREA_KM: f64 = 150.0;

fn km((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = ((lat2 - lat1).to_radians(), (lon2 - lon1).to_radians());
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// The place serves the airport's town: holds the airport, or is an airport of the same town
/// (a town's smaller airports give way to its main one) or of the same area.
fn serves(place: &Place, code: &str) -> bool {
    let Some(wanted) = airport(code) else { return false };
    place.airports.iter().any(|c| {
        c == code
            || airport(c).is_some_and(|a| {
                a.country == wanted.country
                    && ((a.region == wanted.region && main_town(c) == main_town(code))
                        || km((a.lat, a.lon), (wanted.lat, wanted.lon)) <= SAME_AREA_KM)
            })
    })
}

#[test]
fn every_scheduled_airport_is_in_the_table_and_resolves_by_its_code() {
    let listed = listed();
    assert!(listed.len() > 3900, "{} airports listed", listed.len());
    let missing: Vec<&str> =
        listed.iter().map(|(c, _, _)| *c).filter(|c| airport(c).is_none()).collect();
    assert!(missing.is_empty(), "not in the table: {missing:?}");
    for (code, _, _) in &listed {
        let place = resolve(code).unwrap_or_else(|e| panic!("{code}: {e:?}"));
        assert_eq!((place.code.as_str(), place.kind), (*code, PlaceKind::Airport));
    }
}

fn resolves_to(text: &str, code: &str) -> bool {
    match resolve(text) {
        Ok(place) => serves(&place, code),
        Err(PlaceError::Ambiguous { candidates, .. }) => candidates.iter().any(|p| serves(p, code)),
        Err(PlaceError::Unknown { .. }) => false,
    }
}

#[test]
fn every_scheduled_airport_resolves_by_its_town() {
    let listed = listed();
    let (mut by_town, mut qualified, mut failed) = (0, Vec::new(), Vec::new());
    for (code, town, area) in &listed {
        if resolves_to(town, code) {
            by_town += 1;
        } else if resolves_to(&format!("{town}, {area}"), code) {
            qualified.push(*code);
        } else {
            failed.push((*code, *town, resolve(town)));
        }
    }
    eprintln!(
        "{} airports: {by_town} by their town, {} with its state or country ({qualified:?}), {} \
         by code only",
        listed.len(),
        qualified.len(),
        failed.len()
    );
    // What is left is the ordinary-word guard (one-word towns that stay unknown alone), and a
    // few towns whose name is also another airport's code or name ("Nan" is Nadi's code NAN,
    // "Xinzhou" the name of Zunyi Xinzhou airport): at most one in a thousand.
    let unexplained: Vec<_> = failed
        .iter()
        .filter(|(_, town, result)| {
            town.contains(' ') || !matches!(result, Err(PlaceError::Unknown { .. }))
        })
        .collect();
    eprintln!("named by another airport: {unexplained:?}");
    assert!(unexplained.len() * 1000 <= listed.len(), "{unexplained:?}");
    assert!(failed.len() * 100 < listed.len(), "{} by code only: {failed:?}", failed.len());
}
