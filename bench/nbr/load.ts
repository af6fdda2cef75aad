// Order lines → baskets. A basket is one customer's purchases in one order (distinct SKUs).
// Files are streamed (gzip when the name ends in .gz) and never inflated to disk.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';

export type OrdersFormat = 'generic' | 'online-retail';

export interface Order {
  customerId: string;
  orderId: string;
  /** Epoch milliseconds of the order (its earliest line). */
  time: number;
  /** Distinct SKUs, in first-seen order. */
  skus: string[];
}

/** What the loader read, to check it against the published facts of a dataset. */
export interface LoadFacts {
  lines: number; // physical lines incl. header
  sha256: string; // of the uncompressed bytes
  records: number; // data rows
  orders: number; // distinct order ids (all rows)
  customers: number; // distinct non-empty customer ids (all rows)
  emptyCustomerLines: number;
  skus: number; // distinct SKUs (all rows)
  countries: number; // online-retail only
  cancellationLines: number; // online-retail only: InvoiceNo starting with C
  negativeQuantityLines: number;
  keptLines: number;
}

/** Published facts of `online_retail.csv.gz` (see /work/shared/datasets/README.md). */
export const ONLINE_RETAIL_FACTS = {
  lines: 541_910,
  sha256: '3a62b16c6e79c05582242c33685626aee2f1399c4d07520ee4c772ba5b26e030',
  orders: 25_900,
  customers: 4_372,
  emptyCustomerLines: 135_080,
  skus: 4_070,
  countries: 38,
  cancellationLines: 9_288,
  negativeQuantityLines: 10_624,
} as const satisfies Partial<LoadFacts>;

/** One SKU as the file describes it: its most used description and its most recent unit price. */
export interface CatalogEntry {
  description: string;
  unitPrice: number;
  /** Order lines that sold it (all rows with a positive quantity): a popularity signal. */
  lines: number;
}

export interface LoadResult {
  orders: Order[];
  facts: LoadFacts;
  /** online-retail only: every StockCode with a description (empty for the generic format). */
  catalog: Map<string, CatalogEntry>;
}

const GENERIC_COLUMNS = ['customer_id', 'order_id', 'timestamp', 'sku', 'quantity', 'price'] as const;
const ONLINE_RETAIL_COLUMNS = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'] as const;

/**
 * Reads order lines and groups them into orders.
 * - generic: `customer_id, order_id, timestamp, sku, quantity, price[, category]` with a header row;
 *   the timestamp is ISO 8601 (no zone = UTC) or epoch seconds/milliseconds. Lines without a
 *   customer or with a non-positive quantity (returns) are dropped.
 * - online-retail: the UCI Online Retail columns. Cancellations (InvoiceNo starting with C),
 *   non-positive quantities and lines without a CustomerID are dropped.
 */
export async function loadOrders(path: string, format: OrdersFormat): Promise<LoadResult> {
  const tap = new LineTap();
  const source = createReadStream(path);
  const bytes = path.endsWith('.gz') ? source.pipe(createGunzip()) : source;
  const parser = bytes.pipe(tap).pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }));
  source.on('error', (e) => parser.destroy(e));

  const facts: LoadFacts = {
    lines: 0,
    sha256: '',
    records: 0,
    orders: 0,
    customers: 0,
    emptyCustomerLines: 0,
    skus: 0,
    countries: 0,
    cancellationLines: 0,
    negativeQuantityLines: 0,
    keptLines: 0,
  };
  const allOrders = new Set<string>();
  const allCustomers = new Set<string>();
  const allSkus = new Set<string>();
  const countries = new Set<string>();
  const orders = new Map<string, Order>();
  const descriptions = new Map<string, Map<string, number>>();
  const catalog = new Map<string, CatalogEntry>();

  let col: Record<string, number> | null = null;
  for await (const row of parser as AsyncIterable<string[]>) {
    if (!col) {
      col = format === 'online-retail' ? columnsOf(row, ONLINE_RETAIL_COLUMNS, true) : columnsOf(row, GENERIC_COLUMNS, false);
      continue;
    }
    facts.records++;
    const at = (name: string) => row[col![name]!] ?? '';
    if (format === 'online-retail') {
      const invoice = at('InvoiceNo');
      const sku = at('StockCode');
      const customer = at('CustomerID');
      const quantity = Number(at('Quantity'));
      allOrders.add(invoice);
      allSkus.add(sku);
      countries.add(at('Country'));
      if (customer) allCustomers.add(customer);
      else facts.emptyCustomerLines++;
      noteDescription(descriptions, catalog, sku, at('Description'), Number(at('UnitPrice')), quantity);
      if (invoice.startsWith('C')) facts.cancellationLines++;
      if (quantity < 0) facts.negativeQuantityLines++;
      if (invoice.startsWith('C') || !(quantity > 0) || !customer || !sku) continue;
      addLine(orders, customer, invoice, parseTime(at('InvoiceDate')), sku);
    } else {
      const customer = at('customer_id');
      const order = at('order_id');
      const sku = at('sku');
      const quantity = Number(at('quantity'));
      allOrders.add(order);
      allSkus.add(sku);
      if (customer) allCustomers.add(customer);
      else facts.emptyCustomerLines++;
      if (quantity < 0) facts.negativeQuantityLines++;
      if (!(quantity > 0) || !customer || !sku || !order) continue;
      addLine(orders, customer, order, parseTime(at('timestamp')), sku);
    }
    facts.keptLines++;
  }
  if (!col) throw new Error(`${path}: empty file`);

  facts.lines = tap.lines();
  facts.sha256 = tap.digest();
  facts.orders = allOrders.size;
  facts.customers = allCustomers.size;
  facts.skus = allSkus.size;
  facts.countries = countries.size;
  for (const [sku, counts] of descriptions) {
    const entry = catalog.get(sku)!;
    entry.description = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  }
  return { orders: [...orders.values()], facts, catalog };
}

