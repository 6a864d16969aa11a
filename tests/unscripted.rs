//! Unscripted calls: caller personas (tests/unscripted/*.json, written by someone playing
//! callers, not by whoever changes the rules) hold whole conversations with Alex. After each
//! reply the runner looks at what Alex is asking and says the persona's own line for it;
//! at the summary and at yes/no questions the persona checks what Alex has against its goal
//! and says yes, or no and a correction. Format: tests/unscripted/README.md.
//!
//! Figures (printed; `target/unscripted/` gets one transcript per call):
//! - calls that end right: booked, and the booking is the persona's goal;
//! - of those, calls where the caller never had to correct Alex;
//! - wrong bookings (booked, but not the goal) and stalls (no booking after 30 turns);
//! - median caller turns in calls that end right; calls with the summary read 3+ times.
//!
//! The test fails when the figures fall below the floors at the bottom: they are what the
//! set measured when the floors were last raised, so a change that makes callers worse off
//! cannot land unnoticed.

#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use united_voice::{Conversation, ConversationConfig, Date, Turn};

/// Enough for a party of nine to give every traveller's ticket details after the trip.
const MAX_TURNS: usize = 70;

struct Persona {
    file: String,
    json: Value,
}

impl Persona {
    fn goal(&self, field: &str) -> &Value {
        self.json.get("goal").and_then(|g| g.get(field)).unwrap_or(&Value::Null)
    }
    fn lines(&self, path: &[&str]) -> Vec<String> {
        let mut v = &self.json;
        for p in path {
            v = v.get(p).unwrap_or(&Value::Null);
        }
        v.as_array()
            .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    }
}

/// Says each list's lines in turn, then repeats the last one.
#[derive(Default)]
struct Lines {
    used: HashMap<String, usize>,
}

impl Lines {
    fn next(&mut self, key: &str, lines: &[String]) -> Option<String> {
        let n = self.used.entry(key.to_string()).or_insert(0);
        let line = lines.get(*n).or(lines.last()).cloned();
        *n += 1;
        line
    }
}

#[derive(Default, Debug)]
struct Outcome {
    booked: bool,
    right: bool,
    corrections: usize,
    turns: usize,
    summaries: usize,
    stalled: bool,
    wrong_fields: Vec<String>,
    /// Turns where the rules set a booking value without wanting the model's help, and how
    /// many of those values were not what the caller wants.
    confident_readings: usize,
    confident_wrong: usize,
    /// Turns where the rules would ask the model (no keys here: the rules answered anyway).
    abstained: usize,
}

/// A name as a set of lower-case words: "Zhang Wei" (family name first) is "Wei Zhang", as
/// an airline's SURNAME/GIVEN record would have it.
fn fold_name(name: &str) -> String {
    // Accents dropped too: tickets carry "FERNANDEZ/LUCIA".
    let plain = |c: char| match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        other => other,
    };
    let folded = name
        .to_lowercase()
        .chars()
        .map(plain)
        .filter(|c| c.is_alphabetic() || c.is_whitespace())
        .collect::<String>();
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    words.sort_unstable();
    words.join(" ")
}

/// The booking fields that differ from the goal. `summary_only`: the ones a caller hears in
/// the read-back (the name is not read back).
fn differences(p: &Persona, booking: &Value, summary_only: bool) -> Vec<String> {
    let mut wrong = Vec::new();
    let text = |v: &Value| v.as_str().map(str::to_string);
    if !summary_only {
        let want = p.goal("name").as_str().map(fold_name);
        let got = booking.get("name").and_then(|n| n.as_str()).map(fold_name);
        if want != got {
            wrong.push("name".to_string());
        }
    }
    for field in ["origin", "destination"] {
        let code = booking.get(field).and_then(|o| o.get("code")).and_then(text);
        let accepted: Vec<String> = p
            .goal(field)
            .as_array()
            .map(|a| a.iter().filter_map(text).collect())
            .unwrap_or_default();
        if !code.is_some_and(|c| accepted.contains(&c)) {
            wrong.push(field.to_string());
        }
    }
    for field in ["trip_type", "departure_date"] {
        if text(p.goal(field)) != booking.get(field).and_then(text) {
            wrong.push(field.to_string());
        }
    }
    if p.goal("trip_type").as_str() == Some("round_trip")
        && text(p.goal("return_date")) != booking.get("return_date").and_then(text)
    {
        wrong.push("return_date".to_string());
    }
    if p.goal("passengers").as_u64() != booking.get("passengers").and_then(Value::as_u64) {
        wrong.push("passengers".to_string());
    }
    if let Some(cabin) = p.goal("cabin").as_str() {
        // A cabin not said yet is economy when Alex defaults it.
        let got = booking.get("cabin").and_then(text);
        if got.as_deref() != Some(cabin) {
            wrong.push("cabin".to_string());
        }
    }
    wrong
}

