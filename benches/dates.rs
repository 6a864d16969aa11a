//! Date parsing speed: a phrase must parse in well under 10 µs (it runs on every utterance).
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use united_voice::dates::{find_dates, parse_date, Date};

const PHRASES: [&str; 6] = [
    "next friday",
    "December 15th",
    "the twenty-first of december",
    "a week later",
    "12/15/2026",
    "the day after Thanksgiving",
];

const SENTENCE: &str = "um so i'd like a round trip from san francisco to new york leaving on \
    december 18th in the morning with two passengers in economy and coming back the following \
    sunday or maybe january 3rd if that is cheaper, the 8 am flight is fine";

fn bench(c: &mut Criterion) {
    let today = Date::from_ymd_opt(2026, 11, 27).unwrap_or_default();
    let departure = Date::from_ymd_opt(2026, 12, 18);
    for phrase in PHRASES {
        c.bench_function(&format!("parse_date {phrase}"), |b| {
            b.iter(|| parse_date(black_box(phrase), today, departure))
        });
    }
    c.bench_function("find_dates sentence", |b| b.iter(|| find_dates(black_box(SENTENCE))));
}

criterion_group!(benches, bench);
criterion_main!(benches);
