//! Voice activity and turn taking on real speech: espeak-ng voices, sox adds silences, noise
//! and the browser's 48 kHz rate. The audio is generated here at test time (nothing binary is
//! kept in the repository); without espeak-ng or sox the tests say so and pass (the CI
//! installs both: .ci/setup.sh).

#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;
use united_voice::voice::turns::{Ear, TurnConfig, TurnEvent, TurnTaking};
use united_voice::voice::vad::{VadConfig, VadEvent, VoiceActivity};

const RATE: u32 = 48_000;

fn tools_missing() -> bool {
    let missing: Vec<_> = ["espeak-ng", "sox"]
        .into_iter()
        .filter(|tool| Command::new(tool).arg("--version").output().is_err())
        .collect();
    if !missing.is_empty() {
        eprintln!("SKIPPED: {} not installed (apt-get install espeak-ng sox)", missing.join(", "));
    }
    !missing.is_empty()
}

fn dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("voice-audio");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn run(cmd: &str, args: &[&str]) {
    let out = Command::new(cmd).args(args).output().expect("tool runs");
    assert!(out.status.success(), "{cmd} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// espeak-ng saying `text` at 48 kHz mono, leading and trailing silence trimmed.
fn speech(name: &str, text: &str) -> Vec<f32> {
    let raw = dir().join(format!("{name}.raw.wav"));
    let out = dir().join(format!("{name}.wav"));
    run("espeak-ng", &["-s", "160", "-w", raw.to_str().unwrap(), text]);
    run(
        "sox",
        &[
            raw.to_str().unwrap(),
            "-r",
            "48000",
            "-c",
            "1",
            "-b",
            "16",
            out.to_str().unwrap(),
            "silence",
            "1",
            "0.01",
            "1%",
            "reverse",
            "silence",
            "1",
            "0.01",
            "1%",
            "reverse",
        ],
    );
    read_wav(&out)
}

/// `seconds` of sox noise (`kind`: whitenoise, pinknoise, brownnoise) at `volume`.
fn noise(name: &str, kind: &str, seconds: f32, volume: f32) -> Vec<f32> {
    let out = dir().join(format!("{name}.wav"));
    run(
        "sox",
        &[
            "-n",
            "-r",
            "48000",
            "-c",
            "1",
            "-b",
            "16",
            out.to_str().unwrap(),
            "synth",
            &seconds.to_string(),
            kind,
            "vol",
            &volume.to_string(),
        ],
    );
    read_wav(&out)
}

fn silence(seconds: f32) -> Vec<f32> {
    vec![0.0; (seconds * RATE as f32) as usize]
}

/// Mix `b` into `a` (a longer or equal).
fn mix(mut a: Vec<f32>, b: &[f32]) -> Vec<f32> {
    for (x, y) in a.iter_mut().zip(b.iter().cycle()) {
        *x += *y;
    }
    a
}

/// The samples of a 16-bit PCM mono WAV as sox writes it.
fn read_wav(path: &Path) -> Vec<f32> {
    let bytes = std::fs::read(path).expect("wav written");
    let data = bytes.windows(4).position(|w| w == b"data").expect("data chunk") + 8;
    bytes[data..]
        .chunks_exact(2)
        .map(|b| f32::from(i16::from_le_bytes([b[0], b[1]])) / 32_768.0)
        .collect()
}

fn secs(samples: &[f32]) -> u64 {
    (samples.len() as u64 * 1000) / u64::from(RATE)
}

/// Push audio in 128-sample pieces (an AudioWorklet's render quantum), collecting events.
fn detect(vad: &mut VoiceActivity, audio: &[f32]) -> Vec<VadEvent> {
    audio.chunks(128).flat_map(|chunk| vad.push(chunk)).collect()
}

fn ends(events: &[VadEvent]) -> Vec<(u64, u64)> {
    events
        .iter()
        .filter_map(|e| match e {
            VadEvent::End { onset_ms, speech_end_ms, .. } => Some((*onset_ms, *speech_end_ms)),
            _ => None,
        })
        .collect()
}

#[test]
fn two_utterances_in_light_noise_are_two_with_their_first_syllables() {
    if tools_missing() {
        return;
    }
    let first = speech("first", "I'd like to fly from Boston");
    let second = speech("second", "to Denver next Friday");
    let audio = [silence(0.8), first.clone(), silence(1.5), second.clone(), silence(1.5)].concat();
    let hiss = noise("hiss", "pinknoise", 2.0, 0.01);
    let audio = mix(audio, &hiss);
    let mut vad = VoiceActivity::new(RATE, VadConfig::default());
    let events = detect(&mut vad, &audio);
    let got = ends(&events);
    assert_eq!(got.len(), 2, "{events:?}");
    let first_start = 800;
    let second_start = 800 + secs(&first) + 1_500;
    // Onsets within a frame or two of the true start; ends close to the true end.
    assert!(got[0].0.abs_diff(first_start) <= 100, "first onset {} vs {first_start}", got[0].0);
    assert!(got[1].0.abs_diff(second_start) <= 100, "second onset {} vs {second_start}", got[1].0);
    assert!(got[0].1.abs_diff(first_start + secs(&first)) <= 250, "first end {:?}", got[0]);
    assert!(got[1].1.abs_diff(second_start + secs(&second)) <= 250, "second end {:?}", got[1]);
}

#[test]
fn the_utterance_audio_keeps_300_ms_before_the_onset() {
    if tools_missing() {
        return;
    }
    let words = speech("hello", "Hello, this is Marcus Johnson");
    let audio = [silence(1.0), words.clone(), silence(1.0)].concat();
    let mut vad = VoiceActivity::new(RATE, VadConfig::default());
    let events = detect(&mut vad, &audio);
    let (onset, speech_end) = ends(&events)[0];
    let utterance = vad.take_utterance().expect("the utterance audio");
    let ms = utterance.len() as u64 / 16;
    // pre-roll + speech + the 200 ms tail, at 16 kHz.
    assert_eq!(ms, 300 + (speech_end - onset) + 200, "{onset}..{speech_end}");
    assert!(vad.take_utterance().is_none(), "taken once");
    // The first syllable is in it: the loud part starts well after the pre-roll's beginning.
    let loud = utterance.iter().position(|s| s.unsigned_abs() > 1_000).expect("speech in it");
    assert!(loud as u64 / 16 >= 150, "speech at {} ms into the clip", loud / 16);
}

#[test]
fn a_phrase_left_hanging_waits_for_the_rest() {
    if tools_missing() {
        return;
    }
    let part = speech("part", "I want to fly from");
    let rest = speech("rest", "Chicago");
    for (words, expected) in [(None, 2), (Some("I want to fly from"), 1)] {
        let mut vad = VoiceActivity::new(RATE, VadConfig::default());
        let mut events = detect(&mut vad, &[silence(0.5), part.clone()].concat());
        if let Some(words) = words {
            vad.set_words(words);
        }
        events.extend(detect(&mut vad, &[silence(1.2), rest.clone(), silence(2.5)].concat()));
        assert_eq!(ends(&events).len(), expected, "words {words:?}: {events:?}");
    }
}

#[test]
fn noise_alone_is_not_speech() {
    if tools_missing() {
        return;
    }
    for (kind, volume) in [("pinknoise", 0.05), ("brownnoise", 0.1), ("whitenoise", 0.02)] {
        let steady = noise(kind, kind, 4.0, volume);
        let mut vad = VoiceActivity::new(RATE, VadConfig::default());
        let events = detect(&mut vad, &[silence(0.5), steady].concat());
        let started = events.iter().any(|e| matches!(e, VadEvent::Start { .. }));
        assert!(!started, "{kind} at {volume}: {events:?}");
    }
}

/// Alex speaks (his playback is not in the microphone: echo cancellation removes it) while the
/// caller's audio plays through the detector and turn taking.
fn over_alex(ear: Ear, caller: &[f32], words_at: Option<(u64, &str)>) -> Vec<(u64, TurnEvent)> {
    let mut vad = VoiceActivity::new(RATE, VadConfig::default());
    let mut turns = TurnTaking::new(TurnConfig::default(), ear);
    let mut log = Vec::new();
    log.extend(turns.alex_started().into_iter().map(|e| (0, e)));
    let mut said = false;
    for chunk in caller.chunks(128) {
        let mut out = Vec::new();
        for event in vad.push(chunk) {
            out.extend(turns.on_vad(event));
        }
        if let Some((at, text)) = words_at {
            if !said && vad.now_ms() >= at {
                said = true;
                vad.set_words(text);
                out.extend(turns.words(text));
            }
        }
        out.extend(turns.tick(vad.now_ms(), vad.voiced()));
        log.extend(out.into_iter().map(|e| (vad.now_ms(), e)));
    }
    log
}

#[test]
fn over_alex_a_backchannel_only_ducks_and_a_sentence_stops_him_in_time() {
    if tools_missing() {
        return;
    }
    let uh_huh = speech("uhhuh", "uh-huh");
    let log = over_alex(
        Ear::AfterUtterance,
        &[silence(1.0), uh_huh.clone(), silence(1.5)].concat(),
        None,
    );
    assert!(
        log.iter().any(|(_, e)| *e == TurnEvent::Duck),
        "{log:?} ({} ms of uh-huh)",
        secs(&uh_huh)
    );
    assert!(
        !log.iter().any(|(_, e)| matches!(e, TurnEvent::Pause { .. })),
        "{log:?} ({} ms of uh-huh)",
        secs(&uh_huh)
    );

    let sentence = speech("sentence", "Actually I want to go to Denver instead");
    let log = over_alex(Ear::Interim, &[silence(1.0), sentence, silence(1.0)].concat(), None);
    let pause = log.iter().find_map(|(at, e)| match e {
        TurnEvent::Pause { onset_ms, at_ms } => Some((*onset_ms, *at_ms, *at)),
        _ => None,
    });
    let (onset, at, _) = pause.expect("Alex stopped");
    assert!(onset.abs_diff(1_000) <= 100, "onset {onset}");
    // The minimum (300 ms) plus at most a frame.
    assert!(at - onset <= 300 + 16, "paused {} ms after the onset", at - onset);
}

#[test]
fn over_alex_stop_stops_him_at_once() {
    if tools_missing() {
        return;
    }
    let stop = speech("stop", "stop");
    // The recogniser's interim "stop" arrives 150 ms into the word.
    let log = over_alex(
        Ear::Interim,
        &[silence(1.0), stop, silence(1.0)].concat(),
        Some((1_150, "stop")),
    );
    let paused = log.iter().find_map(|(at, e)| matches!(e, TurnEvent::Pause { .. }).then_some(*at));
    assert!(paused.is_some_and(|at| (1_150..1_200).contains(&at)), "{log:?}");
    assert!(log.iter().any(|(_, e)| *e == TurnEvent::Cut));
}
