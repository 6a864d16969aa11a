//! The conversation: states, what to ask next, transitions and reply wording.
//!
//! A [`Conversation`] takes one utterance at a time, reads it with [`crate::understand`],
//! updates the [`Booking`] and answers with a short spoken reply and the next question. It asks
//! only for what is still missing, one question at a time, reads a summary back before
//! searching, and keeps enough history to "go back".

mod after;
mod answers;
pub mod choice;
mod confirming;
pub mod errands;
mod journal;
pub mod reply;
mod slots;
mod snapshot;
mod states;
mod ticket;
mod transitions;
mod turn;
pub mod written;

pub use errands::{Desk, DeskReply, Errand, NoDesk};
pub use snapshot::SnapshotError;
pub use states::{form_slot, FormSlot, State, FORM};
pub use turn::{Model, DIDNT_CATCH};

use crate::booking::{Booking, BookingView, StoredBooking};
use crate::dates::Date;
use crate::offers::Offer;
use crate::trip::OptionChoice;
use crate::understand::llm::{self, ChatRequest, CircuitBreaker, LlmConfig, LlmOutcome};
use crate::understand::{self, Context, Intent, Slot, Tier, Understanding};
use serde::{Deserialize, Serialize};

/// Inputs that make a conversation deterministic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationConfig {
    #[serde(deserialize_with = "crate::dates::iso::deserialize")]
    pub today: Date,
    pub seed: u64,
}

/// One exchange: what the caller said and what Alex answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Turn {
    pub user: String,
    /// What Alex says (for speech).
    pub reply: String,
    /// The same reply written for the transcript ("Fri, Dec 18", "8:55 AM", options as cards
    /// rather than a read-out paragraph): see [`written`].
    pub display: String,
    /// The reply split into sentences, so speech can start before the whole reply is synthesised.
    pub segments: Vec<String>,
    pub state: State,
    pub intent: Intent,
    pub tier: Tier,
    pub booking: BookingView,
    /// Offers on the table (when presenting options).
    pub offers: Vec<Offer>,
    /// The booking as the store keeps it, once made or found (locator, status, flights).
    pub record: Option<StoredBooking>,
}

/// What "go back" returns to.
#[derive(Debug, Clone, PartialEq)]
struct Checkpoint {
    state: State,
    booking: Booking,
    offers: Vec<Offer>,
    selected: Option<usize>,
}

/// The recogniser hint's length (Whisper reads at most 224 tokens of prompt; the proxy adds
/// its own list).
pub const MAX_VOCABULARY_CHARS: usize = 300;

/// How many steps "go back" can undo.
const HISTORY_LIMIT: usize = 30;
/// Options read per breath: more is too much to hold in one's head on a call.
const OPTIONS_PER_READ: usize = 3;

