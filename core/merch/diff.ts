// What changed between two policies: affinities matched by id and compared field by field,
// guardrails one by one, blocked categories and incentive rules as sets.
import type Database from 'better-sqlite3';
import type { DiffValue, FieldChange, GuardrailKey, MerchAffinity, MerchPolicy, PolicyDiff } from '../contract/areas/merchTypes.js';
import { SHOPPER_TYPES } from '../engine/incentives.js';
import { GUARDRAIL_FIELDS } from './fields.js';
import { activeVersion, canonicalAffinity } from './policy.js';

const AFFINITY_FIELDS: readonly (keyof MerchAffinity)[] = [
  'fromCategoryId', 'toCategoryId', 'skus', 'minDelayDays', 'maxDelayDays', 'weight', 'seasonStart', 'seasonEnd', 'storeIds', 'active', 'note',
];

export function diffPolicies(before: MerchPolicy, after: MerchPolicy, fromLabel: string, toLabel: string): PolicyDiff {
  const old = new Map(before.affinities.map((a) => [a.id, canonicalAffinity(a)]));
  const now = new Map(after.affinities.map((a) => [a.id, canonicalAffinity(a)]));
  const added = [...now.values()].filter((a) => !old.has(a.id));
  const removed = [...old.values()].filter((a) => !now.has(a.id));
  const changed: PolicyDiff['affinities']['changed'] = [];
  for (const [id, b] of old) {
    const a = now.get(id);
    if (!a) continue;
    const fields = AFFINITY_FIELDS.filter((f) => !same(b[f], a[f])).map((f): FieldChange => ({ field: f, before: b[f] as DiffValue, after: a[f] as DiffValue }));
    if (fields.length) changed.push({ id, before: b, after: a, fields });
  }

  const guardrails = GUARDRAIL_FIELDS.filter((f) => before.guardrails[f.key as GuardrailKey] !== after.guardrails[f.key as GuardrailKey]).map((f) => ({
    field: f.key,
    label: f.label,
    before: before.guardrails[f.key as GuardrailKey],
    after: after.guardrails[f.key as GuardrailKey],
  }));

  const blockedBefore = new Set(before.blockedCategories);
  const blockedAfter = new Set(after.blockedCategories);
  const blockedCategories = {
    added: [...blockedAfter].filter((c) => !blockedBefore.has(c)).sort(),
    removed: [...blockedBefore].filter((c) => !blockedAfter.has(c)).sort(),
  };

  const incentives = SHOPPER_TYPES.map((shopperType) => {
    const b = new Set(before.incentives[shopperType] ?? []);
    const a = new Set(after.incentives[shopperType] ?? []);
    return { shopperType, added: [...a].filter((k) => !b.has(k)), removed: [...b].filter((k) => !a.has(k)) };
  }).filter((c) => c.added.length || c.removed.length);

  const unchanged = !added.length && !removed.length && !changed.length && !guardrails.length && !blockedCategories.added.length && !blockedCategories.removed.length && !incentives.length;
  return { fromLabel, toLabel, affinities: { added, removed, changed }, guardrails, blockedCategories, incentives, unchanged };
}

export function versionLabel(db: Database.Database, version: number): string {
  if (version === 0) return 'defaults';
  return version === activeVersion(db) ? `v${version} (active)` : `v${version}`;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
