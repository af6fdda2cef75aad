import { describe, expect, it, vi } from 'vitest';
import { openSearchStore } from '../../testing/searchStore.js';
import { SMALL_NOW, SMALL_PINS } from '../../testing/smallStore.js';
import type { HubConnection, SyncPort } from '../../contract/ports.js';
import { createApp } from '../registry.js';

function syncAt(connection: HubConnection): SyncPort {
  return {
    connection: () => connection,
    identity: () => null,
    bootstrapProgress: () => null,
    nudge: vi.fn(),
    syncNow: vi.fn(),
    noteActivity: vi.fn(),
    setForeground: vi.fn(),
    onChange: () => () => {},
  };
}

function mine(sync?: SyncPort) {
  const app = createApp({ db: openSearchStore(), now: () => SMALL_NOW, ...(sync ? { sync } : {}) });
  expect(app.dispatch('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate }).ok).toBe(true);
  const r = app.call('orders.mine', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value.connection;
}

describe('orders.mine connection', () => {
  it('is standalone without a hub, and follows the sync client with one', () => {
    expect(mine()).toBe('standalone');
    expect(mine(syncAt('online'))).toBe('online');
    expect(mine(syncAt('offline'))).toBe('offline');
    // Filling the replica means the hub answers: orders can be sent.
    expect(mine(syncAt('bootstrapping'))).toBe('online');
  });
});
