//! The conversation: states, what to ask next, transitions and reply wording.

use crate::booking::{Booking, BookingView};
use crate::dates::Date;
use crate::offers::Offer;
use crate::understand::{Intent, Tier};
use serde::{Deserialize, Serialize};

/// Where the conversation is. The snake_case names are stable (harness, JS API, UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum State {
    Greeting,
    CollectingName,
    CollectingOrigin,
    CollectingDestination,
    CollectingTripType,
    CollectingDepartureDate,
    CollectingReturnDate,
    CollectingPassengers,
    CollectingCabin,
    ConfirmingDetails,
    FlexibleSearch,
    PresentingOptions,
    ConfirmingSelection,
    BookingComplete,
    Cancelled,
    Error,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Greeting => "greeting",
            State::CollectingName => "collecting_name",
            State::CollectingOrigin => "collecting_origin",
            State::CollectingDestination => "collecting_destination",
            State::CollectingTripType => "collecting_trip_type",
            State::CollectingDepartureDate => "collecting_departure_date",
            State::CollectingReturnDate => "collecting_return_date",
            State::CollectingPassengers => "collecting_passengers",
            State::CollectingCabin => "collecting_cabin",
            State::ConfirmingDetails => "confirming_details",
            State::FlexibleSearch => "flexible_search",
            State::PresentingOptions => "presenting_options",
            State::ConfirmingSelection => "confirming_selection",
            State::BookingComplete => "booking_complete",
            State::Cancelled => "cancelled",
            State::Error => "error",
        }
    }
}

/// Inputs that make a conversation deterministic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationConfig {
    pub today: Date,
    pub seed: u64,
}

/// One exchange: what the caller said and what Alex answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Turn {
    pub user: String,
    pub reply: String,
    /// The reply split into sentences, so speech can start before the whole reply is synthesised.
    pub segments: Vec<String>,
    pub state: State,
    pub intent: Intent,
    pub tier: Tier,
    pub booking: BookingView,
    /// Offers on the table (when presenting options).
    pub offers: Vec<Offer>,
}

/// A whole call with Alex. Serializable: a snapshot restores it exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    config: ConversationConfig,
    state: State,
    booking: Booking,
}

impl Conversation {
    pub fn new(config: ConversationConfig) -> Self {
        Conversation { config, state: State::Greeting, booking: Booking::default() }
    }

    /// Alex's opening line.
    pub fn greeting(&self) -> String {
        "Hi, this is Alex with United Airlines. Who do I have the pleasure of speaking with?"
            .to_string()
    }

    pub fn state(&self) -> State {
        self.state
    }

    pub fn booking(&self) -> &Booking {
        &self.booking
    }

    /// Answer one caller utterance with the rules tier. Never panics, whatever the text.
    pub fn respond(&mut self, text: &str) -> Turn {
        let reply = self.greeting();
        Turn {
            user: text.to_string(),
            segments: vec![reply.clone()],
            reply,
            state: self.state,
            intent: Intent::Other,
            tier: Tier::Rules,
            booking: self.booking.view(),
            offers: Vec::new(),
        }
    }

    /// The whole conversation as a string (versioned JSON), for reload-safe sessions.
    pub fn snapshot(&self) -> String {
        serde_json::json!({"format": "united-voice/1", "conversation": self}).to_string()
    }

    /// Rebuild a conversation from [`Conversation::snapshot`]; corrupted or foreign text is an error.
    pub fn restore(snapshot: &str) -> Result<Conversation, SnapshotError> {
        let value: serde_json::Value =
            serde_json::from_str(snapshot).map_err(|e| SnapshotError::Corrupted(e.to_string()))?;
        if value.get("format").and_then(|f| f.as_str()) != Some("united-voice/1") {
            return Err(SnapshotError::Foreign);
        }
        let inner = value.get("conversation").cloned().unwrap_or(serde_json::Value::Null);
        serde_json::from_value(inner).map_err(|e| SnapshotError::Corrupted(e.to_string()))
    }
}

/// Why a snapshot could not be restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotError {
    Corrupted(String),
    Foreign,
}

impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SnapshotError::Corrupted(why) => write!(f, "snapshot is corrupted: {why}"),
            SnapshotError::Foreign => write!(f, "not a United Voice snapshot"),
        }
    }
}

impl std::error::Error for SnapshotError {}
