/work/main/target-fuzz/release/deps/fnv-c8ecbf8ddea13e38.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/fnv-1.0.7/lib.rs

/work/main/target-fuzz/release/deps/libfnv-c8ecbf8ddea13e38.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/fnv-1.0.7/lib.rs

/work/main/target-fuzz/release/deps/libfnv-c8ecbf8ddea13e38.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/fnv-1.0.7/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/fnv-1.0.7/lib.rs:
