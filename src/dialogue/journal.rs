//! Snapshots as a journal: what the caller said (and what the model answered), replayed.
//!
//! The conversation is a pure function of its config and its inputs, so a snapshot stores the
//! inputs, not the state: `{"format", "today", "seed", "events": [...]}`, and restoring replays
//! them through the same code. Why not serialize the state: rebuilding every type of the state
//! from JSON was ~17 KB of the gzipped wasm (measured), the journal needs a reader for strings
//! and numbers only, and a replayed conversation cannot be a state the code could never reach.
//!
//! An event is one turn: `{"said": text}` for the rules tier, or, for a turn with the model
//! tier, `{"asked": text, "asked_ms", "answered_ms", "outcome", "threshold"}`: the times passed
//! to `prepare` / `finish` (the circuit breaker depends on them), what the model did
//! (`{"answer": raw}`, `{"failure": "timeout"}`, or `null` when it was not asked) and the
//! confidence threshold in force (kept to 6 decimals).

use crate::dates::{iso, Date};
use crate::json::{self, Value};
use crate::understand::llm::{LlmConfig, LlmFailure, LlmOutcome};

use super::{ConversationConfig, SnapshotError};

/// Bumped whenever replaying an old journal could give a different conversation.
pub(super) const SNAPSHOT_FORMAT: &str = "united-voice/3";
/// A real snapshot is a few KB (utterances are cut at 2,000 characters); far larger is not ours.
pub(super) const MAX_SNAPSHOT_BYTES: usize = 8 << 20;
/// More turns than any call has (hours of talking): bounds the replay (~0.4 s natively) when
/// a tampered snapshot lists tiny events by the hundred thousand.
pub(super) const MAX_EVENTS: usize = 10_000;

/// One turn, as it came in.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Event {
    /// `respond(text)`: the rules tier alone.
    Said(String),
    /// `choose(option)`: an offer picked on screen (1-based).
    Chose(u8),
    /// `prepare(text, asked_ms)` then `finish(outcome, answered_ms)`.
    Asked {
        text: String,
        asked_ms: u64,
        answered_ms: u64,
        outcome: Option<LlmOutcome>,
        threshold: f32,
    },
    /// What the outside answered to the turn's errand (fares, the booking store): status and
    /// body as received, so a restored call has the same fares and booking.
    Answered { status: u16, body: String },
}

impl Event {
    /// The model settings a replayed turn needs (only the threshold changes what happens).
    pub(super) fn llm_config(threshold: f32) -> LlmConfig {
        LlmConfig { confidence_threshold: threshold, ..LlmConfig::default() }
    }

    fn to_json(&self) -> Value {
        match self {
            Event::Said(text) => Value::object([("said", text.as_str().into())]),
            Event::Chose(option) => Value::object([("chose", u64::from(*option).into())]),
            Event::Answered { status, body } => Value::object([
                ("answered", u64::from(*status).into()),
                ("body", body.as_str().into()),
            ]),
            Event::Asked { text, asked_ms, answered_ms, outcome, threshold } => Value::object([
                ("asked", text.as_str().into()),
                ("asked_ms", (*asked_ms).into()),
                ("answered_ms", (*answered_ms).into()),
                ("outcome", outcome.as_ref().map_or(Value::Null, outcome_json)),
                ("threshold", f64::from(*threshold).into()),
            ]),
        }
    }

    fn from_json(value: &Value) -> Result<Event, SnapshotError> {
        if let Some(text) = value.get("said") {
            return Ok(Event::Said(text_of(text, "said")?));
        }
        if let Some(option) = value.get("chose") {
            return option
                .as_u64()
                .and_then(|n| u8::try_from(n).ok())
                .map(Event::Chose)
                .ok_or_else(|| corrupted("chose is not an option number"));
        }
        if let Some(status) = value.get("answered") {
            let status = status
                .as_u64()
                .and_then(|n| u16::try_from(n).ok())
                .ok_or_else(|| corrupted("answered is not a status"))?;
            let body = value.get("body").map_or(Ok(String::new()), |b| text_of(b, "body"))?;
            return Ok(Event::Answered { status, body });
        }
        let Some(text) = value.get("asked") else {
            return Err(corrupted("an event is neither \"said\", \"chose\" nor \"asked\""));
        };
        let millis = |key: &str| {
            value
                .get(key)
                .and_then(Value::as_u64)
                .ok_or_else(|| corrupted(&format!("{key} is not a time")))
        };
        let threshold = value
            .get("threshold")
            .and_then(Value::as_f64)
            .filter(|t| (0.0..=1.0).contains(t))
            .ok_or_else(|| corrupted("threshold is not a number in 0..=1"))?;
        Ok(Event::Asked {
            text: text_of(text, "asked")?,
            asked_ms: millis("asked_ms")?,
            answered_ms: millis("answered_ms")?,
            outcome: match value.get("outcome") {
                None | Some(Value::Null) => None,
                Some(outcome) => Some(outcome_of(outcome)?),
            },
            threshold: threshold as f32,
        })
    }
}

