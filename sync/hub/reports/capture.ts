// Email capture of every register in scope, read from the capture roll-ups: the same counts the
// register's own dashboard shows for its replica, so the device renders both with one screen.
import type { ReportDb } from './dialect.js';
import { CAPTURE_COUNTS_SQL, type CaptureCounts, type HubCapture } from '../../protocol/index.js';


export interface CaptureScope {
  /** A store id, or '*' for the chain. */
  store: string;
  from: string;
  to: string;
}

export async function captureSection(db: ReportDb, q: CaptureScope): Promise<HubCapture> {
  const d = db.dialect;
  const chain = q.store === '*';
  const where = `day BETWEEN @from AND @to ${chain ? '' : 'AND store_id = @store'}`;
  const p = { from: q.from, to: q.to, store: q.store };
  const all = <T>(sql: string) => db.all<T>(sql, p);
  const id = d.get(d.doc('key'), [0], 'text');
  const names = async (table: string, column: string) =>
    new Map(
      (await db.all<{ id: string; name: string | null }>(`SELECT ${id} AS id, ${d.get(d.doc('row_json'), [column], 'text')} AS name FROM rows WHERE tbl = '${table}' AND row_json IS NOT NULL`))
        .map((r) => [r.id, r.name ?? r.id]),
    );
  const storeName = await names('locations', 'name');
  const staffName = await names('staff', 'display_name');
  const storeIds = chain
    ? (await db.all<{ id: string }>(`SELECT ${id} AS id FROM rows WHERE tbl = 'locations' AND ${d.get(d.doc('row_json'), ['kind'], 'text')} = 'store' ORDER BY 1`)).map((r) => r.id)
    : [q.store];

  const declines: Record<string, number> = {};
  for (const r of await all<{ reason: string; n: number }>(`SELECT decline_reason AS reason, sum(n) AS n FROM rpt_checkout_daily WHERE outcome = 'declined' AND ${where} GROUP BY decline_reason`)) {
    declines[r.reason || 'none'] = r.n;
  }
  return {
    stores: storeIds.map((id) => ({ id, name: storeName.get(id) ?? id })),
    totals: (await all<CaptureCounts>(`SELECT ${CAPTURE_COUNTS_SQL} FROM rpt_capture_daily WHERE ${where}`))[0]!,
    declineReasons: declines,
    byDay: await all<CaptureCounts & { day: string }>(`SELECT day, ${CAPTURE_COUNTS_SQL} FROM rpt_capture_daily WHERE ${where} GROUP BY day ORDER BY day`),
    byHour: await all<HubCapture['byHour'][number]>(
      `SELECT weekday, hour, sum(eligible) AS eligible, sum(captured) AS captured FROM rpt_capture_hourly WHERE ${where} GROUP BY weekday, hour ORDER BY weekday, hour`,
    ),
    byStore: (await all<CaptureCounts & { storeId: string }>(`SELECT store_id AS storeId, ${CAPTURE_COUNTS_SQL} FROM rpt_capture_daily WHERE ${where} GROUP BY store_id ORDER BY store_id`)).map(
      (s) => ({ ...s, storeName: storeName.get(s.storeId) ?? s.storeId }),
    ),
    byRegister: await all<CaptureCounts & { storeId: string; registerId: string }>(
      `SELECT store_id AS storeId, register_id AS registerId, ${CAPTURE_COUNTS_SQL} FROM rpt_capture_daily WHERE ${where} GROUP BY store_id, register_id ORDER BY store_id, register_id`,
    ),
    byAssociate: (await all<CaptureCounts & { associateId: string; storeId: string }>(
      `SELECT associate_id AS associateId, min(store_id) AS storeId, ${CAPTURE_COUNTS_SQL} FROM rpt_capture_daily WHERE ${where} GROUP BY associate_id ORDER BY associate_id`,
    )).map((a) => ({ ...a, name: staffName.get(a.associateId) ?? a.associateId })),
  };
}
