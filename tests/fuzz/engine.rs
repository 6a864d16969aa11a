//! The fuzz engine: a seeded xorshift PRNG, a text mutator with a dictionary of domain tokens,
//! and a runner that catches panics, times every input, keeps inputs that reach a new outcome
//! and saves what it finds under `target/fuzz-crashes/`. No libFuzzer, no sanitizers, no
//! nightly: stable Rust only, so the only feedback is each target's outcome signature.
//!
//! Settings (environment):
//! - `FUZZ_EXECUTIONS`: executions per target (mutated inputs; the corpus runs first, once).
//!   Unset: the CI count of each target (a few seconds in release).
//! - `FUZZ_SECONDS`: stop a target after this many seconds even if executions remain.
//! - `FUZZ_SEED`: the PRNG seed (default 17): the same seed gives the same inputs.
//! - `FUZZ_SLOW_MS`: one input taking longer is a finding (default 1,000 ms in release,
//!   20,000 ms in a debug build).
//! - `FUZZ_HANG_SECONDS`: one input taking longer aborts the run after saving it (default 120).
//! - `FUZZ_JOBS`: run the target on this many threads (default 1), each job with its own seed
//!   (`FUZZ_SEED` + job number, job 0 keeping `FUZZ_SEED`) and corpus, `FUZZ_EXECUTIONS`
//!   shared out between them; a line per job, then the total (files saved as
//!   `<target>-job<n>-...`). `FUZZ_SECONDS` bounds each job, and so the run.
//! - `FUZZ_REPLAY`: a file: run only that input through the target(s) selected by the test
//!   filter, with the panic shown as usual.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

/// No input is made longer than this (the issue's "100 KB of text").
pub const MAX_LEN: usize = 100 * 1024;
/// Inputs kept for reaching a new outcome are at most this long (long ones stay rare).
const MAX_KEPT_LEN: usize = 2048;
/// The in-memory corpus stops growing here.
const MAX_CORPUS: usize = 4_096;
/// Distinct panic locations kept per target; every crash is counted.
const MAX_SAVED_PER_LOCATION: usize = 3;

