//! The conversation: states, what to ask next, transitions and reply wording.
//!
//! A [`Conversation`] takes one utterance at a time, reads it with [`crate::understand`],
//! updates the [`Booking`] and answers with a short spoken reply and the next question. It asks
//! only for what is still missing, one question at a time, reads a summary back before
//! searching, and keeps enough history to "go back".

pub mod choice;
mod journal;
pub mod reply;
mod slots;
mod states;
mod turn;

pub use states::{form_slot, FormSlot, State, FORM};
pub use turn::{Model, DIDNT_CATCH};

use crate::booking::{Booking, BookingView};
use crate::dates::{self, Date};
use crate::offers::{self, Offer, SearchRequest};
use crate::trip::{Cabin, OptionChoice, TripType};
use crate::understand::llm::{self, ChatRequest, CircuitBreaker, LlmConfig, LlmOutcome};
use crate::understand::{self, Context, Intent, Question, Slot, Tier, Understanding};
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Turn {
    pub user: String,
    pub reply: String,
    /// The reply split into sentences, so speech can start before the whole reply is synthesised.
    pub segments: Vec<String>,
    pub state: State,
    pub intent: Intent,
    pub tier: Tier,
    pub booking: BookingView,
    /// Offers on the table (when presenting options).
    pub offers: Vec<Offer>,
}

