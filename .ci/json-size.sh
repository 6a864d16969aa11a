#!/usr/bin/env bash
# What crate::json (src/json.rs) saves over serde_json::Value in the wasm, measured.
#
# Builds two tiny cdylib crates for wasm32-unknown-unknown that do the same JSON work the core
# does (read a model answer, write a chat request, write and read a snapshot journal, read an
# options object, read a proxy reply): `serde` through serde_json::Value, `own` through
# src/json.rs. Both share one `work.rs` (the work, written once against a small `Json` trait)
# and differ only in the ~20-line impl of that trait, so they do equivalent work by
# construction. Release profile as the package is built (.ci/build-wasm.sh): opt-level "z",
# lto, codegen-units 1, no panic setting (the crate sets none: wasm32-unknown-unknown aborts);
# then binaryen's wasm-opt from .tools/ (never a system one), -Oz by default (WASM_OPT_FLAG=-Os
# gives what wasm-pack runs for the package). Runs every export of both on the same inputs
# (node) and fails unless they agree; JSON_SIZE_VERBOSE=1 prints the results. Prints raw and
# gzip -9 bytes of each and the difference.
#
# Offline: versions come from the crate's Cargo.lock (copied), crates from the local registry.
# The crates are generated under the target dir, so they are no part of the main crate (not
# members, not built by `cargo test`). Idempotent: files are rewritten, builds are incremental.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target/json-size}"
gen="$target/json-size-src"
flag="${WASM_OPT_FLAG:--Oz}"

# wasm-opt from this checkout's .tools/, else from the main worktree's (a `git worktree` has none).
wasm_opt="${WASM_OPT:-}"
if [ -z "$wasm_opt" ]; then
  for dir in "$root" "$(cd "$root" && cd "$(git rev-parse --git-common-dir)/.." && pwd)"; do
    if [ -x "$dir/.tools/node_modules/.bin/wasm-opt" ]; then
      wasm_opt="$dir/.tools/node_modules/.bin/wasm-opt"
      break
    fi
  done
fi
if [ -z "$wasm_opt" ]; then
  echo "no .tools/node_modules/.bin/wasm-opt: run bash .ci/setup.sh" >&2
  exit 1
fi

mkdir -p "$gen/serde/src" "$gen/own/src"
# Only rewrite a file when its text changes (keeps cargo's incremental build valid).
put() {
  local f="$1" tmp
  tmp="$(mktemp)"
  cat > "$tmp"
  if cmp -s "$tmp" "$f"; then rm "$tmp"; else mv "$tmp" "$f"; fi
}

put "$gen/Cargo.toml" <<'EOF'
[workspace]
members = ["serde", "own"]
resolver = "2"

# As .ci/build-wasm.sh builds the package (Cargo.toml's release profile, opt-level "z").
[profile.release]
opt-level = "z"
lto = true
codegen-units = 1
EOF
cp "$root/Cargo.lock" "$gen/Cargo.lock"

put "$gen/serde/Cargo.toml" <<'EOF'
[package]
name = "json-size-serde"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
crate-type = ["cdylib"]

[dependencies]
serde_json = "1"
EOF

put "$gen/own/Cargo.toml" <<'EOF'
[package]
name = "json-size-own"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
crate-type = ["cdylib"]
EOF

# The work, shared by both crates. Every export reads its text from linear memory (written by
# the host after `input`) and returns a number that depends on everything it read or wrote, so
# nothing is optimised away. The shapes are the core's (see the src/ file named at each).
put "$gen/work.rs" <<'EOF'
#![allow(dead_code)]

