// Affinities as a spreadsheet: export writes every field; import checks every row and applies
// the file only when all of them are good, so a half-imported table never exists.
import type Database from 'better-sqlite3';
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { CsvExport, CsvImportReport, CsvRowReport, Editor, MerchAffinity, MerchPolicy } from '../contract/areas/merchTypes.js';
import { statement } from '../db/statements.js';
import { neutralizeCell, restoreCell, unsafeCharacter } from '../text/csvSafety.js';
import { assertRevision, getDraft, saveDraft } from './draft.js';
import { canonicalAffinity } from './policy.js';
import { affinityFieldProblems, loadReferences, type References } from './validate.js';

export const CSV_COLUMNS = ['id', 'from_category', 'to_category', 'skus', 'min_delay_days', 'max_delay_days', 'weight', 'season_start', 'season_end', 'stores', 'active', 'note'] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['from_category', 'to_category', 'min_delay_days', 'max_delay_days'];

export function exportAffinities(policy: MerchPolicy, label: string, now: Date): CsvExport {
  const rows = policy.affinities.map((a) => [
    a.id, a.fromCategoryId, a.toCategoryId, a.skus.join(' '), a.minDelayDays, a.maxDelayDays, a.weight, a.seasonStart ?? '', a.seasonEnd ?? '', a.storeIds.join(' '), a.active ? 'yes' : 'no', a.note,
  ]);
  return {
    fileName: `affinities-${label}-${now.toISOString().slice(0, 10)}.csv`,
    // Text cells that a spreadsheet would run as a formula are exported as text.
    csv: stringify([[...CSV_COLUMNS], ...rows], { cast: { string: neutralizeCell } }),
    rows: rows.length,
  };
}

