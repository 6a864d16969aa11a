//! A tiny deterministic PRNG for the offer generator.
//!
//! Why hand-written rather than the `rand` crate: offers must be identical for the same
//! (seed, route, date) on every platform and every Rust version (tests, harness, wasm), there
//! is no randomness source we want in the core anyway (the seed is an input), and SplitMix64
//! is ten lines — a dependency would only add wasm size.
//!
//! The input hash is FNV-1a rather than `std::hash::DefaultHasher`, whose algorithm is
//! explicitly not guaranteed to stay the same between Rust releases.

/// SplitMix64 (Steele, Lea, Flood 2014): good statistical quality, one u64 of state.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        // 53 random mantissa bits.
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `lo..=hi` (returns `lo` when the range is empty).
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = hi.abs_diff(lo).saturating_add(1);
        // lo + offset <= hi, so the wrapping sum is exact.
        (lo as u64).wrapping_add(self.next_u64() % span) as i64
    }

    /// Uniform in `[-spread, +spread]`, for multiplicative noise like `1.0 + rng.jitter(0.05)`.
    pub(crate) fn jitter(&mut self, spread: f64) -> f64 {
        (self.unit() * 2.0 - 1.0) * spread
    }

    /// True with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// FNV-1a over a sequence of byte strings, with a separator so ("AB","C") != ("A","BC").
pub(crate) fn hash_parts(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for part in parts {
        for &b in part.iter().chain(std::iter::once(&0xFFu8)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_different_seed_different_stream() {
        let a: Vec<u64> = (0..5).scan(Rng::new(7), |r, _| Some(r.next_u64())).collect();
        let b: Vec<u64> = (0..5).scan(Rng::new(7), |r, _| Some(r.next_u64())).collect();
        let c: Vec<u64> = (0..5).scan(Rng::new(8), |r, _| Some(r.next_u64())).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn range_stays_inside_bounds() {
        let mut r = Rng::new(1);
        for _ in 0..1000 {
            let v = r.range(-3, 4);
            assert!((-3..=4).contains(&v));
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
        }
        assert_eq!(r.range(5, 5), 5);
        assert_eq!(r.range(5, 2), 5);
        let _ = r.range(i64::MIN, i64::MAX);
    }

    #[test]
    fn hash_separates_parts() {
        assert_ne!(hash_parts(&[b"AB", b"C"]), hash_parts(&[b"A", b"BC"]));
        assert_eq!(hash_parts(&[b"ORD"]), hash_parts(&[b"ORD"]));
    }
}