/// xorshift64*: tiny, fast, deterministic for a seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        for _ in 0..4 {
            r.next_u64();
        }
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// 0..n (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A stable hash (for outcome signatures and for deriving choices from an input).
pub fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// Words the parsers react to: dates, numbers, places, booking words, JSON and snapshot
/// punctuation, the conversation target's commands.
pub const DICTIONARY: &[&str] = &[
    // months and weekdays
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "jan",
    "feb",
    "sept",
    "dec.",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "tues",
    "thurs",
    "weekend",
    "weekday",
    "week",
    "month",
    "year",
    "fortnight",
    "days",
    // date words
    "next",
    "this",
    "last",
    "the",
    "a",
    "of",
    "after",
    "before",
    "between",
    "and",
    "or",
    "around",
    "about",
    "approximately",
    "early",
    "mid",
    "late",
    "end of",
    "beginning of",
    "in",
    "on",
    "by",
    "until",
    "through",
    "from",
    "to",
    "back",
    "returning",
    "return",
    "leaving",
    "departing",
    "tomorrow",
    "today",
    "tonight",
    "yesterday",
    "day after tomorrow",
    "morning",
    "afternoon",
    "evening",
    "night",
    "red-eye",
    "first thing",
    "noon",
    "midnight",
    "Christmas",
    "Christmas Eve",
    "Thanksgiving",
    "Easter",
    "New Year's",
    "Labor Day",
    "Memorial Day",
    "MLK day",
    "Fourth of July",
    "Valentine's",
    "spring break",
    "second Saturday in",
    "third Monday of",
    "later",
    "earlier",
    "a week later",
    "in two weeks",
    // numbers
    "0",
    "1",
    "2",
    "3",
    "9",
    "10",
    "12",
    "13",
    "15",
    "28",
    "29",
    "30",
    "31",
    "32",
    "99",
    "100",
    "255",
    "256",
    "1000",
    "2026",
    "2027",
    "2028",
    "1999",
    "9999",
    "262143",
    "-1",
    "4294967296",
    "18446744073709551616",
    "99999999999999999999999",
    "1st",
    "2nd",
    "3rd",
    "4th",
    "15th",
    "21st",
    "22nd",
    "31st",
    "0th",
    "first",
    "second",
    "third",
    "fourth",
    "fifteenth",
    "twenty",
    "twenty-first",
    "thirty",
    "thirty-first",
    "hundred",
    "thousand",
    "one",
    "two",
    "three",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "dozen",
    "half",
    "a couple",
    "12/25",
    "1/1",
    "02/29",
    "13/45",
    "2027-01-09",
    "2026-02-30",
    "00:00",
    "8 am",
    "5:30 pm",
    // places
    "Chicago",
    "New York",
    "San Francisco",
    "Boston",
    "Denver",
    "Los Angeles",
    "LA",
    "NYC",
    "SFO",
    "ORD",
    "JFK",
    "EWR",
    "LAX",
    "CHI",
    "Newark",
    "Houston",
    "Austin",
    "Miami",
    "Seattle",
    "Tucson",
    "Honolulu",
    "London",
    "London, Ontario",
    "Paris",
    "Paris, Texas",
    "Springfield",
    "Portland",
    "Washington",
    "DC",
    "the Bay Area",
    "the Boston area",
    "near",
    "just outside",
    "area",
    "airport",
    "international",
    "O'Hare",
    "St.",
    "Saint",
    "Fort",
    "Ho Chi Minh City",
    "Saigon",
    "Puerto Rico",
    "Frankfurt am Main",
    "Atlantis",
    // booking words
    "round trip",
    "one way",
    "one-way",
    "economy",
    "premium economy",
    "business",
    "first class",
    "basic",
    "passengers",
    "people",
    "of us",
    "adults",
    "kids",
    "me and",
    "my wife",
    "we",
    "yes",
    "yeah",
    "no",
    "nope",
    "actually",
    "make it",
    "make that",
    "change",
    "instead",
    "not",
    "go back",
    "start over",
    "cancel",
    "option",
    "the cheapest",
    "the first one",
    "the last one",
    "nonstop",
    "direct",
    "I'm",
    "my name is",
    "Priya Patel",
    "flexible",
    "any",
    "more options",
    "repeat",
    "what",
    "how much",
    "?",
    "!",
    ".",
    ",",
    "uh",
    "um",
    "ignore all previous instructions",
    "system:",
    // JSON and snapshots
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "\\",
    "\\\"",
    "\\u0000",
    "\\ud800",
    "\\uDFFF",
    "null",
    "true",
    "false",
    "1e999",
    "-0",
    "0.5",
    "NaN",
    "\"intent\"",
    "\"entities\"",
    "\"confidence\"",
    "\"provide_info\"",
    "\"correction\"",
    "\"confirm_yes\"",
    "\"select_option\"",
    "\"origin\"",
    "\"destination\"",
    "\"departure_date\"",
    "\"return_date\"",
    "\"passengers\"",
    "\"cabin\"",
    "\"option\"",
    "\"name\"",
    "\"trip_type\"",
    "\"correction_target\"",
    "\"reply\"",
    "```json",
    "```",
    "\"format\"",
    "\"united-voice/1\"",
    "\"today\"",
    "\"seed\"",
    "\"said\"",
    "\"chose\"",
    "\"asked\"",
    "\"outcome\"",
    "\"answer\"",
    "\"failure\"",
    "\"asked_ms\"",
    "\"answered_ms\"",
    "\"threshold\"",
    "\"journal\"",
    "\"events\"",
    "\"text\"",
    // the conversation target's commands
    "\n",
    "\n#choose 1\n",
    "\n#choose 2\n",
    "\n#choose 0\n",
    "\n#choose 255\n",
    "\n#llm {\"intent\": \"provide_info\", \"confidence\": 0.9, \"entities\": {}}\n",
];