/// A whole call with Alex. A snapshot (its config and the turns so far, see [`journal`])
/// restores it exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversation {
    config: ConversationConfig,
    state: State,
    booking: Booking,
    history: Vec<Checkpoint>,
    /// The slot most recently filled: where an uncued "actually, make that Chicago" goes.
    recent: Option<Slot>,
    offers: Vec<Offer>,
    /// How many offers have been read out.
    offers_read: usize,
    /// Alex asked "what would you like to change?" and awaits the answer.
    awaiting_change: bool,
    /// A date or place said after that question which could be either end of the trip,
    /// waiting for "the day I leave" / "where I'm going" (see [`confirming`]).
    which: Option<Understanding>,
    /// "next week", "in January": when the caller wants to leave, before they name the day.
    period: Option<crate::dates::DatePeriod>,
    /// Values Alex inferred, waiting for the caller's yes (see [`confirming`]).
    pending: Option<Understanding>,
    /// How often Alex asked for a last name.
    last_name_asks: u8,
    /// The offer Alex just described in answer to a question ("which one is cheapest?"): a
    /// "yes" takes it.
    suggested: Option<usize>,
    selected: Option<usize>,
    /// Consecutive turns Alex did not understand: the second one adds a hint.
    misunderstood: u8,
    last_reply: String,
    /// Skips the model tier after repeated failures (kept across turns and snapshots).
    breaker: CircuitBreaker,
    /// Every turn so far, as it came in: the snapshot.
    journal: Vec<journal::Event>,
    /// What this step needs from outside (see [`errands`]), until it is settled.
    errand: Option<Errand>,
    /// The booking the store holds for this call (made or looked up).
    record: Option<StoredBooking>,
    /// Bookings made in this call: part of each order's idempotency key.
    bookings_made: u32,
    /// Alex asked "shall I cancel booking ...?".
    cancel_asked: bool,
    /// A change to a booked trip, waiting for the caller's yes to cancel and book again.
    rebook_asked: Option<Understanding>,
    /// That change, while the cancellation is under way.
    rebook: Option<Understanding>,
    /// A locator heard, waiting for the last name to look it up.
    finding: Option<String>,
    /// Where to go back to when the caller drops a look-up.
    resume_state: Option<State>,
    /// Alex has said the fares are samples (once per call).
    said_sample: bool,
    /// This turn's spoken fragments with their written forms (see [`written`]).
    swaps: Vec<(String, String)>,
    /// Where the last read-out of options started (an interruption may leave some unheard).
    read_from: usize,
}

/// A turn whose rules reading is done and which may wait for the model: the app sends
/// `request` (when present) to the proxy, then calls [`Conversation::finish`] with the outcome.
#[derive(Debug, Clone, PartialEq)]
struct Prepared {
    pub text: String,
    pub rules: Understanding,
    /// The chat request to send, or `None` when the rules are enough (or the breaker is open).
    pub request: Option<ChatRequest>,
    /// When it was prepared (the journal keeps it: the breaker depends on it).
    pub asked_ms: u64,
}

impl Conversation {
    pub fn new(config: ConversationConfig) -> Self {
        Conversation {
            config,
            state: State::Greeting,
            booking: Booking::default(),
            history: Vec::new(),
            recent: None,
            offers: Vec::new(),
            offers_read: 0,
            suggested: None,
            last_name_asks: 0,
            pending: None,
            period: None,
            awaiting_change: false,
            which: None,
            selected: None,
            misunderstood: 0,
            last_reply: String::new(),
            breaker: CircuitBreaker::default(),
            journal: Vec::new(),
            errand: None,
            record: None,
            bookings_made: 0,
            cancel_asked: false,
            rebook_asked: None,
            rebook: None,
            finding: None,
            resume_state: None,
            said_sample: false,
            swaps: Vec::new(),
            read_from: 0,
        }
    }

    /// Alex's opening line.
    pub fn greeting(&self) -> String {
        "Hi, this is Alex with United Airlines. Who do I have the pleasure of speaking with?"
            .to_string()
    }

    /// The opening line as a turn (state greeting), for UIs that render turns only.
    pub fn greeting_turn(&self) -> Turn {
        let reply = self.greeting();
        Turn {
            user: String::new(),
            segments: reply::sentences(&reply),
            display: reply.clone(),
            reply,
            state: self.state,
            intent: Intent::Other,
            tier: Tier::Rules,
            booking: self.booking.view(),
            offers: Vec::new(),
            record: None,
        }
    }

    pub fn state(&self) -> State {
        self.state
    }

    pub fn booking(&self) -> &Booking {
        &self.booking
    }

    /// The offers the caller is choosing from (empty unless options are being presented or a
    /// choice confirmed): what a UI shows next to the reply.
    pub fn offers_on_table(&self) -> Vec<Offer> {
        match self.state {
            State::PresentingOptions | State::ConfirmingSelection => self.offers.clone(),
            _ => Vec::new(),
        }
    }