fn outcome_json(outcome: &LlmOutcome) -> Value {
    match outcome {
        LlmOutcome::Answer(raw) => Value::object([("answer", raw.as_str().into())]),
        LlmOutcome::Failure(failure) => Value::object([("failure", failure.name().into())]),
    }
}

fn outcome_of(value: &Value) -> Result<LlmOutcome, SnapshotError> {
    if let Some(raw) = value.get("answer") {
        return Ok(LlmOutcome::Answer(text_of(raw, "answer")?));
    }
    value
        .get("failure")
        .and_then(Value::as_str)
        .and_then(LlmFailure::from_name)
        .map(LlmOutcome::Failure)
        .ok_or_else(|| corrupted("an outcome is neither an answer nor a known failure"))
}

fn text_of(value: &Value, key: &str) -> Result<String, SnapshotError> {
    value.as_str().map(str::to_string).ok_or_else(|| corrupted(&format!("{key} is not text")))
}

fn corrupted(why: &str) -> SnapshotError {
    SnapshotError::Corrupted(why.to_string())
}

/// The snapshot text of a conversation.
pub(super) fn write(config: ConversationConfig, events: &[Event]) -> String {
    Value::object([
        ("format", SNAPSHOT_FORMAT.into()),
        ("today", config.today.to_string().into()),
        ("seed", config.seed.into()),
        ("events", Value::Array(events.iter().map(Event::to_json).collect())),
    ])
    .to_string()
}

/// Read a snapshot back into its config and events (replaying them is the caller's job).
pub(super) fn read(snapshot: &str) -> Result<(ConversationConfig, Vec<Event>), SnapshotError> {
    if snapshot.len() > MAX_SNAPSHOT_BYTES {
        return Err(corrupted("snapshot is too large"));
    }
    let value = json::parse(snapshot).map_err(|e| SnapshotError::Corrupted(e.to_string()))?;
    let Some(fields) = value.as_object() else {
        return Err(corrupted("a snapshot is a JSON object"));
    };
    if fields.get("format").and_then(Value::as_str) != Some(SNAPSHOT_FORMAT) {
        return Err(SnapshotError::Foreign);
    }
    let today: Date = fields
        .get("today")
        .and_then(Value::as_str)
        .and_then(iso::parse)
        .ok_or_else(|| corrupted("today is not a date"))?;
    let seed = fields
        .get("seed")
        .and_then(Value::as_u64)
        .ok_or_else(|| corrupted("seed is not a number"))?;
    let events = match fields.get("events") {
        Some(Value::Array(items)) if items.len() > MAX_EVENTS => {
            return Err(corrupted("more turns than a call has"));
        }
        Some(Value::Array(items)) => {
            items.iter().map(Event::from_json).collect::<Result<_, _>>()?
        }
        _ => return Err(corrupted("events is not a list")),
    };
    Ok((ConversationConfig { today, seed }, events))
}

#[cfg(test)]
mod tests {
    use super::super::Conversation;
    use super::*;

    fn config() -> ConversationConfig {
        ConversationConfig { today: Date::from_ymd_opt(2026, 11, 27).unwrap(), seed: 7 }
    }

