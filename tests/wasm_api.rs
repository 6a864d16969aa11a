//! The JavaScript API in a real browser: what crosses the boundary, snapshots, errors.
//! Run with `bash .ci/test-wasm.sh` (headless Chromium).
#![cfg(target_arch = "wasm32")]

mod wasm_common;

use serde_json::{json, Value};
use united_voice::wasm::{parse_date, resolve_place, understand, Agent, UnderstandingView};
use wasm_bindgen_test::*;
use wasm_common::*;

wasm_bindgen_test_configure!(run_in_browser);

const STATES: [&str; 20] = [
    "greeting",
    "collecting_name",
    "collecting_origin",
    "collecting_destination",
    "collecting_trip_type",
    "collecting_departure_date",
    "collecting_return_date",
    "collecting_passengers",
    "collecting_cabin",
    "confirming_details",
    "flexible_search",
    "presenting_options",
    "confirming_selection",
    "booking_complete",
    "cancelled",
    "collecting_traveller",
    "collecting_birth_date",
    "collecting_gender",
    "collecting_contact",
    "collecting_locator",
];

const BOOKING_KEYS: [&str; 12] = [
    "name",
    "origin",
    "destination",
    "trip_type",
    "departure_date",
    "return_date",
    "passengers",
    "cabin",
    "flight",
    "confirmed",
    "travellers",
    "contact",
];

fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> =
        value.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
    keys.sort();
    keys
}

