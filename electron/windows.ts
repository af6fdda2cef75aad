// Our windows, and the set of webContents the IPC layer trusts.
import { BrowserWindow, type WebContents } from 'electron';
import { APP_ENTRY_URL } from './appProtocol.js';
import { secureWebPreferences } from './security.js';

/** The webContents of windows we opened; IPC from anything else is refused. */
export class WindowRegistry {
  private readonly contents = new Map<number, WebContents>();

  add(win: BrowserWindow): void {
    const wc = win.webContents;
    const id = wc.id;
    this.contents.set(id, wc);
    // Capture the id now: the webContents is already destroyed when 'closed' fires.
    win.once('closed', () => this.contents.delete(id));
  }

  has(wc: WebContents): boolean {
    return this.contents.has(wc.id) && !wc.isDestroyed();
  }

  all(): WebContents[] {
    return [...this.contents.values()].filter((wc) => !wc.isDestroyed());
  }
}

export interface MainWindowOptions {
  preloadPath: string;
  registry: WindowRegistry;
  /** Developer tools: only when running from source (never in a packaged build). */
  devTools?: boolean;
}

/** Sized for a POS tablet (1280×800) and usable down to a 1024×700 back-office screen. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    title: 'Endcap',
    show: false, // shown on ready-to-show, so the first paint is the app, not a blank frame
    backgroundColor: '#0f4c5c',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preloadPath, { devTools: options.devTools ?? false }),
  });
  options.registry.add(win);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
