// What connector tests share: a hub in a temporary folder, its connector state, a key, and a
// clock whose sleeps return at once (and are recorded), so backoff and throttling cost no time.
import crypto from 'node:crypto';
import type { HubStoreCase } from '../../postgres/testStore.js';
import type { HubStore } from '../../store.js';
import { tempStore } from '../../testFixtures.js';
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
  store: HubStore;
  deps: ConnectorDeps;
  clock: TestClock;
  close(): Promise<void>;
}

/** A hub on a fresh store of the case (SQLite, or PostgreSQL: hubStoreCases()), or on SQLite when none is named. */
export async function openTestHub(storeCase?: HubStoreCase, now = '2026-11-25T12:00:00.000Z'): Promise<TestHub> {
  const { store, dispose } = storeCase ? await storeCase.open() : tempStore();
  const clock = new TestClock(Date.parse(now));
  const deps: ConnectorDeps = { store, state: store.connectorState(), box: keyBox(crypto.randomBytes(32)), fetch, clock };
  return { store, deps, clock, close: dispose };
}
