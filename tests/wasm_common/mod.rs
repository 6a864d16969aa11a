//! Helpers shared by the browser tests: look at JS values the way the web app will
//! (`JSON.stringify`), build option objects and blobs from JS.

#![allow(dead_code)]

use serde_json::Value;
use tsify::{Ts, Tsify};
use united_voice::wasm::Agent;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The test proxy started by `.ci/test-wasm.sh` (`.ci/wasm-test-server.mjs`).
/// The stand-in proxy started by .ci/test-wasm.sh (a free port it picks and passes at build
/// time, so parallel runs on one machine do not collide).
pub const TEST_SERVER: &str = match option_env!("WASM_TEST_SERVER") {
    Some(url) => url,
    None => "http://127.0.0.1:8788",
};

#[wasm_bindgen(inline_js = "
export function make_blob(bytes, type) { return new Blob([bytes], { type }); }
export function is_error(value) { return value instanceof Error; }
")]
extern "C" {
    pub fn make_blob(bytes: &[u8], mime: &str) -> web_sys::Blob;
    pub fn is_error(value: &JsValue) -> bool;
}

/// A JS value as the app's JSON sees it: `undefined` members vanish, `null` stays.
pub fn json(value: &JsValue) -> Value {
    let text: String = js_sys::JSON::stringify(value).map(String::from).unwrap_or_default();
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// Same, for a typed handle.
pub fn json_of<T: Tsify>(value: &Ts<T>) -> Value {
    json(&value.js_value())
}

/// A JS object from JSON text, as a typed argument.
pub fn js<T: Tsify>(text: &str) -> Option<Ts<T>> {
    Some(Ts::new_unchecked(js_sys::JSON::parse(text).expect("test JSON")))
}

/// An agent on a fixed day, talking to `proxy` ("" = same origin), rules only (no model
/// calls, so turns and snapshots are deterministic).
pub fn agent(proxy: &str) -> Agent {
    agent_with(proxy, false)
}

/// Same, with the LLM tier on or off.
pub fn agent_with(proxy: &str, llm: bool) -> Agent {
    let options = format!(
        r#"{{"today": "2026-03-10", "seed": 7, "proxyBaseUrl": "{proxy}",
            "tiers": {{"stt": true, "llm": {llm}, "tts": true}}}}"#
    );
    Agent::new(js(&options)).expect("valid options")
}

/// Await a `Promise<Turn>` and return the turn as JSON.
pub async fn turn(promise: js_sys::Promise) -> Value {
    let value = JsFuture::from(promise).await.expect("the promise resolves");
    json(&value)
}

/// The message of a JS error, checking that it is a real `Error`.
pub fn message(error: js_sys::Error) -> String {
    let value = JsValue::from(error);
    assert!(is_error(&value), "expected an Error, got {value:?}");
    value.unchecked_into::<js_sys::Error>().message().into()
}