/** Parses and checks `csv`; writes the draft only when every row is accepted. */
export function importAffinities(db: Database.Database, csv: string, mode: 'merge' | 'replace', baseRevision: number, editor: Editor, now: Date): CsvImportReport {
  const draft = getDraft(db);
  assertRevision(draft, baseRevision);
  const refusal = (fileErrors: string[], rows: CsvRowReport[] = []): CsvImportReport => ({
    imported: false, fileErrors, rows, added: 0, updated: 0, unchanged: 0, rejected: rows.filter((r) => r.status === 'rejected').length, removed: 0, draft,
  });

  if (looksBinary(csv)) return refusal([NOT_A_CSV]);
  let records: string[][];
  try {
    records = parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (err) {
    return refusal([err instanceof CsvError ? `The file is not valid CSV: ${err.message}` : 'The file is not valid CSV.']);
  }
  const [header, ...body] = records;
  if (!header) return refusal(['The file is empty.']);
  const columns = header.map((h) => h.toLowerCase());
  const unknown = columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  const headerErrors = [
    ...(unknown.length ? [`Unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`] : []),
    ...(missing.length ? [`Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`] : []),
    ...(repeated.length ? [`Repeated column${repeated.length > 1 ? 's' : ''}: ${[...new Set(repeated)].join(', ')}.`] : []),
  ];
  if (headerErrors.length) return refusal([...headerErrors, `Expected columns: ${CSV_COLUMNS.join(', ')}.`]);
  if (body.length === 0) return refusal(['The file has a header but no rows.']);

  const refs = loadReferences(db);
  const resolve = categoryResolver(db);
  const existing = new Map(draft.policy.affinities.map((a) => [a.id, canonicalAffinity(a)]));
  const seen = new Set<string>();
  const reports: CsvRowReport[] = [];
  const accepted: MerchAffinity[] = [];
  body.forEach((fields, i) => {
    const line = i + 2;
    const { affinity, errors } = readRow(fields, columns as Column[], resolve, refs);
    if (affinity && seen.has(affinity.id)) errors.push(`id ${affinity.id} appears twice in the file`);
    if (affinity) seen.add(affinity.id);
    if (!affinity || errors.length) {
      reports.push({ line, affinityId: affinity?.id ?? null, status: 'rejected', errors });
      return;
    }
    const before = existing.get(affinity.id);
    const status = !before ? 'added' : JSON.stringify(before) === JSON.stringify(affinity) ? 'unchanged' : 'updated';
    reports.push({ line, affinityId: affinity.id, status, errors: [] });
    accepted.push(affinity);
  });

  const count = (s: CsvRowReport['status']) => reports.filter((r) => r.status === s).length;
  if (count('rejected') > 0) return refusal([`${count('rejected')} of ${reports.length} rows have problems: nothing was imported.`], reports);

  const byId = new Map(accepted.map((a) => [a.id, a]));
  const kept = mode === 'replace' ? [] : draft.policy.affinities.filter((a) => !byId.has(a.id));
  const removed = mode === 'replace' ? draft.policy.affinities.filter((a) => !byId.has(a.id)).length : 0;
  const saved = saveDraft(db, baseRevision, { ...draft.policy, affinities: [...kept, ...accepted] }, editor, now);
  return { imported: true, fileErrors: [], rows: reports, added: count('added'), updated: count('updated'), unchanged: count('unchanged'), rejected: 0, removed, draft: saved };
}

function readRow(fields: string[], columns: Column[], resolve: (s: string) => string | null, refs: References): { affinity: MerchAffinity | null; errors: string[] } {
  const errors: string[] = [];
  if (fields.length !== columns.length) {
    return { affinity: null, errors: [`has ${fields.length} field${fields.length === 1 ? '' : 's'}; the header has ${columns.length}`] };
  }
  const get = (c: Column): string => restoreCell(fields[columns.indexOf(c)] ?? '');
  const has = (c: Column) => columns.includes(c);
  fields.forEach((f, i) => {
    const bad = unsafeCharacter(f);
    if (bad) errors.push(`${columns[i]}: contains ${bad}`);
  });
  if (errors.length) return { affinity: null, errors };

  const category = (c: Column): string => {
    const raw = get(c);
    if (!raw) {
      errors.push(`${c} is empty`);
      return raw;
    }
    const id = resolve(raw);
    if (!id) errors.push(`${c}: unknown category “${raw}”`);
    return id ?? raw;
  };
  const days = (c: Column): number => {
    const raw = get(c);
    const n = Number(raw);
    if (raw === '' || !Number.isInteger(n)) errors.push(`${c}: “${raw}” is not a whole number of days`);
    else if (n < 0) errors.push(`${c}: ${n} is negative`);
    return n;
  };

  const fromCategoryId = category('from_category');
  const toCategoryId = category('to_category');
  const minDelayDays = days('min_delay_days');
  const maxDelayDays = days('max_delay_days');
  let weight = 1;
  if (has('weight') && get('weight') !== '') {
    weight = Number(get('weight'));
    if (!Number.isFinite(weight)) errors.push(`weight: “${get('weight')}” is not a number`);
  }
  let active = true;
  if (has('active') && get('active') !== '') {
    const v = get('active').toLowerCase();
    if (['yes', 'true', '1', 'y'].includes(v)) active = true;
    else if (['no', 'false', '0', 'n'].includes(v)) active = false;
    else errors.push(`active: “${get('active')}” is not yes or no`);
  }
  const list = (c: Column) => (has(c) ? get(c).split(/[\s;,]+/).filter(Boolean) : []);
  const note = has('note') ? get('note') : '';
  if ([...note].length > 500) errors.push('note: at most 500 characters');
  const id = has('id') && get('id') ? get('id') : `${fromCategoryId.split('/').pop()}-${toCategoryId.split('/').pop()}`;
  if (!/^[A-Za-z0-9._:-]{1,64}$/.test(id)) errors.push(`id: “${id}” may use only letters, digits, . _ : - (at most 64)`);

  const affinity = canonicalAffinity({
    id,
    fromCategoryId,
    toCategoryId,
    skus: list('skus'),
    minDelayDays,
    maxDelayDays,
    weight,
    seasonStart: (has('season_start') && get('season_start')) || null,
    seasonEnd: (has('season_end') && get('season_end')) || null,
    storeIds: list('stores'),
    active,
    note,
  });
  // the same checks as the table's inline edit, minus the ones already reported above
  if (errors.length === 0) for (const p of affinityFieldProblems(affinity, refs)) errors.push(`${fieldColumn(p.path)}: ${p.message}`);
  return { affinity, errors };
}

/** Categories may be written as ids ('outdoor/camping/tents') or as shown ('Outdoor > Camping > Tents'). */
function categoryResolver(db: Database.Database): (s: string) => string | null {
  const rows = statement(db, `SELECT id, path_name AS pathName FROM categories`).all() as { id: string; pathName: string }[];
  const byKey = new Map<string, string>();
  for (const r of rows) {
    byKey.set(r.id.toLowerCase(), r.id);
    byKey.set(r.pathName.toLowerCase().replace(/\s*>\s*/g, '>'), r.id);
  }
  return (s) => byKey.get(s.toLowerCase()) ?? byKey.get(s.toLowerCase().replace(/\s*>\s*/g, '>')) ?? null;
}

const COLUMN_OF: Record<string, Column> = {
  fromCategoryId: 'from_category', toCategoryId: 'to_category', minDelayDays: 'min_delay_days', maxDelayDays: 'max_delay_days',
  seasonStart: 'season_start', seasonEnd: 'season_end', storeIds: 'stores', skus: 'skus', weight: 'weight',
};
function fieldColumn(path: string): string {
  const field = path.split('.').pop() ?? '';
  return COLUMN_OF[field] ?? 'row';
}

const NOT_A_CSV = 'This is not a CSV file: it looks like an image, a spreadsheet or another binary file. In your spreadsheet, use Save as → CSV (comma-separated) and import that file.';

/**
 * Sniffs the content, not the file name: text never holds NUL, and a binary file read as UTF-8
 * (PNG, XLSX, PDF…) is full of U+FFFD replacement characters.
 */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  if (head.includes('\u0000')) return true;
  let replaced = 0;
  for (const ch of head) if (ch === '\uFFFD') replaced++;
  // A stray odd character in real text is not enough: binary garbage is dense.
  return replaced >= 8 && replaced / head.length > 0.02;
}
