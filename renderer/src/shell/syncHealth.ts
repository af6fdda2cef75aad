// How fresh the replica is, from `device.status`. Pure, so it reads like the rule it is.
import type { DeviceStatus, StreamName } from '../../../core/contract/index';

/**
 * DESIGN §7: inventory older than this is flagged. The device decides (`inventoryStale`); the
 * same limit here only keeps the flag true between two status refreshes as the age grows.
 */
export const INVENTORY_STALE_MS = 5 * 60_000;

export const STREAM_LABELS: Record<StreamName, string> = {
  inventory: 'Inventory',
  catalog: 'Catalog',
  customers: 'Customers',
  orders: 'Orders',
  merch_config: 'Merch config',
};

/** Inventory first: it is the one with a promise (≤ 5 minutes). */
const STREAM_ORDER: StreamName[] = ['inventory', 'catalog', 'customers', 'orders', 'merch_config'];

export interface StreamAge {
  stream: StreamName;
  label: string;
  /** Since the last successful pull; null if never. */
  ageMs: number | null;
  lastSuccessAt: string | null;
  error: string | null;
}

export interface SyncHealth {
  /** Age of the most recent successful pull of any stream; null if never synced. */
  lastSyncAgeMs: number | null;
  inventoryStale: boolean;
  streams: StreamAge[];
  errors: string[];
}

export function syncHealth(status: DeviceStatus, now: number): SyncHealth {
  const streams = [...status.streams]
    .sort((a, b) => STREAM_ORDER.indexOf(a.stream) - STREAM_ORDER.indexOf(b.stream))
    .map(
      (s): StreamAge => ({
        stream: s.stream,
        label: STREAM_LABELS[s.stream],
        ageMs: s.lastSuccessAt ? Math.max(0, now - Date.parse(s.lastSuccessAt)) : null,
        lastSuccessAt: s.lastSuccessAt,
        error: s.lastError,
      }),
    );
  const ages = streams.flatMap((s) => (s.ageMs === null ? [] : [s.ageMs]));
  const inventory = streams.find((s) => s.stream === 'inventory');
  // Standalone devices have no hub to pull from: old data is expected, not a fault.
  const hub = status.connection !== 'standalone';
  return {
    lastSyncAgeMs: ages.length ? Math.min(...ages) : null,
    inventoryStale: hub && (status.inventoryStale || inventory?.ageMs == null || inventory.ageMs > INVENTORY_STALE_MS),
    streams,
    errors: streams.flatMap((s) => (s.error ? [`${s.label}: ${s.error}`] : [])),
  };
}