/// What "go back" returns to.
#[derive(Debug, Clone, PartialEq)]
struct Checkpoint {
    state: State,
    booking: Booking,
    offers: Vec<Offer>,
    selected: Option<usize>,
}

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
    selected: Option<usize>,
    /// Consecutive turns Alex did not understand: the second one adds a hint.
    misunderstood: u8,
    last_reply: String,
    /// Skips the model tier after repeated failures (kept across turns and snapshots).
    breaker: CircuitBreaker,
    /// Every turn so far, as it came in: the snapshot.
    journal: Vec<journal::Event>,
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
            selected: None,
            misunderstood: 0,
            last_reply: String::new(),
            breaker: CircuitBreaker::default(),
            journal: Vec::new(),
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
            reply,
            state: self.state,
            intent: Intent::Other,
            tier: Tier::Rules,
            booking: self.booking.view(),
            offers: Vec::new(),
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
        Context {
            today: self.config.today,
            expecting: self.state.expecting(),
            departure_date: self.booking.departure_date,
        }
    }

    /// Answer one caller utterance with the rules tier. Never panics, whatever the text.
    pub fn respond(&mut self, text: &str) -> Turn {
        let text = bounded(text);
        self.journal.push(journal::Event::Said(text.to_string()));
        let understanding = understand::understand(text, &self.context());
        self.apply(text, understanding, Tier::Rules)
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
        self.step(&u, &mut said);
        let reply = said.join(" ");
        self.last_reply = reply.clone();
        let offers = self.offers_on_table();
        Turn {
            user: text.to_string(),
            segments: reply::sentences(&reply),
            reply,
            state: self.state,
            intent,
            tier,
            booking: self.booking.view(),
            offers,
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
        match u.intent() {
            Intent::Cancel => return self.cancel(said),
            Intent::StartOver => return self.start_over(said),
            Intent::GoBack => return self.go_back(said),
            Intent::Question => return self.answer_question(u, said),
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
            _ => self.collect(u, said),
        }
    }

    fn cancel(&mut self, said: &mut Vec<String>) {
        self.checkpoint();
        self.booking = Booking::default();
        self.offers.clear();
        self.selected = None;
        self.recent = None;
        self.state = State::Cancelled;
        said.push("Okay, I've cancelled that. Nothing was booked.".to_string());
        said.push(reply::question(State::Cancelled).to_string());
    }

    fn new_booking_keeping_name(&mut self) {
        let name = self.booking.name.take();
        self.booking = Booking { name, ..Booking::default() };
        self.offers.clear();
        self.selected = None;
        self.recent = None;
    }

    fn start_over(&mut self, said: &mut Vec<String>) {
        self.checkpoint();
        self.new_booking_keeping_name();
        self.state = self.next_missing();
        said.push("No problem, let's start over.".to_string());
        said.push(self.prompt());
    }

    fn go_back(&mut self, said: &mut Vec<String>) {
        match self.history.pop() {
            Some(c) => {
                self.state = c.state;
                self.booking = c.booking;
                self.offers = c.offers;
                self.selected = c.selected;
                self.offers_read = 0;
                said.push("Sure, let's go back.".to_string());
                said.push(self.prompt());
            }
            None => {
                said.push("We're at the very beginning.".to_string());
                said.push(self.prompt());
            }
        }
    }

    fn answer_question(&mut self, u: &Understanding, said: &mut Vec<String>) {
        match &u.question {
            Some(Question::AirportsIn { place }) => said.push(slots::airports_answer(place)),
            Some(Question::BookingSoFar) => said.push(reply::so_far(&self.booking)),
            Some(Question::Help) => said.push(
                "I can book United flights for you: tell me where you're flying from and to, \
                 the dates, how many people, and the cabin, and I'll find options. You can \
                 change anything along the way, say go back, or start over."
                    .to_string(),
            ),
            Some(Question::OutOfScope) | None => said.push(
                "I'm not able to help with that on this call, but united.com has the details."
                    .to_string(),
            ),
        }
        said.push(self.prompt_short());
    }

    /// The question for the current state, including read-outs for summary and options.
    fn prompt(&mut self) -> String {
        match self.state {
            State::ConfirmingDetails => reply::summary(&self.booking),
            State::PresentingOptions => {
                self.offers_read = 0;
                self.read_options()
            }
            State::ConfirmingSelection => self.selection_question(),
            s => reply::question(s).to_string(),
        }
    }

    /// Like [`Self::prompt`] but short where the full read-out would repeat a lot.
    fn prompt_short(&mut self) -> String {
        match self.state {
            State::PresentingOptions => {
                "Which option would you like? You can say option one, or the cheapest one."
                    .to_string()
            }
            _ => self.prompt(),
        }
    }

    /// The first slot still missing (the form's order), or the summary.
    fn next_missing(&self) -> State {
        states::next_missing(&self.booking)
    }

    /// Collecting states: take what was said, then ask for what is missing.
    fn collect(&mut self, u: &Understanding, said: &mut Vec<String>) {
        if u.intent() == Intent::FlexibleDates
            && matches!(
                self.state,
                State::Collecting(Slot::DepartureDate) | State::Collecting(Slot::ReturnDate)
            )
            || (u.intent() == Intent::FlexibleDates && self.booking.departure_date.is_none())
        {
            return self.start_flexible(u, said);
        }
        let outcome = self.fill(u);
        if !outcome.changed && outcome.problems.is_empty() {
            return self.not_understood(u, said);
        }
        self.misunderstood = 0;
        self.state = self.next_missing();
        // The summary repeats everything: a "Got it, ..." before it would say it all twice.
        let summary_next = self.state == State::ConfirmingDetails;
        said.extend(
            outcome.acks.into_iter().filter(|a| !(summary_next && a.starts_with("Got it"))),
        );
        said.extend(outcome.problems.iter().cloned());
        said.push(self.prompt());
    }

    /// Apply the understanding's entities to the booking (with a checkpoint when anything
    /// changes).
    fn fill(&mut self, u: &Understanding) -> slots::Outcome {
        let before = self.booking.clone();
        let snapshot = Checkpoint {
            state: self.state,
            booking: before.clone(),
            offers: self.offers.clone(),
            selected: self.selected,
        };
        let outcome = slots::fill(&mut self.booking, &mut self.recent, u, self.config.today);
        if self.booking != before {
            if self.history.len() >= HISTORY_LIMIT {
                self.history.remove(0);
            }
            self.history.push(snapshot);
            // Anything that changes the trip makes old offers stale.
            self.offers.clear();
            self.selected = None;
            self.booking.flight = None;
        }
        outcome
    }

    fn not_understood(&mut self, u: &Understanding, said: &mut Vec<String>) {
        self.misunderstood = self.misunderstood.saturating_add(1);
        let _ = u;
        if self.state == State::Greeting {
            self.state = State::Collecting(Slot::Name);
        }
        if self.misunderstood >= 2 {
            said.push("Sorry, I'm still not sure what you mean.".to_string());
            said.push(reply::hint(self.state).to_string());
        } else {
            said.push("Sorry, I didn't catch that.".to_string());
        }
        said.push(self.prompt_short());
    }

    fn start_flexible(&mut self, u: &Understanding, said: &mut Vec<String>) {
        let around = match (&u.departure_date, &u.date) {
            (Some(Ok(d)), _) => Some(*d),
            (_, Some(expr)) => expr.resolve(self.config.today, None).ok(),
            _ => None,
        };
        match around {
            Some(day) => self.pick_cheapest_day(day, said),
            None => {
                self.checkpoint();
                self.state = State::FlexibleSearch;
                said.push("Sure, I can look for the cheapest day.".to_string());
                said.push(reply::question(State::FlexibleSearch).to_string());
            }
        }
    }

    fn at_flexible(&mut self, u: &Understanding, said: &mut Vec<String>) {
        let around = match (&u.departure_date, &u.date) {
            (Some(Ok(d)), _) => Some(*d),
            (Some(Err(e)), _) => {
                said.push(e.message.clone());
                said.push(reply::question(State::FlexibleSearch).to_string());
                return;
            }
            (_, Some(expr)) => expr.resolve(self.config.today, None).ok(),
            _ => None,
        };
        match around {
            Some(day) => self.pick_cheapest_day(day, said),
            None if u.has_entities() => {
                self.state = self.next_missing();
                self.collect(u, said)
            }
            None => self.not_understood(u, said),
        }
    }

    /// "Cheapest day that week": search the days around `day` and take the cheapest.
    fn pick_cheapest_day(&mut self, day: Date, said: &mut Vec<String>) {
        let cheapest = match (&self.booking.origin, &self.booking.destination) {
            (Some(origin), Some(destination)) => {
                let request = SearchRequest {
                    origin,
                    destination,
                    departure_date: day,
                    return_date: None,
                    passengers: self.booking.passengers,
                    cabin: self.booking.cabin.unwrap_or(Cabin::Economy),
                    today: self.config.today,
                    seed: self.config.seed,
                };
                offers::cheapest_days(&request, day, 3).into_iter().min_by_key(|(_, price)| *price)
            }
            _ => None,
        };
        self.checkpoint();
        match cheapest {
            Some((date, price)) => {
                self.booking.departure_date = Some(date);
                self.recent = Some(Slot::DepartureDate);
                said.push(format!(
                    "The cheapest day that week is {}, from {}.",
                    dates::spoken(date),
                    offers::dollars(price)
                ));
            }
            None => {
                self.booking.departure_date = Some(day);
                self.recent = Some(Slot::DepartureDate);
                said.push(format!("Let's go with {}.", dates::spoken(day)));
            }
        }
        if let Some(r) = self.booking.return_date.filter(|r| Some(*r) < self.booking.departure_date)
        {
            let _ = r;
            self.booking.return_date = None;
        }
        self.misunderstood = 0;
        self.state = self.next_missing();
        said.push(self.prompt());
    }

    fn at_summary(&mut self, u: &Understanding, said: &mut Vec<String>) {
        if u.has_entities() {
            return self.collect(u, said);
        }
        match u.intent() {
            Intent::ConfirmYes => self.search(said),
            Intent::ConfirmNo | Intent::Correction => {
                self.misunderstood = 0;
                said.push("No problem. What would you like to change?".to_string());
            }
            Intent::FlexibleDates => self.start_flexible(u, said),
            _ => self.not_understood(u, said),
        }
    }

    fn search(&mut self, said: &mut Vec<String>) {
        let b = &self.booking;
        let (Some(origin), Some(destination), Some(departure_date)) =
            (&b.origin, &b.destination, b.departure_date)
        else {
            self.state = self.next_missing();
            said.push(self.prompt());
            return;
        };
        let request = SearchRequest {
            origin,
            destination,
            departure_date,
            return_date: b.return_date.filter(|_| b.trip_type == Some(TripType::RoundTrip)),
            passengers: b.passengers,
            cabin: b.cabin.unwrap_or(Cabin::Economy),
            today: self.config.today,
            seed: self.config.seed,
        };
        let found = offers::search(&request);
        self.misunderstood = 0;
        if found.is_empty() {
            said.push(format!(
                "I'm sorry, I couldn't find any flights from {} to {} that day.",
                origin.name, destination.name
            ));
            said.push("Would you like to try a different date?".to_string());
            self.state = State::Collecting(Slot::DepartureDate);
            self.booking.departure_date = None;
            return;
        }
        self.checkpoint();
        self.offers = found;
        self.offers_read = 0;
        self.selected = None;
        self.state = State::PresentingOptions;
        said.push(format!(
            "I found {} options.",
            reply::count_word(self.offers.len().min(9) as u8)
        ));
        said.push(self.read_options());
    }

    fn read_options(&mut self) -> String {
        let from = if self.offers_read >= self.offers.len() { 0 } else { self.offers_read };
        let text = offers::read_out(&self.offers, from, OPTIONS_PER_READ);
        self.offers_read = (from + OPTIONS_PER_READ).min(self.offers.len());
        format!("{text} Which one would you like?")
    }

    fn at_options(&mut self, u: &Understanding, said: &mut Vec<String>) {
        if let Some(choice) = u.option {
            if u.intent() == Intent::SelectOption {
                return self.select(choice, said);
            }
        }
        if u.has_entities() {
            return self.change_during_search(u, said);
        }
        match u.intent() {
            Intent::MoreOptions | Intent::Repeat => {
                self.misunderstood = 0;
                if u.intent() == Intent::Repeat {
                    self.offers_read = 0;
                }
                said.push(self.read_options());
            }
            Intent::ConfirmNo => {
                self.misunderstood = 0;
                said.push(
                    "No problem. I can read the options again, or we can try a different date. \
                     What would you like?"
                        .to_string(),
                );
            }
            Intent::ConfirmYes => said.push(
                "Which option would you like? You can say option one, or the cheapest one."
                    .to_string(),
            ),
            Intent::FlexibleDates => self.start_flexible(u, said),
            _ => self.not_understood(u, said),
        }
    }

    fn select(&mut self, choice: OptionChoice, said: &mut Vec<String>) {
        match choice::select(&self.offers, choice) {
            Some(index) => {
                self.checkpoint();
                self.selected = Some(index);
                self.state = State::ConfirmingSelection;
                self.misunderstood = 0;
                said.push(self.selection_question());
            }
            None => {
                said.push(format!(
                    "Sorry, I don't have that one. I have {} options.",
                    reply::count_word(self.offers.len().min(9) as u8)
                ));
                said.push(
                    "Which one would you like? You can say option one, or the cheapest one."
                        .to_string(),
                );
            }
        }
    }

    fn selection_question(&self) -> String {
        match self.selected.and_then(|i| self.offers.get(i)) {
            Some(offer) => format!(
                "Option {}: {}. That's {} in total for {}. Shall I book it?",
                reply::count_word(offer.option),
                offers::describe(offer),
                offers::dollars(offer.price_usd),
                reply::passengers_phrase(self.booking.passengers)
            ),
            None => "Which option would you like?".to_string(),
        }
    }

    fn at_selection(&mut self, u: &Understanding, said: &mut Vec<String>) {
        if let (Some(choice), Intent::SelectOption) = (u.option, u.intent()) {
            return self.select(choice, said);
        }
        if u.has_entities() {
            return self.change_during_search(u, said);
        }
        match u.intent() {
            Intent::ConfirmYes => self.book(said),
            Intent::ConfirmNo => {
                self.checkpoint();
                self.selected = None;
                self.state = State::PresentingOptions;
                self.offers_read = 0;
                self.misunderstood = 0;
                said.push("No problem.".to_string());
                said.push(self.read_options());
            }
            _ => self.not_understood(u, said),
        }
    }

    /// A change of route, date, cabin or passengers while choosing a flight: search again.
    fn change_during_search(&mut self, u: &Understanding, said: &mut Vec<String>) {
        let outcome = self.fill(u);
        said.extend(outcome.acks);
        said.extend(outcome.problems.iter().cloned());
        self.state = self.next_missing();
        if self.state == State::ConfirmingDetails && outcome.changed {
            self.search(said);
        } else {
            said.push(self.prompt());
        }
    }

    fn book(&mut self, said: &mut Vec<String>) {
        let Some(offer) = self.selected.and_then(|i| self.offers.get(i)).cloned() else {
            self.state = State::PresentingOptions;
            said.push(self.read_options());
            return;
        };
        self.checkpoint();
        self.booking.flight = Some(offer.clone());
        self.booking.confirmed = true;
        self.state = State::BookingComplete;
        self.misunderstood = 0;
        let code = confirmation_code(&self.booking, self.config.seed);
        let name = self.booking.name.as_deref().and_then(|n| n.split(' ').next()).unwrap_or("");
        let thanks = if name.is_empty() {
            "You're all set.".to_string()
        } else {
            format!("You're all set, {name}.")
        };
        said.push(thanks);
        said.push(format!("I've booked {}.", offers::booked(&offer)));
        said.push(format!("Your confirmation code is {}.", spell(&code)));
        said.push("Thanks for flying United, and have a great trip!".to_string());
    }
}

