//! Coverage of the place names in the ATIS training split: every distinct `*.city_name` and
//! `*.airport_name` value (extracted once into tests/data/atis_cities.txt) must resolve.

use united_voice::places::{resolve, PlaceError};

const NAMES: &str = include_str!("data/atis_cities.txt");

/// ATIS spans that name no current airport: annotation slips ("city in dallas"), Denver's
/// Stapleton (closed 1995), a misspelt "hartsfield".
const KNOWN_MISSES: &[&str] =
    &["city in dallas", "hartfield", "stapleton airport", "stapleton international airport"];

#[test]
fn atis_place_names_resolve() {
    let names: Vec<&str> = NAMES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').nth(1))
        .collect();
    assert!(names.len() >= 100, "{} names", names.len());
    let (mut resolved, mut ambiguous, mut unknown) = (0, Vec::new(), Vec::new());
    for name in &names {
        match resolve(name) {
            Ok(_) => resolved += 1,
            Err(PlaceError::Ambiguous { .. }) => ambiguous.push(*name),
            Err(PlaceError::Unknown { .. }) => unknown.push(*name),
        }
    }
    eprintln!(
        "ATIS: {} distinct names, {resolved} resolved, ambiguous {ambiguous:?}, unknown {unknown:?}",
        names.len()
    );
    assert!(unknown.iter().all(|u| KNOWN_MISSES.contains(u)), "unexpected misses: {unknown:?}");
    assert!(resolved * 100 >= names.len() * 93, "{resolved} of {}", names.len());
}

#[test]
fn atis_names_resolve_to_the_right_airports() {
    for (name, code) in [
        ("ontario", "ONT"),
        ("westchester county", "HPN"),
        ("kansas city", "MCI"),
        ("salt lake city", "SLC"),
        ("fort worth", "DFW"),
        ("dallas fort worth", "DFW"),
        ("st. paul", "MSP"),
        ("general mitchell international", "MKE"),
        ("st. louis", "STL"),
        ("tacoma", "SEA"),
        ("love field", "DAL"),
        ("city of boston", "BOS"),
        ("houston intercontinental", "IAH"),
        ("lester pearson airport", "YYZ"),
        ("burbank", "BUR"),
        ("la", "LAX"),
    ] {
        assert_eq!(resolve(name).map(|p| p.code).as_deref(), Ok(code), "{name}");
    }
    // St. Petersburg, Florida and St. Petersburg, Russia: Alex asks.
    match resolve("st. petersburg") {
        Err(PlaceError::Ambiguous { candidates, .. }) => {
            assert!(candidates.iter().any(|c| c.code == "PIE"));
        }
        other => panic!("{other:?}"),
    }
}
