// First start and recovery as IT sees them: the choice, the code field and its refusals, and
// the screen that says what happened to damaged data.
import type { Locator, Page } from 'playwright-core';

export class SetupPage {
  constructor(private readonly page: Page) {}

  get choice(): Locator {
    return this.page.getByTestId('setup-choice');
  }

  get codeField(): Locator {
    return this.page.getByRole('textbox', { name: 'Enrolment code' });
  }

  get problem(): Locator {
    return this.page.getByTestId('enrol-problem');
  }

  get recovery(): Locator {
    return this.page.getByTestId('recovery');
  }

  /** Building the demo store takes a while and holds the device host meanwhile: the click itself may wait for it. */
  async tryDemo(): Promise<void> {
    await this.page.getByTestId('choose-demo').click({ timeout: 180_000 });
  }

  async openConnect(): Promise<void> {
    await this.page.getByTestId('choose-hub').click();
    await this.codeField.waitFor();
  }

  /** Types the code as IT would on a tablet and presses Connect; waits until the register has answered. */
  async connect(code: string): Promise<void> {
    await this.codeField.fill(code);
    await this.page.getByRole('button', { name: 'Connect', exact: true }).click();
    await this.page.getByRole('button', { name: 'Connecting…' }).waitFor({ state: 'detached', timeout: 30_000 });
  }

  /** The typed reason of the refusal on screen, and its headline. */
  async refusal(): Promise<{ reason: string | null; title: string }> {
    await this.problem.waitFor();
    return {
      reason: await this.problem.locator('[data-reason]').getAttribute('data-reason'),
      title: (await this.problem.locator('.notice-title').innerText()).trim(),
    };
  }
}
