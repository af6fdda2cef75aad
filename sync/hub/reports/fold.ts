// Folds what arrived since the last fold into the report tables, all in SQL and in one
// transaction: starter impressions and feedback and checkout outcomes from `events`, sales
// from the `orders` stream's rows (whoever wrote them: the demo seed, a connector, or sale
// events). Attribution and visit outcomes are recomputed for every decision whose window
// holds something new, so a sale that reaches the hub before or after the starters it follows counts the same.
import type Database from 'better-sqlite3';
import type { StoreCalendar } from './storeCalendar.js';

// CROSS JOIN fixes the join order (and a unary + drops a text affinity that hides an expression index) where the planner, not knowing the temp tables are small, would scan a fact table.
// count(*) FILTER: 0 rather than NULL when nothing matches
const STARTER_COUNTS = /* sql */ `count(*), count(*) FILTER (WHERE feedback = 'used'), count(*) FILTER (WHERE feedback = 'not_relevant'),
  count(*) FILTER (WHERE reason = 'not_interested'), count(*) FILTER (WHERE reason = 'already_owns'), count(*) FILTER (WHERE reason = 'wrong_fit'),
  count(*) FILTER (WHERE reason = 'price'), count(*) FILTER (WHERE reason = 'other'), count(*) FILTER (WHERE feedback = 'not_relevant' AND reason IS NULL),
  sum(attributed_product), sum(attributed_category)`;
const IN_TOUCHED = `day IN (SELECT day FROM touched_days)`;
// A purpose the customer agreed to at this checkout (the payload lists them).
const OPTED_IN = (purpose: string) => `EXISTS (SELECT 1 FROM json_each(payload, '$.optIns') WHERE value = '${purpose}')`;

