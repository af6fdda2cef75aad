// Endless aisle on a 1024 × 768 tablet, as an associate uses it on the floor: the SKU read off
// a shelf tag finds that product first, a brand typed the way it sounds finds the brand, and
// every row of a product family says its colour and size.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useAppUnderTest, type AppUnderTest } from './harness.js';
import { SearchPage } from './pages/SearchPage.js';

const ASSOCIATE = 'Ava Martinez';

async function openSearch(page: AppUnderTest['page']): Promise<SearchPage> {
  await page.setViewportSize({ width: 1024, height: 768 });
  return SearchPage.signInAndOpen(page, ASSOCIATE);
}

/** Writes to the replica as the catalog stream would (the demo catalog carries no barcodes). */
function write(app: AppUnderTest, sql: string, ...params: unknown[]): void {
  const db = new Database(path.join(app.dataDir, 'endcap.db'), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

function query<T>(app: AppUnderTest, sql: string): T {
  const db = new Database(path.join(app.dataDir, 'endcap.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T;
  } finally {
    db.close();
  }
}

/** A vowel swapped for another, as someone spelling a name by ear would ('Loftwell' → 'Laftwell'). */
function misspell(word: string): string {
  const i = word.slice(1).search(/[aeiou]/i) + 1;
  const swap: Record<string, string> = { a: 'e', e: 'a', i: 'e', o: 'a', u: 'o' };
  return word.slice(0, i) + swap[word[i]!.toLowerCase()]! + word.slice(i + 1);
}

describe('endless aisle on the floor', () => {
  const app = useAppUnderTest();

  it('finds the product of a shelf tag’s SKU first, and a misspelt brand, each row with its colour and size', async () => {
    const { page } = app();
    const [tag] = query<Array<{ sku: string; title: string }>>(
      app(),
      `SELECT sku, title FROM products WHERE status = 'active' AND color IS NOT NULL AND size IS NOT NULL ORDER BY popularity DESC LIMIT 1`,
    );
    const search = await openSearch(page);

    await search.type(tag!.sku);
    await expect.poll(async () => (await search.results.first().getAttribute('data-sku')) ?? '').toBe(tag!.sku);
    await app().screenshot('search-sku');

    // A one-word brand of the catalog, of six letters or more, typed with a vowel wrong.
    const brands = query<Array<{ brand: string }>>(
      app(),
      `SELECT brand FROM products WHERE brand NOT LIKE '% %' AND length(brand) >= 6 AND color IS NOT NULL AND size IS NOT NULL
       GROUP BY brand ORDER BY count(*) DESC LIMIT 1`,
    );
    const brand = brands[0]!.brand;
    const typed = misspell(brand);
    expect(typed.toLowerCase()).not.toBe(brand.toLowerCase());
    await search.type(typed);
    await expect.poll(async () => (await search.brandsShown()).slice(0, 5)).toEqual(Array(5).fill(brand));
    await app().screenshot('search-misspelt-brand');

    // Each row whose product has a colour and size shows both, so a family's rows differ.
    const facts = new Map(
      query<Array<{ sku: string; color: string | null; size: string | null }>>(app(), `SELECT sku, color, size FROM products WHERE brand = '${brand.replaceAll("'", "''")}'`).map((p) => [p.sku, p]),
    );
    const rows = await search.results.all();
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows.slice(0, 8)) {
      const p = facts.get((await row.getAttribute('data-sku'))!);
      if (!p) continue;
      if (p.color) expect(await row.locator('[data-field="color"]').textContent()).toBe(p.color);
      if (p.size) expect(await row.locator('[data-field="size"]').textContent()).toBe(p.size);
      expect(await row.locator('[data-field="color"]').isVisible()).toBe(Boolean(p.color));
    }
  });

  it('finds the product of a scanned barcode first, whatever its words', async () => {
    const { page } = app();
    // A product far down any text ranking: the least popular active one.
    const [target] = query<Array<{ sku: string; title: string }>>(app(), `SELECT sku, title FROM products WHERE status = 'active' ORDER BY popularity, sku LIMIT 1`);
    const ean = '4006381333931'; // a valid EAN-13 (check digit 1)
    write(app(), `UPDATE products SET barcode = ? WHERE sku = ?`, ean, target!.sku);
    const search = await openSearch(page);

    // A scanner is a keyboard that types the digits fast and presses Enter.
    await search.input.fill('');
    await search.input.pressSequentially(ean, { delay: 5 });
    await search.input.press('Enter');
    await search.waitForAnswer(ean);
    await expect.poll(async () => (await search.results.first().getAttribute('data-sku')) ?? '').toBe(target!.sku);
    expect(await search.results.first().textContent()).toContain(target!.title.slice(0, 20));
    await app().screenshot('search-barcode');

    // A code that is nobody's finds nothing rather than something else.
    await search.type('4006381333948');
    await expect.poll(async () => search.results.count()).toBe(0);
  });
});