    /// The model tier's circuit breaker (for status displays and tests).
    pub fn breaker(&self) -> &CircuitBreaker {
        &self.breaker
    }

    pub fn config(&self) -> ConversationConfig {
        self.config
    }

    /// Alex's last reply (the question the caller is answering).
    pub fn last_reply(&self) -> &str {
        if self.last_reply.is_empty() && self.state == State::Greeting {
            "Who do I have the pleasure of speaking with?"
        } else {
            &self.last_reply
        }
    }

    /// What the rules need to know to read the next utterance.
    pub fn context(&self) -> Context {
        let country = |end: &Option<crate::places::Place>| {
            end.as_ref().and_then(crate::places::country_of).map(String::from)
        };
        Context {
            today: self.config.today,
            expecting: self.state.expecting(),
            departure_date: self.booking.departure_date,
            name_known: self.booking.name.as_ref().is_some_and(|n| n.contains(' ')),
            period: self.period.clone(),
            open_change: self.awaiting_change,
            origin_country: country(&self.booking.origin),
            destination_country: country(&self.booking.destination),
        }
    }

    /// Answer one caller utterance with the rules tier. Never panics, whatever the text.
    /// Errands are settled with [`NoDesk`]: the built-in fares, and nothing stored.
    pub fn respond(&mut self, text: &str) -> Turn {
        let turn = self.respond_unsettled(text);
        self.settle_now(turn, &NoDesk)
    }

    /// [`Self::respond`] with a desk that answers at once (the harness's in-memory store).
    pub fn respond_at<D: Desk>(&mut self, text: &str, desk: &D) -> Turn {
        let turn = self.respond_unsettled(text);
        self.settle_now(turn, desk)
    }

    /// The rules' turn, leaving its errand (if any) for the caller to run and settle.
    pub(crate) fn respond_unsettled(&mut self, text: &str) -> Turn {
        let text = bounded(text);
        self.journal.push(journal::Event::Said(text.to_string()));
        let understanding = understand::understand(text, &self.context());
        self.apply(text, understanding, Tier::Rules)
    }

    /// Words the speech recogniser should expect next (Whisper's `prompt`): the places and
    /// names on the table and the answers the current question takes. A hint, never a
    /// constraint; at most [`MAX_VOCABULARY_CHARS`].
    pub fn vocabulary(&self) -> String {
        let mut words: Vec<String> = Vec::new();
        if let Some(name) = &self.booking.name {
            words.push(name.clone());
        }
        for place in [&self.booking.origin, &self.booking.destination].into_iter().flatten() {
            words.push(place.name.clone());
            words.extend(crate::places::airports_in(place).iter().map(|a| a.spoken_name.clone()));
        }
        for offer in self.offers.iter().take(OPTIONS_PER_READ * 2) {
            words.push(offer.airline.clone());
        }
        words.push(
            match self.state.expecting() {
                Some(Slot::Cabin) => "economy, premium economy, business, first",
                Some(Slot::TripType) => "round trip, one way",
                Some(Slot::Gender) => "female, male, unspecified",
                Some(Slot::Contact) => "at, dot com, gmail, outlook",
                Some(Slot::Locator) => "Alfa, Bravo, Charlie, Delta, Kilo, Quebec, X-ray",
                _ => "United Airlines",
            }
            .to_string(),
        );
        let mut out = String::new();
        for word in words {
            if out.split(", ").any(|w| w == word) {
                continue;
            }
            if out.len() + word.len() + 2 > MAX_VOCABULARY_CHARS {
                break;
            }
            if !out.is_empty() {
                out.push_str(", ");
            }
            out.push_str(&word);
        }
        out
    }

