// The database host's view of the desktop shell: core's ShellPort, carried over the utility
// process's port to the main process (which owns the updater and the window).
import type { ShellNotice, ShellPort } from '../core/contract/ports.js';
import { isRecord, type FromDbHost } from './dbHostMessages.js';

export interface ShellPortOverPort extends ShellPort {
  /** A message from the main process; anything that is not a shell notice is ignored. */
  receive(data: unknown): void;
}

export function createShellPort(post: (message: FromDbHost) => void): ShellPortOverPort {
  const listeners = new Set<(notice: ShellNotice) => void>();
  let update: { version: string } | null = null;
  const tell = (notice: ShellNotice) => {
    for (const l of listeners) l(notice);
  };
  return {
    update: () => update,
    restartToUpdate: () => post({ kind: 'shell', request: 'restart' }),
    close: () => post({ kind: 'shell', request: 'close' }),
    setUpdateChannel: (channel) => post({ kind: 'shell', request: 'channel', channel }),
    onNotice(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    receive(data) {
      if (!isRecord(data) || data.kind !== 'shell') return;
      if (data.notice === 'close-requested') return tell('close-requested');
      if (data.notice !== 'state') return;
      const u = data.update;
      update = isRecord(u) && typeof u.version === 'string' ? { version: u.version.slice(0, 64) } : null;
      tell('state');
    },
  };
}
