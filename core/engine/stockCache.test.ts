import { describe, expect, it } from 'vitest';
import { openEngineStore } from '../testing/engineStore.js';
import { SMALL_NOW } from '../testing/smallStore.js';
import { trimStockChanges } from '../db/stockChanges.js';
import { StockCache } from './stockCache.js';

const fromTable = (db: ReturnType<typeof openEngineStore>, sku: string, location = 'S1') =>
  (db.prepare(`SELECT on_hand - reserved - local_reserved AS a FROM inventory WHERE sku = ? AND location_id = ?`).get(sku, location) as { a: number } | undefined)?.a ?? null;

describe('stock kept between decisions', () => {
  it('reads what the table says, null for a SKU with no row here, in the order asked', () => {
    const db = openEngineStore();
    const stock = new StockCache(db);
    const skus = ['BAG-1', 'NOT-A-SKU', 'SHOE-OOS', 'BAG-1'];
    const read = stock.available('S1', skus);
    expect([...read]).toEqual([
      ['BAG-1', fromTable(db, 'BAG-1')],
      ['NOT-A-SKU', null],
      ['SHOE-OOS', 0],
    ]);
    expect(stock.available('DC1', ['SHOE-OOS']).get('SHOE-OOS')).toBe(fromTable(db, 'SHOE-OOS', 'DC1'));
  });

  it('keeps a figure that has not changed: no second read of the table', () => {
    const db = openEngineStore();
    const stock = new StockCache(db);
    stock.available('S1', ['BAG-1']);
    // a write that bypasses the triggers (no app code can: this is only to see the cache is used)
    db.exec(`DROP TRIGGER inventory_changed_figures`);
    db.prepare(`UPDATE inventory SET on_hand = 0 WHERE sku = 'BAG-1' AND location_id = 'S1'`).run();
    expect(stock.available('S1', ['BAG-1']).get('BAG-1')).toBe(20);
  });

  it('drops a figure when any writer changes it: an order hold, an inventory pull, a new row, a removal', () => {
    const db = openEngineStore();
    const stock = new StockCache(db);
    const skus = ['BAG-1', 'BAG-2', 'PAD-1', 'TENT-1', 'SOCK-1'];
    stock.available('S1', skus);

    db.prepare(`UPDATE inventory SET local_reserved = local_reserved + 5 WHERE sku = 'BAG-1' AND location_id = 'S1'`).run(); // an aisle order's hold (core/orders/place.ts)
    // an inventory pull's row, as the sync client writes it (sync/client/replicaSql.ts)
    db.prepare(
      `INSERT INTO inventory (sku, location_id, on_hand, reserved, updated_at, version) VALUES ('BAG-2', 'S1', 2, 1, ?, 9)
       ON CONFLICT (sku, location_id) DO UPDATE SET on_hand = excluded.on_hand, reserved = excluded.reserved, updated_at = excluded.updated_at, version = excluded.version`,
    ).run(SMALL_NOW.toISOString());
    db.prepare(`DELETE FROM inventory WHERE sku = 'PAD-1' AND location_id = 'S1'`).run();
    db.prepare(`DELETE FROM inventory WHERE sku = 'TENT-1' AND location_id = 'S1'`).run();
    db.prepare(`INSERT INTO inventory (sku, location_id, on_hand, reserved, updated_at) VALUES ('TENT-1', 'S1', 3, 0, ?)`).run(SMALL_NOW.toISOString());

    const after = stock.available('S1', skus);
    for (const sku of skus) expect(after.get(sku), sku).toBe(fromTable(db, sku));
    expect(after.get('BAG-1')).toBe(15);
    expect(after.get('BAG-2')).toBe(1);
    expect(after.get('PAD-1')).toBeNull();
    expect(after.get('TENT-1')).toBe(3);
  });

  it('trusts nothing it read inside a transaction that rolled back, even when the change log reuses its number', () => {
    const db = openEngineStore();
    const stock = new StockCache(db);
    stock.available('S1', ['BAG-1', 'BAG-2']);
    db.exec('BEGIN');
    db.prepare(`UPDATE inventory SET on_hand = 0 WHERE sku = 'BAG-1' AND location_id = 'S1'`).run();
    expect(stock.available('S1', ['BAG-1']).get('BAG-1')).toBe(0); // its own transaction sees it
    db.exec('ROLLBACK');
    // the next change gets the rolled-back change's number, and one more comes after it
    db.prepare(`UPDATE inventory SET on_hand = 7 WHERE sku = 'BAG-2' AND location_id = 'S1'`).run();
    db.prepare(`UPDATE inventory SET on_hand = 8 WHERE sku = 'SOCK-1' AND location_id = 'S1'`).run();
    const after = stock.available('S1', ['BAG-1', 'BAG-2', 'SOCK-1']);
    expect(after.get('BAG-1')).toBe(20);
    expect(after.get('BAG-2')).toBe(7);
    expect(after.get('SOCK-1')).toBe(8);
  });

  it('reads everything again when it fell behind the trimmed log, and the log stays bounded', () => {
    const db = openEngineStore();
    const stock = new StockCache(db);
    stock.available('S1', ['BAG-1', 'SOCK-1']);
    const bump = db.prepare(`UPDATE inventory SET on_hand = on_hand + 1 WHERE sku = 'SOCK-1' AND location_id = 'S1'`);
    db.transaction(() => {
      for (let i = 0; i < 12_000; i++) bump.run();
    })();
    db.prepare(`UPDATE inventory SET on_hand = 1 WHERE sku = 'BAG-1' AND location_id = 'S1'`).run();
    trimStockChanges(db);
    const after = stock.available('S1', ['BAG-1', 'SOCK-1']);
    expect(after.get('BAG-1')).toBe(1);
    expect(after.get('SOCK-1')).toBe(fromTable(db, 'SOCK-1'));
    expect((db.prepare(`SELECT count(*) AS n FROM inventory_changes`).get() as { n: number }).n).toBeLessThanOrEqual(10_000);
  });
});
