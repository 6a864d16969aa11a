//! `AudioQueue`: the pure playback-order logic, driven by the app's Web Audio code.
//! TypeScript plays/stops what the returned actions say; all ordering decisions live in Rust.

use super::options::Options;
use super::to_ts;
use crate::audio_queue::{self, Action, QueueConfig, QueueStatus};
use serde::Deserialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

/// `new AudioQueue(config?)`: every field optional, defaults from the core.
#[derive(Debug, Clone, Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", default)]
pub struct AudioQueueConfig {
    /// How long to wait for a missing segment before skipping it.
    #[tsify(optional)]
    pub segment_timeout_ms: Option<u64>,
    #[tsify(optional)]
    pub max_segments: Option<usize>,
    #[tsify(optional)]
    pub max_bytes: Option<usize>,
}

#[wasm_bindgen]
pub struct AudioQueue {
    queue: audio_queue::AudioQueue,
}

type Actions = Result<Ts<ActionList>, js_sys::Error>;

/// The actions one event produced, in the order to carry them out.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Tsify)]
#[serde(transparent)]
pub struct ActionList(pub Vec<Action>);

fn actions(list: Vec<Action>) -> Actions {
    to_ts(&ActionList(list))
}

#[wasm_bindgen]
impl AudioQueue {
    #[wasm_bindgen(constructor)]
    pub fn new(config: Option<Ts<AudioQueueConfig>>) -> Result<AudioQueue, js_sys::Error> {
        let given = config.map(JsValue::from).map(|v| Options::read(v, "AudioQueue config"));
        let mut config = QueueConfig::default();
        if let Some(o) = given.transpose()?.flatten() {
            let size = |key: &str| -> Result<Option<usize>, js_sys::Error> {
                o.whole_number(key)?
                    .map(|n| {
                        usize::try_from(n).map_err(|_| o.invalid(&format!("{key} is too large")))
                    })
                    .transpose()
            };
            if let Some(ms) = o.whole_number("segmentTimeoutMs")? {
                config.segment_timeout_ms = ms;
            }
            if let Some(n) = size("maxSegments")? {
                config.max_segments = n;
            }
            if let Some(n) = size("maxBytes")? {
                config.max_bytes = n;
            }
        }
        Ok(AudioQueue { queue: audio_queue::AudioQueue::new(config) })
    }

    /// A new reply of `segments` sentences starts (supersedes any older turn).
    #[wasm_bindgen(js_name = beginTurn)]
    pub fn begin_turn(&mut self, turn: u32, segments: u16, now_ms: f64) -> Actions {
        actions(self.queue.begin_turn(turn, segments, ms(now_ms)))
    }

    /// The first audio of segment `seq` of `turn` has arrived (`bytes` long so far); the rest
    /// streams into the same segment.
    #[wasm_bindgen(js_name = segmentReady)]
    pub fn segment_ready(&mut self, turn: u32, seq: u16, bytes: usize, now_ms: f64) -> Actions {
        actions(self.queue.segment_ready(turn, seq, bytes, ms(now_ms)))
    }

    /// Synthesis or streaming of segment `seq` failed (before or while it plays): it is skipped.
    #[wasm_bindgen(js_name = segmentFailed)]
    pub fn segment_failed(&mut self, turn: u32, seq: u16, now_ms: f64) -> Actions {
        actions(self.queue.segment_failed(turn, seq, ms(now_ms)))
    }

    /// Segment `seq` finished playing (its stream has ended and all of it was heard).
    #[wasm_bindgen(js_name = playbackEnded)]
    pub fn playback_ended(&mut self, turn: u32, seq: u16, now_ms: f64) -> Actions {
        actions(self.queue.playback_ended(turn, seq, ms(now_ms)))
    }

    /// The caller started talking: stop and drop the current turn.
    #[wasm_bindgen(js_name = bargeIn)]
    pub fn barge_in(&mut self, now_ms: f64) -> Actions {
        actions(self.queue.barge_in(ms(now_ms)))
    }

    /// Time passed (skips a segment that is overdue).
    pub fn tick(&mut self, now_ms: f64) -> Actions {
        actions(self.queue.tick(ms(now_ms)))
    }

    /// What the UI shows: idle, speaking (turn, seq) or waiting for a segment.
    pub fn status(&self) -> Result<Ts<QueueStatus>, js_sys::Error> {
        to_ts(&self.queue.status())
    }
}

/// JS times are doubles (`performance.now()`); negative or NaN become 0.
fn ms(now_ms: f64) -> u64 {
    if now_ms.is_finite() && now_ms > 0.0 {
        now_ms as u64
    } else {
        0
    }
}
