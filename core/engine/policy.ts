import type Database from 'better-sqlite3';
import type { IncentiveRules } from '../contract/areas/merchTypes.js';
import type { IncentiveKind } from '../contract/types.js';
import { DEFAULT_INCENTIVE_RULES, INCENTIVE_KINDS, SHOPPER_TYPES } from './incentives.js';

/** What a merchandiser decides: published as one immutable version (DESIGN §3 merch_config). */
export interface Guardrails {
  exclusionWindowDays: number;
  stockThreshold: number;
  safetyBuffer: number;
  inventoryMaxAgeMinutes: number;
  minPriceCents: number;
  marginFloor: number;
  newArrivalBoost: number;
  newArrivalWindowDays: number;
  clearancePenalty: number;
  frequencyCapPerWeek: number;
  conciergeCartCents: number;
  explorationShare: number;
  holdoutShare: number;
}

export interface Affinity {
  id: string;
  fromCategoryId: string;
  toCategoryId: string;
  minDelayDays: number;
  maxDelayDays: number;
  weight: number;
  /** 'MM-DD' inclusive bounds; null = all year. A range may wrap the new year. */
  seasonStart: string | null;
  seasonEnd: string | null;
  skus: string[];
  storeIds: string[];
  note: string;
}

export interface Policy {
  version: number;
  guardrails: Guardrails;
  affinities: Affinity[];
  blockedCategories: string[];
  /** Which incentives each shopper type may be offered. */
  incentives: IncentiveRules;
}

/** Used when no policy was ever published: conservative defaults, no affinities. */
export const DEFAULT_GUARDRAILS: Guardrails = {
  exclusionWindowDays: 30,
  stockThreshold: 5,
  safetyBuffer: 3,
  inventoryMaxAgeMinutes: 5,
  minPriceCents: 1500,
  marginFloor: 0.25,
  newArrivalBoost: 0.3,
  newArrivalWindowDays: 45,
  clearancePenalty: 0.3,
  frequencyCapPerWeek: 3,
  conciergeCartCents: 50000,
  explorationShare: 0.05,
  holdoutShare: 0.1,
};

export function loadActivePolicy(db: Database.Database): Policy {
  const active = db.prepare(`SELECT version FROM merch_config WHERE is_active = 1`).get() as { version: number } | undefined;
  if (!active) return { version: 0, guardrails: DEFAULT_GUARDRAILS, affinities: [], blockedCategories: [], incentives: DEFAULT_INCENTIVE_RULES };
  return loadPolicy(db, active.version);
}

export function loadPolicy(db: Database.Database, version: number): Policy {
  const g = db
    .prepare(
      `SELECT exclusion_window_days AS exclusionWindowDays, stock_threshold AS stockThreshold, safety_buffer AS safetyBuffer,
              inventory_max_age_minutes AS inventoryMaxAgeMinutes, min_price_cents AS minPriceCents, margin_floor AS marginFloor,
              new_arrival_boost AS newArrivalBoost, new_arrival_window_days AS newArrivalWindowDays,
              clearance_penalty AS clearancePenalty, frequency_cap_per_week AS frequencyCapPerWeek,
              concierge_cart_cents AS conciergeCartCents, exploration_share AS explorationShare, holdout_share AS holdoutShare
       FROM merch_guardrails WHERE version = ?`,
    )
    .get(version) as Guardrails | undefined;

  const skus = new Map<string, string[]>();
  for (const r of db.prepare(`SELECT affinity_id AS id, sku FROM merch_affinity_skus WHERE version = ?`).all(version) as { id: string; sku: string }[]) {
    skus.set(r.id, [...(skus.get(r.id) ?? []), r.sku]);
  }
  const stores = new Map<string, string[]>();
  for (const r of db.prepare(`SELECT affinity_id AS id, store_id AS storeId FROM merch_affinity_stores WHERE version = ?`).all(version) as {
    id: string;
    storeId: string;
  }[]) {
    stores.set(r.id, [...(stores.get(r.id) ?? []), r.storeId]);
  }

  const affinities = (
    db
      .prepare(
        `SELECT id, from_category_id AS fromCategoryId, to_category_id AS toCategoryId, min_delay_days AS minDelayDays,
                max_delay_days AS maxDelayDays, weight, season_start AS seasonStart, season_end AS seasonEnd, note
         FROM merch_affinities WHERE version = ? AND active = 1 ORDER BY id`,
      )
      .all(version) as Omit<Affinity, 'skus' | 'storeIds'>[]
  ).map((a) => ({ ...a, skus: skus.get(a.id) ?? [], storeIds: stores.get(a.id) ?? [] }));

  const blockedCategories = (
    db.prepare(`SELECT category_id AS id FROM merch_blocked_categories WHERE version = ? ORDER BY category_id`).all(version) as { id: string }[]
  ).map((r) => r.id);

  return { version, guardrails: g ?? DEFAULT_GUARDRAILS, affinities, blockedCategories, incentives: loadIncentiveRules(db, version) };
}

/** A version published before incentive rules were part of the policy keeps the built-in ones. */
export function loadIncentiveRules(db: Database.Database, version: number): IncentiveRules {
  const rows = db.prepare(`SELECT shopper_type AS type, incentive, enabled FROM merch_incentive_rules WHERE version = ?`).all(version) as {
    type: keyof IncentiveRules;
    incentive: IncentiveKind;
    enabled: number;
  }[];
  if (rows.length === 0) return DEFAULT_INCENTIVE_RULES;
  const rules = Object.fromEntries(SHOPPER_TYPES.map((t) => [t, [] as IncentiveKind[]])) as IncentiveRules;
  for (const kind of INCENTIVE_KINDS) for (const r of rows) if (r.incentive === kind && r.enabled === 1 && rules[r.type]) rules[r.type].push(kind);
  return rules;
}

/** Is `day` (a Date) inside an 'MM-DD'..'MM-DD' season, which may wrap the new year? */
export function inSeason(a: Pick<Affinity, 'seasonStart' | 'seasonEnd'>, day: Date): boolean {
  if (!a.seasonStart || !a.seasonEnd) return true;
  const md = day.toISOString().slice(5, 10);
  return a.seasonStart <= a.seasonEnd ? md >= a.seasonStart && md <= a.seasonEnd : md >= a.seasonStart || md <= a.seasonEnd;
}
