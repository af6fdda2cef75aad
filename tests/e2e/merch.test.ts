// The merchandiser's offer rules (issue 8): an affinity is added, previewed on a real customer
// (new starter in the draft column only), published and live at checkout, then rolled back.
// Plus: who may open the workspace, an honest save state, and an all-or-nothing CSV import.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { useAppUnderTest, type AppUnderTest } from './harness.js';
import { DEMO_FIXTURES, staffNamed } from './demo.js';
import { CustomerCardPage } from './pages/CustomerCardPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { LookupPage } from './pages/LookupPage.js';
import { MerchPage } from './pages/MerchPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { StartersPanel } from './pages/starters.js';

const MERCHANDISER = 'Priya Shah';
const ASSOCIATE = 'Ava Martinez';
/** Bought a fleece and a beanie 9 days ago; nothing in the published policy leads on from a fleece. */
const ZOE = DEMO_FIXTURES.firstTimer;
const ZOE_NAME = `${ZOE.firstName} ${ZOE.lastName}`;
const NEW_RULE = { from: 'Fleece', to: 'Gloves', window: '0–30', weight: '1', note: 'Cold hands after the first cold snap' };
const GLOVES = /gloves/i;

async function logInAs(page: AppUnderTest['page'], who: string): Promise<void> {
  const login = new LoginPage(page);
  await login.waitForTiles();
  await login.logIn(who, staffNamed(who).pin);
}

async function openOfferRules(page: AppUnderTest['page']): Promise<MerchPage> {
  await logInAs(page, MERCHANDISER);
  expect(await new ShellPage(page).currentWorkspace()).toBe('Offer rules'); // a merchandiser's desk is the rules
  const merch = new MerchPage(page);
  await merch.open();
  return merch;
}

/** As the associate at checkout: Zoë's starters, as text. */
async function startersAtCheckout(page: AppUnderTest['page']): Promise<{ kind: string; text: string; reason: string }[]> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await logInAs(page, ASSOCIATE);
  const lookup = new LookupPage(page);
  await lookup.waitForReady();
  await lookup.search(ZOE.email!);
  await lookup.openRow(ZOE_NAME);
  await new CustomerCardPage(page).waitForCustomer(ZOE_NAME);
  const starters = new StartersPanel(page);
  await starters.waitForDecision();
  return (await starters.read()).map((s) => ({ kind: s.kind, text: s.text, reason: s.reason }));
}

/**
 * A starter the new rule made: its reason cites a merchandiser rule leading to gloves. (Learned
 * links may offer the same mittens for another reason — beanie buyers often add gloves — so the
 * product alone does not tell the rule's work apart.)
 */
const fromNewRule = (s: { text: string; reason: string }) => /merchandiser rule/i.test(s.reason) && GLOVES.test(`${s.text} ${s.reason}`);

