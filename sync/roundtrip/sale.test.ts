// A sale recorded at one register reaches the hub exactly once, even when the register dies
// between its commit and the push, or the hub's answer is lost; a second register of the store
// then holds the same order, once.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Database } from '../../core/db/open.js';
import { createApp } from '../../core/testing/app.js';
import { pull } from '../client/pull.js';
import { push } from '../client/push.js';
import { FaultyTransport } from './faultyTransport.js';
import { ANCHOR, startFixture, type Fixture } from './fixture.js';

let f: Fixture;
const NOW = new Date(ANCHOR.getTime() + 3600_000);

beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.close();
});

/** A register of S1 holding the demo replica the hub was seeded from. */
function register(name: string, registerId: string): { file: string; db: Database.Database } {
  const file = path.join(f.dir, `${name}.db`);
  fs.copyFileSync(f.sourceFile, file);
  const db = openDatabase(file);
  db.prepare(`UPDATE device SET register_id = ?`).run(registerId);
  return { file, db };
}

describe('a sale recorded at the register', () => {
  it('reaches the hub exactly once across a crash between commit and push and a lost answer, and a second register pulls it', async () => {
    const one = register('reg1', 'R1');
    const app = createApp({ db: one.db, now: () => NOW });
    expect(app.call('session.login', { staffId: 'E-S1-01', pin: '1111' }).ok).toBe(true);
    const customerId = one.db.prepare(`SELECT id FROM customers WHERE home_store_id = 'S1' AND status = 'active' AND merged_into IS NULL ORDER BY id LIMIT 1`).pluck().get() as string;
    const skus = one.db.prepare(`SELECT sku FROM products WHERE status = 'active' ORDER BY sku LIMIT 2`).pluck().all() as string[];
    const r = app.call('capture.record', { outcome: 'declined', reason: 'in_a_hurry', customerId, basket: skus.map((sku) => ({ sku, quantity: 1 })) });
    expect(r.ok).toBe(true);
    const orderId = r.ok ? r.value.orderId! : '';

    // The register dies right after the commit, before any push: the sale is in its outbox.
    closeDatabase(one.db);
    const back = openDatabase(one.file);
    expect(back.prepare(`SELECT count(*) FROM outbox WHERE kind = 'sale.completed'`).pluck().get()).toBe(1);

    // The hub applies the push but its answer is lost; the register pushes the same events again.
    const transport = new FaultyTransport(f.transport, 1, { script: ['cutAfterCommit'] });
    await expect(push(back, transport)).rejects.toThrow();
    expect(back.prepare(`SELECT count(*) FROM outbox WHERE kind = 'sale.completed'`).pluck().get()).toBe(1);
    await push(back, transport);
    expect(back.prepare(`SELECT count(*) FROM outbox`).pluck().get()).toBe(0);

    expect((await f.store.listEvents()).filter((e) => e.kind === 'sale.completed')).toHaveLength(1);
    const atHub = (await f.store.changesSince('orders', 'S1', 0, 1_000_000)).changes.filter((c) => c.table === 'orders' && c.key.id === orderId);
    expect(atHub).toHaveLength(1);
    expect(atHub[0]!.row).toMatchObject({ customer_id: customerId, register_id: 'R1', associate_id: 'E-S1-01' });

    // A second register of the store pulls it: one order, its lines, the customer's features updated.
    const two = register('reg2', 'R2');
    const before = two.db.prepare(`SELECT order_count FROM customer_features WHERE customer_id = ?`).pluck().get(customerId) as number | undefined;
    await pull(two.db, f.transport, 'orders', { now: () => NOW });
    expect(two.db.prepare(`SELECT count(*) FROM orders WHERE id = ?`).pluck().get(orderId)).toBe(1);
    expect(two.db.prepare(`SELECT sku FROM order_lines WHERE order_id = ? ORDER BY line_no`).pluck().all(orderId)).toEqual(skus);
    expect(two.db.prepare(`SELECT order_count FROM customer_features WHERE customer_id = ?`).pluck().get(customerId)).toBe((before ?? 0) + 1);
    // Pulling at the register that made it changes nothing there: still one order.
    await pull(back, f.transport, 'orders', { now: () => NOW });
    expect(back.prepare(`SELECT count(*) FROM orders WHERE id = ?`).pluck().get(orderId)).toBe(1);
    closeDatabase(back);
    closeDatabase(two.db);
  }, 120_000);
});
