//! HTTP from the browser (gloo-net) against `.ci/wasm-test-server.mjs` (port chosen by .ci/test-wasm.sh),
//! which `.ci/test-wasm.sh` starts: the LLM transport and `agent.hear`.
#![cfg(target_arch = "wasm32")]

mod wasm_common;

use serde_json::json;
use united_voice::booking::Booking;
use united_voice::dates::Date;
use united_voice::understand::llm::{
    build_request, ChatRequest, LlmConfig, LlmFailure, LlmOutcome, PromptInput,
};
use united_voice::wasm::proxy::{ask_model, audio_extension, post_chat};
use united_voice::wasm::Agent;
use wasm_bindgen_test::*;
use wasm_common::*;

wasm_bindgen_test_configure!(run_in_browser);

const DIDNT_CATCH: &str = "Sorry, I didn't catch that. Could you say it again, or type it?";

fn chat_body(last: &str) -> String {
    json!({"messages": [{"role": "system", "content": "Answer in JSON."},
                        {"role": "user", "content": last}],
           "temperature": 0, "max_tokens": 200})
    .to_string()
}

fn base(mode: &str) -> String {
    format!("{TEST_SERVER}/{mode}")
}

#[wasm_bindgen_test]
async fn chat_returns_the_model_text() {
    let answer = post_chat(&base("ok"), chat_body("from Boston to Denver"), 5_000).await;
    assert_eq!(answer, Ok("echo: from Boston to Denver".to_string()));
}

#[wasm_bindgen_test]
async fn chat_failures_are_named() {
    let cases = [
        ("500", LlmFailure::Http5xx(500)),
        ("429", LlmFailure::Http429),
        ("404", LlmFailure::BadResponse),
        ("bad", LlmFailure::BadResponse),
    ];
    for (mode, expected) in cases {
        let answer = post_chat(&base(mode), chat_body("hi"), 5_000).await;
        assert_eq!(answer, Err(expected), "mode {mode}");
    }
}

#[wasm_bindgen_test]
async fn chat_times_out() {
    let started = js_sys::Date::now();
    let answer = post_chat(&base("slow"), chat_body("hi"), 300).await;
    let took = js_sys::Date::now() - started;
    assert_eq!(answer, Err(LlmFailure::Timeout));
    assert!(took < 2_500.0, "gave up after {took} ms, not when the server answered");
}

#[wasm_bindgen_test]
async fn chat_without_a_server_is_a_network_failure() {
    // Port 9 (discard) on loopback: nothing listens, the connection is refused.
    let answer = post_chat("http://127.0.0.1:9", chat_body("hi"), 5_000).await;
    assert_eq!(answer, Err(LlmFailure::Network));
}

fn model_request(utterance: &str) -> ChatRequest {
    let booking = Booking::default().view();
    let input = PromptInput {
        state: "collecting_origin",
        booking: &booking,
        last_question: "Where are you flying from?",
        utterance,
        today: Date::from_ymd_opt(2026, 3, 10).expect("a date"),
    };
    build_request(&input, &LlmConfig::default())
}

/// A fresh key so the flaky mode fails once per test run, even against a long-lived server.
fn fresh(mode: &str) -> String {
    base(&format!("{mode}-{}", (js_sys::Math::random() * 1e9) as u64))
}

