// Folds what arrived since the last fold into the report tables, all in SQL and in one
// transaction: starter impressions and feedback and checkout outcomes from `events`, sales
// from the `orders` stream's rows (whoever wrote them: the demo seed, a connector, or sale
// events). Attribution and visit outcomes are recomputed for every decision whose window
// holds something new, so a sale that reaches the hub before or after the starters it follows counts the same.
import type { ReportDb, ReportDialect } from './dialect.js';
import type { StoreCalendar } from './storeCalendar.js';

// The fixed join (CROSS JOIN in SQLite) keeps the join order (and in SQLite a unary + drops a text affinity that hides an expression index) where the planner, not knowing the temp tables are small, would scan a fact table.
// count(*) FILTER: 0 rather than NULL when nothing matches
const STARTER_COUNTS = /* sql */ `count(*), count(*) FILTER (WHERE feedback = 'used'), count(*) FILTER (WHERE feedback = 'not_relevant'),
  count(*) FILTER (WHERE reason = 'not_interested'), count(*) FILTER (WHERE reason = 'already_owns'), count(*) FILTER (WHERE reason = 'wrong_fit'),
  count(*) FILTER (WHERE reason = 'price'), count(*) FILTER (WHERE reason = 'other'), count(*) FILTER (WHERE feedback = 'not_relevant' AND reason IS NULL),
  sum(attributed_product), sum(attributed_category)`;
const IN_TOUCHED = `day IN (SELECT day FROM touched_days)`;

/** The fold's scratch tables: SQLite keeps them on its connection (schema.ts); PostgreSQL makes them per fold, dropped at its commit. */
const PG_SCRATCH = [
  `CREATE TEMP TABLE touched_days (day text PRIMARY KEY) ON COMMIT DROP`,
  `CREATE TEMP TABLE touched_months (month text PRIMARY KEY) ON COMMIT DROP`,
  `CREATE TEMP TABLE new_feedback (decision_id text NOT NULL, position integer NOT NULL, store_id text NOT NULL, feedback text, reason text, PRIMARY KEY (decision_id, position)) ON COMMIT DROP`,
  `CREATE TEMP TABLE touched_decisions (decision_id text PRIMARY KEY) ON COMMIT DROP`,
  `CREATE TEMP TABLE changed_sales (customer_id text NOT NULL, placed_at text NOT NULL) ON COMMIT DROP`,
  `CREATE TEMP TABLE changed_orders (id text PRIMARY KEY) ON COMMIT DROP`,
];