fn sorted(list: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

fn assert_is_turn(turn: &Value) {
    assert_eq!(
        keys(turn),
        sorted(&[
            "user", "reply", "display", "segments", "state", "intent", "tier", "booking", "offers",
            "record"
        ]),
        "turn: {turn}"
    );
    assert!(turn["user"].is_string() && turn["reply"].is_string(), "turn: {turn}");
    assert!(STATES.contains(&turn["state"].as_str().unwrap_or("")), "turn: {turn}");
    assert!(turn["offers"].is_array(), "turn: {turn}");
    let segments = turn["segments"].as_array().expect("segments is an array");
    assert!(!segments.is_empty(), "a reply has at least one segment: {turn}");
    let joined: Vec<&str> = segments.iter().filter_map(Value::as_str).collect();
    assert_eq!(joined.join(" "), turn["reply"].as_str().unwrap_or(""), "segments cover the reply");
    assert_eq!(keys(&turn["booking"]), sorted(&BOOKING_KEYS), "booking: {}", turn["booking"]);
}

#[wasm_bindgen_test]
fn greeting_is_a_complete_turn_with_an_empty_booking() {
    let agent = agent("");
    let turn = json_of(&agent.greeting().expect("greeting"));
    assert_is_turn(&turn);
    assert_eq!(turn["state"], "greeting");
    assert_eq!(turn["user"], "");
    assert_eq!(turn["tier"], "rules");
    assert!(turn["reply"].as_str().unwrap_or("").contains("Alex"), "turn: {turn}");
    assert!(turn["segments"].as_array().map(Vec::len).unwrap_or(0) >= 2, "two sentences: {turn}");
    // Every booking slot is present, empty ones as null (not missing, not undefined).
    assert_eq!(
        turn["booking"],
        json!({"name": null, "origin": null, "destination": null, "trip_type": null,
               "departure_date": null, "return_date": null, "passengers": 1, "cabin": null,
               "flight": null, "confirmed": false, "travellers": [],
               "contact": {"email": null, "phone": null}})
    );
}

#[wasm_bindgen_test]
async fn respond_resolves_to_a_turn_for_what_was_said() {
    let agent = agent("");
    let turn = turn(agent.respond("Hi, this is Maria Lopez".into())).await;
    assert_is_turn(&turn);
    assert_eq!(turn["user"], "Hi, this is Maria Lopez");
    assert_eq!(json_of(&agent.state().expect("state")), turn["state"]);
    assert_eq!(json_of(&agent.booking().expect("booking")), turn["booking"]);
}

#[wasm_bindgen_test]
async fn a_name_then_a_route_fill_the_booking() {
    // Real conversation behaviour (needs the dialogue core, not the scaffold).
    let agent = agent("");
    turn(agent.respond("Hi, this is Maria Lopez".into())).await;
    let turn = turn(agent.respond("I want to fly from Chicago to Denver".into())).await;
    assert_eq!(turn["booking"]["name"], "Maria Lopez");
    assert_eq!(turn["booking"]["destination"]["code"], "DEN");
    assert!(turn["booking"]["origin"]["code"].is_string(), "turn: {turn}");
}

#[wasm_bindgen_test]
async fn huge_input_does_not_kill_the_module() {
    let agent = agent("");
    let text = "fly me to Denver ".repeat(6_000); // ~100 KB
    let turn = turn(agent.respond(text.clone())).await;
    // Cut where the rules stop reading (2,000 characters), and kept like that in the journal.
    assert_eq!(turn["user"].as_str().map(|u| u.chars().count()), Some(2_000));
    // The instance is still alive.
    assert_is_turn(&json_of(&agent.greeting().expect("greeting")));
}

#[wasm_bindgen_test]
fn options_are_checked() {
    let bad_day = Agent::new(js(r#"{"today": "2026-02-30"}"#)).err().expect("rejected");
    assert!(message(bad_day).contains("today"));
    let bad_tiers = Agent::new(js(r#"{"tiers": {"stt": "yes"}}"#)).err().expect("rejected");
    assert!(message(bad_tiers).contains("invalid Agent options"));
    let bad_seed = Agent::new(js(r#"{"seed": "seven"}"#)).err().expect("rejected");
    assert!(message(bad_seed).contains("invalid Agent options"));
}

#[wasm_bindgen_test]
fn today_defaults_to_the_browsers_local_date() {
    let agent = Agent::new(None).expect("no options is fine");
    let now = js_sys::Date::new_0();
    let expected =
        format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date());
    let snapshot: Value = serde_json::from_str(&agent.snapshot()).expect("snapshot is JSON");
    assert_eq!(snapshot["today"], expected.as_str());
    assert_eq!(
        json_of(&agent.tiers().expect("tiers")),
        json!({"stt": true, "llm": true, "tts": true})
    );
}

#[wasm_bindgen_test]
fn given_options_are_kept() {
    let agent = Agent::new(js(
        r#"{"today": "2026-05-01", "seed": 42, "tiers": {"stt": false, "llm": true, "tts": false}}"#,
    ))
    .expect("valid");
    let snapshot: Value = serde_json::from_str(&agent.snapshot()).expect("snapshot is JSON");
    assert_eq!(snapshot["today"], "2026-05-01");
    assert_eq!(snapshot["seed"], 42);
    assert_eq!(
        json_of(&agent.tiers().expect("tiers")),
        json!({"stt": false, "llm": true, "tts": false})
    );
}

#[wasm_bindgen_test]
async fn snapshot_and_restore_round_trip() {
    let agent = agent("");
    turn(agent.respond("Hi, this is Maria Lopez".into())).await;
    turn(agent.respond("from Boston".into())).await;
    let snapshot = agent.snapshot();
    let restored = Agent::restore(&snapshot, None).expect("restores");
    assert_eq!(restored.snapshot(), snapshot);
    assert_eq!(json_of(&restored.state().expect("state")), json_of(&agent.state().expect("state")));
    assert_eq!(
        json_of(&restored.booking().expect("booking")),
        json_of(&agent.booking().expect("booking"))
    );
    // Both continue identically.
    let a = turn(agent.respond("to Denver".into())).await;
    let b = turn(restored.respond("to Denver".into())).await;
    assert_eq!(a, b);
}

#[wasm_bindgen_test]
fn restore_takes_the_proxy_and_tiers_from_its_options() {
    let snapshot = agent("").snapshot();
    let restored = Agent::restore(
        &snapshot,
        js(r#"{"today": "1999-01-01", "seed": 1, "tiers": {"stt": false, "llm": false, "tts": true}}"#),
    )
    .expect("restores");
    assert_eq!(restored.snapshot(), snapshot, "today and seed come from the snapshot");
    assert_eq!(
        json_of(&restored.tiers().expect("tiers")),
        json!({"stt": false, "llm": false, "tts": true})
    );
}

#[wasm_bindgen_test]
fn restore_rejects_corrupted_and_foreign_snapshots_with_errors() {
    let corrupted = Agent::restore("{\"format\": \"united-voice/1\", \"conv", None).err();
    let corrupted = message(corrupted.expect("corrupted snapshot is an error"));
    assert!(corrupted.contains("corrupted"), "{corrupted}");

    let foreign = Agent::restore(r#"{"format": "something-else/3", "data": []}"#, None).err();
    let foreign = message(foreign.expect("foreign snapshot is an error"));
    assert!(foreign.contains("not a United Voice snapshot"), "{foreign}");

    let truncated = agent("").snapshot();
    let half = &truncated[..truncated.len() / 2];
    assert!(Agent::restore(half, None).is_err());
}

#[wasm_bindgen_test]
fn parse_date_rejections_have_a_kind_and_a_message() {
    let result = json_of(&parse_date("purple elephants", "2026-03-10", None).expect("no throw"));
    assert_eq!(keys(&result), sorted(&["error", "message"]), "{result}");
    assert_eq!(result["error"], "not_a_date");
    assert!(!result["message"].as_str().unwrap_or("").is_empty());
}

#[wasm_bindgen_test]
fn parse_date_resolves_against_today() {
    // Real date behaviour (needs the dates module, not the scaffold).
    let tomorrow = json_of(&parse_date("tomorrow", "2026-03-10", None).expect("no throw"));
    assert_eq!(tomorrow, json!({"date": "2026-03-11"}));
    let early =
        parse_date("March 20th", "2026-03-10", Some("2026-03-25".into())).expect("no throw");
    assert_eq!(json_of(&early)["error"], "before_departure");
}

#[wasm_bindgen_test]
fn parse_date_throws_for_a_malformed_today() {
    let error = parse_date("tomorrow", "10/03/2026", None).expect_err("throws");
    assert!(message(error).contains("today"));
    let error = parse_date("tomorrow", "2026-03-10", Some("soon".into())).expect_err("throws");
    assert!(message(error).contains("after"));
}

#[wasm_bindgen_test]
fn resolve_place_unknown_has_empty_candidates() {
    let result = json_of(&resolve_place("Xyzzyville Qwrtp").expect("no throw"));
    assert_eq!(result, json!({"text": "Xyzzyville Qwrtp", "error": "unknown", "candidates": []}));
}

#[wasm_bindgen_test]
fn resolve_place_airports_and_metros() {
    // Real place behaviour (needs the airport table, not the scaffold).
    let ohare = json_of(&resolve_place("O'Hare").expect("no throw"));
    assert_eq!(keys(&ohare), sorted(&["text", "code", "kind", "name", "airports"]), "{ohare}");
    assert_eq!(ohare["code"], "ORD");
    assert_eq!(ohare["kind"], "airport");
    assert_eq!(ohare["airports"], json!(["ORD"]));
    let chicago = json_of(&resolve_place("Chicago").expect("no throw"));
    assert_eq!(chicago["kind"], "metro");
    assert!(chicago["airports"].as_array().map(Vec::len).unwrap_or(0) >= 2, "{chicago}");
}

#[wasm_bindgen_test]
fn understand_has_the_harness_shape() {
    // Real understanding (needs the rules and the harness command, not the scaffold).
    let value = understand("I want to fly from Boston to Denver", "2026-03-10").expect("no throw");
    let parsed: UnderstandingView = serde_wasm_bindgen::from_value(value.js_value().clone())
        .expect("matches the declared TypeScript type");
    assert_eq!(parsed.text, "I want to fly from Boston to Denver");
    assert_eq!(parsed.destination.map(|p| p.code).as_deref(), Some("DEN"));
    assert_eq!(json_of(&value)["departure_date"], Value::Null);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
}

#[wasm_bindgen_test]
fn understand_lists_what_did_not_validate() {
    let value = understand("from Xyzzyville Qwrtp to Denver", "2026-03-10").expect("no throw");
    let parsed: UnderstandingView =
        serde_wasm_bindgen::from_value(value.js_value().clone()).expect("declared shape");
    assert_eq!(parsed.problems.len(), 1, "{:?}", parsed.problems);
    assert_eq!(parsed.problems[0].text.as_deref(), Some("xyzzyville qwrtp"));
    assert!(parsed.confidence >= 0.0 && parsed.confidence <= 1.0);
    for problem in &parsed.problems {
        assert!(!problem.error.is_empty(), "{problem:?}");
    }
}

#[wasm_bindgen_test]
fn understand_throws_for_a_malformed_today() {
    let error = understand("to Denver", "tomorrow").expect_err("throws");
    assert!(message(error).contains("today"));
}

#[wasm_bindgen_test]
fn warm_up_is_idempotent_and_lookups_still_answer() {
    united_voice::wasm::warm_up();
    united_voice::wasm::warm_up();
    let found = json_of(&resolve_place("chicago").expect("no throw"));
    assert_eq!(found["code"], "CHI");
}
