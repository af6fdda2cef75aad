// What must hold between a device and its hub, checked against the real files. Each check
// returns the list of violations (empty = holds), so a failing property run names them all.
import type Database from 'better-sqlite3';
import type { HubStore } from '../hub/store.js';
import { REPLICATED_TABLES, type Stream } from '../protocol/index.js';
import { STORE, type ProducedEvent } from './world.js';

/** A device replica and its hub, with what the device is known to have produced and changed. */
export interface SyncPair {
  hub: Pick<HubStore, 'listEvents' | 'changesSince'>;
  db: Database.Database;
  produced: ReadonlyMap<string, ProducedEvent>;
  /** Events the hub must refuse. */
  expectedRejected: ReadonlySet<string>;
  /**
   * Events the hub may hold or refuse, depending on when they arrived (one naming a customer head
   * office moved to another store: before the move it is the device's to change, after it is not).
   */
  mayBeRefused?(event: ProducedEvent): boolean;
  /** Events the hub holds from another register of the store, left out of this device's checks. */
  isOtherDevice?(event: { deviceId: string }): boolean;
  /** Replicated rows the device wrote itself and no pull has written since ("table<TAB>key json"). */
  dirtyKeys(): Set<string>;
}

const keyText = (keyCols: readonly string[], row: Record<string, unknown>) => JSON.stringify(keyCols.map((k) => row[k]));

/**
 * Every event the device produced is held by the hub exactly once, with the payload the device
 * wrote; the outbox keeps only the events the hub refused, each with its reason.
 */
export async function eventsExactlyOnce(pair: SyncPair): Promise<string[]> {
  const problems: string[] = [];
  const held = (await pair.hub.listEvents()).filter((e) => !pair.isOtherDevice?.(e));
  const ids = held.map((e) => e.id);
  if (new Set(ids).size !== ids.length) problems.push('the hub holds an event twice');
  const heldById = new Map(held.map((e) => [e.id, e]));
  for (const [id, event] of pair.produced) {
    const atHub = heldById.get(id);
    if (pair.expectedRejected.has(id)) {
      if (atHub) problems.push(`event ${id} (${event.kind}) should have been refused but the hub holds it`);
      continue;
    }
    if (!atHub && pair.mayBeRefused?.(event)) continue;
    if (!atHub) {
      problems.push(`event ${id} (${event.kind}) never reached the hub`);
      continue;
    }
    if (atHub.kind !== event.kind || atHub.storeId !== STORE) problems.push(`event ${id} arrived as ${atHub.kind} for ${atHub.storeId}`);
    if (JSON.stringify(JSON.parse(atHub.payload)) !== JSON.stringify(event.payload)) problems.push(`event ${id} arrived with another payload`);
  }
  for (const id of heldById.keys()) if (!pair.produced.has(id)) problems.push(`the hub holds ${id}, which the device never produced`);

  const left = pair.db.prepare('SELECT id, rejected_reason AS reason FROM outbox ORDER BY id').all() as { id: string; reason: string | null }[];
  for (const r of left) {
    if (r.reason === null) problems.push(`outbox row ${r.id} is still pending`);
    else if (!pair.expectedRejected.has(r.id) && !(pair.produced.has(r.id) && pair.mayBeRefused?.(pair.produced.get(r.id)!))) problems.push(`outbox row ${r.id} was refused unexpectedly: ${r.reason}`);
  }
  const keptRejected = new Set(left.filter((r) => r.reason).map((r) => r.id));
  for (const id of pair.expectedRejected) if (!keptRejected.has(id)) problems.push(`refused event ${id} is not kept with its reason`);
  return problems;
}

/**
 * The replica equals the hub's state at the replica's cursor, in this store's scope: every row
 * the hub changed at or before the cursor is there with exactly the hub's columns (or gone, for a
 * tombstone), and nothing else is, apart from rows the device itself wrote since the last pull
 * of them. With `quiescent`, the cursor must also have reached the hub's last change.
 */
export async function replicaMatchesHub(pair: SyncPair, options: { quiescent: boolean }): Promise<string[]> {
  const problems: string[] = [];
  const dirty = pair.dirtyKeys();
  const cursorOf = pair.db.prepare('SELECT cursor FROM sync_state WHERE stream = ?').pluck();
  const byStream = new Map<Stream, { changes: { version: number; table: string; key: Record<string, unknown>; row: Record<string, unknown> | null }[] }>();
  for (const t of REPLICATED_TABLES) {
    if (!byStream.has(t.stream)) byStream.set(t.stream, await pair.hub.changesSince(t.stream, STORE, 0, Number.MAX_SAFE_INTEGER));
    const cursor = Number(cursorOf.get(t.stream));
    const { changes } = byStream.get(t.stream)!;
    if (options.quiescent && changes.length && changes[changes.length - 1]!.version > cursor) {
      problems.push(`${t.stream}: cursor ${cursor} is behind the hub's last change ${changes[changes.length - 1]!.version}`);
    }
    const hubRows = new Map<string, { version: number; row: Record<string, unknown> | null }>();
    for (const c of changes) if (c.table === t.table) hubRows.set(keyText(t.key, c.key), { version: c.version, row: c.row });

    const replica = new Map<string, Record<string, unknown>>();
    for (const r of pair.db.prepare(`SELECT ${t.columns.join(', ')} FROM ${t.table}`).all() as Record<string, unknown>[]) replica.set(keyText(t.key, r), r);

    const isDirty = (key: string) => dirty.has(`${t.table}\t${key}`);
    for (const [key, hub] of hubRows) {
      if (hub.version > cursor || isDirty(key)) continue;
      const mine = replica.get(key);
      if (!hub.row) {
        if (mine) problems.push(`${t.table} ${key}: deleted at hub version ${hub.version} ≤ cursor ${cursor}, still on the device`);
      } else if (!mine) {
        problems.push(`${t.table} ${key}: hub version ${hub.version} ≤ cursor ${cursor} is missing on the device`);
      } else {
        const differs = t.columns.filter((c) => !sameValue(mine[c], hub.row![c]));
        if (differs.length) problems.push(`${t.table} ${key}: ${differs.map((c) => `${c} ${JSON.stringify(mine[c])} ≠ hub ${JSON.stringify(hub.row![c])}`).join(', ')}`);
      }
    }
    for (const key of replica.keys()) {
      if (!hubRows.has(key) && !isDirty(key)) problems.push(`${t.table} ${key}: on the device, but the hub never sent it to ${STORE}`);
    }
  }
  return problems;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a ?? null) === (b ?? null);
}