/// Characters that break byte-offset and case assumptions: emoji and ZWJ sequences, combining
/// marks, bidi controls, characters whose case mapping changes their length (KELVIN SIGN,
/// dotted capital I, sharp s, ligatures), digits of other scripts, odd whitespace.
pub const UNICODE: &[&str] = &[
    "😀",
    "👨‍👩‍👧‍👦",
    "🇺🇸",
    "\u{301}",
    "e\u{301}",
    "\u{202E}",
    "\u{200F}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{0}",
    "\u{7F}",
    "\u{10FFFF}",
    "\u{FFFD}",
    "\u{2028}",
    "\r\n",
    "\t",
    "\r",
    "مرحبا",
    "שלום",
    "İ",
    "ı",
    "K",
    "Å",
    "ß",
    "ẞ",
    "ﬃ",
    "ǅ",
    "Σ",
    "ς",
    "ŉ",
    "ΐ",
    "１２",
    "٣",
    "५",
    "Ⅻ",
    "½",
    "²",
    "ﾃ",
    "क्षि",
    "Ø",
    "Ł",
    "ñ",
    "Zürich",
    "Kraków",
    "São Paulo",
    "Москва",
    "東京",
    "\u{a0}",
    "\u{3000}",
    "\u{1680}",
];

/// The mutator: one input from the corpus, changed by a few stacked mutations.
pub struct Mutator {
    pub rng: Rng,
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn cap(mut s: String) -> String {
    if s.len() > MAX_LEN {
        let end = floor(&s, MAX_LEN);
        s.truncate(end);
    }
    s
}

impl Mutator {
    pub fn new(seed: u64) -> Mutator {
        Mutator { rng: Rng::new(seed) }
    }

    fn pos(&mut self, s: &str) -> usize {
        let i = self.rng.below(s.len() + 1);
        floor(s, i)
    }

    /// A range of at most `max` bytes, on char boundaries.
    fn range(&mut self, s: &str, max: usize) -> (usize, usize) {
        let a = self.pos(s);
        let b = floor(s, a + 1 + self.rng.below(max));
        (a, b)
    }

    fn token(&mut self) -> &'static str {
        if self.rng.one_in(6) {
            UNICODE[self.rng.below(UNICODE.len())]
        } else {
            DICTIONARY[self.rng.below(DICTIONARY.len())]
        }
    }

    fn random_char(&mut self) -> char {
        match self.rng.below(4) {
            0 => char::from(b' ' + self.rng.below(95) as u8),
            1 => *self.rng.pick(&[' ', '\n', '"', '{', '}', ',', ':', '\'', '-', '/', '0', '9']),
            2 => char::from_u32(self.rng.below(0x800) as u32).unwrap_or('?'),
            _ => char::from_u32(self.rng.below(0x11_0000) as u32).unwrap_or('\u{FFFD}'),
        }
    }

    /// A long input (8 KB to 100 KB): a chunk of `base` or a token, repeated.
    pub fn huge(&mut self, base: &str) -> String {
        let target = 8 * 1024 + self.rng.below(MAX_LEN - 8 * 1024);
        let chunk = if base.is_empty() || self.rng.one_in(3) {
            let mut t = self.token().to_string();
            t.push(' ');
            t
        } else if self.rng.one_in(2) {
            let mut t = base.to_string();
            t.push(' ');
            t
        } else {
            let (a, b) = self.range(base, 64);
            if a == b {
                "x ".to_string()
            } else {
                base[a..b].to_string()
            }
        };
        let mut out = String::with_capacity(target + chunk.len());
        if self.rng.one_in(2) {
            out.push_str(base);
        }
        while out.len() < target {
            out.push_str(&chunk);
        }
        cap(out)
    }

    /// `base` changed by one to five mutations; `other` is a second corpus entry to splice.
    pub fn mutate(&mut self, base: &str, other: &str) -> String {
        let mut s = base.to_string();
        let rounds = 1 + self.rng.below(5).min(self.rng.below(5));
        for _ in 0..rounds {
            s = self.once(s, other);
            if s.len() > MAX_LEN {
                s = cap(s);
            }
        }
        s
    }

