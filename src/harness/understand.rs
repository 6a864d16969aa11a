//! `understand`: `{"text", "today"}` -> `{"text", "intent", "name", "origin", "destination",
//! "trip_type", "departure_date", "return_date", "passengers", "cabin"}`; places as
//! `{"code", "name"}`, null where absent or invalid (invalid values are listed in "problems").

use super::Options;
use crate::understand::llm::{self, CircuitBreaker, LlmConfig};
use crate::understand::view::UnderstandingView;
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
    let context = Context::new(today);
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
    serde_json::to_value(UnderstandingView::new(text, u)).unwrap_or(Value::Null)
}
