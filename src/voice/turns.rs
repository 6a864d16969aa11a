//! Turn taking: what Alex does while the caller talks, as a pure state machine.
//!
//! Inputs are the voice-activity events ([`VadEvent`]), the time (milliseconds of audio, from
//! frame counts), whether Alex's voice is playing, and the caller's words: interim words while
//! they talk when the ear gives them (the browser's recogniser), or only the transcript after
//! the utterance (a server recogniser). Outputs are [`TurnEvent`]s the app carries out.
//!
//! The rules, and why:
//! - Speech over Alex first only lowers his voice ([`TurnEvent::Duck`]): most sounds over a
//!   speaker are short (a cough, "uh-huh") and should not stop him.
//! - Speech that lasts [`TurnConfig::barge_in_ms`] stops him ([`TurnEvent::Pause`]), keeping his
//!   place. Without interim words the minimum is longer ([`TurnConfig::barge_in_wordless_ms`]),
//!   since the words cannot tell a backchannel apart until the utterance is over.
//! - Words decide what the pause was. Interrupting words ("stop", "wait", "no", "hold on")
//!   stop him at once, even before the minimum; backchannel words alone ("okay", "yeah",
//!   "right") never stop him; other words make the pause final ([`TurnEvent::Cut`]).
//! - A pause with no words within [`TurnConfig::false_interruption_ms`] of the speech onset
//!   (noise), or whose transcript is empty or a backchannel, was a false interruption: Alex
//!   goes on where he stopped ([`TurnEvent::Resume`]).
//! - When the caller stops, the utterance goes to the recogniser at once
//!   ([`TurnEvent::Utterance`]); its transcript comes back through [`TurnTaking::heard`] and
//!   becomes a turn to answer ([`TurnEvent::Respond`]) unless it was a backchannel over Alex.
//! - Silence for [`TurnConfig::reprompt_ms`] after Alex finishes asks again gently, then with
//!   a hint ([`TurnEvent::Reprompt`]); then Alex waits.

use super::vad::VadEvent;
use super::words::{classify, WordsKind};
use serde::{Deserialize, Serialize};

/// The timing of turn taking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnConfig {
    /// Speech over Alex lasting this long stops him (interim words available).
    pub barge_in_ms: u32,
    /// The same when words come only after the utterance.
    pub barge_in_wordless_ms: u32,
    /// A pause with no words this long after the onset was a false interruption.
    pub false_interruption_ms: u32,
    /// Silence after Alex finishes before he asks again.
    pub reprompt_ms: u32,
    /// Re-prompts before Alex waits silently (the last one carries the hint).
    pub max_reprompts: u8,
}

impl Default for TurnConfig {
    fn default() -> Self {
        TurnConfig {
            barge_in_ms: 300,
            barge_in_wordless_ms: 500,
            false_interruption_ms: 2_000,
            reprompt_ms: 8_000,
            max_reprompts: 2,
        }
    }
}

impl TurnConfig {
    /// Values kept in a sensible range (the barge-in minimum between 0.2 and 1 s).
    pub fn sanitized(self) -> TurnConfig {
        TurnConfig {
            barge_in_ms: self.barge_in_ms.clamp(200, 1_000),
            barge_in_wordless_ms: self.barge_in_wordless_ms.clamp(200, 1_000),
            false_interruption_ms: self.false_interruption_ms.clamp(500, 10_000),
            reprompt_ms: self.reprompt_ms.clamp(2_000, 120_000),
            max_reprompts: self.max_reprompts.min(5),
        }
    }
}

/// Where the caller's words come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Ear {
    /// Interim words while the caller talks (the browser's speech recognition).
    Interim,
    /// Words only once the utterance is over (a server recogniser).
    AfterUtterance,
}