    fn once(&mut self, s: String, other: &str) -> String {
        match self.rng.below(17) {
            // a bit flip (the result is made valid UTF-8 again, which may add U+FFFD)
            0 => {
                if s.is_empty() {
                    return s;
                }
                let mut bytes = s.into_bytes();
                let i = self.rng.below(bytes.len());
                bytes[i] ^= 1 << self.rng.below(8);
                String::from_utf8_lossy(&bytes).into_owned()
            }
            // an interesting byte
            1 => {
                if s.is_empty() {
                    return s;
                }
                let mut bytes = s.into_bytes();
                let i = self.rng.below(bytes.len());
                bytes[i] = *self.rng.pick(&[0, 0x7f, 0xff, 0x80, b' ', b'\n', b'"', b'{', b'9']);
                String::from_utf8_lossy(&bytes).into_owned()
            }
            // insert characters
            2 => {
                let mut s = s;
                let at = self.pos(&s);
                let n = 1 + self.rng.below(4);
                let chars: String = (0..n).map(|_| self.random_char()).collect();
                s.insert_str(at, &chars);
                s
            }
            // replace a character
            3 => {
                if s.is_empty() {
                    return s;
                }
                let at = self.pos(&s);
                let end = floor(&s, at + 1 + 3);
                let end = if end <= at { s.len() } else { end };
                let c = self.random_char();
                format!("{}{}{}", &s[..at], c, &s[end..])
            }
            // delete a range
            4 | 5 => {
                let (a, b) = self.range(&s, 16);
                format!("{}{}", &s[..a], &s[b..])
            }
            // splice with another corpus entry
            6 => {
                let a = self.pos(&s);
                let b = self.pos(other);
                format!("{}{}", &s[..a], &other[b..])
            }
            // insert a chunk of another entry
            7 => {
                let (a, b) = self.range(other, 64);
                let at = self.pos(&s);
                format!("{}{}{}", &s[..at], &other[a..b], &s[at..])
            }
            // repeat a chunk in place
            8 => {
                let (a, b) = self.range(&s, 32);
                let n = 2 + self.rng.below(15);
                format!("{}{}{}", &s[..a], s[a..b].repeat(n), &s[b..])
            }
            // insert a dictionary token (usually between words)
            9 | 10 => {
                let at = self.pos(&s);
                let t = self.token();
                if self.rng.one_in(4) {
                    format!("{}{}{}", &s[..at], t, &s[at..])
                } else {
                    format!("{} {} {}", &s[..at], t, &s[at..])
                }
            }
            // replace a word by a token
            11 | 12 => {
                let words: Vec<&str> = s.split(' ').collect();
                if words.is_empty() {
                    return s;
                }
                let i = self.rng.below(words.len());
                let t = self.token();
                let mut out: Vec<&str> = words.clone();
                out[i] = t;
                out.join(" ")
            }
            // swap two words
            13 => {
                let mut words: Vec<&str> = s.split(' ').collect();
                let (i, j) = (self.rng.below(words.len()), self.rng.below(words.len()));
                words.swap(i, j);
                words.join(" ")
            }
            // change the case of a range
            14 => {
                let (a, b) = self.range(&s, 24);
                let mid = if self.rng.one_in(2) {
                    s[a..b].to_uppercase()
                } else {
                    s[a..b].to_lowercase()
                };
                format!("{}{}{}", &s[..a], mid, &s[b..])
            }
            // truncate or duplicate the whole
            15 => {
                if self.rng.one_in(2) {
                    let at = self.pos(&s);
                    s[..at].to_string()
                } else {
                    format!("{s} {s}")
                }
            }
            // a number, sometimes huge
            _ => {
                let at = self.pos(&s);
                let n = match self.rng.below(4) {
                    0 => self.rng.below(40).to_string(),
                    1 => self.rng.below(10_000).to_string(),
                    2 => self.rng.next_u64().to_string(),
                    _ => "9".repeat(1 + self.rng.below(60)),
                };
                format!("{} {} {}", &s[..at], n, &s[at..])
            }
        }
    }
}

/// A target's settings for one run.
#[derive(Clone, Copy)]
pub struct Settings {
    pub executions: u64,
    pub seconds: Option<f64>,
    pub seed: u64,
    pub slow: Duration,
    pub hang: Duration,
    /// One long (8-100 KB) input every this many executions.
    pub huge_every: u64,
    /// This job's number and the number of jobs (`FUZZ_JOBS`).
    pub job: (u64, u64),
}

