import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildHubServer } from '../server.js';
import type { ImportReport } from '../store.js';
import { NOW, smallCatalog } from '../testFixtures.js';
import { importCsv } from './csvImport.js';
import { hubStoreCases, type HubStoreCase } from '../postgres/testStore.js';

describe.each(hubStoreCases())('CSV import ($name store)', ({ open }) => {
  let hub: Awaited<ReturnType<HubStoreCase['open']>>;

  beforeEach(async () => {
    hub = await open();
    await hub.store.writeChanges(smallCatalog());
  });
  afterEach(() => hub.dispose());

  const load = (file: string, text: string) => importCsv(hub.store, { file, text, source: 'cli', now: NOW });
  const stock = async () =>
    Object.fromEntries((await hub.store.changesSince('inventory', 'S1', 0, 1000)).changes.map((c) => [`${c.key.sku}@${c.key.location_id}`, [c.row?.on_hand, c.row?.reserved]]));
  const product = async (sku: string) => (await hub.store.changesSince('catalog', 'S1', 0, 1000)).changes.find((c) => c.table === 'products' && c.key.sku === sku)?.row;

  describe('inventory files', () => {
    it('applies every row of a clean file as inventory changes', async () => {
      const report = await load('stock.csv', 'sku,location_id,on_hand,reserved\nTENT-1,S1,12,2\nTENT-1,DC,40,\n');
      expect(report).toMatchObject({ kind: 'inventory', status: 'applied', rowsApplied: 2, rowsRejected: 0, fileError: null, rejections: [] });
      // An empty reserved cell keeps what the hub holds (none yet at DC).
      expect(await stock()).toEqual({ 'TENT-1@S1': [12, 2], 'TENT-1@DC': [40, 0] });
    });

    it('keeps the hub\'s reserved count when the file has no reserved column, and reads a BOM, CRLF and quoted cells', async () => {
      expect((await load('stock.csv', '\ufeffSKU,Location_ID,On_Hand\r\n"TENT-1",S1,"9"\r\n')).status).toBe('applied');
      expect((await stock())['TENT-1@S1']).toEqual([9, 1]);
    });

    it('applies nothing when any row is bad, and names each bad row by line with its reason', async () => {
      const report = await load(
        'stock.csv',
        ['sku,location_id,on_hand', 'TENT-1,S1,3', 'TENT-1,S2,-1', 'TENT-1,S2,2.5', 'TENT-1,S2,lots', 'GHOST,S1,1', 'TENT-1,MOON,1', 'TENT-1,S1,4', 'TENT-1,S2', ''].join('\n'),
      );
      expect(report).toMatchObject({ kind: 'inventory', status: 'rejected', rowsApplied: 0, rowsRejected: 7, fileError: null });
      expect(report.rejections).toEqual([
        { line: 3, reason: 'on_hand must be a whole number of 0 or more' },
        { line: 4, reason: 'on_hand must be a whole number of 0 or more' },
        { line: 5, reason: 'on_hand must be a whole number of 0 or more' },
        { line: 6, reason: 'unknown SKU GHOST' },
        { line: 7, reason: 'unknown location MOON' },
        { line: 8, reason: 'duplicate sku + location_id TENT-1 + S1 (first on line 2)' },
        { line: 9, reason: 'has 2 field(s); the header has 3' },
      ]);
      expect(await stock()).toEqual({ 'TENT-1@S1': [5, 1] });
    });

    it('refuses a file whose header is wrong as a whole', async () => {
      const cases: [string, RegExp][] = [
        ['sku,location_id,qty\nTENT-1,S1,1\n', /inventory file: missing column\(s\) on_hand; unknown column\(s\) qty/],
        ['sku,location_id,on_hand,on_hand\nTENT-1,S1,1,1\n', /names on_hand more than once/],
        ['item,where,count\nTENT-1,S1,1\n', /is not a feed the hub knows.*inventory \(sku, location_id, on_hand\); catalog/],
        ['', /the file is empty/],
        ['sku,location_id,on_hand\n', /no rows/],
        ['sku,location_id,on_hand\n"TENT-1,S1,1\n', /not readable as CSV/],
      ];
      for (const [text, reason] of cases) {
        const report = await load('bad.csv', text);
        expect(report.status).toBe('rejected');
        expect(report.fileError).toMatch(reason);
      }
      expect(await stock()).toEqual({ 'TENT-1@S1': [5, 1] });
    });
  });

  describe('catalog files', () => {
    const header = 'sku,title,brand,category_id,price_cents,cost_cents,launched_at,season,status';

    it('adds a new SKU under a new products id and updates a known one, keeping its id and the columns the file leaves out', async () => {
      const report = await load('catalog.csv', `${header},color\nTENT-1,Trail Tent 2P,Acme,outdoor,1200,600,2026-01-01,summer,clearance,green\nBAG-9,Down Bag,Acme,outdoor,9900,4000,2026-10-01,winter,active,\n`);
      expect(report).toMatchObject({ kind: 'catalog', status: 'applied', rowsApplied: 2 });
      expect(await product('TENT-1')).toMatchObject({ id: 1, title: 'Trail Tent 2P', price_cents: 1200, status: 'clearance', color: 'green', popularity: 7 });
      expect(await product('BAG-9')).toMatchObject({ id: 3, title: 'Down Bag', popularity: 0, is_partner: 0, compare_at_cents: null, color: null });
      expect(Object.keys((await product('BAG-9'))!).sort()).toEqual(Object.keys((await product('TENT-1'))!).sort());
    });

    it('takes barcodes and supplier codes as optional columns, and refuses a barcode that is not a GTIN', async () => {
      const report = await load('catalog.csv', `${header},barcode,supplier_code\nTENT-1,Trail Tent 2P,Acme,outdoor,1200,600,2026-01-01,summer,active,0012345678905,AC-77812\nBAG-9,Down Bag,Acme,outdoor,9900,4000,2026-10-01,winter,active,,\n`);
      expect(report).toMatchObject({ status: 'applied', rowsApplied: 2 });
      expect(await product('TENT-1')).toMatchObject({ barcode: '0012345678905', supplier_code: 'AC-77812' });
      expect(await product('BAG-9')).toMatchObject({ barcode: null, supplier_code: null });
      const bad = await load('catalog.csv', `${header},barcode\nTENT-1,Trail Tent 2P,Acme,outdoor,1200,600,2026-01-01,summer,active,12-34\n`);
      expect(bad.rejections).toEqual([{ line: 2, reason: 'barcode must be 8, 12, 13 or 14 digits (GTIN, EAN or UPC)' }]);
      expect(await product('TENT-1')).toMatchObject({ barcode: '0012345678905' });
    });

    it('rejects bad numbers, unknown categories, bad enums and inconsistent prices by line', async () => {
      const report = await load(
        'catalog.csv',
        [
          `${header},compare_at_cents`,
          'A-1,Tent,Acme,outdoor,12.50,600,2026-01-01,all,active,',
          'A-2,Tent,Acme,weapons,1000,600,2026-01-01,all,active,',
          'A-3,Tent,Acme,outdoor,1000,600,2026-01-01,monsoon,active,',
          'A-4,Tent,Acme,outdoor,1000,600,2026-01-01,all,active,900',
          'A-5,Tent,Acme,outdoor,1000,600,soon,all,active,',
        ].join('\n'),
      );
      expect(report.rejections).toEqual([
        { line: 2, reason: 'price_cents must be a whole number of 0 or more' },
        { line: 3, reason: 'unknown category weapons' },
        { line: 4, reason: 'season must be one of all, spring, summer, fall, winter' },
        { line: 5, reason: 'compare_at_cents is below price_cents' },
        { line: 6, reason: 'launched_at must be a date (YYYY-MM-DD)' },
      ]);
      expect(await product('A-4')).toBeUndefined();
    });
  });

  describe('reports', () => {
    it('are kept at the hub, newest first', async () => {
      await load('one.csv', 'sku,location_id,on_hand\nTENT-1,S1,1\n');
      await load('two.csv', 'nonsense');
      expect((await hub.store.listImports(10)).map((r) => [r.file, r.status])).toEqual([
        ['two.csv', 'rejected'],
        ['one.csv', 'applied'],
      ]);
    });
  });

  describe('POST /v1/admin/imports', () => {
    let app: FastifyInstance;
    let admin: string;
    beforeEach(async () => {
      admin = (await hub.store.addAdmin('ops', NOW)).token;
      app = buildHubServer(hub.store, { now: () => NOW, csvBodyLimit: 1024 });
    });
    afterEach(() => app.close());

    const upload = (body: string, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url: '/v1/admin/imports?file=stock.csv', payload: body, headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv', ...headers } });

    it('applies an uploaded file and answers with its report; a refused file gets 422 and the same report shape', async () => {
      const ok = await upload('sku,location_id,on_hand\nTENT-1,S1,8\n');
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ file: 'stock.csv', source: 'upload', status: 'applied', rowsApplied: 1 });
      const bad = await upload('sku,location_id,on_hand\nTENT-1,S1,x\n');
      expect(bad.statusCode).toBe(422);
      expect((bad.json() as ImportReport).rejections).toEqual([{ line: 2, reason: 'on_hand must be a whole number of 0 or more' }]);
      const list = await app.inject({ method: 'GET', url: '/v1/admin/imports?limit=1', headers: { authorization: `Bearer ${admin}` } });
      expect((list.json() as { imports: ImportReport[] }).imports.map((r) => r.status)).toEqual(['rejected']);
    });

    it('refuses an oversized upload, another media type and a missing admin token with typed errors', async () => {
      const big = await upload(`sku,location_id,on_hand\n${'TENT-1,S1,1\n'.repeat(200)}`);
      expect(big.statusCode).toBe(413);
      expect(big.json().error.code).toBe('payload_too_large');
      const json = await upload('{}', { 'content-type': 'application/json' });
      expect(json.statusCode).toBe(415);
      expect(json.json().error.code).toBe('unsupported_media_type');
      const anon = await app.inject({ method: 'POST', url: '/v1/admin/imports', payload: 'a', headers: { 'content-type': 'text/csv' } });
      expect(anon.statusCode).toBe(401);
      expect(await hub.store.listImports(10)).toEqual([]);
    });
  });

  describe('stock counted at the source', () => {
    it('keeps the source system\'s time of each count, so a day-old file stays a day old', async () => {
      const report = await load('stock.csv', 'sku,location_id,on_hand,counted_at\nTENT-1,S1,4,2026-11-22T12:00:00Z\nTENT-1,DC,9,\n');
      expect(report.status).toBe('applied');
      const rows = (await hub.store.changesSince('inventory', 'S1', 0, 100)).changes.map((c) => [c.key.location_id, c.row?.updated_at]);
      expect(rows).toEqual([
        ['S1', '2026-11-22T12:00:00.000Z'],
        ['DC', NOW.toISOString()],
      ]);
      expect((await load('stock.csv', 'sku,location_id,on_hand,counted_at\nTENT-1,S1,4,2027-01-01\nTENT-1,S2,4,yesterday\n')).rejections).toEqual([
        { line: 2, reason: 'counted_at 2027-01-01T00:00:00.000Z is in the future' },
        { line: 3, reason: 'counted_at must be a date-time like 2026-11-23T14:05:00Z, or empty' },
      ]);
    });
  });
});
