// Cell checks shared by the feeds: every cell arrives as text, and a refused cell gets a
// message a retailer's IT can act on (the column's name and what it must be).
import { z } from 'zod';

export const blank = (v: string) => v.trim() === '';

/** Why a cell is refused, as the report says it. */
class Refused {
  constructor(readonly message: string) {}
}

/** How a cell's trimmed text is read into a value, or why it is refused. */
type Reader<T> = (v: string) => T | Refused;

/** The reader behind each cell schema, so a row of cells can be checked without zod's machinery (rowReader.ts). */
const readers = new WeakMap<z.ZodType, Reader<unknown>>();

/**
 * One cell: its trimmed text read into a value, or refused. One zod step per cell: a chain of
 * steps (trim, regex, transform, refine) costs several times more on a million-line feed.
 */
function cell<T>(read: Reader<T>) {
  const schema = z.string().transform((raw, ctx): T => {
    const value = read(raw.trim());
    if (value instanceof Refused) {
      ctx.addIssue({ code: 'custom', message: value.message });
      return z.NEVER;
    }
    return value;
  });
  readers.set(schema, read);
  return schema;
}

/** The value a cell schema made by this module reads from raw text, or undefined when the text is refused (or the schema is not one of these cells). */
export function cellReader(schema: z.ZodType): ((raw: string) => unknown) | undefined {
  const read = readers.get(schema);
  if (!read) return undefined;
  return (raw) => {
    const value = read(raw.trim());
    return value instanceof Refused ? undefined : value;
  };
}

/** A further rule a number must meet, with the message when it does not. */
export interface NumberRule {
  ok: (n: number) => boolean;
  message: string;
}

const WHOLE = /^\d{1,12}$/;
const SIGNED = /^-?\d{1,9}$/;

export const wholeNumber = (name: string, rule?: NumberRule) =>
  cell((v) => {
    if (!WHOLE.test(v)) return new Refused(`${name} must be a whole number of 0 or more`);
    const n = Number(v);
    return rule && !rule.ok(n) ? new Refused(rule.message) : n;
  });

/** A whole number that may be negative (returns are negative quantities). */
export const signedWhole = (name: string, rule?: NumberRule) =>
  cell((v) => {
    if (!SIGNED.test(v)) return new Refused(`${name} must be a whole number (negative for a return)`);
    const n = Number(v);
    return rule && !rule.ok(n) ? new Refused(rule.message) : n;
  });

export const optionalWhole = (name: string) =>
  cell((v) => (v === '' ? null : WHOLE.test(v) ? Number(v) : new Refused(`${name} must be a whole number of 0 or more, or empty`)));

export const optionalText = cell((v) => (v === '' ? null : v));

export const text = (name: string, max = 200) =>
  cell((v) => (v === '' ? new Refused(`${name} is empty`) : v.length > max ? new Refused(`${name} is longer than ${max} characters`) : v));

export const id = (name: string) => text(name, 200);

/** 0/1, true/false; empty = `empty`. */
export const flag = (name: string, empty: 0 | 1 = 0) =>
  cell((v): 0 | 1 | Refused => {
    const lower = v.toLowerCase();
    if (v === '') return empty;
    if (v === '0' || lower === 'false') return 0;
    if (v === '1' || lower === 'true') return 1;
    return new Refused(`${name} must be 0 or 1`);
  });

export const decimal = (name: string) =>
  cell((v) => {
    if (v === '') return 0;
    const n = Number(v);
    return !Number.isFinite(n) || n < 0 ? new Refused(`${name} must be a number of 0 or more`) : n;
  });

export const oneOf = <const T extends readonly [string, ...string[]]>(name: string, values: T) =>
  cell((v): T[number] | Refused => {
    const lower = v.toLowerCase();
    return values.includes(lower) ? lower : new Refused(`${name} must be one of ${values.join(', ')}`);
  });

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** The last text read and what it read as: an order's lines repeat its time one after another. */
let lastTime: { text: string; iso: string | null } = { text: '', iso: null };

/** A date or date-time (ISO 8601); stored as UTC ISO text. A time without a zone is read as UTC. */
export function toIsoTime(v: string): string | null {
  if (v === lastTime.text) return lastTime.iso;
  const iso = readIsoTime(v);
  lastTime = { text: v, iso };
  return iso;
}

function readIsoTime(v: string): string | null {
  const s = v.trim();
  if (!ISO_TIME.test(s)) return null;
  const withZone = /[T ]\d{2}:\d{2}/.test(s) && !/(?:Z|[+-]\d{2}:?\d{2})$/.test(s) ? `${s.replace(' ', 'T')}Z` : s.replace(' ', 'T');
  const t = Date.parse(withZone);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export const isoTime = (name: string) =>
  cell((v) => toIsoTime(v) ?? new Refused(`${name} must be a date-time like 2026-11-23T14:05:00Z (or a date 2026-11-23)`));

export const optionalIsoTime = (name: string) =>
  cell((v) => (v === '' ? null : (toIsoTime(v) ?? new Refused(`${name} must be a date-time like 2026-11-23T14:05:00Z, or empty`))));
