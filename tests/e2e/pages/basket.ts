// Today's basket in the checkout rail: a scanner types the SKU and presses Enter.
import type { Locator, Page } from 'playwright-core';
import { screenshotPath } from '../harness.js';

export class BasketPanel {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('basket');
  }

  get input(): Locator {
    return this.root.getByRole('textbox', { name: 'Scan or type a SKU' });
  }

  get lines(): Locator {
    return this.root.getByTestId('basket-line');
  }

  get error(): Locator {
    return this.root.getByTestId('basket-error');
  }

  get count(): Locator {
    return this.root.getByTestId('basket-count');
  }

  line(sku: string): Locator {
    return this.lines.and(this.page.locator(`[data-sku=${JSON.stringify(sku)}]`));
  }

  quantity(sku: string): Locator {
    return this.line(sku).getByTestId('basket-line-quantity');
  }

  /** Types (as a scanner does) and presses Enter, without waiting for the answer. */
  async type(code: string): Promise<void> {
    await this.input.fill(code);
    await this.input.press('Enter');
  }

  /** Scans `code` and waits until the line for `sku` (the catalog's spelling) shows `quantity`. */
  async scan(code: string, sku = code.toUpperCase(), quantity = 1): Promise<Locator> {
    await this.type(code);
    await this.quantity(sku).filter({ hasText: new RegExp(`^${quantity}$`) }).waitFor();
    await this.page.locator('[data-testid="basket"][data-pending="0"]').waitFor();
    return this.line(sku);
  }

  async remove(sku: string): Promise<void> {
    await this.line(sku).getByRole('button', { name: /^Remove / }).click();
    await this.line(sku).waitFor({ state: 'detached' });
  }

  async screenshot(name: string): Promise<void> {
    await this.root.screenshot({ path: screenshotPath(name), animations: 'disabled' });
  }
}
