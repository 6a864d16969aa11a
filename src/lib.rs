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

/// One definition of a fieldless enum's wire names: `ALL`, `as_str`, `from_name`, serde by
/// those names, and (in the wasm build) the TypeScript union of them. A variant may carry a
/// unit value (`Collecting(Slot::Name)`); values the table does not list get the `unnamed`
/// name (states the dialogue never enters). The harness, the JS API
/// and the model's answers all read these, so a name can never differ between them.
macro_rules! wire_names {
    ($ty:ident { $($variant:ident $(($inner:path))? => $name:literal),+ $(,)? }
        $(unnamed => $unnamed:literal)?) => {
        impl $ty {
            /// Every value with a name, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant $(($inner))?),+];
            /// The stable snake_case name.
            pub fn as_str(self) -> &'static str {
                #[allow(unreachable_patterns)]
                match self { $($ty::$variant $(($inner))? => $name,)+ $(_ => $unnamed)? }
            }
            /// The value with this name, if any.
            pub fn from_name(name: &str) -> Option<$ty> {
                match name { $($name => Some($ty::$variant $(($inner))?),)+ _ => None }
            }
        }
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let name = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                $ty::from_name(&name)
                    .ok_or_else(|| serde::de::Error::unknown_variant(&name, &[$($name),+]))
            }
        }
        #[cfg(target_arch = "wasm32")]
        const _: () = {
            #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
            const TYPESCRIPT: &'static str = concat!(
                "export type ", stringify!($ty), " = never" $(, " | \"", $name, "\"")+, ";"
            );
        };
    };
}

pub mod audio_queue;
pub mod booking;
pub mod case;
pub mod dates;
pub mod dialogue;
pub mod geo;
/// The JSON-lines harness behind `united-voice` (native only: it reads stdin, prints stdout).
#[cfg(not(target_arch = "wasm32"))]
pub mod harness;
pub mod json;
pub mod offers;
pub mod places;
pub mod short_sort;
pub mod text;
pub mod trip;
pub mod understand;
pub mod voice;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use booking::{Booking, BookingView};
pub use dates::{Date, DateError, DateErrorKind};
pub use dialogue::{Conversation, ConversationConfig, State, Turn};
pub use places::{Place, PlaceError, PlaceKind};
pub use trip::{Cabin, OptionChoice, TripType};
pub use understand::{Intent, Understanding};