    /// The caller cut Alex off: only the first `played` sentences of his last reply were heard
    /// (the one cut is not). The call remembers what was actually said ("..." where it was
    /// cut), and options that were never heard are read again next time.
    pub fn interrupted(&mut self, played: usize) {
        let segments = reply::sentences(&self.last_reply);
        if played >= segments.len() {
            return;
        }
        self.journal.push(journal::Event::Interrupted(u32::try_from(played).unwrap_or(u32::MAX)));
        let heard = segments.get(..played).unwrap_or_default();
        if self.state == State::PresentingOptions {
            let options_heard = heard.iter().filter(|s| s.starts_with("Option ")).count();
            self.offers_read = self.read_from.saturating_add(options_heard).min(self.offers.len());
        }
        self.last_reply = match heard.join(" ") {
            text if text.is_empty() => "...".to_string(),
            text => format!("{text} ..."),
        };
    }

    /// The caller picked offer `option` (1-based) on screen: a typed action, not words to be
    /// understood again. Outside the options it is read like any turn that names no option.
    pub fn choose(&mut self, option: u8) -> Turn {
        self.journal.push(journal::Event::Chose(option));
        let u = Understanding {
            intent: Some(Intent::SelectOption),
            confidence: 1.0,
            option: Some(OptionChoice::Position(option)),
            ..Understanding::default()
        };
        self.apply(&format!("Option {option}"), u, Tier::Rules)
    }

    /// First half of a turn with the model tier available: read with the rules, and decide
    /// whether the model should be asked (never for a plain yes, a known city or a readable
    /// date; never while the breaker is open). `now_ms` is injected time.
    fn prepare(&mut self, text: &str, now_ms: u64, config: &LlmConfig) -> Prepared {
        let text = bounded(text);
        let context = self.context();
        let rules = understand::understand(text, &context);
        let ask = llm::should_ask(&rules, &context, text) && self.breaker.allow(now_ms);
        let request = ask.then(|| self.request_for(text, config));
        Prepared { text: text.to_string(), rules, request, asked_ms: now_ms }
    }

    /// Second half: merge the model's outcome (None when it was not asked) under the rules,
    /// record success or failure in the breaker, and answer.
    fn finish(
        &mut self,
        prepared: Prepared,
        outcome: Option<LlmOutcome>,
        now_ms: u64,
        config: &LlmConfig,
    ) -> Turn {
        let context = self.context();
        let outcome = if prepared.request.is_some() { outcome } else { None };
        self.journal.push(journal::Event::Asked {
            text: prepared.text.clone(),
            asked_ms: prepared.asked_ms,
            answered_ms: now_ms,
            outcome: outcome.clone(),
            threshold: config.confidence_threshold,
        });
        let (understanding, tier) = llm::decide(
            prepared.rules,
            &context,
            &prepared.text,
            outcome,
            &mut self.breaker,
            now_ms,
            config,
        );
        self.apply(&prepared.text, understanding, tier)
    }

    /// Answer with an understanding decided by `respond` or `finish` (private: every turn
    /// must come through them to be in the journal). Its entities are already validated.
    fn apply(&mut self, text: &str, u: Understanding, tier: Tier) -> Turn {
        let intent = u.intent();
        let mut said: Vec<String> = Vec::new();
        self.swaps.clear();
        self.step(&u, &mut said);
        let reply = said.join(" ");
        self.last_reply = reply.clone();
        let offers = self.offers_on_table();
        Turn {
            user: text.to_string(),
            segments: reply::sentences(&reply),
            display: written::written(&reply, &self.swaps),
            reply,
            state: self.state,
            intent,
            tier,
            booking: self.booking.view(),
            offers,
            record: self.record.clone(),
        }
    }

    fn checkpoint(&mut self) {
        if self.history.len() >= HISTORY_LIMIT {
            self.history.remove(0);
        }
        self.history.push(Checkpoint {
            state: self.state,
            booking: self.booking.clone(),
            offers: self.offers.clone(),
            selected: self.selected,
        });
    }

