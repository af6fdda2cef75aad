// The frame around every workspace: top bar and status bar.
import type { Locator, Page } from 'playwright-core';

export class ShellPage {
  constructor(private readonly page: Page) {}

  get currentUser(): Locator {
    return this.page.getByTestId('current-user');
  }

  get statusBar(): Locator {
    return this.page.getByTestId('status-bar');
  }

  get workspaceTabs(): Locator {
    return this.page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button');
  }

  /** The label of the workspace on screen. */
  async currentWorkspace(): Promise<string> {
    return this.page.getByRole('navigation', { name: 'Workspaces' }).locator('[aria-current="page"]').innerText();
  }

  /** Logs out; when the register warns about unsaved work (an open basket, a half-filled capture), leaves anyway. */
  async logOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Log out' }).click();
    const signedOut = this.page.getByRole('heading', { name: 'Who’s working?' });
    const warning = this.page.getByTestId('logout-check-leave');
    await signedOut.or(warning).first().waitFor();
    if (await warning.isVisible()) await warning.click();
    await signedOut.waitFor();
  }
}
