//! Voice activity: is the caller talking, from the microphone's samples alone.
//!
//! Two parts. [`SpeechGate`] is the hysteresis over per-frame speech scores: a start needs
//! speech for [`VadConfig::start_ms`] (a click or a cough is shorter), an end needs silence for
//! [`VadConfig::end_ms`], longer when the caller's words so far end mid-phrase ("from", "on
//! the"), because a caller who stops there is still thinking. [`VoiceActivity`] feeds it: the
//! browser's samples become 16 kHz frames ([`super::resample`]), `earshot` (a small neural
//! detector in pure Rust) scores each frame, and the audio of each utterance is kept from
//! [`VadConfig::pre_roll_ms`] before its first speech frame, so the first syllable reaches the
//! recogniser even though the start is only confirmed later.
//!
//! Time is counted in frames (16 ms each), never read from a clock: the same samples give the
//! same events, which is what makes this testable on recorded audio.

use super::resample::{Framer, FRAME, FRAME_MS, RATE};
use super::words::ends_mid_phrase;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// The gate's settings. Times are rounded up to whole 16 ms frames.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct VadConfig {
    /// A frame scoring at least this is speech when the caller is quiet.
    pub threshold: f32,
    /// Once talking, frames scoring at least this still count as speech (hysteresis).
    pub keep_threshold: f32,
    /// Speech needed before the caller counts as talking.
    pub start_ms: u32,
    /// Silence inside a start that is not yet confirmed which drops it (a blip).
    pub start_gap_ms: u32,
    /// Silence that ends an utterance.
    pub end_ms: u32,
    /// Silence that ends an utterance whose words so far end mid-phrase.
    pub hanging_end_ms: u32,
    /// Audio kept from before the first speech frame.
    pub pre_roll_ms: u32,
    /// An utterance this long ends even if the caller goes on (the recogniser's limit).
    pub max_utterance_ms: u32,
}

impl Default for VadConfig {
    fn default() -> Self {
        VadConfig {
            // Measured on espeak-ng speech and sox noise (tests/voice_speech.rs): speech scores
            // 0.8-1.0 and 0.6 between words; steady noise 0.1-0.5, loud rumble peaks at 0.7.
            threshold: 0.7,
            keep_threshold: 0.5,
            start_ms: 200,
            start_gap_ms: 100,
            end_ms: 500,
            hanging_end_ms: 2_000,
            pre_roll_ms: 300,
            max_utterance_ms: 30_000,
        }
    }
}

impl VadConfig {
    /// The same settings with every value in a range that makes sense (NaN thresholds become
    /// the defaults, the end never waits more than 3 s mid-phrase, and so on).
    pub fn sanitized(self) -> VadConfig {
        let d = VadConfig::default();
        let unit = |v: f32, or: f32| if v.is_finite() { v.clamp(0.01, 0.99) } else { or };
        let threshold = unit(self.threshold, d.threshold);
        let end_ms = self.end_ms.clamp(FRAME_MS, 3_000);
        VadConfig {
            threshold,
            keep_threshold: unit(self.keep_threshold, d.keep_threshold).min(threshold),
            start_ms: self.start_ms.clamp(FRAME_MS, 2_000),
            start_gap_ms: self.start_gap_ms.min(1_000),
            end_ms,
            hanging_end_ms: self.hanging_end_ms.clamp(end_ms, 3_000),
            pre_roll_ms: self.pre_roll_ms.min(1_000),
            max_utterance_ms: self.max_utterance_ms.clamp(1_000, 60_000),
        }
    }
}

/// What the gate saw. Times are milliseconds of audio since the stream began.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum VadEvent {
    /// A speech frame after quiet: the caller may be starting (time to duck Alex's voice).
    Onset { onset_ms: u64 },
    /// Speech has lasted `start_ms`: the caller is talking.
    Start { onset_ms: u64, at_ms: u64 },
    /// What began at `onset_ms` died out before it lasted `start_ms` (a click, a cough).
    Blip { onset_ms: u64, at_ms: u64 },
    /// Silence lasted the hang-over (or the utterance reached its cap): the utterance that
    /// began at `onset_ms` is over; its last speech frame ended at `speech_end_ms`.
    End { onset_ms: u64, speech_end_ms: u64, at_ms: u64, capped: bool },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    Quiet,
    /// Speech began at frame `first`; `speech` frames of it so far, `silent` quiet in a row.
    Starting {
        first: u64,
        speech: u32,
        silent: u32,
    },
    /// The caller talks since frame `first`; `silent` quiet frames in a row since the last
    /// speech frame.
    Talking {
        first: u64,
        silent: u32,
    },
}

fn frames_for(ms: u32) -> u32 {
    ms.div_ceil(FRAME_MS)
}

fn ms_at(frame: u64) -> u64 {
    frame.saturating_mul(u64::from(FRAME_MS))
}