/// What the app does. Times are milliseconds of microphone audio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum TurnEvent {
    /// Lower Alex's voice: the caller may be starting to talk.
    Duck,
    /// Alex's voice back to full volume.
    Unduck,
    /// Stop Alex's voice now and keep his place: the caller talks over him.
    Pause { onset_ms: u64, at_ms: u64 },
    /// The pause was a false interruption: Alex goes on where he stopped, at full volume.
    Resume,
    /// The interruption stands: the rest of Alex's reply is dropped.
    Cut,
    /// The caller is talking (since `onset_ms`).
    Listening { onset_ms: u64 },
    /// The caller stopped: transcribe the utterance now.
    Utterance { onset_ms: u64, speech_end_ms: u64, at_ms: u64 },
    /// What the caller said is not a turn (a cough, a backchannel over Alex, nothing heard).
    Ignored,
    /// Answer these words as the caller's turn.
    Respond { text: String },
    /// Nothing said since Alex finished: ask again (`attempt` 1 gently, the last with a hint).
    Reprompt { attempt: u8, last: bool },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Alex {
    Silent,
    Speaking,
    /// Stopped by speech that may prove a false interruption (the speech began at `onset_ms`).
    Paused {
        onset_ms: u64,
    },
}

/// The caller's speech under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Speech {
    onset_ms: u64,
    /// Past the start hysteresis.
    started: bool,
    /// Alex was speaking when it began.
    over_alex: bool,
    words: WordsKind,
    /// Judged a false interruption already: it may not stop Alex again.
    dismissed: bool,
}

/// The turn-taking state machine (see the module documentation).
#[derive(Debug, Clone)]
pub struct TurnTaking {
    config: TurnConfig,
    ear: Ear,
    now_ms: u64,
    /// The last frame was speech (the barge-in minimum counts speech still going on).
    voiced: bool,
    alex: Alex,
    ducked: bool,
    speech: Option<Speech>,
    /// An utterance went to the recogniser and its transcript has not come back.
    awaiting: bool,
    /// When Alex finished (the re-prompt clock), if it runs.
    quiet_since: Option<u64>,
    reprompts: u8,
}

type Events = Vec<TurnEvent>;

impl TurnTaking {
    pub fn new(config: TurnConfig, ear: Ear) -> Self {
        TurnTaking {
            config: config.sanitized(),
            ear,
            now_ms: 0,
            voiced: false,
            alex: Alex::Silent,
            ducked: false,
            speech: None,
            awaiting: false,
            quiet_since: None,
            reprompts: 0,
        }
    }

    pub fn config(&self) -> TurnConfig {
        self.config
    }

    pub fn ear(&self) -> Ear {
        self.ear
    }

    /// The ear changed (a recogniser failed and the next one took over).
    pub fn set_ear(&mut self, ear: Ear) {
        self.ear = ear;
    }

    /// Whether Alex's voice should be playing (speaking and not paused by the caller).
    pub fn alex_speaking(&self) -> bool {
        self.alex == Alex::Speaking
    }

    /// Alex's voice started playing a reply (or the re-prompt).
    pub fn alex_started(&mut self) -> Events {
        self.alex = Alex::Speaking;
        self.quiet_since = None;
        let mut out = Vec::new();
        if let Some(speech) = &mut self.speech {
            // The caller is already talking: Alex starts low and this speech may stop him.
            speech.over_alex = true;
            self.duck(&mut out);
        }
        out
    }

    /// Alex's reply played to its end: the re-prompt clock starts.
    pub fn alex_finished(&mut self) -> Events {
        let mut out = Vec::new();
        if self.alex == Alex::Speaking {
            self.alex = Alex::Silent;
            self.unduck(&mut out);
            if self.reprompts < self.config.max_reprompts {
                self.quiet_since = Some(self.now_ms);
            }
        }
        out
    }

    /// The app stopped Alex itself (typed input, mute, a new booking): no re-prompt follows.
    pub fn alex_stopped(&mut self) {
        self.alex = Alex::Silent;
        self.ducked = false;
        self.quiet_since = None;
    }

    /// The caller typed or tapped: that is an answer, so the silence re-prompts start over.
    pub fn caller_acted(&mut self) {
        self.quiet_since = None;
        self.reprompts = 0;
    }