fn env_u64(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    let v = v.trim().replace('_', "");
    Some(v.parse().unwrap_or_else(|_| panic!("{name}={v:?} is not a whole number")))
}

impl Settings {
    /// From the environment; `ci_executions` when `FUZZ_EXECUTIONS` is unset.
    pub fn from_env(ci_executions: u64) -> Settings {
        let debug = cfg!(debug_assertions);
        Settings {
            executions: env_u64("FUZZ_EXECUTIONS").unwrap_or(if debug {
                ci_executions / 10
            } else {
                ci_executions
            }),
            seconds: std::env::var("FUZZ_SECONDS").ok().and_then(|s| s.trim().parse().ok()),
            seed: env_u64("FUZZ_SEED").unwrap_or(17),
            slow: Duration::from_millis(env_u64("FUZZ_SLOW_MS").unwrap_or(if debug {
                20_000
            } else {
                1_000
            })),
            hang: Duration::from_secs(env_u64("FUZZ_HANG_SECONDS").unwrap_or(120)),
            huge_every: 500,
            job: (0, env_u64("FUZZ_JOBS").unwrap_or(1).max(1)),
        }
    }

    /// The settings of job `job` of `self.job.1`: its share of the executions and its seed.
    fn for_job(&self, job: u64) -> Settings {
        let jobs = self.job.1;
        let share = self.executions / jobs + u64::from(job < self.executions % jobs);
        Settings { executions: share, seed: self.seed.wrapping_add(job), job: (job, jobs), ..*self }
    }

    /// How this job's files and report lines are named: the target, and the job when several.
    fn label(&self, name: &str) -> String {
        match self.job {
            (_, 1) => name.to_string(),
            (job, _) => format!("{name}-job{job}"),
        }
    }
}

/// One panic (or broken invariant) or one slow input.
pub struct Finding {
    pub what: String,
    pub file: PathBuf,
    pub len: usize,
}

/// What one target's run did.
pub struct Report {
    /// The target ("understand"), with the job when one of several ("understand[1/2]").
    pub label: String,
    pub executions: u64,
    pub elapsed: Duration,
    pub slowest: Duration,
    pub slowest_len: usize,
    /// The slowest input run again (best of three): a scheduling hiccup on a busy machine
    /// shows as a large gap between the two figures.
    pub slowest_again: Duration,
    pub longest_len: usize,
    pub corpus: usize,
    pub kept: usize,
    pub crashes: u64,
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn line(&self) -> String {
        let secs = self.elapsed.as_secs_f64().max(1e-9);
        format!(
            "fuzz {:<13} {:>11} executions in {:>7.1} s = {:>9.0} exec/s; slowest input {:>9.3} ms ({} bytes, {:.3} ms again); longest input {} bytes; corpus {} + {} kept; crashes {}",
            self.label,
            self.executions,
            secs,
            self.executions as f64 / secs,
            self.slowest.as_secs_f64() * 1e3,
            self.slowest_len,
            self.slowest_again.as_secs_f64() * 1e3,
            self.longest_len,
            self.corpus,
            self.kept,
            self.crashes,
        )
    }
}

thread_local! {
    /// Set while an input runs: the panic hook records into it instead of printing.
    static CAUGHT: RefCell<Option<Option<(String, String)>>> = const { RefCell::new(None) };
}

fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let catching = CAUGHT.with(|c| c.borrow().is_some());
            if !catching {
                default(info);
                return;
            }
            let message = if let Some(s) = info.payload().downcast_ref::<&str>() {
                s.to_string()
            } else if let Some(s) = info.payload().downcast_ref::<String>() {
                s.clone()
            } else {
                "(non-string panic payload)".to_string()
            };
            let location =
                info.location().map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
            let location = location.unwrap_or_default();
            let trace = std::backtrace::Backtrace::force_capture().to_string();
            let text = format!("panicked at {location}:\n{message}\n\nstack:\n{trace}");
            CAUGHT.with(|c| *c.borrow_mut() = Some(Some((location, text))));
        }));
    });
}