/// `code` is a city whose airports include one the persona accepts for `field`.
fn city_holds_goal(p: &Persona, field: &str, code: &str) -> bool {
    let Ok(place) = united_voice::places::resolve(code) else { return false };
    place.kind == united_voice::places::PlaceKind::Metro
        && p.goal(field).as_array().is_some_and(|a| {
            a.iter().any(|c| c.as_str().is_some_and(|c| place.airports.iter().any(|x| x == c)))
        })
}

fn minutes(clock: &Value) -> u32 {
    clock
        .as_str()
        .and_then(|c| c.split_once(':'))
        .and_then(|(h, m)| Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?))
        .unwrap_or(0)
}

/// Does the offer (by 1-based option) fit the persona's flight preference among `offers`?
fn fits(preference: &str, option: u64, offers: &[Value]) -> bool {
    let Some(offer) =
        offers.iter().find(|o| o.get("option").and_then(Value::as_u64) == Some(option))
    else {
        return false;
    };
    let price = |o: &Value| o.get("price_usd").and_then(Value::as_u64).unwrap_or(u64::MAX);
    let depart = |o: &Value| minutes(o.get("depart_time").unwrap_or(&Value::Null));
    let nonstop = |o: &Value| o.get("stops").and_then(Value::as_u64) == Some(0);
    let any_fits = |f: &dyn Fn(&Value) -> bool| !offers.iter().any(f) || f(offer);
    match preference {
        "cheapest" => offers.iter().map(price).min() == Some(price(offer)),
        "earliest" => offers.iter().map(depart).min() == Some(depart(offer)),
        "latest" => offers.iter().map(depart).max() == Some(depart(offer)),
        "nonstop" => any_fits(&nonstop),
        "morning" => any_fits(&|o| depart(o) < 12 * 60),
        "afternoon" => any_fits(&|o| (12 * 60..17 * 60).contains(&depart(o))),
        "evening" => any_fits(&|o| depart(o) >= 17 * 60),
        "first_listed" => option == 1,
        _ => true,
    }
}

/// "Option two: ..." in Alex's selection question -> 2.
fn option_in(reply: &str) -> Option<u64> {
    let rest = reply.split("Option ").nth(1)?;
    let word = rest.split(|c: char| c == ':' || c.is_whitespace()).next()?;
    let words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    words.iter().position(|w| *w == word).map(|i| i as u64 + 1).or_else(|| word.parse().ok())
}

/// The slot a collecting state asks for ("collecting_return_date" -> "return_date").
fn asked_slot(state: &str) -> Option<&str> {
    state.strip_prefix("collecting_").or(match state {
        "flexible_search" => Some("departure_date"),
        _ => None,
    })
}