/// What the core needs of a JSON value; `serde` and `own` implement it, nothing else differs.
pub trait Json: Sized {
    /// Parse, or the reader's message (the core keeps it: `AnswerError::Malformed(e.to_string())`).
    fn parse(text: &str) -> Result<Self, String>;
    fn get(&self, key: &str) -> Option<&Self>;
    fn as_str(&self) -> Option<&str>;
    fn as_u64(&self) -> Option<u64>;
    fn as_f64(&self) -> Option<f64>;
    fn as_bool(&self) -> Option<bool>;
    fn as_array(&self) -> Option<&Vec<Self>>;
    fn is_object(&self) -> bool;
    fn is_null(&self) -> bool;
    fn null() -> Self;
    fn text(s: &str) -> Self;
    fn uint(n: u64) -> Self;
    fn float(x: f64) -> Self;
    fn array(items: Vec<Self>) -> Self;
    fn object(pairs: Vec<(&str, Self)>) -> Self;
    /// Compact JSON text.
    fn write(&self) -> String;
}

#[no_mangle]
pub extern "C" fn input(len: usize) -> *mut u8 {
    let mut buffer = Vec::<u8>::with_capacity(len);
    let at = buffer.as_mut_ptr();
    core::mem::forget(buffer);
    at
}

fn text<'a>(at: *const u8, len: usize) -> &'a str {
    // SAFETY: the host wrote `len` bytes at `at` (from `input`).
    let bytes = unsafe { core::slice::from_raw_parts(at, len) };
    core::str::from_utf8(bytes).unwrap_or("")
}

fn failed(message: String) -> i32 {
    -(message.len() as i32)
}

/// src/understand/llm/answer.rs: a model answer with nested entities, checked field by field.
pub fn model_answer<J: Json>(at: *const u8, len: usize) -> i32 {
    let value = match J::parse(text(at, len)) {
        Ok(v) if v.is_object() => v,
        Ok(_) => return failed("not an object".to_string()),
        Err(e) => return failed(format!("malformed JSON: {e}")),
    };
    let Some(intent) = value.get("intent").and_then(J::as_str) else { return -1 };
    let confidence = match value.get("confidence") {
        None => 0.5,
        Some(c) => match c.as_f64() {
            Some(c) if (0.0..=1.0).contains(&c) => c,
            _ => return -2,
        },
    };
    let mut total = intent.len() as i32 + (confidence * 100.0) as i32;
    if let Some(entities) = value.get("entities").filter(|e| e.is_object()) {
        for key in ["name", "origin", "destination", "departure_date", "return_date", "trip_type", "cabin", "correction_target"] {
            match entities.get(key) {
                Some(v) if v.is_null() => {}
                Some(v) => match v.as_str() {
                    Some(s) => total += s.chars().take(80).count() as i32,
                    None => total += failed(format!("{key} dropped")),
                },
                None => {}
            }
        }
        for key in ["passengers", "option"] {
            if let Some(n) = entities.get(key).and_then(J::as_u64).filter(|n| (1..=20).contains(n)) {
                total += n as i32;
            }
        }
    }
    total
}

/// src/understand/llm/prompt.rs: the chat request posted to the proxy, whose user message is
/// itself a JSON object (the caller's words, the question, the booking so far, the state).
pub fn chat_request<J: Json>(at: *const u8, len: usize, max_tokens: u32) -> i32 {
    let said = text(at, len);
    let place = |code: &str, name: &str| J::object(vec![("code", J::text(code)), ("name", J::text(name))]);
    let booking = J::object(vec![
        ("cabin", J::null()),
        ("departure_date", J::text("2026-12-18")),
        ("destination", place("JFK", "New York")),
        ("name", J::text("Priya Patel")),
        ("origin", place("SFO", "San Francisco")),
        ("passengers", J::uint(u64::from(max_tokens % 9 + 1))),
        ("trip_type", J::text("round_trip")),
    ]);
    let user = J::object(vec![
        ("alex_asked", J::text("And when would you like to fly back?")),
        ("booking_so_far", booking),
        ("caller_said", J::text(said)),
        ("state", J::text("collecting_return_date")),
    ]);
    let message = |role: &str, content: String| J::object(vec![("content", J::text(&content)), ("role", J::text(role))]);
    let request = J::object(vec![
        ("max_tokens", J::uint(u64::from(max_tokens))),
        ("messages", J::array(vec![
            message("system", format!("You extract booking information. Today is {said}.")),
            message("user", user.write()),
        ])),
        ("model", J::text("llama-3.1-8b-instant")),
        ("response_format", J::object(vec![("type", J::text("json_object"))])),
        ("temperature", J::uint(0)),
    ]);
    request.write().len() as i32
}

