import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Database } from '../../core/db/open.js';
import { ProtocolMessageError, type PullPageEnvelope } from '../protocol/index.js';
import { applyPage } from './applyPage.js';

const NOW = new Date('2026-11-01T12:00:00.000Z');
let db: Database.Database;

beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => closeDatabase(db));

const merch = (version: number, isActive: 0 | 1, status = 'published') => ({
  version: 100 + version,
  table: 'merch_config',
  key: { version },
  row: { version, status, is_active: isActive, author: 'ops', note: '', published_at: '2026-10-01T00:00:00.000Z' },
});

const page = (since: string, cursor: string, changes: unknown[]): PullPageEnvelope => ({ protocol: 1, stream: 'merch_config', since, cursor, hasMore: false, changes });

const cursor = () => db.prepare(`SELECT cursor FROM sync_state WHERE stream = 'merch_config'`).pluck().get() as string;
const versions = () => db.prepare('SELECT version, is_active FROM merch_config ORDER BY version').all();

describe('applyPage checks each change by hand (the envelope schema leaves them unchecked)', () => {
  const good = merch(1, 1);
  const cases: [string, unknown][] = [
    ['not an object', 'merch_config'],
    ['an array', [good]],
    ['no version', { ...good, version: undefined }],
    ['version 0', { ...good, version: 0 }],
    ['negative version', { ...good, version: -3 }],
    ['fractional version', { ...good, version: 1.5 }],
    ['version as a string', { ...good, version: '7' }],
    ['table not a string', { ...good, table: 7 }],
    ['unknown table', { ...good, table: 'secrets' }],
    ['table of another stream', { ...good, table: 'inventory', key: { sku: 'a', location_id: 'S1' } }],
    ['key not an object', { ...good, key: 1 }],
    ['key null', { ...good, key: null }],
    ['key an array', { ...good, key: [1] }],
    ['key with an unknown column', { ...good, key: { version: 1, extra: 1 } }],
    ['key with a wrong column', { ...good, key: { id: 1 } }],
    ['key value an object', { ...good, key: { version: { $gt: 0 } } }],
    ['key value a boolean', { ...good, key: { version: true } }],
    ['row missing', { ...good, row: undefined }],
    ['row an array', { ...good, row: [] }],
    ['row missing a column', { ...good, row: { ...good.row, note: undefined } }],
    ['row with an extra column', { ...good, row: { ...good.row, local_only: 1 } }],
    ['row value an array', { ...good, row: { ...good.row, note: ['x'] } }],
    ['row value not finite', { ...good, row: { ...good.row, is_active: Number.POSITIVE_INFINITY } }],
  ];

  it.each(cases)('%s: a typed error, nothing applied, the cursor stays', (_name, bad) => {
    // A valid change first: the bad one must refuse the whole page, not what follows it.
    expect(() => applyPage(db, page('0', '200', [merch(2, 0), bad]), { now: NOW })).toThrow(ProtocolMessageError);
    expect(versions()).toEqual([]);
    expect(cursor()).toBe('0');
  });

  it('applies a well-formed page and moves the cursor', () => {
    expect(applyPage(db, page('0', '102', [merch(1, 0), merch(2, 1)]), { now: NOW })).toEqual({ upserted: 2, deleted: 0, ordersChanged: false, ordersWritten: 0 });
    expect(versions()).toEqual([{ version: 1, is_active: 0 }, { version: 2, is_active: 1 }]);
    expect(cursor()).toBe('102');
  });
});

