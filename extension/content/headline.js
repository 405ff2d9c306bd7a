// The warning's headline and first line, drawn from the families of signs the verdict rests on
// (the core's `families`), not from its level: money and a deadline with no threat is a money
// scam, not blackmail; the person's own worried words alone are not a scam at all.

/** Most serious first: the first family present names the warning. */
const ORDER = ['coercion', 'demand', 'grooming', 'distress'];

/**
 * The i18n keys of the title and lead for a verdict: `title_family_<f>` / `lead_family_<f>`,
 * or the level's own (`title_<level>` / `lead_<level>`) when the verdict names no family (an
 * older core, or a level reached without one).
 */
export function headlineKeys(verdict) {
  const all = (Array.isArray(verdict && verdict.families) ? verdict.families : [])
    .filter((f) => f && typeof f.family === 'string');
  // A family a phrase rule found names the warning before one only the learned scorer read
  // (the scorer alone is supporting evidence: "you have 1 hour" may read a little like a threat).
  const named = (list) => new Set(list.map((f) => f.family));
  const byRules = named(all.filter((f) => f.rules));
  const present = byRules.size ? byRules : named(all);
  const family = ORDER.find((f) => present.has(f));
  if (family) return {family, title: `title_family_${family}`, lead: `lead_family_${family}`};
  const level = verdict && verdict.level;
  return {family: null, title: `title_${level}`, lead: `lead_${level}`};
}

/** Every family the warning can be headed by (for tests and string checks). */
export const HEADLINE_FAMILIES = Object.freeze([...ORDER]);
