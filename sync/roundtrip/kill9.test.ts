// kill -9 of a real device process (issue 7, "Proving it"): a child Node process bootstraps a
// file replica from a hub on loopback, records events and pushes them; the parent SIGKILLs it
// at seeded points — inside a page's transaction, right after a page committed, while a push is
// in flight, after the hub committed a push but before the device deleted the rows — again and
// again, then lets a fresh child finish. Afterwards the replica is intact and equals the hub,
// and every event the device recorded is at the hub exactly once.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../core/db/open.js';
import { Rng } from '../../core/demo/random.js';
import { buildHubServer } from '../hub/server.js';
import { SqliteHubStore } from '../hub/sqliteStore.js';
import type { RowChange } from '../hub/store.js';
import { eventsExactlyOnce, replicaMatchesHub } from './invariants.js';
import { ANCHOR, buildTemplate, scratchDir, type ProducedEvent, type WorldTemplate } from './world.js';

const KILLS = Number(process.env.ENDCAP_KILLS ?? 30);
const SEED = Number(process.env.ENDCAP_KILL_SEED ?? 9);
const CHILD = path.join(__dirname, 'child', 'device.ts');
const REGISTER = path.join(__dirname, 'child', 'register.cjs');

/** Where the parent pulls the plug: the n-th time the child says this word. */
const KILL_POINTS = ['apply', 'apply', 'apply', 'page', 'push', 'pushed'] as const;

let template: WorldTemplate;
let dir: string;
let hub: SqliteHubStore;
let server: FastifyInstance;
let baseUrl: string;

beforeAll(async () => {
  template = await buildTemplate();
  dir = scratchDir('endcap-kill9-');
  fs.copyFileSync(path.join(template.dir, 'hub.db'), path.join(dir, 'hub.db'));
  hub = new SqliteHubStore(path.join(dir, 'hub.db'));
  server = buildHubServer(hub);
  baseUrl = await server.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server?.close();
  await hub?.close();
  for (const d of [dir, template?.dir]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

interface Life {
  lines: string[];
  killedAt: string | null;
  exit: number | null;
}

/** Runs one child; kills it with SIGKILL the `nth` time it prints `point` (never, when point is null). */
function live(replica: string, point: string | null, nth: number): Promise<Life> {
  const child = spawn(process.execPath, ['-r', REGISTER, CHILD], {
    env: { ...process.env, ENDCAP_CHILD: JSON.stringify({ hub: baseUrl, token: template.token, replica, pageSize: 40, events: 12, holdMs: 3 }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const life: Life = { lines: [], killedAt: null, exit: null };
  let seen = 0;
  let buffered = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    buffered += d.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      life.lines.push(line);
      if (point && life.killedAt === null && line.split(' ')[0] === point && seen++ === nth) {
        life.killedAt = line;
        child.kill('SIGKILL');
      }
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      life.exit = code;
      if (life.killedAt === null && code !== 0) reject(new Error(`device child failed (${code}):\n${life.lines.join('\n')}\n${stderr}`));
      else resolve(life);
    });
  });
}

describe('kill -9 of the device process', () => {
  it(`survives ${KILLS} SIGKILLs mid-apply and mid-push: replica equals hub, every event at the hub exactly once`, async () => {
    const rng = new Rng(SEED);
    const replica = path.join(dir, 'device.db');
    const killedAt: string[] = [];
    for (let life = 0; killedAt.length < KILLS && life < KILLS * 3; life++) {
      // The hub moves on between lives, so every life has pages to apply.
      await changeStock(rng, 30 + rng.int(0, 60));
      const point = KILL_POINTS[rng.int(0, KILL_POINTS.length - 1)]!;
      const result = await live(replica, point, rng.int(0, point === 'apply' ? 8 : 1));
      if (result.killedAt) killedAt.push(result.killedAt);
    }
    await changeStock(rng, 50);
    const last = await live(replica, null, 0);
    expect(last.lines.at(-1)).toBe('done');

    const db = openDatabase(replica);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const produced = new Map<string, ProducedEvent>(
        (db.prepare('SELECT id, kind, payload FROM proof_produced').all() as { id: string; kind: string; payload: string }[]).map((r) => [
          r.id,
          { kind: r.kind, payload: JSON.parse(r.payload) as unknown },
        ]),
      );
      const pair = { hub, db, produced, expectedRejected: new Set<string>(), dirtyKeys: () => new Set<string>() };
      const problems = [...(await eventsExactlyOnce(pair)), ...(await replicaMatchesHub(pair, { quiescent: true }))];
      const midApply = killedAt.filter((l) => l.startsWith('apply')).length;
      console.log(`kill -9: ${killedAt.length} kills (${midApply} right after a page began applying, ${killedAt.filter((l) => l === 'pushed').length} after the hub committed a push), ${produced.size} events produced`);
      expect(problems).toEqual([]);
      expect(killedAt.length).toBe(KILLS);
      expect(midApply).toBeGreaterThan(0);
      expect(produced.size).toBeGreaterThan(0);
    } finally {
      closeDatabase(db);
    }
  }, 300_000);
});

async function changeStock(rng: Rng, n: number): Promise<void> {
  const changes: RowChange[] = [];
  const at = new Date(ANCHOR.getTime() + rng.int(0, 86_400_000)).toISOString();
  for (let i = 0; i < n; i++) {
    const sku = String(template.products[rng.int(0, template.products.length - 1)]!.sku);
    const location = template.locations[rng.int(0, template.locations.length - 1)]!;
    const gone = rng.chance(0.1);
    changes.push({
      stream: 'inventory',
      table: 'inventory',
      key: { sku, location_id: location },
      row: gone ? null : { sku, location_id: location, on_hand: rng.int(0, 50), reserved: 0, updated_at: at },
      scopeStoreId: null,
    });
  }
  await hub.writeChanges(changes);
}
