// A policy as the console edits it (every affinity, active or not), read from a published
// version, and handed to the engine as the engine reads it (active affinities only).
import type Database from 'better-sqlite3';
import type { GuardrailValues, MerchAffinity, MerchPolicy } from '../contract/areas/merchTypes.js';
import { statement } from '../db/statements.js';
import { DEFAULT_GUARDRAILS, loadPolicy, type Policy } from '../engine/policy.js';
import { DEFAULT_INCENTIVE_RULES, SHOPPER_TYPES } from '../engine/incentives.js';

export function defaultPolicy(): MerchPolicy {
  return { guardrails: { ...DEFAULT_GUARDRAILS }, affinities: [], blockedCategories: [], incentives: structuredClone(DEFAULT_INCENTIVE_RULES) };
}

export function activeVersion(db: Database.Database): number {
  return (statement(db, `SELECT version FROM merch_config WHERE is_active = 1`).get() as { version: number } | undefined)?.version ?? 0;
}

export function versionExists(db: Database.Database, version: number): boolean {
  return statement(db, `SELECT 1 FROM merch_config WHERE version = ?`).get(version) !== undefined;
}

/** Version 0 is the built-in defaults (nothing published yet). */
export function loadMerchPolicy(db: Database.Database, version: number): MerchPolicy {
  if (version === 0) return defaultPolicy();
  const engine = loadPolicy(db, version); // guardrails, blocked categories, incentives
  const skus = groupBy(statement(db, `SELECT affinity_id AS id, sku AS value FROM merch_affinity_skus WHERE version = ? ORDER BY sku`).all(version) as Pair[]);
  const stores = groupBy(statement(db, `SELECT affinity_id AS id, store_id AS value FROM merch_affinity_stores WHERE version = ? ORDER BY store_id`).all(version) as Pair[]);
  const rows = statement(
    db,
    `SELECT id, from_category_id AS fromCategoryId, to_category_id AS toCategoryId, min_delay_days AS minDelayDays, max_delay_days AS maxDelayDays,
            weight, season_start AS seasonStart, season_end AS seasonEnd, active, note
     FROM merch_affinities WHERE version = ? ORDER BY id`,
  ).all(version) as (Omit<MerchAffinity, 'skus' | 'storeIds' | 'active'> & { active: number })[];
  const affinities = rows.map((r) => ({ ...r, active: r.active === 1, skus: skus.get(r.id) ?? [], storeIds: stores.get(r.id) ?? [] }));
  return { guardrails: { ...engine.guardrails }, affinities: affinities.map(canonicalAffinity), blockedCategories: engine.blockedCategories, incentives: engine.incentives };
}

/** What the engine runs: only active affinities count. */
export function toEnginePolicy(p: MerchPolicy, version: number): Policy {
  return {
    version,
    guardrails: p.guardrails as GuardrailValues,
    affinities: p.affinities.filter((a) => a.active).map(({ active: _active, ...a }) => a),
    blockedCategories: p.blockedCategories,
    incentives: p.incentives,
  };
}

/** One spelling of a policy: affinities by id, lists sorted, keys in a fixed order, so equal policies compare equal. */
export function canonicalPolicy(p: MerchPolicy): MerchPolicy {
  return {
    guardrails: Object.fromEntries(Object.keys(DEFAULT_GUARDRAILS).map((k) => [k, p.guardrails[k as keyof GuardrailValues]])) as GuardrailValues,
    affinities: [...p.affinities].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(canonicalAffinity),
    blockedCategories: [...new Set(p.blockedCategories)].sort(),
    incentives: Object.fromEntries(SHOPPER_TYPES.map((t) => [t, [...(p.incentives[t] ?? [])].sort()])) as MerchPolicy['incentives'],
  };
}

export function canonicalAffinity(a: MerchAffinity): MerchAffinity {
  return {
    id: a.id,
    fromCategoryId: a.fromCategoryId,
    toCategoryId: a.toCategoryId,
    skus: [...new Set(a.skus)].sort(),
    minDelayDays: a.minDelayDays,
    maxDelayDays: a.maxDelayDays,
    weight: a.weight,
    seasonStart: a.seasonStart,
    seasonEnd: a.seasonEnd,
    storeIds: [...new Set(a.storeIds)].sort(),
    active: a.active,
    note: a.note,
  };
}

export function samePolicy(a: MerchPolicy, b: MerchPolicy): boolean {
  return JSON.stringify(canonicalPolicy(a)) === JSON.stringify(canonicalPolicy(b));
}

type Pair = { id: string; value: string };
function groupBy(rows: Pair[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const r of rows) (m.get(r.id) ?? m.set(r.id, []).get(r.id)!).push(r.value);
  return m;
}
