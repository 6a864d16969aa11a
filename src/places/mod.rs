//! Places: resolving what callers say ("O'Hare", "Philly", "Portland Oregon", "JFK",
//! "Cincinatti") to IATA airport or metropolitan codes, from a table generated from real data
//! (`generate.py`: airportsdata + OurAirports, airports with scheduled service).
//!
//! Rules, in the order they apply:
//! - A code ("JFK", "sfo", "J F K") names that airport (or metro: "NYC"). A lower-case code that
//!   is also an English word ("den", "yes") only counts for a big US airport.
//! - A city with several airports in one IATA metro names the metro ("Chicago" -> CHI, ORD+MDW);
//!   a city with one airport names that airport (with two outside a metro, the bigger one); an
//!   airport's own name names it ("Midway"); nicknames ("Philly", "the Big Apple") too.
//! - When a name fits several places they are ranked by size (a proxy from the data, US +10,
//!   metro +5). The top one wins only if it leads by [`DOMINANCE`] points ("London" -> LON over
//!   London, Ontario; "Columbus" -> Columbus, Ohio; "Athens" -> Greece); otherwise the answer
//!   is [`PlaceError::Ambiguous`] ("Portland", "Springfield", "Charleston", "Birmingham",
//!   "Barcelona": the size proxy cannot tell Spain's from Venezuela's), with same-named
//!   candidates told apart by state or country ("Portland, Oregon").
//! - "City State", "City, ST", "City Country" narrow the candidates; "New York JFK" picks the
//!   airport within the city.
//! - Misspellings ("pittsburg", "cincinatti") are matched only for 5+ letters, within 1 edit
//!   (2 from 10 letters), same first letter, unique best match, real destinations only, and never
//!   for ordinary words: anything else stays [`PlaceError::Unknown`].

mod nicknames;
mod table;
mod text;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use nicknames::is_stopword;
use table::{table, Entry, Qualifier, Strength, Table, Target, REAL_DESTINATION_SIZE};
use text::Token;

/// One airport with scheduled service, from the generated table.
#[derive(Debug, Clone, PartialEq)]
pub struct Airport {
    /// IATA code, e.g. "ORD".
    pub code: String,
    /// Full name from the data, e.g. "Chicago O'Hare International Airport".
    pub name: String,
    /// How Alex says it: "Chicago O'Hare".
    pub spoken_name: String,
    /// Town as the data names it; "a|b" when the two sources differ ("Southend|London").
    pub city: String,
    /// State / province / region code, e.g. "IL".
    pub region: String,
    /// ISO country code, e.g. "US".
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    /// IANA time zone, e.g. "America/Chicago".
    pub tz: String,
    /// Larger is busier (used for ranking candidates and offers).
    pub size: u8,
    /// IATA metropolitan code when the airport belongs to one (ORD -> "CHI").
    pub metro: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    Airport,
    Metro,
}

/// A resolved place: one airport, or a metro area (several airports) when the caller named a
/// city like Chicago or New York.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Place {
    /// IATA airport code ("ORD") or metro code ("CHI").
    pub code: String,
    pub kind: PlaceKind,
    /// Spoken name: "Chicago O'Hare" for an airport, "Chicago" for a metro.
    pub name: String,
    /// Airport codes in this place (one for an airport, all for a metro), busiest first.
    pub airports: Vec<String>,
}

/// Why a place could not be resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum PlaceError {
    /// Nothing in the table matches (never a forced fuzzy guess).
    Unknown { text: String },
    /// Several real places match ("Springfield"); likely ones first.
    Ambiguous { text: String, candidates: Vec<Place> },
}

/// A place phrase found inside a longer utterance; `start..end` are byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    pub start: usize,
    pub end: usize,
    pub result: Result<Place, PlaceError>,
    /// The phrase is also an ordinary English word or a bare code ("nice", "split", "bos"):
    /// only trust it after a cue like "from" / "to".
    pub common_word: bool,
    /// Said as the caller's surroundings: "near Cleveland", "just outside Cleveland", "the
    /// Boston area", "Parma, just outside Cleveland" (one mention: Cleveland). The place is
    /// the one to fly from or to; the caller's own town may be too small for an airport.
    pub vicinity: bool,
}

/// Points by which the biggest candidate must lead the next for a name to resolve without
/// asking: one size class (a large airport's base is 25 above a medium one's). See the module
/// docs.
pub const DOMINANCE: i32 = 25;

/// At most this many candidates in an `Ambiguous` answer (Alex reads them out).
const MAX_CANDIDATES: usize = 5;
/// A place phrase is short; longer text is not one place (bounds work on junk input).
const MAX_PHRASE_WORDS: usize = 8;
const MAX_PHRASE_BYTES: usize = 200;
/// `find_places` looks at this many words at most (utterances are short; 100 KB is junk).
const MAX_SCAN_WORDS: usize = 400;
/// Longest phrase `find_places` tries ("dallas fort worth international airport").
const MAX_MENTION_WORDS: usize = 6;
/// Leading words to skip when the whole text should name a place ("to the big apple", "near
/// Cleveland", "any airport in the Boston area").
const LEADING_FILLERS: &[&str] = &[
    "to",
    "from",
    "in",
    "at",
    "the",
    "fly",
    "flying",
    "going",
    "near",
    "nearby",
    "outside",
    "of",
    "just",
    "close",
    "around",
    "any",
    "airport",
    "airports",
    "somewhere",
    "anywhere",
];
/// Words after a place that keep it ("the Boston area", "greater Denver area").
const TRAILING_AREA: &[&str] = &["area", "region"];
/// Words before a place that say the caller is near it, not in it: they mean its airports.
const NEAR_CUES: &[&[&str]] =
    &[&["near"], &["nearby"], &["outside"], &["outside", "of"], &["close", "to"], &["around"]];

/// Build the place tables now instead of on the first lookup. Parsing and indexing 3,713
/// airports takes ~70 ms in a browser (~10 ms natively): an app calls this while the caller
/// listens to the greeting, so the first answer does not wait for it.
pub fn warm_up() {
    let _ = table::table();
}

