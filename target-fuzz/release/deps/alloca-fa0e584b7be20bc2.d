/work/main/target-fuzz/release/deps/alloca-fa0e584b7be20bc2.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/alloca-0.4.0/src/lib.rs

/work/main/target-fuzz/release/deps/liballoca-fa0e584b7be20bc2.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/alloca-0.4.0/src/lib.rs

/work/main/target-fuzz/release/deps/liballoca-fa0e584b7be20bc2.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/alloca-0.4.0/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/alloca-0.4.0/src/lib.rs:
