//! Resilience around the model call: a circuit breaker so a dead or rate-limited proxy costs
//! at most a few slow turns, and one jittered retry for errors that are worth retrying.
//! Time is injected (`now_ms`) so every transition is testable.

use super::LlmConfig;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How one model call failed. Serialized as "timeout", "http_429", "http_500" ... "network",
/// "bad_response" (the replay files and the harness use these names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LlmFailure {
    Timeout,
    Http429,
    /// A 5xx status (500..=599).
    Http5xx(u16),
    Network,
    /// The call returned, but not with a usable answer (other status, unparseable body).
    BadResponse,
}

impl LlmFailure {
    pub fn name(self) -> String {
        match self {
            LlmFailure::Timeout => "timeout".into(),
            LlmFailure::Http429 => "http_429".into(),
            LlmFailure::Http5xx(code) => format!("http_{code}"),
            LlmFailure::Network => "network".into(),
            LlmFailure::BadResponse => "bad_response".into(),
        }
    }

    pub fn from_name(name: &str) -> Option<LlmFailure> {
        match name {
            "timeout" => Some(LlmFailure::Timeout),
            "http_429" => Some(LlmFailure::Http429),
            "network" => Some(LlmFailure::Network),
            "bad_response" => Some(LlmFailure::BadResponse),
            _ => {
                let code: u16 = name.strip_prefix("http_")?.parse().ok()?;
                (500..=599).contains(&code).then_some(LlmFailure::Http5xx(code))
            }
        }
    }

    /// The failure for a non-2xx HTTP status.
    pub fn from_status(status: u16) -> LlmFailure {
        match status {
            429 => LlmFailure::Http429,
            500..=599 => LlmFailure::Http5xx(status),
            _ => LlmFailure::BadResponse,
        }
    }

    /// Rate limits and server errors are often transient; a timeout already spent the turn's
    /// budget and a network error means we are offline, so neither is retried.
    pub fn is_retryable(self) -> bool {
        matches!(self, LlmFailure::Http429 | LlmFailure::Http5xx(_))
    }

    /// The delay before retrying after this failure, or None when we should not retry.
    pub fn retry_delay_ms(self, attempt: u32, seed: u64) -> Option<u64> {
        if self.is_retryable() {
            retry_delay_ms(attempt, seed)
        } else {
            None
        }
    }
}

impl Serialize for LlmFailure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.name())
    }
}

impl<'de> Deserialize<'de> for LlmFailure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        LlmFailure::from_name(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown LLM failure {name:?}")))
    }
}

/// What came back from one model call: the raw text, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LlmOutcome {
    Answer(String),
    Failure(LlmFailure),
}

/// Lowest and highest retry delay: long enough for a 429 window to move, short enough for
/// the turn to still feel live.
pub const RETRY_MIN_MS: u64 = 200;
pub const RETRY_MAX_MS: u64 = 400;

/// Delay before retry number `attempt` (0 = the first retry), jittered deterministically from
/// `seed` within [`RETRY_MIN_MS`]..=[`RETRY_MAX_MS`]. Only one retry: later attempts get None.
/// Callers check [`LlmFailure::is_retryable`] first (or use [`LlmFailure::retry_delay_ms`]).
pub fn retry_delay_ms(attempt: u32, seed: u64) -> Option<u64> {
    if attempt > 0 {
        return None;
    }
    Some(RETRY_MIN_MS + splitmix64(seed) % (RETRY_MAX_MS - RETRY_MIN_MS + 1))
}