/// The state, province or country `text` names, as it is written ("Hawaii", "Ireland"), when
/// it is one written out (not a postal abbreviation): Alex asks which city there.
pub fn area_named(text: &str) -> Option<String> {
    if text.len() > MAX_PHRASE_BYTES {
        return None;
    }
    let t = table();
    let said = text::tokens(text).iter().map(|w| w.word.clone()).collect::<Vec<_>>().join(" ");
    if said.len() <= 3 {
        return None;
    }
    t.qualifiers.get(&said)?.iter().find_map(|q| match q {
        table::Qualifier::Country(c) => t.area_names.get(c).cloned(),
        table::Qualifier::Region { country, region } => {
            t.area_names.get(&format!("{country}-{region}")).cloned()
        }
    })
}

/// Resolve text that should name one place.
pub fn resolve(text: &str) -> Result<Place, PlaceError> {
    let unknown = || PlaceError::Unknown { text: text.to_string() };
    let t = table();
    if text.len() > MAX_PHRASE_BYTES {
        return Err(unknown());
    }
    let mut toks = words(t, text);
    // "Hawaii" names a state, not a misspelt Hatay: only a place of that very name counts.
    if area_named(text).is_some() && exact(t, &toks, Mode::Resolve).is_none() {
        return Err(unknown());
    }
    let lead =
        toks.iter().take_while(|w| !w.upper && LEADING_FILLERS.contains(&w.word.as_str())).count();
    // Towns that start with such a word ("The Valley", "In Salah", "Flying Fish Cove") keep it.
    let named_whole =
        lead > 0 && toks.len() <= MAX_PHRASE_WORDS && exact(t, &toks, Mode::Resolve).is_some();
    if !named_whole {
        toks.drain(..lead);
    }
    if toks.is_empty() || toks.len() > MAX_PHRASE_WORDS {
        return Err(unknown());
    }
    // "the Boston area": without "area" first, unless the whole is a name ("the Bay Area").
    let area =
        toks.len() > 1 && toks.last().is_some_and(|w| TRAILING_AREA.contains(&w.word.as_str()));
    let mut found = None;
    if area && exact(t, &toks, Mode::Resolve).is_none() {
        found = toks.get(..toks.len() - 1).and_then(|place| lookup(t, place, Mode::Resolve));
    }
    if found.is_none() {
        found = lookup(t, &toks, Mode::Resolve);
    }
    // "the city of Boston".
    if found.is_none() && toks.len() > 2 && toks[0].word == "city" && toks[1].word == "of" {
        found = lookup(t, &toks[2..], Mode::Resolve);
    }
    // "uh, Denver please": without the words around it (tried last: "Portland, OR" ends in one).
    if found.is_none() {
        let spare = |w: &Token| !w.upper && w.stop;
        let start = toks.iter().position(|w| !spare(w)).unwrap_or(toks.len());
        let end = toks.iter().rposition(|w| !spare(w)).map_or(start, |e| e + 1);
        if (start, end) != (0, toks.len()) {
            found = toks.get(start..end).and_then(|core| lookup(t, core, Mode::Resolve));
        }
    }
    match found {
        Some(Ok(target)) => Ok(place(t, target)),
        Some(Err(candidates)) => Err(PlaceError::Ambiguous {
            text: text.to_string(),
            candidates: told_apart(t, &candidates),
        }),
        None => Err(unknown()),
    }
}

/// Words that look like a place but are not one where they stand: letters spelled out ("S-I-O-B
/// -H-A-N" holds HAN) and a common word or bare code said as someone's ("my buddy Sal's").
fn not_a_place_here(said: &str, common: bool) -> bool {
    let spelled = said.contains('-')
        && said
            .split(|c: char| c == '-' || c == ',' || c.is_whitespace())
            .all(|part| part.chars().filter(|c| c.is_alphabetic()).count() <= 1);
    let possessive = common && (said.ends_with("'s") || said.ends_with("\u{2019}s"));
    spelled || possessive
}

/// Every place phrase in an utterance, left to right, longest match, non-overlapping.
pub fn find_places(text: &str) -> Vec<PlaceMention> {
    let t = table();
    let mut toks = text::tokens_upto(text, MAX_SCAN_WORDS);
    mark(t, &mut toks);
    let mut out = Vec::new();
    let mut prefixes = Prefixes::new();
    let mut i = 0;
    while i < toks.len() {
        let longest = (toks.len() - i).min(t.max_key_words + 1).min(MAX_MENTION_WORDS);
        prefixes.restart();
        let found = (1..=longest).rev().find_map(|n| {
            let window = toks.get(i..i + n)?;
            if n == 1 && window[0].stop {
                return None;
            }
            // Three words or more match only from the start of a known name (or "J F K").
            let first = &window[0].word;
            if n > 2 && first.len() > 1 && !t.first_words.contains(first.as_str()) {
                return None;
            }
            lookup_with(t, window, Mode::Scan, &mut prefixes).map(|r| (n, r))
        });
        let Some((n, result)) = found else {
            i += 1;
            continue;
        };
        let (first, mut last) = (&toks[i], &toks[i + n - 1]);
        let mut result = match result {
            Ok(target) => Ok(place(t, target)),
            Err(c) => Err(PlaceError::Ambiguous {
                text: text.get(first.start..last.end).unwrap_or_default().to_string(),
                candidates: told_apart(t, &c),
            }),
        };
        let mut end = i + n;
        // "Parma, Ohio" where no Parma in Ohio has an airport: not Parma, Italy.
        let qualifier = qualifier_at(t, &toks, end).filter(|(quals, _)| {
            fits_qualifiers(t, &result, quals) || foreign_namesake(t, &result)
        });
        if let Some((quals, used)) = qualifier {
            if !fits_qualifiers(t, &result, quals) {
                let said = text.get(first.start..toks[end + used - 1].end).unwrap_or_default();
                result = Err(PlaceError::Unknown { text: said.to_string() });
            } else if let Err(PlaceError::Ambiguous { candidates, .. }) = &result {
                // "Albany, New York": the state settles which Albany.
                let fitting: Vec<&Place> = candidates
                    .iter()
                    .filter(|c| fits_qualifiers(t, &Ok((*c).clone()), quals))
                    .collect();
                if let [one] = fitting.as_slice() {
                    result = Ok((*one).clone());
                }
            }
            // The state or country is part of the place said, never a place of its own.
            end += used;
            last = &toks[end - 1];
        }
        let mut vicinity = near_cue_before(&toks, i);
        // "the Boston area".
        if toks.get(end).is_some_and(|w| TRAILING_AREA.contains(&w.word.as_str())) {
            vicinity = true;
            last = &toks[end];
            end += 1;
        }
        let said = text.get(first.start..last.end).unwrap_or_default();
        if not_a_place_here(said, n == 1 && first.common) {
            i = end;
            continue;
        }
        let mention = PlaceMention {
            start: first.start,
            end: last.end,
            common_word: n == 1 && first.common,
            result,
            vicinity,
        };
        // "Parma, just outside Cleveland": the town beside the place is that place.
        let beside = out.last().is_some_and(|before: &PlaceMention| {
            vicinity
                && near_cue_span(&toks, i).is_some_and(|cue| {
                    cue > 0 && toks.get(cue - 1).is_some_and(|w| w.end == before.end)
                })
        });
        if beside {
            let start = out.pop().map_or(mention.start, |before| before.start);
            out.push(PlaceMention { start, ..mention });
        } else {
            out.push(mention);
        }
        i = end;
    }
    out
}

