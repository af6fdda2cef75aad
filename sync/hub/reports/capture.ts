// Email capture of every register in scope, read from the capture roll-ups: the same counts the
// register's own dashboard shows for its replica, so the device renders both with one screen.
import type Database from 'better-sqlite3';
import { CAPTURE_COUNTS_SQL, type CaptureCounts, type HubCapture } from '../../protocol/index.js';


export interface CaptureScope {
  /** A store id, or '*' for the chain. */
  store: string;
  from: string;
  to: string;
}

export function captureSection(db: Database.Database, q: CaptureScope): HubCapture {
  const chain = q.store === '*';
  const where = `day BETWEEN @from AND @to ${chain ? '' : 'AND store_id = @store'}`;
  const p = { from: q.from, to: q.to, store: q.store };
  const all = <T>(sql: string) => db.prepare(sql).all(p) as T[];
  const names = (table: string, column: string) =>
    new Map(
      db
        .prepare(`SELECT json_extract(key, '$[0]') AS id, json_extract(row_json, '$.${column}') AS name FROM rows WHERE tbl = '${table}' AND row_json IS NOT NULL`)
        .all()
        .map((r) => [(r as { id: string }).id, (r as { name: string | null }).name ?? (r as { id: string }).id]),
    );
  const storeName = names('locations', 'name');
  const staffName = names('staff', 'display_name');
  const storeIds = chain
    ? (db.prepare(`SELECT json_extract(key, '$[0]') FROM rows WHERE tbl = 'locations' AND json_extract(row_json, '$.kind') = 'store' ORDER BY 1`).pluck().all() as string[])
    : [q.store];

  const declines: Record<string, number> = {};
  for (const r of all<{ reason: string; n: number }>(`SELECT decline_reason AS reason, sum(n) AS n FROM rpt_checkout_daily WHERE outcome = 'declined' AND ${where} GROUP BY decline_reason`)) {
    declines[r.reason || 'none'] = r.n;
  }
  return {
    stores: storeIds.map((id) => ({ id, name: storeName.get(id) ?? id })),
    totals: all<CaptureCounts>(`SELECT ${CAPTURE_COUNTS_SQL} FROM rpt_capture_daily WHERE ${where}`)[0]!,
    declineReasons: declines,
    byDay: all<CaptureCounts & { day: string }>(`SELECT day, ${CAPTURE_COUNTS_SQL} FROM rpt_capture_daily WHERE ${where} GROUP BY day ORDER BY day`),
    byHour: all<HubCapture['byHour'][number]>(
      `SELECT weekday, hour, sum(eligible) AS eligible, sum(captured) AS captured FROM rpt_capture_hourly WHERE ${where} GROUP BY weekday, hour ORDER BY weekday, hour`,
    ),
    byStore: all<CaptureCounts & { storeId: string }>(`SELECT store_id AS storeId, ${CAPTURE_COUNTS_SQL} FROM rpt_capture_daily WHERE ${where} GROUP BY store_id ORDER BY store_id`).map(
      (s) => ({ ...s, storeName: storeName.get(s.storeId) ?? s.storeId }),
    ),
    byRegister: all<CaptureCounts & { storeId: string; registerId: string }>(
      `SELECT store_id AS storeId, register_id AS registerId, ${CAPTURE_COUNTS_SQL} FROM rpt_capture_daily WHERE ${where} GROUP BY store_id, register_id ORDER BY store_id, register_id`,
    ),
    byAssociate: all<CaptureCounts & { associateId: string; storeId: string }>(
      `SELECT associate_id AS associateId, min(store_id) AS storeId, ${CAPTURE_COUNTS_SQL} FROM rpt_capture_daily WHERE ${where} GROUP BY associate_id ORDER BY associate_id`,
    ).map((a) => ({ ...a, name: staffName.get(a.associateId) ?? a.associateId })),
  };
}
