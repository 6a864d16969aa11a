//! One utterance -> [`Understanding`]: finds places and dates, decides from the words around
//! them which slot each fills ("from X", "to Y", "back on Z"), then the intent.

use super::rules;
use super::speech_fixes::clean;
use super::{talk, Context, Intent, Question, Slot, Understanding};
use crate::dates::{self, DateExpr};
use crate::places::{self, Place, PlaceError};
use crate::text::{key, listed};

/// Words that make an utterance about the trip, not small talk.
const TRIP_WORDS: &[&str] = &[
    "from", "to", "fly", "flying", "flight", "flights", "ticket", "book", "leaving", "trip",
    "travel", "return", "back", "depart", "arrive",
];

/// Words before a place that make it the origin.
const ORIGIN_CUES: &[&str] = &[
    "from",
    "leaving",
    "out of",
    "departing",
    "depart",
    "departs",
    "leave",
    "starting in",
    "starting from",
    "based in",
    "flying out of",
    "origin",
    "between",
    "live in",
    "i'm in",
    "we're in",
    "origin is",
    "departure city is",
];
/// Words before a place that make it the destination.
const DESTINATION_CUES: &[&str] = &[
    "to",
    "into",
    "towards",
    "toward",
    "visit",
    "visiting",
    "arriving in",
    "arrive in",
    "arriving at",
    "arrive at",
    "arrives in",
    "arrives at",
    "destination",
    "heading",
    "headed",
    "for",
    "reaching",
    "land in",
    "lands in",
    "landing in",
    "land at",
    "lands at",
    "landing at",
    "and",
    "destination is",
    "going to be in",
];
/// Words before a place that say it is not the one ("out of Hartford, not Boston").
const NEGATED_CUES: &[&str] = &[
    "not",
    "not from",
    "not to",
    "not out of",
    "instead of",
    "rather than",
    "no longer",
    "or",
    "or maybe",
    "or else",
    "or even",
];
/// Words before a place that make it a stop on the way, neither origin nor destination.
const STOPOVER_CUES: &[&str] = &[
    "stop",
    "stops",
    "stopping",
    "stopover",
    "via",
    "through",
    "connecting",
    "connect",
    "connection",
    "layover",
    "change",
    "changing",
    "change planes",
];
/// Words that make the date after them part of a greeting.
const GREETING_BEFORE_DATE: &[&str] = &[
    "how are you",
    "how are you doing",
    "how you doing",
    "how's your",
    "how is your",
    "how was your",
    "merry",
    "merry almost",
    "happy",
    "happy early",
    "have a good",
    "have a great",
    "have a nice",
    "enjoy your",
];
/// Words before a date that make it the caller's conclusion over a date said before it.
const CONCLUSION_CUES: &[&str] = &[
    "so",
    "i mean",
    "actually",
    "make it",
    "make that",
    "no",
    "sorry",
    "rather",
    "instead",
    "no wait",
    "actually no",
];
/// Words before a date that make it the departure date.
const DEPARTURE_CUES: &[&str] = &[
    "leaving",
    "leave",
    "fly out",
    "flying out",
    "fly out on",
    "depart",
    "departing",
    "departure",
    "going out",
    "head out",
    "heading out",
    "outbound",
    "out on",
    "leaving on",
];
/// Words before a date that make it the return date.
const RETURN_CUES: &[&str] = &[
    "back",
    "return",
    "returning",
    "returns",
    "return on",
    "come back",
    "coming back",
    "fly back",
    "flying back",
    "home",
    "until",
    "till",
    "through",
    "and back",
    "back on",
    "returning on",
    "to",
    "back to",
];

/// A word of the cleaned text with its byte range and its key (borrowed from the one list of
/// keys the rules read).
struct Word<'a> {
    start: usize,
    end: usize,
    original: &'a str,
    key: &'a str,
}

/// Byte ranges of the whitespace-separated words of `text`.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// The words of `text` at `spans`, each with its key from `keys` (same order).
fn words_of<'a>(text: &'a str, spans: &[(usize, usize)], keys: &'a [String]) -> Vec<Word<'a>> {
    spans
        .iter()
        .zip(keys)
        .map(|(&(start, end), key)| Word {
            start,
            end,
            original: text.get(start..end).unwrap_or_default(),
            key: key.as_str(),
        })
        .collect()
}

