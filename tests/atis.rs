//! One-utterance extraction measured on the ATIS training split (tests/data/atis.train.iob,
//! copied from the shared ATIS material): precision and recall of origin, destination, trip
//! type and cabin from the rules alone. Prints the table; fails below the agreed floors.
//! Misses are written to target/atis-misses.txt for reading.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use united_voice::places::{self, Place};
use united_voice::understand::{understand, Context};
use united_voice::{Cabin, Date, TripType};

/// Gold slots of one ATIS sentence.
#[derive(Default, Debug)]
struct Gold {
    text: String,
    origin: Option<String>,
    destination: Option<String>,
    trip: Option<TripType>,
    cabin: Option<Cabin>,
}

fn parse_line(line: &str) -> Option<Gold> {
    let (words, tags) = line.split_once('\t')?;
    let words: Vec<&str> = words.split_whitespace().collect();
    let tags: Vec<&str> = tags.split_whitespace().collect();
    // words: BOS ... EOS ; tags: O ... intent (the last tag is the intent label)
    let inner = &words[1..words.len() - 1];
    let inner_tags = &tags[1..words.len() - 1];
    let mut spans: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut current: Option<(String, Vec<&str>)> = None;
    let flush = |c: &mut Option<(String, Vec<&str>)>, spans: &mut BTreeMap<&str, Vec<String>>| {
        if let Some((label, ws)) = c.take() {
            let key: &'static str = match label.as_str() {
                "fromloc.city_name" | "fromloc.airport_name" => "from",
                "toloc.city_name" | "toloc.airport_name" => "to",
                "round_trip" => "trip",
                "class_type" => "class",
                _ => return,
            };
            spans.entry(key).or_default().push(ws.join(" "));
        }
    };
    for (w, t) in inner.iter().zip(inner_tags) {
        if let Some(label) = t.strip_prefix("B-") {
            flush(&mut current, &mut spans);
            current = Some((label.to_string(), vec![w]));
        } else if let Some(label) = t.strip_prefix("I-") {
            match &mut current {
                Some((l, ws)) if l == label => ws.push(w),
                _ => {
                    flush(&mut current, &mut spans);
                    current = Some((label.to_string(), vec![w]));
                }
            }
        } else {
            flush(&mut current, &mut spans);
        }
    }
    flush(&mut current, &mut spans);
    let first = |k: &str| spans.get(k).and_then(|v| v.first().cloned());
    Some(Gold {
        text: inner.join(" "),
        origin: first("from"),
        destination: first("to"),
        trip: first("trip").and_then(|t| match t.as_str() {
            "round trip" | "return" => Some(TripType::RoundTrip),
            "one way" => Some(TripType::OneWay),
            _ => None,
        }),
        cabin: first("class").and_then(|c| match c.as_str() {
            "first class" | "first" => Some(Cabin::First),
            "business" | "business class" => Some(Cabin::Business),
            "coach" | "economy" | "economy class" | "coach class" | "thrift" => {
                Some(Cabin::Economy)
            }
            _ => None,
        }),
    })
}

#[derive(Default)]
struct Score {
    gold: usize,
    predicted: usize,
    correct: usize,
}

impl Score {
    fn add(&mut self, gold: bool, predicted: bool, correct: bool) {
        self.gold += usize::from(gold);
        self.predicted += usize::from(predicted);
        self.correct += usize::from(correct);
    }
    fn precision(&self) -> f64 {
        self.correct as f64 / self.predicted.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.correct as f64 / self.gold.max(1) as f64
    }
}

fn same_place(a: &Place, b: &Place) -> bool {
    a.code == b.code || a.airports.iter().any(|x| b.airports.contains(x))
}

#[test]
fn atis_extraction_figures() {
    let data = include_str!("data/atis.train.iob");
    let today = Date::from_ymd_opt(2026, 11, 27).unwrap();
    let context = Context::new(today);
    let (mut origin, mut destination, mut trip, mut cabin) =
        (Score::default(), Score::default(), Score::default(), Score::default());
    let mut misses = String::new();
    let mut sentences = 0;
    for line in data.lines() {
        let Some(gold) = parse_line(line) else { continue };
        sentences += 1;
        let u = understand(&gold.text, &context);
        for (score, gold_text, got, label) in [
            (&mut origin, &gold.origin, &u.origin, "origin"),
            (&mut destination, &gold.destination, &u.destination, "destination"),
        ] {
            // ATIS is a corpus of US trips: a gold city name shared with a place abroad ("st.
            // petersburg") is the US one.
            let gold_place = gold_text.as_deref().map(places::resolve).map(|r| match r {
                Err(places::PlaceError::Ambiguous { candidates, .. }) => {
                    places::only_one_in(&candidates, "US").ok_or(())
                }
                other => other.map_err(|_| ()),
            });
            let got_place = got.as_ref().and_then(|r| r.as_ref().ok());
            let correct = match (&gold_place, got_place) {
                (Some(Ok(g)), Some(p)) => same_place(g, p),
                _ => false,
            };
            score.add(gold_text.is_some(), got_place.is_some(), correct);
            if gold_text.is_some() != got_place.is_some() || (gold_text.is_some() && !correct) {
                let _ = writeln!(
                    misses,
                    "{label}\tgold={:?}\tgot={:?}\t{}",
                    gold_text,
                    got_place.map(|p| p.code.as_str()),
                    gold.text
                );
            }
        }
        trip.add(
            gold.trip.is_some(),
            u.trip_type.is_some(),
            gold.trip.is_some() && gold.trip == u.trip_type,
        );
        cabin.add(
            gold.cabin.is_some(),
            u.cabin.is_some(),
            gold.cabin.is_some() && gold.cabin == u.cabin,
        );
    }
    let _ = std::fs::create_dir_all("target");
    let _ = std::fs::write("target/atis-misses.txt", &misses);
    println!("ATIS train: {sentences} sentences");
    println!("slot         gold  predicted  correct  precision  recall");
    for (name, s) in [
        ("origin", &origin),
        ("destination", &destination),
        ("trip_type", &trip),
        ("cabin", &cabin),
    ] {
        println!(
            "{name:<12} {:>5} {:>10} {:>8} {:>9.1}% {:>6.1}%",
            s.gold,
            s.predicted,
            s.correct,
            100.0 * s.precision(),
            100.0 * s.recall()
        );
    }
    for (name, s) in [("origin", &origin), ("destination", &destination)] {
        assert!(
            s.precision() >= 0.97 && s.recall() >= 0.97,
            "{name} below 97%: see target/atis-misses.txt"
        );
    }
}
