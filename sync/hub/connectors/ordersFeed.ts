// The orders feed: one row per order line (till and online sales; a return is a line with a
// negative quantity). The order's own columns repeat on each of its lines and must agree.
// An order with an external_ref is kept under that reference: it is the id Endcap gave the sale
// at the register (printed on the receipt), so the same sale arriving from the register and from
// the retailer's order export is one order, whichever comes first. A re-sent order replaces its
// lines (lines the hub holds beyond the file's are removed). An order follows its customer to the
// customer's home store; an order without a customer follows the store it was placed in.
import { z } from 'zod';
import { HUB_ONLY, type HubReader, type Row, type RowChange } from '../store.js';
import type { Feed, FeedContext, FeedEnd } from './feed.js';
import type { RowRead } from './prefetch.js';
import { id, isoTime, oneOf, optionalText, optionalWhole, signedWhole, wholeNumber } from './fields.js';

/** Order columns that repeat on every line of the order. */
const ORDER_COLUMNS = ['customer_id', 'store_id', 'channel', 'placed_at', 'external_ref'] as const;

export const ordersFeed: Feed = {
  kind: 'orders',
  required: ['order_id', 'line_no', 'sku', 'quantity', 'unit_price_cents', 'channel', 'placed_at'],
  optional: ['discount_cents', 'customer_id', 'store_id', 'external_ref'],
  marker: ['order_id', 'sku'],
  key: ['order_id', 'line_no'],
  schema: z.object({
    order_id: id('order_id'),
    line_no: wholeNumber('line_no', { ok: (n) => n >= 1, message: 'line_no must be 1 or more' }),
    sku: id('sku'),
    quantity: signedWhole('quantity', { ok: (n) => n !== 0, message: 'quantity must not be 0 (negative for a return)' }),
    unit_price_cents: wholeNumber('unit_price_cents'),
    discount_cents: optionalWhole('discount_cents').optional(),
    customer_id: optionalText.optional(),
    store_id: optionalText.optional(),
    channel: oneOf('channel', ['till', 'online']),
    placed_at: isoTime('placed_at'),
    external_ref: optionalText.optional(),
  }) as unknown as z.ZodType<Row>,
  reads: (r): RowRead[] => [
    { table: 'products', key: { sku: r.sku! } },
    ...(r.store_id != null ? [{ table: 'locations', key: { id: r.store_id } }] : []),
    ...(r.customer_id != null ? [{ table: 'customers', key: { id: r.customer_id } }] : []),
  ],
  start: (reader, ctx) => new OrdersRun(reader, ctx),
};

interface OrderIn {
  firstLine: number;
  /** The order's first line as checked (its order columns) and the key the order is kept under. */
  head: Row;
  key: string;
  /** Its lines' rows as the hub keeps them, made as each line is read (the checked line is then dropped). */
  lines: Row[];
}

/** What a line adds to the changes before the file's end: nothing (shared, as a million lines return it). */
const NONE: RowChange[] = [];

function lineRow(orderKey: string, r: Row): Row {
  return { order_id: orderKey, line_no: r.line_no!, sku: r.sku!, quantity: r.quantity!, unit_price_cents: r.unit_price_cents!, discount_cents: r.discount_cents ?? 0 };
}

class OrdersRun {
  private readonly orders = new Map<string, OrderIn>();
  /** Which feed order claimed an order key (external refs must not collide). */
  private readonly keys = new Map<string, string>();
  private readonly customers = new Map<string, Row | null>();

  constructor(
    private readonly reader: HubReader,
    private readonly ctx: FeedContext,
  ) {}

  /** Checked at once when what the line names was read before (nearly every line of a big file); else read first. */
  row(r: Row, line: number): RowChange[] | string | Promise<RowChange[] | string> {
    const storeId = (r.store_id ?? null) as string | null;
    const customerId = (r.customer_id ?? null) as string | null;
    const read =
      this.ctx.existed('products', r.sku as string) !== undefined &&
      (storeId === null || this.ctx.existed('locations', storeId) !== undefined) &&
      (customerId === null || this.customers.has(customerId));
    return read ? this.check(r, line) : this.readFor(r).then(() => this.check(r, line));
  }

  /** Reads (once each) the product, store and customer a line names. */
  private async readFor(r: Row): Promise<void> {
    await this.ctx.exists('products', r.sku as string);
    if (r.store_id != null) await this.ctx.exists('locations', r.store_id as string);
    if (r.customer_id != null) await this.customer(r.customer_id as string);
  }

  /** The line's checks, on what readFor has read. */
  private check(r: Row, line: number): RowChange[] | string {
    const orderId = r.order_id as string;
    if (!this.ctx.existed('products', r.sku as string)) return `unknown SKU ${r.sku} (send the catalog file first)`;
    const known = this.orders.get(orderId);
    if (known) {
      for (const c of ORDER_COLUMNS) {
        if ((known.head[c] ?? null) !== (r[c] ?? null)) return `${c} differs from line ${known.firstLine} of order ${orderId}; an order's lines must agree on ${ORDER_COLUMNS.join(', ')}`;
      }
      known.lines.push(lineRow(known.key, r));
      return NONE;
    }
    if (r.placed_at! > this.ctx.now) return `placed_at ${r.placed_at} is in the future`;
    const storeId = (r.store_id ?? null) as string | null;
    if (storeId !== null && !this.ctx.existed('locations', storeId)) return `unknown store_id ${storeId} (send the stores file first)`;
    if (r.channel === 'till' && storeId === null) return 'a till sale needs store_id';
    const customerId = (r.customer_id ?? null) as string | null;
    if (customerId !== null) {
      const customer = this.customers.get(customerId);
      if (!customer) return `unknown customer_id ${customerId} (send the customers file first)`;
      if (customer.status === 'erased') return `customer ${customerId} was erased; their orders may not be imported`;
    }
    const key = (r.external_ref ?? orderId) as string;
    const claimed = this.keys.get(key);
    if (claimed !== undefined) return `order ${orderId} and order ${claimed} have the same reference ${key}`;
    this.keys.set(key, orderId);
    this.orders.set(orderId, { firstLine: line, head: r, key, lines: [lineRow(key, r)] });
    return NONE;
  }

  /** An order's changes need all of its lines. */
  async finish(): Promise<FeedEnd> {
    const orders = [...this.orders.values()];
    // Which orders the hub holds already, read for the whole file in few queries.
    const held = await this.reader.rowsByKey('orders', orders.map((o) => ({ id: o.key })));
    // Every customer a line names was read when it was checked; the survivors of merged profiles are read now.
    for (const customer of [...this.customers.values()]) if (customer?.merged_into) await this.customer(customer.merged_into as string);
    const changes: RowChange[] = [];
    // An order the hub does not hold has no lines there either (lines are only ever written with
    // their order): its rows are fresh, written without reading them again (RowChange.fresh).
    const fresh: RowChange[] = [];
    for (const [i, o] of orders.entries()) {
      const was = held[i]!;
      if (was === null) this.orderChanges(o, null, fresh);
      else {
        const order = this.orderChanges(o, was, changes);
        changes.push(...(await this.removedLines(order, o.lines)));
      }
    }
    this.orders.clear(); // the file's lines are no longer needed while the rows are written
    for (const c of fresh) changes.push(c);
    return { changes, rejections: [] };
  }

  /** Adds the order's row and its lines' rows to `into` (fresh when the hub holds no such order); returns the order's. */
  private orderChanges(o: OrderIn, held: Row | null, into: RowChange[]): RowChange {
    const h = o.head;
    const key = o.key;
    let customerId = (h.customer_id ?? null) as string | null;
    let customer = customerId === null ? null : (this.customers.get(customerId) ?? null);
    // A profile merged into another: the order belongs to the survivor.
    if (customer?.merged_into) {
      customerId = customer.merged_into as string;
      customer = this.customers.get(customerId) ?? null;
    }
    const storeId = (h.store_id ?? null) as string | null;
    const scope = customer ? ((customer.home_store_id as string | null) ?? HUB_ONLY) : (storeId ?? HUB_ONLY);
    const lines = o.lines.sort((a, b) => (a.line_no as number) - (b.line_no as number));
    let subtotal = 0;
    let discount = 0;
    let returned = true;
    for (const l of lines) {
      subtotal += (l.quantity as number) * (l.unit_price_cents as number);
      discount += l.discount_cents as number;
      returned &&= (l.quantity as number) < 0;
    }
    const order: Row = {
      id: key,
      customer_id: customerId,
      channel: h.channel === 'till' ? 'store' : 'online',
      location_id: storeId,
      // Who rang it up is known only when the register recorded the sale.
      register_id: held?.register_id ?? null,
      associate_id: held?.associate_id ?? null,
      placed_at: h.placed_at!,
      subtotal_cents: subtotal,
      discount_cents: discount,
      status: returned ? 'returned' : 'completed',
    };
    const change = (table: string, key: Row, row: Row): RowChange =>
      held === null ? { stream: 'orders', table, key, row, scopeStoreId: scope, fresh: true } : { stream: 'orders', table, key, row, scopeStoreId: scope };
    const made = change('orders', { id: key }, order);
    into.push(made);
    for (const l of lines) into.push(change('order_lines', { order_id: key, line_no: l.line_no! }, l));
    return made;
  }

  /** A re-sent order replaces its lines: the lines the hub holds beyond the file's are removed. */
  private async removedLines(order: RowChange, lines: readonly Row[]): Promise<RowChange[]> {
    const key = order.key.id as string;
    const kept = new Set(lines.map((l) => l.line_no));
    const removed: RowChange[] = [];
    for (const l of await this.reader.rowsWhere('order_lines', 'order_id', key)) {
      if (!kept.has(l.line_no!)) removed.push({ stream: 'orders', table: 'order_lines', key: { order_id: key, line_no: l.line_no! }, row: null, scopeStoreId: order.scopeStoreId });
    }
    return removed;
  }

  private async customer(id: string): Promise<Row | null> {
    let found = this.customers.get(id);
    if (found === undefined) this.customers.set(id, (found = await this.reader.row('customers', { id })));
    return found;
  }
}