/// The start of a near cue ("just outside", "close to") that ends right before token `i`.
fn near_cue_span(toks: &[Token], i: usize) -> Option<usize> {
    NEAR_CUES.iter().find_map(|cue| {
        let start = i.checked_sub(cue.len())?;
        let said = toks.get(start..i)?;
        let matches = said.iter().zip(cue.iter()).all(|(w, c)| !w.upper && w.word == *c);
        matches.then(|| match start.checked_sub(1).and_then(|k| toks.get(k)) {
            Some(w) if w.word == "just" || w.word == "right" => start - 1,
            _ => start,
        })
    })
}

fn near_cue_before(toks: &[Token], i: usize) -> bool {
    near_cue_span(toks, i).is_some()
}

/// A state or country named right after a place ("Parma, Ohio"): its qualifiers and words.
fn qualifier_at<'t>(t: &'t Table, toks: &[Token], at: usize) -> Option<(&'t [Qualifier], usize)> {
    (1..=3).rev().find_map(|n| {
        let words = toks.get(at..at + n)?;
        // In a sentence a lone stopword ("or", "me", "in") is not a state's postal code.
        if n == 1 && words[0].stop && !words[0].upper {
            return None;
        }
        let mut buffer = [0; text::JOINED_BYTES];
        t.qualifiers.get(key_of(words, &mut buffer).as_ref()).map(|q| (q.as_slice(), n))
    })
}

/// A place found only abroad ("Parma" is in Italy): a US state after it names another town
/// ("Parma, Ohio"), not this one. A US place keeps its own reading ("Baltimore Washington").
fn foreign_namesake(t: &Table, result: &Result<Place, PlaceError>) -> bool {
    let codes: Vec<&String> = match result {
        Ok(p) => p.airports.iter().collect(),
        Err(PlaceError::Ambiguous { candidates, .. }) => {
            candidates.iter().flat_map(|c| c.airports.iter()).collect()
        }
        Err(PlaceError::Unknown { .. }) => return false,
    };
    codes
        .iter()
        .filter_map(|c| t.airport_by_code.get(c.as_str()))
        .filter_map(|&a| t.airports.get(a as usize))
        .all(|a| a.country != "US")
}

/// Whether a found place (or one of its candidates) lies in the named state or country.
fn fits_qualifiers(t: &Table, result: &Result<Place, PlaceError>, quals: &[Qualifier]) -> bool {
    let codes: Vec<&String> = match result {
        Ok(p) => p.airports.iter().collect(),
        Err(PlaceError::Ambiguous { candidates, .. }) => {
            candidates.iter().flat_map(|c| c.airports.iter()).collect()
        }
        Err(PlaceError::Unknown { .. }) => return true,
    };
    codes
        .iter()
        .filter_map(|c| t.airport_by_code.get(c.as_str()))
        .any(|&a| quals.iter().any(|q| within(t, Target::Airport(a), q)))
}

/// Build the lookup tables now (about 15 ms and 4 MB natively) rather than on the first
/// lookup, e.g. while the app starts.
pub fn preload() {
    let _ = table();
}

/// The airport with this IATA code.
pub fn airport(code: &str) -> Option<&'static Airport> {
    let t = table();
    let i = *t.airport_by_code.get(code.trim().to_ascii_uppercase().as_str())?;
    t.airports.get(i as usize)
}

/// Coordinates (lat, lon) of a place: a metro uses its busiest airport.
pub fn location(place: &Place) -> Option<(f64, f64)> {
    place.airports.first().and_then(|c| airport(c)).map(|a| (a.lat, a.lon))
}

/// The country (ISO code) every airport of a place is in, if they share one.
pub fn country_of(place: &Place) -> Option<&'static str> {
    let mut countries =
        place.airports.iter().filter_map(|c| airport(c)).map(|a| a.country.as_str());
    let first = countries.next()?;
    countries.all(|c| c == first).then_some(first)
}

/// Of places sharing a name ("St. Petersburg": Florida or Russia), the one in `country` when
/// exactly one is.
pub fn only_one_in(candidates: &[Place], country: &str) -> Option<Place> {
    let mut inside = candidates.iter().filter(|c| country_of(c) == Some(country));
    match (inside.next(), inside.next()) {
        (Some(one), None) => Some(one.clone()),
        _ => None,
    }
}

