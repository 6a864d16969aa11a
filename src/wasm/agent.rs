//! `Agent`: one call with Alex, as the web app sees it.

use super::options::Options;
use super::proxy::{self, TRANSCRIBE_TIMEOUT_MS};
use super::{date_arg, js_error, to_js, to_ts};
use crate::booking::BookingView;
use crate::dates::Date;
use crate::dialogue::{
    Conversation, ConversationConfig, Desk, DeskReply, Errand, Model, State, Turn,
};
use crate::understand::llm::{ChatRequest, LlmConfig, LlmOutcome};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
use web_sys::Blob;

/// Which optional services the app has (keys configured on the proxy). With all off, the agent
/// still books end to end: typed input, rules, browser speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
pub struct Tiers {
    pub stt: bool,
    pub llm: bool,
    pub tts: bool,
}

impl Default for Tiers {
    fn default() -> Self {
        Tiers { stt: true, llm: true, tts: true }
    }
}

/// `new Agent(options)`.
#[derive(Debug, Clone, Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", default)]
pub struct AgentOptions {
    /// "YYYY-MM-DD"; defaults to the browser's local date.
    #[tsify(optional)]
    pub today: Option<String>,
    /// Seed of the built-in flight offers; defaults to a random one.
    #[tsify(optional)]
    pub seed: Option<u64>,
    /// Where the proxy lives; "" (the default) is the page's own origin.
    #[tsify(optional)]
    pub proxy_base_url: Option<String>,
    /// Defaults to all available.
    #[tsify(optional)]
    pub tiers: Option<Tiers>,
    /// Let the model reword Alex's replies for variety (off by default). A rewording is used
    /// only if every fact survives (names, places, dates, times, prices) and it stays short.
    #[tsify(optional)]
    pub polish_replies: Option<bool>,
}

/// One conversation with Alex plus how to reach the proxy.
#[wasm_bindgen]
pub struct Agent {
    /// Shared with in-flight `respond` / `hear` promises (JS may call while one is pending).
    conversation: Rc<RefCell<Conversation>>,
    proxy_base_url: Rc<str>,
    tiers: Tiers,
    polish: bool,
}

#[wasm_bindgen]
impl Agent {
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<Ts<AgentOptions>>) -> Result<Agent, js_sys::Error> {
        let options = read_options(options)?;
        let today = match &options.today {
            Some(text) => date_arg("today", text)?,
            None => browser_today()?,
        };
        let seed = options.seed.unwrap_or_else(random_seed);
        let conversation = Conversation::new(ConversationConfig { today, seed });
        Ok(Agent::assemble(conversation, &options))
    }

    /// Rebuild an agent from [`Agent::snapshot`]. `options` supplies what a snapshot does not
    /// hold (proxy URL, tiers); its `today` and `seed` are ignored (the snapshot's win).
    /// Throws an `Error` saying why for corrupted or foreign text.
    pub fn restore(
        snapshot: &str,
        options: Option<Ts<AgentOptions>>,
    ) -> Result<Agent, js_sys::Error> {
        let options = read_options(options)?;
        let conversation = Conversation::restore(snapshot)
            .map_err(|e| js_error(&format!("cannot restore the conversation: {e}")))?;
        Ok(Agent::assemble(conversation, &options))
    }

    /// The whole conversation as a string, for reload-safe sessions (e.g. sessionStorage).
    pub fn snapshot(&self) -> String {
        self.conversation.borrow().snapshot()
    }

    /// Alex's opening line, as a turn with nothing said by the caller.
    pub fn greeting(&self) -> Result<Ts<Turn>, js_sys::Error> {
        to_ts(&self.conversation.borrow().greeting_turn())
    }

    /// Answer what the caller typed or said (rules, plus the model when the LLM tier is on
    /// and the rules need it; a failed model call falls back to the rules).
    #[wasm_bindgen(unchecked_return_type = "Promise<Turn>")]
    pub fn respond(&self, text: String) -> js_sys::Promise {
        let conversation = Rc::clone(&self.conversation);
        let base = Rc::clone(&self.proxy_base_url);
        let (llm, polish) = (self.tiers.llm, self.polish);
        future_to_promise(async move {
            let turn = answer(&conversation, &base, llm, polish, &text).await;
            to_js(&turn).map_err(JsValue::from)
        })
    }

    /// The caller picked offer `option` (1-based, as read out) on screen: a typed action,
    /// journalled like a turn, never sent to the model.
    /// A promise like [`Agent::respond`]'s, so the app handles every turn the same way.
    #[wasm_bindgen(unchecked_return_type = "Promise<Turn>")]
    pub fn choose(&self, option: u8) -> js_sys::Promise {
        let turn = to_js(&self.conversation.borrow_mut().choose(option));
        future_to_promise(async move { turn.map_err(JsValue::from) })
    }

    /// Transcribe a recording through the proxy, then answer it. Never rejects for a failed
    /// transcription: the turn then asks the caller to repeat or type, state unchanged.
    #[wasm_bindgen(unchecked_return_type = "Promise<Turn>")]
    pub fn hear(&self, audio: Blob) -> js_sys::Promise {
        let conversation = Rc::clone(&self.conversation);
        let base = Rc::clone(&self.proxy_base_url);
        let (stt, llm, polish) = (self.tiers.stt, self.tiers.llm, self.polish);
        future_to_promise(async move {
            let heard = if stt {
                let vocabulary = conversation.borrow().vocabulary();
                proxy::transcribe(&base, &audio, &vocabulary, TRANSCRIBE_TIMEOUT_MS).await.ok()
            } else {
                None
            };
            let turn = match heard.filter(|text| !text.trim().is_empty()) {
                Some(text) => answer(&conversation, &base, llm, polish, &text).await,
                None => conversation.borrow().didnt_catch_turn(),
            };
            to_js(&turn).map_err(JsValue::from)
        })
    }

    /// Words the speech recogniser should expect next (places and names on the table, the
    /// answers the current question takes): pass to `transcribe` as its vocabulary.
    #[wasm_bindgen(getter)]
    pub fn vocabulary(&self) -> String {
        self.conversation.borrow().vocabulary()
    }

    /// The caller cut Alex off after `played` sentences (segments) of his last reply: the call
    /// keeps only what was heard ("..." where it was cut), and options never heard are read
    /// again. Journalled, so a restored call remembers it too.
    pub fn interrupted(&self, played: u32) {
        self.conversation.borrow_mut().interrupted(played as usize);
    }

    /// The conversation state's snake_case name ("collecting_origin", ...).
    #[wasm_bindgen(getter)]
    pub fn state(&self) -> Result<Ts<State>, js_sys::Error> {
        to_ts(&self.conversation.borrow().state())
    }

    /// The booking so far (the harness's BOOKING JSON).
    #[wasm_bindgen(getter)]
    pub fn booking(&self) -> Result<Ts<BookingView>, js_sys::Error> {
        to_ts(&self.conversation.borrow().booking().view())
    }

    /// The tiers this agent was created with.
    #[wasm_bindgen(getter)]
    pub fn tiers(&self) -> Result<Ts<Tiers>, js_sys::Error> {
        to_ts(&self.tiers)
    }
}

