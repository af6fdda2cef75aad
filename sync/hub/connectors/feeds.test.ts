// The five feeds a store runs on besides stock and catalog: stores, categories, staff,
// customers and orders. Per feed: the schema, every kind of bad row (by line, with a reason),
// all or nothing, the same file again changes nothing, and a 10 MB file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STREAMS } from '../../protocol/index.js';
import type { Row } from '../store.js';
import { hubStoreCases, type HubStoreCase } from '../postgres/testStore.js';
import { NOW, customerRow, smallCatalog } from '../testFixtures.js';
import { importCsv } from './csvImport.js';

const cases = hubStoreCases();
let hub: Awaited<ReturnType<HubStoreCase['open']>>;

const load = (text: string, file = 'feed.csv') => importCsv(hub.store, { file, text, source: 'cli', now: NOW });
const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

/** Every row a store sees (or '' = rows that stay at the hub), by table and key. */
async function rows(store = 'S1'): Promise<Map<string, Row>> {
  const out = new Map<string, Row>();
  for (const stream of STREAMS) {
    for (const c of (await hub.store.changesSince(stream, store, 0, 1_000_000)).changes) {
      const k = `${c.table}:${JSON.stringify(c.key)}`;
      if (c.row) out.set(k, c.row);
      else out.delete(k);
    }
  }
  return out;
}
const row = async (table: string, key: Row, store = 'S1') => (await rows(store)).get(`${table}:${JSON.stringify(key)}`);
/** The newest version the hub holds for any store: unchanged = nothing new to pull. */
async function lastVersion(): Promise<number> {
  const pages = await Promise.all(['S1', 'S2', ''].flatMap((s) => STREAMS.map((st) => hub.store.pageSince(st, s, 0, 1_000_000))));
  return Math.max(...pages.map((p) => p.cursor));
}

/** Loads a file twice: the second time applies the same rows and writes no new version. */
async function expectIdempotent(text: string) {
  expect((await load(text)).status).toBe('applied');
  const before = await lastVersion();
  const snapshot = [...(await rows('S1')), ...(await rows('S2'))];
  const again = await load(text);
  expect(again.status).toBe('applied');
  expect(await lastVersion()).toBe(before);
  expect([...(await rows('S1')), ...(await rows('S2'))]).toEqual(snapshot);
}

