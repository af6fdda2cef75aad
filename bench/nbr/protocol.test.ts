import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFacts, loadOrders, parseTime, type Order } from './load.js';
import { buildDataset, splitUsers, trainingSequences, type NbrUser } from './protocol.js';

const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'nbr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function order(customerId: string, n: number, ...skus: string[]): Order {
  return { customerId, orderId: `${customerId}-${n}`, time: n * DAY, skus };
}

describe('loadOrders', () => {
  it('reads online-retail lines, dropping cancellations, non-positive quantities and guest lines', async () => {
    const csv = [
      '"InvoiceNo","StockCode","Description","Quantity","InvoiceDate","UnitPrice","CustomerID","Country"',
      '"536365","85123A","WHITE HANGING HEART, T-LIGHT HOLDER",6,"2010-12-01 08:26:00",2.55,17850,"United Kingdom"',
      '"536365","71053","WHITE METAL LANTERN",6,"2010-12-01 08:26:00",3.39,17850,"United Kingdom"',
      '"536365","71053","WHITE METAL LANTERN",2,"2010-12-01 08:26:00",3.39,17850,"United Kingdom"',
      '"C536379","D","Discount",-1,"2010-12-01 09:41:00",27.5,14527,"United Kingdom"',
      '"536380","22961","JAM MAKING SET",-3,"2010-12-01 09:45:00",1.45,17809,"United Kingdom"',
      '"536381","22139","RETROSPOT TEA SET",1,"2010-12-01 09:58:00",4.95,,"France"',
      '"536382","22139","RETROSPOT TEA SET",1,"2010-12-02 10:00:00",4.95,17850,"United Kingdom"',
    ].join('\n');
    const path = join(dir, 'retail.csv.gz');
    writeFileSync(path, gzipSync(`${csv}\n`));
    const { orders, facts, catalog } = await loadOrders(path, 'online-retail');
    // Every described SKU, guest and cancelled lines included (the search benchmark's catalog).
    expect(catalog.get('71053')).toEqual({ description: 'WHITE METAL LANTERN', unitPrice: 3.39, lines: 2 });
    expect(catalog.get('85123A')?.description).toBe('WHITE HANGING HEART, T-LIGHT HOLDER');
    expect(catalog.size).toBe(5);
    expect(orders).toEqual([
      { customerId: '17850', orderId: '536365', time: Date.UTC(2010, 11, 1, 8, 26), skus: ['85123A', '71053'] },
      { customerId: '17850', orderId: '536382', time: Date.UTC(2010, 11, 2, 10, 0), skus: ['22139'] },
    ]);
    expect(facts).toMatchObject({ lines: 8, records: 7, orders: 5, customers: 3, emptyCustomerLines: 1, skus: 5, countries: 2, cancellationLines: 1, negativeQuantityLines: 2, keptLines: 4 });
    expect(checkFacts(facts, { lines: 8, orders: 5 })).toEqual([]);
    expect(checkFacts(facts, { lines: 541_910 })).toEqual(['lines: read 8, expected 541910']);
  });

  it('reads the generic format with an optional category column and counts a last line without newline', async () => {
    const path = join(dir, 'orders.csv');
    writeFileSync(path, 'customer_id,order_id,timestamp,sku,quantity,price,category\nc1,o1,2024-03-01T10:00:00Z,A,1,9.5,x\nc1,o1,2024-03-01T10:00:00Z,B,2,1,y\nc1,o2,1709380800,A,0,9.5,x');
    const { orders, facts } = await loadOrders(path, 'generic');
    expect(orders).toEqual([{ customerId: 'c1', orderId: 'o1', time: Date.UTC(2024, 2, 1, 10), skus: ['A', 'B'] }]);
    expect(facts.lines).toBe(4);
  });

  it('reads timestamps without a zone as UTC, and epoch seconds or milliseconds', () => {
    expect(parseTime('2011-01-02 03:04:05')).toBe(Date.UTC(2011, 0, 2, 3, 4, 5));
    expect(parseTime('1700000000')).toBe(1_700_000_000_000);
    expect(parseTime('1700000000000')).toBe(1_700_000_000_000);
  });
});

