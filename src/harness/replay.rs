//! Recorded model answers for offline, deterministic runs of the LLM tier.
//!
//! A replay file is JSON lines, one per utterance that reaches the model:
//! `{"text": "<caller's words>", "answer": "<model raw output>"}` or
//! `{"text": ..., "failure": "timeout" | "http_429" | "http_500" ...}`. An `answer` may also be
//! written as a JSON object (it is used as its JSON text). Blank lines and lines starting with
//! `//` are skipped. Turns are matched on their exact text; a text not in the file behaves like
//! a model that never answered (a timeout).

use crate::dialogue::Model;
use crate::dialogue::{Conversation, Turn};
use crate::understand::llm::{ChatRequest, LlmConfig, LlmFailure, LlmOutcome};
use serde_json::Value;
use std::collections::HashMap;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Replay {
    outcomes: HashMap<String, (usize, LlmOutcome)>,
}

impl Replay {
    /// Parse a replay file's contents. Errors name the 1-based line.
    pub fn parse(contents: &str) -> Result<Replay, String> {
        let mut outcomes: HashMap<String, (usize, LlmOutcome)> = HashMap::new();
        for (index, line) in contents.lines().enumerate() {
            let number = index + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with("//") {
                continue;
            }
            let (text, outcome) = parse_line(line).map_err(|e| format!("line {number}: {e}"))?;
            match outcomes.get(&text) {
                Some((first, earlier)) if *earlier != outcome => {
                    return Err(format!(
                        "line {number}: text {text:?} already has a different outcome on line {first}"
                    ));
                }
                Some(_) => {}
                None => {
                    outcomes.insert(text, (number, outcome));
                }
            }
        }
        Ok(Replay { outcomes })
    }

    /// What the model "said" for this exact turn text.
    pub fn outcome(&self, text: &str) -> LlmOutcome {
        self.outcomes
            .get(text)
            .map(|(_, o)| o.clone())
            .unwrap_or(LlmOutcome::Failure(LlmFailure::Timeout))
    }

    pub fn len(&self) -> usize {
        self.outcomes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.outcomes.is_empty()
    }
}

fn parse_line(line: &str) -> Result<(String, LlmOutcome), String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"))?;
    let object = value.as_object().ok_or("expected a JSON object")?;
    let text = object
        .get("text")
        .and_then(Value::as_str)
        .ok_or("missing \"text\" (the caller's words, a string)")?;
    let outcome = match (object.get("answer"), object.get("failure")) {
        (Some(_), Some(_)) => return Err("give either \"answer\" or \"failure\", not both".into()),
        (Some(Value::String(raw)), None) => LlmOutcome::Answer(raw.clone()),
        (Some(answer @ Value::Object(_)), None) => LlmOutcome::Answer(answer.to_string()),
        (Some(_), None) => return Err("\"answer\" must be a string or an object".into()),
        (None, Some(failure)) => {
            let name = failure.as_str().ok_or("\"failure\" must be a string")?;
            LlmOutcome::Failure(LlmFailure::from_name(name).ok_or_else(|| {
                format!(
                    "unknown failure {name:?} (expected timeout, http_429, http_5xx, network or bad_response)"
                )
            })?)
        }
        (None, None) => return Err("missing \"answer\" or \"failure\"".into()),
    };
    Ok((text.to_string(), outcome))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
// recorded 2026-11-27
{"text": "I wanna go see my mom in the windy city", "answer": "{\"intent\": \"provide_info\", \"confidence\": 0.9, \"entities\": {\"destination\": \"Chicago\"}}"}
{"text": "the second one", "answer": {"intent": "select_option", "confidence": 0.9, "entities": {"option": 2}}}
{"text": "slow one", "failure": "timeout"}
{"text": "busy", "failure": "http_429"}
{"text": "broken", "failure": "http_500"}

