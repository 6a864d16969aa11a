//! The audio playback queue's logic: which spoken segment plays next, and when.
//!
//! Alex's replies are synthesised sentence by sentence (segments `0..n` of a *turn*) and the
//! audio arrives out of order, late, or not at all. This module decides what to do; the web
//! app only carries it out with Web Audio.
//!
//! Why the audio bytes stay in JavaScript: audio lives in `AudioBuffer`s that only the
//! browser can play, and copying megabytes into wasm memory and back would cost time and
//! memory for nothing. So JS keeps the bytes keyed by `(turn, seq)` and reports events here
//! (with the byte count, so the buffer stays bounded); the queue answers with [`Action`]s:
//! - `Play`: start this segment now (nothing else is playing).
//! - `Stop`: stop the segment that is playing and free it.
//! - `Discard`: free the bytes of this segment without playing them (stale, cancelled,
//!   duplicate, or over the buffer bounds). Every `segment_ready` is answered by exactly one
//!   `Play` or `Discard`, now or later, so JS never leaks a buffer.
//!
//! Speech streams in: a segment is ready when its first audio has arrived (the byte count is
//! what had arrived then), and it has ended when its stream has and the last of it was heard.
//!
//! Why it is pure Rust and clock-free: the ordering rules (strict sequence, barge-in,
//! supersession, time-outs) are the subtle part and deserve property tests; `now_ms` is passed
//! in, so the logic is deterministic and testable natively.

use serde::{Deserialize, Serialize};

/// Limits that keep a misbehaving network or TTS service from stalling or flooding the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueConfig {
    /// How long to wait for the segment that is due before skipping it.
    pub segment_timeout_ms: u64,
    /// Most segments held waiting for their turn to play.
    pub max_segments: usize,
    /// Most bytes held waiting (the playing segment not counted).
    pub max_bytes: usize,
}

impl Default for QueueConfig {
    fn default() -> Self {
        QueueConfig { segment_timeout_ms: 4000, max_segments: 32, max_bytes: 8 * 1024 * 1024 }
    }
}

/// What JavaScript must do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    Play { turn: u32, seq: u16 },
    Stop { turn: u32, seq: u16 },
    Discard { turn: u32, seq: u16 },
}

/// What the queue is doing (for the UI's speaking indicator and for tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum QueueStatus {
    Idle,
    /// `seq` is playing.
    Speaking {
        turn: u32,
        seq: u16,
    },
    /// Nothing playing: `seq` is due but has not arrived yet.
    Waiting {
        turn: u32,
        seq: u16,
    },
}

/// What is known about one segment at or after the one due. Segments before `next` are done
/// and forgotten, so the map only holds what is still relevant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "slot", content = "bytes", rename_all = "snake_case")]
enum Slot {
    /// Arrived, waiting for its predecessors (bytes held in JS).
    Buffered(usize),
    Playing,
    /// Failed, timed out, or discarded over the bounds: never plays, a late copy is discarded.
    Skipped,
}

/// The known segments of a turn by sequence number, in order. A sorted `Vec`, not a
/// `BTreeMap`: a turn holds a handful of segments (at most `max_segments`), and the B-tree's
/// code was ~3 KB of the gzipped wasm (measured).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Slots(Vec<(u16, Slot)>);

impl Slots {
    fn position(&self, seq: u16) -> Result<usize, usize> {
        self.0.binary_search_by_key(&seq, |(s, _)| *s)
    }

    fn get(&self, seq: &u16) -> Option<&Slot> {
        self.position(*seq).ok().and_then(|i| self.0.get(i)).map(|(_, slot)| slot)
    }

    fn contains_key(&self, seq: &u16) -> bool {
        self.position(*seq).is_ok()
    }

    fn insert(&mut self, seq: u16, slot: Slot) {
        match self.position(seq) {
            Ok(i) => self.0[i].1 = slot,
            Err(i) => self.0.insert(i, (seq, slot)),
        }
    }

