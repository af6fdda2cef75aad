// The stock and product feeds: inventory (stock per SKU and location) and catalog (products).
// Each names its columns, checks one row with zod, checks what the row points at against the
// hub's current rows, and turns it into a stream change.
import { z } from 'zod';
import type { Row } from '../store.js';
import { perRow, type Feed } from './feed.js';
import type { RowRead } from './prefetch.js';
import { decimal, flag, id, optionalIsoTime, optionalText, optionalWhole, wholeNumber } from './fields.js';

const flagPartner = flag('is_partner');
const popularity = decimal('popularity');

export const inventoryFeed: Feed = {
  kind: 'inventory',
  required: ['sku', 'location_id', 'on_hand'],
  optional: ['reserved', 'counted_at'],
  marker: ['sku', 'location_id'],
  key: ['sku', 'location_id'],
  schema: z.object({
    sku: id('sku'),
    location_id: id('location_id'),
    on_hand: wholeNumber('on_hand'),
    reserved: optionalWhole('reserved').optional(),
    counted_at: optionalIsoTime('counted_at').optional(),
  }) as unknown as z.ZodType<Row>,
  reads: (r): RowRead[] => [
    { table: 'products', key: { sku: r.sku! } },
    { table: 'locations', key: { id: r.location_id! } },
    ...(r.reserved == null ? [{ table: 'inventory', key: { sku: r.sku!, location_id: r.location_id! } }] : []),
  ],
  start: perRow(async (r, reader, ctx) => {
    if (!(await ctx.exists('products', r.sku as string))) return `unknown SKU ${r.sku}`;
    if (!(await ctx.exists('locations', r.location_id as string))) return `unknown location ${r.location_id}`;
    // Without a reserved column (or with an empty cell) the hub keeps what it holds.
    const reserved = r.reserved ?? (await reader.row('inventory', { sku: r.sku!, location_id: r.location_id! }))?.reserved ?? 0;
    // The source system's time of the count, when the file gives it: a day-old count stays a day old.
    const counted = (r.counted_at as string | null | undefined) ?? ctx.now;
    if (counted > ctx.now) return `counted_at ${counted} is in the future`;
    const row: Row = { sku: r.sku!, location_id: r.location_id!, on_hand: r.on_hand!, reserved, updated_at: counted };
    return { stream: 'inventory', table: 'inventory', key: { sku: row.sku!, location_id: row.location_id! }, row, scopeStoreId: null };
  }),
};

const PRODUCT_DEFAULTS: Row = {
  compare_at_cents: null, color: null, size: null, material: null, is_partner: 0, partner_location_id: null, popularity: 0, barcode: null, supplier_code: null,
};
/** A barcode (GTIN-8/12/13/14: EAN, UPC) as printed: digits only. */
const barcode = optionalText.refine((v) => v === null || /^(\d{8}|\d{12,14})$/.test(v), 'barcode must be 8, 12, 13 or 14 digits (GTIN, EAN or UPC)');

export const catalogFeed: Feed = {
  kind: 'catalog',
  required: ['sku', 'title', 'brand', 'category_id', 'price_cents', 'cost_cents', 'launched_at', 'season', 'status'],
  optional: ['compare_at_cents', 'color', 'size', 'material', 'is_partner', 'partner_location_id', 'popularity', 'barcode', 'supplier_code'],
  marker: ['sku', 'title'],
  key: ['sku'],
  schema: z.object({
    sku: id('sku'),
    title: id('title'),
    brand: id('brand'),
    category_id: id('category_id'),
    price_cents: wholeNumber('price_cents'),
    cost_cents: wholeNumber('cost_cents'),
    launched_at: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}/, 'launched_at must be a date (YYYY-MM-DD)'),
    season: z.enum(['all', 'spring', 'summer', 'fall', 'winter'], 'season must be one of all, spring, summer, fall, winter'),
    status: z.enum(['active', 'clearance', 'discontinued'], 'status must be one of active, clearance, discontinued'),
    compare_at_cents: optionalWhole('compare_at_cents').optional(),
    color: optionalText.optional(),
    size: optionalText.optional(),
    material: optionalText.optional(),
    is_partner: flagPartner.optional(),
    partner_location_id: optionalText.optional(),
    popularity: popularity.optional(),
    barcode: barcode.optional(),
    supplier_code: optionalText.optional(),
  }) as unknown as z.ZodType<Row>,
  reads: (r): RowRead[] => [
    { table: 'categories', key: { id: r.category_id! } },
    { table: 'products', key: { sku: r.sku! } },
    ...(r.partner_location_id != null ? [{ table: 'locations', key: { id: r.partner_location_id } }] : []),
  ],
  start: perRow(async (r, reader, ctx) => {
    if (!(await ctx.exists('categories', r.category_id as string))) return `unknown category ${r.category_id}`;
    const held = await reader.row('products', { sku: r.sku! });
    // Columns the file leaves out keep what the hub has (or the defaults for a new SKU).
    const given = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Row;
    const row: Row = { ...PRODUCT_DEFAULTS, ...held, ...given, id: held ? held.id! : await ctx.nextProductId(), updated_at: ctx.now };
    if (row.compare_at_cents !== null && (row.compare_at_cents as number) < (row.price_cents as number)) return 'compare_at_cents is below price_cents';
    if (row.is_partner === 1 && row.partner_location_id === null) return 'a partner product needs partner_location_id';
    if (row.partner_location_id !== null && !(await ctx.exists('locations', row.partner_location_id as string))) return `unknown location ${row.partner_location_id}`;
    return { stream: 'catalog', table: 'products', key: { sku: row.sku! }, row, scopeStoreId: null };
  }),
};

