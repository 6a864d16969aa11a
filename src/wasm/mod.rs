//! The wasm-bindgen facade (SCAFFOLD: filled in by the wasm package work).
