// Endless aisle as the associate sees it: the search field, facet chips, the result list,
// the product sheet with its order form, and "My ship-to-home orders".
import type { Locator, Page } from 'playwright-core';
import { staffNamed } from '../demo.js';
import { LoginPage } from './LoginPage.js';
import { LookupPage } from './LookupPage.js';

export class SearchPage {
  constructor(private readonly page: Page) {}

  /** Signs in as a demo staff member from the tiles and opens the endless aisle. */
  static async signInAndOpen(page: Page, staffName: string): Promise<SearchPage> {
    const login = new LoginPage(page);
    await login.waitForTiles();
    await login.logIn(staffName, staffNamed(staffName).pin);
    await new LookupPage(page).waitForReady();
    const search = new SearchPage(page);
    await search.open();
    return search;
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: 'Search' }).click();
    await this.page.getByRole('heading', { name: 'Endless aisle' }).waitFor();
  }

  get input(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search the whole assortment' });
  }

  get body(): Locator {
    return this.page.getByTestId('search-body');
  }

  get results(): Locator {
    return this.page.getByTestId('search-result');
  }

  result(sku: string): Locator {
    return this.results.and(this.page.locator(`[data-sku=${JSON.stringify(sku)}]`));
  }

  get correction(): Locator {
    return this.page.getByTestId('search-correction');
  }

  get count(): Locator {
    return this.page.getByTestId('search-count');
  }

  /** Types key by key, as on a tablet, and waits for the answer to the whole text. */
  async type(text: string): Promise<void> {
    await this.input.fill('');
    await this.input.pressSequentially(text, { delay: 35 });
    await this.waitForAnswer(text);
  }

  async waitForAnswer(text: string): Promise<void> {
    await this.page.locator(`[data-testid="search-body"][data-state="done"][data-searched=${JSON.stringify(text)}]`).waitFor();
  }

  facet(group: 'availability' | 'category' | 'brand' | 'price'): Locator {
    return this.page.locator(`[data-facet="${group}"]`).locator('.facet-chip');
  }

  /** Taps a chip (opening its group first) and waits until an answer is shown (callers poll for what it should say). */
  async toggleFacet(chip: Locator): Promise<void> {
    if (!(await chip.isVisible())) {
      const group = await chip.evaluate((el) => el.closest('[data-facet]')?.getAttribute('data-facet'));
      await this.page.locator(`[data-facet-toggle="${group}"]`).click();
    }
    await chip.click();
    await this.page.locator('[data-testid="search-body"][data-state="done"]').waitFor();
  }

  /** How many items the answer holds (the list only renders the rows on screen). */
  async total(): Promise<number> {
    return Number((await this.count.textContent())?.match(/\d+/)?.[0] ?? 0);
  }

  async titles(): Promise<string[]> {
    return this.results.locator('.aisle-row-title').allTextContents();
  }

  /** Each row's brand: in its meta line, or opening its title (a row does not repeat it). */
  async brandsShown(): Promise<string[]> {
    return this.results.locator('[data-field="brand"]').allTextContents();
  }

  // ---- product sheet and order

  get sheet(): Locator {
    return this.page.getByTestId('product-sheet');
  }

  async openResult(sku: string): Promise<void> {
    await this.result(sku).click();
    await this.sheet.and(this.page.locator(`[data-sku=${JSON.stringify(sku)}]`)).waitFor();
  }

  stockRow(locationId: string): Locator {
    return this.sheet.locator(`.stock-row[data-location=${JSON.stringify(locationId)}]`);
  }

  async startOrder(): Promise<void> {
    await this.sheet.getByRole('button', { name: 'Ship to customer’s home' }).click();
    await this.page.getByTestId('order-form').waitFor();
  }

  selectedSource(): Locator {
    return this.page.locator('.source-option.is-selected');
  }

  async findCustomer(query: string, name: string): Promise<void> {
    const form = this.page.getByTestId('order-form');
    await form.getByRole('searchbox', { name: /Find a customer/ }).fill(query);
    await form.getByRole('button', { name: 'Find', exact: true }).click();
    await form.getByRole('button', { name: new RegExp(`^${name}`) }).first().click();
    await this.page.getByTestId('picked-customer').waitFor();
  }

  async newCustomer(name: string, email: string): Promise<void> {
    const form = this.page.getByTestId('order-form');
    await form.getByRole('tab', { name: 'New customer' }).click();
    await form.getByLabel('Full name', { exact: true }).fill(name);
    await form.getByLabel('Email', { exact: true }).fill(email);
  }

  async fillAddress(a: { line: string; city: string; region: string; postalCode: string }): Promise<void> {
    const form = this.page.getByTestId('order-form');
    await form.getByLabel('Street address', { exact: true }).fill(a.line);
    await form.getByLabel('City', { exact: true }).fill(a.city);
    await form.getByLabel('State', { exact: true }).fill(a.region);
    await form.getByLabel('ZIP code', { exact: true }).fill(a.postalCode);
  }

  addressField(label: string): Locator {
    return this.page.getByTestId('order-form').getByLabel(label, { exact: true });
  }

  async placeOrder(): Promise<Locator> {
    await this.page.getByTestId('order-form').getByRole('button', { name: 'Place order' }).click();
    const placed = this.page.getByTestId('placed-order');
    await placed.waitFor();
    return placed;
  }

  async closeSheet(): Promise<void> {
    await this.page.getByRole('button', { name: 'Close product' }).click();
    await this.myOrders.waitFor();
  }

  get myOrders(): Locator {
    return this.page.getByTestId('my-orders');
  }

  get orderItems(): Locator {
    return this.page.getByTestId('order-item');
  }
}
