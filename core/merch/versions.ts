// Published versions: immutable once written. Publishing makes the draft a new version and
// activates it; rolling back activates an earlier one. Both travel to the hub through the
// outbox in the same transaction (payloads agreed with the hub: see sync/README.md).
import type Database from 'better-sqlite3';
import type { Activation, Editor, MerchPolicy, PublishReceipt, VersionList, VersionSummary } from '../contract/areas/merchTypes.js';
import { ApiError } from '../contract/errors.js';
import { statement } from '../db/statements.js';
import { ALLOWED_INCENTIVES, SHOPPER_TYPES } from '../engine/incentives.js';
import { enqueue } from '../outbox/outbox.js';
import { diffPolicies, versionLabel } from './diff.js';
import { assertRevision, getDraft, rebaseDraft } from './draft.js';
import { activeVersion, loadMerchPolicy, versionExists } from './policy.js';

/** The replicated columns of each merch table, exactly as the hub stores them. */
export const PUBLISHED_COLUMNS = {
  merch_config: ['version', 'status', 'is_active', 'author', 'note', 'published_at'],
  merch_affinities: ['version', 'id', 'from_category_id', 'to_category_id', 'min_delay_days', 'max_delay_days', 'weight', 'season_start', 'season_end', 'active', 'note'],
  merch_affinity_skus: ['version', 'affinity_id', 'sku'],
  merch_affinity_stores: ['version', 'affinity_id', 'store_id'],
  merch_guardrails: [
    'version', 'exclusion_window_days', 'stock_threshold', 'safety_buffer', 'inventory_max_age_minutes', 'min_price_cents', 'margin_floor',
    'new_arrival_boost', 'new_arrival_window_days', 'clearance_penalty', 'frequency_cap_per_week', 'concierge_cart_cents', 'exploration_share', 'holdout_share',
  ],
  merch_blocked_categories: ['version', 'category_id'],
  merch_incentive_rules: ['version', 'shopper_type', 'incentive', 'enabled'],
} as const;

export type PublishedTable = keyof typeof PUBLISHED_COLUMNS;
export type PublishedRows = Record<PublishedTable, Record<string, unknown>[]>;

export function listVersions(db: Database.Database): VersionList {
  const rows = statement(
    db,
    `SELECT c.version, c.author, c.published_at AS publishedAt, c.note, c.is_active AS active, p.parent_version AS parentVersion,
            (SELECT count(*) FROM merch_affinities a WHERE a.version = c.version) AS affinities,
            (SELECT count(*) FROM merch_affinities a WHERE a.version = c.version AND a.active = 1) AS activeAffinities,
            (SELECT count(*) FROM merch_blocked_categories b WHERE b.version = c.version) AS blockedCategories
     FROM merch_config c LEFT JOIN merch_version_parents p ON p.version = c.version
     ORDER BY c.version DESC`,
  ).all() as (Omit<VersionSummary, 'active' | 'counts'> & { active: number; affinities: number; activeAffinities: number; blockedCategories: number })[];
  const activations = statement(db, `SELECT version, at, by_name AS "by", note, kind FROM merch_activations ORDER BY seq DESC`).all() as Activation[];
  return { activeVersion: activeVersion(db), versions: rows.map(toSummary), activations };
}

export function versionSummary(db: Database.Database, version: number): VersionSummary {
  const found = listVersions(db).versions.find((v) => v.version === version);
  if (!found) throw new ApiError('not_found', `There is no version ${version} on this device.`);
  return found;
}

/** The saved draft becomes version max+1, active at once, with its outbox event. */
export function publishDraft(db: Database.Database, baseRevision: number, note: string, editor: Editor, now: Date): PublishReceipt {
  const draft = getDraft(db);
  assertRevision(draft, baseRevision);
  if (draft.problems.length) {
    throw new ApiError('invalid_input', `The draft has ${draft.problems.length} problem${draft.problems.length > 1 ? 's' : ''} to fix before it can be published.`, {
      problems: draft.problems,
    });
  }
  const previous = activeVersion(db);
  if (!draft.changed) throw new ApiError('conflict', `Nothing to publish: the draft is the same as the active version ${previous}.`);

  const version = ((statement(db, `SELECT max(version) AS v FROM merch_config`).get() as { v: number | null }).v ?? 0) + 1;
  const at = now.toISOString();
  statement(db, `UPDATE merch_config SET is_active = 0 WHERE is_active = 1`).run();
  statement(db, `INSERT INTO merch_config (version, status, is_active, author, note, published_at) VALUES (?, 'published', 1, ?, ?, ?)`).run(version, editor.name, note, at);
  writePolicy(db, version, draft.policy);
  statement(db, `INSERT INTO merch_version_parents (version, parent_version) VALUES (?, ?)`).run(version, draft.basedOnVersion);
  recordActivation(db, version, 'published', editor.name, note, at);
  rebaseDraft(db, version);
  // The publisher's staff id: the hub accepts config only from a merchandiser or manager with the chain role.
  enqueue(db, 'merch.published', { version, staffId: editor.staffId, rows: publishedRows(db, version) }, now);

  const diff = diffPolicies(loadMerchPolicy(db, previous), draft.policy, versionLabel(db, previous), `v${version}`);
  return { version: versionSummary(db, version), diff };
}

