// merch.published and merch.activated: a merchandiser's published config becomes merch_config
// stream changes every store pulls. Exactly one version is active; publishing or activating a
// version switches the others off first, so a page boundary never shows two active versions.
// Both carry the publishing staff id: the hub accepts them only from a merchandiser or manager
// with the policy's scope (staff.ts), and checks the policy with the device's own range validator.
import { z } from 'zod';
import {
  affinityWeightProblem,
  GUARDRAIL_COLUMNS,
  guardrailRangeProblem,
  tablesOf,
  type GuardrailKey,
  type OutboxEvent,
  type ReplicatedTable,
} from '../../protocol/index.js';
import type { Applied, HubReader, Row, RowChange } from '../store.js';
import { applied, isoTime, keyOf, parsePayload, refused, refusedBy, scalar } from './payload.js';
import { mayPublishPolicy, type PolicyScope } from './staff.js';

const MERCH_TABLES = tablesOf('merch_config');
/** Far above any real config; keeps one event from turning into an unbounded write. */
const MOST_ROWS_PER_TABLE = 10_000;

const strictRow = (t: ReplicatedTable) => z.strictObject(Object.fromEntries(t.columns.map((c) => [c, scalar])));

/**
 * Tables added to merch config after the first devices shipped: an older device's payload has
 * none, and a version without incentive rules keeps the engine's built-in ones.
 */
const LATER_TABLES: ReadonlySet<string> = new Set(['merch_incentive_rules']);

const staffId = z.string().min(1).max(100);
/** Every merch config version is chain-wide today (see PolicyScope). */
const CHAIN: PolicyScope = { kind: 'chain' };

const publishedSchema = z.object({
  version: z.number().int().positive(),
  staffId,
  rows: z.strictObject(
    Object.fromEntries(
      MERCH_TABLES.map((t) => {
        const rows = z.array(strictRow(t)).max(MOST_ROWS_PER_TABLE);
        return [t.table, LATER_TABLES.has(t.table) ? rows.optional() : rows];
      }),
    ),
  ),
});

const activatedSchema = z.object({
  version: z.number().int().positive(),
  staffId,
  author: z.string().min(1),
  note: z.string(),
  at: isoTime,
});

const change = (t: ReplicatedTable, row: Row): RowChange => ({ stream: 'merch_config', table: t.table, key: keyOf(row, t.key), row, scopeStoreId: null });
const configTable = MERCH_TABLES.find((t) => t.table === 'merch_config')!;

/** Every other active version switched off, as changes. */
async function deactivateOthers(reader: HubReader, version: number): Promise<RowChange[]> {
  return (await reader.rowsWhere('merch_config', 'is_active', 1))
    .filter((r) => r.version !== version)
    .map((r) => change(configTable, { ...r, is_active: 0 }));
}

/** One version's rows in a comparable form: per table, rows in column order, sorted by key. */
function fingerprint(rows: Record<string, Row[]>): string {
  return JSON.stringify(
    MERCH_TABLES.map((t) =>
      (rows[t.table] ?? [])
        // Whether a version is active moves on later; it is not part of what was published.
        .map((r) => JSON.stringify(t.columns.map((c) => (t.table === 'merch_config' && c === 'is_active' ? null : r[c] ?? null))))
        .sort(),
    ),
  );
}

function checkRows(version: number, rows: Record<string, Row[]>): string | null {
  for (const t of MERCH_TABLES) {
    const seen = new Set<string>();
    for (const [i, r] of (rows[t.table] ?? []).entries()) {
      if (r.version !== version) return `rows.${t.table}[${i}] has version ${JSON.stringify(r.version)}, not the published version ${version}`;
      const key = JSON.stringify(t.key.map((k) => r[k]));
      if (seen.has(key)) return `rows.${t.table} lists (${t.key.join(', ')}) = ${key} twice`;
      seen.add(key);
    }
  }
  const config = rows.merch_config ?? [];
  if (config.length !== 1) return `rows.merch_config must hold exactly one row, not ${config.length}`;
  if (config[0]!.is_active !== 1 || config[0]!.status !== 'published') return `rows.merch_config[0] must have is_active 1 and status 'published'`;
  return null;
}

/** The first value outside the device's own ranges, with its field and range. */
function rangeProblem(rows: Record<string, Row[]>): string | null {
  for (const [i, g] of (rows.merch_guardrails ?? []).entries()) {
    for (const [key, column] of Object.entries(GUARDRAIL_COLUMNS) as [GuardrailKey, string][]) {
      const p = guardrailRangeProblem(key, g[column]);
      if (p) return `rows.merch_guardrails[${i}].${column} = ${JSON.stringify(g[column])} is out of range: ${p.message}`;
    }
  }
  for (const [i, a] of (rows.merch_affinities ?? []).entries()) {
    const p = affinityWeightProblem(a.weight);
    if (p) return `rows.merch_affinities[${i}].weight = ${JSON.stringify(a.weight)} is out of range: ${p.message}`;
    for (const column of ['min_delay_days', 'max_delay_days']) {
      const d = a[column];
      if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) return `rows.merch_affinities[${i}].${column} = ${JSON.stringify(d)} is out of range: must be a whole number of days, 0 or more`;
    }
    if ((a.max_delay_days as number) < (a.min_delay_days as number)) return `rows.merch_affinities[${i}].max_delay_days is out of range: the window ends before it starts`;
  }
  return null;
}

export async function applyMerchPublished(event: OutboxEvent, reader: HubReader, deviceStoreId: string): Promise<Applied> {
  const parsed = parsePayload(publishedSchema, event);
  if (!parsed.ok) return refusedBy(parsed);
  const { version } = parsed.data;
  const may = await mayPublishPolicy(reader, parsed.data.staffId, deviceStoreId, CHAIN);
  if (!may.ok) return refusedBy(may);
  const rows = parsed.data.rows as Record<string, Row[]>;
  const problem = checkRows(version, rows);
  if (problem) return refused(`merch.published payload: ${problem}`, 'invalid_event');
  const range = rangeProblem(rows);
  if (range) return refused(`merch.published: ${range}`, 'out_of_range');

  if (await reader.row('merch_config', { version })) {
    const held = Object.fromEntries(await Promise.all(MERCH_TABLES.map(async (t) => [t.table, await reader.rowsWhere(t.table, 'version', version)] as const)));
    if (fingerprint(held) === fingerprint(rows)) return applied();
    return refused(`version ${version} was already published by another device; pull merch config and publish again`, 'conflict');
  }
  // Parents first (the protocol lists merch_config before its children), after the switch-off.
  const changes = await deactivateOthers(reader, version);
  for (const t of MERCH_TABLES) for (const r of rows[t.table] ?? []) changes.push(change(t, r));
  return applied(changes);
}

export async function applyMerchActivated(event: OutboxEvent, reader: HubReader, deviceStoreId: string): Promise<Applied> {
  const parsed = parsePayload(activatedSchema, event);
  if (!parsed.ok) return refusedBy(parsed);
  const { version } = parsed.data;
  const may = await mayPublishPolicy(reader, parsed.data.staffId, deviceStoreId, CHAIN);
  if (!may.ok) return refusedBy(may);
  const target = await reader.row('merch_config', { version });
  if (!target) return refused(`merch config version ${version} is not known at the hub, so it cannot be made active`, 'unknown_reference');
  if (target.is_active === 1) return applied();
  return applied([...(await deactivateOthers(reader, version)), change(configTable, { ...target, is_active: 1 })]);
}