/// src/dialogue/journal.rs: a snapshot, the call's journal of `turns` events (said, chose,
/// asked with times, a float threshold and an answer or failure outcome).
pub fn journal_write<J: Json>(at: *const u8, len: usize, turns: u32, threshold: f32) -> i32 {
    let said = text(at, len);
    let events = (0..turns)
        .map(|i| match i % 4 {
            0 => J::object(vec![("said", J::text(said))]),
            1 => J::object(vec![("chose", J::uint(u64::from(i % 3 + 1)))]),
            n => J::object(vec![
                ("asked", J::text(said)),
                ("asked_ms", J::uint(1_000 * u64::from(i))),
                ("answered_ms", J::uint(1_000 * u64::from(i) + 420)),
                ("outcome", match n {
                    2 => J::object(vec![("answer", J::text(said))]),
                    _ => J::object(vec![("failure", J::text("timeout"))]),
                }),
                ("threshold", J::float(f64::from(threshold))),
            ]),
        })
        .collect();
    let snapshot = J::object(vec![
        ("format", J::text("united-voice/2")),
        ("today", J::text("2026-11-27")),
        ("seed", J::uint(u64::from(turns) * 7)),
        ("events", J::array(events)),
    ]);
    snapshot.write().len() as i32
}

/// src/dialogue/journal.rs: reading a snapshot back, every field checked.
pub fn journal_read<J: Json>(at: *const u8, len: usize) -> i32 {
    let value = match J::parse(text(at, len)) {
        Ok(v) => v,
        Err(e) => return failed(e),
    };
    if value.get("format").and_then(J::as_str) != Some("united-voice/2") {
        return -1;
    }
    let Some(today) = value.get("today").and_then(J::as_str) else { return -2 };
    let Some(seed) = value.get("seed").and_then(J::as_u64) else { return -3 };
    let Some(events) = value.get("events").and_then(J::as_array) else { return -4 };
    let mut total = today.len() as i32 + seed as i32;
    for event in events {
        if let Some(said) = event.get("said") {
            match said.as_str() {
                Some(s) => total += s.len() as i32,
                None => return failed("said is not text".to_string()),
            }
        } else if let Some(option) = event.get("chose") {
            match option.as_u64().and_then(|n| u8::try_from(n).ok()) {
                Some(n) => total += i32::from(n),
                None => return failed("chose is not an option number".to_string()),
            }
        } else if let Some(asked) = event.get("asked").and_then(J::as_str) {
            for key in ["asked_ms", "answered_ms"] {
                match event.get(key).and_then(J::as_u64) {
                    Some(ms) => total += ms as i32,
                    None => return failed(format!("{key} is not a time")),
                }
            }
            match event.get("threshold").and_then(J::as_f64).filter(|t| (0.0..=1.0).contains(t)) {
                Some(t) => total += (t * 100.0) as i32,
                None => return failed("threshold is not a number in 0..=1".to_string()),
            }
            total += asked.len() as i32;
            match event.get("outcome") {
                None => {}
                Some(o) if o.is_null() => {}
                Some(o) => match (o.get("answer").and_then(J::as_str), o.get("failure").and_then(J::as_str)) {
                    (Some(answer), _) => total += answer.len() as i32,
                    (None, Some(failure)) => total += failure.len() as i32,
                    _ => return -5,
                },
            }
        } else {
            return failed("an event is neither \"said\", \"chose\" nor \"asked\"".to_string());
        }
    }
    total
}

