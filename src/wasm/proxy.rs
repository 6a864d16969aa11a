//! HTTP calls to the project's proxy (which holds the API keys): speech-to-text and chat.
//!
//! Every failure is a value, never a rejected promise, so the conversation can fall back to
//! asking again (speech) or to the rules (LLM).

use crate::understand::llm::LlmFailure;
use gloo_net::http::Request;
use serde::Deserialize;
use wasm_bindgen::JsValue;
use web_sys::{AbortSignal, Blob, FormData};

/// How long a transcription may take before the caller is asked to repeat.
pub const TRANSCRIBE_TIMEOUT_MS: u32 = 15_000;

/// `{"content": "..."}` from `POST /api/chat`.
#[derive(Deserialize)]
struct ChatAnswer {
    content: String,
}

/// `{"text": "..."}` from `POST /api/transcribe`.
#[derive(Deserialize)]
struct TranscribeAnswer {
    text: String,
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
    let answer: ChatAnswer = response.json().await.map_err(|e| match e {
        gloo_net::Error::SerdeError(_) => LlmFailure::BadResponse,
        _ => failure_of(&signal),
    })?;
    Ok(answer.content)
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
    timeout_ms: u32,
) -> Result<String, TranscribeFailure> {
    let form = FormData::new().map_err(|_| TranscribeFailure::Network)?;
    let filename = format!("speech.{}", audio_extension(&audio.type_()));
    form.append_with_blob_and_filename("file", audio, &filename)
        .map_err(|_| TranscribeFailure::Network)?;
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
    let answer: TranscribeAnswer = response.json().await.map_err(|e| match e {
        gloo_net::Error::SerdeError(_) => TranscribeFailure::BadResponse,
        _ => timed_out(&signal),
    })?;
    Ok(answer.text)
}

/// The file extension for a recording's MIME type ("audio/webm;codecs=opus" -> "webm").
/// Unknown types default to webm, what Chromium's MediaRecorder produces.
pub fn audio_extension(mime: &str) -> &'static str {
    let essence = mime.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match essence.as_str() {
        "audio/ogg" | "audio/opus" | "video/ogg" => "ogg",
        "audio/wav" | "audio/wave" | "audio/x-wav" | "audio/vnd.wave" => "wav",
        "audio/mpeg" | "audio/mp3" => "mp3",
        "audio/mp4" | "audio/m4a" | "audio/x-m4a" | "video/mp4" => "m4a",
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