    /// One event of the voice-activity detector.
    pub fn on_vad(&mut self, event: VadEvent) -> Events {
        let mut out = Vec::new();
        match event {
            VadEvent::Onset { onset_ms } => {
                self.now_ms = self.now_ms.max(onset_ms);
                let over_alex = self.alex != Alex::Silent;
                self.speech = Some(Speech {
                    onset_ms,
                    started: false,
                    over_alex,
                    words: WordsKind::Empty,
                    dismissed: false,
                });
                if self.alex == Alex::Speaking {
                    self.duck(&mut out);
                }
            }
            VadEvent::Start { onset_ms, at_ms } => {
                self.now_ms = self.now_ms.max(at_ms);
                if let Some(speech) = &mut self.speech {
                    speech.started = true;
                }
                self.quiet_since = None;
                self.reprompts = 0;
                out.push(TurnEvent::Listening { onset_ms });
                self.check_barge_in(&mut out);
            }
            VadEvent::Blip { at_ms, .. } => {
                self.now_ms = self.now_ms.max(at_ms);
                self.speech = None;
                if self.alex == Alex::Speaking {
                    self.unduck(&mut out);
                }
            }
            VadEvent::End { onset_ms, speech_end_ms, at_ms, .. } => {
                self.now_ms = self.now_ms.max(at_ms);
                let speech = self.speech.take();
                self.speech_ended(speech, onset_ms, speech_end_ms, &mut out);
            }
        }
        out
    }

    fn speech_ended(
        &mut self,
        speech: Option<Speech>,
        onset_ms: u64,
        speech_end_ms: u64,
        out: &mut Events,
    ) {
        let words = speech.map_or(WordsKind::Empty, |s| s.words);
        let dismissed = speech.is_some_and(|s| s.dismissed);
        match self.alex {
            // It never stopped Alex: too short, a backchannel, or already judged noise.
            Alex::Speaking => {
                self.unduck(out);
                out.push(TurnEvent::Ignored);
            }
            Alex::Paused { .. } if self.ear == Ear::Interim && words == WordsKind::Backchannel => {
                self.resume(out);
                out.push(TurnEvent::Ignored);
            }
            _ if dismissed => out.push(TurnEvent::Ignored),
            // Alex silent, or paused waiting for the words: the recogniser decides.
            _ => {
                self.awaiting = true;
                out.push(TurnEvent::Utterance { onset_ms, speech_end_ms, at_ms: self.now_ms });
            }
        }
    }

    /// Time passed (`now_ms` of audio; `voiced`: its last frame was speech): the barge-in
    /// minimum, false interruptions, re-prompts.
    pub fn tick(&mut self, now_ms: u64, voiced: bool) -> Events {
        self.now_ms = self.now_ms.max(now_ms);
        self.voiced = voiced;
        let mut out = Vec::new();
        self.check_barge_in(&mut out);
        if let Alex::Paused { onset_ms } = self.alex {
            let waited = self.now_ms.saturating_sub(onset_ms)
                >= u64::from(self.config.false_interruption_ms);
            let wordless = self
                .speech
                .is_none_or(|s| matches!(s.words, WordsKind::Empty | WordsKind::Backchannel));
            // With interim words, silence of words is the sign; without them, the transcript
            // is (once the speech is over and nothing is awaited, nothing will tell).
            let no_words_coming = match self.ear {
                Ear::Interim => wordless,
                Ear::AfterUtterance => self.speech.is_none() && !self.awaiting,
            };
            if waited && no_words_coming {
                if let Some(speech) = &mut self.speech {
                    speech.dismissed = true;
                }
                self.resume(&mut out);
            }
        }
        if let Some(since) = self.quiet_since {
            let idle = self.alex == Alex::Silent && self.speech.is_none() && !self.awaiting;
            if idle && self.now_ms.saturating_sub(since) >= u64::from(self.config.reprompt_ms) {
                self.reprompts = self.reprompts.saturating_add(1);
                self.quiet_since = None;
                let last = self.reprompts >= self.config.max_reprompts;
                out.push(TurnEvent::Reprompt { attempt: self.reprompts, last });
            }
        }
        out
    }

