// The hub's report tables, in the hub's own file beside the events they are folded from.
// Facts (one row per impression, visit, sale line, checkout) and small daily roll-ups the
// reports read; a roll-up day is recomputed from its facts whenever a fold touches it. Every
// `day` is the store's local calendar day (storeCalendar.ts).

/** The tables are derived: a hub whose report tables have another layout drops and refolds them. */
export const REPORT_LAYOUT = 4;

export const REPORT_SCHEMA = /* sql */ `
CREATE TABLE IF NOT EXISTS rpt_cursor (name TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rpt_impressions (
  decision_id TEXT NOT NULL, position INTEGER NOT NULL, store_id TEXT NOT NULL, staff_id TEXT, customer_id TEXT,
  kind TEXT NOT NULL, category_id TEXT, arm TEXT NOT NULL, exploration INTEGER NOT NULL, propensity REAL NOT NULL,
  skus TEXT NOT NULL, shown_at TEXT NOT NULL, day TEXT NOT NULL,
  feedback TEXT, reason TEXT, attributed_product INTEGER NOT NULL DEFAULT 0, attributed_category INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (decision_id, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rpt_impressions_day ON rpt_impressions(day, store_id);
CREATE INDEX IF NOT EXISTS rpt_impressions_customer ON rpt_impressions(customer_id, shown_at) WHERE customer_id IS NOT NULL;
-- A visit where starters were computed for a known customer: the unit of the lift.
CREATE TABLE IF NOT EXISTS rpt_visits (
  decision_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, store_id TEXT NOT NULL, arm TEXT NOT NULL,
  shown_at TEXT NOT NULL, day TEXT NOT NULL, categories TEXT NOT NULL,
  purchased INTEGER NOT NULL DEFAULT 0, revenue_cents INTEGER NOT NULL DEFAULT 0, category_purchased INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
-- The lift reads visits grouped by customer: a covering index in that order needs no sort.
CREATE INDEX IF NOT EXISTS rpt_visits_by_customer ON rpt_visits(customer_id, arm, day, store_id, shown_at, purchased, revenue_cents, category_purchased);
CREATE TABLE IF NOT EXISTS rpt_sales (
  order_id TEXT NOT NULL, line_no INTEGER NOT NULL, customer_id TEXT, store_id TEXT, sku TEXT NOT NULL, category_id TEXT,
  placed_at TEXT NOT NULL, day TEXT NOT NULL, cents INTEGER NOT NULL,
  PRIMARY KEY (order_id, line_no)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rpt_sales_customer ON rpt_sales(customer_id, placed_at) WHERE customer_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS rpt_sales_day ON rpt_sales(day, store_id);
CREATE TABLE IF NOT EXISTS rpt_checkouts (
  id TEXT PRIMARY KEY, store_id TEXT NOT NULL, register_id TEXT NOT NULL, associate_id TEXT NOT NULL, outcome TEXT NOT NULL, decline_reason TEXT,
  day TEXT NOT NULL, hour INTEGER NOT NULL, weekday INTEGER NOT NULL, typo_suggested INTEGER NOT NULL, typo_accepted INTEGER NOT NULL,
  receipts_opt_in INTEGER NOT NULL, marketing_opt_in INTEGER NOT NULL, personalization_opt_in INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rpt_checkouts_day ON rpt_checkouts(day, store_id);
-- Daily roll-ups, one per dimension the starter report breaks down by ('dim' names it).
CREATE TABLE IF NOT EXISTS rpt_starter_daily (
  day TEXT NOT NULL, store_id TEXT NOT NULL, dim TEXT NOT NULL, value TEXT NOT NULL,
  shown INTEGER NOT NULL, used INTEGER NOT NULL, not_relevant INTEGER NOT NULL,
  r_not_interested INTEGER NOT NULL, r_already_owns INTEGER NOT NULL, r_wrong_fit INTEGER NOT NULL, r_price INTEGER NOT NULL,
  r_other INTEGER NOT NULL, r_none INTEGER NOT NULL, attributed_product INTEGER NOT NULL, attributed_category INTEGER NOT NULL,
  PRIMARY KEY (dim, value, day, store_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rpt_starter_daily_day ON rpt_starter_daily(day);
-- Exploration: slots by how they were chosen, for the off-policy estimate of the current ranking.
CREATE TABLE IF NOT EXISTS rpt_slot_daily (
  day TEXT NOT NULL, store_id TEXT NOT NULL, kind TEXT NOT NULL, exploration INTEGER NOT NULL, propensity REAL NOT NULL,
  shown INTEGER NOT NULL, used INTEGER NOT NULL,
  PRIMARY KEY (day, store_id, kind, exploration, propensity)
) WITHOUT ROWID;
-- Monthly sums of the two roll-ups a long range reads most (a year: 12 rows per key instead of 365);
-- a report reads whole months here and the days at its edges from the daily tables.
CREATE TABLE IF NOT EXISTS rpt_starter_monthly (
  month TEXT NOT NULL, store_id TEXT NOT NULL, dim TEXT NOT NULL, value TEXT NOT NULL,
  shown INTEGER NOT NULL, used INTEGER NOT NULL, not_relevant INTEGER NOT NULL,
  r_not_interested INTEGER NOT NULL, r_already_owns INTEGER NOT NULL, r_wrong_fit INTEGER NOT NULL, r_price INTEGER NOT NULL,
  r_other INTEGER NOT NULL, r_none INTEGER NOT NULL, attributed_product INTEGER NOT NULL, attributed_category INTEGER NOT NULL,
  PRIMARY KEY (dim, value, month, store_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rpt_slot_monthly (
  month TEXT NOT NULL, store_id TEXT NOT NULL, kind TEXT NOT NULL, exploration INTEGER NOT NULL, propensity REAL NOT NULL,
  shown INTEGER NOT NULL, used INTEGER NOT NULL,
  PRIMARY KEY (month, store_id, kind, exploration, propensity)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rpt_checkout_daily (
  day TEXT NOT NULL, store_id TEXT NOT NULL, associate_id TEXT NOT NULL, outcome TEXT NOT NULL, decline_reason TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (day, store_id, associate_id, outcome, decline_reason)
) WITHOUT ROWID;
-- Email capture as the dashboard reads it: per register and associate per day, and per local hour.
CREATE TABLE IF NOT EXISTS rpt_capture_daily (
  day TEXT NOT NULL, store_id TEXT NOT NULL, register_id TEXT NOT NULL, associate_id TEXT NOT NULL,
  checkouts INTEGER NOT NULL, captured_new INTEGER NOT NULL, captured_updated INTEGER NOT NULL, already_on_file INTEGER NOT NULL,
  declined INTEGER NOT NULL, invalid INTEGER NOT NULL, typo_suggested INTEGER NOT NULL, typo_accepted INTEGER NOT NULL,
  receipts_opt_in INTEGER NOT NULL, marketing_opt_in INTEGER NOT NULL, personalization_opt_in INTEGER NOT NULL,
  PRIMARY KEY (day, store_id, register_id, associate_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rpt_capture_hourly (
  day TEXT NOT NULL, store_id TEXT NOT NULL, weekday INTEGER NOT NULL, hour INTEGER NOT NULL, eligible INTEGER NOT NULL, captured INTEGER NOT NULL,
  PRIMARY KEY (day, store_id, weekday, hour)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rpt_sales_daily (
  day TEXT NOT NULL, store_id TEXT NOT NULL, orders INTEGER NOT NULL, cents INTEGER NOT NULL,
  PRIMARY KEY (day, store_id)
) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS touched_days (day TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS touched_months (month TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS new_feedback (decision_id TEXT NOT NULL, position INTEGER NOT NULL, store_id TEXT NOT NULL, feedback TEXT, reason TEXT, PRIMARY KEY (decision_id, position)) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS touched_decisions (decision_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS changed_sales (customer_id TEXT NOT NULL, placed_at TEXT NOT NULL);
`;
