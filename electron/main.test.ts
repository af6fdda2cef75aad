import { EventEmitter } from 'node:events';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// A whole fake Electron, rebuilt for each test, recording the order of what main.ts does.
// The mock module is created once, so it forwards to whichever fake the current test built.
const state = vi.hoisted(() => ({ electron: null as any }));
vi.mock('electron', () => {
  const names = ['app', 'BrowserWindow', 'protocol', 'session', 'ipcMain', 'utilityProcess', 'Menu', 'shell', 'safeStorage'];
  const forward = (n: string) =>
    new Proxy(function () {}, {
      get: (_t, k) => Reflect.get(state.electron[n], k),
      construct: (_t, args) => Reflect.construct(state.electron[n], args),
    });
  return Object.fromEntries(names.map((n) => [n, forward(n)]));
});

// electron-updater needs a packaged app: a fake AppUpdater, shared by every test.
const updates = vi.hoisted(() => ({ updater: null as any }));
vi.mock('electron-updater', () => ({
  get autoUpdater() {
    return updates.updater;
  },
}));

function fakeUpdater() {
  return Object.assign(new EventEmitter(), {
    checkForUpdates: vi.fn(async () => null),
    quitAndInstall: vi.fn(),
    setFeedURL: vi.fn(),
    channel: null as string | null,
    allowDowngrade: true,
    autoDownload: false,
    autoInstallOnAppQuit: false,
  });
}

function fakeElectron(options: { lock: boolean }) {
  const order: string[] = [];
  let ready!: () => void;
  let isReady = false;
  const whenReady = new Promise<void>((resolve) => (ready = () => ((isReady = true), resolve())));
  const windows: any[] = [];
  const children: any[] = [];

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => options.lock),
    quit: vi.fn(),
    exit: vi.fn(),
    enableSandbox: vi.fn(() => order.push('enableSandbox')),
    whenReady: vi.fn(() => whenReady),
    isReady: vi.fn(() => isReady),
    getPath: vi.fn((name: string) => `/data/${name}`),
  });

  class BrowserWindow extends EventEmitter {
    static getAllWindows = () => windows;
    webContents = { id: windows.length + 1, isDestroyed: () => false, isCrashed: () => false };
    close = vi.fn(() => {
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (!prevented) this.emit('closed');
    });
    loadURL = vi.fn(async () => undefined);
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = vi.fn(() => true);
    constructor(public options: any) {
      super();
      windows.push(this);
      order.push('BrowserWindow');
    }
  }

  const electron = {
    app,
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => order.push('registerSchemesAsPrivileged')),
      handle: vi.fn(() => order.push('protocol.handle')),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(() => order.push('setPermissionRequestHandler')),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
    ipcMain: { handle: vi.fn(() => order.push('ipcMain.handle')), on: vi.fn(), removeHandler: vi.fn() },
    utilityProcess: {
      fork: vi.fn(() => {
        const child = Object.assign(new EventEmitter(), { postMessage: vi.fn(), kill: vi.fn(() => true) });
        children.push(child);
        order.push('utilityProcess.fork');
        return child;
      }),
    },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => t) },
    shell: { openExternal: vi.fn() },
    // No keystore in the fake: the database host is told why instead of getting a key.
    safeStorage: { isEncryptionAvailable: vi.fn(() => false), encryptString: vi.fn(), decryptString: vi.fn() },
  };
  return { electron, order, ready, windows, children };
}

