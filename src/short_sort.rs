//! A stable insertion sort for the short lists the core orders (place candidates, flight legs,
//! connecting hubs: tens of items at most).
//!
//! Not `slice::sort_by`: the standard stable sort is ~4 KB of wasm for each element type it
//! is used with (measured: three call sites were 12 KB); this is a few hundred bytes, and on
//! lists this short it is as fast.

use std::cmp::Ordering;

/// Sort `items` by `compare`, keeping equal items in their order.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && compare(&items[j - 1], &items[j]) == Ordering::Greater {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sort `items` by a key, keeping items with equal keys in their order.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Same order as the standard stable sort, ties included.
        #[test]
        fn agrees_with_the_standard_stable_sort(items in prop::collection::vec((0u8..5, any::<u16>()), 0..60)) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |x| x.0);
            let mut std = items;
            std.sort_by_key(|x| x.0);
            prop_assert_eq!(ours, std);
        }
    }
}