/** Differences between what was read and the published facts; empty when they all match. */
export function checkFacts(facts: LoadFacts, expected: Partial<LoadFacts> = ONLINE_RETAIL_FACTS): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(expected) as [keyof LoadFacts, unknown][]) {
    if (facts[k] !== v) out.push(`${k}: read ${String(facts[k])}, expected ${String(v)}`);
  }
  return out;
}

function noteDescription(
  descriptions: Map<string, Map<string, number>>,
  catalog: Map<string, CatalogEntry>,
  sku: string,
  description: string,
  unitPrice: number,
  quantity: number,
): void {
  const text = description.trim();
  if (!sku || !text) return;
  let counts = descriptions.get(sku);
  if (!counts) descriptions.set(sku, (counts = new Map()));
  counts.set(text, (counts.get(text) ?? 0) + 1);
  let entry = catalog.get(sku);
  if (!entry) catalog.set(sku, (entry = { description: text, unitPrice: 0, lines: 0 }));
  if (unitPrice > 0) entry.unitPrice = unitPrice;
  if (quantity > 0) entry.lines++;
}

function addLine(orders: Map<string, Order>, customerId: string, orderId: string, time: number, sku: string): void {
  // The same order id under two customers would be a data error; keep them apart anyway.
  const key = `${customerId}\u0000${orderId}`;
  let o = orders.get(key);
  if (!o) {
    o = { customerId, orderId, time, skus: [] };
    orders.set(key, o);
  }
  if (time < o.time) o.time = time;
  if (!o.skus.includes(sku)) o.skus.push(sku);
}

function columnsOf(header: string[], names: readonly string[], required: boolean): Record<string, number> {
  const lower = header.map((h) => h.trim().toLowerCase());
  const out: Record<string, number> = {};
  names.forEach((name, i) => {
    const idx = lower.indexOf(name.toLowerCase());
    if (idx >= 0) out[name] = idx;
    else if (required) throw new Error(`missing column ${name} (header: ${header.join(', ')})`);
    else out[name] = i; // no header names: positional
  });
  return out;
}

/** ISO 8601 (a missing zone is read as UTC, so results do not depend on the machine) or epoch s/ms. */
export function parseTime(s: string): number {
  const t = s.trim();
  if (/^\d+(\.\d+)?$/.test(t)) {
    const n = Number(t);
    return n < 1e11 ? n * 1000 : n;
  }
  let iso = t.replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) iso += 'T00:00:00';
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(iso)) iso += 'Z';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`unreadable timestamp: ${s}`);
  return ms;
}

/** Counts physical lines and hashes the bytes as they stream past. */
class LineTap extends Transform {
  private newlines = 0;
  private last = 10;
  private seen = false;
  private readonly hash = createHash('sha256');

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    let i = chunk.indexOf(10);
    while (i !== -1) {
      this.newlines++;
      i = chunk.indexOf(10, i + 1);
    }
    if (chunk.length) {
      this.seen = true;
      this.last = chunk[chunk.length - 1]!;
    }
    done(null, chunk);
  }

  lines(): number {
    return this.newlines + (this.seen && this.last !== 10 ? 1 : 0);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}