describe('offer rules', () => {
  const app = useAppUnderTest();

  it('adds an affinity, previews it on a customer, publishes it to checkout and rolls it back', async () => {
    const { page } = app();
    const shell = new ShellPage(page);
    const merch = await openOfferRules(page);
    await merch.screenshot('merch-affinities');

    const id = await merch.addAffinity(NEW_RULE);
    expect(await merch.cell(id, 'fromCategoryId').innerText()).toContain('Fleece');
    expect(await merch.cell(id, 'toCategoryId').innerText()).toContain('Gloves');
    expect(await merch.cell(id, 'window').innerText()).toBe('0–30 days');
    expect(await merch.saveStatus.innerText()).toContain('Saved');

    // Preview on Zoë: the gloves starter is new in the draft column and absent from the published one.
    await merch.tab('Preview');
    // A random sample with the aggregate comes first, on its own.
    await merch.previewReady();
    await page.getByTestId('preview-aggregate').waitFor();
    expect(await page.getByTestId('preview-sample').count()).toBeGreaterThan(1);
    await merch.screenshot('merch-preview-random');
    const sample = await merch.previewCustomer(ZOE.email!, ZOE_NAME, ZOE.id);
    const draft = await merch.previewColumn(sample, 'draft');
    const published = await merch.previewColumn(sample, 'published');
    const newOnes = draft.filter(fromNewRule);
    expect(newOnes.length, JSON.stringify({ draft, published }, null, 2)).toBeGreaterThan(0);
    expect(published.filter(fromNewRule)).toEqual([]);
    await merch.screenshotWhole('merch-preview');

    // Publish with a note: the diff names the new rule; v2 becomes active.
    const diff = await merch.publish('Gloves after a fleece, for the cold season');
    expect(diff).toMatch(/Added Fleece → Gloves · 0–30 days/i);
    expect(await merch.activeVersion()).toBe(2);
    expect(await merch.versionRow(2).innerText()).toContain('Gloves after a fleece, for the cold season');
    expect(await merch.versionRow(2).innerText()).toContain(MERCHANDISER);
    await merch.versionRow(2).getByRole('button', { name: 'Changes' }).click();
    await merch.versionRow(2).locator('xpath=following-sibling::tr[1]').getByTestId('diff').waitFor();
    await merch.screenshotWhole('merch-versions');

    // Live at checkout for the associate.
    await shell.logOut();
    const live = await startersAtCheckout(page);
    expect(live.some(fromNewRule), JSON.stringify(live, null, 2)).toBe(true);

    // Rolled back by the merchandiser in one confirmed step…
    await shell.logOut();
    const again = await openOfferRules(page);
    await again.tab('Versions');
    await again.rollBackTo(1);
    expect(await again.activeVersion()).toBe(1);
    await again.screenshotWhole('merch-rolled-back');

    // …and gone at checkout.
    await shell.logOut();
    const after = await startersAtCheckout(page);
    expect(after.some(fromNewRule), JSON.stringify(after, null, 2)).toBe(false);
  });

  it('is not there for associates, and the device refuses them the rules too', async () => {
    const { page } = app();
    await logInAs(page, ASSOCIATE);
    await new LookupPage(page).waitForReady();
    expect(await new ShellPage(page).workspaceTabs.allInnerTexts()).not.toContain('Offer rules');
    const answer = await page.evaluate(async () => {
      // As this tab (signed in as the associate): its seat id is in the tab's sessionStorage.
      const tab = (globalThis as unknown as { sessionStorage: { getItem(k: string): string } }).sessionStorage.getItem('endcap.tab');
      const res = await fetch('/api/call', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Endcap-Tab': tab }, body: JSON.stringify({ name: 'merch.draft.get', input: {} }) });
      return (await res.json()) as { ok: boolean; error?: { code: string } };
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('edits in place from the keyboard and says Saved only once the device holds the change', async () => {
    const { page } = app();
    const merch = await openOfferRules(page);
    const [first] = await merch.affinityIds();

    // The device refuses the first save: the edit stays on screen, marked as not saved.
    let refused = false;
    await page.route('**/api/call', async (route) => {
      const body = route.request().postDataJSON() as { name?: string };
      if (body.name === 'merch.draft.save' && !refused) {
        refused = true;
        await route.fulfill({ json: { ok: false, error: { code: 'internal', message: 'The device could not write the draft.' } } });
      } else await route.continue();
    });

    // Keyboard: focus the first row's "Bought" cell, move right three cells to Weight, Enter, type, Enter.
    await merch.cell(first!, 'fromCategoryId').click();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect(await page.locator(':focus').getAttribute('data-column')).toBe('weight');
    await page.keyboard.press('Enter');
    await page.keyboard.type('0.45');
    await page.keyboard.press('Enter');

    await page.locator('[data-testid="save-status"][data-state="error"]').waitFor();
    expect(await merch.saveStatus.innerText()).toContain('Not saved');
    expect(await page.getByTestId('save-error').innerText()).toContain('The device could not write the draft.');
    expect(await merch.cell(first!, 'weight').innerText()).toContain('0.45');
    // Enter moved the cursor down a row, as in a spreadsheet.
    expect(await page.locator('tr:has(td:focus)').getAttribute('data-affinity-id')).not.toBe(first);
    await merch.screenshot('merch-save-error');

    await page.getByTestId('save-error').getByRole('button', { name: 'Try saving again' }).click();
    await merch.waitSaved();
    expect(await page.getByTestId('save-error').count()).toBe(0);

    // Kept by the device: a fresh visit shows it.
    await page.reload();
    await merch.open();
    expect(await merch.cell(first!, 'weight').innerText()).toContain('0.45');

    // The category picker over the real tree, opened from the keyboard; Escape leaves the cell as it was.
    await merch.cell(first!, 'fromCategoryId').click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const picker = page.getByRole('combobox', { name: 'Suggested category' });
    await picker.fill('glo');
    expect(await page.getByRole('listbox', { name: 'Suggested category' }).getByRole('option').first().innerText()).toMatch(/^Gloves/);
    await merch.screenshot('merch-inline-edit');
    await picker.press('Escape');
    await picker.waitFor({ state: 'detached' });

    // Logging out right after an edit, inside the save delay, still keeps it.
    await merch.cell(first!, 'note').dblclick();
    await merch.cell(first!, 'note').locator('input').fill('Typed just before logging out');
    await merch.cell(first!, 'note').locator('input').press('Enter');
    await new ShellPage(page).logOut();
    await logInAs(page, MERCHANDISER);
    expect(await merch.cell(first!, 'note').innerText()).toContain('Typed just before logging out');

    // Bulk edit: two rows off at once.
    const [a, b] = await merch.affinityIds();
    await merch.row(a!).getByRole('checkbox').check();
    await merch.row(b!).getByRole('checkbox').check();
    await page.getByTestId('bulk-bar').getByRole('button', { name: 'Turn off' }).click();
    await merch.waitSaved();
    for (const id of [a!, b!]) expect(await merch.row(id).getByRole('switch').getAttribute('aria-checked')).toBe('false');

    // Discarding starts the draft over from the live version: every edit above is gone.
    await page.getByRole('button', { name: 'Discard changes…' }).click();
    const discard = page.getByTestId('discard-dialog');
    await discard.getByRole('button', { name: 'Discard changes', exact: true }).click();
    await discard.waitFor({ state: 'detached' });
    await merch.waitSaved();
    for (const id of [a!, b!]) expect(await merch.row(id).getByRole('switch').getAttribute('aria-checked')).toBe('true');
    expect(await merch.cell(first!, 'weight').innerText()).not.toContain('0.45');
  });

  it('checks each guardrail against its range as it is typed, and lists conflicts and gaps', async () => {
    const { page } = app();
    const merch = await openOfferRules(page);
    await merch.tab('Guardrails');
    const margin = page.locator('[data-testid="guardrail"][data-key="marginFloor"]');
    await margin.getByRole('textbox', { name: 'Margin floor' }).fill('150');
    expect(await margin.getByTestId('guardrail-error').innerText()).toMatch(/^Must be between 0–\d+%$/);
    // An out-of-range value never reaches the device, and the header does not claim it is saved.
    expect(await merch.saveStatus.getAttribute('data-state')).toBe('invalid');
    expect(await merch.saveStatus.innerText()).toBe('Not saved: 1 field to fix');
    await merch.screenshotWhole('merch-guardrails-invalid');

    await margin.getByRole('textbox', { name: 'Margin floor' }).fill('30');
    expect(await margin.getByTestId('guardrail-error').count()).toBe(0);
    await merch.waitSaved();

    // A rule from a blocked category can never fire; the checks say so and point at it.
    await merch.tab('Affinities');
    const id = await merch.addAffinity({ from: 'Personal Care', to: 'Socks', window: '0–30', weight: '0.5', note: 'Should never show' });
    await merch.tab('Conflicts & coverage');
    await page.locator('[data-testid="checks"][data-state="ready"]').waitFor();
    const neverFires = page.getByTestId('check-never-fires');
    expect(await neverFires.innerText()).toContain(id);
    expect(await page.getByTestId('check-uncovered').getByTestId('uncovered-row').count()).toBeGreaterThan(0);
    await merch.screenshotWhole('merch-checks');
    await neverFires.getByRole('button', { name: id }).click();
    await page.locator('td:focus').waitFor();
    expect(await page.locator('tr:has(td:focus)').getAttribute('data-affinity-id')).toBe(id);
  });

  it('imports nothing from a CSV with a bad row, and reports every row', async () => {
    const { page } = app();
    const merch = await openOfferRules(page);
    const before = await merch.affinityIds();
    const exported = await merch.exportCsv();
    expect(exported.fileName).toMatch(/^affinities-draft-.*\.csv$/);
    const [header, firstRow, secondRow] = parse(exported.csv) as string[][];
    expect(header).toContain('from_category');

    // A good change to row 1, then an unknown category and a negative window.
    const edit = (row: string[], changes: Record<string, string>) => row.map((value, i) => changes[header![i]!] ?? value);
    const firstId = firstRow![0]!;
    const weightBefore = await merch.cell(firstId, 'weight').innerText();
    const csv = stringify([
      header!,
      edit(firstRow!, { weight: '0.35' }),
      edit(secondRow!, { id: 'bad-category', to_category: 'outdoor/camping/hovercraft' }),
      edit(secondRow!, { id: 'bad-window', min_delay_days: '-5', max_delay_days: '10' }),
    ]);

    const dialog = await merch.importCsv('affinities-with-problems.csv', csv);
    expect(await dialog.getByTestId('csv-report').getAttribute('data-imported')).toBe('false');
    expect(await dialog.getByTestId('csv-rejected').innerText()).toContain('Nothing was imported');
    const rejected = dialog.locator('[data-testid="csv-row"][data-status="rejected"]');
    expect(await rejected.count()).toBe(2);
    expect(await rejected.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-line')))).toEqual(['3', '4']);
    expect(await dialog.locator('[data-testid="csv-row"][data-line="3"]').innerText()).toMatch(/hovercraft/i);
    expect(await dialog.locator('[data-testid="csv-row"][data-line="4"]').innerText()).toMatch(/-5|negative|window|at least/i);
    await merch.screenshot('merch-csv-rejected');

    // Nothing changed in the draft, not even the good row.
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    expect(await merch.affinityIds()).toEqual(before);
    expect(await merch.cell(firstId, 'weight').innerText()).toBe(weightBefore);
  });
});
