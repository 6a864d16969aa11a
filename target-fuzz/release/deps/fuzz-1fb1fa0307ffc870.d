/work/main/target-fuzz/release/deps/fuzz-1fb1fa0307ffc870.d: tests/fuzz.rs tests/fuzz/engine.rs

/work/main/target-fuzz/release/deps/fuzz-1fb1fa0307ffc870: tests/fuzz.rs tests/fuzz/engine.rs

tests/fuzz.rs:
tests/fuzz/engine.rs:

# env-dep:CARGO_MANIFEST_DIR=/work/wt-fuzz
