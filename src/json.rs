//! A small JSON value with a reader and a writer, used instead of serde_json in the core (and
//! so in the wasm; the native harness keeps serde_json).
//!
//! What it saves, measured: 13.7 KB of gzip -9 wasm (26.2 KB raw). Reproduce with `bash
//! .ci/json-size.sh`: two tiny wasm crates do the core's JSON work below, one through
//! serde_json::Value and one through this file, built like the package (opt-level "z", lto,
//! wasm-opt -Oz or -Os, serde_json 1.0.154); serde_json's came to 32.5 KB gzip, ours to 18.9
//! KB, most of both being the std, allocator and formatting code they share. The package has
//! no float formatter or float parser otherwise (serde_json would bring both) and no serde
//! deserializer, so the isolated figure is close to what swapping would add to the package:
//! 245.6 KB gzip (README's figure), 4.4 KB under the 250 KB budget, so serde_json would put it
//! over.
//!
//! The cost is all or nothing: once serde_json is linked for one use, the others are nearly
//! free, so the question is whether the wasm needs a JSON reader and writer at all. It does:
//! - model answers (src/understand/llm/answer.rs): the model's text is JSON, read field by
//!   field; a reader is unavoidable here, and it is the one the other readers reuse;
//! - chat requests (src/understand/llm/prompt.rs, sent by src/wasm/proxy.rs): the body posted
//!   to the proxy, whose user message is itself a JSON object; the writer;
//! - snapshots (src/dialogue/journal.rs): the call's journal, written and read back; the only
//!   float written (the confidence threshold), hence the short 6-decimal float writer;
//! - wasm options (src/wasm/options.rs): `new Agent(options)` and `new AudioQueue(config)` read
//!   through `JSON.stringify`; rides on the answer reader (serde's deserializer was the cost
//!   avoided there);
//! - proxy replies (src/wasm/proxy.rs): `{"content"}` from /api/chat and `{"text"}` from
//!   /api/transcribe; rides on the reader too.
//!
//! Taken one by one, the last two earn nothing by themselves (they add only their own field
//! reads, which serde_json would need as well); the saving is in having no serde_json in the
//! wasm at all. serde_json stays for the native harness and as the test oracle (the property
//! tests below compare the two on arbitrary input).
//!
//! What it does not do, on purpose: numbers keep full precision as integers (`u64`/`i64`);
//! other numbers become `f64` through a short decimal conversion (within a few units in the
//! last place, not always the nearest double; the values we read are confidences and counts).
//! The writer prints non-integers with at most 6 decimals.

use std::fmt::{self, Write as _};

/// Nesting deeper than this is refused (bounds recursion on hostile input; serde_json's limit).
pub const MAX_DEPTH: usize = 128;
/// Objects with more keys are refused: ours have a dozen, and repeated keys are found by a
/// linear search, which this bounds (a hostile object cannot make reading quadratic).
pub const MAX_KEYS: usize = 64;

/// A JSON value. Objects keep their keys in order (the last of duplicate keys wins).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// A JSON number: integers exact, everything else as `f64`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    Unsigned(u64),
    Negative(i64),
    Float(f64),
}

/// A JSON object: keys in insertion order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Map(Vec<(String, Value)>);

impl Map {
    pub fn new() -> Map {
        Map(Vec::new())
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Set `key`, replacing an earlier value (JSON objects with repeated keys: the last wins).
    pub fn insert(&mut self, key: impl Into<String>, value: Value) {
        let key = key.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key, value)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<K: Into<String>> FromIterator<(K, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(iter: I) -> Map {
        let mut map = Map::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

impl Value {
    /// An object from key-value pairs: `Value::object([("role", "user".into())])`.
    pub fn object<K: Into<String>>(pairs: impl IntoIterator<Item = (K, Value)>) -> Value {
        Value::Object(pairs.into_iter().collect())
    }

    /// The member `key` of an object (`None` for a missing key or a non-object).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(map) => map.get(key),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A non-negative integer (`3`, not `3.0`).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(Number::Unsigned(n)) => Some(*n),
            _ => None,
        }
    }

    /// An integer that fits `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(Number::Unsigned(n)) => i64::try_from(*n).ok(),
            Value::Number(Number::Negative(n)) => Some(*n),
            _ => None,
        }
    }

