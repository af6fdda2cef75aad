// The benchmark catalog: the real product descriptions of the UCI Online Retail data (4,070
// SKUs) indexed together with a generated catalog (the demo chain's generator) as distractors,
// in a real Endcap replica. The peers index the same documents, read back from that replica.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { closeDatabase, openDatabase } from '../../core/db/open.js';
import { generateDemoChain } from '../../core/demo/generate.js';
import { Rng } from '../../core/demo/random.js';
import { loadOrders } from '../nbr/load.js';
import { DATASETS } from './relevanceData.js';

export const ONLINE_RETAIL = path.join(DATASETS, 'online_retail/online_retail.csv.gz');
export const CORPUS_SEED = 20_250_105;
export const ANCHOR = new Date('2026-06-15T00:00:00Z');

export interface RealProduct {
  sku: string;
  title: string;
}

/** A document as every method indexes it (the same four fields as products_fts). */
export interface SearchDoc {
  id: number;
  sku: string;
  title: string;
  brand: string;
  category: string;
  attributes: string;
  categoryId: string;
  priceCents: number;
}

/** The described, sellable SKUs of the Online Retail file (postage, fees and notes left out). */
export async function loadRealProducts(file = ONLINE_RETAIL): Promise<Array<RealProduct & { priceCents: number; lines: number }>> {
  const { catalog } = await loadOrders(file, 'online-retail');
  const out: Array<RealProduct & { priceCents: number; lines: number }> = [];
  for (const [code, e] of catalog) {
    // Real products have a letter-bearing description of two or more words; 'POST', 'Manual',
    // '?' and lower-case stock notes ('damaged', 'found') are bookkeeping, not products.
    if (!/^\d{4,5}[A-Z]{0,2}$/i.test(code) || !/[A-Z]{3}.* [A-Z]/.test(e.description) || e.description !== e.description.toUpperCase()) continue;
    out.push({ sku: `OR-${code}`, title: titleCase(e.description), priceCents: Math.max(99, Math.round(e.unitPrice * 100)), lines: e.lines });
  }
  return out.sort((a, b) => (a.sku < b.sku ? -1 : 1));
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/\b([a-z])/g, (m) => m.toUpperCase());
}

/**
 * Builds (or reuses) a replica of about `total` products: the real ones plus generated
 * distractors. Deterministic for a (total, seed); cached beside the results by name.
 */
export async function buildSearchReplica(dir: string, total: number, onStep: (s: string) => void = () => {}): Promise<{ file: string; real: RealProduct[] }> {
  const real = await loadRealProducts();
  const file = path.join(dir, `search-${total}.db`);
  if (fs.existsSync(file) && fs.existsSync(`${file}.done`)) return { file, real };
  fs.rmSync(file, { force: true });
  fs.mkdirSync(dir, { recursive: true });
  const db = openDatabase(file);
  try {
    db.pragma('synchronous = OFF'); // a benchmark fixture, rebuilt when lost
    const generated = Math.max(1000, total - real.length);
    onStep(`generating ${generated.toLocaleString()} distractor products`);
    generateDemoChain(db, { seed: CORPUS_SEED, anchor: ANCHOR, size: { products: generated, customers: 300, orderLines: 3000 } });
    onStep(`adding ${real.length.toLocaleString()} Online Retail products`);
    insertReal(db, real);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    closeDatabase(db);
  }
  fs.writeFileSync(`${file}.done`, '');
  return { file, real };
}

function insertReal(db: Database.Database, real: ReadonlyArray<RealProduct & { priceCents: number; lines: number }>): void {
  const rng = new Rng(CORPUS_SEED).fork('online-retail');
  const maxLines = Math.max(...real.map((r) => r.lines), 1);
  const t = ANCHOR.toISOString();
  db.transaction(() => {
    db.prepare(`INSERT INTO categories (id, parent_id, name, path_name, depth) VALUES ('gifts', NULL, 'Gifts & Homeware', 'Gifts & Homeware', 0)`).run();
    const insert = db.prepare(
      `INSERT INTO products (sku, title, brand, category_id, price_cents, cost_cents, launched_at, season, status, popularity, updated_at)
       VALUES (?, ?, '', 'gifts', ?, ?, '2011-01-01', 'all', 'active', ?, ?)`,
    );
    const stock = db.prepare(`INSERT INTO inventory (sku, location_id, on_hand, reserved, updated_at) VALUES (?, ?, ?, 0, ?)`);
    for (const p of real) {
      insert.run(p.sku, p.title, p.priceCents, Math.round(p.priceCents * 0.5), Math.round((p.lines / maxLines) * 10_000) / 10_000, t);
      stock.run(p.sku, 'S1', rng.chance(0.7) ? rng.int(1, 30) : 0, t);
      stock.run(p.sku, 'DC1', rng.int(0, 200), t);
    }
  })();
}

/** Every product as a document, read from the replica exactly as its FTS rows are built. */
export function readDocs(db: Database.Database): SearchDoc[] {
  return db
    .prepare(
      `SELECT p.id, p.sku, p.title, p.brand, c.path_name AS category, concat_ws(' ', p.color, p.size, p.material) AS attributes,
              p.category_id AS categoryId, p.price_cents AS priceCents
       FROM products p JOIN categories c ON c.id = p.category_id ORDER BY p.id`,
    )
    .all() as SearchDoc[];
}
