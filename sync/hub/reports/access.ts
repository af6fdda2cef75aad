// Who may read which report. The staff member is named by the register that asks, and must be
// one of that register's own store (a device speaks for its own store's staff only); a manager
// sees their store, a merchandiser (who tunes the chain's offer rules) every store, an
// associate nothing.
import type { ReportDb } from './dialect.js';

export type ReportAccess = { ok: true; store: string } | { ok: false; message: string };

export async function reportAccess(db: ReportDb, deviceStoreId: string, staffId: string, asked: string | undefined): Promise<ReportAccess> {
  const [found] = await db.all<{ row_json: string | null }>(`SELECT row_json FROM rows WHERE tbl = 'staff' AND key = ${db.dialect.key1('@staffId')}`, { staffId });
  const json = found?.row_json;
  const staff = json ? (JSON.parse(json) as { role?: string; store_id?: string; active?: number }) : null;
  if (!staff || staff.active === 0 || staff.store_id !== deviceStoreId) return { ok: false, message: 'That staff member is not known at this store.' };
  const store = asked ?? deviceStoreId;
  if (staff.role === 'merchandiser') return { ok: true, store };
  if (staff.role === 'manager') {
    return store === deviceStoreId ? { ok: true, store } : { ok: false, message: 'A store manager sees their own store’s report only.' };
  }
  return { ok: false, message: 'Reports are for managers and merchandisers.' };
}
