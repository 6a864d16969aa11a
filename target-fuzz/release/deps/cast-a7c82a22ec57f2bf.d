/work/main/target-fuzz/release/deps/cast-a7c82a22ec57f2bf.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/cast-0.3.0/src/lib.rs

/work/main/target-fuzz/release/deps/libcast-a7c82a22ec57f2bf.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/cast-0.3.0/src/lib.rs

/work/main/target-fuzz/release/deps/libcast-a7c82a22ec57f2bf.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/cast-0.3.0/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/cast-0.3.0/src/lib.rs:
