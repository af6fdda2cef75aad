// The stores feed (stores, distribution centres, partner sources: the `locations` table) and
// the categories feed. Both go to every store in the catalog stream.
import { z } from 'zod';
import type { HubReader, Row, RowChange } from '../store.js';
import { perRow, type Feed, type Rejection } from './feed.js';
import type { RowRead } from './prefetch.js';
import { blank, flag, id, oneOf, optionalWhole, text } from './fields.js';

/** Zones checked so far: building a formatter per row would cost more than the rest of the row. */
const zones = new Map<string, boolean>();
function isZone(v: string): boolean {
  let ok = zones.get(v);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: v });
      ok = v.includes('/') || v === 'UTC';
    } catch {
      ok = false;
    }
    zones.set(v, ok);
  }
  return ok;
}
const timezone = z.string().trim().refine(isZone, 'timezone must be an IANA time zone such as America/Denver');

export const storesFeed: Feed = {
  kind: 'stores',
  required: ['location_id', 'kind', 'name', 'city', 'region', 'country', 'timezone'],
  optional: ['lead_time_days'],
  marker: ['location_id', 'timezone'],
  key: ['location_id'],
  schema: z.object({
    location_id: id('location_id'),
    kind: oneOf('kind', ['store', 'dc', 'partner']),
    name: text('name'),
    city: text('city'),
    region: text('region'),
    country: z.string().trim().regex(/^[A-Za-z]{2}$/, 'country must be a two-letter ISO code such as US').transform((v) => v.toUpperCase()),
    timezone,
    lead_time_days: optionalWhole('lead_time_days').optional(),
  }) as unknown as z.ZodType<Row>,
  reads: (r): RowRead[] => [{ table: 'locations', key: { id: r.location_id! } }],
  start: perRow(async (r, reader) => {
    const held = await reader.row('locations', { id: r.location_id! });
    // Days for a home delivery shipped from here: absent keeps what the hub has, a new location gets 3.
    const lead = r.lead_time_days ?? held?.lead_time_days ?? 3;
    if (held && held.kind !== r.kind) return `location ${r.location_id} is a ${held.kind} at the hub; a location's kind cannot change`;
    const row: Row = { id: r.location_id!, kind: r.kind!, name: r.name!, city: r.city!, region: r.region!, country: r.country!, timezone: r.timezone!, lead_time_days: lead };
    return { stream: 'catalog', table: 'locations', key: { id: row.id! }, row, scopeStoreId: null };
  }),
};

interface CategoryIn {
  line: number;
  id: string;
  name: string;
  parent: string | null;
  sensitive: number | undefined;
}

/**
 * Categories form a tree; each row's path name and depth come from its parent, which may come
 * later in the file or already be at the hub. A category renamed or moved carries its
 * descendants' path names along.
 */
export const categoriesFeed: Feed = {
  kind: 'categories',
  required: ['category_id', 'name'],
  optional: ['parent_id', 'sensitive'],
  marker: ['category_id', 'name'],
  key: ['category_id'],
  schema: z.object({
    category_id: id('category_id'),
    name: text('name'),
    parent_id: z.string().trim().transform((v) => (blank(v) ? null : v)).optional(),
    sensitive: flag('sensitive').optional(),
  }) as unknown as z.ZodType<Row>,
  reads: (r): RowRead[] => [{ table: 'categories', key: { id: r.category_id! } }, ...(r.parent_id != null ? [{ table: 'categories', key: { id: r.parent_id } }] : [])],
  start(reader) {
    const rows = new Map<string, CategoryIn>();
    return {
      async row(r, line) {
        const parent = (r.parent_id ?? null) as string | null;
        if (parent === r.category_id) return `category ${r.category_id} is its own parent`;
        rows.set(r.category_id as string, { line, id: r.category_id as string, name: r.name as string, parent, sensitive: r.sensitive as number | undefined });
        return [];
      },
      finish: () => resolveTree(rows, reader),
    };
  },
};

async function resolveTree(rows: Map<string, CategoryIn>, reader: HubReader): Promise<{ changes: RowChange[]; rejections: Rejection[] }> {
  const rejections: Rejection[] = [];
  const resolved = new Map<string, Row>();
  const resolving = new Set<string>();
  const resolve = async (c: CategoryIn): Promise<Row | string> => {
    const done = resolved.get(c.id);
    if (done) return done;
    if (resolving.has(c.id)) return `category ${c.id} is part of a parent cycle`;
    resolving.add(c.id);
    let parentRow: Row | null = null;
    if (c.parent !== null) {
      const inFile = rows.get(c.parent);
      const p = inFile ? await resolve(inFile) : await reader.row('categories', { id: c.parent });
      if (p === null) return `unknown parent_id ${c.parent} (not in this file nor at the hub)`;
      if (typeof p === 'string') return p;
      parentRow = p;
    }
    const held = await reader.row('categories', { id: c.id });
    const row: Row = {
      id: c.id,
      parent_id: c.parent,
      name: c.name,
      path_name: parentRow ? `${parentRow.path_name} > ${c.name}` : c.name,
      depth: parentRow ? (parentRow.depth as number) + 1 : 0,
      sensitive: c.sensitive ?? held?.sensitive ?? 0,
    };
    resolved.set(c.id, row);
    return row;
  };
  const changes: RowChange[] = [];
  const put = (row: Row): RowChange => ({ stream: 'catalog', table: 'categories', key: { id: row.id! }, row, scopeStoreId: null });
  for (const c of rows.values()) {
    const row = await resolve(c);
    if (typeof row === 'string') rejections.push({ line: c.line, reason: row });
    else changes.push(put(row));
  }
  if (rejections.length) return { changes: [], rejections };
  // Parents before children (the device's foreign key), then descendants at the hub whose path moved
  // (only a category the hub held under another path can have any).
  changes.sort((a, b) => (a.row!.depth as number) - (b.row!.depth as number));
  const queue: Row[] = [];
  for (const { row: r } of changes) {
    const held = await reader.row('categories', { id: r!.id! });
    if (held !== null && held.path_name !== r!.path_name) queue.push(r!);
  }
  while (queue.length) {
    const parent = queue.shift()!;
    for (const child of await reader.rowsWhere('categories', 'parent_id', parent.id as string)) {
      if (rows.has(child.id as string)) continue;
      const row: Row = { ...child, path_name: `${parent.path_name} > ${child.name}`, depth: (parent.depth as number) + 1 };
      changes.push(put(row));
      queue.push(row);
    }
  }
  return { changes, rejections };
}

