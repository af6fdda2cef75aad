// Conversation starters and today's basket at checkout: what the engine suggests for the demo
// chain's known customers, as the associate sees it, and what a tap records on the device.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useAppUnderTest, type AppUnderTest } from './harness.js';
import { LEAF } from '../../core/demo/catalog.js';
import { DEMO_FIXTURES, staffNamed } from './demo.js';
import { BasketPanel } from './pages/basket.js';
import { CustomerCardPage } from './pages/CustomerCardPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { LookupPage } from './pages/LookupPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { StartersPanel } from './pages/starters.js';

const ASSOCIATE = 'Ava Martinez';
const STORE = 'S1';
/** Kinds that can only come from a customer's own history. */
const HISTORY_KINDS = ['check_in', 'replenishment', 'usual', 'vip_care', 'win_back'];
/** Reasons that quote a customer's own purchases (a new arrival "in their favourite category"…). */
const HISTORY_REASON = /of their spend|their last|Bought (a|an|the) |Buys |last visit/i;
/** Words that belong to the engine's bookkeeping, never to the associate's screen. */
const INTERNALS = /explor|holdout|propensity|score|arm\b|policy version/i;

interface Screens {
  lookup: LookupPage;
  card: CustomerCardPage;
  starters: StartersPanel;
  basket: BasketPanel;
}

async function logIn(page: AppUnderTest['page']): Promise<Screens> {
  const login = new LoginPage(page);
  await login.waitForTiles();
  await login.logIn(ASSOCIATE, staffNamed(ASSOCIATE).pin);
  const lookup = new LookupPage(page);
  await lookup.waitForReady();
  return { lookup, card: new CustomerCardPage(page), starters: new StartersPanel(page), basket: new BasketPanel(page) };
}

/** Looks the customer up by email and opens the row that contains `rowText`, then waits for the starters. */
async function openCustomer(s: Screens, email: string, rowText: string, name: string): Promise<string> {
  await s.lookup.search(email);
  await s.lookup.openRow(rowText);
  await s.card.waitForCustomer(name);
  return s.starters.waitForDecision();
}

/** The replica of this test, opened read-only beside the running device. */
function replica(app: AppUnderTest): Database.Database {
  return new Database(path.join(app.dataDir, 'endcap.db'), { readonly: true, fileMustExist: true });
}

