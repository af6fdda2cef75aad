import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readUpdateFeed, startUpdater, type UpdaterLike } from './updater.js';

// electron-updater's AppUpdater as far as we use it; the real one needs a packaged app.
function fakeUpdater() {
  const emitter = new EventEmitter();
  const u = Object.assign(emitter, {
    checkForUpdates: vi.fn(async () => null),
    quitAndInstall: vi.fn(),
    setFeedURL: vi.fn(),
    _channel: null as string | null,
    allowDowngrade: false,
    autoDownload: false,
    autoInstallOnAppQuit: false,
    get channel() {
      return this._channel;
    },
    set channel(value: string | null) {
      // As electron-updater does: choosing a channel allows downgrades.
      this._channel = value;
      this.allowDowngrade = true;
    },
  });
  return u as typeof u & UpdaterLike;
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('startUpdater', () => {
  it('uses the generic feed on the chosen channel, downloads on its own, never allows a downgrade', () => {
    const u = fakeUpdater();
    const updater = startUpdater({ updater: u, feedUrl: 'https://updates.store.example/endcap', channel: 'beta', onReady: vi.fn() });
    expect(u.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://updates.store.example/endcap', channel: 'beta' });
    expect(u.channel).toBe('beta');
    expect(u.allowDowngrade).toBe(false);
    expect(u.autoDownload).toBe(true);
    expect(u.checkForUpdates).toHaveBeenCalledTimes(1);
    updater.stop();
  });

  it('keeps the feed of app-update.yml when no store feed is configured; stable is electron-builder’s "latest"', () => {
    const u = fakeUpdater();
    startUpdater({ updater: u, feedUrl: null, channel: 'stable', onReady: vi.fn() }).stop();
    expect(u.setFeedURL).not.toHaveBeenCalled();
    expect(u.channel).toBe('latest');
  });

  it('a manager’s new channel applies at once and looks for an update on it', () => {
    const u = fakeUpdater();
    const updater = startUpdater({ updater: u, feedUrl: 'https://u.example/e', channel: 'stable', onReady: vi.fn() });
    updater.setChannel('beta');
    expect(u.setFeedURL).toHaveBeenLastCalledWith({ provider: 'generic', url: 'https://u.example/e', channel: 'beta' });
    expect(u.allowDowngrade).toBe(false);
    expect(u.checkForUpdates).toHaveBeenCalledTimes(2);
    updater.stop();
  });

  it('reports a downloaded update and installs it only when asked, never before one is ready', () => {
    const u = fakeUpdater();
    const onReady = vi.fn();
    const updater = startUpdater({ updater: u, feedUrl: null, channel: 'stable', onReady });
    updater.restart();
    expect(u.quitAndInstall).not.toHaveBeenCalled();
    u.emit('update-downloaded', { version: '0.2.0' });
    expect(onReady).toHaveBeenCalledWith('0.2.0');
    expect(u.quitAndInstall).not.toHaveBeenCalled(); // ready is not restart: the UI decides when
    updater.restart();
    expect(u.quitAndInstall).toHaveBeenCalledWith(false, true);
    updater.stop();
  });

  it('a failed check or a refused download (bad signature, checksum) is logged, not thrown', async () => {
    const u = fakeUpdater();
    u.checkForUpdates.mockRejectedValueOnce(new Error('offline'));
    const log = vi.fn();
    const updater = startUpdater({ updater: u, feedUrl: null, channel: 'stable', onReady: vi.fn(), log });
    u.emit('error', new Error('New version 0.2.0 is not signed by the application owner'));
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toHaveBeenCalledWith('check failed: offline');
    expect(log).toHaveBeenCalledWith('New version 0.2.0 is not signed by the application owner');
    updater.stop();
  });
});

describe('readUpdateFeed', () => {
  const withFile = (text: string | null) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-feed-'));
    dirs.push(dir);
    if (text !== null) fs.writeFileSync(path.join(dir, 'update.json'), text);
    return dir;
  };

  it('reads an https feed', () => {
    expect(readUpdateFeed(withFile('{"url":"https://updates.store.example/endcap"}'))).toBe('https://updates.store.example/endcap');
  });

  it('no file: the packaged feed', () => {
    expect(readUpdateFeed(withFile(null))).toBeNull();
  });

  it('refuses plain http (the checksums would travel unprotected) and broken files, saying why', () => {
    const log = vi.fn();
    expect(readUpdateFeed(withFile('{"url":"http://updates.store.example/endcap"}'), log)).toBeNull();
    expect(log).toHaveBeenLastCalledWith('update.json ignored: the update feed must be an https:// address');
    expect(readUpdateFeed(withFile('{"url":'), log)).toBeNull();
    expect(log).toHaveBeenLastCalledWith('update.json ignored: not JSON');
  });
});

describe('electron-builder.yml', () => {
  it('publishes to a generic feed and verifies Windows updates against a named publisher', () => {
    const yml = fs.readFileSync(path.join(__dirname, '..', 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/publish:\n\s+- provider: generic\n\s+url: https:\/\//);
    expect(yml).toMatch(/verifyUpdateCodeSignature: true/);
    expect(yml).toMatch(/publisherName:\n\s+- \S+/);
  });
});
