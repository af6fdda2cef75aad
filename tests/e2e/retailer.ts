// A retailer that is not the demo: "Ridgeline Outfitters", two stores (Denver, Salt Lake City),
// as their systems export it on the first day: stores, categories, catalog, stock, staff without
// PINs, 1,000 customers with their consents and 10,000 orders. The files go into an empty hub
// through importCsv, the path the drop folder, the upload and the CLI take.
//
// The orders carry one habit strong enough to be learned: most people who buy a tent buy a
// sleeping bag within a few weeks. Maya Torres bought a tent last week and no sleeping bag yet.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { importCsv } from '../../sync/hub/connectors/csvImport.js';
import { SqliteHubStore } from '../../sync/hub/sqliteStore.js';
import type { ImportReport } from '../../sync/hub/store.js';

export const DENVER = { id: 'DEN', name: 'Ridgeline Denver', city: 'Denver' };
export const SALT_LAKE = { id: 'SLC', name: 'Ridgeline Salt Lake City', city: 'Salt Lake City' };

export const STAFF = {
  manager: { id: 'E100', name: 'Rosa Alvarez' },
  associate: { id: 'E101', name: 'Ben Okafor' },
  /** Hired as an associate; the manager makes her the store's merchandiser on the first day. */
  merchandiser: { id: 'E102', name: 'Lena Park' },
  saltLake: { id: 'E200', name: 'Sam Reed' },
} as const;

/** A Denver customer who bought a tent last week and no sleeping bag yet. */
export const MAYA = { id: 'R-0001', name: 'Maya Torres', email: 'maya.torres@example.net', phone: '+13035550101' };
/** A Salt Lake City customer: found at a Denver register only through the hub. */
export const OWEN = { id: 'R-0900', name: 'Owen Fischer', email: 'owen.fischer@example.org', phone: '+18015550199' };

const CUSTOMERS = 1_000;
const ORDERS = 10_000;
const DAY = 86_400_000;

const CATEGORIES = [
  { id: 'camp', name: 'Camping', parent: '' },
  { id: 'tents', name: 'Tents', parent: 'camp' },
  { id: 'bags', name: 'Sleeping bags', parent: 'camp' },
  { id: 'lights', name: 'Headlamps', parent: 'camp' },
  { id: 'wear', name: 'Clothing', parent: '' },
  { id: 'socks', name: 'Socks', parent: 'wear' },
  { id: 'jackets', name: 'Jackets', parent: 'wear' },
  { id: 'bottles', name: 'Water bottles', parent: 'camp' },
];

