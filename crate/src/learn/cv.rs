//! Training with honest thresholds, and cross-validation grouped by source.
//!
//! A head's thresholds are logits on *out-of-fold* scores: the training lines are split again
//! by group, a model trained on the other parts scores each part, and the thresholds are read
//! off those scores (the share of hard negatives and of everyday chat each weight may reach).
//! Then the model is trained on all the training lines and given those thresholds. The lines
//! being evaluated are never seen, not even for thresholds.

use super::data::{fold_of, Line, Origin};
use super::train::{fit, threshold_for_rate, Example, Params};
use super::weights::{Scorer, HEADS};
use crate::model::Family;

/// Per weight (1, 2, 3): the share of real hard negatives a head may reach.
pub const HARD_RATE: [f64; 3] = [0.04, 0.01, 0.003];
/// Per weight (1, 2, 3): the share of everyday chat lines a head may reach. Chats of 100 lines
/// multiply these, so they are far stricter than the hard-negative ones.
pub const EVERYDAY_RATE: [f64; 3] = [0.002, 0.0003, 0.0001];
/// Generated lines count at most this much of a real line, and together at most this share
/// of the real lines' weight of the same family (or of the benign lines).
pub const GENERATED_WEIGHT: f32 = 0.5;
/// Folds of the inner split that sets thresholds.
pub const INNER_FOLDS: usize = 4;

/// Lines with their features computed once.
pub struct Set {
    /// The lines.
    pub lines: Vec<Line>,
    /// Per line, its feature buckets.
    pub features: Vec<Vec<u32>>,
    /// Hash table size the features were computed for.
    pub bits: u32,
}

impl Set {
    /// Computes every line's features.
    pub fn new(lines: Vec<Line>, bits: u32) -> Set {
        let features = lines.iter().map(|l| super::message_features(&l.text, l.from, bits)).collect();
        Set { lines, features, bits }
    }

    fn labels(line: &Line) -> [Option<bool>; HEADS] {
        let mut out = [None; HEADS];
        for (h, slot) in out.iter_mut().enumerate() {
            *slot = match line.family {
                None => Some(false),
                Some(f) if f as usize == h => Some(true),
                Some(_) => None,
            };
        }
        out
    }

    /// Training examples for the lines at `idx`, generated lines weighted down (see
    /// [`GENERATED_WEIGHT`]).
    pub fn examples(&self, idx: &[usize]) -> Vec<Example> {
        // Real weight and generated count per family (index HEADS = benign).
        let key = |l: &Line| l.family.map_or(HEADS, |f| f as usize);
        let mut real = [0f32; HEADS + 1];
        let mut generated = [0f32; HEADS + 1];
        for &i in idx {
            let l = &self.lines[i];
            if l.origin == Origin::Generated {
                generated[key(l)] += 1.0;
            } else {
                real[key(l)] += 1.0;
            }
        }
        idx.iter()
            .map(|&i| {
                let l = &self.lines[i];
                let weight = if l.origin == Origin::Generated {
                    let k = key(l);
                    let cap = if generated[k] > 0.0 { GENERATED_WEIGHT * real[k].max(1.0) / generated[k] } else { 0.0 };
                    GENERATED_WEIGHT.min(cap)
                } else {
                    1.0
                };
                Example { features: self.features[i].clone(), labels: Self::labels(l), weight }
            })
            .collect()
    }
}

/// Reads a head's thresholds off out-of-fold logits `(line index, logits)`.
pub fn set_thresholds(scorer: &mut Scorer, set: &Set, oof: &[(usize, [f32; HEADS])]) {
    for h in 0..HEADS {
        let pick = |want: &dyn Fn(&Line) -> bool| -> Vec<f32> {
            oof.iter().filter(|(i, _)| want(&set.lines[*i])).map(|(_, l)| l[h]).collect()
        };
        let hard = pick(&|l| l.family.is_none() && l.origin == Origin::Real);
        let everyday = pick(&|l| l.family.is_none() && l.origin == Origin::Everyday);
        let mut t = [0f32; 3];
        for j in 0..3 {
            t[j] = threshold_for_rate(&hard, HARD_RATE[j]).max(threshold_for_rate(&everyday, EVERYDAY_RATE[j]));
            if j > 0 {
                t[j] = t[j].max(t[j - 1]);
            }
        }
        scorer.heads[h].thresholds = t;
    }
}

/// Trains on the lines at `train` with thresholds from an inner grouped split of them.
pub fn fit_with_thresholds(set: &Set, train: &[usize], params: &Params) -> Scorer {
    let mut oof = Vec::new();
    for f in 0..INNER_FOLDS {
        let inner = |i: &usize| fold_of(&format!("{}/inner", set.lines[*i].group), INNER_FOLDS) == f;
        let tr: Vec<usize> = train.iter().copied().filter(|i| !inner(i)).collect();
        let te: Vec<usize> = train.iter().copied().filter(|i| inner(i) && set.lines[*i].origin != Origin::Generated).collect();
        let s = fit(&set.examples(&tr), params);
        oof.extend(te.into_iter().map(|i| (i, s.logits(&set.features[i]))));
    }
    let mut scorer = fit(&set.examples(train), params);
    set_thresholds(&mut scorer, set, &oof);
    scorer
}

/// The outer folds: for each, the scorer trained without it. A line is in fold
/// `fold_of(group, k)`; generated lines are only ever trained on (when `with_generated`).
pub fn cross_validate(set: &Set, k: usize, params: &Params, with_generated: bool) -> Vec<Scorer> {
    (0..k)
        .map(|f| {
            let train: Vec<usize> = (0..set.lines.len())
                .filter(|&i| {
                    let l = &set.lines[i];
                    match l.origin {
                        Origin::Generated => with_generated,
                        _ => fold_of(&l.group, k) != f,
                    }
                })
                .collect();
            fit_with_thresholds(set, &train, params)
        })
        .collect()
}

/// The family a head stands for.
pub fn family(head: usize) -> Family {
    Family::ALL[head]
}

/// Trains on every one of `lines` (thresholds from an inner grouped split of them), keeping the
/// features computed for them.
pub fn train_all(lines: Vec<Line>, params: &Params) -> (Scorer, Set) {
    let set = Set::new(lines, params.bits);
    let all: Vec<usize> = (0..set.lines.len()).collect();
    (fit_with_thresholds(&set, &all, params), set)
}

/// The scorer the extension ships: trained on the real lines and everyday chat under `data`
/// (not the generated ones: cross-validated, they added no recall and 0.5–0.7 points of
/// everyday chats at warning; see the README's evaluation section), with the default settings.
/// Deterministic: the same data gives the same bytes as `crate/model/weights.bin`.
pub fn train_shipped(data: &std::path::Path) -> Result<Scorer, super::data::DataError> {
    Ok(train_all(super::data::load(data)?, &Params::default()).0)
}
