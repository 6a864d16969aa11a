//! Hands-free talking: when the caller is speaking, when a turn is over, and what Alex does
//! when the caller talks over him. Pure and clock-free like the rest of the core: audio frames
//! and transcripts in, decisions out; time is counted in audio frames (16 ms each).
//!
//! - [`resample`]: the browser's microphone rate to the detector's 16 kHz frames.
//! - [`vad`]: speech or not per frame (`earshot`), the start/end hysteresis and the pre-roll.
//! - [`words`]: backchannels, interrupting words and phrases left hanging.
//! - [`turns`]: turn taking: barge-in, ducking, false interruptions, silence re-prompts.
//! - [`wav`]: an utterance as a WAV file for the recogniser.

pub mod resample;
pub mod turns;
pub mod vad;
pub mod wav;
pub mod words;