    /// Interim words of the speech under way.
    pub fn words(&mut self, text: &str) -> Events {
        let mut out = Vec::new();
        let kind = classify(text);
        if let Some(speech) = &mut self.speech {
            speech.words = kind;
            if speech.dismissed && kind.stops_alex() {
                speech.dismissed = false; // words after all: not noise
            }
        }
        if kind.stops_alex() {
            match self.alex {
                Alex::Speaking if self.speech.is_some() => {
                    self.pause(&mut out);
                    self.cut(&mut out);
                }
                Alex::Paused { .. } => self.cut(&mut out),
                _ => {}
            }
        } else {
            self.check_barge_in(&mut out);
        }
        out
    }

    /// The transcript of the last utterance (empty when nothing was heard or the recogniser
    /// failed).
    pub fn heard(&mut self, text: &str) -> Events {
        self.awaiting = false;
        let kind = classify(text);
        let mut out = Vec::new();
        let respond =
            |out: &mut Events| out.push(TurnEvent::Respond { text: text.trim().to_string() });
        match self.alex {
            Alex::Paused { .. } if kind.stops_alex() => {
                self.cut(&mut out);
                if kind.is_turn() {
                    respond(&mut out);
                }
            }
            Alex::Paused { .. } => {
                self.resume(&mut out);
                out.push(TurnEvent::Ignored);
            }
            Alex::Speaking if kind.stops_alex() => {
                self.pause(&mut out);
                self.cut(&mut out);
                if kind.is_turn() {
                    respond(&mut out);
                }
            }
            Alex::Speaking => out.push(TurnEvent::Ignored),
            // Alex is silent: anything said is an answer ("okay" and "yeah" too), except
            // nothing, or only "wait".
            Alex::Silent if matches!(kind, WordsKind::Empty | WordsKind::StopOnly) => {
                out.push(TurnEvent::Ignored)
            }
            Alex::Silent => respond(&mut out),
        }
        out
    }

    fn check_barge_in(&mut self, out: &mut Events) {
        let Some(speech) = self.speech else { return };
        let live = self.voiced && speech.started && speech.over_alex && !speech.dismissed;
        if self.alex != Alex::Speaking || !live {
            return;
        }
        let minimum = match self.ear {
            Ear::Interim => self.config.barge_in_ms,
            Ear::AfterUtterance => self.config.barge_in_wordless_ms,
        };
        if self.now_ms.saturating_sub(speech.onset_ms) < u64::from(minimum) {
            return;
        }
        match speech.words {
            WordsKind::Backchannel => {}
            WordsKind::Empty => self.pause(out),
            _ => {
                self.pause(out);
                self.cut(out);
            }
        }
    }

    fn pause(&mut self, out: &mut Events) {
        let onset_ms = self.speech.map_or(self.now_ms, |s| s.onset_ms);
        self.alex = Alex::Paused { onset_ms };
        self.ducked = false;
        out.push(TurnEvent::Pause { onset_ms, at_ms: self.now_ms });
    }

    fn cut(&mut self, out: &mut Events) {
        self.alex = Alex::Silent;
        self.ducked = false;
        self.quiet_since = None;
        out.push(TurnEvent::Cut);
    }

    fn resume(&mut self, out: &mut Events) {
        self.alex = Alex::Speaking;
        self.ducked = false;
        out.push(TurnEvent::Resume);
    }

    fn duck(&mut self, out: &mut Events) {
        if !self.ducked {
            self.ducked = true;
            out.push(TurnEvent::Duck);
        }
    }

