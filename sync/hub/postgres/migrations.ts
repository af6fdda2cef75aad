// The PostgreSQL hub store's schema, as numbered migrations recorded in `schema_migrations`.
// `migrate(url)` applies the missing ones (the operator's `npm run hub -- migrate`); a store never
// migrates on open, it refuses a database that is behind or ahead (several hub processes start
// at once, and a schema change is an operator's step, taken once, with a backup at hand).
// Append new migrations at the end with the next number; never edit one that has shipped.
import pg from 'pg';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Timestamps stay ISO-8601 text, as in the SQLite store, so both stores compare and return them
 * alike. Rows keep their key and row as the JSON text the hub wrote (a pull page splices it into
 * the response as it is); appliers that look a row up by a column read it as jsonb.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'hub schema',
    sql: /* sql */ `
CREATE TABLE devices (
  id          text PRIMARY KEY,
  store_id    text NOT NULL,
  token_hash  text NOT NULL UNIQUE,
  created_at  text NOT NULL,
  expires_at  text,
  revoked_at  text
);
CREATE TABLE admins (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  token_hash  text NOT NULL UNIQUE,
  created_at  text NOT NULL,
  expires_at  text,
  revoked_at  text
);
-- The last version handed out (rows and exits share it). Only a writer holding the hub's write
-- lock reads and advances it (pgStore.ts), so committed versions always form a prefix.
CREATE SEQUENCE hub_version AS bigint MINVALUE 0 START 0;
SELECT setval('hub_version', 0, true);
-- The current state of every replicated row; version moves on every change. Keys compare
-- bytewise (COLLATE "C"), as SQLite compares them, so key order and key-prefix ranges agree.
CREATE TABLE rows (
  version      bigint PRIMARY KEY,
  tbl          text NOT NULL,
  key          text COLLATE "C" NOT NULL,
  stream       text NOT NULL,
  scope_store  text,
  key_json     text NOT NULL,
  row_json     text,
  UNIQUE (tbl, key)
);
-- Covers a pull page and the count of what is left after it.
CREATE INDEX rows_stream_version_scope ON rows (stream, version) INCLUDE (scope_store);
-- Event appliers find a customer's identifiers, consents and orders, an order's lines, a survivor's merged profiles.
CREATE INDEX rows_by_customer ON rows (tbl, ((row_json::jsonb) -> 'customer_id')) WHERE tbl IN ('customer_identifiers', 'consents', 'orders');
CREATE INDEX rows_by_order ON rows (tbl, ((row_json::jsonb) -> 'order_id')) WHERE tbl = 'order_lines';
CREATE INDEX rows_by_survivor ON rows (tbl, ((row_json::jsonb) -> 'merged_into')) WHERE tbl = 'customers';
-- A row that left a store (its scope moved elsewhere): that store's devices get a tombstone.
CREATE TABLE exits (
  tbl          text NOT NULL,
  key          text COLLATE "C" NOT NULL,
  scope_store  text NOT NULL,
  stream       text NOT NULL,
  key_json     text NOT NULL,
  version      bigint NOT NULL UNIQUE,
  PRIMARY KEY (tbl, key, scope_store)
);
CREATE INDEX exits_stream_scope_version ON exits (stream, scope_store, version);
CREATE TABLE events (
  id           text PRIMARY KEY,
  device_id    text NOT NULL,
  store_id     text NOT NULL,
  kind         text NOT NULL,
  payload      text NOT NULL,
  created_at   text NOT NULL,
  received_at  text NOT NULL
);
CREATE INDEX events_received ON events (received_at);
CREATE TABLE aisle_orders (
  order_id                 text PRIMARY KEY,
  event_id                 text NOT NULL,
  store_id                 text NOT NULL,
  register_id              text NOT NULL,
  associate_id             text NOT NULL,
  sku                      text NOT NULL,
  quantity                 integer NOT NULL,
  unit_price_cents         integer NOT NULL,
  device_unit_price_cents  integer NOT NULL,
  source_location_id       text NOT NULL,
  customer_id              text,
  customer_json            text NOT NULL,
  address_json             text NOT NULL,
  placed_at                text NOT NULL,
  received_at              text NOT NULL
);
CREATE TABLE analytics_daily (
  day       text NOT NULL,
  store_id  text NOT NULL,
  kind      text NOT NULL,
  events    integer NOT NULL,
  PRIMARY KEY (day, store_id, kind)
);
CREATE TABLE compacted_events (id text PRIMARY KEY);
CREATE TABLE enrolments (
  secret_hash  text PRIMARY KEY,
  lookup       text NOT NULL UNIQUE,
  store_id     text NOT NULL,
  created_at   text NOT NULL,
  expires_at   text NOT NULL,
  used_at      text,
  device_id    text
);
CREATE TABLE chain_roles (
  staff_id    text PRIMARY KEY,
  granted_at  text NOT NULL
);
-- seq: the order they were written in (newest first when listed).
CREATE TABLE visiting_lookups (
  seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           text NOT NULL,
  device_id    text NOT NULL,
  store_id     text NOT NULL,
  register_id  text NOT NULL,
  staff_id     text NOT NULL,
  kind         text NOT NULL,
  value_hash   text NOT NULL,
  customer_id  text,
  outcome      text NOT NULL
);
CREATE TABLE imports (
  seq          bigint GENERATED ALWAYS AS IDENTITY,
  id           text PRIMARY KEY,
  received_at  text NOT NULL,
  report_json  text NOT NULL
);
CREATE INDEX imports_newest ON imports (received_at DESC, seq DESC);
`,
  },
  {
    version: 2,
    // Rate limits shared by hub processes (sharedLimits.ts). UNLOGGED: a crash only resets the windows.
    name: 'rate-limit windows shared by hub processes',
    sql: `CREATE UNLOGGED TABLE hub_rate_windows (key text PRIMARY KEY, window_start bigint NOT NULL, hits integer NOT NULL)`,
  },
  {
    version: 3,
    // The hub names each register of a store (R1, R2, …, never reused); a capture for a visiting
    // customer is accepted only after this store found them through the audited lookup.
    name: 'register names and found visiting customers',
    sql: `
ALTER TABLE devices ADD COLUMN register_id text;
CREATE UNIQUE INDEX devices_register_name ON devices (store_id, register_id) WHERE register_id IS NOT NULL;
CREATE INDEX visiting_lookups_by_customer ON visiting_lookups (customer_id, store_id, at) WHERE outcome = 'found';
`,
  },
  {
    version: 4,
    // The API connectors' tables (as connectors/api/schema.ts in the SQLite store) and the
    // customer erasure audit, so connectors and erasure run on PostgreSQL in the hub's transactions.
    // seq orders the outbox as SQLite's rowid does (a customer's sends leave in the order made).
    name: 'API connectors and the customer erasure audit',
    sql: /* sql */ `
CREATE TABLE connectors (
  id           text PRIMARY KEY,
  vendor       text NOT NULL,
  config_json  text NOT NULL,
  secret_box   text NOT NULL,
  created_at   text NOT NULL
);
CREATE TABLE connector_cursors (
  connector_id text NOT NULL,
  resource     text NOT NULL,
  cursor_json  text NOT NULL,
  updated_at   text NOT NULL,
  PRIMARY KEY (connector_id, resource)
);
CREATE TABLE connector_runs (
  id           bigserial PRIMARY KEY,
  connector_id text NOT NULL,
  started_at   text NOT NULL,
  finished_at  text,
  status       text NOT NULL,
  rows         integer NOT NULL DEFAULT 0,
  error        text
);
CREATE INDEX connector_runs_by_connector ON connector_runs (connector_id, id);
CREATE TABLE connector_outbox (
  seq          bigserial NOT NULL UNIQUE,
  id           text PRIMARY KEY,
  connector_id text NOT NULL,
  kind         text NOT NULL,
  customer_id  text NOT NULL,
  payload_json text NOT NULL,
  status       text NOT NULL,
  attempts     integer NOT NULL DEFAULT 0,
  next_at      text NOT NULL,
  last_error   text,
  created_at   text NOT NULL,
  done_at      text
);
CREATE INDEX connector_outbox_due ON connector_outbox (connector_id, status, next_at);
CREATE INDEX connector_outbox_by_customer ON connector_outbox (customer_id, status);
CREATE TABLE connector_ids (
  connector_id text NOT NULL,
  kind         text NOT NULL,
  vendor_id    text NOT NULL,
  endcap_id    text NOT NULL,
  PRIMARY KEY (connector_id, kind, vendor_id)
);
CREATE TABLE connector_identities (
  connector_id text NOT NULL,
  customer_id  text NOT NULL,
  email        text,
  phone        text,
  PRIMARY KEY (connector_id, customer_id)
);
CREATE TABLE customer_erasures (
  id               bigserial PRIMARY KEY,
  requested_at     text NOT NULL,
  requested_by     text NOT NULL,
  requester        text NOT NULL,
  customer_id      text,
  outcome          text NOT NULL,
  detail_json      text NOT NULL
);
`,
  },
  {
    version: 5,
    // Chain reports (reports/): the events' write order for the fold's cursor (writers hold the
    // hub's write lock, so it is also their commit order), and the report tables as
    // reports/schema.ts has them in the SQLite file (layout 4). The fold's scratch tables are
    // temporary tables of each fold's transaction.
    name: 'chain report tables',
    sql: /* sql */ `
ALTER TABLE events ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
CREATE UNIQUE INDEX events_seq ON events (seq);
CREATE INDEX events_kind_seq ON events (kind, seq);
CREATE TABLE rpt_cursor (name text PRIMARY KEY, position bigint NOT NULL);
CREATE TABLE rpt_impressions (
  decision_id text NOT NULL, position integer NOT NULL, store_id text NOT NULL, staff_id text, customer_id text,
  kind text NOT NULL, category_id text, arm text NOT NULL, exploration integer NOT NULL, propensity double precision NOT NULL,
  skus text NOT NULL, shown_at text NOT NULL, day text NOT NULL,
  feedback text, reason text, attributed_product integer NOT NULL DEFAULT 0, attributed_category integer NOT NULL DEFAULT 0,
  PRIMARY KEY (decision_id, position)
);
CREATE INDEX rpt_impressions_day ON rpt_impressions (day, store_id);
CREATE INDEX rpt_impressions_customer ON rpt_impressions (customer_id, shown_at) WHERE customer_id IS NOT NULL;
CREATE TABLE rpt_visits (
  decision_id text PRIMARY KEY, customer_id text NOT NULL, store_id text NOT NULL, arm text NOT NULL,
  shown_at text NOT NULL, day text NOT NULL, categories text NOT NULL,
  purchased integer NOT NULL DEFAULT 0, revenue_cents bigint NOT NULL DEFAULT 0, category_purchased integer NOT NULL DEFAULT 0
);
CREATE INDEX rpt_visits_by_customer ON rpt_visits (customer_id, arm, day, store_id, shown_at, purchased, revenue_cents, category_purchased);
CREATE TABLE rpt_sales (
  order_id text NOT NULL, line_no integer NOT NULL, customer_id text, store_id text, sku text NOT NULL, category_id text,
  placed_at text NOT NULL, day text NOT NULL, cents bigint NOT NULL,
  PRIMARY KEY (order_id, line_no)
);
CREATE INDEX rpt_sales_customer ON rpt_sales (customer_id, placed_at) WHERE customer_id IS NOT NULL;
CREATE INDEX rpt_sales_day ON rpt_sales (day, store_id);
CREATE TABLE rpt_checkouts (
  id text PRIMARY KEY, store_id text NOT NULL, register_id text NOT NULL, associate_id text NOT NULL, outcome text NOT NULL, decline_reason text,
  day text NOT NULL, hour integer NOT NULL, weekday integer NOT NULL, typo_suggested integer NOT NULL, typo_accepted integer NOT NULL,
  receipts_opt_in integer NOT NULL, marketing_opt_in integer NOT NULL, personalization_opt_in integer NOT NULL
);
CREATE INDEX rpt_checkouts_day ON rpt_checkouts (day, store_id);
CREATE TABLE rpt_starter_daily (
  day text NOT NULL, store_id text NOT NULL, dim text NOT NULL, value text NOT NULL,
  shown integer NOT NULL, used integer NOT NULL, not_relevant integer NOT NULL,
  r_not_interested integer NOT NULL, r_already_owns integer NOT NULL, r_wrong_fit integer NOT NULL, r_price integer NOT NULL,
  r_other integer NOT NULL, r_none integer NOT NULL, attributed_product integer NOT NULL, attributed_category integer NOT NULL,
  PRIMARY KEY (dim, value, day, store_id)
);
CREATE INDEX rpt_starter_daily_day ON rpt_starter_daily (day);
CREATE TABLE rpt_slot_daily (
  day text NOT NULL, store_id text NOT NULL, kind text NOT NULL, exploration integer NOT NULL, propensity double precision NOT NULL,
  shown integer NOT NULL, used integer NOT NULL,
  PRIMARY KEY (day, store_id, kind, exploration, propensity)
);
CREATE TABLE rpt_starter_monthly (
  month text NOT NULL, store_id text NOT NULL, dim text NOT NULL, value text NOT NULL,
  shown integer NOT NULL, used integer NOT NULL, not_relevant integer NOT NULL,
  r_not_interested integer NOT NULL, r_already_owns integer NOT NULL, r_wrong_fit integer NOT NULL, r_price integer NOT NULL,
  r_other integer NOT NULL, r_none integer NOT NULL, attributed_product integer NOT NULL, attributed_category integer NOT NULL,
  PRIMARY KEY (dim, value, month, store_id)
);
CREATE TABLE rpt_slot_monthly (
  month text NOT NULL, store_id text NOT NULL, kind text NOT NULL, exploration integer NOT NULL, propensity double precision NOT NULL,
  shown integer NOT NULL, used integer NOT NULL,
  PRIMARY KEY (month, store_id, kind, exploration, propensity)
);
CREATE TABLE rpt_checkout_daily (
  day text NOT NULL, store_id text NOT NULL, associate_id text NOT NULL, outcome text NOT NULL, decline_reason text NOT NULL, n integer NOT NULL,
  PRIMARY KEY (day, store_id, associate_id, outcome, decline_reason)
);
CREATE TABLE rpt_capture_daily (
  day text NOT NULL, store_id text NOT NULL, register_id text NOT NULL, associate_id text NOT NULL,
  checkouts integer NOT NULL, captured_new integer NOT NULL, captured_updated integer NOT NULL, already_on_file integer NOT NULL,
  declined integer NOT NULL, invalid integer NOT NULL, typo_suggested integer NOT NULL, typo_accepted integer NOT NULL,
  receipts_opt_in integer NOT NULL, marketing_opt_in integer NOT NULL, personalization_opt_in integer NOT NULL,
  PRIMARY KEY (day, store_id, register_id, associate_id)
);
CREATE TABLE rpt_capture_hourly (
  day text NOT NULL, store_id text NOT NULL, weekday integer NOT NULL, hour integer NOT NULL, eligible integer NOT NULL, captured integer NOT NULL,
  PRIMARY KEY (day, store_id, weekday, hour)
);
CREATE TABLE rpt_sales_daily (
  day text NOT NULL, store_id text NOT NULL, orders integer NOT NULL, cents bigint NOT NULL,
  PRIMARY KEY (day, store_id)
);
`,
  },
];

