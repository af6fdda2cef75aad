// A stand-in for the desktop shell (Electron's main process) in tests: an update to report,
// notices to send, and what the app asked of it.
import { vi } from 'vitest';
import type { ShellNotice, ShellPort } from '../contract/ports.js';

export function fakeShell() {
  let listener: ((n: ShellNotice) => void) | null = null;
  const shell = {
    ready: null as { version: string } | null,
    update: () => shell.ready,
    restartToUpdate: vi.fn(),
    close: vi.fn(),
    setUpdateChannel: vi.fn(),
    onNotice: (l: (n: ShellNotice) => void) => ((listener = l), () => (listener = null)),
    /** Sends a notice as the main process would. */
    tell: (n: ShellNotice) => listener?.(n),
  };
  return shell satisfies ShellPort;
}
