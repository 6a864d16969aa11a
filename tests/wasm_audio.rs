//! The audio queue through its JavaScript API: out-of-order arrival, strict order, barge-in,
//! supersession, time-outs, failures, and the JSON shapes the app's Web Audio code reads.
#![cfg(target_arch = "wasm32")]

mod wasm_common;

use serde_json::{json, Value};
use tsify::Ts;
use united_voice::wasm::{ActionList, AudioQueue};
use wasm_bindgen_test::*;
use wasm_common::*;

wasm_bindgen_test_configure!(run_in_browser);

fn acts(actions: Result<Ts<ActionList>, js_sys::Error>) -> Value {
    json_of(&actions.expect("actions"))
}

fn status(queue: &AudioQueue) -> Value {
    json_of(&queue.status().expect("status"))
}

fn play(turn: u32, seq: u16) -> Value {
    json!({"action": "play", "turn": turn, "seq": seq})
}
fn stop(turn: u32, seq: u16) -> Value {
    json!({"action": "stop", "turn": turn, "seq": seq})
}
fn discard(turn: u32, seq: u16) -> Value {
    json!({"action": "discard", "turn": turn, "seq": seq})
}

fn queue() -> AudioQueue {
    AudioQueue::new(None).expect("default config")
}

#[wasm_bindgen_test]
fn segments_arriving_out_of_order_play_in_order() {
    let mut q = queue();
    assert_eq!(status(&q), json!({"status": "idle"}));
    assert_eq!(acts(q.begin_turn(1, 3, 0.0)), json!([]));
    assert_eq!(status(&q), json!({"status": "waiting", "turn": 1, "seq": 0}));
    assert_eq!(acts(q.segment_ready(1, 2, 300, 5.0)), json!([]));
    assert_eq!(acts(q.segment_ready(1, 1, 200, 6.0)), json!([]));
    assert_eq!(acts(q.segment_ready(1, 0, 100, 7.0)), json!([play(1, 0)]));
    assert_eq!(status(&q), json!({"status": "speaking", "turn": 1, "seq": 0}));
    assert_eq!(acts(q.playback_ended(1, 0, 900.0)), json!([play(1, 1)]));
    assert_eq!(acts(q.playback_ended(1, 1, 1800.0)), json!([play(1, 2)]));
    assert_eq!(acts(q.playback_ended(1, 2, 2700.0)), json!([]));
    assert_eq!(status(&q), json!({"status": "idle"}));
}

#[wasm_bindgen_test]
fn the_next_segment_waits_for_its_predecessor_to_finish() {
    let mut q = queue();
    acts(q.begin_turn(4, 2, 0.0));
    assert_eq!(acts(q.segment_ready(4, 0, 100, 1.0)), json!([play(4, 0)]));
    assert_eq!(acts(q.segment_ready(4, 1, 100, 2.0)), json!([]), "0 is still playing");
    assert_eq!(acts(q.playback_ended(4, 0, 500.0)), json!([play(4, 1)]));
}

#[wasm_bindgen_test]
fn barge_in_stops_and_discards_and_late_segments_are_dropped() {
    let mut q = queue();
    acts(q.begin_turn(1, 4, 0.0));
    acts(q.segment_ready(1, 0, 100, 1.0));
    acts(q.segment_ready(1, 2, 100, 2.0));
    assert_eq!(acts(q.barge_in(3.0)), json!([stop(1, 0), discard(1, 2)]));
    assert_eq!(status(&q), json!({"status": "idle"}));
    assert_eq!(acts(q.segment_ready(1, 1, 100, 4.0)), json!([discard(1, 1)]));
    assert_eq!(acts(q.playback_ended(1, 0, 5.0)), json!([]));
    assert_eq!(acts(q.tick(60_000.0)), json!([]), "a cancelled turn never resumes");
    // The next reply plays normally.
    acts(q.begin_turn(2, 1, 10.0));
    assert_eq!(acts(q.segment_ready(2, 0, 100, 11.0)), json!([play(2, 0)]));
}

#[wasm_bindgen_test]
fn a_newer_turn_supersedes_and_an_older_one_is_ignored() {
    let mut q = queue();
    acts(q.begin_turn(1, 3, 0.0));
    acts(q.segment_ready(1, 0, 100, 1.0));
    acts(q.segment_ready(1, 1, 100, 2.0));
    assert_eq!(acts(q.begin_turn(2, 2, 3.0)), json!([stop(1, 0), discard(1, 1)]));
    assert_eq!(acts(q.segment_ready(1, 2, 100, 4.0)), json!([discard(1, 2)]));
    assert_eq!(acts(q.begin_turn(1, 5, 5.0)), json!([]), "older turn ignored");
    assert_eq!(status(&q), json!({"status": "waiting", "turn": 2, "seq": 0}));
}

#[wasm_bindgen_test]
fn a_missing_segment_is_skipped_after_the_timeout() {
    let mut q = AudioQueue::new(js(r#"{"segmentTimeoutMs": 100}"#)).expect("config");
    acts(q.begin_turn(1, 3, 1_000.0));
    acts(q.segment_ready(1, 1, 100, 1_010.0));
    assert_eq!(acts(q.tick(1_050.0)), json!([]), "not overdue yet");
    assert_eq!(acts(q.tick(1_101.0)), json!([play(1, 1)]));
    assert_eq!(acts(q.segment_ready(1, 0, 100, 1_102.0)), json!([discard(1, 0)]), "too late");
}

#[wasm_bindgen_test]
fn a_failed_segment_is_skipped() {
    let mut q = queue();
    acts(q.begin_turn(1, 3, 0.0));
    acts(q.segment_ready(1, 1, 100, 1.0));
    assert_eq!(acts(q.segment_failed(1, 0, 2.0)), json!([play(1, 1)]));
    assert_eq!(acts(q.segment_failed(1, 1, 3.0)), json!([]), "decode of the playing one failed");
    assert_eq!(status(&q), json!({"status": "waiting", "turn": 1, "seq": 2}));
}

#[wasm_bindgen_test]
fn the_buffer_is_bounded() {
    let mut q = AudioQueue::new(js(r#"{"maxSegments": 2, "maxBytes": 1000}"#)).expect("config");
    acts(q.begin_turn(1, 6, 0.0));
    assert_eq!(acts(q.segment_ready(1, 1, 400, 1.0)), json!([]));
    assert_eq!(acts(q.segment_ready(1, 2, 700, 2.0)), json!([discard(1, 2)]), "over max bytes");
    assert_eq!(acts(q.segment_ready(1, 3, 100, 3.0)), json!([]));
    assert_eq!(acts(q.segment_ready(1, 4, 100, 4.0)), json!([discard(1, 4)]), "over max segments");
}

#[wasm_bindgen_test]
fn odd_times_and_bad_config_do_not_break_it() {
    let mut q = queue();
    acts(q.begin_turn(1, 1, f64::NAN));
    assert_eq!(acts(q.segment_ready(1, 0, 10, -5.0)), json!([play(1, 0)]));
    let error = AudioQueue::new(js(r#"{"maxSegments": "many"}"#)).err().expect("rejected");
    assert!(message(error).contains("invalid AudioQueue config"));
}
