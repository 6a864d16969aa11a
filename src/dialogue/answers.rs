//! Alex's answers to what is not booking information: small talk, and the questions a caller
//! asks mid-call. Answers come from the offers on the table where they apply; otherwise a
//! short, honest sentence about what Alex can and cannot do here. The flow then goes on with
//! the pending question (a yes/no question is asked again, never assumed).

use super::{choice, reply, slots, Conversation, State};
use crate::offers::{self, Offer};
use crate::understand::talk::{SmallTalk, Topic};
use crate::understand::{Question, Understanding};

/// United's reservations line, for callers who want a person.
const RESERVATIONS: &str = "1-800-864-8331";

impl Conversation {
    pub(super) fn answer_question(&mut self, u: &Understanding, said: &mut Vec<String>) {
        if self.state == State::Greeting {
            self.state = State::Collecting(crate::understand::Slot::Name);
        }
        match &u.question {
            Some(Question::AirportsIn { place }) => said.push(slots::airports_answer(place)),
            Some(Question::BookingSoFar) => said.push(reply::so_far(&self.booking)),
            Some(Question::Help) => said.push(
                "I can book United flights for you: tell me where you're flying from and to, \
                 the dates, how many people, and the cabin, and I'll find options. You can \
                 change anything along the way, say go back, or start over."
                    .to_string(),
            ),
            Some(Question::About { topic }) => {
                // "When does option two land?": about the option named, if any.
                if let Some(index) = u.option.and_then(|c| choice::select(&self.offers, c)) {
                    self.suggested = Some(index);
                }
                said.push(self.about(*topic));
            }
            Some(Question::AboutOption { choice: wanted }) => {
                match choice::select(&self.offers, *wanted) {
                    Some(index) => {
                        self.suggested = Some(index);
                        if let Some(offer) = self.offers.get(index) {
                            said.push(format!(
                                "Option {} is {}, {} in total. Would you like that one?",
                                reply::count_word(offer.option),
                                offers::describe(offer),
                                offers::dollars(offer.price_usd)
                            ));
                            return;
                        }
                    }
                    None => said.push("None of these flights fits that, I'm afraid.".to_string()),
                }
            }
            None => said.push("I'm not sure I can help with that here.".to_string()),
        }
        said.push(self.prompt_short());
    }

    /// The offer the caller is looking at: the one chosen, else the first read out.
    fn offer_in_view(&self) -> Option<&Offer> {
        self.selected.or(self.suggested).and_then(|i| self.offers.get(i)).or(self.offers.first())
    }