/// The hysteresis over per-frame speech scores (pure: scores in, events out).
#[derive(Debug, Clone)]
pub struct SpeechGate {
    config: VadConfig,
    gate: Gate,
    /// Frames scored so far (the clock).
    frames: u64,
    /// The last frame counted as speech.
    voiced: bool,
    /// The caller's words so far end mid-phrase: wait longer before ending.
    hanging: bool,
}

impl SpeechGate {
    pub fn new(config: VadConfig) -> Self {
        SpeechGate {
            config: config.sanitized(),
            gate: Gate::Quiet,
            frames: 0,
            voiced: false,
            hanging: false,
        }
    }

    pub fn config(&self) -> VadConfig {
        self.config
    }

    /// Milliseconds of audio scored so far.
    pub fn now_ms(&self) -> u64 {
        ms_at(self.frames)
    }

    /// Whether the last frame counted as speech (a pause inside an utterance does not).
    pub fn voiced(&self) -> bool {
        self.voiced
    }

    /// Whether an utterance is under way (started or about to).
    pub fn in_speech(&self) -> bool {
        self.gate != Gate::Quiet
    }

    /// The words heard so far in this utterance (interim); they set how long the end waits.
    pub fn set_words(&mut self, words: &str) {
        self.hanging = self.gate != Gate::Quiet && ends_mid_phrase(words);
    }

    /// The score of the next frame (NaN counts as silence).
    pub fn push_score(&mut self, score: f32) -> Option<VadEvent> {
        let frame = self.frames;
        self.frames = self.frames.saturating_add(1);
        let c = &self.config;
        let speech = |threshold: f32| score.is_finite() && score >= threshold;
        self.voiced = speech(if self.gate == Gate::Quiet { c.threshold } else { c.keep_threshold });
        let (next, event) = match self.gate {
            Gate::Quiet if speech(c.threshold) => {
                let next = Gate::Starting { first: frame, speech: 1, silent: 0 };
                (next, Some(VadEvent::Onset { onset_ms: ms_at(frame) }))
            }
            Gate::Quiet => (Gate::Quiet, None),
            Gate::Starting { first, speech: count, silent } => {
                let (count, silent) =
                    if speech(c.keep_threshold) { (count + 1, 0) } else { (count, silent + 1) };
                if count >= frames_for(c.start_ms) {
                    let at_ms = self.now_ms();
                    (
                        Gate::Talking { first, silent },
                        Some(VadEvent::Start { onset_ms: ms_at(first), at_ms }),
                    )
                } else if silent > frames_for(c.start_gap_ms) {
                    let at_ms = self.now_ms();
                    (Gate::Quiet, Some(VadEvent::Blip { onset_ms: ms_at(first), at_ms }))
                } else {
                    (Gate::Starting { first, speech: count, silent }, None)
                }
            }
            Gate::Talking { first, silent } => {
                let silent = if speech(c.keep_threshold) { 0 } else { silent + 1 };
                let wait = if self.hanging { c.hanging_end_ms } else { c.end_ms };
                let capped = ms_at(self.frames - first) >= u64::from(c.max_utterance_ms);
                if silent >= frames_for(wait) || capped {
                    let event = VadEvent::End {
                        onset_ms: ms_at(first),
                        speech_end_ms: ms_at(self.frames - u64::from(silent)),
                        at_ms: self.now_ms(),
                        capped: capped && silent < frames_for(wait),
                    };
                    (Gate::Quiet, Some(event))
                } else {
                    (Gate::Talking { first, silent }, None)
                }
            }
        };
        if next == Gate::Quiet {
            self.hanging = false;
        }
        self.gate = next;
        event
    }
}

/// The microphone's voice activity: samples in, [`VadEvent`]s out, plus each utterance's
/// audio (16 kHz, with its pre-roll) and a level for the meter.
pub struct VoiceActivity {
    framer: Framer,
    detector: Box<earshot::Detector>,
    gate: SpeechGate,
    /// 16 kHz samples: the last `pre_roll_ms` while quiet; the utterance so far while talking.
    audio: VecDeque<i16>,
    /// The last utterance that ended, until taken.
    finished: Option<Vec<i16>>,
    /// RMS level of the last frame, 0..1 on a log scale (-60 dBFS .. 0).
    level: f32,
    /// The detector's score of the last frame.
    score: f32,
}

/// Trailing silence kept after the last speech frame (a recogniser likes a little).
const TAIL_MS: u32 = 200;

impl VoiceActivity {
    pub fn new(input_rate: u32, config: VadConfig) -> Self {
        VoiceActivity {
            framer: Framer::new(input_rate),
            detector: earshot::Detector::default_boxed(),
            gate: SpeechGate::new(config),
            audio: VecDeque::new(),
            finished: None,
            level: 0.0,
            score: 0.0,
        }
    }