fn play(p: &Persona, log: &mut String) -> Outcome {
    let today = p.json.get("today").and_then(Value::as_str).unwrap_or("2026-12-06");
    let today = Date::parse_from_str(today, "%Y-%m-%d").expect("persona today");
    let seed = p.json.get("seed").and_then(Value::as_u64).unwrap_or(7);
    let mut conversation = Conversation::new(ConversationConfig { today, seed });
    let desk = united_voice::harness::desk::MemoryDesk::new(seed);
    let mut lines = Lines::default();
    let mut companions = 0;
    let asides: HashMap<u64, String> = p
        .json
        .get("asides")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| {
                    Some((x.get("turn")?.as_u64()?, x.get("say")?.as_str()?.to_string()))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut out = Outcome::default();
    let _ = writeln!(log, "# {}\n# {}", p.file, p.json["persona"].as_str().unwrap_or(""));
    let _ = writeln!(log, "ALEX: {}", conversation.greeting());
    let mut say = p.json.get("opening").and_then(Value::as_str).unwrap_or("hi").to_string();
    let mut pending_correction: Option<String> = None;
    let mut last_offers: Vec<Value> = Vec::new();
    for turn_no in 1..=MAX_TURNS {
        let said = match asides.get(&(turn_no as u64)) {
            Some(aside) if turn_no > 1 => aside.clone(),
            _ => std::mem::take(&mut say),
        };
        let context = conversation.context();
        let rules = united_voice::understand::understand(&said, &context);
        let abstain = united_voice::understand::llm::should_ask(&rules, &context, &said);
        let before = serde_json::to_value(conversation.booking().view()).unwrap();
        let turn: Turn = conversation.respond_at(&said, &desk);
        let after = serde_json::to_value(&turn.booking).unwrap();
        out.abstained += usize::from(abstain);
        let fields = [
            "origin",
            "destination",
            "departure_date",
            "return_date",
            "trip_type",
            "passengers",
            "cabin",
            "name",
        ];
        let changed: Vec<&str> =
            fields.into_iter().filter(|f| before.get(*f) != after.get(*f)).collect();
        if !changed.is_empty() && !abstain {
            out.confident_readings += 1;
            let wrong = differences(p, &after, false);
            // A value set this turn that is not the caller's wish (a first name alone is
            // incomplete, not wrong).
            // A city said for a goal airport ("Toronto" for Pearson) is a right reading of what
            // was said, only less precise: Alex narrows it with the offers or a question.
            let wider = |f: &str| {
                matches!(f, "origin" | "destination")
                    && after[f]["code"].as_str().is_some_and(|code| city_holds_goal(p, f, code))
            };
            let first_name_only =
                |f: &str| f == "name" && after["name"].as_str().is_some_and(|n| !n.contains(' '));
            let set_wrong = changed.iter().any(|f| {
                let excused = first_name_only(f) || after[*f].is_null() || wider(f);
                wrong.iter().any(|w| w == f) && !excused
            });
            out.confident_wrong += usize::from(set_wrong);
            if set_wrong {
                let _ = writeln!(log, "# CONFIDENT BUT WRONG: {changed:?} from {said:?}");
            }
        }
        out.turns = turn_no;
        let state = serde_json::to_value(turn.state).unwrap();
        let state = state.as_str().unwrap_or("");
        let booking = serde_json::to_value(&turn.booking).unwrap();
        let _ = writeln!(log, "CALLER: {said}\nALEX [{state}]: {}", turn.reply);
        if !turn.offers.is_empty() {
            last_offers = turn.offers.iter().map(|o| serde_json::to_value(o).unwrap()).collect();
        }
        if turn.reply.contains("Let me make sure") {
            out.summaries += 1;
        }
        let affirm = p.lines(&["affirm"]);
        let deny = p.lines(&["deny"]);
        // "Leaving Friday, December fourth, is that right?": a value Alex inferred. The caller
        // says yes when it is what they want, else no (then answers the question again).
        if turn.reply.ends_with("is that right?") {
            if let Some(preview) = conversation.pending_preview() {
                let preview = serde_json::to_value(&preview).unwrap();
                let fields =
                    ["origin", "destination", "departure_date", "return_date", "trip_type"];
                let changed: Vec<&str> =
                    fields.into_iter().filter(|f| preview.get(*f) != booking.get(*f)).collect();
                let wrong = differences(p, &preview, true);
                say = if changed.iter().any(|f| wrong.iter().any(|w| w == f)) {
                    out.corrections += 1;
                    let _ = writeln!(log, "# CORRECTION of a confirmation: {changed:?}");
                    lines.next("deny", &deny).unwrap_or_else(|| "no".into())
                } else {
                    lines.next("affirm", &affirm).unwrap_or_else(|| "yes".into())
                };
                continue;
            }
        }
        // "Is Friday the day you leave, or the day you come back?": the caller knows which end
        // they were fixing (the runner's own words here: the personas have no line for it).
        if turn.reply.ends_with("the day you leave, or the day you come back?") {
            let wrong = differences(p, &booking, true);
            say = if wrong.iter().any(|w| w == "departure_date") {
                "the day I leave".to_string()
            } else {
                "the day I come back".to_string()
            };
            continue;
        }
        if turn.reply.ends_with("where you're flying from, or where you're going?") {
            let wrong = differences(p, &booking, true);
            say = if wrong.iter().any(|w| w == "origin") {
                "where I'm flying from".to_string()
            } else {
                "where I'm going".to_string()
            };
            continue;
        }
        say = match state {
            "booking_complete" => {
                out.booked = true;
                out.wrong_fields = differences(p, &booking, false);
                out.right = out.wrong_fields.is_empty();
                return out;
            }
            "cancelled" => return out,
            "confirming_details" => {
                if let Some(slot) = pending_correction.take() {
                    let mut fix = p.lines(&["corrections", &slot]);
                    if fix.is_empty() {
                        fix = p.lines(&["answers", &slot]);
                    }
                    lines.next(&format!("fix {slot}"), &fix).unwrap_or_default()
                } else {
                    let wrong = differences(p, &booking, true);
                    match wrong.first() {
                        None => lines.next("affirm", &affirm).unwrap_or_else(|| "yes".into()),
                        Some(slot) => {
                            out.corrections += 1;
                            let _ = writeln!(log, "# CORRECTION at the summary: {wrong:?}");
                            pending_correction = Some(slot.clone());
                            lines.next("deny", &deny).unwrap_or_else(|| "no".into())
                        }
                    }
                }
            }
            "presenting_options" => lines.next("choose", &p.lines(&["choose"])).unwrap_or_default(),
            // The ticket's details come after the persona's goal is on the table: the personas
            // have no lines for them, so the runner answers in its own words (like the "which
            // end" questions above). They do not count towards understanding figures.
            "collecting_birth_date" => "the fourth of May, nineteen seventy-nine".to_string(),
            "collecting_gender" => "unspecified".to_string(),
            "collecting_contact" => "it's caller at example dot com".to_string(),
            "collecting_traveller" if turn.reply.contains("your full name") => {
                lines.next("name", &p.lines(&["answers", "name"])).unwrap_or_default()
            }
            "collecting_traveller" => {
                companions += 1;
                let family =
                    p.goal("name").as_str().and_then(|n| n.split(' ').next_back()).unwrap_or("Doe");
                let given =
                    ["Jordan", "Casey", "Riley", "Morgan", "Avery", "Quinn", "Rowan", "Sasha"];
                format!("{} {family}", given[(companions - 1) % given.len()])
            }
            "confirming_selection"
                if turn.reply.contains("Here's the booking")
                    || turn.reply.ends_with("Shall I try again?") =>
            {
                lines.next("affirm", &affirm).unwrap_or_else(|| "yes".into())
            }
            "confirming_selection" => {
                let preference = p.goal("flight").as_str().unwrap_or("any");
                let ok = option_in(&turn.reply).is_some_and(|o| fits(preference, o, &last_offers));
                if ok {
                    lines.next("affirm", &affirm).unwrap_or_else(|| "yes".into())
                } else {
                    lines.next("deny", &deny).unwrap_or_else(|| "no".into())
                }
            }
            other => match asked_slot(other) {
                Some(slot) => lines
                    .next(slot, &p.lines(&["answers", slot]))
                    .unwrap_or_else(|| "I'm not sure".into()),
                None => lines.next("name", &p.lines(&["answers", "name"])).unwrap_or_default(),
            },
        };
    }
    out.stalled = true;
    out
}

fn personas(set: &str) -> Vec<Persona> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(set);
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("tests/unscripted")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| Persona {
            file: path.file_name().unwrap().to_string_lossy().to_string(),
            json: serde_json::from_str(&fs::read_to_string(&path).unwrap()).expect("persona"),
        })
        .collect()
}