function withReplica<T>(app: AppUnderTest, fn: (db: Database.Database) => T): T {
  const db = replica(app);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

function nameOf(f: { firstName: string; lastName: string }): string {
  return `${f.firstName} ${f.lastName}`;
}

describe('conversation starters', () => {
  const app = useAppUnderTest();

  it('offers a VIP the care a top customer expects', async () => {
    const { page } = app();
    const s = await logIn(page);
    const vip = DEMO_FIXTURES.vip;
    await openCustomer(s, vip.email!, vip.loyaltyId!, nameOf(vip));

    const care = s.starters.ofKind('vip_care');
    await care.first().waitFor();
    const shown = await s.starters.read();
    const vipCare = shown.find((x) => x.kind === 'vip_care')!;
    expect(vipCare.label).toBe('VIP care');
    expect(vipCare.text).toContain(`Thank ${vip.firstName}`);
    expect(vipCare.reason).toMatch(/orders and \$[\d,]+ with us/);

    // A VIP incentive never is a discount: early access or a sample, when the engine found one.
    for (const inc of shown.filter((x) => x.kind === 'incentive')) {
      expect(['early_access', 'sample', 'concierge']).toContain(inc.incentive);
      expect(inc.label).toMatch(/^Incentive · (Early access|Sample|Concierge)$/);
    }
    expect(await s.starters.root.innerText()).not.toMatch(INTERNALS);
    expect(await s.starters.limitedNote.count()).toBe(0);
    await s.starters.screenshot('starters-vip');
  });

  it('offers a first-timer free delivery', async () => {
    const { page } = app();
    const s = await logIn(page);
    const zoe = DEMO_FIXTURES.firstTimer;
    await openCustomer(s, zoe.email!, nameOf(zoe), nameOf(zoe));

    const card = s.starters.ofKind('incentive', 'free_shipping');
    await card.waitFor();
    expect(await card.getByTestId('starter-kind').innerText()).toBe('Incentive · Free delivery');
    expect(await card.getByTestId('starter-text').innerText()).toMatch(/free home delivery/i);
    expect(await card.getByTestId('starter-reason').innerText()).toMatch(/first-time customer/i);
    await s.starters.screenshot('starters-first-timer');
  });

  it('welcomes a lapsing customer back, saying when they last came', async () => {
    const { page } = app();
    const s = await logIn(page);
    const robert = DEMO_FIXTURES.lapsing;
    await openCustomer(s, robert.email!, nameOf(robert), nameOf(robert));

    const card = s.starters.ofKind('win_back');
    await card.waitFor();
    expect(await card.getByTestId('starter-kind').innerText()).toBe('Win back');
    expect(await card.getByTestId('starter-text').innerText()).toContain(`Welcome ${robert.firstName} back`);
    expect(await card.getByTestId('starter-reason').innerText()).toMatch(/last visit \d+ (days|weeks|months) ago/);
    await s.starters.screenshot('starters-lapsing');
  });

  it('reminds the camper of what goes with the tent they bought', async () => {
    const { page } = app();
    const s = await logIn(page);
    const john = DEMO_FIXTURES.johnDoe;
    await openCustomer(s, john.email!, john.loyaltyId!, 'John Doe');

    const shown = await s.starters.read();
    const crossSells = shown.filter((x) => x.kind === 'cross_sell');
    expect(crossSells.length).toBeGreaterThan(0);
    const forTent = crossSells.filter((x) => /tent/i.test(x.reason) && /sleeping (bags|pads)/i.test(x.reason));
    expect(forTent.length, JSON.stringify(crossSells, null, 2)).toBeGreaterThan(0);
    for (const x of forTent) {
      expect(x.label).toBe('Cross-sell');
      expect(x.products.length).toBeGreaterThan(0);
    }
    // Every product shown is on the shelf here: the engine's stock guardrail, as the associate sees it.
    const badges = await s.starters.root.getByTestId('stock-badge').allInnerTexts();
    expect(badges.length).toBeGreaterThan(0);
    for (const b of badges) expect(b).toMatch(/^\d+ on the shelf$/);
    expect(await s.starters.root.innerText()).not.toMatch(INTERNALS);

    await page.screenshot({ path: path.join(__dirname, 'screenshots', 'starters-card.png'), animations: 'disabled' });
    await s.starters.screenshot('starters-camper');
    await s.card.screenshotWhole('starters-card-full');
  });

  it('uses only the basket for a customer without personalization consent', async () => {
    const { page } = app();
    const s = await logIn(page);
    const dup = DEMO_FIXTURES.johnDoeDuplicate; // receipts consent only
    const first = await openCustomer(s, dup.email!, 'Aurora', 'John Doe');

    await s.starters.limitedNote.waitFor();
    expect(await s.starters.limitedNote.innerText()).toContain('No personalization consent: suggestions use only today’s basket');
    // Nothing in the basket and no history allowed: at most what the store itself is proud of.
    for (const x of await s.starters.read()) {
      expect(HISTORY_KINDS).not.toContain(x.kind);
      expect(x.reason).not.toMatch(HISTORY_REASON);
    }
    await s.starters.screenshot('starters-no-consent-empty');

    // Scan hiking boots: the suggestions follow the basket, never the history.
    const boots = withReplica(app(), (db) =>
      db
        .prepare(
          `SELECT p.sku FROM products p JOIN inventory i ON i.sku = p.sku AND i.location_id = ?
           WHERE p.category_id = ? AND p.status = 'active' AND i.on_hand - i.reserved >= 5
           ORDER BY p.popularity DESC LIMIT 1`,
        )
        .get(STORE, LEAF.hikingBoots) as { sku: string },
    );
    await s.basket.scan(boots.sku);
    await s.starters.waitForDecision(first);
    const shown = await s.starters.read();
    expect(shown.length).toBeGreaterThan(0);
    for (const x of shown) {
      expect(HISTORY_KINDS).not.toContain(x.kind);
      expect(x.reason).not.toMatch(HISTORY_REASON);
    }
    expect(shown.some((x) => x.kind === 'cross_sell' && /In the cart/.test(x.reason))).toBe(true);
    await s.starters.limitedNote.waitFor();
    await s.starters.screenshot('starters-no-consent');
  });

  it('offers what is on the shelf when the wanted item is not, and says where it ships from', async () => {
    const { page, screenshot } = app();
    const s = await logIn(page);

    // An item out at this store, in stock elsewhere, in a category with plenty on the shelf.
    const wanted = withReplica(app(), (db) =>
      db
        .prepare(
          `SELECT p.sku, p.title, p.category_id AS categoryId FROM products p
           JOIN inventory here ON here.sku = p.sku AND here.location_id = ?
           JOIN inventory dc ON dc.sku = p.sku AND dc.location_id IN (SELECT id FROM locations WHERE kind = 'dc')
           WHERE here.on_hand - here.reserved = 0 AND dc.on_hand - dc.reserved > 0 AND p.status = 'active'
             AND (SELECT count(*) FROM products s JOIN inventory si ON si.sku = s.sku AND si.location_id = ?
                  WHERE s.category_id = p.category_id AND s.status = 'active' AND si.on_hand - si.reserved >= 10) >= 3
           ORDER BY p.price_cents DESC LIMIT 1`,
        )
        .get(STORE, STORE) as { sku: string; title: string; categoryId: string },
    );
    // Where the device will say it comes from: the quickest source that has it.
    const source = withReplica(app(), (db) =>
      db
        .prepare(
          `SELECT l.name, l.lead_time_days AS days FROM inventory i JOIN locations l ON l.id = i.location_id
           WHERE i.sku = ? AND i.location_id != ? AND i.on_hand - i.reserved > 0
           ORDER BY l.lead_time_days, i.on_hand - i.reserved DESC LIMIT 1`,
        )
        .get(wanted.sku, STORE) as { name: string; days: number },
    );

    // A walk-in: nobody looked up, the basket alone drives the suggestions.
    const line = await s.basket.scan(wanted.sku);
    expect(await line.innerText()).toContain(wanted.title);
    const badge = line.getByTestId('stock-badge');
    expect(await badge.innerText()).toBe(`Ships from ${source.name} in ${source.days} days`);
    expect(await badge.getAttribute('data-tone')).toBe('warn');

    await s.starters.waitForDecision();
    expect(await s.starters.root.innerText()).toContain('no customer selected');
    const alt = s.starters.ofKind('in_stock_alternative');
    await alt.waitFor();
    expect(await alt.getByTestId('starter-kind').innerText()).toBe('In-stock alternative');
    const text = await alt.getByTestId('starter-text').innerText();
    // spoken by its short name: the title before the size and colour
    expect(text).toContain(`Out of the ${wanted.title.split(',')[0]} here`);
    expect(text).toContain(`ship theirs home from ${source.name}`);
    expect(await alt.getByTestId('starter-reason').innerText()).toContain('out of stock at this store');
    // The alternatives are on the shelf here.
    for (const b of await alt.getByTestId('stock-badge').allInnerTexts()) expect(b).toMatch(/^\d+ on the shelf$/);

    await screenshot('basket-walk-in');
    await s.basket.screenshot('basket-out-of-stock');
    await s.starters.screenshot('starters-in-stock-alternative');
  });

  it('records Used on the device and in the outbox', async () => {
    const { page } = app();
    const s = await logIn(page);
    const john = DEMO_FIXTURES.johnDoe;
    const decision = await openCustomer(s, john.email!, john.loyaltyId!, 'John Doe');

    const card = s.starters.ofKind('cross_sell').first();
    const position = Number(await card.getAttribute('data-position'));
    await s.starters.markUsed(card);
    expect(await card.getAttribute('data-feedback')).toBe('used');
    expect(await s.starters.usedButton(card).isDisabled()).toBe(true);
    expect(await s.starters.notRelevantButton(card).isDisabled()).toBe(true);
    // The other cards can still be answered.
    expect(await s.starters.usedButton(s.starters.cards.nth(position === 0 ? 1 : 0)).isEnabled()).toBe(true);

    const recorded = withReplica(app(), (db) => ({
      event: db
        .prepare(`SELECT feedback, customer_id AS customerId, kind FROM starter_events WHERE decision_id = ? AND position = ?`)
        .get(decision, position) as { feedback: string; customerId: string; kind: string },
      outbox: (db.prepare(`SELECT payload FROM outbox WHERE kind = 'starter.feedback'`).all() as { payload: string }[]).map(
        (r) => JSON.parse(r.payload) as { decisionId: string; position: number; feedback: string; customerId: string },
      ),
    }));
    expect(recorded.event).toEqual({ feedback: 'used', customerId: john.id, kind: 'cross_sell' });
    expect(recorded.outbox).toContainEqual(expect.objectContaining({ decisionId: decision, position, feedback: 'used', customerId: john.id }));
    await s.starters.screenshot('starters-used');
  });

  it('keeps a starter usable when its answer could not be recorded', async () => {
    const { page } = app();
    const s = await logIn(page);
    const john = DEMO_FIXTURES.johnDoe;
    await openCustomer(s, john.email!, john.loyaltyId!, 'John Doe');

    // The device refuses the first answer once.
    let refused = false;
    await page.route('**/api/call', async (route) => {
      const body = route.request().postDataJSON() as { name?: string };
      if (body.name === 'starters.feedback' && !refused) {
        refused = true;
        await route.fulfill({ json: { ok: false, error: { code: 'internal', message: 'The device could not save that answer.' } } });
      } else await route.continue();
    });
    const card = s.starters.cards.first();
    await s.starters.usedButton(card).click();
    await card.getByTestId('starter-error').waitFor();
    expect(await card.getByTestId('starter-error').innerText()).toContain('The device could not save that answer.');
    expect(await s.starters.usedButton(card).isEnabled()).toBe(true);
    await s.starters.screenshot('starters-feedback-error');

    await s.starters.markUsed(card);
    expect(await card.getByTestId('starter-error').count()).toBe(0);
  });

  it('says so calmly when nothing passed the rules, and offers a retry when the device fails', async () => {
    const { page } = app();
    const s = await logIn(page);
    const john = DEMO_FIXTURES.johnDoe;

    // The device answers the first request with no starters, the next one with an error.
    let calls = 0;
    await page.route('**/api/call', async (route) => {
      const body = route.request().postDataJSON() as { name?: string; input?: { customerId?: string } };
      if (body.name !== 'starters.forCustomer') return route.continue();
      calls++;
      if (calls === 1) {
        const value = { decisionId: 'D-empty', policyVersion: 1, arm: 'personalized', personalization: 'full', customerId: body.input?.customerId ?? null, starters: [] };
        return route.fulfill({ json: { ok: true, value } });
      }
      if (calls === 2) return route.fulfill({ json: { ok: false, error: { code: 'internal', message: 'The offer engine is not available.' } } });
      return route.continue();
    });

    await openCustomer(s, john.email!, john.loyaltyId!, 'John Doe');
    await s.starters.empty.waitFor();
    expect(await s.starters.empty.innerText()).toContain('No suggestion passed the store’s rules right now');
    await s.starters.screenshot('starters-empty');

    // A basket change asks again; this time the device fails, and says so with a way to retry.
    const stove = withReplica(app(), (db) =>
      db
        .prepare(
          `SELECT p.sku FROM products p JOIN inventory i ON i.sku = p.sku AND i.location_id = ?
           WHERE p.category_id = ? AND p.status = 'active' AND i.on_hand - i.reserved >= 5 ORDER BY p.popularity DESC LIMIT 1`,
        )
        .get(STORE, LEAF.campStoves) as { sku: string },
    );
    await s.basket.scan(stove.sku);
    const error = page.getByTestId('starters-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('The offer engine is not available.');
    await s.starters.screenshot('starters-error');

    await error.getByRole('button', { name: 'Try again' }).click();
    await s.starters.waitForDecision('D-empty');
    expect(await s.starters.cards.count()).toBeGreaterThan(0);
    expect(await error.count()).toBe(0);
  });

  it('dims a starter marked not relevant, and does not offer it again', async () => {
    const { page } = app();
    const s = await logIn(page);
    const john = DEMO_FIXTURES.johnDoe;
    await openCustomer(s, john.email!, john.loyaltyId!, 'John Doe');

    const before = await s.starters.read();
    const target = before.find((x) => x.kind === 'check_in') ?? before[0]!;
    const card = s.starters.cards.filter({ has: page.getByTestId('starter-text').filter({ hasText: target.text }) });
    await s.starters.markNotRelevant(card, 'Already owns it', 'starters-skip-reasons');
    expect(await card.evaluate((el) => el.classList.contains('is-dismissed'))).toBe(true);
    expect(await card.getByText('Marked not relevant').count()).toBe(1);
    expect(await s.starters.usedButton(card).isDisabled()).toBe(true);
    await s.starters.screenshot('starters-dismissed');

    // Reopen the card: a new decision, and the idea is not in it.
    await s.card.back();
    await s.lookup.openRow(john.loyaltyId!);
    await s.card.waitForCustomer('John Doe');
    await s.starters.waitForDecision();
    const after = await s.starters.read();
    expect(after.map((x) => x.text)).not.toContain(target.text);
    expect(after.length).toBeGreaterThan(0);
  });
});

describe('today’s basket', () => {
  const app = useAppUnderTest();

  it('adds scanned items, explains unknown codes, follows the associate and clears at logout', async () => {
    const { page, screenshot } = app();
    const s = await logIn(page);
    // The best seller of a category that is on the shelf here.
    const onShelf = (category: string) =>
      withReplica(app(), (db) =>
        db
          .prepare(
            `SELECT p.sku, p.title, p.price_cents AS priceCents, i.on_hand - i.reserved AS available FROM products p
             JOIN inventory i ON i.sku = p.sku AND i.location_id = ?
             WHERE p.category_id = ? AND p.status = 'active' AND i.on_hand - i.reserved >= 5
             ORDER BY p.popularity DESC LIMIT 1`,
          )
          .get(STORE, category) as { sku: string; title: string; priceCents: number; available: number },
      );
    const stove = onShelf(LEAF.campStoves);
    const headlamp = onShelf(LEAF.headlamps);
    await screenshot('basket-empty');

    // An unknown code: the device's message, and the field is ready for the next scan.
    await s.basket.type('NOPE-404');
    await s.basket.error.waitFor();
    expect(await s.basket.error.innerText()).toContain('No product with SKU NOPE-404 in the catalog.');
    await s.basket.screenshot('basket-unknown-sku');

    // Typed in lower case, as people do; the line shows title, price, stock here.
    const line = await s.basket.scan(stove.sku.toLowerCase(), stove.sku);
    expect(await s.basket.error.count()).toBe(0);
    expect(await line.innerText()).toContain(stove.title);
    expect(await line.getByTestId('stock-badge').innerText()).toBe(`${stove.available} on the shelf`);
    const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
    expect(await line.getByTestId('basket-line-price').innerText()).toContain(money.format(stove.priceCents / 100));

    // Scanning it again adds one more; a second item is a second line.
    await s.basket.scan(stove.sku, stove.sku, 2);
    await s.basket.scan(headlamp.sku);
    expect(await s.basket.lines.count()).toBe(2);
    expect(await s.basket.count.innerText()).toBe('3 items');
    await page.getByTestId('basket-total').filter({ hasText: money.format((2 * stove.priceCents + headlamp.priceCents) / 100) }).waitFor();

    // The walk-in suggestions follow the basket: the stove brings up fuel.
    await s.starters.waitForDecision();
    const walkIn = await s.starters.read();
    expect(walkIn.some((x) => x.kind === 'cross_sell' && /fuel/i.test(x.reason))).toBe(true);
    await screenshot('basket-lines');

    // The basket stays while the associate opens a customer, and the card's starters use it.
    const john = DEMO_FIXTURES.johnDoe;
    const decision = await openCustomer(s, john.email!, john.loyaltyId!, 'John Doe');
    expect(await s.basket.lines.count()).toBe(2);
    await s.basket.screenshot('basket-beside-card');
    await page.screenshot({ path: path.join(__dirname, 'screenshots', 'basket-with-card.png'), animations: 'disabled' });

    // Removing a line asks again, once the basket settles.
    await s.basket.remove(headlamp.sku);
    await s.starters.waitForDecision(decision);
    expect(await s.basket.count.innerText()).toBe('2 items');
    const decisions = withReplica(app(), (db) =>
      db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'starters.decide' AND subject_id = ?`).get(john.id),
    ) as { n: number };
    // One decision when the card opened, one for the basket change: never one per render.
    expect(decisions.n).toBe(2);

    await s.card.back();
    expect(await s.basket.lines.count()).toBe(1);

    // The next person at the register starts with an empty basket.
    await new ShellPage(page).logOut();
    await new LoginPage(page).logIn(ASSOCIATE, staffNamed(ASSOCIATE).pin);
    await s.lookup.waitForReady();
    expect(await s.basket.lines.count()).toBe(0);
    expect(await s.basket.count.innerText()).toBe('Empty');
  });
});