/// src/wasm/options.rs: `new Agent(options)` read through JSON.stringify, field by field
/// (text, flags, whole numbers, a nested object).
pub fn options<J: Json>(at: *const u8, len: usize) -> i32 {
    let value = match J::parse(text(at, len)) {
        Ok(v) if v.is_object() => v,
        Ok(_) => return -1,
        Err(e) => return failed(format!("invalid Agent options: {e}")),
    };
    let mut total = 0;
    for key in ["today", "proxy", "model"] {
        match value.get(key).filter(|v| !v.is_null()).map(|v| v.as_str()) {
            Some(Some(s)) => total += s.len() as i32,
            Some(None) => return failed(format!("invalid Agent options: {key} must be text")),
            None => {}
        }
    }
    for key in ["seed", "turn_ms", "timeout_ms"] {
        match value.get(key).filter(|v| !v.is_null()).map(|v| v.as_u64()) {
            Some(Some(n)) => total += n as i32,
            Some(None) => return failed(format!("invalid Agent options: {key} must be a whole number")),
            None => {}
        }
    }
    if let Some(tiers) = value.get("tiers").filter(|v| !v.is_null()) {
        if !tiers.is_object() {
            return failed("invalid Agent options: tiers must be an object".to_string());
        }
        for key in ["llm", "speech", "voice"] {
            match tiers.get(key).filter(|v| !v.is_null()).map(|v| v.as_bool()) {
                Some(Some(on)) => total += i32::from(on),
                Some(None) => return failed(format!("invalid Agent options: {key} must be true or false")),
                None => {}
            }
        }
    }
    total
}

/// src/wasm/proxy.rs: `{"content": "..."}` from /api/chat, `{"text": "..."}` from /api/transcribe.
pub fn proxy_reply<J: Json>(at: *const u8, len: usize, chat: bool) -> i32 {
    let Ok(value) = J::parse(text(at, len)) else { return -1 };
    match value.get(if chat { "content" } else { "text" }).and_then(J::as_str) {
        Some(text) => text.len() as i32,
        None => -2,
    }
}

/// The exports, the same in both crates: `J` is the crate's JSON value.
#[macro_export]
macro_rules! exports {
    ($J:ty) => {
        #[no_mangle]
        pub extern "C" fn model_answer(at: *const u8, len: usize) -> i32 { work::model_answer::<$J>(at, len) }
        #[no_mangle]
        pub extern "C" fn chat_request(at: *const u8, len: usize, max_tokens: u32) -> i32 { work::chat_request::<$J>(at, len, max_tokens) }
        #[no_mangle]
        pub extern "C" fn journal_write(at: *const u8, len: usize, turns: u32, threshold: f32) -> i32 { work::journal_write::<$J>(at, len, turns, threshold) }
        #[no_mangle]
        pub extern "C" fn journal_read(at: *const u8, len: usize) -> i32 { work::journal_read::<$J>(at, len) }
        #[no_mangle]
        pub extern "C" fn options(at: *const u8, len: usize) -> i32 { work::options::<$J>(at, len) }
        #[no_mangle]
        pub extern "C" fn proxy_reply(at: *const u8, len: usize, chat: bool) -> i32 { work::proxy_reply::<$J>(at, len, chat) }
    };
}
EOF

# (a) serde_json::Value. Objects are serde_json's default Map (a BTreeMap: sorted keys, which
# is why the core writes its request keys alphabetically); the chat request's keys are sorted
# already, the snapshot's are not, and both texts have the same length either way.
put "$gen/serde/src/lib.rs" <<'EOF'
#[path = "../../work.rs"]
mod work;
use serde_json::{Map, Value};

