//! LLM-assisted understanding: the pure half. The network call itself happens outside the
//! crate (the web app through our proxy, the harness from a replay file); everything here is
//! deterministic: building the request, reading the answer, checking it against our own place
//! table and date parser, merging it under the rules, and deciding when to call at all.
//!
//! One turn, as the dialogue drives it:
//! ```text
//! let rules = understand(text, &ctx);
//! let ask = should_ask(&rules, &ctx, text) && breaker.allow(now_ms);
//! let outcome = ask.then(|| /* call with build_request(..), or replay.outcome(text) */);
//! let (understanding, tier) = decide(rules, &ctx, text, outcome, &mut breaker, now_ms, &cfg);
//! ```
//!
//! Tier labelling: [`Tier::Llm`] only when the model's answer changed the result (an intent or
//! an entity came from it); an answer that was parsed but added nothing (low confidence, all
//! values already known or rejected) labels the turn [`Tier::Rules`]. A failed call or an
//! unparseable answer gives [`Tier::RulesAfterLlmFailure`] and counts against the breaker.

pub mod answer;
pub mod breaker;
mod grounding;
pub mod injection;
pub mod merge;
pub mod policy;
pub mod polish;
pub mod prompt;

pub use answer::{parse_answer, AnswerError, LlmAnswer, LlmEntities};
pub use breaker::{retry_delay_ms, BreakerState, CircuitBreaker, LlmFailure, LlmOutcome};
pub use injection::looks_like_injection;
pub use merge::{merge, neutralize};
pub use policy::should_ask;
pub use polish::{accept_polish, build_polish_request, parse_polish};
pub use prompt::{build_request, ChatMessage, ChatRequest, PromptInput, ResponseFormat};

use crate::understand::{Context, Tier, Understanding};
use serde::{Deserialize, Serialize};

/// Settings for the model tier. Deserializes with defaults for missing keys, so the app and
/// the harness can pass a partial JSON object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LlmConfig {
    pub model: String,
    /// Per-call budget; past it the turn goes on with the rules.
    pub timeout_ms: u32,
    /// A full answer is under 100 tokens; the cap bounds latency and cost.
    pub max_tokens: u32,
    /// Below this, the model's answer (or the rules' intent) is not trusted.
    pub confidence_threshold: f32,
    /// Reword template replies with the model (checked by [`accept_polish`]).
    pub polish_replies: bool,
    pub breaker_failures: u32,
    pub breaker_cooldown_ms: u64,
}

impl Default for LlmConfig {
    fn default() -> Self {
        LlmConfig {
            model: "llama-3.3-70b-versatile".to_string(),
            timeout_ms: 2500,
            max_tokens: 200,
            confidence_threshold: policy::RULES_CONFIDENT,
            polish_replies: false,
            breaker_failures: 3,
            breaker_cooldown_ms: 30_000,
        }
    }
}

/// Finish one turn given what the model call produced (`None`: not called).
///
/// Caller text that looks like a prompt injection never changes the booking, whichever tier
/// read it: the result is the rules' with entities cleared and intent Other.
pub fn decide(
    rules: Understanding,
    context: &Context,
    utterance: &str,
    outcome: Option<LlmOutcome>,
    breaker: &mut CircuitBreaker,
    now_ms: u64,
    config: &LlmConfig,
) -> (Understanding, Tier) {
    let answer = match outcome {
        None => None,
        Some(LlmOutcome::Failure(_)) => {
            breaker.record_failure(now_ms);
            return (guarded(rules, utterance), Tier::RulesAfterLlmFailure);
        }
        Some(LlmOutcome::Answer(raw)) => match parse_answer(&raw) {
            Ok(answer) => {
                breaker.record_success();
                Some(answer)
            }
            Err(_) => {
                breaker.record_failure(now_ms);
                return (guarded(rules, utterance), Tier::RulesAfterLlmFailure);
            }
        },
    };
    let Some(answer) = answer else {
        return (guarded(rules, utterance), Tier::Rules);
    };
    match merge::merge_checked(rules, &answer, context, config, utterance) {
        (merged, true) => (merged, Tier::Llm),
        (merged, false) => (merged, Tier::Rules),
    }
}

fn guarded(rules: Understanding, utterance: &str) -> Understanding {
    if merge::is_injection(&rules, utterance) {
        neutralize(rules)
    } else {
        rules
    }
}
