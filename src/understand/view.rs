//! What the rules understood, as the public JSON shows it: the harness's `understand` command
//! and the wasm `understand` export print this one type, so the two cannot disagree.

use serde::{Deserialize, Serialize};

use super::{Intent, Understanding};
use crate::booking::PlaceView;
use crate::dates::{Date, DateError};
use crate::places::{Place, PlaceError};
use crate::trip::{Cabin, TripType};

/// One utterance read by the rules: the values heard and validated (`null` where absent or
/// invalid), and the invalid ones in `problems`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct UnderstandingView {
    pub text: String,
    pub intent: Intent,
    /// How sure the rules are, 0-1 (two decimals).
    pub confidence: f64,
    pub name: Option<String>,
    pub origin: Option<PlaceView>,
    pub destination: Option<PlaceView>,
    pub trip_type: Option<TripType>,
    pub departure_date: Option<Date>,
    pub return_date: Option<Date>,
    pub passengers: Option<u8>,
    pub cabin: Option<Cabin>,
    /// What was said but did not validate (an unknown city, a past date).
    pub problems: Vec<Problem>,
}

/// One value heard but rejected: a place error (`text`, and `candidates` when ambiguous) or a
/// date error (`message`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Problem {
    /// "unknown" / "ambiguous" for places, the date error kind for dates.
    pub error: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub candidates: Option<Vec<Place>>,
}

impl UnderstandingView {
    pub fn new(text: &str, u: &Understanding) -> UnderstandingView {
        let mut problems = Vec::new();
        let origin = place(&u.origin, &mut problems);
        let destination = place(&u.destination, &mut problems);
        let departure_date = date(&u.departure_date, &mut problems);
        let return_date = date(&u.return_date, &mut problems);
        UnderstandingView {
            text: text.to_string(),
            intent: u.intent(),
            confidence: (f64::from(u.confidence) * 100.0).round() / 100.0,
            name: u.name.clone(),
            origin,
            destination,
            trip_type: u.trip_type,
            departure_date,
            return_date,
            passengers: u.passengers,
            cabin: u.cabin,
            problems,
        }
    }
}

fn place(
    heard: &Option<Result<Place, PlaceError>>,
    problems: &mut Vec<Problem>,
) -> Option<PlaceView> {
    match heard {
        Some(Ok(p)) => Some(PlaceView { code: p.code.clone(), name: p.name.clone() }),
        Some(Err(PlaceError::Unknown { text })) => {
            let problem = Problem {
                error: "unknown".into(),
                text: Some(text.clone()),
                message: None,
                candidates: None,
            };
            problems.push(problem);
            None
        }
        Some(Err(PlaceError::Ambiguous { text, candidates })) => {
            problems.push(Problem {
                error: "ambiguous".into(),
                text: Some(text.clone()),
                message: None,
                candidates: Some(candidates.clone()),
            });
            None
        }
        None => None,
    }
}

fn date(heard: &Option<Result<Date, DateError>>, problems: &mut Vec<Problem>) -> Option<Date> {
    match heard {
        Some(Ok(d)) => Some(*d),
        Some(Err(e)) => {
            let problem = Problem {
                error: e.kind.as_str().into(),
                text: None,
                message: Some(e.message.clone()),
                candidates: None,
            };
            problems.push(problem);
            None
        }
        None => None,
    }
}