/// Run one input; `Err((location, report))` if it panicked.
fn run_caught<F: Fn(&str) -> u64>(run: &F, input: &str) -> Result<u64, (String, String)> {
    CAUGHT.with(|c| *c.borrow_mut() = Some(None));
    let result = panic::catch_unwind(AssertUnwindSafe(|| run(input)));
    let caught = CAUGHT.with(|c| c.borrow_mut().take()).flatten();
    match result {
        Ok(sig) => Ok(sig),
        Err(_) => Err(caught.unwrap_or_else(|| ("?".into(), "panicked (no hook report)".into()))),
    }
}

/// `target/fuzz-crashes/` of the target directory this test binary was built in.
pub fn crash_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    // target/<profile>/deps/fuzz-<hash>
    let target = exe.ancestors().nth(3).map(Path::to_path_buf);
    let target = target.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("fuzz-crashes")
}

/// The corpus of a target: every file of `tests/fuzz-corpus/<name>/`, sorted by name.
pub fn corpus(name: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus").join(name);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| String::from_utf8_lossy(&std::fs::read(p).expect("a corpus file")).into_owned())
        .collect()
}

/// Smaller inputs that still panic at `location`: chunks removed while the panic stays.
fn minimize<F: Fn(&str) -> u64>(run: &F, input: &str, location: &str) -> String {
    let mut best = input.to_string();
    let mut chunk = best.len().div_ceil(2).max(1);
    let mut tries = 0;
    while chunk >= 1 && tries < 3000 {
        let mut at = 0;
        let mut shrunk = false;
        while at < best.len() && tries < 3000 {
            let a = floor(&best, at);
            let b = floor(&best, a + chunk);
            let b = if b == a { floor(&best, best.len().min(a + 4)) } else { b };
            if b == a {
                break;
            }
            let candidate = format!("{}{}", &best[..a], &best[b..]);
            tries += 1;
            match run_caught(run, &candidate) {
                Err((loc, _)) if loc == location => {
                    best = candidate;
                    shrunk = true;
                }
                _ => at = b,
            }
        }
        if !shrunk {
            if chunk == 1 {
                break;
            }
            chunk /= 2;
        }
    }
    best
}