describe('buildDataset', () => {
  it('keeps customers with 3–50 baskets and items seen at least 3 times in history baskets', () => {
    const orders: Order[] = [
      // two baskets: too few
      order('few', 1, 'x', 'y'),
      order('few', 2, 'x'),
      // 51 baskets: too many
      ...Array.from({ length: 51 }, (_, i) => order('many', i + 1, 'x')),
      // x is in 3 history baskets of kept customers (a: 2, b: 1), y in 2, z only in targets
      order('a', 1, 'x', 'y'),
      order('a', 2, 'x'),
      order('a', 3, 'x', 'z'),
      order('b', 1, 'x', 'y'),
      order('b', 2, 'w'),
      order('b', 3, 'z', 'x'),
      // c's target holds only rare items: dropped, not replaced by an earlier basket
      order('c', 1, 'w'),
      order('c', 2, 'w'),
      order('c', 3, 'q'),
    ];
    const ds = buildDataset(orders);
    expect(ds.items).toEqual(['w', 'x']); // w: 3 history baskets (b once, c twice); y only 2
    expect(ds.users.map((u) => u.id)).toEqual(['a', 'b']);
    const a = ds.users[0]!;
    expect(a.history.map((b) => b.items)).toEqual([[1], [1]]);
    expect(a.target.items).toEqual([1]);
    const b = ds.users[1]!;
    expect(b.history.map((h) => h.items)).toEqual([[1], [0]]);
    expect(ds.stats).toMatchObject({ customersIn: 5, customersInBasketRange: 3, droppedEmptyTarget: 1, users: 2 });
  });

  it('orders baskets by time and keeps history baskets that are emptied out of the history', () => {
    const orders: Order[] = [order('a', 3, 'x'), order('a', 1, 'x'), order('a', 2, 'rare'), order('b', 1, 'x'), order('b', 2, 'x'), order('b', 4, 'x')];
    const ds = buildDataset(orders);
    expect(ds.users[0]!.history.map((b) => b.day)).toEqual([1]); // day-2 basket had only a rare item
    expect(ds.users[0]!.target.day).toBe(3);
  });
});

describe('splitUsers', () => {
  const users: NbrUser[] = Array.from({ length: 1000 }, (_, i) => ({
    id: `u${i}`,
    history: [{ time: 0, day: 0, items: [i % 7] }],
    target: { time: DAY, day: 1, items: [i % 5] },
  }));

  it('splits 72/8/20 without overlap', () => {
    const s = splitUsers(users, 1);
    expect([s.train.length, s.val.length, s.test.length]).toEqual([720, 80, 200]);
    expect(new Set([...s.train, ...s.val, ...s.test].map((u) => u.id)).size).toBe(1000);
  });

  it('is the same for the same seed, whatever the input order, and differs across seeds', () => {
    const a = splitUsers(users, 3);
    const b = splitUsers([...users].reverse(), 3);
    expect(b.test.map((u) => u.id)).toEqual(a.test.map((u) => u.id));
    expect(splitUsers(users, 4).test.map((u) => u.id)).not.toEqual(a.test.map((u) => u.id));
  });

  it('gives models the training users’ full sequences but never a validation or test target', () => {
    const s = splitUsers(users, 1);
    const seqs = new Map(trainingSequences(s).map((q) => [q.userId, q.baskets]));
    expect(seqs.get(s.train[0]!.id)).toHaveLength(2);
    expect(seqs.get(s.test[0]!.id)).toEqual(s.test[0]!.history);
    expect(seqs.get(s.val[0]!.id)).toEqual(s.val[0]!.history);
  });
});