function steps(d: ReportDialect, days: number): string[] {
  const ins = (rest: string) => `${d.insertIgnore} ${rest} ${d.ignoreEnd}`;
  const ev = d.events('e');
  const p = d.payload('e');
  const row = (t: string) => d.doc(`${t}.row_json`);
  const saleAfter = (t: string) => `s.customer_id = ${t}.customer_id AND s.placed_at >= ${t}.shown_at AND s.placed_at < ${d.isoPlusDays(`${t}.shown_at`, days)}`;
  // A purpose the customer agreed to at this checkout (the payload lists them).
  const optedIn = (purpose: string) => d.flag(`EXISTS (SELECT 1 FROM ${d.each(p, ['optIns'], 'o')} WHERE ${d.get('o.value', [], 'text')} = '${purpose}')`);
  const categoryOf = (sku: string) => `(SELECT ${d.get(row('p'), ['category_id'], 'text')} FROM rows p WHERE p.tbl = 'products' AND p.key = ${d.key1(sku)})`;
  const newEvents = (kind: string) => `e.${d.eventSeq} > @events AND e.kind = '${kind}'`;
  const newFeedback = d.name === 'sqlite'
    ? `INSERT OR REPLACE INTO new_feedback (decision_id, position, store_id, feedback, reason)
       SELECT json_extract(payload, '$.decisionId'), json_extract(payload, '$.position'), store_id, json_extract(payload, '$.feedback'), json_extract(payload, '$.reason')
       FROM events e WHERE ${newEvents('starter.feedback')} ORDER BY rowid`
    : // the latest feedback of each slot (SQLite's OR REPLACE in write order)
      `INSERT INTO new_feedback (decision_id, position, store_id, feedback, reason)
       SELECT DISTINCT ON (1, 2) ${d.get(p, ['decisionId'], 'text')}, ${d.get(p, ['position'], 'int')}, e.store_id, ${d.get(p, ['feedback'], 'text')}, ${d.get(p, ['reason'], 'text')}
       FROM ${ev} WHERE ${newEvents('starter.feedback')} ORDER BY 1, 2, e.seq DESC`;
  return [
    // starter impressions, one row per shown slot
    ins(`rpt_impressions (decision_id, position, store_id, staff_id, customer_id, kind, category_id, arm, exploration, propensity, skus, shown_at, day)
     SELECT ${d.get(p, ['decisionId'], 'text')}, ${d.get('s.value', ['position'], 'int')}, e.store_id, ${d.get(p, ['staffId'], 'text')},
            ${d.get(p, ['customerId'], 'text')}, ${d.get('s.value', ['kind'], 'text')},
            ${categoryOf(d.get('s.value', ['skus', 0], 'text'))},
            ${d.get(p, ['arm'], 'text')}, ${d.get('s.value', ['exploration'], 'flag')}, ${d.get('s.value', ['propensity'], 'real')},
            coalesce(${d.get('s.value', ['skus'], 'json')}, '[]'), ${d.get(p, ['at'], 'text')}, ${d.localDay('e.store_id', d.get(p, ['at'], 'text'))}
     FROM ${ev}, ${d.each(p, ['starters'], 's')} WHERE ${newEvents('starter.shown')}`),
    // a visit = a decision for a known customer, with or without starters (the holdout's count too)
    ins(`rpt_visits (decision_id, customer_id, store_id, arm, shown_at, day, categories)
     SELECT ${d.get(p, ['decisionId'], 'text')}, ${d.get(p, ['customerId'], 'text')}, e.store_id, ${d.get(p, ['arm'], 'text')},
            ${d.get(p, ['at'], 'text')}, ${d.localDay('e.store_id', d.get(p, ['at'], 'text'))},
            (SELECT ${d.distinctArray('i.category_id')} FROM rpt_impressions i WHERE i.decision_id = ${d.get(p, ['decisionId'], 'text')} AND i.category_id IS NOT NULL)
     FROM ${ev} WHERE ${newEvents('starter.shown')} AND ${d.get(p, ['customerId'], 'text')} IS NOT NULL`),
    ins(`touched_days SELECT DISTINCT ${d.localDay('e.store_id', d.get(p, ['at'], 'text'))} FROM ${ev} WHERE ${newEvents('starter.shown')}`),
    ins(`touched_decisions SELECT ${d.get(p, ['decisionId'], 'text')} FROM ${ev}
     WHERE ${newEvents('starter.shown')} AND ${d.get(p, ['customerId'], 'text')} IS NOT NULL`),
    // feedback, only from the store that showed the starter (through a keyed temp table: each is one seek)
    newFeedback,
    `UPDATE rpt_impressions SET
       feedback = (SELECT f.feedback FROM new_feedback f WHERE f.decision_id = rpt_impressions.decision_id AND f.position = rpt_impressions.position),
       reason = (SELECT f.reason FROM new_feedback f WHERE f.decision_id = rpt_impressions.decision_id AND f.position = rpt_impressions.position)
     WHERE (decision_id, position) IN (SELECT f.decision_id, f.position FROM new_feedback f)
       AND store_id = (SELECT f.store_id FROM new_feedback f WHERE f.decision_id = rpt_impressions.decision_id AND f.position = rpt_impressions.position)`,
    ins(`touched_days SELECT DISTINCT i.day FROM new_feedback f ${d.fixedJoin} rpt_impressions i ON i.decision_id = f.decision_id AND i.position = f.position`),
    `DELETE FROM new_feedback`,
    // checkout outcomes, counted for the store of the register that sent them
    ins(`rpt_checkouts (id, store_id, register_id, associate_id, outcome, decline_reason, day, hour, weekday,
       typo_suggested, typo_accepted, receipts_opt_in, marketing_opt_in, personalization_opt_in)
     SELECT ${d.get(p, ['outcomeId'], 'text')}, e.store_id, coalesce(${d.get(p, ['registerId'], 'text')}, ''), ${d.get(p, ['associateId'], 'text')},
            ${d.get(p, ['outcome'], 'text')}, ${d.get(p, ['declineReason'], 'text')}, ${d.localDay('e.store_id', d.get(p, ['occurredAt'], 'text'))},
            ${d.localHour('e.store_id', d.get(p, ['occurredAt'], 'text'))}, ${d.localWeekday('e.store_id', d.get(p, ['occurredAt'], 'text'))},
            ${d.get(p, ['typoSuggested'], 'flag')}, ${d.get(p, ['typoAccepted'], 'flag')},
            ${optedIn('receipts')}, ${optedIn('marketing')}, ${optedIn('personalization')}
     FROM ${ev} WHERE ${newEvents('checkout.outcome')}`),
    ins(`touched_days SELECT DISTINCT ${d.localDay('e.store_id', d.get(p, ['occurredAt'], 'text'))} FROM ${ev} WHERE ${newEvents('checkout.outcome')}`),
    // sales: every order whose row or lines changed is read again
    ...(d.name === 'sqlite' ? [`CREATE TEMP TABLE IF NOT EXISTS changed_orders (id TEXT PRIMARY KEY) WITHOUT ROWID`] : []),
    ins(`changed_orders SELECT ${d.get(d.doc('row_json'), ['id'], 'text')} FROM rows WHERE stream = 'orders' AND version > @rows AND tbl = 'orders' AND row_json IS NOT NULL`),
    ins(`changed_orders SELECT ${d.get(d.doc('key'), [0], 'text')} FROM rows WHERE stream = 'orders' AND version > @rows AND tbl = 'orders' AND row_json IS NULL`),
    ins(`changed_orders SELECT ${d.get(d.doc('key'), [0], 'text')} FROM rows WHERE stream = 'orders' AND version > @rows AND tbl = 'order_lines'`),
    ins(`touched_days SELECT DISTINCT day FROM rpt_sales WHERE order_id IN (SELECT id FROM changed_orders)`),
    `INSERT INTO changed_sales SELECT customer_id, placed_at FROM rpt_sales WHERE order_id IN (SELECT id FROM changed_orders) AND customer_id IS NOT NULL`,
    `DELETE FROM rpt_sales WHERE order_id IN (SELECT id FROM changed_orders)`,
    ins(`rpt_sales (order_id, line_no, customer_id, store_id, sku, category_id, placed_at, day, cents)
     SELECT c.id, ${d.get(row('l'), ['line_no'], 'int')}, ${d.get(row('o'), ['customer_id'], 'text')}, ${d.get(row('o'), ['location_id'], 'text')},
            ${d.get(row('l'), ['sku'], 'text')},
            ${categoryOf(d.get(row('l'), ['sku'], 'text'))},
            ${d.get(row('o'), ['placed_at'], 'text')}, ${d.localDay(d.get(row('o'), ['location_id'], 'text'), d.get(row('o'), ['placed_at'], 'text'))},
            ${d.get(row('l'), ['quantity'], 'int')} * ${d.get(row('l'), ['unit_price_cents'], 'int')} - coalesce(${d.get(row('l'), ['discount_cents'], 'int')}, 0)
     FROM changed_orders c
     ${d.fixedJoin} rows o ON o.tbl = 'orders' AND o.key = ${d.key1('c.id')} AND o.row_json IS NOT NULL AND coalesce(${d.get(row('o'), ['status'], 'text')}, '') <> 'cancelled'
     ${d.fixedJoin} rows l ${d.indexedBy('rows_by_order')} ON l.tbl = 'order_lines' AND ${d.name === 'sqlite' ? `json_extract(l.row_json, '$.order_id') = +c.id` : `(l.row_json::jsonb -> 'order_id') = to_jsonb(c.id)`} AND l.row_json IS NOT NULL`),
    ins(`touched_days SELECT DISTINCT day FROM rpt_sales WHERE order_id IN (SELECT id FROM changed_orders)`),
    `INSERT INTO changed_sales SELECT customer_id, placed_at FROM rpt_sales WHERE order_id IN (SELECT id FROM changed_orders) AND customer_id IS NOT NULL`,
    `DELETE FROM changed_orders`,
    // decisions whose attribution window holds a sale that came or went
    ins(`touched_decisions SELECT DISTINCT v.decision_id FROM changed_sales s ${d.fixedJoin} rpt_visits v
       ON v.customer_id = s.customer_id AND v.shown_at <= s.placed_at AND v.shown_at > ${d.isoPlusDays('s.placed_at', -days)}`),
    `DELETE FROM changed_sales`,
    // attribution and visit outcomes of those decisions
    `UPDATE rpt_impressions SET
       attributed_product = ${d.flag(`EXISTS (SELECT 1 FROM rpt_sales s WHERE ${saleAfter('rpt_impressions')} AND s.sku IN (SELECT k.value FROM ${d.eachText('rpt_impressions.skus', 'k')}))`)},
       attributed_category = ${d.flag(`EXISTS (SELECT 1 FROM rpt_sales s WHERE ${saleAfter('rpt_impressions')} AND s.category_id = rpt_impressions.category_id)`)}
     WHERE decision_id IN (SELECT decision_id FROM touched_decisions)`,
    ins(`touched_days SELECT DISTINCT day FROM rpt_impressions WHERE decision_id IN (SELECT decision_id FROM touched_decisions)`),
    `UPDATE rpt_visits SET
       purchased = ${d.flag(`EXISTS (SELECT 1 FROM rpt_sales s WHERE ${saleAfter('rpt_visits')})`)},
       revenue_cents = coalesce((SELECT sum(s.cents) FROM rpt_sales s WHERE ${saleAfter('rpt_visits')}), 0),
       category_purchased = ${d.flag(`EXISTS (SELECT 1 FROM rpt_sales s WHERE ${saleAfter('rpt_visits')} AND s.category_id IN (SELECT k.value FROM ${d.eachText('rpt_visits.categories', 'k')}))`)}
     WHERE decision_id IN (SELECT decision_id FROM touched_decisions)`,
    // the daily roll-ups of every day touched, recomputed from their facts
    `DELETE FROM rpt_starter_daily WHERE ${IN_TOUCHED}`,
    `INSERT INTO rpt_starter_daily SELECT day, store_id, 'all', '', ${STARTER_COUNTS} FROM rpt_impressions WHERE ${IN_TOUCHED} GROUP BY day, store_id`,
    `INSERT INTO rpt_starter_daily SELECT day, store_id, 'kind', kind, ${STARTER_COUNTS} FROM rpt_impressions WHERE ${IN_TOUCHED} GROUP BY day, store_id, kind`,
    `INSERT INTO rpt_starter_daily SELECT day, store_id, 'category', coalesce(category_id, ''), ${STARTER_COUNTS} FROM rpt_impressions WHERE ${IN_TOUCHED} GROUP BY day, store_id, coalesce(category_id, '')`,
    `INSERT INTO rpt_starter_daily SELECT day, store_id, 'staff', coalesce(staff_id, ''), ${STARTER_COUNTS} FROM rpt_impressions WHERE ${IN_TOUCHED} GROUP BY day, store_id, coalesce(staff_id, '')`,
    `DELETE FROM rpt_slot_daily WHERE ${IN_TOUCHED}`,
    `INSERT INTO rpt_slot_daily SELECT day, store_id, kind, exploration, propensity, count(*), count(*) FILTER (WHERE feedback = 'used') FROM rpt_impressions WHERE ${IN_TOUCHED} GROUP BY day, store_id, kind, exploration, propensity`,
    `DELETE FROM rpt_checkout_daily WHERE ${IN_TOUCHED}`,
    `INSERT INTO rpt_checkout_daily SELECT day, store_id, associate_id, outcome, coalesce(decline_reason, ''), count(*) FROM rpt_checkouts WHERE ${IN_TOUCHED} GROUP BY day, store_id, associate_id, outcome, coalesce(decline_reason, '')`,
    `DELETE FROM rpt_capture_daily WHERE ${IN_TOUCHED}`,
    `INSERT INTO rpt_capture_daily SELECT day, store_id, register_id, associate_id, count(*), count(*) FILTER (WHERE outcome = 'captured_new'),
       count(*) FILTER (WHERE outcome = 'captured_updated'), count(*) FILTER (WHERE outcome = 'already_on_file'), count(*) FILTER (WHERE outcome = 'declined'),
       count(*) FILTER (WHERE outcome = 'invalid'), sum(typo_suggested), sum(typo_accepted), sum(receipts_opt_in), sum(marketing_opt_in), sum(personalization_opt_in)
     FROM rpt_checkouts WHERE ${IN_TOUCHED} GROUP BY day, store_id, register_id, associate_id`,
    `DELETE FROM rpt_capture_hourly WHERE ${IN_TOUCHED}`,
    `INSERT INTO rpt_capture_hourly SELECT day, store_id, weekday, hour, count(*) FILTER (WHERE outcome <> 'already_on_file'),
       count(*) FILTER (WHERE outcome IN ('captured_new', 'captured_updated')) FROM rpt_checkouts WHERE ${IN_TOUCHED} GROUP BY day, store_id, weekday, hour`,
    `DELETE FROM rpt_sales_daily WHERE ${IN_TOUCHED}`,
    `INSERT INTO rpt_sales_daily SELECT day, coalesce(store_id, ''), count(DISTINCT order_id), sum(cents) FROM rpt_sales WHERE ${IN_TOUCHED} GROUP BY day, coalesce(store_id, '')`,
    // the monthly sums of every month touched, from its days
    ins(`touched_months SELECT DISTINCT substr(day, 1, 7) FROM touched_days`),
    `DELETE FROM rpt_starter_monthly WHERE month IN (SELECT month FROM touched_months)`,
    `INSERT INTO rpt_starter_monthly SELECT m.month, d.store_id, d.dim, d.value, sum(shown), sum(used), sum(not_relevant), sum(r_not_interested), sum(r_already_owns),
       sum(r_wrong_fit), sum(r_price), sum(r_other), sum(r_none), sum(attributed_product), sum(attributed_category)
     FROM touched_months m ${d.fixedJoin} rpt_starter_daily d ${d.indexedBy('rpt_starter_daily_day')} ON d.day BETWEEN m.month || '-01' AND m.month || '-31'
     GROUP BY m.month, d.store_id, d.dim, d.value`,
    `DELETE FROM rpt_slot_monthly WHERE month IN (SELECT month FROM touched_months)`,
    `INSERT INTO rpt_slot_monthly SELECT m.month, d.store_id, d.kind, d.exploration, d.propensity, sum(shown), sum(used)
     FROM touched_months m ${d.fixedJoin} rpt_slot_daily d ON d.day BETWEEN m.month || '-01' AND m.month || '-31'
     GROUP BY m.month, d.store_id, d.kind, d.exploration, d.propensity`,
    `DELETE FROM touched_months`,
    `DELETE FROM touched_days`,
    `DELETE FROM touched_decisions`,
  ];
}

