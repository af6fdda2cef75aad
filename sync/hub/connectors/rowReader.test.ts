import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEEDS } from './feeds.js';
import { checkRow, rowReader } from './rowReader.js';

/** Cell texts that pass some column and fail others: numbers, signs, times, flags, blanks, padding. */
const CELL = fc.constantFrom(
  '', ' ', '0', '1', '-1', ' 12 ', '007', '1.5', 'x', 'abc', 'TRUE', 'false', 'till', ' Online ', 'store', 'manager',
  '2026-10-01', '2026-10-01T15:00:00Z', '2026-10-01 15:00', '2026-13-01T00:00:00Z', '2026-10-01T15:00:00+02:00', 'US', 'America/Denver', 'a'.repeat(201),
);

describe('rowReader', () => {
  it('the hot feeds (orders, stock) have one', () => {
    const fast = FEEDS.filter((f) => rowReader(f.schema)).map((f) => f.kind);
    expect(fast).toEqual(expect.arrayContaining(['orders', 'inventory']));
  });

  it('reads a valid order line as zod does, padding and case included', () => {
    const feed = FEEDS.find((f) => f.kind === 'orders')!;
    const values = {
      order_id: ' POS-1 ', line_no: '2', sku: 'SKU-9', quantity: '-1', unit_price_cents: '1500', discount_cents: '',
      customer_id: '', store_id: 'S1', channel: ' Till', placed_at: '2026-10-01 15:00', external_ref: 'R-1',
    };
    const fast = rowReader(feed.schema)!(values);
    expect(fast).toEqual(feed.schema.parse(values));
    expect(fast).toMatchObject({ order_id: 'POS-1', quantity: -1, discount_cents: null, channel: 'till', placed_at: '2026-10-01T15:00:00.000Z' });
  });

  for (const feed of FEEDS) {
    it(`${feed.kind}: a row is checked as zod checks it, with zod's reasons when refused`, () => {
      const columns = [...feed.required, ...feed.optional];
      const fast = rowReader(feed.schema);
      fc.assert(
        fc.property(fc.array(fc.option(CELL, { nil: undefined }), { minLength: columns.length, maxLength: columns.length }), (cells) => {
          // An undefined cell is a column the record leaves out (a connector's batch may).
          const values: Record<string, string> = {};
          columns.forEach((c, i) => {
            if (cells[i] !== undefined) values[c] = cells[i];
          });
          const zod = feed.schema.safeParse(values);
          const got = checkRow(feed.schema, fast, values);
          if (zod.success) expect(got).toEqual({ row: zod.data });
          else expect(got).toEqual({ reason: zod.error.issues.map((i) => i.message).join('; ') });
        }),
        { numRuns: 500 },
      );
    });
  }
});