    fn about(&self, topic: Topic) -> String {
        let offer = self.offer_in_view();
        let later = "I'll know once I've found flights for you.".to_string();
        match topic {
            Topic::Baggage => "Bag fees depend on the fare and the route. You can add checked \
                 bags after booking, at united.com or in the United app; I can't add them on \
                 this call."
                .to_string(),
            Topic::Pets => "Small dogs and cats can usually fly in the cabin in a carrier that \
                 fits under the seat, for a fee. You add a pet by calling United after you \
                 book; I can't add one on this call."
                .to_string(),
            Topic::Seats => {
                "You can pick your seats after booking, at united.com or in the United app."
                    .to_string()
            }
            Topic::Changes => "Most United fares, except Basic Economy, can be changed without \
                 a change fee; whether you get money back depends on the fare."
                .to_string(),
            Topic::Human => format!(
                "I'm a virtual agent. To speak with a person, call United Reservations at \
                 {RESERVATIONS}. I'm happy to keep going with the booking here."
            ),
            Topic::Details => offer.map_or(later.clone(), |o| {
                format!("Option {}: {}.", reply::count_word(o.option), offers::describe(o))
            }),
            Topic::FlightLength => offer.map_or(later, |o| {
                let (h, m) = (o.duration_minutes / 60, o.duration_minutes % 60);
                let hours = if h == 1 { "hour".to_string() } else { "hours".to_string() };
                format!(
                    "Option {} takes about {} {hours}{}.",
                    reply::count_word(o.option),
                    reply::count_word(h.min(99) as u8),
                    if m > 0 {
                        format!(" and {} minutes", reply::count_word(m as u8))
                    } else {
                        String::new()
                    }
                )
            }),
            Topic::Nonstop => match offer {
                None => later,
                Some(o) if o.stops == 0 => {
                    format!("Yes, option {} is nonstop.", reply::count_word(o.option))
                }
                Some(o) => {
                    let via = o.via.as_deref().and_then(crate::places::airport);
                    let nonstop = self.offers.iter().find(|x| x.stops == 0);
                    let mut text = format!(
                        "Option {} has a stop{}.",
                        reply::count_word(o.option),
                        via.map(|a| format!(" in {}", a.city)).unwrap_or_default()
                    );
                    if let Some(n) = nonstop {
                        text.push_str(&format!(
                            " Option {} is nonstop.",
                            reply::count_word(n.option)
                        ));
                    }
                    text
                }
            },
            Topic::Price => match offer {
                None => "I'll have prices once I've found flights for you.".to_string(),
                Some(o) => {
                    let cheapest = self.offers.iter().min_by_key(|x| (x.price_usd, x.option));
                    let each = o.price_usd / u32::from(self.booking.passengers.max(1));
                    let mut text = format!(
                        "Option {} is {} in total for {}",
                        reply::count_word(o.option),
                        offers::dollars(o.price_usd),
                        reply::passengers_phrase(self.booking.passengers)
                    );
                    if self.booking.passengers > 1 {
                        text.push_str(&format!(", about {} each", offers::dollars(each)));
                    }
                    text.push('.');
                    match cheapest {
                        Some(c) if c.option == o.option => text.push_str(" It's the cheapest."),
                        Some(c) => text.push_str(&format!(
                            " The cheapest is option {}, at {}.",
                            reply::count_word(c.option),
                            offers::dollars(c.price_usd)
                        )),
                        None => {}
                    }
                    text
                }
            },
            Topic::WhichAirport => match offer {
                Some(o) => {
                    let name = |code: &str| {
                        crate::places::airport(code)
                            .map_or(code.to_string(), |a| format!("{}, {}", a.name, a.code))
                    };
                    format!("It leaves from {} and lands at {}.", name(&o.from), name(&o.to))
                }
                None => {
                    let places: Vec<String> = [&self.booking.origin, &self.booking.destination]
                        .into_iter()
                        .flatten()
                        .map(slots::airports_answer)
                        .collect();
                    if places.is_empty() {
                        "Which city are you asking about?".to_string()
                    } else {
                        places.join(" ")
                    }
                }
            },
            Topic::Other => {
                "I can't help with that on this call, but united.com has the details.".to_string()
            }
        }
    }

    pub(super) fn answer_small_talk(&mut self, u: &Understanding, said: &mut Vec<String>) {
        let done = matches!(self.state, State::BookingComplete | State::Cancelled);
        if self.state == State::Greeting {
            self.state = State::Collecting(crate::understand::Slot::Name);
        }
        match u.small_talk {
            Some(SmallTalk::Greeting) => said.push("Hi there!".to_string()),
            Some(SmallTalk::HowAreYou) => {
                said.push("I'm doing well, thanks for asking!".to_string())
            }
            Some(SmallTalk::CanYouHearMe) => said.push("Yes, I can hear you.".to_string()),
            Some(SmallTalk::HoldOn) => {
                said.push("Sure, take your time. I'm here when you're ready.".to_string());
                return;
            }
            Some(SmallTalk::Thanks) if done => {
                said.push("You're welcome!".to_string());
            }
            Some(SmallTalk::Thanks) => said.push("You're welcome.".to_string()),
            Some(SmallTalk::Goodbye) if done => {
                said.push("Thanks for calling United, and have a great day!".to_string());
                return;
            }
            Some(SmallTalk::Goodbye) => {
                said.push("Before you go: nothing is booked yet.".to_string())
            }
            None => {}
        }
        said.push(self.prompt_short());
    }
}
