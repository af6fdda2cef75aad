// The email capture step at the end of a sale.
import type { Locator, Page } from 'playwright-core';
import { screenshotPath } from '../harness.js';

export class CapturePage {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('capture-step');
  }

  get email(): Locator {
    return this.page.getByRole('textbox', { name: 'Email address' });
  }

  get suggestion(): Locator {
    return this.page.getByTestId('typo-suggestion');
  }

  get matches(): Locator {
    return this.page.getByTestId('match-row');
  }

  get saveButton(): Locator {
    return this.root.locator('.capture-actions .button-primary');
  }

  get done(): Locator {
    return this.page.getByTestId('capture-done');
  }

  /** From the basket: one tap opens the step with the email keyboard up. */
  async start(): Promise<void> {
    await this.page.getByRole('button', { name: 'Finish sale' }).click();
    await this.email.waitFor();
  }

  /** Types the address and waits until the device's verdict for exactly this text is shown. */
  async typeEmail(address: string): Promise<void> {
    await this.email.fill(address);
    await this.page.locator(`.email-field:not([data-state="idle"])`).waitFor();
    await this.page.locator('[data-testid="capture-step"]:not([aria-busy="true"])').waitFor();
  }

  async fill(label: 'First name' | 'Last name' | 'Phone (optional)', value: string): Promise<void> {
    await this.root.getByLabel(label).fill(value);
  }

  async consent(label: 'Email receipts' | 'News and offers' | 'Personal suggestions'): Promise<void> {
    await this.page.getByRole('switch', { name: label }).check();
  }

  async chooseProfile(customerId: string): Promise<void> {
    await this.matches.and(this.page.locator(`[data-customer-id="${customerId}"]`)).getByRole('radio').check();
  }

  async confirmMerge(customerId: string): Promise<void> {
    await this.matches.and(this.page.locator(`[data-customer-id="${customerId}"]`)).getByRole('checkbox').check();
  }

  /** Saves and waits for the recorded outcome; returns its code. */
  async save(): Promise<string> {
    await this.saveButton.click();
    await this.done.waitFor();
    return (await this.done.getAttribute('data-outcome')) ?? '';
  }

  async decline(reasonLabel: string): Promise<string> {
    await this.page.getByRole('button', { name: 'Customer declined' }).click();
    await this.page.getByTestId('decline-picker').waitFor();
    await this.page.getByRole('group', { name: 'Decline reasons' }).getByRole('button', { name: reasonLabel }).click();
    await this.done.waitFor();
    return (await this.done.getAttribute('data-outcome')) ?? '';
  }

  consentOnFile(purpose: string): Locator {
    return this.page.getByTestId('done-consents').locator(`[data-purpose="${purpose}"]`);
  }

  async withdraw(purpose: string): Promise<void> {
    await this.consentOnFile(purpose).getByRole('button', { name: 'Withdraw' }).click();
    await this.page.locator(`[data-testid="done-consents"] [data-purpose="${purpose}"][data-status="withdrawn"]`).waitFor();
  }

  async nextCustomer(): Promise<void> {
    await this.page.getByRole('button', { name: 'Next customer' }).click();
    await this.root.waitFor({ state: 'detached' });
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: screenshotPath(name), animations: 'disabled' });
  }
}