impl work::Json for Value {
    fn parse(text: &str) -> Result<Self, String> { serde_json::from_str(text).map_err(|e| e.to_string()) }
    fn get(&self, key: &str) -> Option<&Self> { Value::get(self, key) }
    fn as_str(&self) -> Option<&str> { Value::as_str(self) }
    fn as_u64(&self) -> Option<u64> { Value::as_u64(self) }
    fn as_f64(&self) -> Option<f64> { Value::as_f64(self) }
    fn as_bool(&self) -> Option<bool> { Value::as_bool(self) }
    fn as_array(&self) -> Option<&Vec<Self>> { Value::as_array(self) }
    fn is_object(&self) -> bool { Value::is_object(self) }
    fn is_null(&self) -> bool { Value::is_null(self) }
    fn null() -> Self { Value::Null }
    fn text(s: &str) -> Self { Value::from(s) }
    fn uint(n: u64) -> Self { Value::from(n) }
    fn float(x: f64) -> Self { Value::from(x) }
    fn array(items: Vec<Self>) -> Self { Value::Array(items) }
    fn object(pairs: Vec<(&str, Self)>) -> Self {
        Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect::<Map<_, _>>())
    }
    fn write(&self) -> String { self.to_string() }
}

exports!(Value);
EOF

# (b) crate::json, the file itself (it needs nothing else from the crate: no shim for
# crate::case). Unquoted heredoc for the path only: the Rust below has no `$`, `\` or backquote.
put "$gen/own/src/lib.rs" <<EOF
#[path = "../../work.rs"]
mod work;
#[allow(dead_code)]
#[path = "$root/src/json.rs"]
mod json;
use json::Value;

impl work::Json for Value {
    fn parse(text: &str) -> Result<Self, String> { json::parse(text).map_err(|e| e.to_string()) }
    fn get(&self, key: &str) -> Option<&Self> { Value::get(self, key) }
    fn as_str(&self) -> Option<&str> { Value::as_str(self) }
    fn as_u64(&self) -> Option<u64> { Value::as_u64(self) }
    fn as_f64(&self) -> Option<f64> { Value::as_f64(self) }
    fn as_bool(&self) -> Option<bool> { Value::as_bool(self) }
    fn as_array(&self) -> Option<&Vec<Self>> { Value::as_array(self) }
    fn is_object(&self) -> bool { self.as_object().is_some() }
    fn is_null(&self) -> bool { Value::is_null(self) }
    fn null() -> Self { Value::Null }
    fn text(s: &str) -> Self { Value::from(s) }
    fn uint(n: u64) -> Self { Value::from(n) }
    fn float(x: f64) -> Self { Value::from(x) }
    fn array(items: Vec<Self>) -> Self { Value::Array(items) }
    fn object(pairs: Vec<(&str, Self)>) -> Self { Value::object(pairs) }
    fn write(&self) -> String { self.to_string() }
}

exports!(Value);
EOF

echo "building the two crates (wasm32-unknown-unknown, release)..." >&2
# Panic locations embed source paths: remapped, so the bytes do not depend on where the
# checkout or the cargo home is (std's are /rustc/... already).
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
(cd "$gen" && RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=$root=/united-voice --remap-path-prefix=$cargo_home=/cargo" \
  CARGO_TARGET_DIR="$target" cargo build --offline --quiet --release \
  --target wasm32-unknown-unknown -p json-size-serde -p json-size-own)

out="$target/wasm32-unknown-unknown/release"
declare -A raw gz
for crate in serde own; do
  built="$out/json_size_${crate}.wasm"
  opt="$out/json_size_${crate}.opt.wasm"
  "$wasm_opt" "$flag" "$built" -o "$opt"
  raw[$crate]=$(wc -c < "$opt")
  gz[$crate]=$(gzip -9c "$opt" | wc -c)
done

# Equivalent work, checked: both modules run every export on the same inputs and must give
# the same numbers (lengths read and written, values summed). Errors only need to be errors:
# the two readers word their messages differently. The threshold is 0.75, exact in f32 and
# f64 (serde_json writes 0.7f32 as 0.699999988079071, crate::json as 0.7).
node - "$out/json_size_serde.opt.wasm" "$out/json_size_own.opt.wasm" <<'EOF'
const fs = require("fs");
const [serde, own] = process.argv.slice(2).map((f) =>
  new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(f)), {}).exports);
