/work/main/target-fuzz/release/deps/oorandom-9fc0fd87b7f23baa.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/oorandom-11.1.5/src/lib.rs

/work/main/target-fuzz/release/deps/liboorandom-9fc0fd87b7f23baa.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/oorandom-11.1.5/src/lib.rs

/work/main/target-fuzz/release/deps/liboorandom-9fc0fd87b7f23baa.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/oorandom-11.1.5/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/oorandom-11.1.5/src/lib.rs:
