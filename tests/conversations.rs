//! Runs every conversation script in tests/scripts/*.conv against the dialogue engine.
//! Format: tests/scripts/README.md. All failures of all scripts are reported together.

#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::fs;
use std::path::Path;
use united_voice::{Conversation, ConversationConfig, Date};

struct Failure {
    script: String,
    line: usize,
    message: String,
}

fn booking_field(booking: &Value, field: &str) -> String {
    let v = match field {
        "origin" | "destination" => booking.get(field).and_then(|p| p.get("code")).cloned(),
        _ => booking.get(field).cloned(),
    }
    .unwrap_or(Value::Null);
    match v {
        Value::Null => "null".to_string(),
        Value::String(s) => s,
        other => other.to_string(),
    }
}

/// The script's `seed:` line (7 when absent), known before the first turn.
fn seed_of(text: &str) -> u64 {
    text.lines()
        .find_map(|l| l.strip_prefix("seed:"))
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(7)
}

fn run_script(name: &str, text: &str, failures: &mut Vec<Failure>) {
    let mut today = None;
    let mut seed = 7u64;
    let mut conversation: Option<Conversation> = None;
    // Booked calls are stored in the harness's in-memory desk (the proxy's semantics).
    let desk = united_voice::harness::desk::MemoryDesk::new(seed_of(text));
    let mut last: Option<(united_voice::Turn, Value)> = None;
    let mut fail = |line: usize, message: String| {
        failures.push(Failure { script: name.to_string(), line, message })
    };
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(d) = line.strip_prefix("today:") {
            today = Date::parse_from_str(d.trim(), "%Y-%m-%d").ok();
            continue;
        }
        if let Some(s) = line.strip_prefix("seed:") {
            seed = s.trim().parse().unwrap_or(7);
            continue;
        }
        if let Some(said) = line.strip_prefix('>') {
            let said = said.strip_prefix(' ').unwrap_or(said);
            let conv = conversation.get_or_insert_with(|| {
                Conversation::new(ConversationConfig {
                    today: today.unwrap_or_else(|| Date::from_ymd_opt(2026, 11, 27).unwrap()),
                    seed,
                })
            });
            let turn = conv.respond_at(said, &desk);
            let booking = serde_json::to_value(&turn.booking).unwrap();
            last = Some((turn, booking));
            continue;
        }
        let Some(check) = line.strip_prefix('=').map(str::trim) else {
            fail(line_no, format!("unreadable line {line:?}"));
            continue;
        };
        let Some((turn, booking)) = &last else {
            fail(line_no, "check before any turn".into());
            continue;
        };
        let context = || format!("after {:?} Alex said {:?}", turn.user, turn.reply);
        if let Some(words) = check.strip_prefix("reply!~") {
            let words = words.trim().to_lowercase();
            if turn.reply.to_lowercase().contains(&words) {
                fail(line_no, format!("reply should not contain {words:?}: {}", context()));
            }
        } else if let Some(words) = check.strip_prefix("reply~") {
            let words = words.trim().to_lowercase();
            if !turn.reply.to_lowercase().contains(&words) {
                fail(line_no, format!("reply lacks {words:?}: {}", context()));
            }
        } else if let Some((field, expected)) = check.split_once(':') {
            let (field, expected) = (field.trim(), expected.trim());
            let actual = match field {
                "state" => turn.state.as_str().to_string(),
                "intent" => turn.intent.as_str().to_string(),
                f => booking_field(booking, f),
            };
            let ok = if expected == "set" { actual != "null" } else { actual == expected };
            if !ok {
                fail(line_no, format!("{field}: expected {expected}, got {actual}; {}", context()));
            }
        } else {
            fail(line_no, format!("unknown check {check:?}"));
        }
    }
}

#[test]
fn conversation_scripts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts");
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "conv"))
        .collect();
    names.sort();
    assert!(names.len() >= 40, "expected at least 40 scripts, found {}", names.len());
    let mut failures = Vec::new();
    for path in &names {
        let text = fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        run_script(&name, &text, &mut failures);
    }
    let failed_scripts: std::collections::BTreeSet<&str> =
        failures.iter().map(|f| f.script.as_str()).collect();
    for f in &failures {
        eprintln!("{}:{}: {}", f.script, f.line, f.message);
    }
    eprintln!(
        "{} scripts, {} passed, {} failed",
        names.len(),
        names.len() - failed_scripts.len(),
        failed_scripts.len()
    );
    assert!(
        failures.is_empty(),
        "{} checks failed in {} scripts",
        failures.len(),
        failed_scripts.len()
    );
}
