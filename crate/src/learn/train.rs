//! Training the learned scorer: logistic regression per head, AdaGrad over hashed features,
//! in a fixed order from a fixed seed, so the same data always gives the same weights file.

use super::weights::{Head, Scorer, HEADS};

/// One training message.
#[derive(Debug, Clone)]
pub struct Example {
    /// Bucket indices (sorted, unique) from the feature extractor.
    pub features: Vec<u32>,
    /// Per head: `Some(true)` a positive, `Some(false)` a negative, `None` not used by that head.
    pub labels: [Option<bool>; HEADS],
    /// How much the line counts (generated lines count less than real ones).
    pub weight: f32,
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Hash table size as a power of two.
    pub bits: u32,
    /// Passes over the data.
    pub epochs: usize,
    /// AdaGrad step size.
    pub rate: f64,
    /// L2 penalty per update on the weights a message touches.
    pub l2: f64,
    /// The shuffle's seed.
    pub seed: u64,
    /// Positives of a head weigh this share of its negatives' total weight.
    pub positive_share: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params { bits: 12, epochs: 12, rate: 0.1, l2: 1e-6, seed: 0x4865_6164_7355_7021, positive_share: 0.5 }
    }
}

/// A small deterministic generator (xorshift64*), so the shuffle never depends on a library's version.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a non-zero seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    /// The next value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// A value in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// Shuffles in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Fits the heads and quantises them; thresholds are left at +∞ for the caller to set.
pub fn fit(examples: &[Example], p: &Params) -> Scorer {
    let rows = 1usize << p.bits;
    let mut w = vec![0f64; rows * HEADS];
    let mut g2 = vec![1e-8f64; rows * HEADS];
    let mut bias = [0f64; HEADS];
    let mut bias_g2 = [1e-8f64; HEADS];
    // Class balance per head: positives together weigh `positive_share` of the negatives.
    let mut scale_pos = [1f64; HEADS];
    for (h, s) in scale_pos.iter_mut().enumerate() {
        let sum = |want: bool| examples.iter().filter(|e| e.labels[h] == Some(want)).map(|e| f64::from(e.weight)).sum::<f64>();
        let (pos, neg) = (sum(true), sum(false));
        if pos > 0.0 {
            *s = p.positive_share * neg / pos;
        }
    }
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng::new(p.seed);
    for _ in 0..p.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let e = &examples[i];
            if e.features.is_empty() {
                continue;
            }
            let x = super::weights::norm(e.features.len());
            for h in 0..HEADS {
                let Some(y) = e.labels[h] else { continue };
                let z: f64 = e.features.iter().map(|&f| w[f as usize * HEADS + h]).sum::<f64>() * x + bias[h];
                let ew = f64::from(e.weight) * if y { scale_pos[h] } else { 1.0 };
                let err = (sigmoid(z) - if y { 1.0 } else { 0.0 }) * ew;
                for &f in &e.features {
                    let k = f as usize * HEADS + h;
                    let g = err * x + p.l2 * w[k];
                    g2[k] += g * g;
                    w[k] -= p.rate * g / g2[k].sqrt();
                }
                bias_g2[h] += err * err;
                bias[h] -= p.rate * err / bias_g2[h].sqrt();
            }
        }
    }
    quantise(&w, &bias, p.bits)
}

/// One signed byte per weight, scaled per head by its largest weight.
fn quantise(w: &[f64], bias: &[f64; HEADS], bits: u32) -> Scorer {
    let mut heads = [Head { scale: 0.0, bias: 0.0, thresholds: [f32::INFINITY; 3] }; HEADS];
    let mut q = vec![0i8; w.len()];
    for h in 0..HEADS {
        let max = w.iter().skip(h).step_by(HEADS).fold(0f64, |m, &x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        for (k, slot) in q.iter_mut().enumerate().skip(h).step_by(HEADS) {
            *slot = (w[k] / scale).round().clamp(-127.0, 127.0) as i8;
        }
        heads[h].scale = scale as f32;
        heads[h].bias = bias[h] as f32;
    }
    Scorer { bits, heads, weights: q }
}

/// The logit at or above which at most `rate` of `scores` lie (the smallest threshold that keeps
/// the share of negatives counted at or under `rate`). Empty scores give +∞.
pub fn threshold_for_rate(scores: &[f32], rate: f64) -> f32 {
    if scores.is_empty() {
        return f32::INFINITY;
    }
    let mut s = scores.to_vec();
    s.sort_by(|a, b| b.total_cmp(a));
    let allowed = (rate * s.len() as f64).floor() as usize;
    // Every score strictly above the threshold counts; put it just above the first one that must not.
    let v = s[allowed.min(s.len() - 1)];
    if allowed >= s.len() {
        f32::NEG_INFINITY
    } else {
        next_up(v)
    }
}

fn next_up(x: f32) -> f32 {
    if x.is_infinite() {
        return x;
    }
    let bits = x.to_bits();
    let next = if x >= 0.0 { bits + 1 } else { bits - 1 };
    if x == 0.0 {
        f32::from_bits(1)
    } else {
        f32::from_bits(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threshold_keeps_the_rate() {
        let scores: Vec<f32> = (0..100).map(|i| i as f32).collect();
        let t = threshold_for_rate(&scores, 0.05);
        assert_eq!(scores.iter().filter(|&&s| s >= t).count(), 5);
        assert_eq!(scores.iter().filter(|&&s| s >= threshold_for_rate(&scores, 0.0)).count(), 0);
    }

    #[test]
    fn learns_a_separable_toy_and_is_deterministic() {
        let mk = |f: u32, y: bool| Example { features: vec![f, 100], labels: [Some(y), None, None, None], weight: 1.0 };
        let data: Vec<Example> = (0..200).map(|i| mk(if i % 2 == 0 { 1 } else { 2 }, i % 2 == 0)).collect();
        let p = Params { bits: 8, ..Params::default() };
        let a = fit(&data, &p);
        let b = fit(&data, &p);
        assert_eq!(a, b);
        assert!(a.logits(&[1, 100])[0] > a.logits(&[2, 100])[0]);
    }
}
