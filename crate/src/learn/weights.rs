//! The learned scorer's weights file: one small linear head per [`Family`], quantised to one
//! signed byte per weight, shipped inside the module.
//!
//! Layout (little-endian): `b"HUWM"`, version (1), `bits`, head count (4), a zero byte; then per
//! head its scale, bias and three thresholds (f32 each); then `2^bits` rows of one i8 per head
//! (a bucket's weights sit together, so a feature costs one read). A head's logit is
//! `scale * Σ w · norm(n) + bias` over the message's `n` features (see [`norm`]); its thresholds mark the logits at
//! which it counts as supporting evidence, a clear sign and a strong one (weights 1, 2, 3 in the
//! rules' terms), chosen by the trainer on out-of-fold scores. What the analyser lets a head's
//! weight do beside the rules is decided there (`analyser::gate_learned`), not here.

use crate::model::Family;

const MAGIC: &[u8; 4] = b"HUWM";
const VERSION: u8 = 2;
/// Number of heads (one per family).
pub const HEADS: usize = Family::ALL.len();
const HEADER: usize = 8;
const HEAD_PARAMS: usize = 5 * 4;

/// A message's features are scaled by `1/√max(n, NORM_FLOOR)`: long messages don't outweigh
/// short ones, and a two-word message can't reach a high score on one or two odd words.
pub const NORM_FLOOR: usize = 40;

/// The scale of each feature of a message with `n` features (training uses the same).
pub fn norm(n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        1.0 / (n.max(NORM_FLOOR) as f64).sqrt()
    }
}

/// One head's parameters besides its weights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Head {
    /// Multiplier that turns a sum of quantised weights back into logit units.
    pub scale: f32,
    /// The head's bias (logit units).
    pub bias: f32,
    /// Logits at which the head counts as weight 1, 2 and 3 (ascending).
    pub thresholds: [f32; 3],
}

/// A loaded scorer: `2^bits` buckets × [`HEADS`] quantised weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorer {
    /// Hash table size as a power of two.
    pub bits: u32,
    /// Per family, in [`Family::ALL`] order.
    pub heads: [Head; HEADS],
    /// Row-major: bucket `b`'s weight for head `h` is `weights[b * HEADS + h]`.
    pub weights: Vec<i8>,
}

/// Why a weights file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadWeights(pub &'static str);

impl std::fmt::Display for BadWeights {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad weights file: {}", self.0)
    }
}

impl std::error::Error for BadWeights {}

fn f32_at(b: &[u8], at: usize) -> f32 {
    let mut four = [0u8; 4];
    four.copy_from_slice(&b[at..at + 4]);
    f32::from_le_bytes(four)
}

impl Scorer {
    /// A scorer that never counts anything (every threshold infinite): the engine is the rules alone.
    pub fn silent() -> Scorer {
        let head = Head { scale: 0.0, bias: 0.0, thresholds: [f32::INFINITY; 3] };
        Scorer { bits: 1, heads: [head; HEADS], weights: vec![0; 2 * HEADS] }
    }

    /// Reads a weights file.
    pub fn from_bytes(b: &[u8]) -> Result<Scorer, BadWeights> {
        if b.len() < HEADER || &b[..4] != MAGIC {
            return Err(BadWeights("not a Heads Up weights file"));
        }
        if b[4] != VERSION {
            return Err(BadWeights("unknown version"));
        }
        let bits = u32::from(b[5]);
        if !(1..=24).contains(&bits) || usize::from(b[6]) != HEADS {
            return Err(BadWeights("unexpected shape"));
        }
        let rows = 1usize << bits;
        let body = HEADER + HEADS * HEAD_PARAMS;
        if b.len() != body + rows * HEADS {
            return Err(BadWeights("wrong length"));
        }
        let mut heads = [Head { scale: 0.0, bias: 0.0, thresholds: [0.0; 3] }; HEADS];
        for (h, head) in heads.iter_mut().enumerate() {
            let at = HEADER + h * HEAD_PARAMS;
            let v: Vec<f32> = (0..5).map(|k| f32_at(b, at + 4 * k)).collect();
            if v.iter().any(|x| x.is_nan()) || !(v[2] <= v[3] && v[3] <= v[4]) {
                return Err(BadWeights("bad head parameters"));
            }
            *head = Head { scale: v[0], bias: v[1], thresholds: [v[2], v[3], v[4]] };
        }
        let weights = b[body..].iter().map(|&x| x as i8).collect();
        Ok(Scorer { bits, heads, weights })
    }

    /// Writes the weights file [`Scorer::from_bytes`] reads.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + HEADS * HEAD_PARAMS + self.weights.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[VERSION, self.bits as u8, HEADS as u8, 0]);
        for h in &self.heads {
            for v in [h.scale, h.bias, h.thresholds[0], h.thresholds[1], h.thresholds[2]] {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out.extend(self.weights.iter().map(|&w| w as u8));
        out
    }

    /// Each head's logit for a message's features (sorted bucket indices from
    /// [`super::features::extract`] with the same `bits`).
    pub fn logits(&self, features: &[u32]) -> [f32; HEADS] {
        let mut sums = [0i32; HEADS];
        for &f in features {
            let at = f as usize * HEADS;
            if let Some(row) = self.weights.get(at..at + HEADS) {
                for (s, &w) in sums.iter_mut().zip(row) {
                    *s += i32::from(w);
                }
            }
        }
        let norm = norm(features.len()) as f32;
        let mut out = [0.0; HEADS];
        for (h, o) in out.iter_mut().enumerate() {
            *o = self.heads[h].scale * sums[h] as f32 * norm + self.heads[h].bias;
        }
        out
    }

    /// The weight (0–3) a head's logit earns.
    pub fn weight(&self, head: usize, logit: f32) -> u8 {
        self.heads[head].thresholds.iter().filter(|&&t| logit >= t).count() as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let mut s = Scorer::silent();
        s.bits = 3;
        s.weights = (0..8 * HEADS as i32).map(|i| (i * 7 - 50) as i8).collect();
        s.heads[2] = Head { scale: 0.5, bias: -1.0, thresholds: [0.0, 1.0, 2.0] };
        assert_eq!(Scorer::from_bytes(&s.to_bytes()), Ok(s));
    }

    #[test]
    fn refuses_what_is_not_a_weights_file() {
        assert!(Scorer::from_bytes(b"").is_err());
        assert!(Scorer::from_bytes(b"HUWM\x01\x03\x04\x00").is_err(), "too short for its shape");
        let mut b = Scorer::silent().to_bytes();
        b.push(0);
        assert!(Scorer::from_bytes(&b).is_err());
    }

    #[test]
    fn silent_never_counts() {
        let s = Scorer::silent();
        let l = s.logits(&[0, 1]);
        assert!((0..HEADS).all(|h| s.weight(h, l[h]) == 0));
    }
}
