import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { ShellNoticeMessage, ShellRequestMessage } from './dbHostMessages.js';
import { connectShell, type GuardedWindow } from './shell.js';
import { createShellPort } from './shellPort.js';
import type { Updater } from './updater.js';

// The main process's shell and the database host's ShellPort, joined by a fake channel.
function wired(options: { hostReady?: boolean; updater?: Updater | null } = {}) {
  const requests = new EventEmitter();
  const port = createShellPort((m) => requests.emit('request', m));
  const told: ShellNoticeMessage[] = [];
  const client = {
    tellShell: vi.fn((m: ShellNoticeMessage) => {
      if (options.hostReady === false) return false;
      told.push(m);
      port.receive(m);
      return true;
    }),
    onShellRequest: (l: (r: ShellRequestMessage) => void) => {
      requests.on('request', l);
      return () => requests.off('request', l);
    },
  };
  const windows: Array<GuardedWindow & EventEmitter & { closed: boolean; crashed: boolean }> = [];
  const window = () => {
    const win = Object.assign(new EventEmitter(), {
      closed: false,
      crashed: false,
      webContents: { isCrashed: () => win.crashed },
      // Like BrowserWindow.close(): 'close' may be prevented.
      close() {
        let prevented = false;
        win.emit('close', { preventDefault: () => (prevented = true) });
        if (!prevented) win.closed = true;
      },
    });
    windows.push(win);
    return win;
  };
  const updater = options.updater === undefined ? { setChannel: vi.fn(), restart: vi.fn(), stop: vi.fn() } : options.updater;
  const shell = connectShell({ client, updater: () => updater, windows: () => windows });
  return { shell, port, told, window, updater };
}

describe('closing the window asks the UI first', () => {
  it('a close is held and the UI told; the UI’s app.close closes it', () => {
    const { shell, port, window } = wired();
    const notices: string[] = [];
    port.onNotice((n) => notices.push(n));
    const win = window();
    shell.guard(win);
    win.close();
    expect(win.closed).toBe(false);
    expect(notices).toEqual(['close-requested']);
    port.close(); // what the app.close handler does once the person agreed
    expect(win.closed).toBe(true);
  });

  it('closes at once when no host is ready to ask, or the page crashed', () => {
    const a = wired({ hostReady: false });
    const win = a.window();
    a.shell.guard(win);
    win.close();
    expect(win.closed).toBe(true);

    const b = wired();
    const crashed = b.window();
    b.shell.guard(crashed);
    crashed.crashed = true;
    crashed.close();
    expect(crashed.closed).toBe(true);
  });

  it('the app quitting closes windows without asking', () => {
    const { shell, window, told } = wired();
    const win = window();
    shell.guard(win);
    shell.allowClose();
    win.close();
    expect(win.closed).toBe(true);
    expect(told).toEqual([]);
  });
});

describe('updates through the shell port', () => {
  it('a ready update reaches core’s state, and the UI’s restart reaches the updater with the windows unguarded', () => {
    const { shell, port, window, updater } = wired();
    const win = window();
    shell.guard(win);
    expect(port.update()).toBeNull();
    shell.updateReady('0.2.0');
    expect(port.update()).toEqual({ version: '0.2.0' });
    port.restartToUpdate();
    expect(updater!.restart).toHaveBeenCalled();
    win.close(); // quitAndInstall closes the windows itself
    expect(win.closed).toBe(true);
  });

  it('a manager’s channel reaches the updater; without an updater (not packaged) nothing happens', () => {
    const { port, updater } = wired();
    port.setUpdateChannel('beta');
    expect(updater!.setChannel).toHaveBeenCalledWith('beta');

    const bare = wired({ updater: null });
    const win = bare.window();
    bare.shell.guard(win);
    bare.port.restartToUpdate();
    win.close();
    expect(win.closed).toBe(false); // still guarded: no restart happened
  });

  it('the host ignores malformed shell messages', () => {
    const port = createShellPort(() => {});
    port.receive({ kind: 'shell', notice: 'state', update: { version: 7 } });
    expect(port.update()).toBeNull();
    port.receive({ kind: 'call' });
    port.receive(null);
    expect(port.update()).toBeNull();
  });
});