    fn remove(&mut self, seq: &u16) {
        if let Ok(i) = self.position(*seq) {
            self.0.remove(i);
        }
    }

    fn clear(&mut self) {
        self.0.clear();
    }

    fn iter(&self) -> impl Iterator<Item = (&u16, &Slot)> {
        self.0.iter().map(|(seq, slot)| (seq, slot))
    }
}

/// The turn being spoken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct TurnState {
    id: u32,
    segments: u16,
    /// The segment due: every seq below it has played or been skipped.
    next: u16,
    slots: Slots,
    /// When `next` became the one we wait for (for the time-out).
    waiting_since: u64,
    /// The caller barged in: nothing more of this turn plays.
    cancelled: bool,
}

impl TurnState {
    fn finished(&self) -> bool {
        self.cancelled || self.next >= self.segments
    }

    fn playing(&self) -> Option<u16> {
        self.slots.iter().find(|(_, s)| **s == Slot::Playing).map(|(seq, _)| *seq)
    }

    fn buffered(&self) -> impl Iterator<Item = (u16, usize)> + '_ {
        self.slots.iter().filter_map(|(seq, s)| match s {
            Slot::Buffered(bytes) => Some((*seq, *bytes)),
            _ => None,
        })
    }

    /// Stop what plays and drop what waits (barge-in, or a newer turn).
    fn cancel(&mut self) -> Vec<Action> {
        let mut actions = Vec::new();
        if let Some(seq) = self.playing() {
            actions.push(Action::Stop { turn: self.id, seq });
        }
        actions.extend(self.buffered().map(|(seq, _)| Action::Discard { turn: self.id, seq }));
        self.slots.clear();
        self.cancelled = true;
        actions
    }

    /// Move past finished and skipped segments and start the next one if it is here.
    fn advance(&mut self, now_ms: u64) -> Vec<Action> {
        while !self.finished() && self.playing().is_none() {
            match self.slots.get(&self.next).copied() {
                Some(Slot::Buffered(_)) => {
                    self.slots.insert(self.next, Slot::Playing);
                    return vec![Action::Play { turn: self.id, seq: self.next }];
                }
                Some(Slot::Skipped) => self.done_with(self.next, now_ms),
                Some(Slot::Playing) | None => break,
            }
        }
        Vec::new()
    }

    /// `seq` (the one due) has played or been skipped: wait for the one after it.
    fn done_with(&mut self, seq: u16, now_ms: u64) {
        self.slots.remove(&seq);
        // seq < segments <= u16::MAX, so seq + 1 never saturates in practice.
        self.next = seq.saturating_add(1).max(self.next);
        self.waiting_since = now_ms;
    }
}

/// The playback queue. One turn at a time: a newer turn supersedes the old one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AudioQueue {
    config: QueueConfig,
    /// The latest turn begun (finished or not); older and equal ids are stale.
    turn: Option<TurnState>,
}

impl AudioQueue {
    pub fn new(config: QueueConfig) -> Self {
        AudioQueue { config, turn: None }
    }

    pub fn config(&self) -> QueueConfig {
        self.config
    }

    /// A new reply with `segments` segments is coming. A newer turn supersedes the current
    /// one (stop it, discard its buffered audio); an older or equal turn id is ignored.
    pub fn begin_turn(&mut self, turn: u32, segments: u16, now_ms: u64) -> Vec<Action> {
        if self.turn.as_ref().is_some_and(|t| turn <= t.id) {
            return Vec::new();
        }
        let actions = self.turn.as_mut().map(TurnState::cancel).unwrap_or_default();
        self.turn = Some(TurnState {
            id: turn,
            segments,
            next: 0,
            slots: Slots::default(),
            waiting_since: now_ms,
            cancelled: false,
        });
        actions
    }