const PRODUCTS: { sku: string; title: string; brand: string; category: string; price: number }[] = [
  { sku: 'RT-TENT-2P', title: 'Ridgeline Trail 2-Person Tent', brand: 'Ridgeline', category: 'tents', price: 24900 },
  { sku: 'RT-TENT-4P', title: 'Basecamp 4-Person Dome Tent', brand: 'Northpeak', category: 'tents', price: 38900 },
  { sku: 'RT-TENT-1P', title: 'Solo Ultralight Tent', brand: 'Featherline', category: 'tents', price: 31900 },
  { sku: 'RT-BAG-20', title: 'Alpine 20°F Down Sleeping Bag', brand: 'Northpeak', category: 'bags', price: 27900 },
  { sku: 'RT-BAG-35', title: 'Summer 35°F Synthetic Sleeping Bag', brand: 'Ridgeline', category: 'bags', price: 12900 },
  { sku: 'RT-BAG-KID', title: 'Junior Camp Sleeping Bag', brand: 'Ridgeline', category: 'bags', price: 6900 },
  { sku: 'RT-LAMP-300', title: 'Beam 300 Headlamp', brand: 'Lumo', category: 'lights', price: 3900 },
  { sku: 'RT-LAMP-600', title: 'Beam 600 Rechargeable Headlamp', brand: 'Lumo', category: 'lights', price: 6900 },
  { sku: 'RT-SOCK-HIKE', title: 'Merino Hiking Socks', brand: 'Woolpath', category: 'socks', price: 2200 },
  { sku: 'RT-SOCK-RUN', title: 'Lightweight Running Socks', brand: 'Woolpath', category: 'socks', price: 1600 },
  { sku: 'RT-JKT-RAIN', title: 'Stormline Rain Jacket', brand: 'Ridgeline', category: 'jackets', price: 18900 },
  { sku: 'RT-JKT-FLEECE', title: 'Highland Fleece Jacket', brand: 'Northpeak', category: 'jackets', price: 11900 },
  { sku: 'RT-BTL-1L', title: 'Insulated Bottle 1 L', brand: 'Hydra', category: 'bottles', price: 3400 },
  { sku: 'RT-BTL-500', title: 'Trail Bottle 500 ml', brand: 'Hydra', category: 'bottles', price: 1900 },
];
const byCategory = (c: string) => PRODUCTS.filter((p) => p.category === c);
const FIRST = ['Maya', 'Liam', 'Noah', 'Emma', 'Olivia', 'Ava', 'Elijah', 'Mia', 'Lucas', 'Zoe', 'Owen', 'Ivy', 'Ezra', 'Nora', 'Leo', 'Ruby'];
const LAST = ['Torres', 'Nguyen', 'Patel', 'Brooks', 'Hayes', 'Kowalski', 'Reyes', 'Fischer', 'Lindqvist', 'Moreau', 'Adeyemi', 'Sato', 'Walsh'];

/** A small deterministic generator (mulberry32), so every run imports the same retailer. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RetailerFiles {
  /** File name → CSV text, in the order IT sends them. */
  files: [string, string][];
  customers: number;
  orders: number;
}