/** Brings the report tables up to date with every event and sale the hub holds. */
export async function foldReports(db: ReportDb, calendar: StoreCalendar, attributionDays: number): Promise<void> {
  const d = db.dialect;
  // One transaction no hub write interleaves with: what is counted is exactly what the cursor then says.
  await db.transaction(async () => {
    const cursor = async (name: string) => (await db.all<{ position: number }>(`SELECT position FROM rpt_cursor WHERE name = @name`, { name }))[0]?.position ?? 0;
    const at = { events: await cursor('events'), rows: await cursor('rows') };
    const [newest] = await db.all<{ ev: number; rw: number }>(
      `SELECT (SELECT coalesce(max(${d.eventSeq}), 0) FROM events) AS ev, (SELECT coalesce(max(version), 0) FROM rows WHERE stream = 'orders') AS rw`,
    );
    const latest = { events: newest!.ev, rows: newest!.rw };
    if (latest.events === at.events && latest.rows === at.rows) return;
    // the stores' time zones as the hub holds them now
    await calendar.load(db);
    if (d.name === 'postgres') {
      for (const sql of PG_SCRATCH) await db.run(sql);
      await db.run(`CREATE TEMP TABLE rpt_zones (store_id text PRIMARY KEY, tz text NOT NULL) ON COMMIT DROP`);
      const zones = calendar.zones();
      if (zones.length) await db.run(`INSERT INTO rpt_zones SELECT * FROM unnest(@ids::text[], @tzs::text[])`, { ids: zones.map((z) => z[0]), tzs: zones.map((z) => z[1]) });
    }
    for (const sql of steps(d, attributionDays)) {
      const wanted = Object.fromEntries(Object.entries(at).filter(([k]) => sql.includes(`@${k}`)));
      await db.run(sql, wanted);
    }
    const save = `INSERT INTO rpt_cursor (name, position) VALUES (@name, @position) ON CONFLICT (name) DO UPDATE SET position = excluded.position`;
    await db.run(save, { name: 'events', position: latest.events });
    await db.run(save, { name: 'rows', position: latest.rows });
  });
}