/// Plays every persona of a set; returns the figures and (calls ending right, wrong bookings).
/// Every set also holds the calibration target: under 1% of confident rules readings wrong.
fn measure(set: &str) -> (String, usize, usize) {
    let personas = personas(set);
    let out_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join(set);
    let _ = fs::create_dir_all(&out_dir);
    let mut outcomes = Vec::new();
    let mut report = String::new();
    for p in &personas {
        let mut log = String::new();
        let o = play(p, &mut log);
        let _ = writeln!(log, "# outcome: {o:?}");
        let _ = fs::write(out_dir.join(p.file.replace(".json", ".txt")), &log);
        let verdict = if o.right && o.corrections == 0 {
            "right"
        } else if o.right {
            "right after corrections"
        } else if o.booked {
            "WRONG BOOKING"
        } else if o.stalled {
            "stalled"
        } else {
            "cancelled"
        };
        let _ = writeln!(
            report,
            "{:<48} {:<24} turns {:>2} corrections {} summaries {} {}",
            p.file,
            verdict,
            o.turns,
            o.corrections,
            o.summaries,
            o.wrong_fields.join(",")
        );
        outcomes.push(o);
    }
    let n = outcomes.len();
    let readings: usize = outcomes.iter().map(|o| o.confident_readings).sum();
    let readings_wrong: usize = outcomes.iter().map(|o| o.confident_wrong).sum();
    let abstained: usize = outcomes.iter().map(|o| o.abstained).sum();
    let all_turns: usize = outcomes.iter().map(|o| o.turns).sum();
    let right = outcomes.iter().filter(|o| o.right).count();
    let clean = outcomes.iter().filter(|o| o.right && o.corrections == 0).count();
    let wrong = outcomes.iter().filter(|o| o.booked && !o.right).count();
    let stalled = outcomes.iter().filter(|o| o.stalled).count();
    let many_summaries = outcomes.iter().filter(|o| o.summaries > 2).count();
    let mut turns: Vec<usize> = outcomes.iter().filter(|o| o.right).map(|o| o.turns).collect();
    turns.sort_unstable();
    let median = turns.get(turns.len() / 2).copied().unwrap_or(0);
    let pct = |k: usize| 100.0 * k as f64 / n.max(1) as f64;
    let summary = format!(
        "{set}: {n} calls\n\
         ended right:                       {right} ({:.0}%)\n\
         ended right, no correction needed: {clean} ({:.0}%)\n\
         wrong bookings:                    {wrong} ({:.0}%)\n\
         stalled (no booking in {MAX_TURNS} turns):   {stalled}\n\
         summary read 3+ times:             {many_summaries}\n\
         median caller turns (right calls): {median}\n\
         confident rules readings wrong:    {readings_wrong} of {readings} ({:.1}%)\n\
         rules abstained (would ask model): {abstained} of {all_turns} turns ({:.1}%)\n",
        pct(right),
        pct(clean),
        pct(wrong),
        100.0 * readings_wrong as f64 / readings.max(1) as f64,
        100.0 * abstained as f64 / all_turns.max(1) as f64
    );
    let _ = fs::write(out_dir.join("REPORT.txt"), format!("{summary}\n{report}"));
    println!("{report}\n{summary}");
    assert!(
        readings_wrong * 100 < readings.max(1),
        "{set}: confident rules readings wrong reached 1% ({readings_wrong} of {readings}):\n{summary}"
    );
    (summary, right, wrong)
}