function steps(days: number): string[] {
  const windowEnd = (col: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${col}, '+${days} days')`;
  const windowStart = (col: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${col}, '-${days} days')`;
  const saleAfter = (t: string) => `s.customer_id = ${t}.customer_id AND s.placed_at >= ${t}.shown_at AND s.placed_at < ${windowEnd(`${t}.shown_at`)}`;
  return [
    // starter impressions, one row per shown slot
    `INSERT OR IGNORE INTO rpt_impressions (decision_id, position, store_id, staff_id, customer_id, kind, category_id, arm, exploration, propensity, skus, shown_at, day)
     SELECT json_extract(e.payload, '$.decisionId'), json_extract(s.value, '$.position'), e.store_id, json_extract(e.payload, '$.staffId'),
            json_extract(e.payload, '$.customerId'), json_extract(s.value, '$.kind'),
            (SELECT json_extract(p.row_json, '$.category_id') FROM rows p WHERE p.tbl = 'products' AND p.key = json_array(json_extract(s.value, '$.skus[0]'))),
            json_extract(e.payload, '$.arm'), coalesce(json_extract(s.value, '$.exploration'), 0), json_extract(s.value, '$.propensity'),
            coalesce(json_extract(s.value, '$.skus'), '[]'), json_extract(e.payload, '$.at'), local_day(e.store_id, json_extract(e.payload, '$.at'))
     FROM events e, json_each(e.payload, '$.starters') s WHERE e.rowid > @events AND e.kind = 'starter.shown'`,
    // a visit = a decision for a known customer, with or without starters (the holdout's count too)
    `INSERT OR IGNORE INTO rpt_visits (decision_id, customer_id, store_id, arm, shown_at, day, categories)
     SELECT json_extract(e.payload, '$.decisionId'), json_extract(e.payload, '$.customerId'), e.store_id, json_extract(e.payload, '$.arm'),
            json_extract(e.payload, '$.at'), local_day(e.store_id, json_extract(e.payload, '$.at')),
            (SELECT json_group_array(DISTINCT i.category_id) FROM rpt_impressions i WHERE i.decision_id = json_extract(e.payload, '$.decisionId') AND i.category_id IS NOT NULL)
     FROM events e WHERE e.rowid > @events AND e.kind = 'starter.shown' AND json_extract(e.payload, '$.customerId') IS NOT NULL`,
    `INSERT OR IGNORE INTO touched_days SELECT DISTINCT local_day(store_id, json_extract(payload, '$.at')) FROM events WHERE rowid > @events AND kind = 'starter.shown'`,
    `INSERT OR IGNORE INTO touched_decisions SELECT json_extract(payload, '$.decisionId') FROM events
     WHERE rowid > @events AND kind = 'starter.shown' AND json_extract(payload, '$.customerId') IS NOT NULL`,
    // feedback, only from the store that showed the starter (through a keyed temp table: each is one seek)
    `INSERT OR REPLACE INTO new_feedback (decision_id, position, store_id, feedback, reason)
     SELECT json_extract(payload, '$.decisionId'), json_extract(payload, '$.position'), store_id, json_extract(payload, '$.feedback'), json_extract(payload, '$.reason')
     FROM events WHERE rowid > @events AND kind = 'starter.feedback' ORDER BY rowid`,
    `UPDATE rpt_impressions SET
       feedback = (SELECT f.feedback FROM new_feedback f WHERE f.decision_id = rpt_impressions.decision_id AND f.position = rpt_impressions.position),
       reason = (SELECT f.reason FROM new_feedback f WHERE f.decision_id = rpt_impressions.decision_id AND f.position = rpt_impressions.position)
     WHERE (decision_id, position) IN (SELECT f.decision_id, f.position FROM new_feedback f)
       AND store_id = (SELECT f.store_id FROM new_feedback f WHERE f.decision_id = rpt_impressions.decision_id AND f.position = rpt_impressions.position)`,
    `INSERT OR IGNORE INTO touched_days SELECT DISTINCT i.day FROM new_feedback f CROSS JOIN rpt_impressions i ON i.decision_id = f.decision_id AND i.position = f.position`,
    `DELETE FROM new_feedback`,
    // checkout outcomes, counted for the store of the register that sent them
    `INSERT OR IGNORE INTO rpt_checkouts (id, store_id, register_id, associate_id, outcome, decline_reason, day, hour, weekday,
       typo_suggested, typo_accepted, receipts_opt_in, marketing_opt_in, personalization_opt_in)
     SELECT json_extract(payload, '$.outcomeId'), store_id, coalesce(json_extract(payload, '$.registerId'), ''), json_extract(payload, '$.associateId'),
            json_extract(payload, '$.outcome'), json_extract(payload, '$.declineReason'), local_day(store_id, json_extract(payload, '$.occurredAt')),
            local_hour(store_id, json_extract(payload, '$.occurredAt')), local_weekday(store_id, json_extract(payload, '$.occurredAt')),
            coalesce(json_extract(payload, '$.typoSuggested'), 0) <> 0, coalesce(json_extract(payload, '$.typoAccepted'), 0) <> 0,
            ${OPTED_IN('receipts')}, ${OPTED_IN('marketing')}, ${OPTED_IN('personalization')}
     FROM events WHERE rowid > @events AND kind = 'checkout.outcome'`,
    `INSERT OR IGNORE INTO touched_days SELECT DISTINCT local_day(store_id, json_extract(payload, '$.occurredAt')) FROM events WHERE rowid > @events AND kind = 'checkout.outcome'`,
    // sales: every order whose row or lines changed is read again
    `CREATE TEMP TABLE IF NOT EXISTS changed_orders (id TEXT PRIMARY KEY) WITHOUT ROWID`,
    `INSERT OR IGNORE INTO changed_orders SELECT json_extract(row_json, '$.id') FROM rows WHERE stream = 'orders' AND version > @rows AND tbl = 'orders' AND row_json IS NOT NULL`,
    `INSERT OR IGNORE INTO changed_orders SELECT json_extract(key, '$[0]') FROM rows WHERE stream = 'orders' AND version > @rows AND tbl = 'orders' AND row_json IS NULL`,
    `INSERT OR IGNORE INTO changed_orders SELECT json_extract(key, '$[0]') FROM rows WHERE stream = 'orders' AND version > @rows AND tbl = 'order_lines'`,
    `INSERT OR IGNORE INTO touched_days SELECT DISTINCT day FROM rpt_sales WHERE order_id IN (SELECT id FROM changed_orders)`,
    `INSERT INTO changed_sales SELECT customer_id, placed_at FROM rpt_sales WHERE order_id IN (SELECT id FROM changed_orders) AND customer_id IS NOT NULL`,
    `DELETE FROM rpt_sales WHERE order_id IN (SELECT id FROM changed_orders)`,
    `INSERT OR IGNORE INTO rpt_sales (order_id, line_no, customer_id, store_id, sku, category_id, placed_at, day, cents)
     SELECT c.id, json_extract(l.row_json, '$.line_no'), json_extract(o.row_json, '$.customer_id'), json_extract(o.row_json, '$.location_id'),
            json_extract(l.row_json, '$.sku'),
            (SELECT json_extract(p.row_json, '$.category_id') FROM rows p WHERE p.tbl = 'products' AND p.key = json_array(json_extract(l.row_json, '$.sku'))),
            json_extract(o.row_json, '$.placed_at'), local_day(json_extract(o.row_json, '$.location_id'), json_extract(o.row_json, '$.placed_at')),
            json_extract(l.row_json, '$.quantity') * json_extract(l.row_json, '$.unit_price_cents') - coalesce(json_extract(l.row_json, '$.discount_cents'), 0)
     FROM changed_orders c
     CROSS JOIN rows o ON o.tbl = 'orders' AND o.key = json_array(c.id) AND o.row_json IS NOT NULL AND coalesce(json_extract(o.row_json, '$.status'), '') <> 'cancelled'
     CROSS JOIN rows l INDEXED BY rows_by_order ON l.tbl = 'order_lines' AND json_extract(l.row_json, '$.order_id') = +c.id AND l.row_json IS NOT NULL`,
    `INSERT OR IGNORE INTO touched_days SELECT DISTINCT day FROM rpt_sales WHERE order_id IN (SELECT id FROM changed_orders)`,
    `INSERT INTO changed_sales SELECT customer_id, placed_at FROM rpt_sales WHERE order_id IN (SELECT id FROM changed_orders) AND customer_id IS NOT NULL`,
    `DELETE FROM changed_orders`,
    // decisions whose attribution window holds a sale that came or went
    `INSERT OR IGNORE INTO touched_decisions SELECT DISTINCT v.decision_id FROM changed_sales s CROSS JOIN rpt_visits v
       ON v.customer_id = s.customer_id AND v.shown_at <= s.placed_at AND v.shown_at > ${windowStart('s.placed_at')}`,
    `DELETE FROM changed_sales`,
    // attribution and visit outcomes of those decisions
    `UPDATE rpt_impressions SET
       attributed_product = EXISTS (SELECT 1 FROM rpt_sales s WHERE ${saleAfter('rpt_impressions')} AND s.sku IN (SELECT value FROM json_each(rpt_impressions.skus))),
       attributed_category = EXISTS (SELECT 1 FROM rpt_sales s WHERE ${saleAfter('rpt_impressions')} AND s.category_id = rpt_impressions.category_id)
     WHERE decision_id IN (SELECT decision_id FROM touched_decisions)`,
    `INSERT OR IGNORE INTO touched_days SELECT DISTINCT day FROM rpt_impressions WHERE decision_id IN (SELECT decision_id FROM touched_decisions)`,
    `UPDATE rpt_visits SET
       purchased = EXISTS (SELECT 1 FROM rpt_sales s WHERE ${saleAfter('rpt_visits')}),
       revenue_cents = coalesce((SELECT sum(s.cents) FROM rpt_sales s WHERE ${saleAfter('rpt_visits')}), 0),
       category_purchased = EXISTS (SELECT 1 FROM rpt_sales s WHERE ${saleAfter('rpt_visits')} AND s.category_id IN (SELECT value FROM json_each(rpt_visits.categories)))
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
    `INSERT OR IGNORE INTO touched_months SELECT DISTINCT substr(day, 1, 7) FROM touched_days`,
    `DELETE FROM rpt_starter_monthly WHERE month IN (SELECT month FROM touched_months)`,
    `INSERT INTO rpt_starter_monthly SELECT m.month, d.store_id, d.dim, d.value, sum(shown), sum(used), sum(not_relevant), sum(r_not_interested), sum(r_already_owns),
       sum(r_wrong_fit), sum(r_price), sum(r_other), sum(r_none), sum(attributed_product), sum(attributed_category)
     FROM touched_months m CROSS JOIN rpt_starter_daily d INDEXED BY rpt_starter_daily_day ON d.day BETWEEN m.month || '-01' AND m.month || '-31'
     GROUP BY m.month, d.store_id, d.dim, d.value`,
    `DELETE FROM rpt_slot_monthly WHERE month IN (SELECT month FROM touched_months)`,
    `INSERT INTO rpt_slot_monthly SELECT m.month, d.store_id, d.kind, d.exploration, d.propensity, sum(shown), sum(used)
     FROM touched_months m CROSS JOIN rpt_slot_daily d ON d.day BETWEEN m.month || '-01' AND m.month || '-31'
     GROUP BY m.month, d.store_id, d.kind, d.exploration, d.propensity`,
    `DELETE FROM touched_months`,
    `DELETE FROM touched_days`,
    `DELETE FROM touched_decisions`,
  ];
}

/** Brings the report tables up to date with every event and sale the hub holds. */
export function foldReports(db: Database.Database, calendar: StoreCalendar, attributionDays: number): void {
  db.transaction(() => {
    const cursor = (name: string) => (db.prepare(`SELECT position FROM rpt_cursor WHERE name = ?`).pluck().get(name) as number | undefined) ?? 0;
    const at = { events: cursor('events'), rows: cursor('rows') };
    const latest = {
      events: (db.prepare(`SELECT coalesce(max(rowid), 0) FROM events`).pluck().get() as number),
      rows: (db.prepare(`SELECT coalesce(max(version), 0) FROM rows WHERE stream = 'orders'`).pluck().get() as number),
    };
    if (latest.events === at.events && latest.rows === at.rows) return;
    calendar.load(db); // the stores' time zones as the hub holds them now
    for (const sql of steps(attributionDays)) {
      const stmt = db.prepare(sql);
      const wanted = Object.fromEntries(Object.entries(at).filter(([k]) => sql.includes(`@${k}`)));
      stmt.run(wanted);
    }
    const save = db.prepare(`INSERT INTO rpt_cursor (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position`);
    save.run('events', latest.events);
    save.run('rows', latest.rows);
  }).immediate(); // the write lock first: what is counted is exactly what the cursor then says
}
