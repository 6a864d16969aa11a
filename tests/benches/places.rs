//! Place resolution speed: every lookup kind, including the misspelling path and an unknown
//! word (which searches the most), and `find_places` on a full utterance.
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use united_voice::places::{find_places, resolve};

fn bench(c: &mut Criterion) {
    // Build the table once, outside the measurements.
    let _ = resolve("warm up");
    let cases = [
        ("resolve/city", "san francisco"),
        ("resolve/metro", "chicago"),
        ("resolve/airport_name", "o'hare"),
        ("resolve/code", "JFK"),
        ("resolve/city_state", "portland oregon"),
        ("resolve/misspelling", "cincinatti"),
        ("resolve/misspelling_two_words", "los angelos"),
        ("resolve/unknown_word", "atlantis"),
        ("resolve/person", "priya patel"),
    ];
    for (name, text) in cases {
        c.bench_function(name, |b| b.iter(|| resolve(black_box(text))));
    }
    c.bench_function("find_places/sentence", |b| {
        b.iter(|| {
            find_places(black_box(
                "two of us flying business class from washington dulles to london next friday",
            ))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