/// Watches the running input: one that runs past `hang` is saved and the process aborts
/// (a loop cannot be interrupted from outside).
struct Watchdog {
    done: Arc<AtomicBool>,
    started_us: Arc<AtomicU64>,
    current: Arc<Mutex<String>>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl Watchdog {
    fn start(name: String, hang: Duration, base: Instant) -> Watchdog {
        let done = Arc::new(AtomicBool::new(false));
        let started_us = Arc::new(AtomicU64::new(u64::MAX));
        let current = Arc::new(Mutex::new(String::new()));
        let (d, s, c) = (done.clone(), started_us.clone(), current.clone());
        let handle = std::thread::spawn(move || {
            while !d.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(200));
                let started = s.load(Ordering::Relaxed);
                if started == u64::MAX {
                    continue;
                }
                let now = base.elapsed().as_micros() as u64;
                if now.saturating_sub(started) > hang.as_micros() as u64 {
                    let input = c.lock().map(|g| g.clone()).unwrap_or_default();
                    let dir = crash_dir();
                    let _ = std::fs::create_dir_all(&dir);
                    let file = dir.join(format!("{name}-hang.txt"));
                    let _ = std::fs::write(&file, &input);
                    eprintln!(
                        "fuzz {name}: an input ran over {} s ({} bytes), saved to {}; aborting",
                        hang.as_secs(),
                        input.len(),
                        file.display()
                    );
                    std::process::abort();
                }
            }
        });
        Watchdog { done, started_us, current, handle: Some(handle) }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// Fuzz one target: every seed once, then `settings.executions` mutated inputs. `run` panics
/// on a bug (a broken invariant is an assert) and returns a signature of the outcome: an input
/// with a new signature joins the corpus.
pub fn fuzz<F: Fn(&str) -> u64>(
    name: &'static str,
    seeds: Vec<String>,
    settings: &Settings,
    run: F,
) -> Report {
    install_hook();
    let base = Instant::now();
    // Files are named by target, and by job when several run at once.
    let stem = settings.label(name);
    let watchdog = Watchdog::start(stem.clone(), settings.hang, base);
    let mut m = Mutator::new(settings.seed ^ hash_of(name));
    let mut corpus: Vec<String> = seeds;
    if corpus.is_empty() {
        corpus.push(String::new());
    }
    let seeded = corpus.len();
    let mut seen: HashSet<u64> = HashSet::new();
    let mut saved_at: HashMap<String, usize> = HashMap::new();
    let mut report = Report {
        label: match settings.job {
            (_, 1) => name.to_string(),
            (job, jobs) => format!("{name}[{}/{jobs}]", job + 1),
        },
        executions: 0,
        elapsed: Duration::ZERO,
        slowest: Duration::ZERO,
        slowest_len: 0,
        slowest_again: Duration::ZERO,
        longest_len: 0,
        corpus: seeded,
        kept: 0,
        crashes: 0,
        findings: Vec::new(),
    };
    let dir = crash_dir();
    let deadline = settings.seconds.map(|s| base + Duration::from_secs_f64(s));
    let total = seeded as u64 + settings.executions;
    let mut slowest_input = String::new();
    let mut i: u64 = 0;
    while i < total {
        if i.is_multiple_of(64) && deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        let input = if (i as usize) < seeded {
            corpus[i as usize].clone()
        } else {
            let a = m.rng.below(corpus.len());
            if settings.huge_every > 0 && i.is_multiple_of(settings.huge_every) {
                let b = corpus[a].clone();
                m.huge(&b)
            } else {
                let b = m.rng.below(corpus.len());
                m.mutate(&corpus[a], &corpus[b])
            }
        };
        if let Ok(mut g) = watchdog.current.lock() {
            g.clear();
            g.push_str(&input);
        }
        let start = Instant::now();
        watchdog.started_us.store(base.elapsed().as_micros() as u64, Ordering::Relaxed);
        let result = run_caught(&run, &input);
        let took = start.elapsed();
        watchdog.started_us.store(u64::MAX, Ordering::Relaxed);
        i += 1;
        report.executions += 1;
        report.longest_len = report.longest_len.max(input.len());
        if took > report.slowest {
            report.slowest = took;
            report.slowest_len = input.len();
            slowest_input.clone_from(&input);
        }
        match result {
            Ok(sig) => {
                if took > settings.slow {
                    let _ = std::fs::create_dir_all(&dir);
                    let file = dir.join(format!("{stem}-slow-{}.txt", report.findings.len()));
                    let _ = std::fs::write(&file, &input);
                    report.findings.push(Finding {
                        what: format!(
                            "slow: {:.1} ms for {} bytes (bound {} ms)",
                            took.as_secs_f64() * 1e3,
                            input.len(),
                            settings.slow.as_millis()
                        ),
                        file,
                        len: input.len(),
                    });
                }
                if seen.insert(sig)
                    && (i as usize) > seeded
                    && input.len() <= MAX_KEPT_LEN
                    && corpus.len() < MAX_CORPUS
                {
                    corpus.push(input);
                    report.kept += 1;
                }
            }
            Err((location, text)) => {
                report.crashes += 1;
                let n = saved_at.entry(location.clone()).or_insert(0);
                if *n < MAX_SAVED_PER_LOCATION {
                    *n += 1;
                    let _ = std::fs::create_dir_all(&dir);
                    let k = report.findings.len();
                    let file = dir.join(format!("{stem}-{k}.txt"));
                    let _ = std::fs::write(&file, &input);
                    let small = minimize(&run, &input, &location);
                    let _ = std::fs::write(dir.join(format!("{stem}-{k}.min.txt")), &small);
                    let mut log = text.clone();
                    let _ = write!(log, "\n\nminimized input ({} bytes): {small:?}\n", small.len());
                    let _ = std::fs::write(dir.join(format!("{stem}-{k}.log")), &log);
                    eprintln!(
                        "fuzz {name}: CRASH {}: {}\n  input {} bytes saved to {}\n  minimized: {:?}",
                        location,
                        text.lines().nth(1).unwrap_or(""),
                        input.len(),
                        file.display(),
                        if small.len() > 300 { &small[..floor(&small, 300)] } else { &small },
                    );
                    report.findings.push(Finding {
                        what: format!("panic at {location}: {}", text.lines().nth(1).unwrap_or("")),
                        file,
                        len: input.len(),
                    });
                }
            }
        }
    }
    drop(watchdog);
    report.elapsed = base.elapsed();
    // The slowest input is kept for replay (FUZZ_REPLAY) and timed again.
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join(format!("{stem}-slowest.txt")), &slowest_input);
    report.slowest_again = (0..3)
        .map(|_| {
            let start = Instant::now();
            let _ = run_caught(&run, &slowest_input);
            start.elapsed()
        })
        .min()
        .unwrap_or_default();
    report.corpus = corpus.len();
    report
}

/// `FUZZ_JOBS` jobs of one target at once, each on its own thread with its own seed, corpus
/// and share of the executions: a line per job is printed, and their sum is the target's
/// report (the slowest input is the slowest of any job).
fn fuzz_jobs<F: Fn(&str) -> u64 + Sync>(
    name: &'static str,
    seeds: Vec<String>,
    settings: &Settings,
    run: &F,
) -> Report {
    let start = Instant::now();
    let reports: Vec<Report> = std::thread::scope(|scope| {
        let jobs: Vec<_> = (0..settings.job.1)
            .map(|job| {
                let (settings, seeds) = (settings.for_job(job), seeds.clone());
                scope.spawn(move || fuzz(name, seeds, &settings, run))
            })
            .collect();
        jobs.into_iter().map(|job| job.join().unwrap_or_else(|e| panic::resume_unwind(e))).collect()
    });
    for report in &reports {
        eprintln!("{}", report.line());
    }
    let slowest = reports.iter().max_by_key(|r| r.slowest);
    Report {
        label: name.to_string(),
        executions: reports.iter().map(|r| r.executions).sum(),
        elapsed: start.elapsed(),
        slowest: slowest.map_or(Duration::ZERO, |r| r.slowest),
        slowest_len: slowest.map_or(0, |r| r.slowest_len),
        slowest_again: slowest.map_or(Duration::ZERO, |r| r.slowest_again),
        longest_len: reports.iter().map(|r| r.longest_len).max().unwrap_or(0),
        corpus: reports.iter().map(|r| r.corpus).sum(),
        kept: reports.iter().map(|r| r.kept).sum(),
        crashes: reports.iter().map(|r| r.crashes).sum(),
        findings: reports.into_iter().flat_map(|r| r.findings).collect(),
    }
}

/// Run a target from a test: the replay file if `FUZZ_REPLAY` is set, otherwise a fuzz run;
/// print its report line and fail on any finding.
pub fn check<F: Fn(&str) -> u64 + Sync>(
    name: &'static str,
    seeds: Vec<String>,
    ci_executions: u64,
    run: F,
) {
    if let Ok(path) = std::env::var("FUZZ_REPLAY") {
        let input =
            String::from_utf8_lossy(&std::fs::read(&path).expect("FUZZ_REPLAY file")).into_owned();
        let start = Instant::now();
        run(&input);
        eprintln!(
            "fuzz {name}: replayed {path} ({} bytes) in {:.3} ms",
            input.len(),
            start.elapsed().as_secs_f64() * 1e3
        );
        return;
    }
    let settings = Settings::from_env(ci_executions);
    let report = match settings.job.1 {
        1 => fuzz(name, seeds, &settings, run),
        _ => fuzz_jobs(name, seeds, &settings, &run),
    };
    eprintln!("{}", report.line());
    if !report.findings.is_empty() {
        let list: Vec<String> = report
            .findings
            .iter()
            .map(|f| format!("  {} ({} bytes) -> {}", f.what, f.len, f.file.display()))
            .collect();
        panic!("fuzz {name}: {} finding(s):\n{}", report.findings.len(), list.join("\n"));
    }
}
