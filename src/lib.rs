//! # United Voice
//!
//! The conversation brain of "Alex", a United Airlines voice booking agent. The same crate runs
//! natively (tests, benchmarks, the `united-voice` JSON-lines harness) and in the browser as
//! WebAssembly (the `src/wasm` facade, compiled only for `wasm32`).
//!
//! Data flows one way: the caller's words go through [`understand`] (speech-error fixes, rules,
//! optionally a checked LLM answer), then [`dialogue`] updates the [`booking::Booking`] and
//! words a short spoken reply, which the app speaks through the [`audio_queue`].
//!
//! Everything below the facade is pure and deterministic: "today", the offer seed and the time
//! are inputs, so every behaviour is testable with `cargo test`, and a conversation is restored
//! by replaying its turns.

pub mod audio_queue;
pub mod booking;
pub mod case;
pub mod dates;
pub mod dialogue;
/// The JSON-lines harness behind `united-voice` (native only: it reads stdin, prints stdout).
#[cfg(not(target_arch = "wasm32"))]
pub mod harness;
pub mod json;
pub mod offers;
pub mod places;
pub mod short_sort;
pub mod understand;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use booking::{Booking, BookingView, Cabin, TripType};
pub use dates::{Date, DateError, DateErrorKind};
pub use dialogue::{Conversation, ConversationConfig, State, Turn};
pub use places::{Place, PlaceError, PlaceKind};
pub use understand::{Intent, Understanding};
