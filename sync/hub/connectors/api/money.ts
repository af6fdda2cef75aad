// Vendors send money as decimal text ("12.5", "12.50") or numbers; the hub keeps whole cents.

/** Cents of a non-negative decimal amount, exactly (no float rounding); null when it is not one. */
export function toCents(amount: string | number): number | null {
  const s = typeof amount === 'number' ? amount.toFixed(2) : amount.trim();
  const m = /^(\d{1,10})(?:\.(\d{1,6}))?$/.exec(s);
  if (!m) return null;
  const frac = (m[2] ?? '').padEnd(2, '0');
  const cents = Number(m[1]) * 100 + Number(frac.slice(0, 2));
  // Past the cent: round half up.
  return frac.length > 2 && Number(frac[2]) >= 5 ? cents + 1 : cents;
}
