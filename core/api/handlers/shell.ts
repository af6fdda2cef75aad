import { readSecuritySettings, writeSecuritySetting } from '../../auth/settings.js';
import { writeAudit } from '../../audit/audit.js';
import { ApiError } from '../../contract/errors.js';
import type { ShellState } from '../../contract/areas/shell.js';
import type { ShellPort } from '../../contract/ports.js';
import type { HandlerContext, HandlerSet } from '../context.js';

export function shellState(shell: ShellPort | null): ShellState {
  return { desktop: shell !== null, update: shell?.update() ?? null };
}

function requireShell(ctx: HandlerContext): ShellPort {
  if (!ctx.shell) throw new ApiError('conflict', 'This register runs in a browser: there is no app window to restart or close.');
  return ctx.shell;
}

export const shellHandlers: HandlerSet<'app.state' | 'app.restartToUpdate' | 'app.close' | 'security.setUpdateChannel'> = {
  'app.state'(ctx) {
    return shellState(ctx.shell);
  },

  'app.restartToUpdate'(ctx) {
    const shell = requireShell(ctx);
    if (!shell.update()) throw new ApiError('conflict', 'No update is ready to install.');
    shell.restartToUpdate();
    return null;
  },

  'app.close'(ctx) {
    requireShell(ctx).close();
    return null;
  },

  'security.setUpdateChannel'(ctx, { channel }) {
    const session = ctx.session!;
    writeSecuritySetting(ctx.db, 'update_channel', channel);
    writeAudit(ctx.db, {
      at: ctx.now(),
      actorId: session.staffId,
      storeId: session.storeId,
      action: 'settings.update_channel',
      subjectType: 'device',
      subjectId: session.registerId,
      justification: `Update channel set to ${channel}`,
    });
    // Last step of the call, so nothing after it can roll the setting back.
    ctx.shell?.setUpdateChannel(channel);
    return readSecuritySettings(ctx.db);
  },
};
