//! The JSON-lines harness behind the `united-voice` binary: each command reads one JSON object
//! per line and writes one per line. A malformed line yields an error line; the run goes on.

pub mod converse;
pub mod dates;
pub mod desk;
pub mod places;
pub mod replay;
pub mod understand;

use serde_json::{json, Value};

/// Command-line options shared by the commands.
#[derive(Debug, Default)]
pub struct Options {
    /// Answers for the LLM tier (`--llm-replay`); `None` = rules only.
    pub replay: Option<replay::Replay>,
}

/// Run `handle` over every input line; blank lines are skipped, bad JSON gets an error line.
pub fn run_lines(input: &str, mut handle: impl FnMut(&Value) -> Value) -> Vec<String> {
    input
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| match serde_json::from_str::<Value>(line) {
            Ok(v) if v.is_object() => handle(&v).to_string(),
            Ok(_) => error_line("expected a JSON object").to_string(),
            Err(e) => error_line(&format!("malformed JSON: {e}")).to_string(),
        })
        .collect()
}

/// `{"error": "bad_input", "message": ...}`
pub fn error_line(message: &str) -> Value {
    json!({"error": "bad_input", "message": message})
}

/// Read a required "YYYY-MM-DD" field.
pub fn date_field(v: &Value, key: &str) -> Result<crate::dates::Date, String> {
    let s = v.get(key).and_then(Value::as_str).ok_or_else(|| format!("missing \"{key}\""))?;
    crate::dates::Date::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("\"{key}\" is not YYYY-MM-DD"))
}

/// Read a required string field.
pub fn text_field<'a>(v: &'a Value, key: &str) -> Result<&'a str, String> {
    v.get(key).and_then(Value::as_str).ok_or_else(|| format!("missing \"{key}\""))
}