/// The airports of a place, busiest first (unknown codes skipped).
pub fn airports_in(place: &Place) -> Vec<&'static Airport> {
    place.airports.iter().filter_map(|c| airport(c)).collect()
}

/// "Chicago has two airports: O'Hare and Midway." for a metro; "" for a single airport.
pub fn spoken_list(place: &Place) -> String {
    let airports = airports_in(place);
    if place.kind != PlaceKind::Metro || airports.len() < 2 {
        return String::new();
    }
    // "Chicago O'Hare" -> "O'Hare" when the city has just been said.
    let prefix = format!("{} ", place.name);
    let names: Vec<&str> = airports
        .iter()
        .map(|a| a.spoken_name.strip_prefix(&prefix).unwrap_or(&a.spoken_name))
        .collect();
    let count = match names.len() {
        2 => "two",
        3 => "three",
        4 => "four",
        5 => "five",
        6 => "six",
        _ => "several",
    };
    let list = match names.split_last() {
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    format!("{} has {count} airports: {list}.", place.name)
}

/// Near misses for text that resolved to nothing ("did you mean"), best first; may be empty.
pub fn suggestions(text: &str) -> Vec<Place> {
    let t = table();
    // One word more than a phrase may have is enough to see it is too long.
    let mut toks = text::tokens_upto(text, MAX_PHRASE_WORDS + 1);
    if toks.is_empty() || toks.len() > MAX_PHRASE_WORDS {
        return Vec::new();
    }
    mark(t, &mut toks);
    if toks.iter().any(|w| w.stop) || toks.iter().all(|w| w.common) {
        return Vec::new();
    }
    let compact: String = toks.iter().map(|w| w.word.as_str()).collect();
    let slack = max_edits(compact.len()) + 1;
    let (_, targets) = nearest(t, &compact, slack);
    collapse(t, &targets).into_iter().take(MAX_CANDIDATES).map(|c| place(t, c)).collect()
}

/// `Resolve`: the text is a place slot. `Scan`: words inside a sentence (stricter).
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Resolve,
    Scan,
}

/// One place, several (ambiguous, ranked), or nothing.
type Lookup = Option<Result<Target, Vec<Target>>>;

/// Work shared by the lookups of one call: `exact` of each prefix of the words from the current
/// start (every window `find_places` tries from one position, and every head of its splits, is
/// such a prefix).
struct Prefixes {
    exact: Vec<Option<Option<Vec<Target>>>>,
}

impl Prefixes {
    fn new() -> Self {
        Prefixes { exact: Vec::new() }
    }

    /// A new start position: the prefixes change.
    fn restart(&mut self) {
        self.exact.clear();
    }

    /// Lent, not copied: most callers only read the candidates.
    fn exact(&mut self, t: &Table, toks: &[Token], len: usize, mode: Mode) -> Option<&[Target]> {
        if self.exact.len() <= len {
            self.exact.resize(len + 1, None);
        }
        let slot = self.exact.get_mut(len)?;
        slot.get_or_insert_with(|| toks.get(..len).and_then(|p| exact(t, p, mode))).as_deref()
    }
}

fn lookup(t: &Table, toks: &[Token], mode: Mode) -> Lookup {
    lookup_with(t, toks, mode, &mut Prefixes::new())
}

fn lookup_with(t: &Table, toks: &[Token], mode: Mode, prefixes: &mut Prefixes) -> Lookup {
    if let Some(c) = prefixes.exact(t, toks, toks.len(), mode) {
        return decide(t, c);
    }
    if let Some(found) = split_lookup(t, toks, mode, prefixes) {
        return Some(found);
    }
    // "Denver airport", "general mitchell international".
    if toks.iter().any(|w| w.generic) {
        let kept: Vec<Token> = toks.iter().filter(|w| !w.generic).cloned().collect();
        if !kept.is_empty() {
            if let Some(c) = exact(t, &kept, mode) {
                return decide(t, &c);
            }
        }
    }
    fuzzy(t, toks, mode).and_then(|c| decide(t, &[c]))
}

fn is_generic(word: &str) -> bool {
    table::GENERIC_WORDS.contains(&word)
}

fn split_lookup(t: &Table, toks: &[Token], mode: Mode, prefixes: &mut Prefixes) -> Lookup {
    // "Portland Oregon", "Paris France", "New York JFK", "Chicago Midway".
    for k in (1..toks.len()).rev() {
        let (head, tail) = toks.split_at(k);
        // A tail longer than any state or country name is none (and is not joined to look).
        let quals = (tail.len() <= t.max_qualifier_words)
            .then(|| t.qualifiers.get(key_of(tail, &mut [0; text::JOINED_BYTES]).as_ref()))
            .flatten();
        if let Some(quals) = quals {
            // In a sentence "portland or seattle" is not Portland, Oregon.
            if mode == Mode::Scan && tail.len() == 1 && tail.iter().all(|w| w.stop) {
                continue;
            }
            let fuzzy_head;
            let head_c = match prefixes.exact(t, toks, k, mode) {
                Some(exact) => exact,
                None => {
                    let Some(c) = fuzzy(t, head, mode) else { continue };
                    fuzzy_head = [c];
                    &fuzzy_head[..]
                }
            };
            let kept: Vec<Target> =
                head_c.iter().copied().filter(|&c| quals.iter().any(|q| within(t, c, q))).collect();
            if !kept.is_empty() {
                return decide(t, &kept);
            }
        } else if let Some(head_c) = prefixes.exact(t, toks, k, mode) {
            if let Some(a) = airport_within(t, head_c, tail) {
                return Some(Ok(a));
            }
        }
    }
    None
}

/// The index key of these words: the word itself for one, else written into `buffer` (no
/// allocation for a short phrase).
fn key_of<'a>(toks: &'a [Token], buffer: &'a mut [u8; text::JOINED_BYTES]) -> Cow<'a, str> {
    match toks {
        [one] => Cow::Borrowed(one.word.as_str()),
        _ => text::joined_in(toks, " ", buffer),
    }
}

