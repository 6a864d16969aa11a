//! What each caller move does in each state: collecting slots, the summary, flexible dates,
//! searching, reading and picking options, booking, and the moves allowed anywhere (cancel,
//! start over, go back, questions).

use super::errands::Errand;
use super::{
    choice, reply, slots, Checkpoint, Conversation, State, HISTORY_LIMIT, OPTIONS_PER_READ,
};
use crate::booking::Booking;
use crate::dates::{self, Date};
use crate::offers::wire::{search_by_codes, FareQuery};
use crate::offers::{self, SearchRequest};
use crate::trip::{Cabin, DayPart, OptionChoice, TripType};
use crate::understand::{Intent, Slot, Understanding};

impl Conversation {
    pub(super) fn cancel(&mut self, said: &mut Vec<String>) {
        self.checkpoint();
        self.booking = Booking::default();
        self.offers.clear();
        self.selected = None;
        self.recent = None;
        self.state = State::Cancelled;
        said.push("Okay, I've cancelled that. Nothing was booked.".to_string());
        said.push(reply::question(State::Cancelled).to_string());
    }

    pub(super) fn new_booking_keeping_name(&mut self) {
        let name = self.booking.name.take();
        self.booking = Booking { name, ..Booking::default() };
        self.offers.clear();
        self.selected = None;
        self.recent = None;
    }

    pub(super) fn start_over(&mut self, said: &mut Vec<String>) {
        self.checkpoint();
        self.new_booking_keeping_name();
        self.state = self.next_missing();
        said.push("No problem, let's start over.".to_string());
        said.push(self.prompt());
    }

