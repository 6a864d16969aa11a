//! Coverage of the place names in the ATIS training split: every distinct `*.city_name` and
//! `*.airport_name` value (extracted once into tests/data/atis_cities.txt) must resolve.

use united_voice::places::{find_places, resolve, PlaceError};

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

/// `find_places` over a committed sample of ATIS sentences (every 20th line of the training
/// split): the tagged place spans are found, and little else outside ordinary-word mentions.
#[test]
fn atis_sentences_find_their_places() {
    let sample = include_str!("data/atis_places_sample.iob");
    let (mut gold_total, mut found_gold, mut extra, mut lines) = (0, 0, Vec::new(), 0);
    for line in sample.lines() {
        let Some((words, tags)) = line.split_once('\t') else { continue };
        let mut words: Vec<&str> = words.split_whitespace().collect();
        let mut tags: Vec<&str> = tags.split_whitespace().collect();
        tags.pop(); // the intent
        if tags.len() + 1 == words.len() {
            words.pop(); // EOS without a tag
        }
        if words.len() != tags.len() || words.len() < 2 {
            continue;
        }
        lines += 1;
        let (words, tags) = (&words[1..], &tags[1..]); // drop BOS
        let sentence = words.join(" ");
        let mut gold = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let place_tag = tags[i].strip_prefix("B-").filter(|t| {
                t.ends_with("city_name")
                    || t.ends_with("airport_name")
                    || t.ends_with("airport_code")
            });
            let Some(tag) = place_tag else {
                i += 1;
                continue;
            };
            let mut j = i + 1;
            while j < words.len() && tags[j].strip_prefix("I-") == Some(tag) {
                j += 1;
            }
            gold.push(words[i..j].join(" "));
            i = j;
        }
        let found = find_places(&sentence);
        let overlaps = |a: &str, b: &str| a.contains(b) || b.contains(a);
        for g in &gold {
            gold_total += 1;
            if found.iter().any(|m| overlaps(&sentence[m.start..m.end], g)) {
                found_gold += 1;
            }
        }
        for m in found.iter().filter(|m| !m.common_word) {
            let span = &sentence[m.start..m.end];
            if !gold.iter().any(|g| overlaps(span, g)) {
                extra.push(span.to_string());
            }
        }
    }
    eprintln!(
        "ATIS sample: {lines} sentences, {found_gold}/{gold_total} places found, extra {extra:?}"
    );
    assert!(lines > 200);
    assert!(found_gold * 100 >= gold_total * 99, "{found_gold}/{gold_total}");
    assert!(extra.len() * 100 <= gold_total, "{extra:?}");
}
