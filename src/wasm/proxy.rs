//! HTTP calls to the project's proxy (which holds the API keys): speech-to-text and chat.
//!
//! Every failure is a value, never a rejected promise, so the conversation can fall back to
//! asking again (speech) or to the rules (LLM).

use crate::understand::llm::{ChatRequest, LlmFailure, LlmOutcome};
use gloo_net::http::{Request, Response};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Blob, FormData};

/// How long a transcription may take before the caller is asked to repeat.
pub const TRANSCRIBE_TIMEOUT_MS: u32 = 15_000;

/// Why a response body gave no answer.
enum BodyError {
    /// The body could not be read (aborted by the timeout, connection lost).
    Unread,
    /// Not a JSON object with a string `field`.
    Unexpected,
}

/// The string `field` of the JSON object in the response body: `{"content": "..."}` from
/// `POST /api/chat`, `{"text": "..."}` from `POST /api/transcribe`. Other keys are ignored.
async fn string_field(response: &Response, field: &str) -> Result<String, BodyError> {
    let body = response.text().await.map_err(|_| BodyError::Unread)?;
    let value = crate::json::parse(&body).map_err(|_| BodyError::Unexpected)?;
    match value.get(field) {
        Some(crate::json::Value::String(text)) => Ok(text.clone()),
        _ => Err(BodyError::Unexpected),
    }
}

/// POST `body` (the JSON chat request) to `{base}/api/chat` and return the model's text.
/// `base` is "" for the page's own origin. Failures use the LLM tier's names ("timeout",
/// "http_429", "http_503", "network", "bad_response") so the circuit breaker can judge them.
pub async fn post_chat(base: &str, body: String, timeout_ms: u32) -> Result<String, LlmFailure> {
    let signal = AbortSignal::timeout_with_u32(timeout_ms);
    let request = Request::post(&format!("{base}/api/chat"))
        .header("Content-Type", "application/json")
        .abort_signal(Some(&signal))
        .body(body)
        .map_err(|_| LlmFailure::Network)?;
    let response = request.send().await.map_err(|_| failure_of(&signal))?;
    if !response.ok() {
        return Err(LlmFailure::from_status(response.status()));
    }
    string_field(&response, "content").await.map_err(|e| match e {
        BodyError::Unexpected => LlmFailure::BadResponse,
        BodyError::Unread => failure_of(&signal),
    })
}

/// How long a fare search or a booking call may take before Alex falls back (the built-in
/// fares; "nothing is booked yet, shall I try again?").
pub const DESK_TIMEOUT_MS: u32 = 20_000;

/// One errand of the conversation (fares, bookings) sent to the proxy: the status and body as
/// received, or status 0 when the proxy could not be reached in time.
pub async fn run_errand(
    base: &str,
    errand: &crate::dialogue::Errand,
) -> crate::dialogue::DeskReply {
    use crate::dialogue::DeskReply;
    let signal = AbortSignal::timeout_with_u32(DESK_TIMEOUT_MS);
    let url = format!("{base}{}", errand.path());
    let request = match errand.body() {
        Some(body) => Request::post(&url)
            .header("Content-Type", "application/json")
            .abort_signal(Some(&signal))
            .body(body),
        None => Request::get(&url).abort_signal(Some(&signal)).build(),
    };
    let Ok(request) = request else { return DeskReply::unreachable() };
    let Ok(response) = request.send().await else { return DeskReply::unreachable() };
    match response.text().await {
        Ok(body) => DeskReply { status: response.status(), body },
        Err(_) => DeskReply::unreachable(),
    }
}

/// One model call for the LLM tier: `request` posted to the proxy, with one jittered retry
/// (seeded, per the tier's policy) after a rate limit or server error.
pub async fn ask_model(
    base: &str,
    request: &ChatRequest,
    timeout_ms: u32,
    seed: u64,
) -> LlmOutcome {
    let body = request.to_json().to_string();
    let mut attempt = 0;
    loop {
        match post_chat(base, body.clone(), timeout_ms).await {
            Ok(text) => return LlmOutcome::Answer(text),
            Err(failure) => match failure.retry_delay_ms(attempt, seed) {
                Some(delay) => sleep_ms(delay).await,
                None => return LlmOutcome::Failure(failure),
            },
        }
        attempt += 1;
    }
}

#[wasm_bindgen]
extern "C" {
    /// The global `setTimeout` (window, worker or Node alike).
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &js_sys::Function, ms: f64);
}

/// Wait `ms` milliseconds without blocking the page.
async fn sleep_ms(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| set_timeout(&resolve, ms as f64));
    // A Promise that only ever resolves: nothing to handle on the error side.
    let _ = JsFuture::from(promise).await;
}

/// Why a transcription gave no text (only used to decide to ask again; the caller never sees it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TranscribeFailure {
    Timeout,
    Network,
    Http(u16),
    BadResponse,
}

/// POST the recording to `{base}/api/transcribe` (multipart field `file`, with a filename whose
/// extension matches the recording's type, which Whisper uses to pick the decoder).
pub async fn transcribe(
    base: &str,
    audio: &Blob,
    vocabulary: &str,
    timeout_ms: u32,
) -> Result<String, TranscribeFailure> {
    let form = FormData::new().map_err(|_| TranscribeFailure::Network)?;
    let filename = format!("speech.{}", audio_extension(&audio.type_()));
    form.append_with_blob_and_filename("file", audio, &filename)
        .map_err(|_| TranscribeFailure::Network)?;
    if !vocabulary.is_empty() {
        form.append_with_str("vocabulary", vocabulary).map_err(|_| TranscribeFailure::Network)?;
    }
    let signal = AbortSignal::timeout_with_u32(timeout_ms);
    let request = Request::post(&format!("{base}/api/transcribe"))
        .abort_signal(Some(&signal))
        .body(JsValue::from(form))
        .map_err(|_| TranscribeFailure::Network)?;
    let timed_out = |signal: &AbortSignal| {
        if signal.aborted() {
            TranscribeFailure::Timeout
        } else {
            TranscribeFailure::Network
        }
    };
    let response = request.send().await.map_err(|_| timed_out(&signal))?;
    if !response.ok() {
        return Err(TranscribeFailure::Http(response.status()));
    }
    string_field(&response, "text").await.map_err(|e| match e {
        BodyError::Unexpected => TranscribeFailure::BadResponse,
        BodyError::Unread => timed_out(&signal),
    })
}

/// The file extension for a recording's MIME type ("audio/webm;codecs=opus" -> "webm").
/// Unknown types default to webm, what Chromium's MediaRecorder produces.
///
/// The same table as `www/shared/audio-types.ts` (the app and the proxy use that one);
/// `www/shared/audio-types.test.ts` reads the arms below and fails when the two disagree.
pub fn audio_extension(mime: &str) -> &'static str {
    let essence = mime.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match essence.as_str() {
        "audio/webm" | "video/webm" => "webm",
        "audio/ogg" | "audio/opus" | "video/ogg" => "ogg",
        "audio/mp4" | "audio/m4a" | "audio/x-m4a" | "video/mp4" => "m4a",
        "audio/mpeg" | "audio/mp3" => "mp3",
        "audio/wav" | "audio/wave" | "audio/x-wav" | "audio/vnd.wave" => "wav",
        "audio/flac" | "audio/x-flac" => "flac",
        _ => "webm",
    }
}

fn failure_of(signal: &AbortSignal) -> LlmFailure {
    if signal.aborted() {
        LlmFailure::Timeout
    } else {
        LlmFailure::Network
    }
}
