// A report's range as whole months (read from the monthly sums) and the days at its edges (read
// from the daily roll-ups): a year of days becomes 12 monthly rows per key and a few days.
const NONE = { start: '9999-99', end: '0000-00' }; // an empty BETWEEN

export interface RangeParts {
  /** First and last whole month (YYYY-MM), or an empty range. */
  months: { start: string; end: string };
  /** The days before the first whole month and after the last (each an empty range when there are none). */
  head: { start: string; end: string };
  tail: { start: string; end: string };
}

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const firstOfNextMonth = (month: string) => {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return dayOf(d.getTime());
};

export function rangeParts(from: string, to: string): RangeParts {
  const firstWhole = from.endsWith('-01') ? from.slice(0, 7) : firstOfNextMonth(from.slice(0, 7)).slice(0, 7);
  const lastWhole = dayOf(dayMs(to) + 86_400_000).endsWith('-01') ? to.slice(0, 7) : dayOf(dayMs(`${to.slice(0, 7)}-01`) - 86_400_000).slice(0, 7);
  if (firstWhole > lastWhole) return { months: NONE, head: { start: from, end: to }, tail: { start: NONE.start, end: NONE.end } };
  const headEnd = dayOf(dayMs(`${firstWhole}-01`) - 86_400_000);
  const tailStart = firstOfNextMonth(lastWhole);
  return {
    months: { start: firstWhole, end: lastWhole },
    head: from <= headEnd ? { start: from, end: headEnd } : { start: NONE.start, end: NONE.end },
    tail: tailStart <= to ? { start: tailStart, end: to } : { start: NONE.start, end: NONE.end },
  };
}

/** Rows of a daily roll-up in the range, its whole months read from the monthly table (same columns but `month` for `day`). */
export function unionOfParts(columns: string, daily: string, monthly: string, where: string): string {
  return `SELECT ${columns} FROM ${monthly} WHERE month BETWEEN @m_start AND @m_end ${where}
    UNION ALL SELECT ${columns} FROM ${daily} WHERE (day BETWEEN @h_start AND @h_end OR day BETWEEN @t_start AND @t_end) ${where}`;
}

export function partParams(p: RangeParts): Record<string, string> {
  return { m_start: p.months.start, m_end: p.months.end, h_start: p.head.start, h_end: p.head.end, t_start: p.tail.start, t_end: p.tail.end };
}