    pub(super) fn go_back(&mut self, said: &mut Vec<String>) {
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

    /// Collecting states: take what was said, then ask for what is missing.
    pub(super) fn collect(&mut self, u: &Understanding, said: &mut Vec<String>) {
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
        if !outcome.changed && outcome.problems.is_empty() && self.pending.is_none() {
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
    pub(super) fn fill(&mut self, u: &Understanding) -> slots::Outcome {
        let (now, held) = super::confirming::split_inferred(u);
        let mut outcome = self.fill_now(&now);
        self.pending = held;
        // "next week": kept, so the day said next is read inside it.
        match (&u.period, &u.departure_date) {
            (Some(period), None) => {
                if let Some((first, last)) = period.days(self.config.today, None) {
                    outcome.acks.push(format!(
                        "Sure, sometime between {} and {}.",
                        dates::spoken_short(first),
                        dates::spoken_short(last)
                    ));
                    outcome.changed |= self.period.as_ref() != Some(period);
                }
                self.period = Some(period.clone());
            }
            (_, Some(Ok(_))) => self.period = None,
            _ => {}
        }
        outcome
    }

    /// Apply values that need no confirmation (with a checkpoint when anything changes).
    pub(super) fn fill_now(&mut self, u: &Understanding) -> slots::Outcome {
        let before = self.booking.clone();
        let outcome = slots::fill(&mut self.booking, &mut self.recent, u, self.config.today);
        if self.booking != before {
            if self.history.len() >= HISTORY_LIMIT {
                self.history.remove(0);
            }
            // Filling touches only the booking: the offers are still as they were.
            self.history.push(Checkpoint {
                state: self.state,
                booking: before,
                offers: std::mem::take(&mut self.offers),
                selected: self.selected,
            });
            // Anything that changes the trip makes old offers stale.
            self.offers.clear();
            self.selected = None;
            self.booking.flight = None;
        }
        outcome
    }

    pub(super) fn not_understood(&mut self, u: &Understanding, said: &mut Vec<String>) {
        self.misunderstood = self.misunderstood.saturating_add(1);
        let _ = u;
        if self.state == State::Greeting {
            self.state = State::Collecting(Slot::Name);
        }
        if self.misunderstood >= 2 && self.state == State::Collecting(Slot::Cabin) {
            // A cabin is never worth a stalled call: economy, said plainly, and the summary
            // still lets the caller change it.
            self.booking.cabin = Some(Cabin::Economy);
            self.misunderstood = 0;
            self.state = self.next_missing();
            said.push("I'll put you in economy; you can change that before I search.".to_string());
            said.push(self.prompt());
            return;
        }
        if self.misunderstood >= 2 {
            said.push("Sorry, I'm still not sure what you mean.".to_string());
            said.push(reply::hint(self.state).to_string());
        } else {
            said.push("Sorry, I didn't catch that.".to_string());
        }
        said.push(self.prompt_short());
    }

    pub(super) fn start_flexible(&mut self, u: &Understanding, said: &mut Vec<String>) {
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

    pub(super) fn at_flexible(&mut self, u: &Understanding, said: &mut Vec<String>) {
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
    pub(super) fn pick_cheapest_day(&mut self, day: Date, said: &mut Vec<String>) {
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
        // The day is Alex's pick, not the caller's words: it waits for a yes like any inferred
        // value ("The lowest fare that week is $96. Leaving Tuesday, April 13th, is that right?").
        let date = match cheapest {
            Some((date, price)) => {
                said.push(format!("The lowest fare that week is {}.", offers::dollars(price)));
                date
            }
            None => day,
        };
        self.pending = Some(Understanding {
            intent: Some(Intent::ProvideInfo),
            confidence: 0.9,
            departure_date: Some(Ok(date)),
            ..Understanding::default()
        });
        self.misunderstood = 0;
        self.state = self.next_missing();
        said.push(self.prompt());
    }

    pub(super) fn at_summary(&mut self, u: &Understanding, said: &mut Vec<String>) {
        if u.has_entities() {
            return self.collect(u, said);
        }
        match u.intent() {
            Intent::ConfirmYes => self.search(said),
            Intent::ConfirmNo | Intent::Correction => {
                self.misunderstood = 0;
                self.awaiting_change = true;
                said.push("No problem. What would you like to change?".to_string());
            }
            Intent::FlexibleDates => self.start_flexible(u, said),
            _ => self.not_understood(u, said),
        }
    }

    pub(super) fn search(&mut self, said: &mut Vec<String>) {
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
        self.errand = Some(Errand::Search(FareQuery::new(&request)));
    }

    /// The search's answer: the proxy's offers, or (when it could not be reached) the built-in
    /// generator's for the same query.
    pub(super) fn present_offers(
        &mut self,
        query: &FareQuery,
        found: Option<Vec<offers::Offer>>,
        said: &mut Vec<String>,
    ) {
        let b = &self.booking;
        let (Some(origin), Some(destination)) = (b.origin.clone(), b.destination.clone()) else {
            self.state = self.next_missing();
            said.push(self.prompt());
            return;
        };
        let mut found = found.unwrap_or_else(|| search_by_codes(query).unwrap_or_default());
        // "Saturday morning": the flights that leave then come first (numbered as read).
        if let Some(part) = b.departure_part {
            let fits = |o: &offers::Offer| {
                offers::parse_clock(&o.depart_time).is_some_and(|m| part.minutes().contains(&m))
            };
            let (first, rest): (Vec<_>, Vec<_>) = found.into_iter().partition(|o| fits(o));
            found = first.into_iter().chain(rest).collect();
            for (i, offer) in found.iter_mut().enumerate() {
                offer.option = u8::try_from(i + 1).unwrap_or(u8::MAX);
            }
        }
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
        self.suggested = None;
        self.offers_read = 0;
        self.selected = None;
        self.state = State::PresentingOptions;
        said.push(format!(
            "I found {} options.",
            reply::count_word(self.offers.len().min(9) as u8)
        ));
        // Alex is United's agent: honest when United is not among live fares, and honest that
        // sample fares are not prices anyone can buy.
        let live = self.offers.iter().any(offers::Offer::is_live);
        if live && !self.offers.iter().any(|o| o.flight_number.starts_with("UA")) {
            said.push(
                "United doesn't fly this route that day, so these are other airlines.".to_string(),
            );
        }
        if !live && !self.said_sample {
            self.said_sample = true;
            said.push("These are sample fares, not live prices.".to_string());
        }
        said.push(self.read_options());
    }

    pub(super) fn read_options(&mut self) -> String {
        let from = if self.offers_read >= self.offers.len() { 0 } else { self.offers_read };
        self.read_from = from;
        let text = offers::read_out(&self.offers, from, OPTIONS_PER_READ);
        // On screen the options are cards: the transcript points at them instead.
        let shown = match self.offers.len() {
            1 => "It's shown below.".to_string(),
            n => format!("They're shown below, {n} in all."),
        };
        self.swaps.push((text.clone(), shown));
        self.offers_read = (from + OPTIONS_PER_READ).min(self.offers.len());
        format!("{text} Which one would you like?")
    }

    pub(super) fn at_options(&mut self, u: &Understanding, said: &mut Vec<String>) {
        if let Some(choice) = u.option {
            if u.intent() == Intent::SelectOption {
                return self.select_with(choice, u.nonstop_too, said);
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
            Intent::ConfirmYes => match self.suggested.and_then(|i| self.offers.get(i)) {
                Some(offer) => self.select(OptionChoice::Position(offer.option), said),
                None => said.push(
                    "Which option would you like? You can say option one, or the cheapest one."
                        .to_string(),
                ),
            },
            Intent::FlexibleDates => self.start_flexible(u, said),
            _ => self.not_understood(u, said),
        }
    }

    pub(super) fn select(&mut self, choice: OptionChoice, said: &mut Vec<String>) {
        self.select_with(choice, false, said)
    }

    /// [`Self::select`], with nonstop also wanted ("the one at noon, direct"): among the
    /// nonstops when there are any.
    pub(super) fn select_with(
        &mut self,
        choice: OptionChoice,
        nonstop_too: bool,
        said: &mut Vec<String>,
    ) {
        // A flight picked by description is first looked for among those read out: the caller
        // means one they heard, not one further down the list.
        let heard = self.offers.get(..self.offers_read).unwrap_or(&self.offers);
        let described = matches!(
            choice,
            OptionChoice::DayPart(_) | OptionChoice::Time(_) | OptionChoice::Nonstop
        );
        let pick = |within: &[offers::Offer]| -> Option<usize> {
            let direct: Vec<offers::Offer> =
                within.iter().filter(|o| nonstop_too && o.stops == 0).cloned().collect();
            let (from, i) = match choice::select(&direct, choice) {
                Some(i) => (&direct[..], i),
                None => (within, choice::select(within, choice)?),
            };
            let option = from.get(i)?.option;
            self.offers.iter().position(|o| o.option == option)
        };
        let found = if described { pick(heard) } else { None }.or_else(|| pick(&self.offers));
        // Nothing nonstop, nothing in the evening: the nearest thing, said so, for a yes or no.
        let (found, instead) = match (found, choice) {
            (None, OptionChoice::Nonstop) => {
                // Nonstop one way, at least: the next best thing; else the quickest.
                match self.offers.iter().position(|o| o.stops == 0) {
                    Some(i) => (
                        Some(i),
                        Some("None of these flights is nonstop both ways; this one is nonstop on the way out:".to_string()),
                    ),
                    None => (
                        choice::select(&self.offers, OptionChoice::Fastest),
                        Some("None of these flights is nonstop; the quickest is".to_string()),
                    ),
                }
            }
            (None, OptionChoice::DayPart(part)) => (
                choice::select(
                    &self.offers,
                    if part == DayPart::Morning {
                        OptionChoice::Earliest
                    } else {
                        OptionChoice::Latest
                    },
                ),
                Some(format!(
                    "None of these flights leaves in the {}; the {} is",
                    part.spoken(),
                    if part == DayPart::Morning { "earliest" } else { "latest" }
                )),
            ),
            (found, _) => (found, None),
        };
        match found {
            Some(index) => {
                if let Some(lead) = instead {
                    said.push(lead);
                }
                self.checkpoint();
                self.selected = Some(index);
                self.state = State::ConfirmingSelection;
                self.misunderstood = 0;
                said.push(self.selection_question());
            }
            None => {
                said.push(match choice {
                    OptionChoice::Nonstop => "None of these flights is nonstop.".to_string(),
                    OptionChoice::DayPart(part) => {
                        format!("None of these flights leaves in the {}.", part.spoken())
                    }
                    OptionChoice::Time(_) => {
                        "None of these flights leaves at that time.".to_string()
                    }
                    _ => format!(
                        "Sorry, I don't have that one. I have {} options.",
                        reply::count_word(self.offers.len().min(9) as u8)
                    ),
                });
                said.push(
                    "Which one would you like? You can say option one, or the cheapest one."
                        .to_string(),
                );
            }
        }
    }

    pub(super) fn selection_question(&self) -> String {
        match self.selected.and_then(|i| self.offers.get(i)) {
            Some(offer) => format!(
                "Option {}: {}.{} That's {} in total for {}. Shall I book it?",
                reply::count_word(offer.option),
                offers::describe(offer),
                self.airports_said(offer),
                offers::dollars(offer.price_usd),
                reply::passengers_phrase(self.booking.passengers)
            ),
            None => "Which option would you like?".to_string(),
        }
    }

    /// " It leaves from Newark and lands at Chicago O'Hare.": when the caller named a city with
    /// several airports, which ones this flight uses (nothing otherwise).
    fn airports_said(&self, offer: &offers::Offer) -> String {
        let metro = |p: &Option<crate::places::Place>| {
            p.as_ref().is_some_and(|p| p.kind == crate::places::PlaceKind::Metro)
        };
        let name =
            |code: &str| crate::places::airport(code).map_or(code.to_string(), |a| a.name.clone());
        match (metro(&self.booking.origin), metro(&self.booking.destination)) {
            (true, true) => {
                format!(" It leaves from {} and lands at {}.", name(&offer.from), name(&offer.to))
            }
            (true, false) => format!(" It leaves from {}.", name(&offer.from)),
            (false, true) => format!(" It lands at {}.", name(&offer.to)),
            (false, false) => String::new(),
        }
    }

    pub(super) fn at_selection(&mut self, u: &Understanding, said: &mut Vec<String>) {
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
    pub(super) fn change_during_search(&mut self, u: &Understanding, said: &mut Vec<String>) {
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

    /// "Yes, book it": the ticket's details next (then the order), or the options again when
    /// no flight is chosen.
    pub(super) fn book(&mut self, said: &mut Vec<String>) {
        if self.selected.and_then(|i| self.offers.get(i)).is_some() {
            return self.start_ticket(said);
        }
        self.state = State::PresentingOptions;
        said.push(self.read_options());
    }
}