describe('merch rollback page', () => {
  it('switches the newer version off before the older one on, whatever the key order', () => {
    applyPage(db, page('0', '102', [merch(1, 0), merch(2, 1)]), { now: NOW });
    // The hub's change order (switch-off first) is the reverse of key order: version 1 sorts first.
    applyPage(db, page('102', '104', [{ ...merch(2, 0, 'rolled_back'), version: 103 }, { ...merch(1, 1), version: 104 }]), { now: NOW });
    expect(versions()).toEqual([{ version: 1, is_active: 1 }, { version: 2, is_active: 0 }]);
    expect(cursor()).toBe('104');
    // And forward again, changes listed switch-on first.
    applyPage(db, page('104', '106', [{ ...merch(2, 1), version: 105 }, { ...merch(1, 0), version: 106 }]), { now: NOW });
    expect(versions()).toEqual([{ version: 1, is_active: 0 }, { version: 2, is_active: 1 }]);
  });
});

describe('catalog page: columns added to the protocol later', () => {
  const category = { version: 1, table: 'categories', key: { id: 'tents' }, row: { id: 'tents', parent_id: null, name: 'Tents', path_name: 'Tents', depth: 0, sensitive: 0 } };
  const product = (version: number, sku: string, extra: Record<string, unknown>) => ({
    version,
    table: 'products',
    key: { sku },
    row: {
      id: version, sku, title: 'Trail Tent', brand: 'Acme', category_id: 'tents', price_cents: 1000, cost_cents: 500, compare_at_cents: null, color: null, size: null,
      material: null, is_partner: 0, partner_location_id: null, launched_at: '2026-01-01', season: 'all', status: 'active', popularity: 0, updated_at: NOW.toISOString(), ...extra,
    },
  });
  const catalog = (changes: unknown[]): PullPageEnvelope => ({ protocol: 1, stream: 'catalog', since: '0', cursor: '9', hasMore: false, changes });
  const codes = () => db.prepare('SELECT sku, barcode, supplier_code FROM products ORDER BY sku').all();

  it('takes a product row with its barcode and supplier code, and one from a hub that does not send them yet', () => {
    applyPage(db, catalog([category, product(2, 'T-1', { barcode: '0012345678905', supplier_code: 'AC-778' }), product(3, 'T-2', {})]), { now: NOW });
    expect(codes()).toEqual([
      { sku: 'T-1', barcode: '0012345678905', supplier_code: 'AC-778' },
      { sku: 'T-2', barcode: null, supplier_code: null },
    ]);
  });

  it('still refuses a code that is not a scalar, or a column the protocol does not know', () => {
    expect(() => applyPage(db, catalog([category, product(2, 'T-1', { barcode: { $ne: null } })]), { now: NOW })).toThrow(ProtocolMessageError);
    expect(() => applyPage(db, catalog([category, product(2, 'T-1', { ean: '0012345678905' })]), { now: NOW })).toThrow(ProtocolMessageError);
    expect(codes()).toEqual([]);
  });
});

describe('the stock change log (core/db/stockChanges.ts)', () => {
  it('is trimmed to its last 10,000 changes by each applied inventory page, in the page transaction', () => {
    const log = db.prepare(`INSERT INTO inventory_changes (sku, location_id) VALUES ('SKU-' || ?, 'S1')`);
    db.transaction(() => {
      for (let i = 0; i < 12_000; i++) log.run(i);
    })();
    const kept = () => db.prepare(`SELECT count(*) AS n, min(seq) AS low, max(seq) AS high FROM inventory_changes`).get() as { n: number; low: number; high: number };
    const gone = { version: 1, table: 'inventory', key: { sku: 'SKU-1', location_id: 'S1' }, row: null };
    const inventory = (changes: unknown[]): PullPageEnvelope => ({ protocol: 1, stream: 'inventory', since: '0', cursor: '100', hasMore: false, changes });
    applyPage(db, page('0', '100', [merch(1, 1)]), { now: NOW });
    expect(kept().n).toBe(12_000); // other streams leave it alone
    expect(() => applyPage(db, inventory([gone, { ...gone, version: 0 }]), { now: NOW })).toThrow(ProtocolMessageError);
    expect(kept().n).toBe(12_000); // a refused page trims nothing either
    applyPage(db, inventory([gone]), { now: NOW });
    expect(kept()).toEqual({ n: 10_000, low: 2_001, high: 12_000 });
  });
});