async function boot(lock = true, packaged = false) {
  const fake = fakeElectron({ lock });
  fake.electron.app.isPackaged = packaged;
  updates.updater = fakeUpdater();
  state.electron = fake.electron;
  vi.resetModules();
  await import('./main.js');
  return fake;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

describe('main process wiring', () => {
  it('registers the app:// scheme and the sandbox before ready, and opens nothing until then', async () => {
    const fake = await boot();
    expect(fake.order).toEqual(['registerSchemesAsPrivileged', 'enableSandbox']);
    expect(fake.windows).toHaveLength(0);
  });

  it('once ready: locks the session down, serves app://, starts the database host, registers IPC, opens one window', async () => {
    const fake = await boot();
    fake.ready();
    await settle();
    expect(fake.order).toEqual([
      'registerSchemesAsPrivileged',
      'enableSandbox',
      'setPermissionRequestHandler',
      'protocol.handle',
      'utilityProcess.fork',
      'ipcMain.handle',
      'BrowserWindow',
    ]);
    const { electron, windows } = fake;
    expect(console.error).not.toHaveBeenCalled();
    expect(electron.ipcMain.handle).toHaveBeenCalledTimes(1);

    const [modulePath, args] = electron.utilityProcess.fork.mock.calls[0]! as unknown as [string, string[]];
    expect(path.basename(modulePath)).toBe('dbHost.js');
    expect(args).toEqual(['--endcap-data-dir=/data/userData']);

    const win = windows[0]!;
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(path.basename(win.options.webPreferences.preload)).toBe('preload.js');
    expect(win.loadURL).toHaveBeenCalledWith('app://endcap/index.html');
  });

  it('hardens every webContents created later', async () => {
    const fake = await boot();
    const wc = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    fake.electron.app.emit('web-contents-created', {}, wc);
    expect(wc.setWindowOpenHandler).toHaveBeenCalled();
    expect(wc.listenerCount('will-navigate')).toBe(1);
  });

  it('quits at once as a second instance, without starting anything', async () => {
    const fake = await boot(false);
    fake.ready();
    await settle();
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.electron.utilityProcess.fork).not.toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
  });

  it('brings the existing window forward when a second instance starts', async () => {
    const fake = await boot();
    fake.ready();
    await settle();
    fake.electron.app.emit('second-instance');
    const win = fake.windows[0]!;
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(1);
  });

  it('opens a window for a second launch when every window was closed', async () => {
    const fake = await boot();
    fake.ready();
    await settle();
    fake.windows[0]!.emit('closed');
    fake.electron.app.emit('second-instance');
    expect(fake.windows).toHaveLength(2);
  });

  it('closes the database host cleanly before quitting', async () => {
    const fake = await boot();
    fake.ready();
    await settle();
    const event = { preventDefault: vi.fn() };
    fake.electron.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    const child = fake.children[0]!;
    expect(child.postMessage).toHaveBeenCalledWith({ kind: 'shutdown' });
    child.emit('exit', 0);
    await settle();
    expect(fake.electron.app.quit).toHaveBeenCalled();
  });

  it('looks for updates only in a packaged build, on the channel the replica names', async () => {
    const dev = await boot();
    dev.ready();
    await settle();
    expect(updates.updater.checkForUpdates).not.toHaveBeenCalled();

    const fake = await boot(true, true);
    fake.ready();
    await settle();
    const child = fake.children[0]!;
    child.emit('message', { kind: 'ready' });
    const ask = child.postMessage.mock.calls.map((c: any[]) => c[0]).find((m: any) => m.kind === 'call');
    expect(ask).toMatchObject({ name: 'security.settings' });
    child.emit('message', { kind: 'result', id: ask.id, result: { ok: true, value: { pinLength: 6, idleLogoutMinutes: 10, updateChannel: 'beta' } } });
    await settle();
    expect(updates.updater.channel).toBe('beta');
    expect(updates.updater.allowDowngrade).toBe(false);
    expect(updates.updater.checkForUpdates).toHaveBeenCalled();

    // A downloaded update is told to the database host, which tells the UI.
    updates.updater.emit('update-downloaded', { version: '0.2.0' });
    expect(child.postMessage).toHaveBeenCalledWith({ kind: 'shell', notice: 'state', update: { version: '0.2.0' } });
  });

  it('closing the window asks the UI (through the database host) before it closes', async () => {
    const fake = await boot();
    fake.ready();
    await settle();
    const child = fake.children[0]!;
    child.emit('message', { kind: 'ready' });
    const win = fake.windows[0]!;
    win.close();
    expect(child.postMessage).toHaveBeenCalledWith({ kind: 'shell', notice: 'close-requested' });
    expect(win.close).toHaveBeenCalledTimes(1);
    // The UI agreed (app.close): the host says so and the window closes for real.
    child.emit('message', { kind: 'shell', request: 'close' });
    expect(win.close).toHaveBeenCalledTimes(2);
  });
});
