// The manager's email capture dashboard.
import type { Locator, Page } from 'playwright-core';
import { screenshotPath } from '../harness.js';

export class DashboardPage {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('capture-dashboard');
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: 'Store reports' }).click();
    await this.ready();
  }

  /** Waits for the report of the chosen range and store to be on screen. */
  async ready(): Promise<void> {
    await this.page.locator('[data-testid="capture-dashboard"][data-state="ready"]').waitFor();
  }

  async range(): Promise<{ from: string; to: string }> {
    const [from, to] = ((await this.root.getAttribute('data-range')) ?? '..').split('..');
    return { from: from!, to: to! };
  }

  async choosePreset(label: 'Today' | '7 days' | '30 days' | '90 days'): Promise<void> {
    await this.page.getByRole('radiogroup', { name: 'Date range' }).getByRole('radio', { name: label }).click();
    await this.ready();
  }

  async chooseStore(storeName: string | 'All stores'): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Store' }).selectOption({ label: storeName });
    await this.ready();
  }

  async kpi(id: 'capture-rate' | 'checkouts' | 'new-profiles' | 'marketing-opt-in' | 'typo-fixes'): Promise<string> {
    return (await this.page.getByTestId(`kpi-${id}`).innerText()).trim();
  }

  async kpiNote(id: string): Promise<string> {
    return (await this.page.locator(`[data-kpi="${id}"] .kpi-note`).innerText()).trim();
  }

  async optInRate(purpose: 'receipts' | 'marketing' | 'personalization'): Promise<string> {
    return (await this.page.locator(`[data-testid="opt-in-rates"] [data-purpose="${purpose}"] .bar-value`).innerText()).trim();
  }

  async declineCount(reason: string): Promise<string> {
    return (await this.page.locator(`[data-testid="decline-reasons"] [data-reason="${reason}"] .bar-value`).innerText()).trim();
  }

  /** The leaderboard row for an id (associate id, store/register, or store id) as column → text. */
  async leaderRow(id: string): Promise<Record<string, string>> {
    const row = this.page.locator(`[data-testid="leader-row"][data-row-id="${id}"]`);
    await row.waitFor();
    const cells = await row.locator('td').evaluateAll((tds) => tds.map((td) => [td.getAttribute('data-column') ?? '', (td.textContent ?? '').trim()]));
    return Object.fromEntries(cells);
  }

  async leaderIds(): Promise<string[]> {
    return this.page.locator('[data-testid="leader-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-id') ?? ''));
  }

  async filterLeaderboard(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Filter by name or store' }).fill(text);
  }

  async sortBy(header: string): Promise<void> {
    await this.page.getByTestId('leaderboard-table').getByRole('button', { name: header }).click();
  }

  async groupBy(label: 'Associates' | 'Registers' | 'Stores'): Promise<void> {
    await this.page.getByRole('radiogroup', { name: 'Group by' }).getByRole('radio', { name: label }).click();
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: screenshotPath(name), animations: 'disabled' });
  }

  /** The whole dashboard: grow the viewport until nothing scrolls, capture, restore. */
  async screenshotWhole(name: string): Promise<void> {
    const before = this.page.viewportSize() ?? { width: 1280, height: 800 };
    const overflow = await this.page.locator('.workspace').evaluate((el) => el.scrollHeight - el.clientHeight);
    await this.page.setViewportSize({ width: before.width, height: before.height + Math.max(0, overflow) });
    await this.page.screenshot({ path: screenshotPath(name), animations: 'disabled' });
    await this.page.setViewportSize(before);
  }
}