    /// Segment `seq` of `turn` arrived (in any order) with `bytes` of audio held by JS.
    /// Plays at once when it is due; otherwise waits in the buffer. Stale, cancelled,
    /// duplicate, out-of-range or over-bounds segments are discarded (and an over-bounds one is
    /// skipped, so the rest of the reply still plays).
    pub fn segment_ready(&mut self, turn: u32, seq: u16, bytes: usize, now_ms: u64) -> Vec<Action> {
        let discard = vec![Action::Discard { turn, seq }];
        let config = self.config;
        let Some(state) = self.turn.as_mut().filter(|t| t.id == turn && !t.finished()) else {
            return discard;
        };
        if seq >= state.segments || seq < state.next || state.slots.contains_key(&seq) {
            return discard;
        }
        let due_now = seq == state.next && state.playing().is_none();
        if !due_now {
            let (count, held) = state
                .buffered()
                .fold((0usize, 0usize), |(n, b), (_, x)| (n + 1, b.saturating_add(x)));
            if count >= config.max_segments || held.saturating_add(bytes) > config.max_bytes {
                state.slots.insert(seq, Slot::Skipped);
                return discard;
            }
        } else if bytes > config.max_bytes {
            // Absurdly large for one sentence: treat as broken rather than play it.
            state.slots.insert(seq, Slot::Skipped);
            let mut actions = discard;
            actions.extend(state.advance(now_ms));
            return actions;
        }
        state.slots.insert(seq, Slot::Buffered(bytes));
        state.advance(now_ms)
    }

    /// Fetching or streaming segment `seq` failed: skip it (a failed playing segment counts as
    /// ended, JS having stopped it; a buffered one is discarded).
    pub fn segment_failed(&mut self, turn: u32, seq: u16, now_ms: u64) -> Vec<Action> {
        let Some(state) = self.turn.as_mut().filter(|t| t.id == turn && !t.finished()) else {
            return Vec::new();
        };
        if seq >= state.segments || seq < state.next {
            return Vec::new();
        }
        let mut actions = Vec::new();
        match state.slots.get(&seq).copied() {
            Some(Slot::Skipped) => return actions,
            Some(Slot::Playing) => {
                state.done_with(seq, now_ms);
                return state.advance(now_ms);
            }
            Some(Slot::Buffered(_)) => actions.push(Action::Discard { turn, seq }),
            None => {}
        }
        state.slots.insert(seq, Slot::Skipped);
        actions.extend(state.advance(now_ms));
        actions
    }

    /// Segment `seq` finished playing: the next one in order plays as soon as it is here.
    /// Ignored unless `seq` is the one playing.
    pub fn playback_ended(&mut self, turn: u32, seq: u16, now_ms: u64) -> Vec<Action> {
        let Some(state) = self.turn.as_mut().filter(|t| t.id == turn && !t.finished()) else {
            return Vec::new();
        };
        if state.slots.get(&seq) != Some(&Slot::Playing) {
            return Vec::new();
        }
        state.done_with(seq, now_ms);
        state.advance(now_ms)
    }

    /// The caller started talking: stop Alex, drop the rest of the turn; anything of it that
    /// still arrives is discarded.
    pub fn barge_in(&mut self, _now_ms: u64) -> Vec<Action> {
        match self.turn.as_mut() {
            Some(state) if !state.finished() => state.cancel(),
            _ => Vec::new(),
        }
    }

    /// Time passes: a segment due for longer than `segment_timeout_ms` (counted from when it
    /// became due) is skipped, so one lost sentence never silences the rest of the reply.
    pub fn tick(&mut self, now_ms: u64) -> Vec<Action> {
        let timeout = self.config.segment_timeout_ms;
        let Some(state) = self.turn.as_mut().filter(|t| !t.finished()) else {
            return Vec::new();
        };
        if state.playing().is_some() || now_ms.saturating_sub(state.waiting_since) < timeout {
            return Vec::new();
        }
        let due = state.next;
        state.done_with(due, now_ms);
        state.advance(now_ms)
    }

