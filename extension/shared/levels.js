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
