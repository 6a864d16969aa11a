//! The `dates` harness command: `{"text", "today", "after"?}` in, `{"text", "date"}` or
//! `{"text", "error", "message"}` out.

use serde_json::{json, Value};

use crate::dates::parse_date;

/// Handle one input object.
pub fn handle(line: &Value) -> Value {
    let text = super::text_field(line, "text");
    let today = super::date_field(line, "today");
    let after = match line.get("after") {
        None | Some(Value::Null) => Ok(None),
        Some(_) => super::date_field(line, "after").map(Some),
    };
    let (text, today, after) = match (text, today, after) {
        (Ok(text), Ok(today), Ok(after)) => (text, today, after),
        (text, today, after) => {
            let problem = [today.err(), after.err(), text.as_ref().err().cloned()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("; ");
            let mut out = super::error_line(&problem);
            if let (Ok(text), Some(fields)) = (text, out.as_object_mut()) {
                fields.insert("text".into(), Value::from(text));
            }
            return out;
        }
    };
    match parse_date(text, today, after) {
        Ok(date) => json!({"text": text, "date": date.format("%Y-%m-%d").to_string()}),
        Err(e) => json!({"text": text, "error": e.kind.as_str(), "message": e.message}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_a_date_or_a_typed_error() {
        let ok = handle(&json!({"text": "next friday", "today": "2027-03-02"}));
        assert_eq!(ok, json!({"text": "next friday", "date": "2027-03-12"}));
        let back =
            handle(&json!({"text": "a week later", "today": "2026-11-27", "after": "2026-12-18"}));
        assert_eq!(back["date"], "2026-12-25");
        let past = handle(&json!({"text": "yesterday", "today": "2026-11-27"}));
        assert_eq!(past["error"], "past");
        assert_eq!(past["text"], "yesterday");
        assert!(past["message"].as_str().is_some_and(|m| m.contains("already passed")));
        let none = handle(&json!({"text": "hello", "today": "2026-11-27"}));
        assert_eq!(none["error"], "not_a_date");
    }

    #[test]
    fn bad_fields_are_bad_input() {
        let missing = handle(&json!({"text": "tomorrow"}));
        assert_eq!(missing["error"], "bad_input");
        assert_eq!(missing["text"], "tomorrow");
        let bad_after = handle(&json!({"text": "x", "today": "2026-11-27", "after": "soon"}));
        assert_eq!(bad_after["error"], "bad_input");
        assert!(bad_after["message"].as_str().is_some_and(|m| m.contains("after")));
        let no_text = handle(&json!({"today": "2026-11-27"}));
        assert_eq!(no_text["error"], "bad_input");
        assert!(no_text.get("text").is_none());
    }
}
