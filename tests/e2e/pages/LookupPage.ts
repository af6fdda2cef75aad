// Customer lookup at checkout.
import type { Locator, Page } from 'playwright-core';

export type LookupChip = 'Auto' | 'Email' | 'Phone' | 'Loyalty ID' | 'Name';

export class LookupPage {
  constructor(private readonly page: Page) {}

  get field(): Locator {
    return this.page.getByRole('searchbox', { name: 'Email, phone, loyalty ID or name' });
  }

  get hint(): Locator {
    return this.page.getByTestId('lookup-hint');
  }

  get normalized(): Locator {
    return this.page.getByTestId('lookup-normalized');
  }

  get rows(): Locator {
    return this.page.getByTestId('result-row');
  }

  get error(): Locator {
    return this.page.getByTestId('lookup-error');
  }

  async waitForReady(): Promise<void> {
    await this.page.getByRole('heading', { name: 'Find a customer' }).waitFor();
  }

  async chooseKind(kind: LookupChip): Promise<void> {
    await this.page.getByRole('radio', { name: kind, exact: true }).click();
  }

  /**
   * Types `query` and presses Enter, then waits until the answer to *this* text is on
   * screen (results, an empty state or an error), using the state the lookup publishes.
   */
  async search(query: string, kind?: LookupChip): Promise<void> {
    if (kind) await this.chooseKind(kind);
    await this.field.fill(query);
    await this.field.press('Enter');
    // JSON quoting is a valid CSS string for the plain text typed here.
    const answered = `[data-testid="lookup-body"][data-searched=${JSON.stringify(query)}]:is([data-state="done"], [data-state="error"])`;
    await this.page.locator(answered).waitFor();
  }

  /** Waits for the hint to read as `kind` with normalized value `normalized`. */
  async waitForInterpretation(kind: string, normalized: string): Promise<void> {
    await this.page.locator(`[data-testid="lookup-hint"][data-interpreted-as="${kind}"]`).waitFor();
    await this.normalized.filter({ hasText: normalized }).waitFor();
  }

  async resultNames(): Promise<string[]> {
    await this.rows.first().waitFor();
    return this.rows.locator('.result-name').allInnerTexts();
  }

  /** Opens the first result row containing `text` (a name, a loyalty id…). */
  async openRow(text: string): Promise<void> {
    await this.rows.filter({ hasText: text }).first().click();
    await this.page.getByTestId('card-name').waitFor();
  }
}