    pub fn status(&self) -> QueueStatus {
        match &self.turn {
            Some(state) if !state.finished() => match state.playing() {
                Some(seq) => QueueStatus::Speaking { turn: state.id, seq },
                None => QueueStatus::Waiting { turn: state.id, seq: state.next },
            },
            _ => QueueStatus::Idle,
        }
    }

    /// Segments waiting to play (bounded by `max_segments`).
    pub fn buffered_segments(&self) -> usize {
        self.turn.as_ref().map_or(0, |t| t.buffered().count())
    }

    /// Bytes waiting to play (bounded by `max_bytes`).
    pub fn buffered_bytes(&self) -> usize {
        self.turn.as_ref().map_or(0, |t| t.buffered().fold(0, |sum, (_, b)| sum.saturating_add(b)))
    }
}

impl Default for AudioQueue {
    fn default() -> Self {
        AudioQueue::new(QueueConfig::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::{BTreeMap as Map, BTreeSet};
    use Action::{Discard, Play, Stop};

    fn queue() -> AudioQueue {
        AudioQueue::new(QueueConfig::default())
    }

    #[test]
    fn in_order_arrivals_play_one_after_another() {
        let mut q = queue();
        assert_eq!(q.status(), QueueStatus::Idle);
        assert!(q.begin_turn(1, 3, 0).is_empty());
        assert_eq!(q.status(), QueueStatus::Waiting { turn: 1, seq: 0 });
        assert_eq!(q.segment_ready(1, 0, 100, 10), vec![Play { turn: 1, seq: 0 }]);
        assert_eq!(q.status(), QueueStatus::Speaking { turn: 1, seq: 0 });
        assert!(q.segment_ready(1, 1, 100, 20).is_empty(), "waits for its predecessor");
        assert_eq!(q.buffered_segments(), 1);
        assert_eq!(q.playback_ended(1, 0, 500), vec![Play { turn: 1, seq: 1 }]);
        assert_eq!(q.buffered_segments(), 0);
        assert!(q.playback_ended(1, 1, 900).is_empty());
        assert_eq!(q.status(), QueueStatus::Waiting { turn: 1, seq: 2 });
        assert_eq!(q.segment_ready(1, 2, 100, 950), vec![Play { turn: 1, seq: 2 }]);
        assert!(q.playback_ended(1, 2, 1200).is_empty());
        assert_eq!(q.status(), QueueStatus::Idle);
    }

    #[test]
    fn out_of_order_arrivals_play_in_sequence() {
        let mut q = queue();
        q.begin_turn(7, 4, 0);
        assert!(q.segment_ready(7, 3, 10, 1).is_empty());
        assert!(q.segment_ready(7, 1, 10, 2).is_empty());
        assert!(q.segment_ready(7, 2, 10, 3).is_empty());
        assert_eq!(q.buffered_bytes(), 30);
        assert_eq!(q.segment_ready(7, 0, 10, 4), vec![Play { turn: 7, seq: 0 }]);
        assert_eq!(q.playback_ended(7, 0, 5), vec![Play { turn: 7, seq: 1 }]);
        assert_eq!(q.playback_ended(7, 1, 6), vec![Play { turn: 7, seq: 2 }]);
        assert_eq!(q.playback_ended(7, 2, 7), vec![Play { turn: 7, seq: 3 }]);
        assert!(q.playback_ended(7, 3, 8).is_empty());
        assert_eq!(q.status(), QueueStatus::Idle);
    }

    #[test]
    fn barge_in_stops_and_discards_and_late_arrivals_are_dropped() {
        let mut q = queue();
        q.begin_turn(2, 4, 0);
        q.segment_ready(2, 0, 10, 1);
        q.segment_ready(2, 2, 10, 2);
        let actions = q.barge_in(3);
        assert_eq!(actions, vec![Stop { turn: 2, seq: 0 }, Discard { turn: 2, seq: 2 }]);
        assert_eq!(q.status(), QueueStatus::Idle);
        assert_eq!(q.segment_ready(2, 1, 10, 4), vec![Discard { turn: 2, seq: 1 }]);
        assert!(q.playback_ended(2, 0, 5).is_empty());
        assert!(q.tick(100_000).is_empty());
        assert!(q.barge_in(6).is_empty(), "nothing left to interrupt");
        // The next reply plays normally.
        q.begin_turn(3, 1, 10);
        assert_eq!(q.segment_ready(3, 0, 10, 11), vec![Play { turn: 3, seq: 0 }]);
    }

    #[test]
    fn newer_turn_supersedes_and_older_is_ignored() {
        let mut q = queue();
        q.begin_turn(5, 3, 0);
        q.segment_ready(5, 0, 10, 1);
        q.segment_ready(5, 2, 10, 1);
        let actions = q.begin_turn(6, 2, 2);
        assert_eq!(actions, vec![Stop { turn: 5, seq: 0 }, Discard { turn: 5, seq: 2 }]);
        assert_eq!(q.status(), QueueStatus::Waiting { turn: 6, seq: 0 });
        assert_eq!(q.segment_ready(5, 1, 10, 3), vec![Discard { turn: 5, seq: 1 }]);
        assert!(q.begin_turn(5, 3, 4).is_empty(), "older turn ignored");
        assert!(q.begin_turn(6, 9, 4).is_empty(), "same turn ignored");
        assert_eq!(q.status(), QueueStatus::Waiting { turn: 6, seq: 0 });
        assert_eq!(q.segment_ready(6, 0, 10, 5), vec![Play { turn: 6, seq: 0 }]);
        // An unknown (future) turn's audio is not played either.
        assert_eq!(q.segment_ready(9, 0, 10, 6), vec![Discard { turn: 9, seq: 0 }]);
    }

    #[test]
    fn a_missing_segment_is_skipped_after_the_timeout() {
        let mut q = queue();
        q.begin_turn(1, 3, 1000);
        assert!(q.segment_ready(1, 1, 10, 1100).is_empty());
        assert!(q.tick(4999).is_empty(), "not yet: 3999 ms since it became due");
        assert_eq!(q.tick(5000), vec![Play { turn: 1, seq: 1 }]);
        assert_eq!(q.segment_ready(1, 0, 10, 5001), vec![Discard { turn: 1, seq: 0 }], "too late");
        // Seq 2's wait starts when it becomes due (after seq 1 ends), not at the turn start.
        assert!(q.playback_ended(1, 1, 8000).is_empty());
        assert!(q.tick(11_999).is_empty());
        assert!(q.tick(12_000).is_empty(), "skipping the last one ends the turn");
        assert_eq!(q.status(), QueueStatus::Idle);
    }

    #[test]
    fn ticks_while_playing_do_not_skip() {
        let mut q = queue();
        q.begin_turn(1, 2, 0);
        q.segment_ready(1, 0, 10, 0);
        assert!(q.tick(60_000).is_empty());
        assert_eq!(q.status(), QueueStatus::Speaking { turn: 1, seq: 0 });
    }

    #[test]
    fn a_failed_segment_is_skipped() {
        let mut q = queue();
        q.begin_turn(1, 4, 0);
        q.segment_ready(1, 0, 10, 1);
        q.segment_ready(1, 2, 10, 1);
        assert!(q.segment_failed(1, 1, 2).is_empty());
        assert_eq!(q.playback_ended(1, 0, 3), vec![Play { turn: 1, seq: 2 }]);
        // Decoding the playing one failed: same as ended.
        assert!(q.segment_failed(1, 2, 4).is_empty());
        assert_eq!(q.status(), QueueStatus::Waiting { turn: 1, seq: 3 });
        assert!(q.segment_failed(1, 3, 5).is_empty());
        assert_eq!(q.status(), QueueStatus::Idle);
    }

    #[test]
    fn failing_a_buffered_segment_discards_it() {
        let mut q = queue();
        q.begin_turn(1, 3, 0);
        q.segment_ready(1, 1, 10, 0);
        assert_eq!(q.segment_failed(1, 1, 1), vec![Discard { turn: 1, seq: 1 }]);
        assert_eq!(q.segment_ready(1, 1, 10, 2), vec![Discard { turn: 1, seq: 1 }]);
        assert_eq!(q.segment_ready(1, 0, 10, 3), vec![Play { turn: 1, seq: 0 }]);
        assert!(q.playback_ended(1, 0, 4).is_empty(), "seq 1 skipped, seq 2 not here yet");
        assert_eq!(q.status(), QueueStatus::Waiting { turn: 1, seq: 2 });
    }

    #[test]
    fn buffer_bounds_discard_and_skip() {
        let config = QueueConfig { segment_timeout_ms: 4000, max_segments: 2, max_bytes: 100 };
        let mut q = AudioQueue::new(config);
        q.begin_turn(1, 6, 0);
        assert!(q.segment_ready(1, 1, 40, 0).is_empty());
        assert!(q.segment_ready(1, 2, 40, 0).is_empty());
        assert_eq!(q.segment_ready(1, 3, 10, 0), vec![Discard { turn: 1, seq: 3 }], "count");
        assert_eq!(q.buffered_segments(), 2);
        // The due segment is not buffered, so it plays even when the buffer is full.
        assert_eq!(q.segment_ready(1, 0, 90, 0), vec![Play { turn: 1, seq: 0 }]);
        assert_eq!(q.playback_ended(1, 0, 1), vec![Play { turn: 1, seq: 1 }]);
        assert_eq!(q.segment_ready(1, 4, 70, 1), vec![Discard { turn: 1, seq: 4 }], "bytes");
        assert!(q.buffered_bytes() <= 100);
        assert_eq!(q.playback_ended(1, 1, 2), vec![Play { turn: 1, seq: 2 }]);
        // 3 and 4 were skipped: after 2 comes 5.
        assert!(q.playback_ended(1, 2, 3).is_empty());
        assert_eq!(q.status(), QueueStatus::Waiting { turn: 1, seq: 5 });
        // One segment larger than the whole budget is treated as broken.
        assert_eq!(q.segment_ready(1, 5, 1000, 4), vec![Discard { turn: 1, seq: 5 }]);
        assert_eq!(q.status(), QueueStatus::Idle);
    }

    #[test]
    fn invalid_calls_are_ignored_safely() {
        let mut q = queue();
        assert!(q.playback_ended(1, 0, 0).is_empty());
        assert!(q.segment_failed(1, 0, 0).is_empty());
        assert!(q.tick(u64::MAX).is_empty());
        assert!(q.barge_in(0).is_empty());
        assert_eq!(q.segment_ready(1, 0, 1, 0), vec![Discard { turn: 1, seq: 0 }]);
        q.begin_turn(1, 2, 0);
        assert_eq!(
            q.segment_ready(1, 2, 1, 0),
            vec![Discard { turn: 1, seq: 2 }],
            "seq >= segments"
        );
        assert_eq!(q.segment_ready(1, u16::MAX, 1, 0), vec![Discard { turn: 1, seq: u16::MAX }]);
        assert!(q.segment_ready(1, 1, 1, 0).is_empty());
        assert_eq!(q.segment_ready(1, 1, 1, 0), vec![Discard { turn: 1, seq: 1 }], "duplicate");
        assert!(q.playback_ended(1, 1, 0).is_empty(), "not playing");
        assert_eq!(q.segment_ready(1, 0, 1, 0), vec![Play { turn: 1, seq: 0 }]);
        assert_eq!(
            q.segment_ready(1, 0, 1, 0),
            vec![Discard { turn: 1, seq: 0 }],
            "duplicate of playing"
        );
        assert!(q.playback_ended(1, 0, u64::MAX).len() == 1);
        assert!(q.tick(0).is_empty(), "time going backwards is harmless");
        // A turn with no segments is over at once.
        assert_eq!(q.begin_turn(2, 0, 0), vec![Stop { turn: 1, seq: 1 }]);
        assert_eq!(q.status(), QueueStatus::Idle);
        assert!(q.begin_turn(u32::MAX, u16::MAX, 0).is_empty());
        assert_eq!(q.status(), QueueStatus::Waiting { turn: u32::MAX, seq: 0 });
        assert_eq!(q.segment_ready(u32::MAX, u16::MAX - 1, 1, 0).len(), 0);
        assert!(q.tick(10_000).is_empty());
        assert_eq!(q.status(), QueueStatus::Waiting { turn: u32::MAX, seq: 1 });
    }

    #[test]
    fn actions_and_status_serialize_for_javascript() {
        let json = serde_json::to_string(&Play { turn: 3, seq: 1 }).unwrap();
        assert_eq!(json, r#"{"action":"play","turn":3,"seq":1}"#);
        let json = serde_json::to_string(&QueueStatus::Waiting { turn: 3, seq: 2 }).unwrap();
        assert_eq!(json, r#"{"status":"waiting","turn":3,"seq":2}"#);
        assert_eq!(serde_json::to_string(&QueueStatus::Idle).unwrap(), r#"{"status":"idle"}"#);
        let mut q = queue();
        q.begin_turn(1, 3, 0);
        q.segment_ready(1, 2, 5, 0);
        let restored: AudioQueue =
            serde_json::from_str(&serde_json::to_string(&q).unwrap()).unwrap();
        assert_eq!(restored, q);
    }

    #[derive(Debug, Clone)]
    enum Op {
        Begin { segments: u16 },
        Ready { turn_back: u32, seq: u16, bytes: usize },
        Fail { turn_back: u32, seq: u16 },
        End,
        EndWrong { seq: u16 },
        BargeIn,
        Tick { ms: u64 },
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            1 => (0u16..8).prop_map(|segments| Op::Begin { segments }),
            8 => (0u32..3, 0u16..9, 0usize..400).prop_map(|(turn_back, seq, bytes)| Op::Ready { turn_back, seq, bytes }),
            2 => (0u32..3, 0u16..9).prop_map(|(turn_back, seq)| Op::Fail { turn_back, seq }),
            5 => Just(Op::End),
            1 => (0u16..9).prop_map(|seq| Op::EndWrong { seq }),
            1 => Just(Op::BargeIn),
            3 => (0u64..6000).prop_map(|ms| Op::Tick { ms }),
        ]
    }

    /// What JavaScript would see, with the invariants checked on every action.
    #[derive(Default)]
    struct Js {
        playing: Option<(u32, u16)>,
        last_played: Map<u32, u16>,
        played: BTreeSet<(u32, u16)>,
        cancelled: BTreeSet<u32>,
        /// Arrivals not yet answered by Play or Discard.
        held: Vec<(u32, u16)>,
    }

    impl Js {
        fn apply(&mut self, actions: &[Action]) -> Result<(), TestCaseError> {
            for action in actions {
                match *action {
                    Play { turn, seq } => {
                        prop_assert!(
                            self.playing.is_none(),
                            "two playing: {:?} and {action:?}",
                            self.playing
                        );
                        prop_assert!(
                            !self.cancelled.contains(&turn),
                            "cancelled turn plays: {action:?}"
                        );
                        prop_assert!(self.played.insert((turn, seq)), "played twice: {action:?}");
                        if let Some(last) = self.last_played.get(&turn) {
                            prop_assert!(seq > *last, "out of order: {seq} after {last}");
                        }
                        self.last_played.insert(turn, seq);
                        self.release(turn, seq)?;
                        self.playing = Some((turn, seq));
                    }
                    Stop { turn, seq } => {
                        prop_assert_eq!(
                            self.playing,
                            Some((turn, seq)),
                            "stopped what is not playing"
                        );
                        self.playing = None;
                    }
                    Discard { turn, seq } => self.release(turn, seq)?,
                }
            }
            Ok(())
        }

        fn release(&mut self, turn: u32, seq: u16) -> Result<(), TestCaseError> {
            let found = self.held.iter().position(|h| *h == (turn, seq));
            prop_assert!(found.is_some(), "answered an arrival that never happened: {turn}/{seq}");
            if let Some(i) = found {
                self.held.swap_remove(i);
            }
            Ok(())
        }
    }

    fn check_bounds(q: &AudioQueue) -> Result<(), TestCaseError> {
        prop_assert!(q.buffered_segments() <= q.config().max_segments);
        prop_assert!(q.buffered_bytes() <= q.config().max_bytes);
        Ok(())
    }

    proptest! {
        // No regression files: they would land at the top of the repository.
        #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn random_interleavings_keep_the_invariants(
            ops in proptest::collection::vec(op(), 0..80),
            max_segments in 1usize..5,
            max_bytes in 100usize..1000,
        ) {
            let config = QueueConfig { segment_timeout_ms: 4000, max_segments, max_bytes };
            let mut q = AudioQueue::new(config);
            let mut js = Js::default();
            let mut now = 0u64;
            let mut turn = 0u32;
            let mut segments = 0u16;
            for op in ops {
                now += 1;
                let actions = match op {
                    Op::Begin { segments: n } => {
                        let previous = turn;
                        turn += 1;
                        segments = n;
                        js.cancelled.insert(previous);
                        q.begin_turn(turn, n, now)
                    }
                    Op::Ready { turn_back, seq, bytes } => {
                        let t = turn.saturating_sub(turn_back);
                        js.held.push((t, seq));
                        q.segment_ready(t, seq, bytes, now)
                    }
                    Op::Fail { turn_back, seq } => {
                        let t = turn.saturating_sub(turn_back);
                        // Failing the playing one (decode error mid-play) means JS stopped it.
                        if js.playing == Some((t, seq)) {
                            js.playing = None;
                        }
                        q.segment_failed(t, seq, now)
                    }
                    Op::End => match js.playing {
                        Some((t, s)) => {
                            js.playing = None;
                            q.playback_ended(t, s, now)
                        }
                        None => Vec::new(),
                    },
                    Op::EndWrong { seq } => {
                        if js.playing == Some((turn, seq)) { Vec::new() } else { q.playback_ended(turn, seq, now) }
                    }
                    Op::BargeIn => {
                        let actions = q.barge_in(now);
                        js.cancelled.insert(turn);
                        actions
                    }
                    Op::Tick { ms } => {
                        now += ms;
                        q.tick(now)
                    }
                };
                js.apply(&actions)?;
                check_bounds(&q)?;
                // Status agrees with what JS is doing.
                match q.status() {
                    QueueStatus::Speaking { turn: t, seq } => prop_assert_eq!(js.playing, Some((t, seq))),
                    _ => prop_assert_eq!(js.playing, None),
                }
            }

            // Every remaining segment of the current turn arrives or fails: the queue must
            // reach Idle after enough ends and ticks, with nothing left buffered.
            for seq in 0..segments {
                now += 1;
                let actions = if seq % 3 == 2 {
                    if js.playing == Some((turn, seq)) {
                        js.playing = None;
                    }
                    q.segment_failed(turn, seq, now)
                } else {
                    js.held.push((turn, seq));
                    q.segment_ready(turn, seq, 1, now)
                };
                js.apply(&actions)?;
                check_bounds(&q)?;
            }
            let mut steps = 0;
            while q.status() != QueueStatus::Idle {
                steps += 1;
                prop_assert!(steps < 1000, "stalled: {:?}", q.status());
                now += 5000;
                let actions = match js.playing.take() {
                    Some((t, s)) => q.playback_ended(t, s, now),
                    None => q.tick(now),
                };
                js.apply(&actions)?;
            }
            prop_assert_eq!(js.playing, None);
            prop_assert_eq!(q.buffered_segments(), 0);
            prop_assert!(js.held.is_empty(), "arrivals never answered: {:?}", js.held);
        }
    }
}