/** A file just over 10 MB: `make(i)` is row i. */
function tenMegabytes(header: string, make: (i: number) => string): { text: string; count: number } {
  const parts = [header];
  let size = header.length;
  let i = 0;
  while (size < 10 * 1024 * 1024) {
    const line = make(i++);
    parts.push(line);
    size += line.length + 1;
  }
  return { text: `${parts.join('\n')}\n`, count: i };
}
describe.each(cases)('feeds ($name store)', ({ open }) => {
  beforeEach(async () => {
    hub = await open();
    await hub.store.writeChanges(smallCatalog());
  });
  afterEach(() => hub.dispose());

  describe('stores feed', () => {
    const header = 'location_id,kind,name,city,region,country,timezone,lead_time_days';

    it('adds and updates locations for every store', async () => {
      const report = await load(csv(header, 'S3,store,Endcap Boise,Boise,ID,us,America/Boise,', 'S1,store,Endcap Denver LoDo,Denver,CO,US,America/Denver,1'));
      expect(report).toMatchObject({ kind: 'stores', status: 'applied', rowsApplied: 2 });
      expect(await row('locations', { id: 'S3' }, 'S2')).toEqual({ id: 'S3', kind: 'store', name: 'Endcap Boise', city: 'Boise', region: 'ID', country: 'US', timezone: 'America/Boise', lead_time_days: 3 });
      expect(await row('locations', { id: 'S1' })).toMatchObject({ name: 'Endcap Denver LoDo', lead_time_days: 1 });
    });

    it('names every bad row and applies nothing', async () => {
      const report = await load(csv(header, 'S4,store,Ok,Boise,ID,US,America/Boise,2', 'S5,mall,X,Boise,ID,US,America/Boise,2', 'S6,store,X,Boise,ID,USA,America/Boise,2', 'S7,store,X,Boise,ID,US,Mountain Time,2', 'S8,store,,Boise,ID,US,UTC,2', 'DC,store,X,Denver,CO,US,America/Denver,2', 'S4,store,Again,Boise,ID,US,America/Boise,2'));
      expect(report).toMatchObject({ status: 'rejected', rowsApplied: 0, rowsRejected: 6 });
      expect(report.rejections).toEqual([
        { line: 3, reason: 'kind must be one of store, dc, partner' },
        { line: 4, reason: 'country must be a two-letter ISO code such as US' },
        { line: 5, reason: 'timezone must be an IANA time zone such as America/Denver' },
        { line: 6, reason: 'name is empty' },
        { line: 7, reason: "location DC is a dc at the hub; a location's kind cannot change" },
        { line: 8, reason: 'duplicate location_id S4 (first on line 2)' },
      ]);
      expect(await row('locations', { id: 'S4' })).toBeUndefined();
    });

    it('applying the same file again changes nothing', () => expectIdempotent(csv(header, 'S3,store,Endcap Boise,Boise,ID,US,America/Boise,2')));

    it('takes a 10 MB file', async () => {
      const big = tenMegabytes(header, (i) => `P${i},partner,Partner warehouse number ${i} of the chain,Reno,NV,US,America/Los_Angeles,${i % 9}`);
      expect(await load(big.text)).toMatchObject({ status: 'applied', rowsApplied: big.count });
      expect(await row('locations', { id: `P${big.count - 1}` })).toMatchObject({ kind: 'partner' });
    }, 120_000);
  });

  describe('categories feed', () => {
    const header = 'category_id,name,parent_id,sensitive';

    it('derives path names and depth from parents given later in the file or held at the hub', async () => {
      const report = await load(csv(header, 'tents,Tents,camping,', 'camping,Camping,outdoor,', 'health,Health,,1'));
      expect(report).toMatchObject({ kind: 'categories', status: 'applied', rowsApplied: 3 });
      expect(await row('categories', { id: 'tents' })).toEqual({ id: 'tents', parent_id: 'camping', name: 'Tents', path_name: 'Outdoor > Camping > Tents', depth: 2, sensitive: 0 });
      expect(await row('categories', { id: 'health' })).toMatchObject({ path_name: 'Health', depth: 0, sensitive: 1 });
      // A rename carries the descendants at the hub along.
      expect((await load(csv(header, 'outdoor,Outdoors,,'))).status).toBe('applied');
      expect(await row('categories', { id: 'tents' })).toMatchObject({ path_name: 'Outdoors > Camping > Tents' });
    });

    it('names every bad row and applies nothing', async () => {
      const report = await load(csv(header, 'a,A,,', 'b,B,nowhere,', 'c,C,d,', 'd,D,c,', 'e,E,e,', 'f,F,,maybe', 'g,,,'));
      expect(report).toMatchObject({ status: 'rejected', rowsRejected: 6 });
      expect(report.rejections).toEqual([
        { line: 3, reason: 'unknown parent_id nowhere (not in this file nor at the hub)' },
        { line: 4, reason: 'category c is part of a parent cycle' },
        { line: 5, reason: 'category d is part of a parent cycle' },
        { line: 6, reason: 'category e is its own parent' },
        { line: 7, reason: 'sensitive must be 0 or 1' },
        { line: 8, reason: 'name is empty' },
      ]);
      expect(await row('categories', { id: 'a' })).toBeUndefined();
    });

    it('applying the same file again changes nothing', () => expectIdempotent(csv(header, 'camping,Camping,outdoor,', 'tents,Tents,camping,')));

    it('takes a 10 MB file', async () => {
      const big = tenMegabytes(header, (i) => `outdoor/c${i},Category number ${i} with a long descriptive name,${i === 0 ? 'outdoor' : `outdoor/c${Math.floor(i / 2)}`},0`);
      expect(await load(big.text)).toMatchObject({ status: 'applied', rowsApplied: big.count });
    }, 120_000);
  });

  describe('staff feed', () => {
    const header = 'staff_id,name,role,store_id,active';

    it('adds staff to their own store only, without a PIN; a known person keeps theirs', async () => {
      const LOCK = { store_lock_ms: -1, store_lock_failed: 15, store_lock_at: '2026-11-20T10:00:00.000Z' };
      await hub.store.writeChanges([{ stream: 'catalog', table: 'staff', key: { id: 'st1' }, row: { id: 'st1', display_name: 'Ava', role: 'associate', store_id: 'S1', pin_hash: 'scrypt$1$a$b', active: 1, ...LOCK }, scopeStoreId: 'S1' }]);
      const report = await load(csv(header, 'st1,Ava Martinez,Manager,S1,', 'st2,Sam Okafor,associate,S2,0'));
      expect(report).toMatchObject({ kind: 'staff', status: 'applied', rowsApplied: 2 });
      // The PIN and a PIN lock made at a register stay.
      expect(await row('staff', { id: 'st1' })).toEqual({ id: 'st1', display_name: 'Ava Martinez', role: 'manager', store_id: 'S1', pin_hash: 'scrypt$1$a$b', active: 1, ...LOCK });
      expect(await row('staff', { id: 'st2' }, 'S2')).toEqual({ id: 'st2', display_name: 'Sam Okafor', role: 'associate', store_id: 'S2', pin_hash: '', active: 0 });
      expect(await row('staff', { id: 'st2' }, 'S1')).toBeUndefined();
    });

    it('refuses a file with a PIN column as a whole', async () => {
      const report = await load(csv('staff_id,name,role,store_id,pin', 'st1,Ava,associate,S1,1111'));
      expect(report).toMatchObject({ status: 'rejected', kind: 'staff', rowsApplied: 0 });
      expect(report.fileError).toMatch(/pin: PINs never travel in a feed/);
    });

    it('names every bad row and applies nothing', async () => {
      const report = await load(csv(header, 'st3,Ok,associate,S1,1', 'st4,X,cashier,S1,1', 'st5,X,associate,MOON,1', 'st6,X,associate,DC,1', 'st7,X,associate,S1,yes', 'st3,Y,associate,S1,1'));
      expect(report.rejections).toEqual([
        { line: 3, reason: 'role must be one of associate, merchandiser, manager' },
        { line: 4, reason: 'unknown store MOON (send the stores file first)' },
        { line: 5, reason: 'DC is a dc, not a store' },
        { line: 6, reason: 'active must be 0 or 1' },
        { line: 7, reason: 'duplicate staff_id st3 (first on line 2)' },
      ]);
      expect(await row('staff', { id: 'st3' })).toBeUndefined();
    });

    it('applying the same file again changes nothing', () => expectIdempotent(csv(header, 'st1,Ava,associate,S1,1')));

    it('takes a 10 MB file', async () => {
      const big = tenMegabytes(header, (i) => `staff-${i},Person number ${i} of the big retailer,associate,${i % 2 ? 'S1' : 'S2'},1`);
      expect(await load(big.text)).toMatchObject({ status: 'applied', rowsApplied: big.count });
    }, 120_000);
  });

  describe('customers feed', () => {
    const header =
      'customer_id,first_name,last_name,home_store_id,email,phone,loyalty_id,city,marketing_consent,marketing_consent_source,marketing_consent_at,personalization_consent,personalization_consent_source,personalization_consent_at';

    it('brings a customer with identifiers and consents to their home store only', async () => {
      const report = await load(csv(header, 'c1,Zoë,García,S1,Zoe.Garcia@GMail.com,(303) 555-0142,ec-1234-5678,Denver,granted,web signup,2026-03-01T10:00:00Z,granted,in store,2026-03-01', 'c2,Ann,Lee,,,,,,,,,,,'));
      expect(report).toMatchObject({ kind: 'customers', status: 'applied', rowsApplied: 2 });
      expect(await row('customers', { id: 'c1' })).toMatchObject({ first_name: 'Zoë', first_name_key: 'zoe', last_name_key: 'garcia', home_store_id: 'S1', city: 'Denver', status: 'active' });
      expect(await row('customer_identifiers', { kind: 'email', value: 'zoegarcia@gmail.com', customer_id: 'c1' })).toMatchObject({ raw: 'Zoe.Garcia@GMail.com', is_primary: 1 });
      expect(await row('customer_identifiers', { kind: 'phone', value: '+13035550142', customer_id: 'c1' })).toBeDefined();
      expect(await row('customer_identifiers', { kind: 'loyalty', value: 'EC12345678', customer_id: 'c1' })).toBeDefined();
      expect(await row('consents', { customer_id: 'c1', purpose: 'marketing', channel: 'email' })).toMatchObject({ status: 'granted', source: 'web signup', recorded_at: '2026-03-01T10:00:00.000Z' });
      expect(await row('consents', { customer_id: 'c1', purpose: 'personalization', channel: 'email' })).toMatchObject({ source: 'in store', recorded_at: '2026-03-01T00:00:00.000Z' });
      expect(await row('customers', { id: 'c1' }, 'S2')).toBeUndefined();
      // No home store: the profile stays at the hub.
      expect(await row('customers', { id: 'c2' }, '')).toMatchObject({ home_store_id: null });
    });

    it('keeps text-message marketing consent apart from email, with its own time and text version, and only for a number', async () => {
      const sms = 'customer_id,first_name,last_name,home_store_id,phone,marketing_consent,marketing_consent_at,marketing_sms_consent,marketing_sms_consent_source,marketing_sms_consent_at,marketing_sms_consent_text_version';
      const report = await load(csv(sms, 'c1,Ann,Lee,S1,+1 303 555 0142,withdrawn,2026-03-01,granted,pos,2026-03-02T09:00:00Z,sms-v3', 'c2,Bo,Ng,S1,,,,granted,pos,2026-03-02,'));
      expect(report.status).toBe('rejected');
      expect(report.rejections).toEqual([{ line: 3, reason: 'marketing_sms_consent granted without a phone number; give the phone too' }]);
      expect((await load(csv(sms, 'c1,Ann,Lee,S1,+1 303 555 0142,withdrawn,2026-03-01,granted,pos,2026-03-02T09:00:00Z,sms-v3'))).status).toBe('applied');
      expect(await row('consents', { customer_id: 'c1', purpose: 'marketing', channel: 'sms' })).toMatchObject({ status: 'granted', source: 'pos', text_version: 'sms-v3', recorded_at: '2026-03-02T09:00:00.000Z' });
      expect(await row('consents', { customer_id: 'c1', purpose: 'marketing', channel: 'email' })).toMatchObject({ status: 'withdrawn', text_version: 'imported' });
    });

    it('keeps a consent a register recorded after the file, and never brings back an erased or merged profile', async () => {
      expect((await load(csv(header, 'c1,Ann,Lee,S1,,,,,granted,web,2026-03-01,,,'))).status).toBe('applied');
      const later = { customer_id: 'c1', purpose: 'marketing', channel: 'email', status: 'withdrawn', source: 'register', text_version: 'v2', recorded_by: 'st1', store_id: 'S1', register_id: 'R1', recorded_at: '2026-11-01T00:00:00.000Z' };
      await hub.store.writeChanges([{ stream: 'customers', table: 'consents', key: { customer_id: 'c1', purpose: 'marketing', channel: 'email' }, row: later, scopeStoreId: 'S1' }]);
      expect((await load(csv(header, 'c1,Ann,Lee,S1,,,,,granted,web,2026-03-01,,,'))).status).toBe('applied');
      expect(await row('consents', { customer_id: 'c1', purpose: 'marketing', channel: 'email' })).toMatchObject({ status: 'withdrawn' });

      const erased = customerRow('gone', 'S1');
      const merged = customerRow('dupe', 'S1');
      await hub.store.writeChanges([{ ...erased, row: { ...erased.row!, status: 'erased' } }, { ...merged, row: { ...merged.row!, merged_into: 'c1' } }]);
      const report = await load(csv(header, 'gone,Ada,L,S1,,,,,,,,,,', 'dupe,Ada,L,S1,,,,,,,,,,'));
      expect(report.rejections).toEqual([
        { line: 2, reason: 'customer gone was erased at their request; their data may not be imported again' },
        { line: 3, reason: 'customer dupe was merged into c1; send the row for c1 instead' },
      ]);
    });

    it('names every bad row and applies nothing', async () => {
      const report = await load(
        csv(
          header,
          'c1,Ok,Fine,S1,ok@example.com,,,,,,,,,',
          'c2,X,Y,MOON,,,,,,,,,,',
          'c3,X,Y,DC,,,,,,,,,,',
          'c4,X,Y,S1,not-an-email,,,,,,,,,',
          'c5,X,Y,S1,,12,,,,,,,,',
          'c6,X,Y,S1,,,LOYAL-1,,,,,,,',
          'c7,X,Y,S1,,,,,yes,,,,,',
          'c8,X,Y,S1,,,,,granted,web,,,,',
          'c9,X,Y,S1,,,,,,web,2026-01-01,,,',
          'c10,X,Y,S1,,,,,granted,web,2030-01-01,,,',
          'c11,X,Y,S1,,,,,granted,web,last tuesday,,,',
          'c12,,Y,S1,,,,,,,,,,',
          'c1,Again,Y,S1,,,,,,,,,,',
        ),
      );
      expect(report).toMatchObject({ status: 'rejected', rowsApplied: 0, rowsRejected: 12 });
      expect(report.rejections.map((r) => [r.line, r.reason])).toEqual([
        [3, 'unknown home_store_id MOON (send the stores file first)'],
        [4, 'home_store_id DC is a dc, not a store'],
        [5, 'email not-an-email is not an email address'],
        [6, 'phone 12 is not a phone number (write it with its country code, e.g. +1 303 555 0142)'],
        [7, 'loyalty_id LOYAL-1 is not a loyalty id (EC-1234-5678)'],
        [8, 'marketing_consent must be granted, withdrawn or empty (no decision)'],
        [9, 'marketing_consent_at is needed with marketing_consent (when the customer decided)'],
        [10, 'marketing_consent is empty but marketing_consent_at or _source is given; give the decision too'],
        [11, 'marketing_consent_at 2030-01-01T00:00:00.000Z is in the future'],
        [12, 'marketing_consent_at must be a date-time like 2026-11-23T14:05:00Z, or empty'],
        [13, 'first_name is empty'],
        [14, 'duplicate customer_id c1 (first on line 2)'],
      ]);
      expect(await row('customers', { id: 'c1' })).toBeUndefined();
    });

    it('applying the same file again changes nothing', () => expectIdempotent(csv(header, 'c1,Zoë,García,S1,zoe@example.com,303 555 0142,EC-1234-5678,Denver,granted,web,2026-03-01,withdrawn,register,2026-04-01')));

    it('moves a customer who changes home store, identifiers and consents along', async () => {
      expect((await load(csv(header, 'c1,Ann,Lee,S1,ann@example.com,,,,granted,web,2026-03-01,,,'))).status).toBe('applied');
      expect((await load(csv(header, 'c1,Ann,Lee,S2,ann@example.com,,,,granted,web,2026-03-01,,,'))).status).toBe('applied');
      expect(await row('customers', { id: 'c1' })).toBeUndefined();
      expect(await row('customer_identifiers', { kind: 'email', value: 'ann@example.com', customer_id: 'c1' })).toBeUndefined();
      expect(await row('customers', { id: 'c1' }, 'S2')).toMatchObject({ home_store_id: 'S2' });
      expect(await row('consents', { customer_id: 'c1', purpose: 'marketing', channel: 'email' }, 'S2')).toMatchObject({ status: 'granted' });
    });

    it('takes a 10 MB file', async () => {
      const big = tenMegabytes(header, (i) => `cust-${i},Firstname${i},Lastname${i},S${(i % 2) + 1},person${i}@example.com,,,Denver,granted,web,2026-03-01T10:00:00Z,,,`);
      expect(await load(big.text)).toMatchObject({ status: 'applied', rowsApplied: big.count });
      expect(await row('customer_identifiers', { kind: 'email', value: `person${big.count - 1}@example.com`, customer_id: `cust-${big.count - 1}` }, `S${((big.count - 1) % 2) + 1}`)).toBeDefined();
    }, 120_000);
  });

  describe('orders feed', () => {
    const header = 'order_id,line_no,sku,quantity,unit_price_cents,discount_cents,customer_id,store_id,channel,placed_at,external_ref';
    beforeEach(async () => {
      await hub.store.writeChanges([customerRow('c1', 'S1'), customerRow('c2', 'S2')]);
    });

    it("turns lines into orders that follow the customer's home store; returns are negative lines; walk-ins follow their store", async () => {
      const report = await load(
        csv(
          header,
          'POS-1,1,TENT-1,2,1000,100,c2,S1,till,2026-11-20T15:00:00Z,',
          'POS-1,2,OLD-1,1,500,,c2,S1,till,2026-11-20T15:00:00Z,',
          'POS-2,1,TENT-1,-1,1000,,c2,S1,till,2026-11-21,',
          'WEB-9,1,TENT-1,1,1000,,,,online,2026-11-22T08:00:00-07:00,',
          'POS-3,1,TENT-1,1,1000,,,S1,till,2026-11-22T09:00:00Z,',
        ),
      );
      expect(report).toMatchObject({ kind: 'orders', status: 'applied', rowsApplied: 5 });
      expect(await row('orders', { id: 'POS-1' }, 'S2')).toEqual({
        id: 'POS-1', customer_id: 'c2', channel: 'store', location_id: 'S1', register_id: null, associate_id: null, placed_at: '2026-11-20T15:00:00.000Z', subtotal_cents: 2500, discount_cents: 100, status: 'completed',
      });
      expect(await row('order_lines', { order_id: 'POS-1', line_no: 2 }, 'S2')).toEqual({ order_id: 'POS-1', line_no: 2, sku: 'OLD-1', quantity: 1, unit_price_cents: 500, discount_cents: 0 });
      expect(await row('orders', { id: 'POS-2' }, 'S2')).toMatchObject({ subtotal_cents: -1000, status: 'returned' });
      expect(await row('orders', { id: 'WEB-9' }, '')).toMatchObject({ channel: 'online', location_id: null, placed_at: '2026-11-22T15:00:00.000Z' });
      expect(await row('orders', { id: 'POS-3' }, 'S1')).toMatchObject({ customer_id: null, location_id: 'S1' });
      expect(await row('orders', { id: 'POS-1' }, 'S1')).toBeUndefined();
    });

    it('keeps an order with an external reference under that reference, so the register\'s sale and the export are one order', async () => {
      expect((await load(csv(header, 'POS-7,1,TENT-1,1,1000,,c1,S1,till,2026-11-20T15:00:00Z,0193a-sale', 'POS-7,2,OLD-1,1,500,,c1,S1,till,2026-11-20T15:00:00Z,0193a-sale'))).status).toBe('applied');
      expect(await row('orders', { id: '0193a-sale' })).toMatchObject({ subtotal_cents: 1500 });
      expect(await row('orders', { id: 'POS-7' })).toBeUndefined();
      // Sent again with one line: the order is replaced, the dropped line removed.
      expect((await load(csv(header, 'POS-7,1,TENT-1,1,1000,,c1,S1,till,2026-11-20T15:00:00Z,0193a-sale'))).status).toBe('applied');
      expect(await row('orders', { id: '0193a-sale' })).toMatchObject({ subtotal_cents: 1000 });
      expect(await row('order_lines', { order_id: '0193a-sale', line_no: 2 })).toBeUndefined();
    });

    it('names every bad row and applies nothing', async () => {
      const report = await load(
        csv(
          header,
          'A,1,TENT-1,1,1000,,c1,S1,till,2026-11-20T15:00:00Z,',
          'A,2,TENT-1,1,1000,,c2,S1,till,2026-11-20T15:00:00Z,',
          'B,1,GHOST,1,1000,,c1,S1,till,2026-11-20T15:00:00Z,',
          'C,1,TENT-1,0,1000,,c1,S1,till,2026-11-20T15:00:00Z,',
          'D,1,TENT-1,1.5,1000,,c1,S1,till,2026-11-20T15:00:00Z,',
          'E,1,TENT-1,1,-5,,c1,S1,till,2026-11-20T15:00:00Z,',
          'F,1,TENT-1,1,1000,,nobody,S1,till,2026-11-20T15:00:00Z,',
          'G,1,TENT-1,1,1000,,c1,MOON,till,2026-11-20T15:00:00Z,',
          'H,1,TENT-1,1,1000,,c1,,till,2026-11-20T15:00:00Z,',
          'I,1,TENT-1,1,1000,,c1,S1,phone,2026-11-20T15:00:00Z,',
          'J,1,TENT-1,1,1000,,c1,S1,till,yesterday,',
          'K,1,TENT-1,1,1000,,c1,S1,till,2031-01-01,',
          'L,0,TENT-1,1,1000,,c1,S1,till,2026-11-20T15:00:00Z,',
          'A,1,TENT-1,1,1000,,c1,S1,till,2026-11-20T15:00:00Z,',
          'M,1,TENT-1,1,1000,,c1,S1,till,2026-11-20T15:00:00Z,ref-1',
          'N,1,TENT-1,1,1000,,c1,S1,till,2026-11-20T15:00:00Z,ref-1',
        ),
      );
      expect(report).toMatchObject({ status: 'rejected', rowsApplied: 0, rowsRejected: 14 });
      expect(report.rejections.map((r) => [r.line, r.reason])).toEqual([
        [3, 'customer_id differs from line 2 of order A; an order\'s lines must agree on customer_id, store_id, channel, placed_at, external_ref'],
        [4, 'unknown SKU GHOST (send the catalog file first)'],
        [5, 'quantity must not be 0 (negative for a return)'],
        [6, 'quantity must be a whole number (negative for a return)'],
        [7, 'unit_price_cents must be a whole number of 0 or more'],
        [8, 'unknown customer_id nobody (send the customers file first)'],
        [9, 'unknown store_id MOON (send the stores file first)'],
        [10, 'a till sale needs store_id'],
        [11, 'channel must be one of till, online'],
        [12, 'placed_at must be a date-time like 2026-11-23T14:05:00Z (or a date 2026-11-23)'],
        [13, 'placed_at 2031-01-01T00:00:00.000Z is in the future'],
        [14, 'line_no must be 1 or more'],
        [15, 'duplicate order_id + line_no A + 1 (first on line 2)'],
        [17, 'order N and order M have the same reference ref-1'],
      ]);
      expect(await row('orders', { id: 'A' })).toBeUndefined();
    });

    it('applying the same file again changes nothing', () => expectIdempotent(csv(header, 'A,1,TENT-1,1,1000,,c1,S1,till,2026-11-20T15:00:00Z,', 'A,2,TENT-1,-1,1000,,c1,S1,till,2026-11-20T15:00:00Z,', 'B,1,TENT-1,3,900,50,,S2,till,2026-11-20,')));

    it('takes a 10 MB file', async () => {
      const big = tenMegabytes(header, (i) => `POS-${Math.floor(i / 3)},${(i % 3) + 1},TENT-1,${i % 7 === 6 ? -1 : 2},1000,0,c${(Math.floor(i / 3) % 2) + 1},S1,till,2026-11-20T15:00:00Z,`);
      expect(await load(big.text)).toMatchObject({ status: 'applied', rowsApplied: big.count });
    }, 120_000);
  });
});
