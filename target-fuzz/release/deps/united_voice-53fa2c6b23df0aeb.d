/work/main/target-fuzz/release/deps/united_voice-53fa2c6b23df0aeb.d: src/bin/united-voice.rs

/work/main/target-fuzz/release/deps/united_voice-53fa2c6b23df0aeb: src/bin/united-voice.rs

src/bin/united-voice.rs:
