// The large generated chain the engine and preview benchmarks share: 250k products, 100k
// customers, 1M order lines (a tenth with --small), with features and learned links built
// from scratch as after a full sync.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase, closeDatabase } from '../core/db/open.js';
import { generateDemoChain } from '../core/demo/generate.js';
import { recomputeCustomerFeatures } from '../core/customers/features.js';
import { rebuildCopurchaseLinks } from '../core/engine/learn.js';

const SIZE = { products: 250_000, customers: 100_000, orderLines: 1_000_000 };
const SMALL = { products: 25_000, customers: 10_000, orderLines: 100_000 };

export interface LargeChain {
  db: Database.Database;
  now: Date;
  counts: ReturnType<typeof generateDemoChain>;
  generateS: number;
  /** Features and learned links, rebuilt from scratch. */
  buildS: number;
  /** Rows of the planner's statistics (sqlite_stat1) the measured replica has. */
  statisticsRows: number;
  close(): void;
}

export function openLargeChain(name: string, small: boolean): LargeChain {
  const size = small ? SMALL : SIZE;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `endcap-bench-${name}-`));
  const db = openDatabase(path.join(dir, 'endcap.db'));
  const anchor = new Date('2026-06-15T00:00:00Z');
  const now = new Date(anchor.getTime() + 10 * 3600_000);
  const close = () => {
    closeDatabase(db);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    console.log(`Generating a chain of ${size.products.toLocaleString()} products, ${size.customers.toLocaleString()} customers, ${size.orderLines.toLocaleString()} order lines…`);
    let t = Date.now();
    const counts = generateDemoChain(db, { seed: 7, anchor, size });
    const generateS = (Date.now() - t) / 1000;
    t = Date.now();
    db.transaction(() => {
      db.prepare('DELETE FROM customer_features').run();
      db.prepare('DELETE FROM copurchase_links').run();
      recomputeCustomerFeatures(db, now);
      rebuildCopurchaseLinks(db, now);
    })();
    const buildS = (Date.now() - t) / 1000;
    // What every replica has after it first closed (closeDatabase): the planner's statistics,
    // which change some queries' plans at this size.
    db.pragma('optimize');
    return { db, now, counts, generateS, buildS, statisticsRows: statisticsRows(db), close };
  } catch (error) {
    close();
    throw error;
  }
}

function statisticsRows(db: Database.Database): number {
  const table = db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'`).get();
  return table ? (db.prepare(`SELECT count(*) AS n FROM sqlite_stat1`).get() as { n: number }).n : 0;
}