/// Candidates for exactly these words: nickname, code, name (also written together, also without
/// "airport"), then a surname from an airport's name.
fn exact(t: &Table, toks: &[Token], mode: Mode) -> Option<Vec<Target>> {
    if toks.iter().all(|w| w.stop && !w.upper) {
        return None;
    }
    let mut key_buffer = [0; text::JOINED_BYTES];
    // The index's keys of several words start with one of its known first words: without
    // one the spaced key is not even built (the forms written together are still tried).
    let spaced = match toks {
        [one] => Some(Cow::Borrowed(one.word.as_str())),
        [first, ..] if t.first_words.contains(first.word.as_str()) => {
            Some(key_of(toks, &mut key_buffer))
        }
        _ => None,
    };
    let spaced = spaced.as_deref();
    // "J F K": a spelled code.
    if toks.len() == 3 && toks.iter().all(|w| w.word.len() == 1 && w.word.is_ascii()) {
        let code: String = toks.iter().map(|w| w.word.as_str()).collect();
        if let Some(c) = code_target(t, &code) {
            return Some(vec![c]);
        }
    }
    let single_code = toks.len() == 1 && toks[0].word.len() == 3 && toks[0].word.is_ascii();
    if single_code && toks[0].upper {
        if let Some(c) = code_target(t, &toks[0].word) {
            return Some(vec![c]);
        }
    }
    // Written together or apart: "sanfrancisco", "o hare", "new ark".
    let entries = spaced.and_then(|key| t.index.get(key)).or_else(|| {
        let mut buffer = [0; text::JOINED_BYTES];
        let together = match toks {
            [_] => None,
            _ if !t.may_be_together(toks) => return None,
            _ => Some(text::joined_in(toks, "", &mut buffer)),
        };
        let joined = together.as_deref().or(spaced).unwrap_or_default();
        // Never glued across a stopword: "to la" is not Tola.
        let apart = toks.len() > 1 && toks.len() <= 3 && !toks.iter().any(|w| w.stop);
        t.compact.get(joined).or_else(|| if apart { t.index.get(joined) } else { None })
    });
    let mut found = entries.map(|es| name_candidates(t, es, toks)).unwrap_or_default();
    if found.is_empty() && single_code && code_allowed(t, &toks[0], mode) {
        found.extend(code_target(t, &toks[0].word));
    }
    (!found.is_empty()).then_some(found)
}

/// Targets of index entries: a nickname wins outright; surname keys only when nothing else
/// matches and one airport clearly dominates; a lone ordinary word only names a real destination.
fn name_candidates(t: &Table, entries: &[Entry], toks: &[Token]) -> Vec<Target> {
    if let Some(e) = entries.iter().find(|e| e.strength == Strength::Nickname) {
        return vec![e.target];
    }
    let is_town = |s: Strength| matches!(s, Strength::CityPart | Strength::City | Strength::Metro);
    let town_size = entries
        .iter()
        .filter(|e| is_town(e.strength))
        .map(|e| size(t, e.target))
        .max()
        .unwrap_or(0);
    let floor = if entries.iter().any(|e| e.strength >= Strength::CityPart) {
        Strength::CityPart
    } else {
        Strength::CityPartLater
    };
    // A lone ordinary word names a real destination's town ("nice", "reading") or an airport
    // of a multi-airport city ("midway"), not an airport called "Metropolitan" or "Normal".
    let ordinary = toks.len() == 1 && toks[0].common;
    let strong: Vec<Target> = entries
        .iter()
        .filter(|e| e.strength >= floor)
        // Another airport's name loses to a bigger town of that name ("long beach": LGB, not
        // "Tofino / Long Beach Airport").
        .filter(|e| is_town(e.strength) || size(t, e.target) >= town_size)
        .filter(|e| {
            !ordinary
                || (size(t, e.target) >= REAL_DESTINATION_SIZE
                    && match e.strength {
                        Strength::Name => in_metro(t, e.target),
                        Strength::NameWord | Strength::CityPartLater | Strength::CityPart => false,
                        Strength::City | Strength::Metro | Strength::Nickname => true,
                    })
        })
        .map(|e| e.target)
        .collect();
    if !strong.is_empty() || ordinary {
        return strong;
    }
    let weak: Vec<Target> = entries.iter().map(|e| e.target).collect();
    match decide(t, &weak) {
        Some(Ok(c)) => vec![c],
        _ => Vec::new(),
    }
}

/// A lower-case code that is also a word ("den", "can", "yes") is a code only for a big US
/// airport when the text is a place slot; in a sentence it is a mention marked `common_word`.
fn code_allowed(t: &Table, tok: &Token, mode: Mode) -> bool {
    if tok.upper || !t.common_words.contains(tok.word.as_str()) || mode == Mode::Scan {
        return true;
    }
    match code_target(t, &tok.word) {
        Some(Target::Airport(a)) => {
            t.airports.get(a as usize).is_some_and(|a| a.country == "US" && a.size >= 75)
        }
        _ => false,
    }
}

fn code_target(t: &Table, code: &str) -> Option<Target> {
    // Codes are short: upper-case them on the stack (this runs for three-letter words).
    let mut buf = [0u8; 8];
    let code: Cow<str> = match buf.get_mut(..code.len()) {
        Some(upper) if code.is_ascii() => {
            upper.copy_from_slice(code.as_bytes());
            upper.make_ascii_uppercase();
            Cow::Borrowed(std::str::from_utf8(upper).ok()?)
        }
        _ => Cow::Owned(code.to_ascii_uppercase()),
    };
    let code = code.as_ref();
    t.airport_by_code
        .get(code)
        .map(|&a| Target::Airport(a))
        .or_else(|| t.metro_by_code.get(code).map(|&m| Target::Metro(m)))
}