    /// A call that used both tiers, with answers, failures and the breaker opening.
    fn mixed_call() -> Conversation {
        let mut c = Conversation::new(config());
        let llm = LlmConfig::default();
        c.respond("hi, I'm Dana Scully");
        let answer = r#"{"intent": "provide_info", "confidence": 0.9, "entities": {"origin": "Boston", "destination": "Denver"}}"#;
        let mut at = 1_000;
        for (text, outcome) in [
            (
                "uh we'd be going out of boston and we want denver",
                Some(LlmOutcome::Answer(answer.into())),
            ),
            ("hmm the um the thing", Some(LlmOutcome::Failure(LlmFailure::Timeout))),
            ("whatever works for the wife", Some(LlmOutcome::Failure(LlmFailure::Http5xx(503)))),
            ("so yeah like that", Some(LlmOutcome::Failure(LlmFailure::Network))),
            ("and the kids", None),
        ] {
            let prepared = c.prepare(text, at, &llm);
            c.finish(prepared, outcome, at + 800, &llm);
            at += 5_000;
        }
        c.respond("one way");
        c
    }

    #[test]
    fn a_restored_call_is_the_same_call() {
        let c = mixed_call();
        let snapshot = c.snapshot();
        let restored = Conversation::restore(&snapshot).unwrap();
        assert_eq!(restored, c);
        assert_eq!(restored.snapshot(), snapshot);
        assert!(snapshot.contains(r#"{"failure":"http_503"}"#), "{snapshot}");
        // The breaker state came back through replay, not from the text.
        assert_eq!(restored.breaker(), c.breaker());
        // And it goes on the same way.
        let (mut a, mut b) = (c, restored);
        assert_eq!(a.respond("next friday"), b.respond("next friday"));
    }

    #[test]
    fn the_threshold_in_force_is_replayed() {
        let mut strict = Conversation::new(config());
        let llm = LlmConfig { confidence_threshold: 0.95, ..LlmConfig::default() };
        let answer =
            r#"{"intent": "provide_info", "confidence": 0.9, "entities": {"name": "Dana Scully"}}"#;
        let prepared = strict.prepare("the name's gonna be dana scully", 0, &llm);
        strict.finish(prepared, Some(LlmOutcome::Answer(answer.into())), 10, &llm);
        let restored = Conversation::restore(&strict.snapshot()).unwrap();
        assert_eq!(restored, strict);
    }

    #[test]
    fn bad_snapshots_say_what_is_wrong() {
        let good = mixed_call().snapshot();
        let foreign = good.replace(SNAPSHOT_FORMAT, "united-voice/1");
        assert_eq!(Conversation::restore(&foreign), Err(SnapshotError::Foreign));
        for (bad, why) in [
            (good.replace("\"seed\":7", "\"seed\":-7"), "seed"),
            (good.replace("2026-11-27", "2026-02-30"), "today"),
            (good.replace("\"said\"", "\"sang\""), "neither"),
            (good.replace("\"timeout\"", "\"tired\""), "outcome"),
            (good.replace("\"asked_ms\":1000", "\"asked_ms\":\"soon\""), "asked_ms"),
            (good.replace("\"threshold\":0.6", "\"threshold\":6"), "threshold"),
            (good[..good.len() - 3].to_string(), "end"),
            (
                r#"{"format":"united-voice/3","today":"2026-11-27","seed":1,"events":{}}"#.into(),
                "events",
            ),
            ("[]".into(), "object"),
        ] {
            match Conversation::restore(&bad) {
                Err(SnapshotError::Corrupted(message)) => {
                    assert!(message.contains(why), "{why}: {message}")
                }
                other => panic!("{why}: {other:?}"),
            }
        }
    }

    #[test]
    fn endless_journals_are_refused_before_replaying() {
        let events = vec![r#"{"said":"hi"}"#; MAX_EVENTS + 1].join(",");
        let snapshot = format!(
            r#"{{"format":"{SNAPSHOT_FORMAT}","today":"2026-11-27","seed":1,"events":[{events}]}}"#
        );
        match Conversation::restore(&snapshot) {
            Err(SnapshotError::Corrupted(message)) => {
                assert!(message.contains("more turns"), "{message}")
            }
            Err(other) => panic!("{other:?}"),
            Ok(_) => panic!("an endless journal was replayed"),
        }
    }

    #[test]
    fn long_utterances_are_kept_as_read() {
        let mut c = Conversation::new(config());
        c.respond(&"blah ".repeat(30_000));
        let snapshot = c.snapshot();
        assert!(snapshot.len() < 3_000, "{}", snapshot.len());
        assert_eq!(Conversation::restore(&snapshot).unwrap(), c);
    }
}
