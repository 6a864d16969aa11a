//! One conversation turn on the rules tier (target: median under 50 µs native).
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use united_voice::{Conversation, ConversationConfig, Date};

fn bench(c: &mut Criterion) {
    let config = ConversationConfig { today: Date::from_ymd_opt(2026, 11, 27).unwrap(), seed: 7 };
    let mut group = c.benchmark_group("turn");
    group.bench_function("one_breath_request", |b| {
        b.iter_batched(
            || Conversation::new(config),
            |mut conv| {
                black_box(conv.respond(black_box(
                    "Hi, I'm Priya Patel, round trip from San Francisco to New York December 18th back January 3rd",
                )))
            },
            criterion::BatchSize::SmallInput,
        )
    });
    let mut at_cabin = Conversation::new(config);
    at_cabin.respond("I'm Priya Patel, one way from Chicago to Denver next Friday");
    group.bench_function("short_answer", |b| {
        b.iter_batched(
            || at_cabin.clone(),
            |mut conv| black_box(conv.respond(black_box("business class please"))),
            criterion::BatchSize::SmallInput,
        )
    });
    let mut at_summary = at_cabin.clone();
    at_summary.respond("economy");
    group.bench_function("search_and_read_options", |b| {
        b.iter_batched(
            || at_summary.clone(),
            |mut conv| black_box(conv.respond(black_box("yes"))),
            criterion::BatchSize::SmallInput,
        )
    });
    // Restoring replays the journal: a whole call, greeting to the read-back before booking
    // (placing the booking is the store's errand, outside the core).
    let mut booked = Conversation::new(config);
    for said in [
        "Hi, I'm Priya Patel",
        "from Chicago",
        "to Denver",
        "one way",
        "next Friday",
        "economy",
        "yes",
        "the first one",
        "yes",
        "April 2nd 1988",
        "female",
        "priya@example.com",
    ] {
        booked.respond(said);
    }
    assert_eq!(booked.state(), united_voice::State::ConfirmingSelection);
    let snapshot = booked.snapshot();
    group.bench_function("restore_a_whole_booking", |b| {
        b.iter(|| black_box(Conversation::restore(black_box(&snapshot))))
    });
    group.finish();

    // Where a one-breath turn's time goes.
    let sentence = "Hi, I'm Priya Patel, round trip from San Francisco to New York December 18th back January 3rd";
    let context = united_voice::understand::Context::expecting(
        config.today,
        Some(united_voice::understand::Slot::Name),
    );
    let mut parts = c.benchmark_group("turn_parts");
    parts.bench_function("understand", |b| {
        b.iter(|| black_box(united_voice::understand::understand(black_box(sentence), &context)))
    });
    parts.bench_function("find_places", |b| {
        b.iter(|| black_box(united_voice::places::find_places(black_box(sentence))))
    });
    parts.bench_function("find_dates", |b| {
        b.iter(|| black_box(united_voice::dates::find_dates(black_box(sentence))))
    });
    let answer = "```json\n{\"intent\": \"provide_info\", \"confidence\": 0.9, \"entities\": {\"origin\": \"Chicago\", \"departure_date\": \"December 11th\"}}\n```";
    parts.bench_function("llm_parse_answer", |b| {
        b.iter(|| black_box(united_voice::understand::llm::parse_answer(black_box(answer))))
    });
    // The whole post-processing of a model answer for an utterance the rules were unsure of:
    // parse, check each value against the caller's words, merge under the rules, injection
    // guard (what a turn does with the model's raw text).
    use united_voice::understand::llm::{self, CircuitBreaker, LlmConfig, LlmOutcome};
    let unsure = "hmm we kinda wanna get out of chicago around the 11th i guess";
    let unsure_context = united_voice::understand::Context::expecting(
        config.today,
        Some(united_voice::understand::Slot::Origin),
    );
    let rules = united_voice::understand::understand(unsure, &unsure_context);
    let llm_config = LlmConfig::default();
    parts.bench_function("llm_decide", |b| {
        b.iter_batched(
            || (rules.clone(), CircuitBreaker::new(&llm_config)),
            |(rules, mut breaker)| {
                black_box(llm::decide(
                    rules,
                    &unsure_context,
                    unsure,
                    Some(LlmOutcome::Answer(answer.to_string())),
                    &mut breaker,
                    1_000,
                    &llm_config,
                ))
            },
            criterion::BatchSize::SmallInput,
        )
    });
    let template = "Great, Priya: Chicago to Denver on Friday, December 4th, one passenger, $412.";
    let reworded = "{\"reply\": \"Perfect, Priya: Chicago to Denver on Friday, December 4th, one passenger, $412.\"}";
    parts.bench_function("llm_polished", |b| {
        b.iter(|| black_box(llm::polished(black_box(template), black_box(reworded))))
    });
    parts.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