    /// Any number, as `f64`.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(Number::Unsigned(n)) => Some(*n as f64),
            Value::Number(Number::Negative(n)) => Some(*n as f64),
            Value::Number(Number::Float(f)) => Some(*f),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Value {
        Value::Number(Number::Unsigned(n))
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Value {
        Value::Number(Number::Unsigned(u64::from(n)))
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        match u64::try_from(n) {
            Ok(u) => Value::Number(Number::Unsigned(u)),
            Err(_) => Value::Number(Number::Negative(n)),
        }
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::Number(Number::Float(f))
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Value {
        Value::Array(items.into_iter().map(Into::into).collect())
    }
}

impl From<Map> for Value {
    fn from(map: Map) -> Value {
        Value::Object(map)
    }
}

/// Why a text is not JSON: what was wrong and at which byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub reason: &'static str,
    pub offset: usize,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.reason, self.offset)
    }
}

impl std::error::Error for JsonError {}

/// Read one JSON value; whitespace around it is allowed, anything else is an error.
pub fn parse(text: &str) -> Result<Value, JsonError> {
    let mut reader = Reader { bytes: text.as_bytes(), at: 0 };
    let value = reader.value(0)?;
    reader.skip_space();
    if reader.at < reader.bytes.len() {
        return Err(reader.error("trailing characters"));
    }
    Ok(value)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn error(&self, reason: &'static str) -> JsonError {
        JsonError { reason, offset: self.at }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn literal(&mut self, word: &'static [u8], value: Value) -> Result<Value, JsonError> {
        if self.bytes.get(self.at..self.at + word.len()) == Some(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.skip_space();
        match self.peek() {
            None => Err(self.error("unexpected end")),
            Some(b'n') => self.literal(b"null", Value::Null),
            Some(b't') => self.literal(b"true", Value::Bool(true)),
            Some(b'f') => self.literal(b"false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(b'[') => self.array(depth + 1),
            Some(b'{') => self.object(depth + 1),
            Some(_) => Err(self.error("expected a value")),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, JsonError> {
        let mut items = Vec::new();
        self.items(depth, b']', |reader| {
            items.push(reader.value(depth)?);
            Ok(())
        })?;
        Ok(Value::Array(items))
    }

    fn object(&mut self, depth: usize) -> Result<Value, JsonError> {
        let mut map = Map::new();
        self.items(depth, b'}', |reader| {
            reader.skip_space();
            if reader.peek() != Some(b'"') {
                let end = reader.peek().is_none();
                return Err(reader.error(if end { "unexpected end" } else { "expected a key" }));
            }
            let key = reader.string()?;
            reader.skip_space();
            if reader.peek() != Some(b':') {
                return Err(reader.error("expected ':'"));
            }
            reader.at += 1;
            map.insert(key, reader.value(depth)?);
            if map.len() > MAX_KEYS {
                return Err(reader.error("too many keys in an object"));
            }
            Ok(())
        })?;
        Ok(Value::Object(map))
    }

    /// The comma-separated items of an array or object (`item` reads one), from the opening
    /// bracket through `close`.
    fn items(
        &mut self,
        depth: usize,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.at += 1; // the opening bracket
        self.skip_space();
        if self.peek() == Some(close) {
            self.at += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b) if b == close => {
                    self.at += 1;
                    return Ok(());
                }
                None => return Err(self.error("unexpected end")),
                Some(_) => {
                    return Err(self.error(if close == b']' {
                        "expected ',' or ']'"
                    } else {
                        "expected ',' or '}'"
                    }))
                }
            }
        }
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1; // '"'
        let mut out = String::new();
        loop {
            // Copy the run of plain characters up to the next quote, backslash or control byte.
            let start = self.at;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.at += 1;
            }
            // The input is a &str and the run stops only at ASCII bytes: a char boundary.
            out.push_str(std::str::from_utf8(&self.bytes[start..self.at]).unwrap_or_default());
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                None => return Err(self.error("unterminated string")),
                Some(_) => return Err(self.error("control character in a string")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let Some(b) = self.peek() else {
            return Err(self.error("unterminated string"));
        };
        self.at += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&first) {
                    // A high surrogate must be followed by an escaped low one.
                    if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                        return Err(self.error("lone surrogate"));
                    }
                    self.at += 2;
                    let second = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&second) {
                        return Err(self.error("lone surrogate"));
                    }
                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else {
                    first
                };
                char::from_u32(code).ok_or_else(|| self.error("lone surrogate"))?
            }
            _ => {
                self.at -= 1;
                return Err(self.error("invalid escape"));
            }
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b) => char::from(b).to_digit(16),
                None => None,
            };
            let Some(digit) = digit else {
                return Err(self.error("invalid \\u escape"));
            };
            code = code * 16 + digit;
            self.at += 1;
        }
        Ok(code)
    }

    /// JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    fn number(&mut self) -> Result<Number, JsonError> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let mut mantissa: u64 = 0;
        let mut exponent: i64 = 0;
        let mut integer = true;
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                while let Some(d @ b'0'..=b'9') = self.peek() {
                    self.push_digit(d, &mut mantissa, &mut exponent, false);
                }
            }
            _ => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            integer = false;
            self.at += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number"));
            }
            while let Some(d @ b'0'..=b'9') = self.peek() {
                self.push_digit(d, &mut mantissa, &mut exponent, true);
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            integer = false;
            self.at += 1;
            let sign = match self.peek() {
                Some(b'-') => {
                    self.at += 1;
                    -1
                }
                Some(b'+') => {
                    self.at += 1;
                    1
                }
                _ => 1,
            };
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number"));
            }
            let mut e: i64 = 0;
            while let Some(d @ b'0'..=b'9') = self.peek() {
                e = (e * 10 + i64::from(d - b'0')).min(100_000);
                self.at += 1;
            }
            exponent += sign * e;
        }
        if integer && exponent == 0 {
            if !negative {
                return Ok(Number::Unsigned(mantissa));
            }
            if let Some(n) = 0i64.checked_sub_unsigned(mantissa) {
                return Ok(if n == 0 { Number::Unsigned(0) } else { Number::Negative(n) });
            }
        }
        let magnitude = scale(mantissa, exponent);
        if !magnitude.is_finite() {
            return Err(self.error("number out of range"));
        }
        Ok(Number::Float(if negative { -magnitude } else { magnitude }))
    }

    /// One more digit: kept exactly while the mantissa has room, else only the exponent moves.
    fn push_digit(&mut self, d: u8, mantissa: &mut u64, exponent: &mut i64, fraction: bool) {
        self.at += 1;
        match mantissa.checked_mul(10).and_then(|m| m.checked_add(u64::from(d - b'0'))) {
            Some(m) => {
                *mantissa = m;
                if fraction {
                    *exponent -= 1;
                }
            }
            None if !fraction => *exponent += 1,
            None => {}
        }
    }
}

