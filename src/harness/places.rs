//! The `places` harness command: `{"text"}` -> the resolved place, or the error with candidates
//! (for "unknown", "did you mean" suggestions, possibly none).

use serde_json::{json, Value};

use crate::places::{self, Place, PlaceError};

/// Handle one input object.
pub fn handle(line: &Value) -> Value {
    let text = match super::text_field(line, "text") {
        Ok(t) => t,
        Err(e) => return super::error_line(&e),
    };
    match places::resolve(text) {
        Ok(p) => json!({
            "text": text,
            "code": p.code,
            "kind": p.kind,
            "name": p.name,
            "airports": p.airports,
        }),
        Err(PlaceError::Ambiguous { candidates, .. }) => {
            json!({"text": text, "error": "ambiguous", "candidates": candidate_list(&candidates)})
        }
        Err(PlaceError::Unknown { .. }) => json!({
            "text": text,
            "error": "unknown",
            "candidates": candidate_list(&places::suggestions(text)),
        }),
    }
}

fn candidate_list(places: &[Place]) -> Vec<Value> {
    places
        .iter()
        .map(|p| {
            let first = places::airports_in(p).first().copied();
            json!({
                "code": p.code,
                "kind": p.kind,
                "name": p.name,
                "airports": p.airports,
                "city": first.map(|a| a.city.split('|').next().unwrap_or_default().to_string()),
                "region": first.map(|a| a.region.clone()),
                "country": first.map(|a| a.country.clone()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_ambiguous_and_unknown_lines() {
        let ok = handle(&json!({"text": "chicago"}));
        assert_eq!(ok["code"], "CHI");
        assert_eq!(ok["kind"], "metro");
        assert_eq!(ok["airports"], json!(["ORD", "MDW"]));
        let amb = handle(&json!({"text": "springfield"}));
        assert_eq!(amb["error"], "ambiguous");
        assert!(amb["candidates"].as_array().is_some_and(|c| c.len() >= 2));
        let unk = handle(&json!({"text": "atlantis"}));
        assert_eq!(unk["error"], "unknown");
        assert!(unk["candidates"].is_array());
        assert_eq!(handle(&json!({"nope": 1}))["error"], "bad_input");
    }
}
