// The customer card opened from the lookup.
import type { Locator, Page } from 'playwright-core';
import { screenshotPath } from '../harness.js';

export class CustomerCardPage {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('customer-card');
  }

  get name(): Locator {
    return this.page.getByTestId('card-name');
  }

  get segment(): Locator {
    return this.page.locator('.card-hero [data-segment]');
  }

  get figures(): Locator {
    return this.page.getByTestId('key-figures');
  }

  figure(label: string): Locator {
    return this.figures.locator('.figure').filter({ has: this.page.locator('dt', { hasText: label }) }).locator('.figure-value');
  }

  get duplicates(): Locator {
    return this.page.getByTestId('duplicates');
  }

  get duplicateRows(): Locator {
    return this.page.getByTestId('duplicate-row');
  }

  get purchases(): Locator {
    return this.page.getByTestId('purchases');
  }

  get identifiers(): Locator {
    return this.page.getByTestId('identifiers');
  }

  get consents(): Locator {
    return this.page.getByTestId('consents');
  }

  /** The consent chip for one purpose and channel, e.g. ('Marketing', 'Email'). */
  consentChip(purposeLabel: string, channelIndex: number): Locator {
    return this.consents.locator('tbody tr').filter({ has: this.page.locator('th', { hasText: purposeLabel }) }).locator('td').nth(channelIndex).locator('.consent-chip');
  }

  async withdraw(purpose: 'receipts' | 'marketing' | 'personalization'): Promise<void> {
    await this.page.getByTestId(`withdraw-${purpose}`).click();
  }

  async waitForCustomer(name: string): Promise<void> {
    await this.name.filter({ hasText: name }).waitFor();
  }

  /**
   * The card scrolls inside the workspace, between the top and status bars: grow the
   * viewport until nothing scrolls, capture the whole screen, then restore the tablet size.
   */
  async screenshotWhole(name: string): Promise<void> {
    const before = this.page.viewportSize() ?? { width: 1280, height: 800 };
    const overflow = await this.page.locator('.workspace').evaluate((el) => el.scrollHeight - el.clientHeight);
    await this.page.setViewportSize({ width: before.width, height: before.height + Math.max(0, overflow) });
    await this.page.screenshot({ path: screenshotPath(name), animations: 'disabled' });
    await this.page.setViewportSize(before);
  }

  async back(): Promise<void> {
    await this.page.getByRole('button', { name: 'Back to search' }).click();
    await this.page.getByRole('heading', { name: 'Find a customer' }).waitFor();
  }
}