    pub fn config(&self) -> VadConfig {
        self.gate.config()
    }

    /// Milliseconds of 16 kHz audio analysed so far.
    pub fn now_ms(&self) -> u64 {
        self.gate.now_ms()
    }

    pub fn level(&self) -> f32 {
        self.level
    }

    pub fn score(&self) -> f32 {
        self.score
    }

    pub fn in_speech(&self) -> bool {
        self.gate.in_speech()
    }

    /// See [`SpeechGate::voiced`].
    pub fn voiced(&self) -> bool {
        self.gate.voiced()
    }

    /// See [`SpeechGate::set_words`].
    pub fn set_words(&mut self, words: &str) {
        self.gate.set_words(words);
    }

    /// Samples at the input rate, any count (a worklet's 128, or none).
    pub fn push(&mut self, samples: &[f32]) -> Vec<VadEvent> {
        let mut frames = Vec::new();
        self.framer.push(samples, |frame| frames.push(*frame));
        frames.iter().filter_map(|frame| self.push_frame(frame)).collect()
    }

    /// The audio of the last utterance that ended (once; `None` when there is none).
    pub fn take_utterance(&mut self) -> Option<Vec<i16>> {
        self.finished.take()
    }

    fn push_frame(&mut self, frame: &[f32; FRAME]) -> Option<VadEvent> {
        let energy: f32 = frame.iter().map(|s| s * s).sum::<f32>() / FRAME as f32;
        let db = 10.0 * energy.max(1e-10).log10();
        self.level = ((db + 60.0) / 60.0).clamp(0.0, 1.0);
        self.score = self.detector.predict_f32(frame);
        self.audio.extend(frame.iter().map(|s| (s * 32_767.0) as i16));
        let event = self.gate.push_score(self.score);
        let config = self.gate.config();
        let per_ms = (RATE / 1000) as usize;
        match event {
            Some(VadEvent::End { speech_end_ms, at_ms, .. }) => {
                // At most the longest wait for the end (3 s), so the cast cannot truncate.
                let after = at_ms.saturating_sub(speech_end_ms).min(60_000) as usize;
                let cut = after.saturating_sub(TAIL_MS as usize) * per_ms;
                let keep = self.audio.len().saturating_sub(cut);
                let utterance: Vec<i16> = self.audio.iter().take(keep).copied().collect();
                self.finished = Some(utterance);
                self.trim(config.pre_roll_ms as usize * per_ms);
            }
            _ if !self.gate.in_speech() => self.trim(config.pre_roll_ms as usize * per_ms),
            _ => {}
        }
        event
    }

