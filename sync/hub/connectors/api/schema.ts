// The API connectors' own tables in the hub's file: their configuration (credentials sealed),
// a cursor per connector and resource (written in the transaction of the rows it ingested),
// their runs, and the outbox of consented sends to marketing tools with its dead letters.
export const CONNECTOR_SCHEMA = /* sql */ `
CREATE TABLE IF NOT EXISTS connectors (
  id           TEXT PRIMARY KEY,
  vendor       TEXT NOT NULL,
  config_json  TEXT NOT NULL,
  secret_box   TEXT NOT NULL,             -- the credentials, sealed with the hub's connector key
  created_at   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS connector_cursors (
  connector_id TEXT NOT NULL,
  resource     TEXT NOT NULL,
  cursor_json  TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (connector_id, resource)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS connector_runs (
  id           INTEGER PRIMARY KEY,
  connector_id TEXT NOT NULL,
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  status       TEXT NOT NULL,             -- running | ok | failed
  rows         INTEGER NOT NULL DEFAULT 0,
  error        TEXT
);
CREATE INDEX IF NOT EXISTS connector_runs_by_connector ON connector_runs(connector_id, id);
-- One send to a marketing tool; id is the stable event id (the vendor's idempotency key).
CREATE TABLE IF NOT EXISTS connector_outbox (
  id           TEXT PRIMARY KEY,
  connector_id TEXT NOT NULL,
  kind         TEXT NOT NULL,
  customer_id  TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  status       TEXT NOT NULL,             -- pending | sent | dead | dropped
  attempts     INTEGER NOT NULL DEFAULT 0,
  next_at      TEXT NOT NULL,
  last_error   TEXT,
  created_at   TEXT NOT NULL,
  done_at      TEXT
);
CREATE INDEX IF NOT EXISTS connector_outbox_due ON connector_outbox(connector_id, status, next_at);
CREATE INDEX IF NOT EXISTS connector_outbox_by_customer ON connector_outbox(customer_id, status);
-- Vendor ids the Endcap id cannot be derived from (a Square variation's SKU), written with the rows that use them.
CREATE TABLE IF NOT EXISTS connector_ids (
  connector_id TEXT NOT NULL,
  kind         TEXT NOT NULL,
  vendor_id    TEXT NOT NULL,
  endcap_id    TEXT NOT NULL,
  PRIMARY KEY (connector_id, kind, vendor_id)
) WITHOUT ROWID;
-- The address a marketing tool knows a customer by, kept only until an erasure request for it was sent.
CREATE TABLE IF NOT EXISTS connector_identities (
  connector_id TEXT NOT NULL,
  customer_id  TEXT NOT NULL,
  email        TEXT,
  phone        TEXT,
  PRIMARY KEY (connector_id, customer_id)
) WITHOUT ROWID;
-- Who asked for each customer erasure at the hub, when, and what came of it (erasure.ts): the
-- customer by id only (never the address or phone the operator typed), a refused request too.
CREATE TABLE IF NOT EXISTS customer_erasures (
  id               INTEGER PRIMARY KEY,
  requested_at     TEXT NOT NULL,
  requested_by     TEXT NOT NULL,          -- 'admin' | 'cli'
  requester        TEXT NOT NULL,          -- the admin id, or the operator's name at the hub's command line
  customer_id      TEXT,                   -- null when the request named nobody the hub could erase
  outcome          TEXT NOT NULL,          -- erased | invalid | not_found | ambiguous | merged | already_erased
  detail_json      TEXT NOT NULL           -- profiles erased, identifiers/consents removed, sends dropped, deletions queued (connector ids)
);
`;
