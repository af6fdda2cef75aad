// What connector tests share: a hub in a temporary folder, its connector state, a key, and a
// clock whose sleeps return at once (and are recorded), so backoff and throttling cost no time.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteHubStore } from '../../sqliteStore.js';
import type { Clock } from './http.js';
import type { ConnectorDeps } from './registry.js';
import { keyBox } from './secrets.js';

export class TestClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.ms += ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface TestHub {
  dir: string;
  store: SqliteHubStore;
  deps: ConnectorDeps;
  clock: TestClock;
  close(): Promise<void>;
}

export function openTestHub(now = '2026-11-25T12:00:00.000Z'): TestHub {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-connectors-'));
  const store = new SqliteHubStore(path.join(dir, 'hub.db'));
  const clock = new TestClock(Date.parse(now));
  const deps: ConnectorDeps = { store, state: store.connectorState(), box: keyBox(crypto.randomBytes(32)), fetch, clock };
  return { dir, store, deps, clock, close: async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  } };
}
