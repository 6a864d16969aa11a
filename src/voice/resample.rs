//! Microphone audio at whatever rate the browser runs (44.1 or 48 kHz, sometimes 16 kHz) turned
//! into the 16 kHz frames of 256 samples (16 ms) the detector reads.
//!
//! Down-sampling averages the input samples that fall in each output sample's span (a box
//! filter), which keeps most of what lies above 8 kHz from folding back into the speech band;
//! up-sampling (an 8 kHz source) interpolates linearly. Samples that are not finite count as
//! silence and the rest are clipped to [-1, 1], so no input can upset the detector.

/// The detector's sample rate.
pub const RATE: u32 = 16_000;
/// Samples in one detector frame (16 ms at 16 kHz).
pub const FRAME: usize = 256;
/// Milliseconds in one detector frame.
pub const FRAME_MS: u32 = 16;

/// Slowest and fastest input rates accepted; others are clamped into this range.
const MIN_RATE: u32 = 8_000;
const MAX_RATE: u32 = 384_000;

/// A streaming converter from `input_rate` to 16 kHz frames.
#[derive(Debug, Clone)]
pub struct Framer {
    /// Input samples per output sample (>= 1 down-sampling, < 1 up-sampling).
    step: f64,
    /// Down-sampling: how far into the current output sample's span we are (in input samples),
    /// and the weighted sum so far.
    filled: f64,
    sum: f64,
    /// Up-sampling: the previous input sample and the position between it and the next one.
    previous: f32,
    phase: f64,
    pending: Vec<f32>,
}

/// A sample as the detector may read it.
fn clean(sample: f32) -> f32 {
    if sample.is_finite() {
        sample.clamp(-1.0, 1.0)
    } else {
        0.0
    }
}

impl Framer {
    pub fn new(input_rate: u32) -> Self {
        let rate = input_rate.clamp(MIN_RATE, MAX_RATE);
        Framer {
            step: f64::from(rate) / f64::from(RATE),
            filled: 0.0,
            sum: 0.0,
            previous: 0.0,
            phase: 0.0,
            pending: Vec::with_capacity(FRAME),
        }
    }

    /// Feed input samples; `on_frame` gets every complete 16 kHz frame, in order.
    pub fn push(&mut self, input: &[f32], mut on_frame: impl FnMut(&[f32; FRAME])) {
        for &raw in input {
            let sample = clean(raw);
            if self.step >= 1.0 {
                self.take_down(sample, &mut on_frame);
            } else {
                self.take_up(sample, &mut on_frame);
            }
        }
    }

    fn take_down(&mut self, sample: f32, on_frame: &mut impl FnMut(&[f32; FRAME])) {
        let mut left = 1.0f64;
        while self.filled + left >= self.step {
            let part = self.step - self.filled;
            self.sum += f64::from(sample) * part;
            left -= part;
            let value = (self.sum / self.step) as f32;
            self.sum = 0.0;
            self.filled = 0.0;
            self.emit(value, on_frame);
        }
        self.sum += f64::from(sample) * left;
        self.filled += left;
    }

    fn take_up(&mut self, sample: f32, on_frame: &mut impl FnMut(&[f32; FRAME])) {
        // Output samples between the previous input sample and this one.
        while self.phase < 1.0 {
            let t = self.phase as f32;
            let value = self.previous + (sample - self.previous) * t;
            self.emit(value, on_frame);
            self.phase += self.step;
        }
        self.phase -= 1.0;
        self.previous = sample;
    }

    fn emit(&mut self, value: f32, on_frame: &mut impl FnMut(&[f32; FRAME])) {
        self.pending.push(value);
        if self.pending.len() == FRAME {
            let mut frame = [0.0f32; FRAME];
            frame.copy_from_slice(&self.pending);
            self.pending.clear();
            on_frame(&frame);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(rate: u32, input: &[f32]) -> Vec<[f32; FRAME]> {
        let mut framer = Framer::new(rate);
        let mut out = Vec::new();
        framer.push(input, |f| out.push(*f));
        out
    }

    #[test]
    fn one_second_at_any_rate_is_62_frames_and_a_half() {
        for rate in [8_000, 16_000, 22_050, 44_100, 48_000, 96_000] {
            let out = frames(rate, &vec![0.25; rate as usize]);
            // 16,000 samples = 62.5 frames: 62 complete.
            assert_eq!(out.len(), 62, "{rate} Hz");
            let last = out.last().into_iter().flatten();
            assert!(last.copied().all(|s| (s - 0.25).abs() < 1e-4), "{rate} Hz keeps the level");
        }
    }

    #[test]
    fn chunks_of_any_size_give_the_same_frames() {
        let input: Vec<f32> = (0..48_000).map(|i| ((i as f32) * 0.01).sin() * 0.5).collect();
        let whole = frames(48_000, &input);
        let mut framer = Framer::new(48_000);
        let mut pieces = Vec::new();
        for chunk in input.chunks(128) {
            framer.push(chunk, |f| pieces.push(*f));
        }
        assert_eq!(whole, pieces);
    }

    #[test]
    fn bad_samples_become_silence_or_full_scale() {
        let out = frames(16_000, &[f32::NAN, f32::INFINITY, -7.0, 3.0].repeat(64));
        assert_eq!(out.len(), 1);
        assert_eq!(&out[0][..4], &[0.0, 0.0, -1.0, 1.0]);
        assert!(frames(0, &[]).is_empty(), "a zero rate is clamped, not divided by");
        assert_eq!(frames(u32::MAX, &vec![0.0; 384_000]).len(), 62);
    }
}
