//! Date parsing speed: a phrase must parse in well under 10 µs (it runs on every utterance).
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use united_voice::dates::{find_dates, parse_date, Date};

/// (phrase, is a return date: resolved after a December 18th departure).
const PHRASES: [(&str, bool); 6] = [
    ("next friday", false),
    ("December 15th", false),
    ("the twenty-first of december", false),
    ("a week later", true),
    ("12/15/2026", false),
    ("the day after Thanksgiving", false),
];

const SENTENCE: &str = "um so i'd like a round trip from san francisco to new york leaving on \
    december 18th in the morning with two passengers in economy and coming back the following \
    sunday or maybe january 3rd if that is cheaper, the 8 am flight is fine";

fn bench(c: &mut Criterion) {
    let today = Date::from_ymd_opt(2026, 11, 27).unwrap_or_default();
    let departure = Date::from_ymd_opt(2026, 12, 18);
    for (phrase, is_return) in PHRASES {
        let after = departure.filter(|_| is_return);
        c.bench_function(&format!("parse_date {phrase}"), |b| {
            b.iter(|| parse_date(black_box(phrase), today, after))
        });
    }
    c.bench_function("find_dates sentence", |b| b.iter(|| find_dates(black_box(SENTENCE))));
}

criterion_group!(benches, bench);
criterion_main!(benches);