/** The schema version this code needs: the last migration's number. */
export const HUB_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Any number, as long as no other advisory lock of the hub uses it: held while migrating. */
const MIGRATION_LOCK = 204_200_001;

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;

/**
 * Applies the migrations the database lacks, each in its own transaction with its ledger row;
 * two processes migrating at once take turns (an advisory lock). Returns the versions applied.
 */
export async function migrate(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(LEDGER);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const ahead = [...done].filter((v) => v > HUB_SCHEMA_VERSION);
    if (ahead.length) throw new Error(`The hub database has schema version ${Math.max(...ahead)}, newer than this hub's ${HUB_SCHEMA_VERSION}: run a newer hub.`);
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Hub migration ${m.version} (${m.name}) failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      applied.push(m.version);
    }
    return applied;
  } finally {
    await client.end();
  }
}

/** Why a store must not open on this database (not migrated, behind or ahead), or null when it may. */
export async function schemaProblem(db: pg.Pool | pg.Client): Promise<string | null> {
  const ledger = await db.query<{ present: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
  const versions = ledger.rows[0]!.present ? (await db.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version) : [];
  const have = versions.length ? Math.max(...versions) : 0;
  if (have === HUB_SCHEMA_VERSION) return null;
  if (have > HUB_SCHEMA_VERSION) return `The hub database has schema version ${have}, newer than this hub's ${HUB_SCHEMA_VERSION}: run a newer hub.`;
  const state = have === 0 ? 'has no hub schema yet' : `has schema version ${have}, this hub needs ${HUB_SCHEMA_VERSION}`;
  return `The hub database ${state}: run \`npm run hub -- migrate --database URL\` first (back the database up before migrating one in use).`;
}