/// `mantissa × 10^exponent` as `f64` (see the module docs for the precision).
fn scale(mantissa: u64, exponent: i64) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    let exponent = exponent.clamp(-400, 400) as i32;
    let m = mantissa as f64;
    // Two steps keep 10^e finite where m × 10^e is (e.g. 1e-320 is 1 × 10^-320).
    if exponent < -300 {
        m * 10f64.powi(-300) * 10f64.powi(exponent + 300)
    } else if exponent > 300 {
        m * 10f64.powi(300) * 10f64.powi(exponent - 300)
    } else if exponent < 0 {
        m / 10f64.powi(-exponent)
    } else {
        m * 10f64.powi(exponent)
    }
}

impl fmt::Display for Value {
    /// Compact JSON (no spaces).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => f.write_str(if *b { "true" } else { "false" }),
            Value::Number(n) => write_number(*n, f),
            Value::String(s) => write_string(s, f),
            Value::Array(items) => {
                f.write_char('[')?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    item.fmt(f)?;
                }
                f.write_char(']')
            }
            Value::Object(map) => {
                f.write_char('{')?;
                for (i, (key, value)) in map.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write_string(key, f)?;
                    f.write_char(':')?;
                    value.fmt(f)?;
                }
                f.write_char('}')
            }
        }
    }
}