#[wasm_bindgen_test]
async fn the_model_request_reaches_the_proxy_as_json() {
    let outcome = ask_model(&base("ok"), &model_request("from Boston please"), 5_000, 1).await;
    // The stand-in echoes the last message: the user message carries the caller's words.
    match outcome {
        LlmOutcome::Answer(text) => assert!(text.contains("from Boston please"), "{text}"),
        other => panic!("expected an answer, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn a_server_error_is_retried_once_after_a_short_delay() {
    let started = js_sys::Date::now();
    let outcome = ask_model(&fresh("flaky"), &model_request("to Denver"), 5_000, 7).await;
    let took = js_sys::Date::now() - started;
    assert!(matches!(outcome, LlmOutcome::Answer(_)), "{outcome:?}");
    assert!(took >= 200.0, "waited {took} ms before retrying");
}

#[wasm_bindgen_test]
async fn failures_that_persist_or_are_not_worth_retrying_are_reported() {
    let started = js_sys::Date::now();
    let limited = ask_model(&base("429"), &model_request("hi"), 5_000, 3).await;
    assert_eq!(limited, LlmOutcome::Failure(LlmFailure::Http429));
    assert!(js_sys::Date::now() - started >= 200.0, "one retry happened");

    let started = js_sys::Date::now();
    let missing = ask_model(&base("404"), &model_request("hi"), 5_000, 3).await;
    assert_eq!(missing, LlmOutcome::Failure(LlmFailure::BadResponse));
    let slow = ask_model(&base("slow"), &model_request("hi"), 300, 3).await;
    assert_eq!(slow, LlmOutcome::Failure(LlmFailure::Timeout));
    assert!(js_sys::Date::now() - started < 1_500.0, "no retry for a 404 or a timeout");
}

const MUMBLED_NAME: &str = "uh yeah the name is gonna be ann lee";

#[wasm_bindgen_test]
async fn the_llm_tier_reads_what_the_rules_missed() {
    let rules_only = turn(agent_with(&base("model"), false).respond(MUMBLED_NAME.into())).await;
    let with_model = turn(agent_with(&base("model"), true).respond(MUMBLED_NAME.into())).await;
    assert_eq!(with_model["tier"], "llm", "{with_model}");
    assert_eq!(with_model["booking"]["name"], "Ann Lee");
    assert_eq!(rules_only["tier"], "rules");
    assert_ne!(rules_only["booking"]["name"], "Ann Lee", "the model made the difference");
}

#[wasm_bindgen_test]
async fn a_failing_model_leaves_the_turn_to_the_rules() {
    for mode in ["500", "bad", "404"] {
        let turn = turn(agent_with(&base(mode), true).respond(MUMBLED_NAME.into())).await;
        assert_eq!(turn["tier"], "rules_after_llm_failure", "{mode}: {turn}");
        assert!(!turn["reply"].as_str().unwrap_or("").is_empty(), "{mode}: Alex still answers");
    }
    // Heard speech goes the same way.
    let agent = agent_with(&base("model"), true);
    let heard = turn(agent.hear(make_blob(&[1, 2, 3], "audio/webm"))).await;
    assert_eq!(heard["user"], "I would like to fly from Chicago to Denver");
}

#[wasm_bindgen_test]
fn audio_extensions_follow_the_recording_type() {
    assert_eq!(audio_extension("audio/webm;codecs=opus"), "webm");
    assert_eq!(audio_extension("audio/ogg; codecs=opus"), "ogg");
    assert_eq!(audio_extension("audio/wav"), "wav");
    assert_eq!(audio_extension("audio/x-wav"), "wav");
    assert_eq!(audio_extension("audio/mpeg"), "mp3");
    assert_eq!(audio_extension("audio/mp4"), "m4a");
    assert_eq!(audio_extension("AUDIO/FLAC"), "flac");
    assert_eq!(audio_extension(""), "webm");
}

#[wasm_bindgen_test]
async fn hear_sends_the_recording_as_a_file_field() {
    let agent = agent(&base("echo"));
    let blob = make_blob(&[1, 2, 3, 4, 5], "audio/wav");
    let turn = turn(agent.hear(blob)).await;
    assert_eq!(turn["user"], "heard speech.wav (5 bytes, audio/wav)");
    let blob = make_blob(&[0; 16], "audio/webm;codecs=opus");
    let turn = turn_of_hear(&agent, blob).await;
    assert_eq!(turn["user"], "heard speech.webm (16 bytes, audio/webm;codecs=opus)");
}

async fn turn_of_hear(agent: &Agent, blob: web_sys::Blob) -> serde_json::Value {
    turn(agent.hear(blob)).await
}

#[wasm_bindgen_test]
async fn hear_then_responds_to_the_transcript() {
    let heard = agent(&base("ok"));
    let typed = agent("");
    let a = turn(heard.hear(make_blob(&[1, 2, 3], "audio/webm"))).await;
    let b = turn(typed.respond("I would like to fly from Chicago to Denver".into())).await;
    assert_eq!(a["user"], "I would like to fly from Chicago to Denver");
    assert_eq!(a, b, "hearing is transcribing then responding");
    assert_eq!(heard.snapshot(), typed.snapshot());
}

#[wasm_bindgen_test]
async fn failed_transcriptions_ask_to_repeat_and_change_nothing() {
    let stt_off = Agent::new(js(&format!(
        r#"{{"today": "2026-03-10", "proxyBaseUrl": "{}", "tiers": {{"stt": false, "llm": false, "tts": false}}}}"#,
        base("ok")
    )))
    .expect("valid");
    let agents = [
        ("500", agent(&base("500"))),
        ("empty", agent(&base("empty"))),
        ("bad", agent(&base("bad"))),
        ("network", agent("http://127.0.0.1:9")),
        ("stt off", stt_off),
    ];
    for (why, agent) in agents {
        turn(agent.respond("Hi, this is Maria Lopez".into())).await;
        let before = agent.snapshot();
        let turn = turn(agent.hear(make_blob(&[1, 2, 3], "audio/webm"))).await;
        assert_eq!(turn["reply"], DIDNT_CATCH, "{why}");
        assert_eq!(
            turn["segments"],
            json!(["Sorry, I didn't catch that.", "Could you say it again, or type it?"]),
            "{why}"
        );
        assert_eq!(turn["user"], "", "{why}");
        assert_eq!(turn["state"], json_of(&agent.state().expect("state")), "{why}");
        assert_eq!(agent.snapshot(), before, "{why}: nothing changed");
    }
}

fn polishing_agent(mode: &str) -> Agent {
    let options = format!(
        r#"{{"today": "2026-03-10", "seed": 7, "proxyBaseUrl": "{}", "polishReplies": true,
            "tiers": {{"stt": true, "llm": true, "tts": true}}}}"#,
        base(mode)
    );
    Agent::new(js(&options)).expect("valid options")
}

#[wasm_bindgen_test]
async fn reply_polish_is_used_only_when_every_fact_survives() {
    let plain = turn(agent_with(&base("polish"), true).respond("I'm Sam Lee".into())).await;
    let template = plain["reply"].as_str().unwrap().to_string();
    assert!(template.contains("Sam"), "{template}");
    let polished = turn(polishing_agent("polish").respond("I'm Sam Lee".into())).await;
    assert_eq!(polished["reply"], format!("Alright. {template}"));
    assert_eq!(polished["segments"][0], "Alright.");
    let refused = turn(polishing_agent("polish_bad").respond("I'm Sam Lee".into())).await;
    assert_eq!(refused["reply"], template, "a rewording that drops the name is not spoken");
    assert_eq!(refused["booking"]["name"], "Sam Lee");
}
