// Sync as people see it: the status bar's connection and freshness, the sync panel it opens,
// and the set-up screen of a new register.
import type { Locator, Page } from 'playwright-core';

export class SyncPage {
  constructor(private readonly page: Page) {}

  get statusBar(): Locator {
    return this.page.getByTestId('status-bar');
  }

  /** 'online' | 'offline' | 'standalone' | 'bootstrapping', as the status bar shows it. */
  async connection(): Promise<string | null> {
    return this.statusBar.getByTestId('connection').getAttribute('data-connection');
  }

  get staleWarning(): Locator {
    return this.statusBar.getByTestId('stale-inventory');
  }

  get inventoryAge(): Locator {
    return this.statusBar.getByTestId('sync-inventory-age');
  }

  get pendingCount(): Locator {
    return this.statusBar.getByTestId('pending-count');
  }

  get panel(): Locator {
    return this.page.getByTestId('sync-panel');
  }

  async openPanel(): Promise<void> {
    if (await this.panel.isVisible()) return;
    await this.statusBar.getByTestId('sync-status').click();
    await this.panel.waitFor();
  }

  async closePanel(): Promise<void> {
    await this.panel.getByRole('button', { name: 'Close sync panel' }).click();
    await this.panel.waitFor({ state: 'detached' });
  }

  /** Event kinds of the pending rows, in the panel's order. */
  async pendingKinds(): Promise<string[]> {
    const rows = this.panel.getByTestId('sync-pending').locator('tbody tr');
    return (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-kind') ?? ''))).filter(Boolean);
  }

  get nothingPending(): Locator {
    return this.panel.getByTestId('sync-pending-empty');
  }

  async syncNow(): Promise<void> {
    await this.panel.getByTestId('sync-now').click();
  }

  get bootstrap(): Locator {
    return this.page.getByTestId('bootstrap');
  }

  /** Rows copied so far on the set-up screen. */
  async bootstrapRows(): Promise<number> {
    const text = (await this.bootstrap.getByTestId('bootstrap-rows').textContent()) ?? '';
    return Number(text.split(' of ')[0]!.replace(/[^0-9]/g, '') || 0);
  }
}