/// A small, well-mixed hash so neighbouring seeds give unrelated delays.
fn splitmix64(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state", try_from = "TaggedState")]
pub enum BreakerState {
    /// Calls allowed; counting consecutive failures.
    Closed,
    /// No calls until `until_ms`.
    Open { until_ms: u64 },
    /// One trial call is out (since `since_ms`); its result closes or re-opens the breaker.
    HalfOpen { since_ms: u64 },
}

/// The JSON of a [`BreakerState`] (`{"state": "open", "until_ms": 5}`), read as plain fields:
/// serde's derived reader for internally tagged enums buffers the whole value first, ~3 KB of
/// gzipped wasm for this one enum.
#[derive(Deserialize)]
struct TaggedState {
    state: StateName,
    until_ms: Option<u64>,
    since_ms: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum StateName {
    Closed,
    Open,
    HalfOpen,
}

impl TryFrom<TaggedState> for BreakerState {
    type Error = &'static str;

    fn try_from(t: TaggedState) -> Result<Self, Self::Error> {
        match (t.state, t.until_ms, t.since_ms) {
            (StateName::Closed, _, _) => Ok(BreakerState::Closed),
            (StateName::Open, Some(until_ms), _) => Ok(BreakerState::Open { until_ms }),
            (StateName::HalfOpen, _, Some(since_ms)) => Ok(BreakerState::HalfOpen { since_ms }),
            (StateName::Open, None, _) => Err("missing field `until_ms`"),
            (StateName::HalfOpen, _, None) => Err("missing field `since_ms`"),
        }
    }
}

/// Closed -> (N consecutive failures) -> Open for the cool-down -> HalfOpen (one trial) ->
/// Closed on success / Open again on failure. Serializable so the wasm side can keep it
/// between turns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CircuitBreaker {
    pub state: BreakerState,
    pub consecutive_failures: u32,
    pub failure_threshold: u32,
    pub cooldown_ms: u64,
}

impl Default for CircuitBreaker {
    fn default() -> Self {
        CircuitBreaker::new(&LlmConfig::default())
    }
}

impl CircuitBreaker {
    pub fn new(config: &LlmConfig) -> CircuitBreaker {
        CircuitBreaker {
            state: BreakerState::Closed,
            consecutive_failures: 0,
            failure_threshold: config.breaker_failures.max(1),
            cooldown_ms: config.breaker_cooldown_ms,
        }
    }

    /// May we call the model now? Moves Open -> HalfOpen once the cool-down is over (that call
    /// is the trial). A trial whose result never arrived is given up after another cool-down.
    pub fn allow(&mut self, now_ms: u64) -> bool {
        match self.state {
            BreakerState::Closed => true,
            BreakerState::Open { until_ms } if now_ms < until_ms => false,
            BreakerState::HalfOpen { since_ms }
                if now_ms.saturating_sub(since_ms) < self.cooldown_ms =>
            {
                false
            }
            BreakerState::Open { .. } | BreakerState::HalfOpen { .. } => {
                self.state = BreakerState::HalfOpen { since_ms: now_ms };
                true
            }
        }
    }

    /// True while calls are refused (without moving to half-open).
    pub fn is_open(&self, now_ms: u64) -> bool {
        matches!(self.state, BreakerState::Open { until_ms } if now_ms < until_ms)
    }

    pub fn record_success(&mut self) {
        self.state = BreakerState::Closed;
        self.consecutive_failures = 0;
    }

    pub fn record_failure(&mut self, now_ms: u64) {
        self.consecutive_failures = self.consecutive_failures.saturating_add(1);
        let trial_failed = matches!(self.state, BreakerState::HalfOpen { .. });
        if trial_failed || self.consecutive_failures >= self.failure_threshold {
            self.state = BreakerState::Open { until_ms: now_ms.saturating_add(self.cooldown_ms) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaker() -> CircuitBreaker {
        CircuitBreaker::new(&LlmConfig::default())
    }

    #[test]
    fn opens_after_three_consecutive_failures() {
        let mut b = breaker();
        for t in [0, 1_000] {
            assert!(b.allow(t));
            b.record_failure(t);
            assert_eq!(b.state, BreakerState::Closed);
        }
        assert!(b.allow(2_000));
        b.record_failure(2_000);
        assert_eq!(b.state, BreakerState::Open { until_ms: 32_000 });
        assert!(b.is_open(2_001));
        assert!(!b.allow(2_001));
        assert!(!b.allow(31_999));
    }

    #[test]
    fn a_success_resets_the_count() {
        let mut b = breaker();
        b.record_failure(0);
        b.record_failure(1);
        b.record_success();
        b.record_failure(2);
        b.record_failure(3);
        assert_eq!(b.state, BreakerState::Closed);
        assert!(b.allow(4));
    }

    #[test]
    fn half_opens_after_the_cooldown_and_closes_on_success() {
        let mut b = breaker();
        (0..3).for_each(|_| b.record_failure(10_000));
        assert!(!b.allow(39_999));
        assert!(b.allow(40_000), "the trial call");
        assert_eq!(b.state, BreakerState::HalfOpen { since_ms: 40_000 });
        assert!(!b.allow(40_001), "only one trial at a time");
        b.record_success();
        assert_eq!(b.state, BreakerState::Closed);
        assert_eq!(b.consecutive_failures, 0);
        assert!(b.allow(40_002));
    }

    #[test]
    fn a_failed_trial_reopens_for_another_cooldown() {
        let mut b = breaker();
        (0..3).for_each(|_| b.record_failure(0));
        assert!(b.allow(30_000));
        b.record_failure(30_500);
        assert_eq!(b.state, BreakerState::Open { until_ms: 60_500 });
        assert!(!b.allow(60_499));
        assert!(b.allow(60_500));
    }

    #[test]
    fn a_lost_trial_is_given_up_after_a_cooldown() {
        let mut b = breaker();
        (0..3).for_each(|_| b.record_failure(0));
        assert!(b.allow(30_000));
        assert!(!b.allow(59_999));
        assert!(b.allow(60_000));
    }

    #[test]
    fn thresholds_come_from_the_config() {
        let config =
            LlmConfig { breaker_failures: 1, breaker_cooldown_ms: 5, ..LlmConfig::default() };
        let mut b = CircuitBreaker::new(&config);
        b.record_failure(100);
        assert!(!b.allow(104));
        assert!(b.allow(105));
    }

    #[test]
    fn survives_a_json_round_trip() {
        let mut b = breaker();
        (0..3).for_each(|_| b.record_failure(7));
        let json = serde_json::to_string(&b).unwrap();
        let back: CircuitBreaker = serde_json::from_str(&json).unwrap();
        assert_eq!(back, b);
        assert!(json.contains("\"open\""), "{json}");
    }

    #[test]
    fn every_state_keeps_its_json_shape_both_ways() {
        let states = [
            (BreakerState::Closed, r#"{"state":"closed"}"#),
            (BreakerState::Open { until_ms: 5 }, r#"{"state":"open","until_ms":5}"#),
            (BreakerState::HalfOpen { since_ms: 7 }, r#"{"state":"half_open","since_ms":7}"#),
        ];
        for (state, json) in states {
            assert_eq!(serde_json::to_string(&state).unwrap(), json);
            assert_eq!(serde_json::from_str::<BreakerState>(json).unwrap(), state);
            let value = serde_json::to_value(state).unwrap();
            assert_eq!(serde_json::from_value::<BreakerState>(value).unwrap(), state);
        }
        for bad in [r#"{"state":"open"}"#, r#"{"state":"half_open"}"#, r#"{"state":"ajar"}"#, "{}"]
        {
            assert!(serde_json::from_str::<BreakerState>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn retries_once_with_bounded_jitter() {
        let delays: Vec<u64> = (0..200).filter_map(|seed| retry_delay_ms(0, seed)).collect();
        assert_eq!(delays.len(), 200);
        assert!(delays.iter().all(|d| (RETRY_MIN_MS..=RETRY_MAX_MS).contains(d)));
        let distinct: std::collections::HashSet<_> = delays.iter().collect();
        assert!(distinct.len() > 50, "jitter spreads the delays: {}", distinct.len());
        assert_eq!(retry_delay_ms(0, 42), retry_delay_ms(0, 42), "deterministic");
        assert_eq!(retry_delay_ms(1, 42), None);
        assert_eq!(retry_delay_ms(7, 42), None);
    }

    #[test]
    fn only_rate_limits_and_server_errors_are_retried() {
        assert!(LlmFailure::Http429.retry_delay_ms(0, 1).is_some());
        assert!(LlmFailure::Http5xx(503).retry_delay_ms(0, 1).is_some());
        assert_eq!(LlmFailure::Http5xx(503).retry_delay_ms(1, 1), None);
        assert_eq!(LlmFailure::Timeout.retry_delay_ms(0, 1), None);
        assert_eq!(LlmFailure::Network.retry_delay_ms(0, 1), None);
        assert_eq!(LlmFailure::BadResponse.retry_delay_ms(0, 1), None);
    }

    #[test]
    fn failure_names() {
        let cases = [
            (LlmFailure::Timeout, "timeout"),
            (LlmFailure::Http429, "http_429"),
            (LlmFailure::Http5xx(500), "http_500"),
            (LlmFailure::Http5xx(503), "http_503"),
            (LlmFailure::Network, "network"),
            (LlmFailure::BadResponse, "bad_response"),
        ];
        for (failure, name) in cases {
            assert_eq!(serde_json::to_value(failure).unwrap(), serde_json::json!(name));
            assert_eq!(serde_json::from_value::<LlmFailure>(name.into()).unwrap(), failure);
        }
        for bad in ["http_404", "http_600", "http_", "http_5000", "slow", "HTTP_500"] {
            assert_eq!(LlmFailure::from_name(bad), None, "{bad}");
        }
        assert_eq!(LlmFailure::from_status(429), LlmFailure::Http429);
        assert_eq!(LlmFailure::from_status(502), LlmFailure::Http5xx(502));
        assert_eq!(LlmFailure::from_status(401), LlmFailure::BadResponse);
    }

    #[test]
    fn outcome_json_shape() {
        let failure = LlmOutcome::Failure(LlmFailure::Http5xx(500));
        assert_eq!(serde_json::to_string(&failure).unwrap(), r#"{"failure":"http_500"}"#);
        let answer = LlmOutcome::Answer("{}".into());
        assert_eq!(serde_json::to_string(&answer).unwrap(), r#"{"answer":"{}"}"#);
    }
}
