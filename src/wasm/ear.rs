//! The `ear` package (`pkg/ear`, built with `--features ear`): `VoiceActivity`, hands-free
//! talking. The app's AudioWorklet pushes microphone samples; this answers with what to do
//! (duck, pause, resume or cut Alex's voice, send an utterance to the recogniser, answer a
//! turn, re-prompt). The decisions are the core's ([`crate::voice`]); this only converts.
//!
//! Why a package of its own: the voice-activity detector's network weights and tables are
//! about 45 KB of the download (brotli), more than the page's budget leaves, and a caller who
//! only types never needs them. The app loads this package when the caller starts a call.

use super::options::Options;
use super::{js_error, to_ts};
use crate::voice::resample::RATE;
use crate::voice::turns::{Ear, TurnConfig, TurnEvent, TurnTaking};
use crate::voice::vad::{self, VadConfig};
use crate::voice::wav;
use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

/// `new VoiceActivity(options?)`: every field optional, defaults from the core.
#[derive(Debug, Clone, Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", default)]
pub struct VoiceOptions {
    /// The microphone's sample rate (the AudioContext's); 16000 by default.
    #[tsify(optional)]
    pub sample_rate: Option<u32>,
    /// Where words come from: "interim" (browser recognition) or "after_utterance" (server).
    #[tsify(optional)]
    pub ear: Option<Ear>,
    #[tsify(optional)]
    pub start_ms: Option<u32>,
    #[tsify(optional)]
    pub end_ms: Option<u32>,
    #[tsify(optional)]
    pub hanging_end_ms: Option<u32>,
    #[tsify(optional)]
    pub pre_roll_ms: Option<u32>,
    #[tsify(optional)]
    pub max_utterance_ms: Option<u32>,
    #[tsify(optional)]
    pub barge_in_ms: Option<u32>,
    #[tsify(optional)]
    pub barge_in_wordless_ms: Option<u32>,
    #[tsify(optional)]
    pub false_interruption_ms: Option<u32>,
    #[tsify(optional)]
    pub reprompt_ms: Option<u32>,
}

/// What the app does, in order (see the core's `TurnEvent`).
#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
#[serde(transparent)]
pub struct VoiceEventList(pub Vec<TurnEvent>);

type Events = Result<Ts<VoiceEventList>, js_sys::Error>;

fn events(list: Vec<TurnEvent>) -> Events {
    to_ts(&VoiceEventList(list))
}

#[wasm_bindgen]
pub struct VoiceActivity {
    vad: vad::VoiceActivity,
    turns: TurnTaking,
}

