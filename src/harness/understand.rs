//! `understand`: `{"text", "today"}` -> `{"text", "intent", "name", "origin", "destination",
//! "trip_type", "departure_date", "return_date", "passengers", "cabin"}`; places as
//! `{"code", "name"}`, null where absent or invalid (invalid values are listed in "problems").

use super::Options;
use crate::understand::llm::{self, CircuitBreaker, LlmConfig};
use crate::understand::{understand, Context, Tier, Understanding};
use serde_json::{json, Value};

/// Handle one input object.
pub fn handle(line: &Value, options: &Options) -> Value {
    let text = match super::text_field(line, "text") {
        Ok(t) => t,
        Err(e) => return super::error_line(&e),
    };
    let today = match super::date_field(line, "today") {
        Ok(d) => d,
        Err(e) => return with_text(super::error_line(&e), text),
    };
    let context = Context { today, expecting: None, departure_date: None };
    let rules = understand(text, &context);
    let (u, tier) = match &options.replay {
        Some(replay) if llm::should_ask(&rules, &context, text) => {
            let mut breaker = CircuitBreaker::default();
            let config = LlmConfig::default();
            let outcome = Some(replay.outcome(text));
            llm::decide(rules, &context, text, outcome, &mut breaker, 0, &config)
        }
        _ => (rules, Tier::Rules),
    };
    let mut v = render(text, &u);
    v["tier"] = json!(tier);
    v
}

fn with_text(mut v: Value, text: &str) -> Value {
    v["text"] = json!(text);
    v
}

/// The harness's JSON for an understanding (also used with the LLM tier).
pub fn render(text: &str, u: &Understanding) -> Value {
    let mut problems = Vec::new();
    let place = |p: &Option<Result<crate::places::Place, crate::places::PlaceError>>,
                 problems: &mut Vec<Value>| match p {
        Some(Ok(p)) => json!({"code": p.code, "name": p.name}),
        Some(Err(e)) => {
            problems.push(serde_json::to_value(e).unwrap_or(Value::Null));
            Value::Null
        }
        None => Value::Null,
    };
    let origin = place(&u.origin, &mut problems);
    let destination = place(&u.destination, &mut problems);
    let date = |d: &Option<Result<crate::dates::Date, crate::dates::DateError>>,
                problems: &mut Vec<Value>| match d {
        Some(Ok(d)) => json!(d),
        Some(Err(e)) => {
            problems.push(json!({"error": e.kind.as_str(), "message": e.message}));
            Value::Null
        }
        None => Value::Null,
    };
    let departure = date(&u.departure_date, &mut problems);
    let ret = date(&u.return_date, &mut problems);
    json!({
        "text": text,
        "intent": u.intent(),
        "confidence": (f64::from(u.confidence) * 100.0).round() / 100.0,
        "name": u.name,
        "origin": origin,
        "destination": destination,
        "trip_type": u.trip_type,
        "departure_date": departure,
        "return_date": ret,
        "passengers": u.passengers,
        "cabin": u.cabin,
        "problems": problems,
    })
}
