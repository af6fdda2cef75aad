// The main process's side of the shell port: the window asks the UI before it closes, the UI's
// answers (close, restart into an update, a new update channel) come back through the app API.
import type { DbHostClient } from './dbHostClient.js';
import type { Updater } from './updater.js';

/** What we use of a BrowserWindow (a fake in tests). */
export interface GuardedWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
  webContents: { isCrashed(): boolean };
}

export interface ShellOptions {
  client: Pick<DbHostClient, 'tellShell' | 'onShellRequest'>;
  /** The updater once started (packaged builds only). */
  updater: () => Updater | null;
  windows: () => GuardedWindow[];
}

export interface Shell {
  /** From now on closing `win` first asks the UI, which warns about unsaved work. */
  guard(win: GuardedWindow): void;
  /** The app is quitting (or installing an update): windows close without asking. */
  allowClose(): void;
  updateReady(version: string): void;
}

export function connectShell(options: ShellOptions): Shell {
  let closeAllowed = false;
  const closeAll = () => {
    closeAllowed = true;
    for (const win of options.windows()) win.close();
  };

  options.client.onShellRequest((request) => {
    switch (request.request) {
      case 'close':
        return closeAll();
      case 'restart': {
        const updater = options.updater();
        if (!updater) return;
        // quitAndInstall closes every window first: they must not ask again.
        closeAllowed = true;
        return updater.restart();
      }
      case 'channel':
        return options.updater()?.setChannel(request.channel);
    }
  });

  return {
    guard(win) {
      win.on('close', (event) => {
        // A crashed page cannot answer, and a host that is not ready cannot ask: close at once.
        if (closeAllowed || win.webContents.isCrashed()) return;
        if (options.client.tellShell({ kind: 'shell', notice: 'close-requested' })) event.preventDefault();
      });
    },
    allowClose() {
      closeAllowed = true;
    },
    updateReady(version) {
      options.client.tellShell({ kind: 'shell', notice: 'state', update: { version } });
    },
  };
}