    fn trim(&mut self, keep: usize) {
        let extra = self.audio.len().saturating_sub(keep);
        self.audio.drain(..extra);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEECH: f32 = 0.9;
    const QUIET: f32 = 0.05;

    /// Scores for `ms` of audio (rounded to frames).
    fn run(score: f32, ms: u32) -> Vec<f32> {
        vec![score; (ms / FRAME_MS) as usize]
    }

    fn events(gate: &mut SpeechGate, scores: &[f32]) -> Vec<VadEvent> {
        scores.iter().filter_map(|s| gate.push_score(*s)).collect()
    }

    #[test]
    fn speech_starts_after_200_ms_and_ends_after_500_ms_of_silence() {
        let mut gate = SpeechGate::new(VadConfig::default());
        let scores = [run(QUIET, 800), run(SPEECH, 1_200), run(QUIET, 1_000)].concat();
        let got = events(&mut gate, &scores);
        assert_eq!(
            got,
            vec![
                VadEvent::Onset { onset_ms: 800 },
                VadEvent::Start { onset_ms: 800, at_ms: 1_008 },
                VadEvent::End { onset_ms: 800, speech_end_ms: 2_000, at_ms: 2_512, capped: false },
            ]
        );
    }

    #[test]
    fn a_short_burst_is_a_blip_not_a_start() {
        let mut gate = SpeechGate::new(VadConfig::default());
        let scores = [run(QUIET, 160), run(SPEECH, 112), run(QUIET, 500)].concat();
        let got = events(&mut gate, &scores);
        assert_eq!(
            got,
            vec![VadEvent::Onset { onset_ms: 160 }, VadEvent::Blip { onset_ms: 160, at_ms: 400 }]
        );
    }

    #[test]
    fn short_pauses_inside_speech_do_not_end_it() {
        let mut gate = SpeechGate::new(VadConfig::default());
        let mut scores = run(QUIET, 160);
        for _ in 0..4 {
            scores.extend(run(SPEECH, 400));
            scores.extend(run(QUIET, 320)); // a breath between words
        }
        scores.extend(run(QUIET, 600));
        let got = events(&mut gate, &scores);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(
            matches!(got[2], VadEvent::End { onset_ms: 160, speech_end_ms: 2_720, .. }),
            "{got:?}"
        );
    }

    #[test]
    fn two_utterances_apart_are_two() {
        let mut gate = SpeechGate::new(VadConfig::default());
        let one = [run(SPEECH, 600), run(QUIET, 1_000)].concat();
        let got = events(&mut gate, &[one.clone(), one].concat());
        let ends: Vec<_> = got.iter().filter(|e| matches!(e, VadEvent::End { .. })).collect();
        assert_eq!(ends.len(), 2, "{got:?}");
        assert!(matches!(got[3], VadEvent::Onset { onset_ms: 1_584 }), "{got:?}");
    }

    #[test]
    fn a_hanging_phrase_waits_longer_for_the_rest() {
        let end_after = |words: &str| {
            let mut gate = SpeechGate::new(VadConfig::default());
            let mut got = events(&mut gate, &run(SPEECH, 800));
            gate.set_words(words);
            got.extend(events(&mut gate, &run(QUIET, 3_000)));
            got.iter().find_map(|e| match e {
                VadEvent::End { speech_end_ms, at_ms, .. } => Some(at_ms - speech_end_ms),
                _ => None,
            })
        };
        assert_eq!(end_after("I want to fly to Denver"), Some(512));
        assert_eq!(end_after("I want to fly from"), Some(2_000));
        assert_eq!(end_after("leaving on the"), Some(2_000));
        // ... and the caller who goes on after the pause is one utterance.
        let mut gate = SpeechGate::new(VadConfig::default());
        events(&mut gate, &run(SPEECH, 800));
        gate.set_words("from");
        let mut got = events(&mut gate, &[run(QUIET, 1_500), run(SPEECH, 500)].concat());
        gate.set_words("from Boston");
        got.extend(events(&mut gate, &run(QUIET, 600)));
        assert_eq!(got.iter().filter(|e| matches!(e, VadEvent::End { .. })).count(), 1, "{got:?}");
    }

    #[test]
    fn a_long_monologue_is_cut_at_the_cap() {
        let config = VadConfig { max_utterance_ms: 2_000, ..VadConfig::default() };
        let mut gate = SpeechGate::new(config);
        let got = events(&mut gate, &run(SPEECH, 5_000));
        let ends: Vec<_> =
            got.iter().filter(|e| matches!(e, VadEvent::End { capped: true, .. })).collect();
        assert_eq!(ends.len(), 2, "{got:?}");
    }

    #[test]
    fn nan_scores_are_silence_and_odd_settings_are_tamed() {
        let mut gate = SpeechGate::new(VadConfig {
            threshold: f32::NAN,
            end_ms: 0,
            hanging_end_ms: u32::MAX,
            start_ms: 0,
            ..VadConfig::default()
        });
        assert_eq!(gate.config().threshold, 0.7);
        assert_eq!(gate.config().hanging_end_ms, 3_000);
        assert!(events(&mut gate, &[f32::NAN; 100]).is_empty());
        assert_eq!(events(&mut gate, &[f32::INFINITY; 10]), vec![]);
    }

    /// A deterministic noise source (no rand crate): xorshift.
    fn noise(len: usize, amplitude: f32, seed: u32) -> Vec<f32> {
        let mut x = seed.max(1);
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x as f32 / u32::MAX as f32 * 2.0 - 1.0) * amplitude
            })
            .collect()
    }

    #[test]
    fn silence_and_steady_noise_never_start_speech() {
        let mut vad = VoiceActivity::new(48_000, VadConfig::default());
        assert!(vad.push(&vec![0.0; 48_000 * 3]).is_empty());
        let got = vad.push(&noise(48_000 * 3, 0.02, 7));
        assert!(got.is_empty(), "white noise: {got:?}");
        assert!(vad.level() > 0.2, "the meter moves with noise: {}", vad.level());
        assert!(vad.take_utterance().is_none());
        // 6 s of audio: 96,000 samples at 16 kHz, 375 frames.
        assert_eq!(vad.now_ms(), 6_000);
    }

    #[test]
    fn any_input_is_taken_without_a_panic() {
        let mut vad = VoiceActivity::new(44_100, VadConfig::default());
        vad.push(&[]);
        vad.push(&[f32::NAN; 5_000]);
        vad.push(&[f32::INFINITY, f32::NEG_INFINITY, 1e30, -1e30].repeat(2_000));
        vad.push(&noise(1_000_000, 40.0, 3));
        assert!(vad.level() <= 1.0 && vad.level() >= 0.0);
        assert!(vad.score().is_finite());
        let mut tiny =
            VoiceActivity::new(0, VadConfig { pre_roll_ms: u32::MAX, ..VadConfig::default() });
        tiny.push(&noise(10_000, 1.0, 9));
    }
}
