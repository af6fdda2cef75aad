import { z } from 'zod';
import { define } from '../define.js';
import { empty } from '../schemas.js';
import type { SecuritySettingsView } from '../types.js';

/** What the desktop shell around the app (Electron's main process) says; the browser host has none. */
export interface ShellState {
  /** True inside the desktop app; false in the browser host (no updates, no window to close). */
  desktop: boolean;
  /** An update downloaded and verified, installed at the next restart; null when none. */
  update: { version: string } | null;
}

export const shellContract = {
  'app.state': define<ShellState>()({ input: empty, access: 'public', write: false }),
  // The UI restarts into a ready update only when the till is idle (no sale, no capture open).
  'app.restartToUpdate': define<null>()({ input: empty, access: 'public', write: false }),
  // The UI answers the shell's "may I close?" (app.closeRequested) once nothing unsaved is lost.
  'app.close': define<null>()({ input: empty, access: 'public', write: false }),
  // Which releases this register installs: a manager's choice, kept in security_settings.
  'security.setUpdateChannel': define<SecuritySettingsView>()({
    input: z.object({ channel: z.enum(['stable', 'beta']) }).strict(),
    access: ['manager'],
    write: true,
  }),
} as const;