fn write_number(n: Number, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match n {
        Number::Unsigned(u) => write!(f, "{u}"),
        Number::Negative(i) => write!(f, "{i}"),
        // JSON has no NaN or infinity; serde_json writes them as null too.
        Number::Float(x) if !x.is_finite() => f.write_str("null"),
        Number::Float(x) => {
            // Integer arithmetic, not `{}` on f64: no float formatter in the wasm.
            let negative = x < 0.0;
            let micros = (x.abs() * 1e6).round();
            if micros >= 1e18 {
                // Large: 15 significant digits and an exponent.
                let (mut m, mut e) = (x.abs(), 0);
                while m >= 1e15 {
                    m /= 10.0;
                    e += 1;
                }
                return write!(f, "{}{}e{e}", if negative { "-" } else { "" }, m.round() as u64);
            }
            let micros = micros as u64;
            let (whole, mut fraction) = (micros / 1_000_000, micros % 1_000_000);
            if negative && micros > 0 {
                f.write_char('-')?;
            }
            write!(f, "{whole}")?;
            if fraction > 0 {
                let mut width = 6;
                while fraction % 10 == 0 {
                    fraction /= 10;
                    width -= 1;
                }
                write!(f, ".{fraction:0width$}")?;
            }
            Ok(())
        }
    }
}

