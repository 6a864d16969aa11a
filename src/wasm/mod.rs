//! The wasm-bindgen facade: the JavaScript API of the `united-voice` npm package.
//!
//! Everything here is edge code: it reads the browser's clock and randomness (defaults only),
//! talks HTTP to the proxy, and converts between Rust and JS values. The conversation logic stays
//! in the pure core; this module only adapts it.
//!
//! - [`Agent`]: one call (greeting, respond, hear, snapshot/restore); the LLM tier runs here
//!   when enabled: the conversation prepares the request, [`proxy::ask_model`] sends it.
//! - [`parse_date`], [`resolve_place`], [`understand`]: one-shot lookups for the UI.
//! - [`AudioQueue`]: the playback-order logic the app's Web Audio code obeys.
//! - [`VoiceActivity`]: hands-free turns (voice activity, barge-in, re-prompts) from the
//!   microphone's samples; [`transcribe`] and [`silence_prompt`] beside it.
//!
//! Values cross the boundary as plain JS objects, shaped like the harness JSON (missing values
//! as `null`); their TypeScript types come from the Rust types through tsify. Errors are JS
//! `Error`s with a message.

//!
//! Built with `--features ear`, the same crate gives the separate `ear` package instead
//! (`pkg/ear`: only `VoiceActivity`; `ear.rs` says why it is separate).

#[cfg(not(feature = "ear"))]
mod agent;
#[cfg(not(feature = "ear"))]
mod audio;
#[cfg(feature = "ear")]
pub mod ear;
#[cfg(not(feature = "ear"))]
mod lookups;
// The ear package reads only some kinds of option.
#[cfg_attr(feature = "ear", allow(dead_code))]
mod options;
#[cfg(not(feature = "ear"))]
pub mod proxy;
#[cfg(not(feature = "ear"))]
mod voice;

#[cfg(not(feature = "ear"))]
pub use crate::understand::view::{Problem, UnderstandingView};
#[cfg(not(feature = "ear"))]
pub use agent::{Agent, AgentOptions, Tiers};
#[cfg(not(feature = "ear"))]
pub use audio::{ActionList, AudioQueue, AudioQueueConfig};
#[cfg(not(feature = "ear"))]
pub use lookups::{
    parse_date, resolve_place, understand, warm_up, DateResult, PlaceErrorKind, PlaceResult,
};
#[cfg(not(feature = "ear"))]
pub use voice::{silence_prompt, transcribe, SttFailure, Transcript};

use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

/// Talc instead of Rust's default dlmalloc: smaller (measured below) and faster in wasm.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Installed once when the module is instantiated, so a Rust panic shows up in the console
/// with its message instead of an opaque `unreachable` trap.
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

#[cfg(not(feature = "ear"))]
#[wasm_bindgen(typescript_custom_section)]
const TS_ALIASES: &'static str = r#"
/** A calendar date "YYYY-MM-DD" (the Rust `Date`). Shadows the global `Date` in this file only. */
export type Date = string;
/** The public booking JSON (same shape as the harness's BOOKING). */
export type Booking = BookingView;
"#;

/// Rust value -> plain JS object, shaped like the harness JSON (`null` for missing values,
/// maps as objects).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, js_sys::Error> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error(&format!("could not convert a value for JavaScript: {e}")))
}

/// Rust value -> its tsify-typed JS handle.
pub(crate) fn to_ts<T: Serialize + Tsify>(value: &T) -> Result<Ts<T>, js_sys::Error> {
    to_js(value).map(Ts::new_unchecked)
}

/// A JS `Error` (not a bare string) so callers get a stack and `instanceof Error` holds.
pub(crate) fn js_error(message: &str) -> js_sys::Error {
    js_sys::Error::new(message)
}

/// Parse a "YYYY-MM-DD" argument, naming the argument in the error.
#[cfg(not(feature = "ear"))]
pub(crate) fn date_arg(name: &str, text: &str) -> Result<crate::dates::Date, js_sys::Error> {
    // Our own reader, not chrono's FromStr: no general format parser in the wasm.
    crate::dates::iso::parse(text).ok_or_else(|| {
        let shown: String = text.chars().take(40).collect();
        js_error(&format!("{name} must be a date \"YYYY-MM-DD\", got {shown:?}"))
    })
}

/// `State` is written by `wire_names!` (one name table; its TypeScript union is emitted there),
/// not derived: this only ties the Rust type to that union for `Ts<State>`.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "State")]
    pub type JsState;
}

impl Tsify for crate::dialogue::State {
    type JsType = JsState;
    const DECL: &'static str = "";
}
