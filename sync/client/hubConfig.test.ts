import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HubConfigError, resolveHubConfig, SYNC_CONFIG_FILE } from './hubConfig.js';

const TOKEN = 'a'.repeat(43);
let dir = '';
afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));
const dataDir = (config?: string) => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-hubconfig-'));
  if (config !== undefined) fs.writeFileSync(path.join(dir, SYNC_CONFIG_FILE), config);
  return dir;
};

describe('hub config', () => {
  it('is standalone without flags or sync.json', () => {
    expect(resolveHubConfig(dataDir(), {})).toBeNull();
  });

  it('takes flags over the file, and needs both URL and token', () => {
    const d = dataDir(JSON.stringify({ url: 'http://file.example', token: TOKEN }));
    expect(resolveHubConfig(d, { hub: 'http://127.0.0.1:4870', token: TOKEN, store: 'S2' })).toEqual({ url: 'http://127.0.0.1:4870', token: TOKEN, store: 'S2' });
    expect(() => resolveHubConfig(d, { hub: 'http://127.0.0.1:4870' })).toThrow(/--hub-token/);
  });

  it('reads sync.json and says what is wrong with a bad one', () => {
    expect(resolveHubConfig(dataDir(JSON.stringify({ url: 'https://hub.store.example', token: TOKEN, store: 'S1', register: 'R3' })), {})).toMatchObject({ store: 'S1', register: 'R3' });
    expect(() => resolveHubConfig(dataDir('{not json'), {})).toThrow(HubConfigError);
    expect(() => resolveHubConfig(dataDir(JSON.stringify({ url: 'ftp://hub', token: TOKEN })), {})).toThrow(/url/);
    expect(() => resolveHubConfig(dataDir(JSON.stringify({ url: 'http://hub', token: TOKEN, inventoryEverySeconds: 600 })), {})).toThrow(/inventoryEverySeconds/);
    expect(() => resolveHubConfig(dataDir(JSON.stringify({ url: 'http://hub', token: TOKEN, extra: 1 })), {})).toThrow(HubConfigError);
  });
});
