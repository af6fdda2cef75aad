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
