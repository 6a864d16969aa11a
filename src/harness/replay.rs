//! Recorded model answers for offline, deterministic runs of the LLM tier.
//!
//! A replay file is JSON lines, one per utterance that reaches the model:
//! `{"text": "<caller's words>", "answer": "<model raw output>"}` or
//! `{"text": ..., "failure": "timeout" | "http_429" | "http_500" ...}`. An `answer` may also be
//! written as a JSON object (it is used as its JSON text). Blank lines and lines starting with
//! `//` are skipped. Turns are matched on their exact text; a text not in the file behaves like
//! a model that never answered (a timeout).

use crate::understand::llm::{LlmFailure, LlmOutcome};
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
