//! `converse`: `{"id", "today", "turns": [...], "seed"?}` -> one line per conversation:
//! `{"id", "turns": [{"user", "reply", "state", "intent", "tier"}], "booking": BOOKING}`.
//! With `--llm-replay`, the model tier answers from the replay file; injected time advances by
//! `turn_ms` (default 1000) per turn so the circuit breaker's cool-down can be exercised.

use super::Options;
use crate::dialogue::{Conversation, ConversationConfig};
use crate::understand::llm::LlmConfig;
use serde_json::{json, Value};

/// The offer seed when the input gives none (any fixed value keeps runs reproducible).
pub const DEFAULT_SEED: u64 = 7;

/// Handle one input object.
pub fn handle(line: &Value, options: &Options) -> Value {
    match run(line, options) {
        Ok(v) => v,
        Err(message) => {
            let mut e = super::error_line(&message);
            if let Some(id) = line.get("id") {
                e["id"] = id.clone();
            }
            e
        }
    }
}

fn run(line: &Value, options: &Options) -> Result<Value, String> {
    let today = super::date_field(line, "today")?;
    let turns = line
        .get("turns")
        .and_then(Value::as_array)
        .ok_or_else(|| "missing \"turns\" (an array of strings)".to_string())?;
    let seed = line.get("seed").and_then(Value::as_u64).unwrap_or(DEFAULT_SEED);
    let mut conversation = Conversation::new(ConversationConfig { today, seed });
    let turn_ms = line.get("turn_ms").and_then(Value::as_u64).unwrap_or(1000);
    let config = LlmConfig::default();
    let mut out = Vec::with_capacity(turns.len());
    let desk = super::desk::MemoryDesk::new(seed);
    for (i, turn) in turns.iter().enumerate() {
        let text = turn.as_str().ok_or_else(|| "every turn must be a string".to_string())?;
        let now_ms = (i as u64).saturating_mul(turn_ms);
        let t = match &options.replay {
            Some(replay) => {
                let turn = super::replay::respond(&mut conversation, text, replay, now_ms, &config);
                conversation.settle_now(turn, &desk)
            }
            None => conversation.respond_at(text, &desk),
        };
        out.push(json!({
            "user": t.user,
            "reply": t.reply,
            "state": t.state,
            "intent": t.intent,
            "tier": t.tier,
        }));
    }
    Ok(json!({
        "id": line.get("id").cloned().unwrap_or(Value::Null),
        "turns": out,
        "booking": conversation.booking().view(),
    }))
}
