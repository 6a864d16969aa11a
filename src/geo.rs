//! Distances on the globe: flight durations and connection choices come from great-circle
//! kilometres between airports.

const EARTH_RADIUS_KM: f64 = 6371.0;

/// Great-circle distance in km (haversine).
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = sine((lat2 - lat1) / 2.0).powi(2)
        + cosine(lat1) * cosine(lat2) * sine((lon2 - lon1) / 2.0).powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().clamp(0.0, 1.0).asin()
}

/// sin(x) to within 1e-7 (a metre on the ground), by its Taylor series on [-π/2, π/2].
/// Not `f64::sin`: its argument reduction for huge angles is ~3.5 KB of gzipped wasm (measured),
/// and our angles are never beyond a half turn.
fn sine(x: f64) -> f64 {
    use std::f64::consts::{FRAC_PI_2, PI, TAU};
    let x = x - (x / TAU).round() * TAU; // now within [-π, π]
    let x = if x > FRAC_PI_2 {
        PI - x
    } else if x < -FRAC_PI_2 {
        -PI - x
    } else {
        x
    };
    let x2 = x * x;
    let tail = 1.0 - x2 / 110.0 * (1.0 - x2 / 156.0);
    x * (1.0 - x2 / 6.0 * (1.0 - x2 / 20.0 * (1.0 - x2 / 42.0 * (1.0 - x2 / 72.0 * tail))))
}

fn cosine(x: f64) -> f64 {
    sine(std::f64::consts::FRAC_PI_2 - x.abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sine_and_cosine_match_the_standard_library() {
        for i in -4000..=4000 {
            let x = f64::from(i) * 0.001 * std::f64::consts::PI; // -4π..4π
            assert!((sine(x) - x.sin()).abs() < 1e-7, "sin {x}");
            assert!((cosine(x) - x.cos()).abs() < 1e-7, "cos {x}");
        }
        assert!(sine(f64::NAN).is_nan());
    }

    #[test]
    fn distances_are_great_circle_kilometres() {
        let (ord, lhr, syd) = ((41.97, -87.91), (51.47, -0.45), (-33.95, 151.18));
        assert!((distance_km(ord, lhr) - 6346.0).abs() < 10.0, "{}", distance_km(ord, lhr));
        assert!((distance_km(lhr, syd) - 17_000.0).abs() < 50.0, "{}", distance_km(lhr, syd));
        assert_eq!(distance_km(ord, ord), 0.0);
        assert!((distance_km((0.0, 179.9), (0.0, -179.9)) - 22.2).abs() < 0.1);
    }
}