/// The cue words just before byte offset `at`: the longest cue that ends right there, or
/// before the articles and fillers between a cue and its value ("to the big apple"). A cue
/// may end with such a word itself ("arriving in", "leaving on"): it is tried before the word
/// is skipped.
fn cue_before<'c>(words: &[Word<'_>], at: usize, cues: &[&'c str]) -> Option<&'c str> {
    // Words are in text order: those ending by `at` are a prefix.
    let before = words.get(..words.partition_point(|w| w.end <= at)).unwrap_or_default();
    let mut end = before.len();
    loop {
        if let Some(cue) = cue_ending_at(before, end, cues) {
            return Some(cue);
        }
        let last = end.checked_sub(1).and_then(|e| before.get(e))?;
        let skip = matches!(
            last.key,
            "the"
                | "on"
                | "in"
                | "at"
                | "that"
                | "beautiful"
                | "sunny"
                | "any"
                | "airport"
                | "airports"
        );
        if !skip {
            return None;
        }
        end -= 1;
    }
}

/// The longest of `cues` whose words end with the word before `end`.
fn cue_ending_at<'c>(before: &[Word<'_>], end: usize, cues: &[&'c str]) -> Option<&'c str> {
    // Its last letter settles most cues.
    let last_letter = end.checked_sub(1).and_then(|e| before.get(e))?.key.as_bytes().last();
    cues.iter()
        .filter(|cue| {
            if last_letter != cue.as_bytes().last() {
                return false;
            }
            let n = cue.bytes().filter(|&b| b == b' ').count() + 1;
            end.checked_sub(n)
                .and_then(|start| before.get(start..end))
                .is_some_and(|ws| rules::phrase_at(ws.iter().map(|w| w.key), cue))
        })
        .max_by_key(|cue| cue.len())
        .copied()
}

pub fn extract(text: &str, context: &Context) -> Understanding {
    let cleaned = clean(text);
    let spans = word_spans(&cleaned);
    let keys: Vec<String> =
        spans.iter().map(|&(s, e)| key(cleaned.get(s..e).unwrap_or_default())).collect();
    let words = words_of(&cleaned, &spans, &keys);
    let mut u = Understanding { cleaned: cleaned.clone(), ..Understanding::default() };
    if keys.iter().all(|k| k.is_empty()) {
        return u;
    }
    if super::injection::looks_like_injection(&cleaned) {
        u.intent = Some(Intent::Other);
        u.confidence = 1.0;
        u.injection = true;
        return u;
    }

    // Name first: "I'm Austin Lee" is a person, not the Texas airport. A name heard without an
    // introduction gives way to a place or date in the same words ("Portland Oregon").
    let originals: Vec<&str> = words.iter().map(|w| w.original).collect();
    // "how are you today?", "can you hear me from there?": small talk with no trip in it
    // names no date or place, whatever words it happens to contain (the cheap tests first).
    let chatting = keys.len() <= 8
        && !rules::any(&keys, TRIP_WORDS)
        && talk::small_talk(&keys, &cleaned).is_some();
    let (date_mentions, period) =
        if chatting { (Vec::new(), None) } else { dates::find_dates_and_period(&cleaned) };
    let all_places = if chatting { Vec::new() } else { places::find_places(&cleaned) };
    let heard = rules::name(&originals, &keys, context.expecting, context.name_known).filter(|h| {
        h.introduced
            || span_of_words(&words, &h.name).is_none_or(|(s, e)| {
                // The place covers the name's words ("Tampa." is the city, not a name).
                !all_places.iter().any(|m| {
                    !matches!(m.result, Err(PlaceError::Unknown { .. }))
                        && m.start <= s
                        && cleaned
                            .get(m.end.min(e)..e)
                            .is_some_and(|rest| rest.chars().all(|c| !c.is_alphanumeric()))
                }) && !date_mentions.iter().any(|m| m.start < e && m.end > s)
            })
    });
    let name_span = heard.as_ref().and_then(|h| span_of_words(&words, &h.name));
    u.name = heard.map(|h| h.name);
    // Where a place and a date share words, the longer phrase is what was said: "Christmas
    // Eve" is a date, not Christmas Island; "Easter Island" is a place, not Easter.
    // Said with the same words ("for Christmas"), a date beats a one-word place.
    let inside = |(s, e): (usize, usize), (outer_s, outer_e): (usize, usize)| {
        outer_s <= s && e <= outer_e && (outer_e - outer_s) > (e - s)
    };
    let mentions: Vec<places::PlaceMention> = all_places
        .into_iter()
        .filter(|m| name_span.is_none_or(|(s, e)| m.end <= s || m.start >= e))
        .filter(|m| {
            !date_mentions.iter().any(|d| {
                inside((m.start, m.end), (d.start, d.end))
                    || ((d.start, d.end) == (m.start, m.end)
                        && !cleaned[m.start..m.end].contains(' '))
            })
        })
        .collect();
    // "How are you today?", "Merry almost Christmas!": a date inside a greeting is no trip.
    let date_mentions: Vec<dates::DateMention> = date_mentions
        .into_iter()
        .filter(|d| !mentions.iter().any(|m| inside((d.start, d.end), (m.start, m.end))))
        .filter(|d| cue_before(&words, d.start, GREETING_BEFORE_DATE).is_none())
        // "Is it cold out there today?": today in a question about something else.
        .filter(|d| !(d.expr.is_today() && in_chat_question(&cleaned, d.start)))
        .collect();

    // Questions are answered without touching the booking.
    if rules::asks_airports(&keys) {
        if let Some(Ok(place)) = mentions.first().map(|m| m.result.clone()) {
            u.intent = Some(Intent::Question);
            u.question = Some(Question::AirportsIn { place });
            u.confidence = 0.95;
            return u;
        }
    }

    let correcting = rules::is_correction(&keys);
    assign_places(&mut u, &words, &mentions, &date_mentions, context, correcting);
    settle_namesakes(&mut u, context);
    let target = rules::correction_target(&keys);
    let trip_type = if context.expecting == Some(Slot::TripType) {
        rules::trip_type_answer(&keys)
    } else {
        rules::trip_type(&keys)
    };
    let round_trip_said = trip_type == Some(crate::trip::TripType::RoundTrip);
    u.period = period.map(|p| p.period);
    assign_dates(&mut u, &words, date_mentions, context, correcting, target, round_trip_said);
    u.trip_type = trip_type;
    u.passengers = rules::passengers(&keys, context.expecting);
    // "3, oh wait, my brother bailed, so just 2": a count after the caller takes one back.
    if let Some(at) = keys.iter().rposition(|k| listed(TAKE_BACK, k)) {
        let later = (at + 1..keys.len()).find_map(|from| {
            keys.get(from..).and_then(|rest| rules::passengers(rest, context.expecting))
        });
        if later.is_some() {
            u.passengers = later;
        }
    }
    u.others_mentioned = keys.iter().any(|k| {
        let mut k = k.as_str();
        while let Some(stem) = k.strip_suffix("'s") {
            k = stem;
        }
        listed(super::lexicon::GROUP_WORDS, k) || listed(super::lexicon::COMPANIONS, k)
    });
    let dated = u.departure_date.is_some() || u.return_date.is_some() || u.date.is_some();
    if context.open_change && u.passengers.is_none() && keys.len() <= 3 && !dated {
        // "What would you like to change?" - "two": the travellers.
        u.passengers = rules::passengers(&keys, Some(Slot::Passengers));
    }
    u.cabin = cabin_said(&cleaned, &words, &keys, context.expecting);
    if u.return_date.is_some() && u.trip_type.is_none() {
        u.trip_type = Some(crate::trip::TripType::RoundTrip);
    }
    if context.expecting == Some(Slot::Flight) {
        u.option = rules::option_choice(&keys);
        u.nonstop_too = u.option != Some(crate::trip::OptionChoice::Nonstop)
            && rules::any(&keys, &["nonstop", "non-stop", "non stop", "direct"]);
    }
    // A bare place answer that matched nothing: say which word we did not know.
    if matches!(context.expecting, Some(Slot::Origin | Slot::Destination))
        && u.origin.is_none()
        && u.destination.is_none()
        && u.place.is_none()
        && !u.has_entities()
        && keys.len() <= 5
        && !rules::is_yes(&keys)
        && !rules::is_no(&keys)
        && !rules::is_flexible(&keys)
    {
        let phrase = strip_place_lead_in(&keys);
        if !phrase.is_empty() && !is_command(&keys, correcting) {
            let result = places::resolve(&phrase);
            match context.expecting {
                Some(Slot::Origin) => u.origin = Some(result),
                _ => u.destination = Some(result),
            }
        }
    }

    u.correction_target = target;
    decide_intent(&mut u, &keys, context, correcting);
    u
}

/// "from St. Petersburg to Milwaukee": a name shared by places in different countries is the
/// one in the country of the trip's other end (said now or before), when exactly one is there.
/// It is Alex's inference, confirmed before use ("From St Petersburg, Florida, is that
/// right?"); namesakes in one country ("Portland") are still asked about.
fn settle_namesakes(u: &mut Understanding, context: &Context) {
    // Most turns have no namesake: the countries are only looked up for one.
    let ambiguous = |end: &Option<Result<Place, PlaceError>>| {
        matches!(end, Some(Err(PlaceError::Ambiguous { .. })))
    };
    if !ambiguous(&u.origin) && !ambiguous(&u.destination) {
        return;
    }
    let country = |said: &Option<Result<Place, PlaceError>>, known: &Option<String>| match said {
        Some(Ok(place)) => places::country_of(place).map(String::from),
        Some(Err(_)) => None,
        None => known.clone(),
    };
    let origin_country = country(&u.origin, &context.origin_country);
    let destination_country = country(&u.destination, &context.destination_country);
    for (slot, other_country) in
        [(Slot::Origin, destination_country), (Slot::Destination, origin_country)]
    {
        let said = if slot == Slot::Origin { &mut u.origin } else { &mut u.destination };
        let Some(Err(PlaceError::Ambiguous { candidates, .. })) = said.as_ref() else { continue };
        let Some(one) = other_country.and_then(|c| places::only_one_in(candidates, &c)) else {
            continue;
        };
        *said = Some(Ok(one));
        if !u.inferred.contains(&slot) {
            u.inferred.push(slot);
        }
    }
}

/// The sentence the byte `at` stands in ends with a question mark.
fn in_question(cleaned: &str, at: usize) -> bool {
    cleaned
        .get(at..)
        .and_then(|rest| rest.find(['.', '?', '!']))
        .is_some_and(|end| cleaned.get(at + end..).is_some_and(|mark| mark.starts_with('?')))
}

/// The question the byte `at` stands in asks nothing about the trip ("is it cold out there
/// today?").
fn in_chat_question(cleaned: &str, at: usize) -> bool {
    let start = cleaned[..at.min(cleaned.len())].rfind(['.', '?', '!']).map_or(0, |i| i + 1);
    let Some(end) = cleaned[start..].find(['.', '?', '!']).map(|i| start + i) else { return false };
    let clause = &cleaned[start..end];
    cleaned[end..].starts_with('?') && !rules::any(&crate::text::keys(clause), TRIP_WORDS)
}

/// Letters in a place mention's words ("sit" 3, "phoenix" 7).
fn cleaned_len(words: &[Word<'_>], m: &places::PlaceMention) -> usize {
    words.iter().filter(|w| w.start >= m.start && w.end <= m.end + 1).map(|w| w.key.len()).sum()
}

/// Words with which a caller takes back what they just said.
const TAKE_BACK: &[&str] = &["wait", "actually", "sorry", "correction", "scratch", "rather"];

/// The cabin the caller asks for, clause by clause: one said in a negated clause ("not the
/// full business class though") is not wanted, and one inside a question ("is there much
/// difference with premium economy?") only counts when no statement names a cabin. "More
/// legroom" is premium economy when no cabin is named.
fn cabin_said(
    cleaned: &str,
    words: &[Word<'_>],
    keys: &[String],
    expecting: Option<Slot>,
) -> Option<crate::trip::Cabin> {
    // Most utterances have one kind of clause: no question, no negation, and clause marks
    // only at the ends of words. Their clauses' words are the utterance's words, read as they
    // are (this runs on every turn).
    let plain = !cleaned.contains('?')
        && !keys.iter().any(|k| matches!(k.as_str(), "not" | "no" | "want" | "need"))
        && words.iter().all(|w| {
            let body = w.original.char_indices().next_back().map_or("", |(i, _)| &w.original[..i]);
            !body.contains(CLAUSE_MARKS)
        });
    if plain {
        let filtered: Vec<String>;
        let stated = if keys.iter().any(String::is_empty) {
            filtered = keys.iter().filter(|k| !k.is_empty()).cloned().collect();
            &filtered[..]
        } else {
            keys
        };
        return rules::cabin(stated, expecting)
            .or_else(|| rules::cabin(&[], expecting))
            .or_else(|| legroom(stated));
    }
    cabin_by_clauses(cleaned, expecting)
}

/// [`cabin_said`] the long way: clause by clause, any utterance.
fn cabin_by_clauses(cleaned: &str, expecting: Option<Slot>) -> Option<crate::trip::Cabin> {
    let mut stated: Vec<String> = Vec::new();
    let mut asked: Vec<String> = Vec::new();
    for clause in cleaned.split_inclusive(CLAUSE_MARKS) {
        // "not the full business class", "nothing fancy, not first, just economy": a cabin
        // named after "not" is the one not wanted; the rest of the clause still counts.
        let mut keys = crate::text::keys(clause);
        let mut k = 0;
        while k < keys.len() {
            // "not the full business class" reaches over a few words; "no" only the next one
            // ("no, make it business" wants business).
            let reach = match keys[k].as_str() {
                "not" => 4,
                "no" => 1,
                _ => 0,
            };
            if reach > 0 {
                let cabin_at = keys.iter().skip(k + 1).take(reach).position(|w| {
                    matches!(w.as_str(), "business" | "first" | "premium" | "economy" | "coach")
                });
                if let Some(at) = cabin_at {
                    let end = (k + 1 + at + 1).min(keys.len());
                    let end = if keys.get(end).is_some_and(|w| w == "class" || w == "economy") {
                        end + 1
                    } else {
                        end
                    };
                    keys.drain(k..end.min(keys.len()));
                    continue;
                }
            }
            k += 1;
        }
        if rules::any(&keys, &["don't want", "do not want", "no need for"]) {
            continue;
        }
        if clause.trim_end().ends_with('?') {
            asked.extend(keys);
        } else {
            stated.extend(keys);
        }
    }
    rules::cabin(&stated, expecting)
        .or_else(|| rules::cabin(&asked, expecting))
        .or_else(|| legroom(&stated))
}

/// Characters that end a clause for [`cabin_said`].
const CLAUSE_MARKS: [char; 6] = ['.', '?', '!', ';', '\u{2014}', '\u{2013}'];

/// "More legroom" with no cabin named: premium economy.
fn legroom(stated: &[String]) -> Option<crate::trip::Cabin> {
    rules::any(stated, &["legroom", "leg room", "more room", "extra room", "roomier"])
        .then_some(crate::trip::Cabin::PremiumEconomy)
}

/// Byte range of a name's words in the text (to keep place matching out of it).
fn span_of_words(words: &[Word<'_>], name: &str) -> Option<(usize, usize)> {
    let parts: Vec<String> = name.split(' ').map(crate::case::lowercase).collect();
    let n = parts.len();
    (0..words.len().saturating_sub(n - 1))
        .find(|&i| parts.iter().zip(&words[i..i + n]).all(|(p, w)| *p == w.key))
        .map(|i| (words[i].start, words[i + n - 1].end))
}

fn is_command(keys: &[String], correcting: bool) -> bool {
    rules::is_cancel(keys)
        || rules::is_start_over(keys)
        || rules::is_go_back(keys)
        || rules::is_help(keys)
        || rules::is_booking_so_far(keys)
        || rules::is_repeat(keys)
        || talk::small_talk(keys, "").is_some()
        || correcting && keys.len() <= 2
}

/// "I'm flying from atlantis" -> "atlantis".
fn strip_place_lead_in(keys: &[String]) -> String {
    const LEAD: &[&str] = &[
        "i'm",
        "i",
        "am",
        "we're",
        "we",
        "are",
        "flying",
        "fly",
        "going",
        "leaving",
        "departing",
        "from",
        "to",
        "out",
        "of",
        "into",
        "the",
        "city",
        "of",
        "heading",
        "want",
        "would",
        "like",
        "travel",
        "traveling",
        "it's",
        "its",
        "it",
        "is",
        "let's",
        "say",
        "please",
        "in",
        "go",
        "actually",
        "make",
        "that",
        "sorry",
        "meant",
        "mean",
    ];
    let rest: Vec<&str> = keys
        .iter()
        .map(String::as_str)
        .skip_while(|k| LEAD.contains(k))
        .filter(|k| !matches!(*k, "please" | "thanks"))
        .collect();
    rest.join(" ")
}

fn assign_places(
    u: &mut Understanding,
    words: &[Word<'_>],
    mentions: &[places::PlaceMention],
    date_mentions: &[dates::DateMention],
    context: &Context,
    correcting: bool,
) {
    let mut uncued: Vec<Result<Place, PlaceError>> = Vec::new();
    let mut pending_between = false;
    let mut last_role: Option<Slot> = None;
    // Where the origin and the destination were last set: a later cued place after "no",
    // "sorry", "I mean" ("to Austin from San Diego, no, backwards: from Austin to San Diego")
    // replaces the earlier one.
    let (mut origin_end, mut destination_end): (Option<usize>, Option<usize>) = (None, None);
    for (i, m) in mentions.iter().enumerate() {
        if cue_before(words, m.start, STOPOVER_CUES).is_some()
            || cue_before(words, m.start, NEGATED_CUES).is_some()
        {
            continue;
        }
        // "wanna sit in Miami", "stop at": a common word or code followed by a preposition is
        // a verb.
        if m.common_word
            && cleaned_len(words, m) <= 4
            && words.iter().find(|w| w.start >= m.end).is_some_and(|w| {
                matches!(w.key, "in" | "at" | "on" | "around" | "with" | "by" | "for")
            })
        {
            continue;
        }
        // "Heathrow, ideally. Gatwick at a push", "Newark, JFK is okay too": a second choice
        // for the place already said, not another end of the trip.
        if i > 0 && is_second_choice(words, m.end) {
            continue;
        }
        let origin_cue = cue_before(words, m.start, ORIGIN_CUES);
        let dest_cue = cue_before(words, m.start, DESTINATION_CUES);
        // "This arrives at Charles de Gaulle?": a question about where the flight lands, not a
        // new destination.
        if dest_cue.is_some_and(|cue| cue.starts_with("arriv") || cue.starts_with("land"))
            && in_question(&u.cleaned, m.end)
        {
            continue;
        }
        let is_origin = match (origin_cue, dest_cue) {
            (Some("between"), _) => {
                pending_between = true;
                Some(true)
            }
            (_, Some("and")) if pending_between => Some(false),
            (_, Some("and")) => None,
            // "fares for Pittsburgh to Philadelphia": "for" then a "to" place is the origin.
            (None, Some("for"))
                if mentions
                    .get(i + 1)
                    .is_some_and(|n| cue_before(words, n.start, &["to", "into"]).is_some()) =>
            {
                Some(true)
            }
            (Some(o), Some(d)) => Some(o.len() >= d.len()),
            (Some(_), None) => Some(true),
            (None, Some(_)) => Some(false),
            (None, None) => {
                // "Boston to Denver": a bare place followed by a cued destination is the origin.
                let next_is_destination = mentions
                    .get(i + 1)
                    .is_some_and(|n| cue_before(words, n.start, &["to", "into"]).is_some());
                if next_is_destination {
                    Some(true)
                } else {
                    None
                }
            }
        };
        // A place that is also a word ("Providence", "Mobile") counts when cued, or when it
        // opens the answer to a place question.
        let opens_answer = (matches!(context.expecting, Some(Slot::Origin | Slot::Destination))
            || context.open_change)
            && words.first().is_some_and(|w| w.start == m.start);
        if m.common_word && is_origin.is_none() && !opens_answer {
            continue;
        }
        // "Fort Lauderdale... no, wait, make it Miami": the caller's conclusion replaces the
        // place said just before it, in the same role.
        if cue_before(words, m.start, CONCLUSION_CUES).is_some() {
            match last_role {
                // Said plainly, the conclusion is no inference ("I live in Parma, just outside
                // Cleveland, so I suppose Cleveland").
                Some(Slot::Origin) => {
                    u.origin = Some(m.result.clone());
                    u.inferred.retain(|s| *s != Slot::Origin || m.vicinity);
                    continue;
                }
                Some(Slot::Destination) => {
                    u.destination = Some(m.result.clone());
                    u.inferred.retain(|s| *s != Slot::Destination || m.vicinity);
                    continue;
                }
                _ if !uncued.is_empty() && is_origin.is_none() => {
                    if let Some(last) = uncued.last_mut() {
                        *last = m.result.clone();
                    }
                    continue;
                }
                _ => {}
            }
        }
        let (slot, name, set_end) = match is_origin {
            Some(true) => (&mut u.origin, Slot::Origin, &mut origin_end),
            Some(false) => (&mut u.destination, Slot::Destination, &mut destination_end),
            None => {
                uncued.push(m.result.clone());
                last_role = None;
                continue;
            }
        };
        last_role = Some(name);
        let taken_back = set_end.is_some_and(|end| {
            words
                .iter()
                .filter(|w| w.start >= end && w.end <= m.start)
                .any(|w| listed(SELF_CORRECTION_WORDS, w.key))
        });
        if taken_back {
            *slot = None;
            u.inferred.retain(|s| *s != name);
        }
        *set_end = Some(m.end);
        if slot.is_none() {
            *slot = Some(m.result.clone());
            // "near Cleveland": the airport is Alex's inference, confirmed before use.
            let whole_area = cleaned_ends_with_area(words, m.end);
            if m.vicinity && m.result.is_ok() && !whole_area {
                u.inferred.push(name);
            }
        }
    }
    // Cue followed by an unknown word: "from atlantis" names a place we don't know.
    for (i, w) in words.iter().enumerate() {
        let is_origin_cue = matches!(w.key, "from");
        let is_dest_cue = matches!(w.key, "to" | "into");
        if !(is_origin_cue || is_dest_cue) {
            continue;
        }
        // "calling from Pierce Capital": where the caller is, maybe a company, not a trip.
        let calling = i > 0 && matches!(words[i - 1].key, "calling" | "call" | "phoning");
        if calling {
            continue;
        }
        let slot_taken = if is_origin_cue { u.origin.is_some() } else { u.destination.is_some() };
        let Some(next) = words.get(i + 1) else { continue };
        let inside = |start: usize, end: usize| start <= next.start && next.start < end;
        if slot_taken
            || mentions.iter().any(|m| inside(m.start, m.end))
            || date_mentions.iter().any(|m| inside(m.start, m.end))
        {
            continue;
        }
        let phrase: Vec<&str> = words[i + 1..]
            .iter()
            .map(|w| w.key)
            .take_while(|k| {
                !UNKNOWN_PLACE_STOPS.contains(k)
                    && k.chars().all(char::is_alphabetic)
                    && dates::numbers::cardinal(k).is_none()
            })
            .take(3)
            .collect();
        if phrase.is_empty() || phrase.iter().all(|p| p.len() < 3) {
            continue;
        }
        let text = phrase.join(" ");
        if dates::parse_date(&text, context.today, None)
            .is_err_and(|e| e.kind == dates::DateErrorKind::NotADate)
        {
            let result = places::resolve(&text);
            if is_origin_cue {
                u.origin = Some(result);
            } else {
                u.destination = Some(result);
            }
        }
    }
    // "a student in Houston, I go from Houston": a place said again is the same place.
    let said_already = |r: &Result<Place, PlaceError>| match r {
        Ok(p) => {
            [&u.origin, &u.destination].iter().any(|s| matches!(s, Some(Ok(q)) if q.code == p.code))
        }
        Err(_) => false,
    };
    // Said plainly again, an end Alex inferred is the caller's own ("I live in Parma, just
    // outside Cleveland, so I suppose Cleveland").
    for (slot, end) in [(Slot::Origin, &u.origin), (Slot::Destination, &u.destination)] {
        let Some(Ok(place)) = end else { continue };
        if uncued.iter().any(|r| matches!(r, Ok(p) if p.code == place.code)) {
            u.inferred.retain(|s| *s != slot);
        }
    }
    uncued.retain(|r| !said_already(r));
    // "New York, any airport, JFK LaGuardia Newark": airports of one city listed are that city.
    let metro_of = |p: &Place| -> Option<Place> {
        if p.kind == places::PlaceKind::Metro {
            return Some(p.clone());
        }
        let town = &places::airport(&p.code)?.city;
        let city = places::resolve(town).ok().filter(|m| m.kind == places::PlaceKind::Metro)?;
        city.airports.contains(&p.code).then_some(city)
    };
    if uncued.len() >= 3 {
        let metro = uncued.iter().find_map(|r| r.as_ref().ok().and_then(metro_of));
        if let Some(metro) = metro {
            let belongs = |r: &Result<Place, PlaceError>| {
                r.as_ref().is_ok_and(|p| p.code == metro.code || metro.airports.contains(&p.code))
            };
            if uncued.iter().all(belongs) {
                uncued = vec![Ok(metro)];
            }
        }
    }
    // "Toronto, YYZ": the same place said twice, the second time as an airport; keep that.
    uncued.dedup_by(|later, earlier| match (&*later, &*earlier) {
        (Ok(l), Ok(e)) if e.airports.contains(&l.code) || l.code == e.code => {
            *earlier = Ok(l.clone());
            true
        }
        _ => false,
    });
    // Outside a place question, a bare place only counts as a correction ("make that Denver"):
    // a stray word that happens to be a town must not move the trip.
    let place_question = matches!(context.expecting, Some(Slot::Origin | Slot::Destination) | None);
    for result in uncued {
        if !place_question && !correcting {
            continue;
        }
        let target = match context.expecting {
            Some(Slot::Origin) if u.origin.is_none() => &mut u.origin,
            Some(Slot::Destination) if u.destination.is_none() => &mut u.destination,
            None if u.destination.is_none() && u.origin.is_some() => &mut u.destination,
            None if u.origin.is_none() && u.destination.is_some() => &mut u.origin,
            _ if u.place.is_none() => &mut u.place,
            _ => continue,
        };
        *target = Some(result);
    }
}

/// Words between two places that take the first one back ("no", "sorry", "I mean").
const SELF_CORRECTION_WORDS: &[&str] =
    &["no", "sorry", "mean", "actually", "backwards", "wait", "correction", "rather", "oops"];

/// Words just after a place that make it a fallback ("Gatwick at a push", "JFK is okay too").
const SECOND_CHOICE_AFTER: &[&str] = &[
    "too",
    "at a push",
    "at a pinch",
    "in a pinch",
    "if need be",
    "if necessary",
    "if i have to",
    "as a backup",
    "either works",
    "either way",
    "works too",
    "would work",
    "is fine too",
    "is okay too",
    "is ok too",
    "would be fine",
    "would be okay",
    "is also fine",
    "is also okay",
];

/// The place ending at byte `end` is offered as a second choice (see [`SECOND_CHOICE_AFTER`]).
fn is_second_choice(words: &[Word<'_>], end: usize) -> bool {
    let after: Vec<&str> =
        words.iter().skip_while(|w| w.end <= end).take(5).map(|w| w.key).collect();
    (0..after.len().min(3)).any(|skip| {
        let rest = after[skip..].iter().copied();
        SECOND_CHOICE_AFTER.iter().any(|cue| rules::phrase_at(rest.clone(), cue))
            && after[..skip].iter().all(|k| {
                matches!(*k, "is" | "are" | "would" | "be" | "okay" | "ok" | "fine" | "also" | "so")
            })
    })
}

/// "the Boston area": the city itself, said broadly (no inference, unlike "near Boston").
fn cleaned_ends_with_area(words: &[Word<'_>], end: usize) -> bool {
    words.iter().any(|w| w.start < end && end <= w.end && w.key == "area")
}

/// Words that end an unknown place phrase after "from"/"to".
const UNKNOWN_PLACE_STOPS: &[&str] = &[
    "our",
    "my",
    "your",
    "his",
    "their",
    "a",
    "an",
    "this",
    "that",
    "some",
    "pick",
    "meet",
    "drive",
    "move",
    "carry",
    "sit",
    "sleep",
    "eat",
    "bring",
    "any",
    "airport",
    "wherever",
    "somewhere",
    "anywhere",
    "whatever",
    "where",
    "someplace",
    "anyplace",
    "home",
    "work",
    "visit",
    "the",
    "a",
    "an",
    "on",
    "in",
    "at",
    "and",
    "to",
    "from",
    "for",
    "next",
    "this",
    "tomorrow",
    "today",
    "tonight",
    "please",
    "with",
    "round",
    "one",
    "trip",
    "way",
    "business",
    "economy",
    "first",
    "class",
    "leaving",
    "returning",
    "back",
    "me",
    "my",
    "be",
    "go",
    "fly",
    "book",
    "travel",
    "get",
    "see",
    "visit",
    "change",
    "it",
    "that",
    "there",
    "some",
    "catch",
    "come",
    "make",
    "have",
    "do",
    "know",
    "take",
    "stay",
    "find",
    "buy",
    "pay",
    "check",
    "leave",
    "return",
    "depart",
    "arrive",
    "start",
    "cancel",
    "confirm",
    "say",
    "ask",
    "use",
    "speak",
    "talk",
    "hear",
    "help",
    "try",
    "want",
    "need",
    "like",
    "would",
    "could",
    "should",
    "will",
    "can",
    "im",
    "i'm",
    "i",
    "we",
    "you",
    "us",
    "them",
    "him",
    "her",
    "who",
    "what",
    "when",
    "where",
    "how",
    "why",
    "which",
    "just",
    "only",
    "also",
    "too",
    "very",
    "so",
    "then",
    "now",
    "later",
    "earlier",
    "sooner",
    "after",
    "before",
    "around",
    "about",
    "until",
    "by",
    "via",
    "passengers",
    "people",
    "adults",
    "of",
    "us",
    "premium",
    "cheapest",
    "flight",
    "flights",
    "ticket",
];

fn assign_dates(
    u: &mut Understanding,
    words: &[Word<'_>],
    mentions: Vec<dates::DateMention>,
    context: &Context,
    correcting: bool,
    target: Option<Slot>,
    round_trip_said: bool,
) {
    let mentions = weekdays_in_weekend(restatements_merged(words, mentions, context), context);
    // A part of the day said with the (first) date is when the caller wants to fly out.
    u.departure_part = mentions.iter().find_map(|m| m.part_of_day).map(|p| match p {
        dates::PartOfDay::EarlyMorning | dates::PartOfDay::Morning => crate::trip::DayPart::Morning,
        dates::PartOfDay::Afternoon => crate::trip::DayPart::Afternoon,
        dates::PartOfDay::Evening | dates::PartOfDay::Night => crate::trip::DayPart::Evening,
    });
    // Said in this breath ("next week, Wednesday") or before ("next week", then "Wednesday").
    let period = u.period.clone().or_else(|| context.period.clone());
    let period = period.as_ref();
    let mut departure: Option<DateExpr> = None;
    let mut ret: Option<DateExpr> = None;
    let mut uncued: Option<DateExpr> = None;
    // Which of the three came from a doubtful or approximate phrase: confirmed, not taken.
    let (mut departure_doubt, mut ret_doubt, mut uncued_doubt) = (false, false, false);
    // The date said last in these words, and where it ended: "so the 13th", "the Thursday
    // before" read from it. The date of an event ("the wedding's April 24th") is only that.
    let mut said_last: Option<(crate::dates::Date, usize)> = None;
    let mut counted_later: Option<DateExpr> = None;
    for m in mentions {
        let relative = m.expr.is_relative_to_departure();
        // "so the 13th", "so I'd go the Thursday before": the caller's conclusion from the
        // date just said.
        let follows = said_last.filter(|(_, end)| {
            cue_before(words, m.start, CONCLUSION_CUES).is_some()
                || words
                    .iter()
                    .filter(|w| w.start >= *end && w.end <= m.start)
                    .any(|w| matches!(w.key, "so" | "then" | "means"))
        });
        let m = if m.doubt == Some(dates::Doubt::Event) && !(relative && follows.is_some()) {
            // The date of an event is only something to count from; "the day after the
            // wedding" counts from a day Alex does not know, unless its date comes after.
            if relative {
                counted_later = Some(m.expr.clone());
                continue;
            }
            let event = m.expr.resolve(context.today, None).ok();
            said_last = event.map(|d| (d, m.end));
            // "the day after the wedding, the wedding is June 12th": counted from it now.
            match (counted_later.take(), event) {
                (Some(phrase), Some(event)) => {
                    let expr = phrase.counted_from(event, context.today);
                    dates::DateMention { expr, doubt: None, ..m }
                }
                _ => continue,
            }
        } else {
            // "the day before my mom's birthday, which is March 3rd".
            let joined = words
                .iter()
                .filter(|w| w.start >= said_last.map_or(0, |(_, e)| e) && w.end <= m.start)
                .any(|w| matches!(w.key, "which" | "that's" | "thats" | "is"));
            match counted_later.take() {
                Some(phrase) if !relative && joined => match m.expr.resolve(context.today, None) {
                    Ok(event) => {
                        let expr = phrase.counted_from(event, context.today);
                        said_last = Some((event, m.end));
                        dates::DateMention { expr, ..m }
                    }
                    Err(_) => m,
                },
                _ => m,
            }
        };
        let m = dates::DateMention { doubt: m.doubt.filter(|d| *d != dates::Doubt::Event), ..m };
        // "The 21st, so one week later": the phrase explains the date just said (counted from
        // the departure it is that date) and adds nothing.
        let explains = relative
            && follows.is_some_and(|(said, _)| {
                context.departure_date.is_some()
                    && m.expr.resolve(context.today, context.departure_date).ok() == Some(said)
            });
        if explains {
            continue;
        }
        // "come back that Sunday": the Sunday of a date said before, in these words or as the
        // departure; with neither it names no day.
        let that_weekday = m.expr.is_bare_weekday()
            && words
                .iter()
                .take_while(|w| w.end <= m.start)
                .filter(|w| !matches!(w.key, "same" | "very"))
                .last()
                .is_some_and(|w| w.key == "that");
        let follows = if that_weekday {
            said_last.or(context.departure_date.map(|d| (d, 0)))
        } else {
            follows
        };
        if that_weekday && follows.is_none() {
            continue;
        }
        let m = match follows {
            Some((base, _)) => {
                let expr = m.expr.clone().read_after(base, context.today);
                dates::DateMention { expr, ..m }
            }
            // "the Thursday before" with no date to count back from says no day.
            None if relative && m.expr.counts_back() => continue,
            None => m,
        };
        if let Ok(d) = m.expr.resolve(context.today, None) {
            said_last = Some((d, m.end));
        }
        // "for Christmas", "over Thanksgiving": around the holiday, maybe not on it.
        // "for Christmas", "to Mardi Gras", "Memorial Day weekend": around the holiday, maybe
        // not on it.
        let around_holiday = m.expr.is_holiday()
            && (cue_before(words, m.start, &["for", "over", "around", "during", "to", "at"])
                .is_some()
                || words.iter().find(|w| w.start >= m.end).is_some_and(|w| w.key == "weekend"));
        // "the Thursday before the Fourth": the 4th of next month, or the Fourth of July.
        let said: Vec<&str> = words
            .iter()
            .filter(|w| w.start >= m.start && w.end <= m.end + 1)
            .map(|w| w.key)
            .collect();
        let fourth = !m.expr.is_holiday()
            && said.ends_with(&["the", "fourth"])
            && !said.iter().any(|w| dates::is_month_name(w));
        let doubt = m.doubt.is_some()
            || m.expr.is_approximate()
            || around_holiday
            || m.expr.is_ambiguous()
            || fourth;
        // A bare "to" ends a range ("the 18th to the 3rd"): with no date before it ("change
        // the date to the 15th") it says nothing about which end.
        let cue = cue_before(words, m.start, RETURN_CUES);
        let range_to = cue == Some("to") && departure.is_none() && uncued.is_none();
        let return_cue = (cue.is_some() && !range_to)
            || m.expr.is_relative_to_departure()
            || (m.range_end && (departure.is_some() || uncued.is_some()));
        let departure_cue = !return_cue && cue_before(words, m.start, DEPARTURE_CUES).is_some();
        // "Wednesday the sixteenth, so the seventeenth", "the 14th, actually make it the
        // 15th": the caller's conclusion replaces the date before it.
        let concluding = cue_before(words, m.start, CONCLUSION_CUES).is_some();
        let before = departure.as_ref().or(uncued.as_ref());
        // "so the day before": counted from the date just said, not from the departure.
        let counted = match before.and_then(|b| b.resolve(context.today, None).ok()) {
            Some(base) if concluding && m.expr.is_relative_to_departure() => {
                Some(m.expr.clone().counted_from(base, context.today))
            }
            _ => None,
        };
        let concludes = counted.is_some() || (!return_cue && concluding);
        if concludes && before.is_some() {
            let expr = counted.unwrap_or(m.expr);
            if departure.is_some() {
                departure = Some(expr);
                departure_doubt = doubt;
            } else {
                uncued = Some(expr);
                uncued_doubt = doubt;
            }
            continue;
        }
        if return_cue {
            if ret.is_none() {
                ret = Some(m.expr);
                ret_doubt = doubt;
            }
        } else if departure_cue && departure.is_none() {
            departure = Some(m.expr);
            departure_doubt = doubt;
        } else if departure.is_none() && uncued.is_none() {
            uncued = Some(m.expr);
            uncued_doubt = doubt;
        } else if round_trip_said || context.expecting == Some(Slot::ReturnDate) {
            // A second date with no cue is the return only on a round trip; otherwise it is an
            // alternative ("Wednesday or Thursday") and the first one stands.
            if departure.is_none() {
                departure = uncued.take();
                departure_doubt = uncued_doubt;
            }
            if ret.is_none() {
                ret = Some(m.expr);
                ret_doubt = doubt;
            }
        }
    }
    if departure_doubt {
        u.inferred.push(Slot::DepartureDate);
    }
    if ret_doubt {
        u.inferred.push(Slot::ReturnDate);
    }
    if uncued_doubt {
        // Where an uncued date goes is decided below or by the dialogue: either end is held.
        u.inferred.extend([Slot::DepartureDate, Slot::ReturnDate]);
    }
    // One date with no cue fills the date Alex asked for; otherwise the departure when a return
    // was also given; otherwise the dialogue decides.
    if let Some(expr) = uncued {
        match (target, context.expecting) {
            (Some(Slot::ReturnDate), _) if ret.is_none() => ret = Some(expr),
            (Some(Slot::DepartureDate), _) if departure.is_none() => departure = Some(expr),
            // "no wait, December 12th" at the return question corrects the date just given.
            (_, Some(Slot::ReturnDate)) if correcting && ret.is_none() => u.date = Some(expr),
            (_, Some(Slot::ReturnDate)) if ret.is_none() => ret = Some(expr),
            (_, None) if context.open_change && ret.is_none() => u.date = Some(expr),
            (_, Some(Slot::DepartureDate) | None) => departure = Some(expr),
            _ if ret.is_some() => departure = Some(expr),
            _ => u.date = Some(expr),
        }
    }
    if let Some(expr) = departure {
        u.departure_date = Some(within(&expr, period, context.today, None));
    }
    if let Some(expr) = ret {
        let anchor = match &u.departure_date {
            Some(Ok(d)) => Some(*d),
            _ => context.departure_date,
        };
        u.return_date = Some(within(&expr, period, context.today, anchor));
    }
}

/// A date read inside the period the caller named, if any.
fn within(
    expr: &DateExpr,
    period: Option<&dates::DatePeriod>,
    today: crate::dates::Date,
    after: Option<crate::dates::Date>,
) -> Result<crate::dates::Date, dates::DateError> {
    match period {
        Some(p) => expr.resolve_within(p, today, after),
        None => expr.resolve(today, after),
    }
}

/// "the weekend after next, fly out Friday, come back Sunday": the weekend names when, the
/// weekdays which days. When a weekend comes with weekdays, they are read inside it and the
/// weekend itself is no date of its own.
fn weekdays_in_weekend(
    mut mentions: Vec<dates::DateMention>,
    context: &Context,
) -> Vec<dates::DateMention> {
    let Some(at) = mentions.iter().position(|m| m.expr.is_weekend()) else { return mentions };
    let Ok(saturday) = mentions[at].expr.resolve(context.today, None) else { return mentions };
    let mut moved = false;
    for m in mentions.iter_mut() {
        let near = m.expr.clone().near(saturday);
        moved |= near != m.expr;
        m.expr = near;
    }
    if moved {
        mentions.remove(at);
    }
    mentions
}

/// One date said again in other words ("Saturday the 2nd of January, the day after New
/// Year's", "the Saturday after, the 26th"): mentions with only punctuation or "the" between
/// them are one date. It keeps the first one's place (its cue) and the most explicit wording
/// (a phrase that does not count from the departure). A date said to be wrong ("not the 5th")
/// is dropped.
fn restatements_merged(
    words: &[Word<'_>],
    mentions: Vec<dates::DateMention>,
    context: &Context,
) -> Vec<dates::DateMention> {
    let today = context.today;
    let mut out: Vec<dates::DateMention> = Vec::new();
    for m in mentions {
        if m.doubt == Some(dates::Doubt::Negated) {
            continue;
        }
        let joined = out.last().is_some_and(|prev| {
            let between = words.iter().filter(|w| w.start >= prev.end && w.end <= m.start);
            // "the 10th, it's a Sunday", "Saturday the 2nd, the day after New Year's".
            between.clone().all(|w| {
                matches!(
                    w.key,
                    "the" | "on" | "that's" | "it's" | "its" | "it" | "is" | "a" | "which"
                )
            }) && between.count() <= 3
        });
        // "Labor Day itself, the Monday": a bare weekday or day that falls on the date just
        // said is that date again.
        let same_day = out.last().filter(|prev| !prev.expr.is_weekend()).is_some_and(|prev| {
            // "Two weeks after. Also Thursday the 25th": counted from the departure.
            let Ok(said) = prev.expr.resolve(today, context.departure_date) else { return false };
            let near =
                words.iter().filter(|w| w.start >= prev.end && w.end <= m.start).count() <= 3;
            near && (m.expr.is_bare_weekday() || m.expr.is_bare_day())
                && m.expr.clone().read_after(said, today).resolve(today, None).ok() == Some(said)
        });
        let joined = joined || same_day;
        match out.last_mut() {
            Some(prev) if joined => {
                if prev.expr.is_relative_to_departure() && !m.expr.is_relative_to_departure() {
                    prev.expr = m.expr;
                    prev.doubt = m.doubt;
                }
                prev.end = m.end;
            }
            _ => out.push(m),
        }
    }
    out
}

/// `correcting`: [`rules::is_correction`] of these keys, already known.
fn decide_intent(u: &mut Understanding, keys: &[String], context: &Context, correcting: bool) {
    // "what's your refund policy if one of us gets sick?": counts and cabins inside a question
    // about something else are not answers.
    // The topic of these words, asked for below too (the words do not change).
    let asking = talk::is_question(keys, &u.cleaned);
    let said_topic = talk::topic_of(keys, &u.cleaned, asking);
    let aside = said_topic.is_some_and(|t| {
        matches!(
            t,
            talk::Topic::Baggage | talk::Topic::Pets | talk::Topic::Seats | talk::Topic::Changes
        )
    });
    if aside {
        // "can we all sit together?", "what if one of us gets sick?": nothing in a question
        // about seats, bags, pets or refunds is an answer.
        // ...though "can we sit together?" still says others are travelling.
        let cleaned = std::mem::take(&mut u.cleaned);
        *u = Understanding {
            cleaned,
            others_mentioned: u.others_mentioned,
            ..Understanding::default()
        };
    }
    let entities = u.has_entities();
    let explicit = |u: &mut Understanding, intent: Intent| {
        u.intent = Some(intent);
        u.confidence = 0.95;
    };
    if !entities && rules::is_cancel(keys) {
        return explicit(u, Intent::Cancel);
    }
    if rules::is_start_over(keys) {
        return explicit(u, Intent::StartOver);
    }
    if !entities && rules::is_go_back(keys) {
        return explicit(u, Intent::GoBack);
    }
    if !entities && rules::is_booking_so_far(keys) {
        u.question = Some(Question::BookingSoFar);
        return explicit(u, Intent::Question);
    }

    // A topic first: "can someone help me with a wheelchair?" is about assistance, not Alex.
    let topic = said_topic.filter(|t| *t != talk::Topic::Other);
    if let (false, Some(topic)) = (entities, topic) {
        u.question = Some(Question::About { topic });
        return explicit(u, Intent::Question);
    }
    if !entities && rules::is_help(keys) {
        u.question = Some(Question::Help);
        return explicit(u, Intent::Question);
    }
    if !entities {
        if let Some(topic) = said_topic {
            u.question = Some(Question::About { topic });
            return explicit(u, Intent::Question);
        }
    }
    let moving_on = rules::is_more_options(keys) || rules::is_repeat(keys);
    if asking && context.expecting == Some(Slot::Flight) && !entities && !moving_on {
        if let Some(choice) = u.option.take() {
            u.question = Some(Question::AboutOption { choice });
            return explicit(u, Intent::Question);
        }
    }
    if rules::is_flexible(keys) {
        return explicit(u, Intent::FlexibleDates);
    }
    if u.option.is_some() && !(u.cabin.is_some() || u.origin.is_some() || u.destination.is_some()) {
        return explicit(u, Intent::SelectOption);
    }
    if entities {
        u.intent = Some(if correcting { Intent::Correction } else { Intent::ProvideInfo });
        // Entities answer the question when they include the slot Alex asked for (an
        // option pick is judged elsewhere, so it counts as answered here).
        let expected_filled = match context.expecting {
            Some(Slot::Flight) | None => true,
            Some(slot) => u.heard(slot),
        };
        u.confidence = if expected_filled { 0.9 } else { 0.7 };
        return;
    }
    // "ok thanks, bye" is a goodbye and "hold on" no answer, but "no thanks" is a no and
    // "yes thank you" a yes: the weaker kinds come after yes and no.
    let talk = talk::small_talk(keys, &u.cleaned);
    let strong = matches!(
        talk,
        Some(
            talk::SmallTalk::Goodbye
                | talk::SmallTalk::HoldOn
                | talk::SmallTalk::CanYouHearMe
                | talk::SmallTalk::HowAreYou
        )
    );
    if strong {
        u.small_talk = talk;
        return explicit(u, Intent::SmallTalk);
    }
    if rules::is_yes(keys) && !asking {
        return explicit(u, Intent::ConfirmYes);
    }
    if rules::is_no(keys) {
        return explicit(u, Intent::ConfirmNo);
    }
    if talk.is_some() {
        u.small_talk = talk;
        return explicit(u, Intent::SmallTalk);
    }
    // "Sorry, any others?", "wait, say that again": a request after a correction cue is the
    // request (a bare "wait, no, sorry" is a correction with nothing in it yet).
    if u.question.is_some() {
        return explicit(u, Intent::Question);
    }
    if rules::is_repeat(keys) {
        return explicit(u, Intent::Repeat);
    }
    if rules::is_more_options(keys) {
        u.intent = Some(Intent::MoreOptions);
        u.confidence = if context.expecting == Some(Slot::Flight) { 0.9 } else { 0.6 };
        return;
    }
    if correcting && keys.len() <= 3 {
        u.intent = Some(Intent::Correction);
        u.confidence = 0.6;
        return;
    }
    u.intent = Some(Intent::Other);
    u.confidence = if keys.len() > 20 { 0.1 } else { 0.3 };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The short way through [`cabin_said`] reads what the clause-by-clause way reads.
    #[test]
    fn plain_utterances_read_the_cabin_as_clauses_do() {
        for text in [
            "business class please",
            "Economy. Just me, from Denver to Boston on the 4th",
            "first class — my treat! two of us",
            "something with more legroom, premium economy, for my mom",
            "whatever's cheapest",
            "fly business; back on Sunday",
            "I'm flying coach this time, the cheap seats",
            "make it first",
            "we need seats together",
        ] {
            let cleaned = clean(text);
            let spans = word_spans(&cleaned);
            let keys: Vec<String> =
                spans.iter().map(|&(s, e)| key(cleaned.get(s..e).unwrap_or_default())).collect();
            let words = words_of(&cleaned, &spans, &keys);
            for expecting in [None, Some(Slot::Cabin), Some(Slot::Name)] {
                assert_eq!(
                    cabin_said(&cleaned, &words, &keys, expecting),
                    cabin_by_clauses(&cleaned, expecting),
                    "{text} ({expecting:?})"
                );
            }
        }
    }
}