const call = (m, name, text, ...rest) => {
  const bytes = Buffer.from(text, "utf8");
  const at = m.input(bytes.length);
  new Uint8Array(m.memory.buffer, at, bytes.length).set(bytes);
  return m[name](at, bytes.length, ...rest);
};
const answer = '{"intent": "provide_info", "confidence": 0.92, "entities": {"origin": "Chicago", ' +
  '"destination": "Denver", "departure_date": "December 11th", "passengers": 2, "cabin": ' +
  '"business", "trip_type": "round_trip", "name": null, "option": 2.0, "note": "a \\"}\\u00e9"}}';
const cases = [
  ["model_answer", answer],
  ["model_answer", '{"intent": "confirm_yes"}'],
  ["model_answer", '{"intent": "other", "confidence": 1e-1, "entities": {"origin": 3}}'],
  ["model_answer", '{"intent": "other",}'],
  ["model_answer", "[1, 2]"],
  ["chat_request", "Hi, I'm Priya Patel, round trip from SFO to \"New York\"\n back January 3rd", 300],
  ["journal_write", "uh we'd be going out of boston and we want denver é", 10, 0.75],
  ["journal_read", '{"format": "united-voice/2", "today": "2026-11-27", "seed": 7, "events": [' +
    '{"said": "hi"}, {"chose": 2}, {"asked": "out of boston", "asked_ms": 1000, "answered_ms": 1420, ' +
    '"outcome": {"answer": "{\\"intent\\": \\"other\\"}"}, "threshold": 0.75}, {"asked": "x", ' +
    '"asked_ms": 5, "answered_ms": 6, "outcome": null, "threshold": 1}]}'],
  ["journal_read", '{"format": "united-voice/2", "today": "2026-11-27", "seed": 7, "events": [{"asked": "x"}]}'],
  ["journal_read", '{"format": "united-voice/2"'],
  ["options", '{"today": "2026-11-27", "seed": 42, "turn_ms": null, "tiers": {"llm": true, "voice": false}, "extra": [1.5]}'],
  ["options", '{"seed": -1}'],
  ["proxy_reply", '{"content": "{\\"intent\\": \\"confirm_yes\\", \\"confidence\\": 0.9}", "model": "m"}', 1],
  ["proxy_reply", '{"text": "from boston"}', 0],
  ["proxy_reply", "<html>502</html>", 1],
];
let bad = 0;
for (const [name, text, ...rest] of cases) {
  const a = call(serde, name, text, ...rest), b = call(own, name, text, ...rest);
  if (a !== b && !(a < 0 && b < 0)) {
    console.error(`not equivalent: ${name}(${JSON.stringify(text).slice(0, 60)}...): serde ${a}, own ${b}`);
    bad++;
  }
  if (process.env.JSON_SIZE_VERBOSE) console.error(`${name}: serde ${a}, own ${b}`);
}
if (bad) process.exit(1);
console.error(`equivalent: ${cases.length} calls give the same results in both modules`);
EOF

echo "JSON work of the core in a wasm (opt-level z, lto, wasm-opt $flag; serde_json $(
  grep -A1 '^name = "serde_json"$' "$root/Cargo.lock" | sed -n 's/version = "\(.*\)"/\1/p'))"
printf '%-28s %10s %10s\n' "" raw gzip-9
printf '%-28s %10d %10d\n' "serde_json::Value" "${raw[serde]}" "${gz[serde]}"
printf '%-28s %10d %10d\n' "crate::json (src/json.rs)" "${raw[own]}" "${gz[own]}"
printf '%-28s %10d %10d\n' "saved by crate::json" $((raw[serde] - raw[own])) $((gz[serde] - gz[own]))
