// Endless aisle: a misspelt search finds the item, facets narrow the list, an item that is out
// here ships from the DC, and the order stays pending while there is no hub to send it to.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { screenshotPath as screenshotFile, useAppUnderTest, type AppUnderTest } from './harness.js';
import { DEMO_FIXTURES } from './demo.js';
import { SearchPage } from './pages/SearchPage.js';

const ASSOCIATE = 'Ava Martinez';

function openSearch(page: AppUnderTest['page']): Promise<SearchPage> {
  return SearchPage.signInAndOpen(page, ASSOCIATE);
}

function withReplica<T>(app: AppUnderTest, fn: (db: Database.Database) => T): T {
  const db = new Database(path.join(app.dataDir, 'endcap.db'), { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** A popular item that is out on this store's shelf but has stock at the DC. */
function outHereInDc(app: AppUnderTest): { sku: string; title: string } {
  return withReplica(app, (db) =>
    db
      .prepare(
        `SELECT p.sku, p.title FROM products p
         JOIN inventory h ON h.sku = p.sku AND h.location_id = 'S1'
         JOIN inventory d ON d.sku = p.sku AND d.location_id = 'DC1'
         WHERE h.on_hand - h.reserved = 0 AND d.on_hand - d.reserved >= 5 AND p.status = 'active' AND p.is_partner = 0
           AND p.title LIKE '%Tent%'
         ORDER BY p.popularity DESC LIMIT 1`,
      )
      .get() as { sku: string; title: string },
  );
}

const ADDRESS = { line: '1550 Wynkoop St, Apt 4', city: 'Denver', region: 'CO', postalCode: '80202' };

describe('endless aisle', () => {
  const app = useAppUnderTest();

  it('finds the item from a misspelt search typed key by key, and says what it read', async () => {
    const { page } = app();
    const search = await openSearch(page);
    await page.screenshot({ path: screenshotFile('search-empty') });

    await search.type('slepping bag');
    await expect.poll(() => search.correction.textContent()).toContain('sleeping');
    const titles = await search.titles();
    expect(titles.length).toBeGreaterThan(5);
    expect(titles.slice(0, 10).every((t) => /Sleeping Bag/i.test(t))).toBe(true);
    await app().screenshot('search-typo');

    // As you type: an unfinished word is matched as the start of one.
    await search.type('headl');
    expect((await search.titles()).slice(0, 5).every((t) => /Headl/i.test(t))).toBe(true);
  });

  it("shows each row's size, colour and whole brand at a tablet's 1024 px and a laptop's 1280 px", async () => {
    const { page } = app();
    const search = await openSearch(page);
    // The longest brand in the demo catalog, on products that come in sizes and colours.
    const brand = withReplica(app(), (db) => db.prepare(`SELECT brand FROM products WHERE size IS NOT NULL AND color IS NOT NULL ORDER BY length(brand) DESC, brand LIMIT 1`).pluck().get() as string);
    for (const width of [1024, 1280]) {
      await page.setViewportSize({ width, height: width === 1024 ? 768 : 800 });
      await search.type(brand.toLowerCase());
      const rows = page.getByTestId('search-result');
      await rows.nth(3).waitFor();
      const shown = await rows.evaluateAll((els) =>
        els.slice(0, 6).map((el) => {
          const part = (sel: string) => el.querySelector(sel);
          const brandEl = part('.aisle-row-brand');
          const variant = part('[data-testid="search-result-variant"]');
          const whole = (e: typeof el | null) => e !== null && e.scrollWidth <= e.clientWidth && e.getBoundingClientRect().right <= el.querySelector('.aisle-row-main')!.getBoundingClientRect().right + 0.5;
          // The brand shows whole in the meta line, or opens the title (not repeated then).
          const title = part('.aisle-row-title')!.textContent!;
          return { sku: el.getAttribute('data-sku')!, brand: brandEl?.textContent ?? title, brandWhole: brandEl ? whole(brandEl) : true, size: !!part('[data-field="size"]'), color: !!part('[data-field="color"]'), variantWhole: variant === null || whole(variant) };
        }),
      );
      await app().screenshot(`search-rows-${width}`);
      const facts = withReplica(app(), (db) => db.prepare(`SELECT sku, brand, size IS NOT NULL AS size, color IS NOT NULL AS color FROM products WHERE sku IN (SELECT value FROM json_each(?))`).all(JSON.stringify(shown.map((r) => r.sku))) as Array<{ sku: string; brand: string; size: number; color: number }>);
      for (const row of shown) {
        const p = facts.find((f) => f.sku === row.sku)!;
        expect(row.brand.startsWith(p.brand), `${row.brand} at ${width} px`).toBe(true);
        expect(row, `at ${width} px`).toMatchObject({ sku: p.sku, brandWhole: true, size: p.size === 1, color: p.color === 1, variantWhole: true });
      }
    }
  });

  it('narrows the results with facet chips and widens them again', async () => {
    const { page } = app();
    const search = await openSearch(page);
    await search.type('rain jacket');
    const all = await search.total();
    expect(all).toBeGreaterThan(10);

    const brandChip = search.facet('brand').first();
    const brand = (await brandChip.locator('.facet-chip-label').textContent())!;
    // Counted among the best matches ("90+"); narrowing searches the whole catalog for that brand.
    const brandCount = Number((await brandChip.locator('.facet-chip-count').textContent())!.replace('+', ''));
    await search.toggleFacet(brandChip);
    await expect.poll(async () => new Set(await search.brandsShown())).toEqual(new Set([brand]));
    await expect.poll(() => search.total()).toBeGreaterThanOrEqual(brandCount);
    expect(await search.total()).toBeLessThan(all);
    await expect.poll(() => brandChip.getAttribute('aria-pressed')).toBe('true');

    const hereChip = search.facet('availability').filter({ hasText: 'On the shelf here' });
    await search.toggleFacet(hereChip);
    await expect.poll(async () => (await search.results.locator('[data-kind="here"]').count()) === (await search.results.count())).toBe(true);
    await app().screenshot('search-facets');

    await search.toggleFacet(search.facet('brand').filter({ hasText: brand }));
    await search.toggleFacet(search.facet('availability').filter({ hasText: 'On the shelf here' }));
    await expect.poll(() => search.total()).toBe(all);
  });

  it('orders an item that is out here from the DC, for a customer on file, and shows it pending', async () => {
    const { page } = app();
    const item = outHereInDc(app());
    const search = await openSearch(page);
    await search.type(item.title.replace(/,/g, ''));
    await search.openResult(item.sku);
    await expect.poll(() => search.stockRow('S1').textContent()).toContain('None');
    await expect.poll(() => search.stockRow('DC1').textContent()).toContain('available');
    await app().screenshot('search-sheet');

    await search.startOrder();
    await expect.poll(() => search.selectedSource().getAttribute('data-location')).toBe('DC1');
    const vip = DEMO_FIXTURES.vip;
    await search.findCustomer(vip.email!, `${vip.firstName} ${vip.lastName}`);
    await expect.poll(() => search.addressField('City').inputValue()).not.toBe(''); // the address on file
    await app().screenshot('search-order-form');

    const placed = await search.placeOrder();
    await expect.poll(() => placed.getAttribute('data-status')).toBe('pending');
    await expect.poll(() => page.getByTestId('pending-note').textContent()).toContain('Waiting to send — no hub connection');
    await app().screenshot('search-order-pending');

    const orderId = (await placed.getAttribute('data-order-id'))!;
    const saved = withReplica(app(), (db) => ({
      order: db.prepare(`SELECT status, source_location_id AS source, customer_id AS customer FROM aisle_orders WHERE id = ?`).get(orderId),
      held: db.prepare(`SELECT local_reserved AS n FROM inventory WHERE sku = ? AND location_id = 'DC1'`).get(item.sku),
      events: db.prepare(`SELECT count(*) AS n FROM outbox WHERE kind = 'aisle_order.placed' AND json_extract(payload, '$.orderId') = ?`).get(orderId),
    }));
    expect(saved).toEqual({ order: { status: 'pending', source: 'DC1', customer: vip.id }, held: { n: 1 }, events: { n: 1 } });
  });

  it('keeps an order pending while the hub is unreachable, and lists it under my orders', async () => {
    const { page } = app();
    const item = outHereInDc(app());
    const search = await openSearch(page);
    await search.type(item.title.replace(/,/g, ''));
    await search.openResult(item.sku);
    await search.startOrder();
    await search.newCustomer('Jordan Rivers', 'jordan.rivers@example.com');
    await search.fillAddress(ADDRESS);
    await search.placeOrder();
    await search.closeSheet();

    await expect.poll(() => search.orderItems.count()).toBe(1);
    await expect.poll(() => search.orderItems.first().getAttribute('data-status')).toBe('pending');
    await expect.poll(() => search.myOrders.getByTestId('orders-banner').textContent()).toContain('Waiting to send — no hub connection');

    // Later (a reload, a new login): still pending, still in the outbox, never lost.
    await page.reload();
    const again = new SearchPage(page);
    await again.open();
    await expect.poll(() => again.orderItems.count()).toBe(1);
    await expect.poll(() => again.orderItems.first().getByTestId('order-status').textContent()).toContain('Pending');
    await app().screenshot('search-my-orders');
    expect(withReplica(app(), (db) => db.prepare(`SELECT count(*) AS n FROM outbox WHERE kind = 'aisle_order.placed'`).get())).toEqual({ n: 1 });
  });
});
