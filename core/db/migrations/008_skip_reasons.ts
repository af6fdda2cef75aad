// "Not relevant" asks why: not interested, already owns it, wrong size or fit, price, other.
// NULL = no reason given (feedback recorded before this version, or "used").
// The engine reads a customer's "already owns it" answers on every decision: partial index.
// hub_reports: the last chain report the hub sent for each scope, shown with its age offline.
export const up = /* sql */ `
CREATE TABLE hub_reports (
  scope       TEXT PRIMARY KEY,           -- '' = this device's store, '*' = the chain, else a store id
  body        TEXT NOT NULL CHECK (json_valid(body)),
  fetched_at  TEXT NOT NULL
) WITHOUT ROWID;
ALTER TABLE starter_events ADD COLUMN feedback_reason TEXT
  CHECK (feedback_reason IN ('not_interested', 'already_owns', 'wrong_fit', 'price', 'other'));
CREATE INDEX starter_events_owned ON starter_events(customer_id) WHERE feedback_reason = 'already_owns';
`;