    fn unduck(&mut self, out: &mut Events) {
        if self.ducked {
            self.ducked = false;
            out.push(TurnEvent::Unduck);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::voice::resample::FRAME_MS;
    use crate::voice::vad::{SpeechGate, VadConfig};

    /// The detector's scores frame by frame through the real gate, into turn taking: a call
    /// simulated over synthetic frames. Events are kept with the time they happened.
    struct Call {
        gate: SpeechGate,
        turns: TurnTaking,
        log: Vec<(u64, TurnEvent)>,
    }

    const SPEECH: f32 = 0.9;
    const QUIET: f32 = 0.02;

    impl Call {
        fn new(ear: Ear) -> Self {
            Call {
                gate: SpeechGate::new(VadConfig::default()),
                turns: TurnTaking::new(TurnConfig::default(), ear),
                log: Vec::new(),
            }
        }
        fn record(&mut self, events: Events) {
            let now = self.gate.now_ms();
            self.log.extend(events.into_iter().map(|e| (now, e)));
        }
        fn frames(&mut self, score: f32, ms: u32) -> &mut Self {
            for _ in 0..ms / FRAME_MS {
                let mut events = Vec::new();
                if let Some(event) = self.gate.push_score(score) {
                    events.extend(self.turns.on_vad(event));
                }
                events.extend(self.turns.tick(self.gate.now_ms(), self.gate.voiced()));
                self.record(events);
            }
            self
        }
        fn speech(&mut self, ms: u32) -> &mut Self {
            self.frames(SPEECH, ms)
        }
        fn quiet(&mut self, ms: u32) -> &mut Self {
            self.frames(QUIET, ms)
        }
        /// Noise: a burst that scores as speech for some frames and not others.
        fn noise_burst(&mut self, ms: u32) -> &mut Self {
            for i in 0..ms / FRAME_MS {
                self.frames(if i % 3 == 2 { QUIET } else { SPEECH }, FRAME_MS);
            }
            self
        }
        fn words(&mut self, text: &str) -> &mut Self {
            self.gate.set_words(text);
            let events = self.turns.words(text);
            self.record(events);
            self
        }
        fn heard(&mut self, text: &str) -> &mut Self {
            let events = self.turns.heard(text);
            self.record(events);
            self
        }
        fn alex_starts(&mut self) -> &mut Self {
            let events = self.turns.alex_started();
            self.record(events);
            self
        }
        fn alex_finishes(&mut self) -> &mut Self {
            let events = self.turns.alex_finished();
            self.record(events);
            self
        }
        fn events(&self) -> Vec<TurnEvent> {
            self.log.iter().map(|(_, e)| e.clone()).collect()
        }
        fn when(&self, wanted: impl Fn(&TurnEvent) -> bool) -> Option<u64> {
            self.log.iter().find(|(_, e)| wanted(e)).map(|(at, _)| *at)
        }
        fn has(&self, wanted: impl Fn(&TurnEvent) -> bool) -> bool {
            self.when(wanted).is_some()
        }
    }

    fn is_pause(e: &TurnEvent) -> bool {
        matches!(e, TurnEvent::Pause { .. })
    }

    fn respond(text: &str) -> TurnEvent {
        TurnEvent::Respond { text: text.into() }
    }

    #[test]
    fn two_utterances_with_a_pause_are_two_turns() {
        let mut call = Call::new(Ear::AfterUtterance);
        call.quiet(500).speech(900).quiet(1_200);
        call.heard("I'm Marcus Johnson");
        call.speech(1_100).quiet(800);
        call.heard("from Boston to Denver");
        let events = call.events();
        let utterances = events.iter().filter(|e| matches!(e, TurnEvent::Utterance { .. })).count();
        assert_eq!(utterances, 2, "{events:?}");
        assert!(events.contains(&respond("I'm Marcus Johnson")));
        assert!(events.contains(&respond("from Boston to Denver")));
        // The utterance leaves as soon as the end is known: 500 ms after the last speech frame.
        let first = events.iter().find_map(|e| match e {
            TurnEvent::Utterance { onset_ms, speech_end_ms, at_ms } => {
                Some((*onset_ms, *speech_end_ms, *at_ms))
            }
            _ => None,
        });
        assert_eq!(first, Some((496, 1_392, 1_904)));
    }

    #[test]
    fn speech_over_alex_ducks_then_stops_him_once_it_lasts_the_minimum() {
        let mut call = Call::new(Ear::Interim);
        call.alex_starts().quiet(800).speech(1_000);
        let duck = call.when(|e| *e == TurnEvent::Duck).expect("ducked");
        let pause = call.when(is_pause).expect("paused");
        assert_eq!(duck, 800 + FRAME_MS as u64, "ducked on the first speech frame");
        // 300 ms after the onset (800), at frame granularity.
        assert_eq!(pause, 1_104);
        call.words("I want to go to Boston");
        assert!(call.has(|e| *e == TurnEvent::Cut));
        call.quiet(600);
        call.heard("I want to go to Boston");
        assert_eq!(call.events().last(), Some(&respond("I want to go to Boston")));
        assert!(!call.has(|e| *e == TurnEvent::Resume));
    }

    #[test]
    fn without_interim_words_the_minimum_is_longer_and_the_transcript_decides() {
        let mut call = Call::new(Ear::AfterUtterance);
        call.alex_starts().quiet(320).speech(400).quiet(700);
        assert!(!call.has(is_pause), "400 ms of 'uh-huh' does not stop Alex: {:?}", call.events());
        assert!(call.has(|e| *e == TurnEvent::Ignored));
        assert!(call.turns.alex_speaking());

        call.speech(1_200);
        let pause = call.when(is_pause).expect("a long utterance stops Alex");
        assert_eq!(pause, 1_408 + 512, "the 500 ms minimum, counted from the onset at 1,408 ms");
        call.quiet(600).heard("Actually make it Denver");
        let tail = &call.events()[call.events().len() - 2..];
        assert_eq!(tail, &[TurnEvent::Cut, respond("Actually make it Denver")]);
    }

    #[test]
    fn backchannels_over_alex_do_not_interrupt() {
        for text in ["uh-huh", "okay", "yeah", "right"] {
            let mut call = Call::new(Ear::Interim);
            call.alex_starts().quiet(480).speech(160).words(text).speech(500).quiet(700);
            call.heard(text);
            let events = call.events();
            assert!(!events.iter().any(is_pause), "{text}: {events:?}");
            assert!(
                !events.iter().any(|e| matches!(e, TurnEvent::Respond { .. })),
                "{text}: {events:?}"
            );
            assert!(
                events.contains(&TurnEvent::Duck) && events.contains(&TurnEvent::Unduck),
                "{text}"
            );
            assert!(call.turns.alex_speaking(), "{text}");
        }
    }

    #[test]
    fn a_backchannel_heard_late_resumes_alex() {
        // The recogniser's interim words came after the minimum: Alex paused, then goes on.
        let mut call = Call::new(Ear::Interim);
        call.alex_starts().quiet(320).speech(400).words("okay").quiet(700);
        let events = call.events();
        let pause = events.iter().position(is_pause).expect("paused");
        let resume = events.iter().position(|e| *e == TurnEvent::Resume).expect("resumed");
        assert!(pause < resume && !events.contains(&TurnEvent::Cut), "{events:?}");
        assert!(call.turns.alex_speaking());
    }

    #[test]
    fn stop_words_always_interrupt_even_before_the_minimum() {
        for text in ["stop", "wait", "no", "hold on"] {
            let mut call = Call::new(Ear::Interim);
            call.alex_starts().quiet(320).speech(208).words(text);
            let events = call.events();
            assert!(
                events.iter().any(is_pause) && events.contains(&TurnEvent::Cut),
                "{text}: {events:?}"
            );
            assert_eq!(call.when(is_pause), Some(320 + 208), "{text}: at once");
            call.speech(200).quiet(600).heard(text);
            let answered = call.has(|e| matches!(e, TurnEvent::Respond { .. }));
            // "no" is an answer too; "stop" only stops Alex.
            assert_eq!(answered, text == "no", "{text}: {:?}", call.events());
        }
        // The same word from the after-utterance ear: Alex stops when the transcript comes.
        let mut call = Call::new(Ear::AfterUtterance);
        call.alex_starts().quiet(320).speech(350).quiet(600).heard("stop");
        assert!(call.has(is_pause) && call.has(|e| *e == TurnEvent::Cut), "{:?}", call.events());
    }

    #[test]
    fn a_cough_or_a_click_only_ducks_alex_for_a_moment() {
        let mut call = Call::new(Ear::Interim);
        call.alex_starts().quiet(320).speech(112).quiet(600);
        assert_eq!(call.events(), vec![TurnEvent::Duck, TurnEvent::Unduck]);
        let mut call = Call::new(Ear::AfterUtterance);
        call.alex_starts().quiet(320).speech(240).quiet(600);
        assert!(
            !call.has(is_pause) && !call.has(|e| matches!(e, TurnEvent::Utterance { .. })),
            "{:?}",
            call.events()
        );
    }

    #[test]
    fn noise_with_no_words_is_a_false_interruption_and_alex_resumes() {
        let mut call = Call::new(Ear::Interim);
        call.alex_starts().quiet(400).noise_burst(3_000).quiet(800);
        let pause = call.when(is_pause).expect("paused by the noise");
        let resume = call.when(|e| *e == TurnEvent::Resume).expect("resumed");
        assert_eq!(resume - 400, 2_000, "no words within 2 s of the onset (paused at {pause})");
        assert_eq!(
            call.log.iter().filter(|(_, e)| is_pause(e)).count(),
            1,
            "the same noise does not stop him again"
        );
        assert!(!call.has(|e| *e == TurnEvent::Cut));
        assert!(call.turns.alex_speaking());

        // Without interim words: the empty transcript of the noise resumes him.
        let mut call = Call::new(Ear::AfterUtterance);
        call.alex_starts().quiet(400).noise_burst(900).quiet(600);
        assert!(call.has(is_pause) && call.has(|e| matches!(e, TurnEvent::Utterance { .. })));
        call.heard("");
        assert_eq!(
            &call.events()[call.events().len() - 2..],
            &[TurnEvent::Resume, TurnEvent::Ignored]
        );
    }

    #[test]
    fn alex_is_reprompted_once_gently_then_with_a_hint_then_waits() {
        let mut call = Call::new(Ear::AfterUtterance);
        call.alex_starts().quiet(2_000).alex_finishes().quiet(7_900);
        assert!(!call.has(|e| matches!(e, TurnEvent::Reprompt { .. })));
        call.quiet(200);
        assert_eq!(
            call.when(|e| matches!(e, TurnEvent::Reprompt { attempt: 1, last: false })),
            Some(10_000)
        );
        call.alex_starts().quiet(1_000).alex_finishes().quiet(8_000);
        assert!(call.has(|e| *e == TurnEvent::Reprompt { attempt: 2, last: true }));
        call.alex_starts().quiet(1_000).alex_finishes().quiet(20_000);
        assert_eq!(
            call.log.iter().filter(|(_, e)| matches!(e, TurnEvent::Reprompt { .. })).count(),
            2
        );
    }

    #[test]
    fn speaking_resets_the_reprompts() {
        let mut call = Call::new(Ear::AfterUtterance);
        call.alex_starts().alex_finishes().quiet(6_000).speech(600).quiet(600);
        call.heard("Boston");
        call.alex_starts().alex_finishes().quiet(7_000);
        assert!(!call.has(|e| matches!(e, TurnEvent::Reprompt { .. })), "{:?}", call.events());
        // Waiting for the transcript or for Alex is not silence.
        let mut call = Call::new(Ear::AfterUtterance);
        call.alex_starts().alex_finishes().speech(600).quiet(10_000);
        assert!(!call.has(|e| matches!(e, TurnEvent::Reprompt { .. })));
    }

    #[test]
    fn alex_starting_while_the_caller_talks_starts_ducked() {
        let mut call = Call::new(Ear::Interim);
        call.speech(400).alex_starts();
        assert_eq!(call.events().last(), Some(&TurnEvent::Duck));
        call.speech(100);
        assert!(call.has(is_pause), "{:?}", call.events());
    }

    #[test]
    fn odd_inputs_never_panic() {
        let mut turns = TurnTaking::new(
            TurnConfig { barge_in_ms: 0, reprompt_ms: u32::MAX, ..TurnConfig::default() },
            Ear::Interim,
        );
        assert_eq!(turns.config().barge_in_ms, 200);
        turns.heard("");
        turns.words(&"uh ".repeat(100_000));
        turns.tick(u64::MAX, true);
        turns.tick(0, false);
        turns.on_vad(VadEvent::End {
            onset_ms: u64::MAX,
            speech_end_ms: 0,
            at_ms: 3,
            capped: true,
        });
        turns.alex_finished();
        turns.alex_stopped();
        turns.caller_acted();
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// One thing that can happen in a call.
        #[derive(Debug, Clone)]
        enum Step {
            Frames(bool, u16),
            Words(&'static str),
            Heard(&'static str),
            AlexStarts,
            AlexFinishes,
            AlexStopped,
            CallerActs,
        }

        const TEXTS: &[&str] =
            &["", "uh-huh", "okay", "stop", "no", "hold on", "Boston", "from", "to Denver please"];

        fn step() -> impl Strategy<Value = Step> {
            prop_oneof![
                4 => (any::<bool>(), 1u16..200).prop_map(|(speech, frames)| Step::Frames(speech, frames)),
                1 => prop::sample::select(TEXTS).prop_map(Step::Words),
                1 => prop::sample::select(TEXTS).prop_map(Step::Heard),
                1 => Just(Step::AlexStarts),
                1 => Just(Step::AlexFinishes),
                1 => Just(Step::AlexStopped),
                1 => Just(Step::CallerActs),
            ]
        }

        proptest! {
            /// Whatever happens, the app is never told to resume or cut a voice that is not
            /// paused or playing, a pause always comes with speech over Alex, and ducking
            /// alternates.
            #[test]
            fn the_events_always_make_sense(ear in prop_oneof![Just(Ear::Interim), Just(Ear::AfterUtterance)],
                                            steps in prop::collection::vec(step(), 0..60)) {
                let mut call = Call::new(ear);
                let mut paused = false;
                let mut ducked = false;
                let mut playing = false;
                for step in steps {
                    let before = call.log.len();
                    match step {
                        Step::Frames(speech, n) => { call.frames(if speech { SPEECH } else { QUIET }, u32::from(n) * FRAME_MS); }
                        Step::Words(text) => { call.words(text); }
                        Step::Heard(text) => { call.heard(text); }
                        Step::AlexStarts => { call.alex_starts(); playing = true; paused = false; }
                        Step::AlexFinishes => { call.alex_finishes(); if !paused {
                                playing = false;
                            } }
                        Step::AlexStopped => { call.turns.alex_stopped(); playing = false; paused = false; ducked = false; }
                        Step::CallerActs => call.turns.caller_acted(),
                    }
                    for (_, event) in call.log[before..].iter().cloned() {
                        match event {
                            TurnEvent::Duck => { prop_assert!(!ducked && playing); ducked = true; }
                            TurnEvent::Unduck => { prop_assert!(ducked); ducked = false; }
                            TurnEvent::Pause { onset_ms, at_ms } => {
                                prop_assert!(playing && !paused && onset_ms <= at_ms);
                                paused = true;
                                ducked = false;
                            }
                            TurnEvent::Resume => { prop_assert!(paused); paused = false; }
                            TurnEvent::Cut => { prop_assert!(paused); paused = false; playing = false; }
                            TurnEvent::Respond { text } => prop_assert!(!text.is_empty()),
                            TurnEvent::Reprompt { attempt, .. } => prop_assert!((1..=2).contains(&attempt)),
                            _ => {}
                        }
                    }
                    prop_assert_eq!(call.turns.alex_speaking(), playing && !paused);
                }
            }
        }
    }
}