/// The set the rules were improved against (tests/unscripted).
#[test]
fn unscripted_calls() {
    let (summary, right, wrong) = measure("unscripted");
    assert!(personas("unscripted").len() >= 60, "at least 60 unscripted calls");
    // Floors: the figures when they were last raised (see the issue notes).
    assert!(right >= FLOOR_RIGHT, "calls ending right fell below {FLOOR_RIGHT}:\n{summary}");
    assert!(
        wrong.saturating_sub(CEILING_WRONG) == 0,
        "wrong bookings rose above {CEILING_WRONG}:\n{summary}"
    );
}

/// A second set written later by another helper that never saw the first set or the rules,
/// and never used to change them: the honest measure of calls Alex was not tuned for.
#[test]
fn held_out_calls() {
    let (summary, right, wrong) = measure("unscripted-holdout");
    assert!(
        right >= HOLDOUT_FLOOR_RIGHT,
        "held-out calls ending right fell below {HOLDOUT_FLOOR_RIGHT}:\n{summary}"
    );
    assert!(
        wrong <= HOLDOUT_CEILING_WRONG,
        "held-out wrong bookings rose above {HOLDOUT_CEILING_WRONG}:\n{summary}"
    );
}

/// A third set, written last, measured and never looked at to change the rules: the figures
/// reported as the unbiased ones.
#[test]
fn fresh_calls() {
    let (summary, right, wrong) = measure("unscripted-fresh");
    assert!(
        right >= FRESH_FLOOR_RIGHT,
        "fresh calls ending right fell below {FRESH_FLOOR_RIGHT}:\n{summary}"
    );
    assert!(
        wrong.saturating_sub(FRESH_CEILING_WRONG) == 0,
        "fresh wrong bookings rose above {FRESH_CEILING_WRONG}:\n{summary}"
    );
}

/// A fourth set (301-340), written by another helper playing callers after the other three
/// had been used: measured only, never read to change the rules.
#[test]
fn fresh2_calls() {
    let (summary, right, wrong) = measure("unscripted-fresh2");
    assert!(personas("unscripted-fresh2").len() >= 40, "the whole second fresh set");
    assert!(
        right >= FRESH2_FLOOR_RIGHT,
        "second fresh set: calls ending right fell below {FRESH2_FLOOR_RIGHT}:\n{summary}"
    );
    assert!(
        wrong <= FRESH2_CEILING_WRONG,
        "second fresh set: wrong bookings rose above {FRESH2_CEILING_WRONG}:\n{summary}"
    );
}

const FRESH2_FLOOR_RIGHT: usize = 39;
const FRESH2_CEILING_WRONG: usize = 1;
const FLOOR_RIGHT: usize = 83;
const CEILING_WRONG: usize = 0;
const HOLDOUT_FLOOR_RIGHT: usize = 38;
const HOLDOUT_CEILING_WRONG: usize = 2;
const FRESH_FLOOR_RIGHT: usize = 27;
const FRESH_CEILING_WRONG: usize = 0;