fn write_string(s: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_char('"')?;
    let mut plain_from = 0;
    for (i, c) in s.char_indices() {
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\u{8}' => "\\b",
            '\u{c}' => "\\f",
            c if c < ' ' => "",
            _ => continue,
        };
        f.write_str(&s[plain_from..i])?;
        if escape.is_empty() {
            write!(f, "\\u{:04x}", u32::from(c))?;
        } else {
            f.write_str(escape)?;
        }
        plain_from = i + c.len_utf8();
    }
    f.write_str(&s[plain_from..])?;
    f.write_char('"')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_the_shapes_models_send() {
        let v = parse(r#" {"intent": "provide_info", "confidence": 0.85, "entities": {"passengers": 2, "name": null, "ok": true, "list": [1, -2, 3.5e1]}} "#).unwrap();
        assert_eq!(v.get("intent").and_then(Value::as_str), Some("provide_info"));
        assert_eq!(v.get("confidence").and_then(Value::as_f64), Some(0.85));
        let entities = v.get("entities").unwrap();
        assert_eq!(entities.get("passengers").and_then(Value::as_u64), Some(2));
        assert!(entities.get("name").unwrap().is_null());
        assert_eq!(entities.get("ok").and_then(Value::as_bool), Some(true));
        let list = entities.get("list").and_then(Value::as_array).unwrap();
        assert_eq!(list[1].as_i64(), Some(-2));
        assert_eq!(list[2].as_f64(), Some(35.0));
        assert_eq!(list[2].as_u64(), None, "35.0 is not an integer literal");
    }

    #[test]
    fn strings_and_escapes() {
        let v = parse(r#""a\"b\\c\/d\n\u00e9\ud83d\ude00 ü""#).unwrap();
        assert_eq!(v.as_str(), Some("a\"b\\c/d\né😀 ü"));
        for bad in [r#""\ud83d""#, r#""\ude00""#, r#""\x""#, r#""\u12"#, "\"a\u{1}b\"", r#""abc"#] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn refuses_what_is_not_json() {
        for bad in [
            "",
            " ",
            "{",
            "}",
            "[1,]",
            "{\"a\":1,}",
            "{'a':1}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "nul",
            "truth",
            "[1 2]",
            "{\"a\" 1}",
            "{\"a\":1} x",
            "NaN",
            "1e999",
            "{1:2}",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be refused");
        }
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(parse(&deep).unwrap_err().reason, "nested too deeply");
        let fine = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn integers_keep_full_precision() {
        assert_eq!(parse("18446744073709551615").unwrap().as_u64(), Some(u64::MAX));
        assert_eq!(parse("-9223372036854775808").unwrap().as_i64(), Some(i64::MIN));
        assert_eq!(parse("-0").unwrap().as_u64(), Some(0));
        // Beyond u64: a float, like serde_json.
        assert_eq!(parse("18446744073709551616").unwrap().as_f64(), Some(18446744073709551616.0));
    }

    #[test]
    fn writes_compact_json() {
        let v = Value::object([
            ("model", "llama".into()),
            ("temperature", Value::from(0u64)),
            ("confidence", Value::from(0.25)),
            ("tiny", Value::from(-1.5e-7)),
            (
                "messages",
                Value::from(vec![Value::object([("content", "say \"hi\"\n\u{1}".into())])]),
            ),
            ("none", Value::Null),
        ]);
        assert_eq!(
            v.to_string(),
            r#"{"model":"llama","temperature":0,"confidence":0.25,"tiny":0,"messages":[{"content":"say \"hi\"\n\u0001"}],"none":null}"#
        );
        assert_eq!(Value::from(f64::NAN).to_string(), "null");
        assert_eq!(Value::from(-2.5).to_string(), "-2.5");
        assert_eq!(Value::from(1e20).to_string(), "100000000000000e6");
        assert_eq!(parse("100000000000000e6").unwrap().as_f64(), Some(1e20));
    }

    #[test]
    fn repeated_keys_keep_the_last() {
        let v = parse(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
        assert_eq!(v.get("a").and_then(Value::as_u64), Some(3));
        assert_eq!(v.as_object().map(Map::len), Some(2));
    }

    #[test]
    fn objects_are_bounded_in_keys_not_in_repeats() {
        let object = |keys: usize, rounds: usize| {
            let pairs: Vec<String> =
                (0..keys * rounds).map(|i| format!("\"k{}\":{i}", i % keys)).collect();
            format!("{{{}}}", pairs.join(","))
        };
        // Every key said three times: the last value, in the first place.
        let map = parse(&object(MAX_KEYS, 3)).unwrap().as_object().cloned().unwrap();
        assert_eq!(map.len(), MAX_KEYS);
        let first: Vec<(&str, &Value)> = map.iter().take(1).collect();
        assert_eq!(first, [("k0", &Value::from(2 * MAX_KEYS as u64))]);
        let too_many = parse(&object(MAX_KEYS + 1, 1)).unwrap_err();
        assert_eq!(too_many.reason, "too many keys in an object");
    }

    /// serde_json values without floats (ours prints at most 6 decimals).
    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<u64>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<String>().prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
                prop::collection::btree_map(any::<String>(), inner, 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Whatever serde_json writes, we read to the same value and write back the same text.
        #[test]
        fn agrees_with_serde_json(value in json_value()) {
            let text = value.to_string();
            let ours = parse(&text).unwrap();
            prop_assert_eq!(ours.to_string(), text.clone());
            let pretty = serde_json::to_string_pretty(&value).unwrap();
            prop_assert_eq!(parse(&pretty).unwrap(), ours);
        }

        /// Arbitrary text: never a panic, and accepted exactly when serde_json accepts it.
        #[test]
        fn accepts_what_serde_json_accepts(text in r#"[\[\]{}",:0-9eE.+\- a-z\\/u\n]{0,40}"#) {
            let theirs = serde_json::from_str::<serde_json::Value>(&text);
            prop_assert_eq!(parse(&text).is_ok(), theirs.is_ok(), "{:?}", text);
        }

        /// Decimal numbers read within a few units in the last place of serde_json's.
        #[test]
        fn floats_are_close(m in 0u64..10_000_000_000, e in -30i32..30, negative: bool) {
            let text = format!("{}{m}e{e}", if negative { "-" } else { "" });
            let theirs: f64 = serde_json::from_str(&text).unwrap();
            let ours = parse(&text).unwrap().as_f64().unwrap();
            prop_assert!((ours - theirs).abs() <= theirs.abs() * 1e-15, "{} vs {}", ours, theirs);
        }

        #[test]
        fn never_panics(text in any::<String>()) {
            let _ = parse(&text);
        }
    }
}