/// A six-character record locator derived from the booking and the seed (deterministic).
pub fn confirmation_code(booking: &Booking, seed: u64) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    // The booking's JSON text (keys in alphabetical order, as the first codes were made).
    let text = booking.view().to_json().to_string();
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| {
            let index = (hash >> (i * 5)) as usize % ALPHABET.len();
            char::from(ALPHABET[index])
        })
        .collect()
}

/// "K7Q" -> "K, 7, Q": codes are read one character at a time.
fn spell(code: &str) -> String {
    code.chars().map(|c| c.to_string()).collect::<Vec<_>>().join(", ")
}

impl Conversation {
    /// The whole conversation as a string (versioned JSON), for reload-safe sessions.
    pub fn snapshot(&self) -> String {
        journal::write(self.config, &self.journal)
    }

    /// Rebuild a conversation from [`Conversation::snapshot`] by replaying its turns;
    /// corrupted or foreign text is an error, never a panic.
    pub fn restore(snapshot: &str) -> Result<Conversation, SnapshotError> {
        let (config, events) = journal::read(snapshot)?;
        let mut conversation = Conversation::new(config);
        for event in events {
            match event {
                journal::Event::Said(text) => {
                    conversation.respond(&text);
                }
                journal::Event::Chose(option) => {
                    conversation.choose(option);
                }
                journal::Event::Asked { text, asked_ms, answered_ms, outcome, threshold } => {
                    conversation.replay_asked(&text, asked_ms, answered_ms, outcome, threshold);
                }
            }
        }
        Ok(conversation)
    }
}

/// An utterance cut where the rules stop reading, so the journal holds what was used.
fn bounded(text: &str) -> &str {
    match text.char_indices().nth(understand::speech_fixes::MAX_INPUT_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// Why a snapshot could not be restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotError {
    Corrupted(String),
    Foreign,
}

impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SnapshotError::Corrupted(why) => write!(f, "snapshot is corrupted: {why}"),
            SnapshotError::Foreign => write!(f, "not a United Voice snapshot"),
        }
    }
}

impl std::error::Error for SnapshotError {}