/** The first day's files, with order times relative to `now`. */
export function retailerFiles(now: Date): RetailerFiles {
  const rnd = random(15);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY - Math.floor(rnd() * 8) * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const csv = (rows: (string | number)[][]) => stringify(rows);

  const stores = csv([
    ['location_id', 'kind', 'name', 'city', 'region', 'country', 'timezone', 'lead_time_days'],
    [DENVER.id, 'store', DENVER.name, DENVER.city, 'CO', 'US', 'America/Denver', 2],
    [SALT_LAKE.id, 'store', SALT_LAKE.name, SALT_LAKE.city, 'UT', 'US', 'America/Denver', 2],
  ]);
  const categories = csv([['category_id', 'name', 'parent_id', 'sensitive'], ...CATEGORIES.map((c) => [c.id, c.name, c.parent, 0])]);
  const catalog = csv([
    ['sku', 'title', 'brand', 'category_id', 'price_cents', 'cost_cents', 'launched_at', 'season', 'status'],
    ...PRODUCTS.map((p) => [p.sku, p.title, p.brand, p.category, p.price, Math.round(p.price * 0.55), '2025-03-01', 'all', 'active']),
  ]);
  const stock = csv([
    ['sku', 'location_id', 'on_hand', 'counted_at'],
    ...PRODUCTS.flatMap((p) => [DENVER.id, SALT_LAKE.id].map((store) => [p.sku, store, 40, at(0)])),
  ]);
  const staff = csv([
    ['staff_id', 'name', 'role', 'store_id', 'active'],
    [STAFF.manager.id, STAFF.manager.name, 'manager', DENVER.id, 1],
    [STAFF.associate.id, STAFF.associate.name, 'associate', DENVER.id, 1],
    [STAFF.merchandiser.id, STAFF.merchandiser.name, 'associate', DENVER.id, 1],
    [STAFF.saltLake.id, STAFF.saltLake.name, 'associate', SALT_LAKE.id, 1],
  ]);

  const customerRows: (string | number)[][] = [
    ['customer_id', 'first_name', 'last_name', 'home_store_id', 'email', 'phone', 'created_at', 'receipts_consent', 'receipts_consent_source', 'receipts_consent_at',
      'personalization_consent', 'personalization_consent_source', 'personalization_consent_at', 'consent_text_version'],
  ];
  const ids: string[] = [];
  for (let i = 1; i <= CUSTOMERS; i++) {
    const id = `R-${String(i).padStart(4, '0')}`;
    ids.push(id);
    const named = id === MAYA.id ? MAYA : id === OWEN.id ? OWEN : null;
    const [first, last] = named ? named.name.split(' ') : [pick(FIRST), pick(LAST)];
    const email = named?.email ?? `${first!.toLowerCase()}.${last!.toLowerCase()}.${i}@example.com`;
    const phone = named?.phone ?? '';
    const home = i <= 700 ? DENVER.id : SALT_LAKE.id;
    const since = at(400);
    customerRows.push([id, first!, last!, home, email, phone, since, 'granted', 'pos', since, 'granted', 'pos', since, 'v1']);
  }

  // 10,000 orders of 1 to 3 lines over the last 120 days. One customer in four camps: a camper's
  // tent is followed by a sleeping bag 2 to 4 weeks later four times in five; nobody else buys
  // either, so the habit stands out (lift) rather than being something everyone does.
  const orderRows: (string | number)[][] = [['order_id', 'line_no', 'sku', 'quantity', 'unit_price_cents', 'customer_id', 'store_id', 'channel', 'placed_at']];
  let orders = 0;
  const add = (customer: string, daysAgo: number, skus: string[]) => {
    orders += 1;
    const id = `RO-${String(orders).padStart(6, '0')}`;
    const home = Number(customer.slice(2)) <= 700 ? DENVER.id : SALT_LAKE.id;
    const placed = at(daysAgo);
    skus.forEach((sku, i) => orderRows.push([id, i + 1, sku, 1, PRODUCTS.find((p) => p.sku === sku)!.price, customer, home, 'till', placed]));
  };
  add(MAYA.id, 6, ['RT-TENT-2P', 'RT-LAMP-300']);
  add(MAYA.id, 40, ['RT-SOCK-HIKE']);
  add(OWEN.id, 12, ['RT-JKT-RAIN']);
  const others = ids.filter((c) => c !== MAYA.id && c !== OWEN.id);
  const everyday = PRODUCTS.filter((p) => p.category !== 'tents' && p.category !== 'bags');
  while (orders < ORDERS) {
    const customer = pick(others);
    const camper = Number(customer.slice(2)) % 4 === 0;
    const daysAgo = 30 + Math.floor(rnd() * 90);
    if (camper && rnd() < 0.3) {
      add(customer, daysAgo, [pick(byCategory('tents')).sku]);
      if (rnd() < 0.8 && orders < ORDERS) add(customer, daysAgo - 14 - Math.floor(rnd() * 14), [pick(byCategory('bags')).sku]);
    } else {
      const basket = new Set<string>();
      const size = 1 + Math.floor(rnd() * 3);
      while (basket.size < size) basket.add(pick(everyday).sku);
      add(customer, daysAgo, [...basket]);
    }
  }
  return {
    files: [
      ['stores.csv', stores],
      ['categories.csv', categories],
      ['catalog.csv', catalog],
      ['stock.csv', stock],
      ['staff.csv', staff],
      ['customers.csv', csv(customerRows)],
      ['orders.csv', csv(orderRows)],
    ],
    customers: CUSTOMERS,
    orders,
  };
}

/** An empty hub given the first day's files; returns its file and each file's report. */
export async function retailerHub(now = new Date()): Promise<{ dir: string; hubFile: string; reports: ImportReport[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-e2e-retailer-'));
  const hubFile = path.join(dir, 'hub.db');
  const store = new SqliteHubStore(hubFile);
  try {
    const reports: ImportReport[] = [];
    for (const [file, text] of retailerFiles(now).files) reports.push(await importCsv(store, { file, text, source: 'cli', now }));
    return { dir, hubFile, reports };
  } finally {
    await store.close();
  }
}
