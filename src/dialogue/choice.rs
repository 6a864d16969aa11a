//! Which offer the caller means: "option two", "the cheapest", "the 8 am". The dialogue owns
//! this (offers only generate and read out), so offers never depend on understanding.

use crate::offers::{self, Offer};
use crate::trip::OptionChoice;

/// Which offer the caller picked (index into `offers`), or `None` when nothing fits.
/// `Time` matches the nearest departure within 30 minutes ("the 8 am" finds 08:05); a morning
/// time with no match is also tried as pm ("the 6 o'clock" finds 18:10).
pub fn select(offers: &[Offer], choice: OptionChoice) -> Option<usize> {
    if offers.is_empty() {
        return None;
    }
    let depart = |o: &Offer| offers::parse_clock(&o.depart_time);
    let indexed = || offers.iter().enumerate();
    match choice {
        OptionChoice::Position(n) => {
            let n = usize::from(n);
            (1..=offers.len()).contains(&n).then(|| n - 1)
        }
        OptionChoice::Last => Some(offers.len() - 1),
        OptionChoice::Cheapest => indexed().min_by_key(|(i, o)| (o.price_usd, *i)).map(|(i, _)| i),
        OptionChoice::Fastest => {
            indexed().min_by_key(|(i, o)| (total_minutes(o), *i)).map(|(i, _)| i)
        }
        OptionChoice::Earliest => {
            indexed().filter_map(|(i, o)| Some((depart(o)?, i))).min().map(|(_, i)| i)
        }
        OptionChoice::Latest => indexed()
            .filter_map(|(i, o)| Some((depart(o)?, std::cmp::Reverse(i))))
            .max()
            .map(|(_, std::cmp::Reverse(i))| i),
        OptionChoice::Nonstop => offers
            .iter()
            .position(|o| o.stops == 0 && o.return_flight.as_ref().is_none_or(|r| r.stops == 0)),
        OptionChoice::DayPart(part) => indexed()
            .find(|(_, o)| depart(o).is_some_and(|m| part.minutes().contains(&m)))
            .map(|(i, _)| i),
        OptionChoice::Time(minutes) => {
            let nearest = |target: u32| {
                indexed()
                    .filter_map(|(i, o)| Some((depart(o)?.abs_diff(target), i)))
                    .filter(|(gap, _)| *gap <= 30)
                    .min()
                    .map(|(_, i)| i)
            };
            let target = u32::from(minutes);
            nearest(target)
                .or_else(|| if target < 12 * 60 { nearest(target + 12 * 60) } else { None })
        }
    }
}

/// Minutes in the air and connecting, both ways for a round trip ("the fastest").
fn total_minutes(offer: &Offer) -> u32 {
    u32::from(offer.duration_minutes)
        + offer.return_flight.as_ref().map_or(0, |r| u32::from(r.duration_minutes))
}
