// Choosing help lines (extension/data/helplines.json) for a person: their country (the setting,
// else the region of the browser's language, else international) and audience (under 18 or
// adult). Pure functions, used by the help page and by the background for the warning.

/**
 * The country for help lines: the setting, else the region of the browser's language (its UI
 * language first, then the languages it asks sites for), else INT (international services).
 */
export function countryFor(setting, uiLanguage, languages = []) {
  if (typeof setting === 'string' && /^[A-Z]{2}$/.test(setting)) return setting;
  for (const tag of [uiLanguage, ...languages]) {
    const m = /[-_]([A-Za-z]{2})$/.exec(tag || '');
    if (m) return m[1].toUpperCase();
  }
  return 'INT';
}

const kinds = (e) => (Array.isArray(e.kind) ? e.kind : [e.kind]);

/** Entries for a country and audience (plus the international ones, listed after), crisis lines apart. */
export function linesFor(entries, country, audience) {
  const who = audience === 'adult' ? 'adult' : 'under18';
  const fits = (e) => (e.country === country || e.country === 'INT') && (e.audience === who || e.audience === 'everyone' || !e.audience);
  const local = (e) => (e.country === 'INT' ? 1 : 0);
  const sorted = (entries || []).filter(fits).sort((a, b) => local(a) - local(b));
  return {
    crisis: sorted.filter((e) => kinds(e).includes('crisis')),
    rest: sorted.filter((e) => !kinds(e).includes('crisis')),
    hasLocal: (entries || []).some((e) => e.country === country && fits(e)),
  };
}

/** True for an https: URL (the only links help data may open). */
export function isHttps(url) {
  try { return new URL(url).protocol === 'https:'; } catch { return false; }
}
