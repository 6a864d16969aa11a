//! `converse`: `{"id", "today", "turns": [...], "seed"?}` -> one line per conversation:
//! `{"id", "turns": [{"user", "reply", "state", "intent"}], "booking": BOOKING}`.

use crate::dialogue::{Conversation, ConversationConfig};
use serde_json::{json, Value};

/// The offer seed when the input gives none (any fixed value keeps runs reproducible).
pub const DEFAULT_SEED: u64 = 7;

/// Handle one input object.
pub fn handle(line: &Value) -> Value {
    match run(line) {
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

fn run(line: &Value) -> Result<Value, String> {
    let today = super::date_field(line, "today")?;
    let turns = line
        .get("turns")
        .and_then(Value::as_array)
        .ok_or_else(|| "missing \"turns\" (an array of strings)".to_string())?;
    let seed = line.get("seed").and_then(Value::as_u64).unwrap_or(DEFAULT_SEED);
    let mut conversation = Conversation::new(ConversationConfig { today, seed });
    let mut out = Vec::with_capacity(turns.len());
    for turn in turns {
        let text = turn.as_str().ok_or_else(|| "every turn must be a string".to_string())?;
        let t = conversation.respond(text);
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
