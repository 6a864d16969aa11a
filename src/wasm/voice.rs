//! The voice helpers of the main package: `transcribe` (the server recogniser, with the reason
//! it failed so the app can fall back to another ear) and `silencePrompt` (what Alex says when
//! the caller is silent). The voice-activity class itself is in the separate `ear` package
//! (`ear.rs`), loaded when a call starts.

use super::proxy::{self, TranscribeFailure, TRANSCRIBE_TIMEOUT_MS};
use super::to_js;
use crate::dialogue::{form_slot, reply, State};
use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
use web_sys::Blob;

/// What the server recogniser made of a recording, or why it could not.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
#[serde(untagged)]
pub enum Transcript {
    Heard { text: String },
    Failed { failure: SttFailure, status: Option<u16> },
}

/// Why the server recogniser failed: the app tells the caller and falls back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum SttFailure {
    Timeout,
    Network,
    /// 429: too many requests.
    RateLimited,
    /// 503: the server has no recogniser configured.
    Unavailable,
    /// Another 5xx.
    Server,
    /// A 4xx other than 429 (the recording was refused).
    Rejected,
    BadResponse,
}

/// Send a recording to the server recogniser (`POST /api/transcribe`). Never rejects: a
/// failure is a `{failure, status}` answer, so "nothing heard" (`{text: ""}`) and "could not
/// hear" stay apart.
#[wasm_bindgen(unchecked_return_type = "Promise<Transcript>")]
pub fn transcribe(
    audio: Blob,
    proxy_base_url: Option<String>,
    vocabulary: Option<String>,
) -> js_sys::Promise {
    future_to_promise(async move {
        let base = proxy_base_url.unwrap_or_default();
        let hint = vocabulary.unwrap_or_default();
        let transcript = match proxy::transcribe(&base, &audio, &hint, TRANSCRIBE_TIMEOUT_MS).await
        {
            Ok(text) => Transcript::Heard { text },
            Err(failure) => {
                let (failure, status) = match failure {
                    TranscribeFailure::Timeout => (SttFailure::Timeout, None),
                    TranscribeFailure::Network => (SttFailure::Network, None),
                    TranscribeFailure::BadResponse => (SttFailure::BadResponse, None),
                    TranscribeFailure::Http(429) => (SttFailure::RateLimited, Some(429)),
                    TranscribeFailure::Http(503) => (SttFailure::Unavailable, Some(503)),
                    TranscribeFailure::Http(s) if s >= 500 => (SttFailure::Server, Some(s)),
                    TranscribeFailure::Http(s) => (SttFailure::Rejected, Some(s)),
                };
                Transcript::Failed { failure, status }
            }
        };
        to_js(&transcript).map_err(JsValue::from)
    })
}

/// What Alex says after the caller has been silent: the first time a gentle re-ask of the
/// question of `state`; the last time (`last`) the hint of what he understands there, and that
/// typing works too.
#[wasm_bindgen(js_name = silencePrompt)]
pub fn silence_prompt(state: Ts<State>, last: bool) -> String {
    let name = JsValue::from(state).as_string().unwrap_or_default();
    let state = State::from_name(&name).unwrap_or(State::Greeting);
    if last {
        let hint = reply::hint(state);
        return format!("{hint} You can also type your answer below.").trim_start().to_string();
    }
    let ask = match state {
        State::Collecting(slot) => {
            form_slot(slot).map_or_else(|| reply::question(state), |f| f.reprompt)
        }
        _ => reply::question(state),
    };
    format!("Are you still there? {ask}")
}
