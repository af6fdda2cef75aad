// The demo chain's store systems at work. A retailer's stock feed sends counts every few
// minutes, so each store's newest count is minutes old; a demo hub has no such feed, and the
// counts it loaded were taken when the demo was built. This re-sends a few counts of each store
// (same quantities) as counted at `countedAt`, as a delta stock file would, so a demo hub's
// stock is as fresh as a live store's and registers pull the change like any stock file.
import type { HubStore, Row, RowChange } from './store.js';

/** Counts re-sent per store: enough for the store's newest count to be fresh, few to pull. */
const PER_STORE = 20;

/** Re-sends PER_STORE counts of every store as counted at `countedAt`; returns how many. */
export function recountDemoStock(store: HubStore, countedAt: Date): Promise<number> {
  const at = countedAt.toISOString();
  return store.transact(async (reader) => {
    const changes: RowChange[] = [];
    for (const location of await reader.rowsWhere('locations', 'kind', 'store')) {
      for (const row of (await reader.rowsWhere('inventory', 'location_id', String(location.id))).slice(0, PER_STORE)) {
        const counted: Row = { ...row, updated_at: at };
        changes.push({ stream: 'inventory', table: 'inventory', key: { sku: row.sku!, location_id: row.location_id! }, row: counted, scopeStoreId: null });
      }
    }
    return { changes, result: changes.length };
  });
}
