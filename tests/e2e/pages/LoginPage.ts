// The login screen as a user sees it: staff tiles, then the PIN pad.
import type { Locator, Page } from 'playwright-core';

export class LoginPage {
  constructor(private readonly page: Page) {}

  get tiles(): Locator {
    return this.page.getByTestId('staff-tile');
  }

  tile(displayName: string): Locator {
    return this.tiles.filter({ hasText: displayName });
  }

  get feedback(): Locator {
    return this.page.getByTestId('login-feedback');
  }

  get pinDots(): Locator {
    return this.page.getByTestId('pin-dots');
  }

  async waitForTiles(): Promise<void> {
    await this.page.getByRole('heading', { name: 'Who’s working?' }).waitFor();
    await this.tiles.first().waitFor();
  }

  async choose(displayName: string): Promise<void> {
    await this.tile(displayName).click();
    await this.page.getByRole('group', { name: 'PIN pad' }).waitFor();
  }

  /** Taps the on-screen keys, as on a tablet. */
  async tapPin(pin: string): Promise<void> {
    const pad = this.page.getByRole('group', { name: 'PIN pad' });
    for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
    await this.pinDots.and(this.page.locator(`[data-count="${pin.length}"]`)).waitFor();
  }

  /** Types on a physical keyboard and presses Enter. */
  async typePinAndEnter(pin: string): Promise<void> {
    await this.page.keyboard.type(pin);
    await this.pinDots.and(this.page.locator(`[data-count="${pin.length}"]`)).waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** The pad's button: "Log in", or "Next" / "Save my PIN" while choosing a PIN, "Unlock …" for a manager. */
  get submitButton(): Locator {
    return this.page.getByTestId('pin-submit');
  }

  async submit(): Promise<void> {
    await this.submitButton.click();
  }

  /** Waits for the PIN feedback to contain `text`, and returns the whole message. */
  async waitForFeedback(text: string | RegExp): Promise<string> {
    const message = this.feedback.filter({ hasText: text });
    await message.waitFor();
    return (await message.innerText()).replace(/\s+/g, ' ').trim();
  }

  async backToTiles(): Promise<void> {
    await this.page.getByRole('button', { name: 'Not you?' }).click();
    await this.waitForTiles();
  }

  async logIn(displayName: string, pin: string): Promise<void> {
    await this.choose(displayName);
    await this.tapPin(pin);
    await this.submit();
    await this.page.getByTestId('current-user').filter({ hasText: displayName }).waitFor();
  }
}
