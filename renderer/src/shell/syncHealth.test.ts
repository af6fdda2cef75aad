import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../core/contract/index';
import { syncHealth } from './syncHealth';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

function status(connection: DeviceStatus['connection'], inventoryMinutesAgo: number | null, deviceSaysStale = false): DeviceStatus {
  return {
    deviceId: 'd',
    storeId: 'S1',
    storeName: 'Store',
    registerId: 'R1',
    connection,
    now: new Date(NOW).toISOString(),
    streams: [
      { stream: 'catalog', lastSuccessAt: ago(30), lastError: 'hub said 503', lastErrorAt: ago(1) },
      { stream: 'inventory', lastSuccessAt: inventoryMinutesAgo === null ? null : ago(inventoryMinutesAgo), lastError: null, lastErrorAt: null },
    ],
    inventoryAgeMinutes: inventoryMinutesAgo,
    inventoryStale: deviceSaysStale,
    inventorySourceAgeMinutes: null,
    outbox: { pending: 0, rejected: 0 },
    bootstrap: null,
    demo: false,
  };
}

describe('sync health', () => {
  it('reports the most recent pull of any stream, and each stream inventory first', () => {
    const health = syncHealth(status('online', 2), NOW);
    expect(health.lastSyncAgeMs).toBe(2 * 60_000);
    expect(health.streams.map((s) => [s.label, s.ageMs])).toEqual([
      ['Inventory', 2 * 60_000],
      ['Catalog', 30 * 60_000],
    ]);
  });

  it('flags inventory older than five minutes when a hub is configured', () => {
    expect(syncHealth(status('online', 4), NOW).inventoryStale).toBe(false);
    expect(syncHealth(status('offline', 6), NOW).inventoryStale).toBe(true);
    expect(syncHealth(status('online', null), NOW).inventoryStale).toBe(true);
  });

  it('follows the device when it says inventory is stale', () => {
    expect(syncHealth(status('offline', 1, true), NOW).inventoryStale).toBe(true);
  });

  it('does not flag a standalone device, which has no hub to pull from', () => {
    expect(syncHealth(status('standalone', 600), NOW).inventoryStale).toBe(false);
  });

  it('lists stream errors by name', () => {
    expect(syncHealth(status('online', 1), NOW).errors).toEqual(['Catalog: hub said 503']);
  });
});
