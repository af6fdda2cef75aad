// How fresh the replica is, from `device.status`. Pure, so it reads like the rule it is.
import type { DeviceStatus } from '../../../core/api/contract';

/** DESIGN §7: inventory older than this is flagged, because shelf answers go stale. */
export const INVENTORY_STALE_MS = 5 * 60_000;

export interface SyncHealth {
  /** Age of the most recent successful pull of any stream; null if never synced. */
  lastSyncAgeMs: number | null;
  inventoryStale: boolean;
  errors: string[];
}

export function syncHealth(status: DeviceStatus, now: number): SyncHealth {
  const times = status.streams.flatMap((s) => (s.lastSuccessAt ? [Date.parse(s.lastSuccessAt)] : []));
  const last = times.length ? Math.max(...times) : null;
  const inventory = status.streams.find((s) => s.stream === 'inventory');
  const inventoryAt = inventory?.lastSuccessAt ? Date.parse(inventory.lastSuccessAt) : null;
  return {
    lastSyncAgeMs: last === null ? null : Math.max(0, now - last),
    // Standalone devices have no hub to pull from: old data is expected, not a fault.
    inventoryStale: status.connection !== 'standalone' && (inventoryAt === null || now - inventoryAt > INVENTORY_STALE_MS),
    errors: status.streams.flatMap((s) => (s.lastError ? [`${s.stream}: ${s.lastError}`] : [])),
  };
}