#[wasm_bindgen]
impl VoiceActivity {
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<Ts<VoiceOptions>>) -> Result<VoiceActivity, js_sys::Error> {
        let given = options.map(JsValue::from).map(|v| Options::read(v, "VoiceActivity options"));
        let (mut vad_config, mut turn_config) = (VadConfig::default(), TurnConfig::default());
        let (mut rate, mut ear) = (RATE, Ear::AfterUtterance);
        if let Some(o) = given.transpose()?.flatten() {
            let ms = |key: &str| -> Result<Option<u32>, js_sys::Error> {
                o.whole_number(key)?
                    .map(|n| {
                        u32::try_from(n).map_err(|_| o.invalid(&format!("{key} is too large")))
                    })
                    .transpose()
            };
            let set = |target: &mut u32, key: &str| -> Result<(), js_sys::Error> {
                if let Some(value) = ms(key)? {
                    *target = value;
                }
                Ok(())
            };
            set(&mut rate, "sampleRate")?;
            set(&mut vad_config.start_ms, "startMs")?;
            set(&mut vad_config.end_ms, "endMs")?;
            set(&mut vad_config.hanging_end_ms, "hangingEndMs")?;
            set(&mut vad_config.pre_roll_ms, "preRollMs")?;
            set(&mut vad_config.max_utterance_ms, "maxUtteranceMs")?;
            set(&mut turn_config.barge_in_ms, "bargeInMs")?;
            set(&mut turn_config.barge_in_wordless_ms, "bargeInWordlessMs")?;
            set(&mut turn_config.false_interruption_ms, "falseInterruptionMs")?;
            set(&mut turn_config.reprompt_ms, "repromptMs")?;
            if let Some(name) = o.text("ear")? {
                ear = ear_named(&name)
                    .ok_or_else(|| o.invalid("ear must be \"interim\" or \"after_utterance\""))?;
            }
        }
        Ok(VoiceActivity {
            vad: vad::VoiceActivity::new(rate, vad_config),
            turns: TurnTaking::new(turn_config, ear),
        })
    }

    /// Microphone samples at the sample rate given (any count; a worklet's 128 or more).
    pub fn push(&mut self, samples: &[f32]) -> Events {
        let mut out = Vec::new();
        for event in self.vad.push(samples) {
            out.extend(self.turns.on_vad(event));
        }
        out.extend(self.turns.tick(self.vad.now_ms(), self.vad.voiced()));
        events(out)
    }

    /// Interim words of the utterance under way (browser recognition).
    pub fn words(&mut self, text: &str) -> Events {
        self.vad.set_words(text);
        events(self.turns.words(text))
    }

    /// The transcript of the last utterance ("" when nothing was heard or recognition failed).
    pub fn heard(&mut self, text: &str) -> Events {
        events(self.turns.heard(text))
    }

    /// Alex's voice started playing.
    #[wasm_bindgen(js_name = alexStarted)]
    pub fn alex_started(&mut self) -> Events {
        events(self.turns.alex_started())
    }

    /// Alex's reply played to its end (starts the silence re-prompt clock).
    #[wasm_bindgen(js_name = alexFinished)]
    pub fn alex_finished(&mut self) -> Events {
        events(self.turns.alex_finished())
    }

    /// The app stopped Alex itself (typed input, mute, new booking).
    #[wasm_bindgen(js_name = alexStopped)]
    pub fn alex_stopped(&mut self) {
        self.turns.alex_stopped();
    }

    /// The caller typed or tapped an answer.
    #[wasm_bindgen(js_name = callerActed)]
    pub fn caller_acted(&mut self) {
        self.turns.caller_acted();
    }

    /// The recogniser changed (a server failure falls back to the browser's, or back).
    #[wasm_bindgen(js_name = setEar)]
    pub fn set_ear(&mut self, ear: Ts<Ear>) -> Result<(), js_sys::Error> {
        let name = JsValue::from(ear).as_string().unwrap_or_default();
        let ear = ear_named(&name)
            .ok_or_else(|| js_error("ear must be \"interim\" or \"after_utterance\""))?;
        self.turns.set_ear(ear);
        Ok(())
    }

    /// The last utterance as a 16 kHz mono WAV file (with its pre-roll), once.
    #[wasm_bindgen(js_name = takeUtterance)]
    pub fn take_utterance(&mut self) -> Option<Vec<u8>> {
        self.vad.take_utterance().map(|samples| wav::encode(&samples, RATE))
    }

    /// The input level of the last frame, 0..1 (for the meter).
    #[wasm_bindgen(getter)]
    pub fn level(&self) -> f32 {
        self.vad.level()
    }

    /// Milliseconds of microphone audio analysed so far (the clock of every event).
    #[wasm_bindgen(getter, js_name = nowMs)]
    pub fn now_ms(&self) -> f64 {
        self.vad.now_ms() as f64
    }

    /// Whether the caller is talking (or may be starting to).
    #[wasm_bindgen(getter, js_name = inSpeech)]
    pub fn in_speech(&self) -> bool {
        self.vad.in_speech()
    }
}

fn ear_named(name: &str) -> Option<Ear> {
    match name {
        "interim" => Some(Ear::Interim),
        "after_utterance" => Some(Ear::AfterUtterance),
        _ => None,
    }
}
