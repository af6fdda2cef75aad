// The merchandiser's offer rules: affinity table, preview, publish and versions.
import type { Locator, Page } from 'playwright-core';
import { screenshotPath } from '../harness.js';

/** A back-office PC: wider than the counter tablet the other screens are tested at. */
export const BACK_OFFICE_VIEWPORT = { width: 1600, height: 1000 };

export type MerchTab = 'Affinities' | 'Guardrails' | 'Preview' | 'Conflicts & coverage' | 'Versions';

export interface PreviewColumnStarter {
  kind: string;
  mark: 'new' | 'removed' | 'same';
  text: string;
  reason: string;
}

export class MerchPage {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('merch-workspace');
  }

  get saveStatus(): Locator {
    return this.page.getByTestId('save-status');
  }

  get rows(): Locator {
    return this.page.getByTestId('affinity-row');
  }

  row(id: string): Locator {
    return this.page.locator(`[data-testid="affinity-row"][data-affinity-id="${id}"]`);
  }

  cell(id: string, column: string): Locator {
    return this.row(id).locator(`td[data-column="${column}"]`);
  }

  async open(): Promise<void> {
    await this.page.setViewportSize(BACK_OFFICE_VIEWPORT);
    await this.page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: 'Offer rules' }).click();
    await this.page.locator('[data-testid="merch-workspace"][data-state="ready"]').waitFor();
    await this.rows.first().waitFor();
  }

  async tab(name: MerchTab): Promise<void> {
    await this.page.getByRole('tablist', { name: 'Offer rules' }).getByRole('tab', { name }).click();
  }

  async waitSaved(): Promise<void> {
    await this.page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
  }

  async affinityIds(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-affinity-id') ?? ''));
  }

  /** Adds an affinity through the dialog, choosing categories by searching the tree. */
  async addAffinity(a: { from: string; to: string; window: string; weight: string; note: string }): Promise<string> {
    const before = new Set(await this.affinityIds());
    await this.page.getByRole('button', { name: 'Add affinity' }).click();
    const dialog = this.page.getByTestId('add-affinity');
    await this.pick(dialog, 'Bought category', a.from);
    await this.pick(dialog, 'Suggested category', a.to);
    await dialog.getByLabel('Window (days after the purchase)').fill(a.window);
    await dialog.getByLabel('Weight').fill(a.weight);
    await dialog.getByLabel('Note').fill(a.note);
    await dialog.getByRole('button', { name: 'Add to draft' }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.rows.nth(before.size).waitFor();
    const added = (await this.affinityIds()).find((id) => !before.has(id))!;
    await this.waitSaved();
    return added;
  }

  private async pick(scope: Locator, label: string, name: string): Promise<void> {
    await scope.getByRole('combobox', { name: label }).fill(name);
    await scope.getByRole('listbox', { name: label }).getByRole('option').filter({ hasText: new RegExp(`^${name}`) }).first().click();
  }

  /** Double-clicks a cell, types, presses Enter, and waits for the device to hold it. */
  async editCell(id: string, column: string, text: string): Promise<void> {
    await this.cell(id, column).dblclick();
    const input = this.cell(id, column).locator('input');
    await input.fill(text);
    await input.press('Enter');
    await this.waitSaved();
  }

  /** Picks a CSV file in the import dialog and waits for the device's report. */
  async importCsv(name: string, csv: string): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = this.page.getByTestId('csv-import');
    await dialog.getByTestId('csv-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await dialog.getByTestId('csv-report').waitFor();
    return dialog;
  }

  async exportCsv(): Promise<{ fileName: string; csv: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: 'Export CSV' }).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { fileName: download.suggestedFilename(), csv: Buffer.concat(chunks).toString('utf8') };
  }

  // ---- Preview

  get preview(): Locator {
    return this.page.getByTestId('preview');
  }

  /** The preview decides for 2,000 customers twice: seconds of work, more on a busy machine. */
  async previewReady(): Promise<void> {
    await this.page.locator('[data-testid="preview"][data-state="ready"]').waitFor({ timeout: 90_000 });
  }

  /** Looks a customer up by `query` and previews the match named `name`. */
  async previewCustomer(query: string, name: string, customerId: string): Promise<Locator> {
    await this.page.locator('[data-testid="preview"]:not([data-state="running"])').waitFor({ timeout: 90_000 });
    await this.page.getByRole('searchbox', { name: 'Customer name, email or loyalty ID' }).fill(query);
    await this.page.getByRole('search').getByRole('button', { name: 'Find' }).click();
    await this.page.getByTestId('preview-match').filter({ hasText: name }).first().click();
    const sample = this.page.locator(`[data-testid="preview-sample"][data-customer-id="${customerId}"]`);
    await this.previewReady();
    await sample.waitFor();
    return sample;
  }

  async previewColumn(sample: Locator, side: 'published' | 'draft'): Promise<PreviewColumnStarter[]> {
    return sample
      .getByTestId(`preview-${side}`)
      .getByTestId('preview-starter')
      .evaluateAll((items) =>
        items.map((el) => ({
          kind: el.getAttribute('data-kind') ?? '',
          mark: (el.getAttribute('data-mark') ?? 'same') as 'new' | 'removed' | 'same',
          text: el.querySelector('[data-testid="preview-starter-text"]')?.textContent?.trim() ?? '',
          reason: el.querySelector('[data-testid="preview-starter-reason"]')?.textContent?.trim() ?? '',
        })),
      );
  }

  // ---- Publish and versions

  /** Publishes the draft with `note` after reading the diff; returns the diff's text. */
  async publish(note: string): Promise<string> {
    await this.page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = this.page.getByTestId('publish-dialog');
    await dialog.getByTestId('diff').waitFor();
    const diff = (await dialog.getByTestId('diff').innerText()).replace(/\s+/g, ' ');
    await dialog.getByLabel('Change note (required)').fill(note);
    await dialog.getByRole('button', { name: 'Publish new version' }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.page.getByTestId('history-notice').waitFor();
    return diff;
  }

  versionRow(version: number): Locator {
    return this.page.locator(`[data-testid="version-row"][data-version="${version}"]`);
  }

  async activeVersion(): Promise<number> {
    await this.page.locator('[data-testid="history"][data-state="ready"]').waitFor();
    return Number(await this.page.getByTestId('history').getAttribute('data-active-version'));
  }

  async rollBackTo(version: number): Promise<void> {
    await this.versionRow(version).getByRole('button', { name: 'Roll back to this version' }).click();
    const dialog = this.page.getByTestId('rollback-dialog');
    await dialog.getByTestId('diff').waitFor();
    await dialog.getByRole('button', { name: `Roll back to v${version}` }).click();
    await dialog.waitFor({ state: 'detached' });
    await this.page.locator(`[data-testid="version-row"][data-version="${version}"][data-active="true"]`).waitFor();
  }

  /** The whole workspace: grow the viewport until nothing scrolls, capture, restore. */
  async screenshotWhole(name: string): Promise<void> {
    const before = this.page.viewportSize() ?? BACK_OFFICE_VIEWPORT;
    const overflow = await this.page.locator('.workspace').evaluate((el) => el.scrollHeight - el.clientHeight);
    await this.page.setViewportSize({ width: before.width, height: before.height + Math.max(0, overflow) });
    await this.page.screenshot({ path: screenshotPath(name), animations: 'disabled' });
    await this.page.setViewportSize(before);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: screenshotPath(name), animations: 'disabled' });
  }
}