/** Makes an earlier (or later) version the active one, in one step. */
export function activateVersion(db: Database.Database, version: number, note: string, editor: Editor, now: Date): VersionSummary {
  if (!versionExists(db, version)) throw new ApiError('not_found', `There is no version ${version} on this device.`);
  if (activeVersion(db) === version) throw new ApiError('conflict', `Version ${version} is already active.`);
  const at = now.toISOString();
  statement(db, `UPDATE merch_config SET is_active = 0 WHERE is_active = 1`).run();
  statement(db, `UPDATE merch_config SET is_active = 1 WHERE version = ?`).run(version);
  recordActivation(db, version, 'rolled_back', editor.name, note, at);
  enqueue(db, 'merch.activated', { version, staffId: editor.staffId, author: editor.name, note, at }, now);
  return versionSummary(db, version);
}

/** A version's rows as the hub replicates them: `merch.published`'s payload. */
export function publishedRows(db: Database.Database, version: number): PublishedRows {
  const out = {} as PublishedRows;
  for (const [table, columns] of Object.entries(PUBLISHED_COLUMNS) as [PublishedTable, readonly string[]][]) {
    out[table] = statement(db, `SELECT ${columns.join(', ')} FROM ${table} WHERE version = ? ORDER BY ${columns.slice(0, 3).join(', ')}`).all(version) as Record<string, unknown>[];
  }
  return out;
}

function writePolicy(db: Database.Database, version: number, p: MerchPolicy): void {
  const g = p.guardrails;
  statement(db, `INSERT INTO merch_guardrails (${PUBLISHED_COLUMNS.merch_guardrails.join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    version, g.exclusionWindowDays, g.stockThreshold, g.safetyBuffer, g.inventoryMaxAgeMinutes, g.minPriceCents, g.marginFloor,
    g.newArrivalBoost, g.newArrivalWindowDays, g.clearancePenalty, g.frequencyCapPerWeek, g.conciergeCartCents, g.explorationShare, g.holdoutShare,
  );
  const affinity = statement(db, `INSERT INTO merch_affinities (${PUBLISHED_COLUMNS.merch_affinities.join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const sku = statement(db, `INSERT INTO merch_affinity_skus (version, affinity_id, sku) VALUES (?, ?, ?)`);
  const store = statement(db, `INSERT INTO merch_affinity_stores (version, affinity_id, store_id) VALUES (?, ?, ?)`);
  for (const a of p.affinities) {
    affinity.run(version, a.id, a.fromCategoryId, a.toCategoryId, a.minDelayDays, a.maxDelayDays, a.weight, a.seasonStart, a.seasonEnd, a.active ? 1 : 0, a.note);
    for (const s of new Set(a.skus)) sku.run(version, a.id, s);
    for (const s of new Set(a.storeIds)) store.run(version, a.id, s);
  }
  const blocked = statement(db, `INSERT INTO merch_blocked_categories (version, category_id) VALUES (?, ?)`);
  for (const c of new Set(p.blockedCategories)) blocked.run(version, c);
  // every allowed pair, enabled or not: a version with rows never falls back to the built-in rules
  const rule = statement(db, `INSERT INTO merch_incentive_rules (version, shopper_type, incentive, enabled) VALUES (?, ?, ?, ?)`);
  for (const type of SHOPPER_TYPES) for (const kind of ALLOWED_INCENTIVES[type]) rule.run(version, type, kind, p.incentives[type].includes(kind) ? 1 : 0);
}

function recordActivation(db: Database.Database, version: number, kind: Activation['kind'], by: string, note: string, at: string): void {
  statement(db, `INSERT INTO merch_activations (version, kind, at, by_name, note) VALUES (?, ?, ?, ?, ?)`).run(version, kind, at, by, note);
}

function toSummary(r: Omit<VersionSummary, 'active' | 'counts'> & { active: number; affinities: number; activeAffinities: number; blockedCategories: number }): VersionSummary {
  return {
    version: r.version,
    author: r.author,
    publishedAt: r.publishedAt,
    note: r.note,
    active: r.active === 1,
    parentVersion: r.parentVersion ?? null,
    counts: { affinities: r.affinities, activeAffinities: r.activeAffinities, blockedCategories: r.blockedCategories },
  };
}