/// "New York JFK", "Houston Hobby": the one airport of the head place whose name contains the
/// tail words (or whose code they are).
fn airport_within(t: &Table, head: &[Target], tail: &[Token]) -> Option<Target> {
    // This runs for every split of every window after a known place: the tail is compared in
    // place, never joined into a new string.
    let tail_len: usize = tail.iter().map(|w| w.word.len()).sum();
    let spells_code = |code: &str| {
        let said = tail.iter().flat_map(|w| w.word.bytes());
        tail_len == code.len() && said.zip(code.bytes()).all(|(x, y)| x.eq_ignore_ascii_case(&y))
    };
    let mut found: Vec<u16> = Vec::new();
    for a in head.iter().flat_map(|&c| members(t, c)) {
        let Some(ap) = t.airports.get(a as usize) else { continue };
        // The full name here: "Houston Intercontinental" names IAH by a generic word.
        let words = t.full_name_words(a);
        let named = spells_code(&ap.code)
            || words.windows(tail.len().max(1)).any(|w| {
                w.len() == tail.len() && w.iter().zip(tail).all(|(name, said)| *name == said.word)
            })
            || match tail {
                [one] => (0..words.len()).any(|s| starts_spelled(&words[s..], &one.word)),
                _ => false,
            };
        if named && !found.contains(&a) {
            found.push(a);
        }
    }
    match found.as_slice() {
        [a] => Some(Target::Airport(*a)),
        _ => None,
    }
}

/// True when some leading words, written together, are exactly `compact` ("ohare" in "o hare
/// airport").
fn starts_spelled(words: &[String], compact: &str) -> bool {
    let mut rest = compact;
    for w in words {
        match rest.strip_prefix(w.as_str()) {
            Some("") => return true,
            Some(r) if !w.is_empty() => rest = r,
            _ => return false,
        }
    }
    false
}

/// The airports of a target, busiest first (an iterator: lookups ask this many times per
/// utterance and a vector each time showed in profiles).
fn members(t: &Table, c: Target) -> impl Iterator<Item = u16> + '_ {
    let (one, many) = match c {
        Target::Airport(a) => (Some(a), &[][..]),
        Target::Metro(m) => (None, t.metros.get(m as usize).map_or(&[][..], |m| &m.members[..])),
    };
    one.into_iter().chain(many.iter().copied())
}

fn within(t: &Table, c: Target, q: &Qualifier) -> bool {
    members(t, c).filter_map(|a| t.airports.get(a as usize)).any(|a| match q {
        Qualifier::Country(country) => a.country == *country,
        Qualifier::Region { country, region } => a.country == *country && a.region == *region,
    })
}

/// Most edits a misspelling of this many letters may have.
fn max_edits(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    }
}

/// The one real destination a misspelled phrase is closest to, if it is unambiguous.
fn fuzzy(t: &Table, toks: &[Token], mode: Mode) -> Option<Target> {
    if toks.is_empty()
        || toks.len() > 3
        || (mode == Mode::Scan && toks.len() > 2)
        || toks
            .iter()
            .any(|w| w.stop || w.word.len() < 2 || w.word.bytes().any(|b| b.is_ascii_digit()))
        || toks.iter().all(|w| w.common)
        || toks.iter().any(|w| t.near_words.contains(w.word.as_str()))
    {
        return None;
    }
    let compact: String = toks.iter().map(|w| w.word.as_str()).collect();
    if t.near_words.contains(compact.as_str()) {
        return None;
    }
    let limit = max_edits(compact.len());
    if compact.len() < 5 || !compact.is_ascii() {
        return None;
    }
    let (d, targets) = nearest(t, &compact, limit);
    if d > limit {
        return None;
    }
    match collapse(t, &targets).as_slice() {
        // In a sentence, a short misspelling ("ramen" for Ramon, Eilat; "mardi" for Mardin) is
        // weak evidence: only a domestic destination is worth the guess.
        [one] if mode == Mode::Scan && compact.len() < 7 => {
            let domestic = match *one {
                Target::Airport(a) => t.airports.get(a as usize).is_some_and(|a| a.country == "US"),
                Target::Metro(_) => true,
            };
            domestic.then_some(*one)
        }
        [one] => Some(*one),
        _ => None,
    }
}

/// Keys within `limit` edits (raw or sound-alike spelling) with the same first letter:
/// the best distance and every target at it.
fn nearest(t: &Table, compact: &str, limit: usize) -> (usize, Vec<Target>) {
    let mut best = (usize::MAX, Vec::new());
    if compact.len() < 5 || !compact.is_ascii() || compact.len() > 40 {
        return best;
    }
    let Some(keys) = compact.as_bytes().first().and_then(|b| t.fuzzy.get(b)) else {
        return best;
    };
    let folded = text::sound_fold(compact);
    let (cmask, fmask) = (table::letter_mask(compact), table::letter_mask(&folded));
    // Lengths and letter masks of two words; short keys get the short-word limit too
    // ("aback" is not "adak").
    let close = |a: usize, b: usize, am: u32, bm: u32| {
        let gap = a.abs_diff(b);
        gap <= limit && {
            let limit = limit.min(max_edits(a.min(b)).max(1));
            gap <= limit && (am ^ bm).count_ones() as usize <= 2 * limit
        }
    };
    // Folding only shortens a word or drops its "y": same length and letters, nothing folded.
    let unfolded = |a: usize, f: usize, am: u32, fm: u32| a == f && am == fm;
    let query_unfolded = unfolded(compact.len(), folded.len(), cmask, fmask);
    // The edit distance, or `limit + 1` when even its cheap lower bound is over the limit.
    let distance = |a: &str, b: &str| {
        if bag_distance(a.as_bytes(), b.as_bytes()) > limit {
            limit + 1
        } else {
            osa_distance_within(a, b, limit)
        }
    };
    // Only keys of a length within `limit` of the word's, raw or folded, can be close enough;
    // they are visited by length, a key in both windows once, and the matches put back in
    // index order at the end (the order the candidates are reported in).
    let window = |len: usize| len.saturating_sub(limit)..=len.saturating_add(limit);
    let (compact_window, folded_window) = (window(compact.len()), window(folded.len()));
    let in_folded_only = keys.by_folded.of_lengths(folded_window).iter().copied().filter(|&i| {
        let compact_len = keys.summaries.get(i as usize).map_or(0, |s| usize::from(s.compact_len));
        !compact_window.contains(&compact_len)
    });
    let mut matches: Vec<(u32, usize)> = Vec::new();
    for i in
        keys.by_compact.of_lengths(compact_window.clone()).iter().copied().chain(in_folded_only)
    {
        let (Some(k), Some(s)) = (keys.keys.get(i as usize), keys.summaries.get(i as usize)) else {
            continue;
        };
        // Which comparisons are worth making is decided from the summary alone: most keys
        // stop here without their strings being read.
        let (key_compact, key_folded) = (usize::from(s.compact_len), usize::from(s.folded_len));
        let near_compact = close(compact.len(), key_compact, cmask, s.compact_mask);
        // Neither side folds: the sound-alike comparison would be the one just made.
        let same =
            query_unfolded && unfolded(key_compact, key_folded, s.compact_mask, s.folded_mask);
        let near_folded = !same && close(folded.len(), key_folded, fmask, s.folded_mask);
        if !near_compact && !near_folded {
            continue;
        }
        let mut d = usize::MAX;
        if near_compact {
            d = distance(compact, &k.compact);
        }
        if d > 0 && near_folded {
            d = d.min(distance(&folded, &k.folded));
        }
        if d <= limit {
            // In key order as they come (a handful at most; no sort code in the wasm).
            let at = matches.partition_point(|&(j, _)| j < i);
            matches.insert(at, (i, d));
        }
    }
    // The best distance and every target at it, in key order, each once.
    let Some(least) = matches.iter().map(|&(_, d)| d).min() else { return best };
    matches.retain(|&(_, d)| d == least);
    best.0 = least;
    for (i, _) in matches {
        if let Some(k) = keys.keys.get(i as usize) {
            if !best.1.contains(&k.target) {
                best.1.push(k.target);
            }
        }
    }
    best
}

