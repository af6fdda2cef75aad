// A sale at the counter for capture tests: log in, ring up one item that is on the shelf here.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AppUnderTest } from '../harness.js';
import { staffNamed } from '../demo.js';
import { BasketPanel } from './basket.js';
import { CapturePage } from './CapturePage.js';
import { LoginPage } from './LoginPage.js';
import { LookupPage } from './LookupPage.js';
import { SearchPage } from './SearchPage.js';

/** The replica of this test, opened read-only beside the running device. */
export function withReplica<T>(app: AppUnderTest, fn: (db: Database.Database) => T): T {
  const db = new Database(path.join(app.dataDir, 'endcap.db'), { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export async function logInAs(app: AppUnderTest, who: string): Promise<void> {
  const login = new LoginPage(app.page);
  await login.waitForTiles();
  await login.logIn(who, staffNamed(who).pin);
}

export async function ringUpItem(app: AppUnderTest): Promise<void> {
  const sku = withReplica(app, (db) =>
    db
      .prepare(`SELECT p.sku FROM products p JOIN inventory i ON i.sku = p.sku AND i.location_id = 'S1'
                WHERE p.status = 'active' AND i.on_hand - i.reserved > 10 ORDER BY p.popularity DESC LIMIT 1`)
      .pluck()
      .get() as string,
  );
  await new BasketPanel(app.page).scan(sku);
}

/** Logged in as `who` at the checkout with one item in the basket: a sale ready to finish. */
export async function startSale(app: AppUnderTest, who: string): Promise<CapturePage> {
  await logInAs(app, who);
  await new LookupPage(app.page).waitForReady();
  await ringUpItem(app);
  return new CapturePage(app.page);
}

/** A popular tent that is out on this store's shelf but has stock at the DC. */
export function outHereInDc(app: AppUnderTest): { sku: string; title: string } {
  return withReplica(app, (db) =>
    db
      .prepare(
        `SELECT p.sku, p.title FROM products p
         JOIN inventory h ON h.sku = p.sku AND h.location_id = 'S1'
         JOIN inventory d ON d.sku = p.sku AND d.location_id = 'DC1'
         WHERE h.on_hand - h.reserved - h.local_reserved = 0 AND d.on_hand - d.reserved - d.local_reserved >= 5
           AND p.status = 'active' AND p.is_partner = 0 AND p.title LIKE '%Tent%'
         ORDER BY p.popularity DESC LIMIT 1`,
      )
      .get() as { sku: string; title: string },
  );
}

export const DELIVERY_ADDRESS = { line: '1550 Wynkoop St, Apt 4', city: 'Denver', region: 'CO', postalCode: '80202' };

/** Orders `outHereInDc`'s tent to a new customer's home from the search workspace; the order stays pending. */
export async function orderForDelivery(app: AppUnderTest): Promise<{ orderId: string; item: { sku: string; title: string } }> {
  const item = outHereInDc(app);
  const search = new SearchPage(app.page);
  await search.open();
  await search.type(item.title.replace(/,/g, ''));
  await search.openResult(item.sku);
  await search.startOrder();
  await search.newCustomer('Jordan Rivers', 'jordan.rivers@example.com');
  await search.fillAddress(DELIVERY_ADDRESS);
  const placed = await search.placeOrder();
  await placed.and(app.page.locator('[data-status="pending"]')).waitFor();
  const orderId = (await placed.getAttribute('data-order-id'))!;
  await search.closeSheet();
  return { orderId, item };
}
