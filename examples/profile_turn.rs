//! Runs one-breath understanding many times (for profilers: valgrind --tool=callgrind).
fn main() {
    let context = united_voice::understand::Context {
        today: united_voice::Date::from_ymd_opt(2026, 11, 27).unwrap(),
        expecting: Some(united_voice::understand::Slot::Name),
        departure_date: None,
    };
    let s = "Hi, I'm Priya Patel, round trip from San Francisco to New York December 18th back January 3rd";
    united_voice::places::preload();
    for _ in 0..200 {
        std::hint::black_box(united_voice::understand::understand(s, &context));
    }
}