/// `strsim::osa_distance` (edits, a swap of neighbours counting one), or `limit + 1` when it
/// is over `limit`: computed the same way over bytes in rows on the stack, and given up once
/// two rows in a row are over the limit (no later row can come back under it). The
/// misspelling matcher runs it for a few dozen keys per utterance, and the library's version
/// allocates five vectors each time. Text that is not ASCII or longer than a row goes to the
/// library.
fn osa_distance_within(a: &str, b: &str, limit: usize) -> usize {
    const ROW: usize = 64;
    let over = limit.saturating_add(1);
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if !a.is_ascii() || !b.is_ascii() || b.len() >= ROW {
        let d = strsim::osa_distance(
            std::str::from_utf8(a).unwrap_or_default(),
            std::str::from_utf8(b).unwrap_or_default(),
        );
        return d.min(over);
    }
    let width = b.len() + 1;
    let mut rows = [[0usize; ROW]; 3];
    for (j, cell) in rows[0].iter_mut().take(width).enumerate() {
        *cell = j;
    }
    rows[1] = rows[0];
    // rows[two_back], rows[previous], rows[current] rotate as the rows advance.
    let (mut two_back, mut previous, mut current) = (0, 1, 2);
    // A row's smallest cell is at least the smaller of the row before's and the one before
    // that's plus one: two rows over the limit keep every later row over it.
    let mut previous_min = 0;
    for (i, &x) in a.iter().enumerate() {
        rows[current][0] = i + 1;
        let mut row_min = i + 1;
        for (j, &y) in b.iter().enumerate() {
            let cost = usize::from(x != y);
            let mut d =
                (rows[current][j] + 1).min(rows[previous][j + 1] + 1).min(rows[previous][j] + cost);
            if i > 0 && j > 0 && x != y && Some(&x) == b.get(j - 1) && Some(&y) == a.get(i - 1) {
                d = d.min(rows[two_back][j - 1] + 1);
            }
            rows[current][j + 1] = d;
            row_min = row_min.min(d);
        }
        if row_min > limit && previous_min > limit {
            return over;
        }
        previous_min = row_min;
        (two_back, previous, current) = (previous, current, two_back);
    }
    rows[previous][width - 1].min(over)
}

/// How many letters one word has that the other lacks, counting repeats: a lower bound on the
/// edit distance (an insertion, deletion or substitution changes it by one at most, a
/// transposition not at all) at a fraction of its cost. Bytes are counted in 32 buckets (a
/// coarser count only lowers the bound).
fn bag_distance(a: &[u8], b: &[u8]) -> usize {
    let mut counts = [0i32; 32];
    let bucket = |x: u8| usize::from(x & 31);
    for &x in a {
        counts[bucket(x)] += 1;
    }
    for &y in b {
        counts[bucket(y)] -= 1;
    }
    let (only_a, only_b) = counts.iter().fold((0, 0), |(p, n), &c| (p + c.max(0), n - c.min(0)));
    usize::try_from(only_a.max(only_b)).unwrap_or(0)
}

/// The words of a text with what every lookup asks of each word decided once.
fn words(t: &Table, text: &str) -> Vec<Token> {
    let mut toks = text::tokens(text);
    mark(t, &mut toks);
    toks
}

fn mark(t: &Table, toks: &mut [Token]) {
    for w in toks {
        w.stop = is_stopword(&w.word);
        w.common = is_common(t, w);
        w.generic = is_generic(&w.word);
    }
}

fn is_common(t: &Table, w: &Token) -> bool {
    let word = w.word.as_str();
    w.stop
        || t.common_words.contains(word)
        || (word.len() == 3 && !w.upper && code_target(t, word).is_some())
}

fn size(t: &Table, c: Target) -> u8 {
    match c {
        Target::Airport(a) => t.airports.get(a as usize).map_or(0, |a| a.size),
        Target::Metro(m) => t
            .metros
            .get(m as usize)
            .and_then(|m| m.members.first())
            .and_then(|&a| t.airports.get(a as usize))
            .map_or(0, |a| a.size),
    }
}