impl Agent {
    fn assemble(conversation: Conversation, options: &AgentOptions) -> Agent {
        Agent {
            conversation: Rc::new(RefCell::new(conversation)),
            proxy_base_url: Rc::from(options.proxy_base_url.as_deref().unwrap_or("")),
            tiers: options.tiers.unwrap_or_default(),
            polish: options.polish_replies.unwrap_or(false),
        }
    }
}

/// One turn: the rules alone, or the conversation's turn driver with the model behind the
/// proxy (the driver holds no borrow across the network wait, so JS may call meanwhile).
async fn answer(
    conversation: &RefCell<Conversation>,
    base: &str,
    llm: bool,
    polish: bool,
    text: &str,
) -> Turn {
    let desk = ProxyDesk { base };
    let turn = if llm {
        let config = LlmConfig::default();
        let seed = conversation.borrow().config().seed;
        let model = ProxyModel { base, seed, timeout_ms: config.timeout_ms };
        Conversation::take_turn(conversation, text, &model, &config, polish).await
    } else {
        conversation.borrow_mut().respond_unsettled(text)
    };
    Conversation::run_errands(conversation, turn, &desk).await
}

/// Fares and bookings through our proxy.
struct ProxyDesk<'a> {
    base: &'a str,
}

impl Desk for ProxyDesk<'_> {
    async fn send(&self, errand: &Errand) -> DeskReply {
        proxy::run_errand(self.base, errand).await
    }
}

/// The model behind our proxy, with the browser's clock.
struct ProxyModel<'a> {
    base: &'a str,
    seed: u64,
    timeout_ms: u32,
}

impl Model for ProxyModel<'_> {
    async fn ask(&self, request: &ChatRequest) -> Option<LlmOutcome> {
        Some(proxy::ask_model(self.base, request, self.timeout_ms, self.seed).await)
    }
    fn now_ms(&self) -> u64 {
        now_ms()
    }
}

/// Wall-clock milliseconds for the breaker's cool-down (the edge owns the clock).
fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// The options object (see [`Options`] for how it is read).
fn read_options(options: Option<Ts<AgentOptions>>) -> Result<AgentOptions, js_sys::Error> {
    let Some(o) = options
        .map(JsValue::from)
        .map(|v| Options::read(v, "Agent options"))
        .transpose()?
        .flatten()
    else {
        return Ok(AgentOptions::default());
    };
    let tiers = match o.object("tiers")? {
        None => None,
        Some(t) => {
            let tier = |key: &str| {
                t.flag(key)?.ok_or_else(|| o.invalid(&format!("tiers.{key} must be true or false")))
            };
            Some(Tiers { stt: tier("stt")?, llm: tier("llm")?, tts: tier("tts")? })
        }
    };
    Ok(AgentOptions {
        today: o.text("today")?,
        seed: o.whole_number("seed")?,
        proxy_base_url: o.text("proxyBaseUrl")?,
        tiers,
        polish_replies: o.flag("polishReplies")?,
    })
}

/// The browser's local calendar date: the day the caller means by "today".
fn browser_today() -> Result<Date, js_sys::Error> {
    let now = js_sys::Date::new_0();
    Date::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
        .ok_or_else(|| js_error("the browser's clock gave an impossible date"))
}

/// A fresh seed per call when the app does not pass one: 53 random bits (the seed is part of
/// every order's idempotency key, so calls must not share one).
fn random_seed() -> u64 {
    let high = (js_sys::Math::random() * 2_097_152.0) as u64; // 21 bits
    let low = (js_sys::Math::random() * 4_294_967_296.0) as u64; // 32 bits
    (high << 32) | low
}
