// Conversation starters, on the customer card or on the lookup for a walk-in's basket.
import type { Locator, Page } from 'playwright-core';
import { screenshotPath } from '../harness.js';

export interface ShownStarter {
  kind: string;
  incentive: string | null;
  label: string;
  text: string;
  reason: string;
  products: string[];
  feedback: string | null;
}

export class StartersPanel {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('starters');
  }

  get cards(): Locator {
    return this.root.getByTestId('starter');
  }

  get limitedNote(): Locator {
    return this.root.getByTestId('starters-limited');
  }

  get empty(): Locator {
    return this.root.getByTestId('starters-empty');
  }

  /** The decision the cards on screen belong to. */
  async decisionId(): Promise<string | null> {
    return this.root.getAttribute('data-decision-id');
  }

  /** Waits for an answer from the device (cards or the empty state) that is not `previousDecision`. */
  async waitForDecision(previousDecision: string | null = null): Promise<string> {
    const prev = previousDecision ? `:not([data-decision-id=${JSON.stringify(previousDecision)}])` : '';
    await this.page.locator(`[data-testid="starters"][data-state="ready"][data-decision-id]${prev}`).waitFor();
    return (await this.decisionId())!;
  }

  /** Cards of one kind (e.g. 'cross_sell'), optionally one incentive. */
  ofKind(kind: string, incentive?: string): Locator {
    const selector = `[data-kind="${kind}"]${incentive ? `[data-incentive="${incentive}"]` : ''}`;
    return this.cards.and(this.page.locator(selector));
  }

  /** What every card on screen says. */
  async read(): Promise<ShownStarter[]> {
    const out: ShownStarter[] = [];
    for (const card of await this.cards.all()) {
      out.push({
        kind: (await card.getAttribute('data-kind'))!,
        incentive: await card.getAttribute('data-incentive'),
        label: (await card.getByTestId('starter-kind').innerText()).trim(),
        text: (await card.getByTestId('starter-text').innerText()).trim(),
        reason: (await card.getByTestId('starter-reason').innerText()).trim(),
        products: await card.getByTestId('starter-product').locator('.starter-product-title').allInnerTexts(),
        feedback: await card.getAttribute('data-feedback'),
      });
    }
    return out;
  }

  usedButton(card: Locator): Locator {
    return card.locator('.starter-used');
  }

  notRelevantButton(card: Locator): Locator {
    return card.getByRole('button', { name: 'Not relevant' });
  }

  async markUsed(card: Locator): Promise<void> {
    await card.getByRole('button', { name: 'Used', exact: true }).click();
    await card.getByRole('button', { name: /Marked used/ }).waitFor();
  }

  /** "Not relevant", then the reason (the one tap more); `shot` names a screenshot of the reasons. */
  async markNotRelevant(card: Locator, reason = 'Not interested', shot?: string): Promise<void> {
    await this.notRelevantButton(card).click();
    const reasons = card.getByTestId('skip-reasons');
    await reasons.waitFor();
    if (shot) await card.screenshot({ path: screenshotPath(shot), animations: 'disabled' });
    await reasons.getByRole('button', { name: reason, exact: true }).click();
    await card.and(this.page.locator('[data-feedback="not_relevant"]')).waitFor();
  }

  /**
   * The starters section alone. It scrolls inside the workspace, under the top bar: grow the
   * viewport until nothing scrolls so the whole section is in view, then restore the tablet size.
   */
  async screenshot(name: string): Promise<void> {
    const before = this.page.viewportSize() ?? { width: 1280, height: 800 };
    const overflow = await this.page.locator('.workspace').evaluate((el) => el.scrollHeight - el.clientHeight);
    if (overflow > 0) await this.page.setViewportSize({ width: before.width, height: before.height + overflow });
    await this.root.screenshot({ path: screenshotPath(name), animations: 'disabled' });
    if (overflow > 0) await this.page.setViewportSize(before);
  }
}
