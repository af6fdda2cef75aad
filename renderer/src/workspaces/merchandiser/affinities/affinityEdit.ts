// Pure edits of the affinity list, and reading what a merchandiser types into a cell.
// The device validates ranges and references on save; here we only turn text into values.
import type { MerchAffinity, MerchPolicy } from '../../../../../core/contract/index';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** "7–30", "7-30", "7 to 30" or a single "14" (= 14–14) days. */
export function parseWindow(text: string): ParseResult<{ minDelayDays: number; maxDelayDays: number }> {
  const m = /^\s*(\d+)\s*(?:(?:-|–|—|to)\s*(\d+))?\s*(?:days?|d)?\s*$/i.exec(text);
  if (!m) return { ok: false, message: 'Write the window as days, e.g. 7–30' };
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  if (max < min) return { ok: false, message: 'The window must end after it starts' };
  return { ok: true, value: { minDelayDays: min, maxDelayDays: max } };
}

export function formatWindow(a: Pick<MerchAffinity, 'minDelayDays' | 'maxDelayDays'>): string {
  return a.minDelayDays === a.maxDelayDays ? `${a.minDelayDays} days` : `${a.minDelayDays}–${a.maxDelayDays} days`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** 'MM-DD' → "Apr 1". */
export function formatMonthDay(mmdd: string): string {
  const [m, d] = mmdd.split('-').map(Number);
  return m && d && MONTHS[m - 1] ? `${MONTHS[m - 1]} ${d}` : mmdd;
}

export function formatSeason(a: Pick<MerchAffinity, 'seasonStart' | 'seasonEnd'>): string {
  if (!a.seasonStart || !a.seasonEnd) return 'All year';
  return `${formatMonthDay(a.seasonStart)} – ${formatMonthDay(a.seasonEnd)}`;
}

/** "04-01", "4/1", "Apr 1" or "1 Apr" → '04-01'. */
export function parseMonthDay(text: string): ParseResult<string> {
  const t = text.trim();
  let month: number | undefined;
  let day: number | undefined;
  const numeric = /^(\d{1,2})\s*[-/.]\s*(\d{1,2})$/.exec(t);
  const named = /^([a-z]{3})[a-z]*\.?\s+(\d{1,2})$/i.exec(t) ?? /^(\d{1,2})\s+([a-z]{3})[a-z]*\.?$/i.exec(t);
  if (numeric) {
    month = Number(numeric[1]);
    day = Number(numeric[2]);
  } else if (named) {
    const [word, num] = /^\d/.test(named[1]!) ? [named[2]!, named[1]!] : [named[1]!, named[2]!];
    month = MONTHS.findIndex((m) => m.toLowerCase() === word.slice(0, 3).toLowerCase()) + 1 || undefined;
    day = Number(num);
  }
  if (!month || !day || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return { ok: false, message: `“${t}” is not a day of the year (e.g. Apr 1)` };
  return { ok: true, value: `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

/** Both empty = all year; otherwise both days are needed. */
export function parseSeason(start: string, end: string): ParseResult<{ seasonStart: string | null; seasonEnd: string | null }> {
  if (!start.trim() && !end.trim()) return { ok: true, value: { seasonStart: null, seasonEnd: null } };
  if (!start.trim() || !end.trim()) return { ok: false, message: 'A season needs a first and a last day (leave both empty for all year)' };
  const s = parseMonthDay(start);
  if (!s.ok) return s;
  const e = parseMonthDay(end);
  if (!e.ok) return e;
  return { ok: true, value: { seasonStart: s.value, seasonEnd: e.value } };
}

export function parseWeight(text: string): ParseResult<number> {
  const n = Number(text.trim().replace(',', '.'));
  if (!text.trim() || !Number.isFinite(n)) return { ok: false, message: 'The weight is a number, e.g. 0.8' };
  return { ok: true, value: n };
}

/** SKUs typed as a list: commas, spaces or new lines between them; upper case, no repeats. */
export function parseSkus(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.trim().toUpperCase()).filter(Boolean))];
}

/** A readable id from the two categories, unique in the list ("tents-camp-stoves-2"). */
export function newAffinityId(fromName: string, toName: string, taken: ReadonlySet<string>): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const base = `${slug(fromName)}-${slug(toName)}`.slice(0, 56) || 'affinity';
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export type AffinityPatch = Partial<Omit<MerchAffinity, 'id'>>;

export function updateAffinities(policy: MerchPolicy, ids: ReadonlySet<string>, patch: AffinityPatch): MerchPolicy {
  return { ...policy, affinities: policy.affinities.map((a) => (ids.has(a.id) ? { ...a, ...patch } : a)) };
}

export function removeAffinities(policy: MerchPolicy, ids: ReadonlySet<string>): MerchPolicy {
  return { ...policy, affinities: policy.affinities.filter((a) => !ids.has(a.id)) };
}

/** Adds `affinity`, renaming its id when the list already has it. */
export function addAffinity(policy: MerchPolicy, affinity: MerchAffinity): { policy: MerchPolicy; id: string } {
  const taken = new Set(policy.affinities.map((a) => a.id));
  let id = affinity.id;
  for (let i = 2; taken.has(id); i++) id = `${affinity.id}-${i}`;
  return { policy: { ...policy, affinities: [...policy.affinities, { ...affinity, id }] }, id };
}

/** Problems the device reported for one affinity (any of its fields), by field. */
export function problemsByField(problems: readonly { path: string; message: string }[], affinityId: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const prefix = `affinities.${affinityId}`;
  for (const p of problems) {
    if (p.path !== prefix && !p.path.startsWith(`${prefix}.`)) continue;
    const field = p.path.slice(prefix.length + 1) || 'row';
    out.set(field, [...(out.get(field) ?? []), p.message]);
  }
  return out;
}