    fn step(&mut self, u: &Understanding, said: &mut Vec<String>) {
        if u.injection {
            if self.state == State::Greeting {
                self.state = State::Collecting(Slot::Name);
            }
            said.push("I can't do that, but I'm happy to help you book a flight.".to_string());
            said.push(self.prompt());
            return;
        }
        // Any mention of others travelling counts, whatever else the turn was.
        self.booking.others_mentioned |= u.others_mentioned;
        let open_change = std::mem::take(&mut self.awaiting_change);
        if self.answer_confirmation(u, said) || self.answer_which(u, said) {
            return;
        }
        if self.after_booking(u, said) {
            return;
        }
        if open_change && self.state == State::ConfirmingDetails && self.ask_which(u, said) {
            return;
        }
        match u.intent() {
            Intent::Cancel => return self.cancel(said),
            Intent::StartOver => return self.start_over(said),
            Intent::GoBack => return self.go_back(said),
            Intent::Question => return self.answer_question(u, said),
            Intent::SmallTalk => return self.answer_small_talk(u, said),
            Intent::Repeat if self.state != State::PresentingOptions => {
                said.push(self.prompt());
                return;
            }
            _ => {}
        }
        match self.state {
            State::BookingComplete | State::Cancelled => {
                if u.has_entities() {
                    self.new_booking_keeping_name();
                    self.collect(u, said);
                } else {
                    said.push(reply::question(self.state).to_string());
                }
            }
            State::ConfirmingDetails => self.at_summary(u, said),
            State::PresentingOptions => self.at_options(u, said),
            State::ConfirmingSelection => self.at_selection(u, said),
            State::FlexibleSearch => self.at_flexible(u, said),
            State::Collecting(
                slot @ (Slot::Traveller | Slot::BirthDate | Slot::Gender | Slot::Contact),
            ) => self.at_ticket(slot, u, said),
            _ => self.collect(u, said),
        }
    }

    /// The question for the current state, including read-outs for summary and options.
    fn prompt(&mut self) -> String {
        if let Some(question) = self.confirmation_question() {
            return question;
        }
        match self.state {
            State::ConfirmingDetails => reply::summary(&self.booking),
            State::PresentingOptions => {
                self.offers_read = 0;
                self.read_options()
            }
            State::ConfirmingSelection if self.ticket_complete() => self.ticket_question(),
            State::ConfirmingSelection => self.selection_question(),
            State::Collecting(Slot::Traveller | Slot::BirthDate | Slot::Gender | Slot::Contact) => {
                self.ticket_question()
            }
            State::Collecting(Slot::Locator) => {
                "What's the six-character confirmation code?".to_string()
            }
            State::Collecting(Slot::Name) if self.booking.name.is_some() => {
                self.last_name_asks = self.last_name_asks.saturating_add(1);
                let first = self.booking.name.as_deref().unwrap_or_default();
                format!("And your last name, {first}? I need it for the ticket.")
            }
            s => reply::question(s).to_string(),
        }
    }

    /// Like [`Self::prompt`] but short where the full read-out would repeat a lot.
    fn prompt_short(&mut self) -> String {
        // A value waiting for its yes is asked about again, or a "yes" would take it unseen.
        if let Some(question) = self.confirmation_question() {
            return question;
        }
        match self.state {
            State::ConfirmingSelection | State::ConfirmingDetails => {
                reply::question(self.state).to_string()
            }
            State::PresentingOptions => {
                "Which option would you like? You can say option one, or the cheapest one."
                    .to_string()
            }
            _ => self.prompt(),
        }
    }

    /// The first slot still missing (the form's order), or the summary. After asking twice
    /// for a last name, one name will do.
    fn next_missing(&self) -> State {
        states::next_missing(&self.booking, self.last_name_asks >= 2)
    }
}

/// An utterance cut where the rules stop reading, so the journal holds what was used.
fn bounded(text: &str) -> &str {
    match text.char_indices().nth(understand::speech_fixes::MAX_INPUT_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}
