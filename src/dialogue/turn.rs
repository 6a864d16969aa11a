//! One turn, whatever the tiers: the rules read the words; when they are unsure (and the
//! breaker allows) the model is asked; its answer is checked and merged; Alex replies; and,
//! if asked for, the model rewords the reply when every fact survives. This is the only place
//! that sequence is written: the wasm facade (a real model behind the proxy), the harness (a
//! replay file) and snapshot restore (the journal) each supply a [`Model`] and nothing else.

use std::cell::{Cell, RefCell};
use std::future::Future;

use super::reply::sentences;
use super::{journal, Conversation, Turn};
use crate::understand::llm::{self, ChatRequest, LlmConfig, LlmOutcome, PromptInput};
use crate::understand::{Intent, Tier};

/// How a turn reaches the language model. The core reads no clock and does no I/O, so both
/// come from the caller.
pub trait Model {
    /// Send a chat request; a failure is an outcome too (the rules then answer). `None`: the
    /// request was not sent after all, and the turn goes on as if the model had not been asked.
    fn ask(&self, request: &ChatRequest) -> impl Future<Output = Option<LlmOutcome>>;
    /// Milliseconds now, for the circuit breaker's cool-down.
    fn now_ms(&self) -> u64;
}

/// What Alex says when a recording could not be turned into words.
pub const DIDNT_CATCH: &str = "Sorry, I didn't catch that. Could you say it again, or type it?";

impl Conversation {
    /// A whole turn with the model tier available. Borrows the conversation only between the
    /// waits, so the app may read the state while the model is thinking. `polish`: let the
    /// model reword the reply (used only when every fact survives).
    pub async fn take_turn<M: Model>(
        conversation: &RefCell<Conversation>,
        text: &str,
        model: &M,
        config: &LlmConfig,
        polish: bool,
    ) -> Turn {
        let prepared = conversation.borrow_mut().prepare(text, model.now_ms(), config);
        let outcome = match &prepared.request {
            Some(request) => model.ask(request).await,
            None => None,
        };
        let mut turn = conversation.borrow_mut().finish(prepared, outcome, model.now_ms(), config);
        if polish {
            let request = llm::build_polish_request(&turn.reply, config);
            if let Some(LlmOutcome::Answer(raw)) = model.ask(&request).await {
                if let Some(better) = llm::polished(&turn.reply, &raw) {
                    turn.segments = sentences(&better);
                    turn.display = super::written::written(&better, &[]);
                    turn.reply = better;
                }
            }
        }
        turn
    }

    /// [`Conversation::take_turn`] for a model that answers at once (a replay file, the
    /// journal). A model that would make it wait is treated as not answering: the rules reply.
    /// The turn's errand, if any, is left pending (see [`Conversation::settle`]).
    pub fn respond_with<M: Model>(&mut self, text: &str, model: &M, config: &LlmConfig) -> Turn {
        let cell = RefCell::new(std::mem::replace(self, Conversation::new(self.config)));
        let finished = ready_now(Conversation::take_turn(&cell, text, model, config, false));
        *self = cell.into_inner();
        finished.unwrap_or_else(|| self.respond_unsettled(text))
    }

    /// Runs the errands a turn left through `desk` (the network waits hold no borrow), and
    /// finishes the reply with their answers.
    pub async fn run_errands<D: super::Desk>(
        conversation: &RefCell<Conversation>,
        mut turn: Turn,
        desk: &D,
    ) -> Turn {
        for _ in 0..super::errands::MAX_ERRANDS_PER_TURN {
            let Some(errand) = conversation.borrow().pending_errand().cloned() else { break };
            let reply = desk.send(&errand).await;
            turn = conversation.borrow_mut().settle(turn, reply);
        }
        let mut c = conversation.borrow_mut();
        if c.pending_errand().is_some() {
            turn = c.settle_now(turn, &super::NoDesk);
        }
        turn
    }

    /// "Say that again": a recording that gave no words. Nothing changes, nothing is journalled.
    pub fn didnt_catch_turn(&self) -> Turn {
        Turn {
            user: String::new(),
            reply: DIDNT_CATCH.to_string(),
            display: DIDNT_CATCH.to_string(),
            segments: sentences(DIDNT_CATCH),
            state: self.state,
            intent: Intent::Other,
            tier: Tier::Rules,
            booking: self.booking.view(),
            offers: self.offers_on_table(),
            record: self.record.clone(),
        }
    }

    /// The chat request this utterance would send (also to record replay files).
    pub fn request_for(&self, text: &str, config: &LlmConfig) -> ChatRequest {
        let booking = self.booking.view();
        let input = PromptInput {
            state: self.state.as_str(),
            booking: &booking,
            last_question: self.last_reply(),
            utterance: text,
            today: self.config.today,
        };
        llm::build_request(&input, config)
    }

    /// Replays one journalled model turn with the outcome and times it had.
    pub(super) fn replay_asked(
        &mut self,
        text: &str,
        asked_ms: u64,
        answered_ms: u64,
        outcome: Option<LlmOutcome>,
        threshold: f32,
    ) -> Turn {
        let recorded = Recorded { outcome, times: [asked_ms, answered_ms], calls: Cell::new(0) };
        self.respond_with(text, &recorded, &journal::Event::llm_config(threshold))
    }
}

/// A future's output if it is ready on the first poll (a replay, an in-memory desk), else
/// `None`: the synchronous paths never wait.
pub(super) fn ready_now<F: Future>(future: F) -> Option<F::Output> {
    use std::task::{Context, Poll, Waker};
    let mut future = std::pin::pin!(future);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => Some(output),
        Poll::Pending => None,
    }
}

/// The model as the journal remembers it: the same outcome at the same times.
struct Recorded {
    outcome: Option<LlmOutcome>,
    times: [u64; 2],
    calls: Cell<usize>,
}

impl Model for Recorded {
    fn ask(&self, _: &ChatRequest) -> impl Future<Output = Option<LlmOutcome>> {
        std::future::ready(self.outcome.clone())
    }
    fn now_ms(&self) -> u64 {
        let call = self.calls.get();
        self.calls.set(call + 1);
        self.times[call.min(1)]
    }
}