{"text": "slow one", "failure": "timeout"}
"#;

    #[test]
    fn reads_answers_and_failures() {
        let r = Replay::parse(FILE).unwrap();
        assert_eq!(r.len(), 5);
        match r.outcome("I wanna go see my mom in the windy city") {
            LlmOutcome::Answer(raw) => assert!(raw.contains("\"destination\": \"Chicago\"")),
            other => panic!("{other:?}"),
        }
        match r.outcome("the second one") {
            LlmOutcome::Answer(raw) => {
                let a = crate::understand::llm::parse_answer(&raw).unwrap();
                assert_eq!(a.entities.option, Some(2));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(r.outcome("slow one"), LlmOutcome::Failure(LlmFailure::Timeout));
        assert_eq!(r.outcome("busy"), LlmOutcome::Failure(LlmFailure::Http429));
        assert_eq!(r.outcome("broken"), LlmOutcome::Failure(LlmFailure::Http5xx(500)));
    }

    #[test]
    fn unknown_text_times_out_and_matching_is_exact() {
        let r = Replay::parse(FILE).unwrap();
        assert_eq!(r.outcome("never recorded"), LlmOutcome::Failure(LlmFailure::Timeout));
        assert_eq!(r.outcome("The second one"), LlmOutcome::Failure(LlmFailure::Timeout));
        assert_eq!(r.outcome("the second one "), LlmOutcome::Failure(LlmFailure::Timeout));
        assert!(Replay::parse("").unwrap().is_empty());
    }

    #[test]
    fn bad_lines_name_their_number() {
        let cases = [
            ("{\"text\": \"a\", \"answer\": \"{}\"}\nnot json", "line 2: malformed JSON"),
            ("[1]", "line 1: expected a JSON object"),
            ("{\"answer\": \"{}\"}", "line 1: missing \"text\""),
            ("{\"text\": 5, \"answer\": \"{}\"}", "line 1: missing \"text\""),
            ("{\"text\": \"a\"}", "line 1: missing \"answer\" or \"failure\""),
            ("{\"text\": \"a\", \"answer\": \"{}\", \"failure\": \"timeout\"}", "line 1: give either"),
            ("\n\n{\"text\": \"a\", \"failure\": \"slow\"}", "line 3: unknown failure \"slow\""),
            ("{\"text\": \"a\", \"failure\": 500}", "line 1: \"failure\" must be a string"),
            ("{\"text\": \"a\", \"answer\": 3}", "line 1: \"answer\" must be a string or an object"),
            (
                "{\"text\": \"a\", \"failure\": \"timeout\"}\n{\"text\": \"a\", \"failure\": \"http_503\"}",
                "line 2: text \"a\" already has a different outcome on line 1",
            ),
        ];
        for (contents, expected) in cases {
            let err = Replay::parse(contents).unwrap_err();
            assert!(err.starts_with(expected), "{err:?} should start with {expected:?}");
        }
    }
}

/// The replay file as the turn driver's model: the recorded outcome, at a fixed time.
struct Replayed<'a> {
    replay: &'a Replay,
    /// This turn's words: replay files are keyed on them.
    text: &'a str,
    now_ms: u64,
}

impl Model for Replayed<'_> {
    fn ask(&self, _: &ChatRequest) -> impl std::future::Future<Output = Option<LlmOutcome>> {
        std::future::ready(Some(self.replay.outcome(self.text)))
    }
    fn now_ms(&self) -> u64 {
        self.now_ms
    }
}

/// One conversation turn with the LLM tier answered from `replay`, through the same turn
/// driver the web app uses ([`Conversation::take_turn`]).
pub fn respond(
    conversation: &mut Conversation,
    text: &str,
    replay: &Replay,
    now_ms: u64,
    config: &LlmConfig,
) -> Turn {
    conversation.respond_with(text, &Replayed { replay, text, now_ms }, config)
}

/// The request the app would send for this turn (to record a replay file against a real model).
pub fn request_for(conversation: &Conversation, text: &str, config: &LlmConfig) -> ChatRequest {
    conversation.request_for(text, config)
}

#[cfg(test)]
mod conversation_tests {
    use super::*;
    use crate::dialogue::{ConversationConfig, State};
    use crate::understand::Tier;

    const NAME_TURN: &str = "uh yeah the name's gonna be ann lee";

    fn conversation() -> Conversation {
        let today = crate::dates::Date::from_ymd_opt(2026, 11, 27).unwrap();
        Conversation::new(ConversationConfig { today, seed: 7 })
    }

    fn replay(outcome: &str) -> Replay {
        Replay::parse(&format!(r#"{{"text": "{NAME_TURN}", {outcome}}}"#)).unwrap()
    }

    #[test]
    fn a_replayed_answer_fills_what_the_rules_missed() {
        let mut c = conversation();
        let r = replay(
            r#""answer": {"intent": "provide_info", "confidence": 0.9, "entities": {"name": "Ann Lee"}}"#,
        );
        let turn = respond(&mut c, NAME_TURN, &r, 0, &LlmConfig::default());
        assert_eq!(turn.tier, Tier::Llm);
        assert_eq!(turn.booking.name.as_deref(), Some("Ann Lee"));
        assert_ne!(turn.state, State::Greeting);
    }

    #[test]
    fn a_replayed_failure_leaves_the_rules_turn() {
        let mut c = conversation();
        let turn = respond(
            &mut c,
            NAME_TURN,
            &replay(r#""failure": "http_503""#),
            0,
            &LlmConfig::default(),
        );
        assert_eq!(turn.tier, Tier::RulesAfterLlmFailure);
        assert_eq!(turn.booking.name, None);
        assert_eq!(c.breaker().consecutive_failures, 1);
    }

    #[test]
    fn turns_the_rules_read_never_reach_the_replay() {
        let mut c = conversation();
        let turn = respond(&mut c, "start over", &Replay::default(), 0, &LlmConfig::default());
        assert_eq!(turn.tier, Tier::Rules);
        assert_eq!(c.breaker().consecutive_failures, 0, "no call, no timeout");
    }

    #[test]
    fn the_request_describes_the_turn() {
        let c = conversation();
        let req = request_for(&c, NAME_TURN, &LlmConfig::default());
        let user = &req.messages[1].content;
        assert!(user.contains("\"state\":\"greeting\""), "{user}");
        assert!(user.contains("Who do I have the pleasure of speaking with?"));
        assert!(user.contains(NAME_TURN));
    }
}
