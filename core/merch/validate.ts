// Field-by-field validation of a draft: what the console shows next to each input, and what
// publishing requires to be empty. Stricter than the engine's sanitizing, never looser.
import type Database from 'better-sqlite3';
import type { FieldProblem, GuardrailKey, MerchAffinity, MerchPolicy } from '../contract/areas/merchTypes.js';
import { statement } from '../db/statements.js';
import { ALLOWED_INCENTIVES, SHOPPER_TYPES } from '../engine/incentives.js';
import { affinityCycles } from '../engine/validate.js';
import { affinityWeightProblem, guardrailRangeProblem } from '../../sync/protocol/policy.js';
import { GUARDRAIL_FIELDS } from './fields.js';

/** What a policy may refer to. */
export interface References {
  categories: ReadonlySet<string>;
  stores: ReadonlySet<string>;
  hasSku(sku: string): boolean;
}

export function loadReferences(db: Database.Database): References {
  const categories = new Set((statement(db, `SELECT id FROM categories`).all() as { id: string }[]).map((r) => r.id));
  const stores = new Set((statement(db, `SELECT id FROM locations WHERE kind = 'store'`).all() as { id: string }[]).map((r) => r.id));
  const sku = statement(db, `SELECT 1 FROM products WHERE sku = ?`);
  return { categories, stores, hasSku: (s) => sku.get(s) !== undefined };
}

export function validateDraft(p: MerchPolicy, refs: References): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const f of GUARDRAIL_FIELDS) {
    const v = p.guardrails[f.key as GuardrailKey];
    const path = `guardrails.${f.key}`;
    const range = guardrailRangeProblem(f.key as GuardrailKey, v);
    if (range) problems.push({ path, message: range.message });
    else if (f.integer && !Number.isInteger(v)) problems.push({ path, message: 'must be a whole number' });
  }
  for (const a of p.affinities) problems.push(...affinityFieldProblems(a, refs));
  for (const b of p.blockedCategories) if (!refs.categories.has(b)) problems.push({ path: `blockedCategories.${b}`, message: `unknown category ${b}` });
  for (const type of SHOPPER_TYPES) {
    for (const kind of p.incentives[type] ?? []) {
      if (!ALLOWED_INCENTIVES[type].includes(kind)) problems.push({ path: `incentives.${type}`, message: `${kind.replace('_', ' ')} may not be offered to this shopper type` });
    }
  }
  for (const cycle of affinityCycles(p.affinities.filter((a) => a.active))) {
    problems.push({ path: 'cycle', message: `affinities lead in a circle: ${cycle.join(' → ')}` });
  }
  return problems;
}

/** Problems of one affinity, each on its field (`affinities.<id>.<field>`). */
export function affinityFieldProblems(a: MerchAffinity, refs: References): FieldProblem[] {
  const out: FieldProblem[] = [];
  const at = (field: keyof MerchAffinity | null, message: string) => out.push({ path: field ? `affinities.${a.id}.${field}` : `affinities.${a.id}`, message });
  if (!refs.categories.has(a.fromCategoryId)) at('fromCategoryId', `unknown category ${a.fromCategoryId}`);
  if (!refs.categories.has(a.toCategoryId)) at('toCategoryId', `unknown category ${a.toCategoryId}`);
  if (a.fromCategoryId === a.toCategoryId && a.skus.length === 0) at('toCategoryId', 'leads from a category to itself');
  if (!Number.isInteger(a.minDelayDays) || a.minDelayDays < 0) at('minDelayDays', 'must be a whole number of days, 0 or more');
  if (!Number.isInteger(a.maxDelayDays) || a.maxDelayDays < 0) at('maxDelayDays', 'must be a whole number of days, 0 or more');
  else if (a.maxDelayDays < a.minDelayDays) at('maxDelayDays', 'the window ends before it starts');
  const weight = affinityWeightProblem(a.weight);
  if (weight) at('weight', `must be above 0 and at most ${weight.max}`);
  for (const field of ['seasonStart', 'seasonEnd'] as const) {
    const d = a[field];
    if (d !== null && !isMonthDay(d)) at(field, `${d} is not a day of the year (MM-DD)`);
  }
  if ((a.seasonStart === null) !== (a.seasonEnd === null)) at(a.seasonStart === null ? 'seasonStart' : 'seasonEnd', 'a season needs both a start and an end');
  const unknownSkus = a.skus.filter((s) => !refs.hasSku(s));
  if (unknownSkus.length) at('skus', `unknown SKU${unknownSkus.length > 1 ? 's' : ''} ${unknownSkus.slice(0, 5).join(', ')}`);
  const unknownStores = a.storeIds.filter((s) => !refs.stores.has(s));
  if (unknownStores.length) at('storeIds', `unknown store${unknownStores.length > 1 ? 's' : ''} ${unknownStores.join(', ')}`);
  return out;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** 'MM-DD' naming a real day (29 February included). */
export function isMonthDay(s: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]!;
}
