// Verdict levels from the core, in order of seriousness.
export const LEVELS = Object.freeze(['none', 'caution', 'warning', 'urgent']);

/** Position of a level (unknown levels count as "none"). */
export function rank(level) {
  const i = LEVELS.indexOf(level);
  return i < 0 ? 0 : i;
}

/** True when `level` is at least as serious as `floor`. */
export function atLeast(level, floor) {
  return rank(level) >= rank(floor);
}

/**
 * Does the verdict hold self-harm words written after a dismissal that saw `dismissedCount`
 * messages with such words? (A verdict from an older core without the count counts as one.)
 */
export function newCrisisWords(verdict, dismissedCount) {
  return Boolean(verdict && verdict.crisis) && (Number(verdict.crisisMessages) || 1) > (Number(dismissedCount) || 0);
}
