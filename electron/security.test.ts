import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// A stand-in for Electron: records what our code asks of it.
const fake = vi.hoisted(() => {
  const created: Array<{ options: Record<string, any>; loadURL: ReturnType<typeof vi.fn> }> = [];
  class BrowserWindow {
    webContents: any;
    loadURL = vi.fn(async () => undefined);
    show = vi.fn();
    private handlers = new Map<string, () => void>();
    constructor(public options: Record<string, any>) {
      this.webContents = { id: created.length + 1, isDestroyed: () => false };
      created.push(this as any);
    }
    once(event: string, fn: () => void) {
      this.handlers.set(event, fn);
      return this;
    }
    emit(event: string) {
      this.handlers.get(event)?.();
    }
  }
  return { created, BrowserWindow, shell: { openExternal: vi.fn(async () => undefined) } };
});
vi.mock('electron', () => ({ BrowserWindow: fake.BrowserWindow, shell: fake.shell, protocol: {} }));

import { APP_ENTRY_URL } from './appProtocol.js';
import { hardenApp, hardenSession, hardenWebContents, isAllowedExternalUrl, secureWebPreferences } from './security.js';
import { createMainWindow, WindowRegistry } from './windows.js';

/** Enough of a webContents to drive the hardening handlers. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(fn: (details: { url: string }) => { action: string }) {
    this.openHandler = fn;
  }
  /** Emits like Electron: the event object carries the url and can be prevented. */
  attempt(eventName: string, url: string): boolean {
    let prevented = false;
    this.emit(eventName, { url, preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

beforeEach(() => {
  fake.created.length = 0;
  fake.shell.openExternal.mockClear();
});

describe('main window', () => {
  it('is created with the locked-down webPreferences and our preload', () => {
    createMainWindow({ preloadPath: '/app/dist/node/electron/preload.js', registry: new WindowRegistry() });
    expect(fake.created).toHaveLength(1);
    const prefs = fake.created[0]!.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: '/app/dist/node/electron/preload.js',
    });
  });

  it('loads our app:// entry, is usable at 1024×700, and shows once ready', () => {
    const win = createMainWindow({ preloadPath: '/p.js', registry: new WindowRegistry() }) as any;
    expect(win.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
    expect(win.options).toMatchObject({ minWidth: 1024, minHeight: 700, show: false });
    expect(win.options.width).toBeGreaterThanOrEqual(1024);
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
  });

  it('is trusted by the registry until it is closed', () => {
    const registry = new WindowRegistry();
    const win = createMainWindow({ preloadPath: '/p.js', registry }) as any;
    expect(registry.has(win.webContents)).toBe(true);
    expect(registry.has({ id: 999, isDestroyed: () => false } as any)).toBe(false);
    win.emit('closed');
    expect(registry.has(win.webContents)).toBe(false);
  });
});

describe('webContents hardening', () => {
  it('prevents navigation and redirects away from app://endcap', () => {
    const wc = new FakeContents();
    hardenWebContents(wc as any);
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(wc.attempt(name, 'https://evil.example/phish'), name).toBe(true);
      expect(wc.attempt(name, 'file:///etc/passwd'), name).toBe(true);
      expect(wc.attempt(name, 'app://other/index.html'), name).toBe(true);
      expect(wc.attempt(name, 'app://endcap/index.html'), name).toBe(false);
    }
  });

  it('denies window.open, and opens nothing externally with an empty allowlist', () => {
    const wc = new FakeContents();
    hardenWebContents(wc as any);
    expect(wc.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(wc.openHandler!({ url: 'app://endcap/index.html' })).toEqual({ action: 'deny' });
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });

  it('opens only allowlisted https: origins externally, and still denies the popup', () => {
    const wc = new FakeContents();
    hardenWebContents(wc as any, ['https://help.endcap.example']);
    expect(wc.openHandler!({ url: 'https://help.endcap.example/capture' })).toEqual({ action: 'deny' });
    expect(fake.shell.openExternal).toHaveBeenCalledWith('https://help.endcap.example/capture');
    wc.openHandler!({ url: 'http://help.endcap.example/capture' });
    wc.openHandler!({ url: 'https://help.endcap.example.evil.com/' });
    expect(fake.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('blocks <webview> attachment', () => {
    const wc = new FakeContents();
    hardenWebContents(wc as any);
    expect(wc.attempt('will-attach-webview', 'app://endcap/index.html')).toBe(true);
  });

  it('is applied to every webContents the app creates', () => {
    const app = new EventEmitter();
    hardenApp(app as any);
    const wc = new FakeContents();
    app.emit('web-contents-created', {}, wc);
    expect(wc.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(wc.openHandler).not.toBeNull();
  });
});

describe('external URL allowlist', () => {
  it('accepts only parsed https: URLs on the list', () => {
    const list = ['https://help.endcap.example'];
    expect(isAllowedExternalUrl('https://help.endcap.example/a?b=c', list)).toBe(true);
    expect(isAllowedExternalUrl('https://user:pw@help.endcap.example/', list)).toBe(false);
    expect(isAllowedExternalUrl('http://help.endcap.example/', list)).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)', list)).toBe(false);
    expect(isAllowedExternalUrl('https://example.com/', list)).toBe(false);
    expect(isAllowedExternalUrl('https://help.endcap.example/')).toBe(false); // default list is empty
    expect(isAllowedExternalUrl('::nonsense', list)).toBe(false);
  });
});

describe('session permissions', () => {
  it('deny every request, check and device permission', () => {
    const ses = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    hardenSession(ses as any);

    const request = ses.setPermissionRequestHandler.mock.calls[0]![0];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request({}, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
    const check = ses.setPermissionCheckHandler.mock.calls[0]![0];
    expect(check({}, 'media', 'app://endcap', {})).toBe(false);
    const device = ses.setDevicePermissionHandler.mock.calls[0]![0];
    expect(device({ deviceType: 'hid', origin: 'app://endcap' })).toBe(false);
  });
});

describe('developer tools', () => {
  it('are off unless explicitly allowed (main allows them only when not packaged)', () => {
    expect(secureWebPreferences('/p.js').devTools).toBe(false);
    expect(secureWebPreferences('/p.js', { devTools: true }).devTools).toBe(true);
    expect(secureWebPreferences('/p.js')).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  });
});