/// Ranking score: size, with United's home market and multi-airport cities a little ahead.
fn score(t: &Table, c: Target) -> i32 {
    let (us, metro) = match c {
        Target::Airport(a) => (t.airports.get(a as usize).is_some_and(|a| a.country == "US"), 0),
        Target::Metro(m) => (t.metros.get(m as usize).is_some_and(|m| m.country == "US"), 5),
    };
    i32::from(size(t, c)) + if us { 10 } else { 0 } + metro
}

fn in_metro(t: &Table, c: Target) -> bool {
    matches!(c, Target::Airport(a) if metro_of(t, a).is_some())
}

fn metro_of(t: &Table, a: u16) -> Option<u16> {
    let code = t.airports.get(a as usize)?.metro.as_ref()?;
    t.metro_by_code.get(code).copied()
}

/// Airports whose metro is also a candidate go into the metro; two airports of one metro
/// become the metro ("new york" -> JFK, LGA -> NYC).
fn collapse(t: &Table, cands: &[Target]) -> Vec<Target> {
    let mut out: Vec<Target> = Vec::with_capacity(cands.len());
    for c in cands {
        let c = match *c {
            Target::Airport(a) => match metro_of(t, a) {
                Some(m)
                    if cands.contains(&Target::Metro(m))
                        || cands.iter().any(|&o| {
                            matches!(o, Target::Airport(b) if b != a && metro_of(t, b) == Some(m))
                        }) =>
                {
                    Target::Metro(m)
                }
                _ => *c,
            },
            metro => metro,
        };
        if !out.contains(&c) {
            out.push(c);
        }
    }
    // A town's smaller airports give way to its main one ("columbus": CMH, not LCK too).
    let same_town = |a: u16, b: u16| {
        let (Some(x), Some(y)) = (t.airports.get(a as usize), t.airports.get(b as usize)) else {
            return false;
        };
        x.country == y.country
            && x.region == y.region
            && t.city_keys.get(a as usize) == t.city_keys.get(b as usize)
    };
    let keep: Vec<bool> = out
        .iter()
        .map(|&c| match c {
            Target::Airport(a) => !out.iter().any(|&o| match o {
                Target::Airport(b) => {
                    b != a
                        && same_town(a, b)
                        && (size(t, o), std::cmp::Reverse(b)) > (size(t, c), std::cmp::Reverse(a))
                }
                Target::Metro(_) => members(t, o).any(|b| same_town(a, b)),
            }),
            Target::Metro(_) => true,
        })
        .collect();
    let mut keep = keep.into_iter();
    out.retain(|_| keep.next().unwrap_or(true));
    out
}

fn decide(t: &Table, cands: &[Target]) -> Lookup {
    // Only the best few matter (the dominance test and the candidates Alex names): one pass
    // keeps them in order, whatever the number of matches. Keys are computed once each.
    let mut best: Vec<((i32, &str), Target)> = Vec::with_capacity(MAX_CANDIDATES + 1);
    for x in collapse(t, cands) {
        let key = (-score(t, x), code_str(t, x));
        let at = best.partition_point(|(k, _)| *k <= key);
        if at < MAX_CANDIDATES {
            best.insert(at, (key, x));
            best.truncate(MAX_CANDIDATES);
        }
    }
    let c: Vec<Target> = best.into_iter().map(|(_, x)| x).collect();
    match c.as_slice() {
        [] => None,
        [one] => Some(Ok(*one)),
        [first, second, ..] if score(t, *first) - score(t, *second) >= DOMINANCE => {
            Some(Ok(*first))
        }
        _ => Some(Err(c)),
    }
}

fn code_of(t: &Table, c: Target) -> String {
    code_str(t, c).to_string()
}

fn code_str(t: &Table, c: Target) -> &str {
    match c {
        Target::Airport(a) => t.airports.get(a as usize).map(|a| a.code.as_str()),
        Target::Metro(m) => t.metros.get(m as usize).map(|m| m.code.as_str()),
    }
    .unwrap_or_default()
}

/// Candidates as places; same-sounding names get their state or country so Alex can ask
/// "Portland, Oregon or Portland, Maine?".
fn told_apart(t: &Table, cands: &[Target]) -> Vec<Place> {
    let mut places: Vec<Place> = cands.iter().map(|&c| place(t, c)).collect();
    let names: Vec<String> = places.iter().map(|p| text::key(&p.name)).collect();
    for (p, &c) in places.iter_mut().zip(cands) {
        let key = text::key(&p.name);
        if names.iter().filter(|n| **n == key).count() < 2 {
            continue;
        }
        let Some(a) = members(t, c).next().and_then(|a| t.airports.get(a as usize)) else {
            continue;
        };
        let same_country = cands.iter().all(|&o| {
            members(t, o).next().and_then(|b| t.airports.get(b as usize)).map(|b| &b.country)
                == Some(&a.country)
        });
        let area = if same_country || a.country == "US" {
            t.area_names.get(&format!("{}-{}", a.country, a.region))
        } else {
            None
        }
        .or_else(|| t.area_names.get(&a.country));
        if let Some(area) = area {
            p.name = format!("{}, {area}", p.name);
        }
    }
    places
}

fn place(t: &Table, c: Target) -> Place {
    match c {
        Target::Airport(a) => {
            let ap = t.airports.get(a as usize);
            Place {
                code: code_of(t, c),
                kind: PlaceKind::Airport,
                name: ap.map(|a| a.spoken_name.clone()).unwrap_or_default(),
                airports: ap.map(|a| vec![a.code.clone()]).unwrap_or_default(),
            }
        }
        Target::Metro(m) => {
            let metro = t.metros.get(m as usize);
            Place {
                code: code_of(t, c),
                kind: PlaceKind::Metro,
                name: metro.map(|m| m.name.clone()).unwrap_or_default(),
                airports: members(t, c)
                    .filter_map(|a| t.airports.get(a as usize))
                    .map(|a| a.code.clone())
                    .collect(),
            }
        }
    }
}

#[cfg(test)]
mod tests;
