// What the engine's learned links and repeat categories were learned from, and when to learn
// them again: after enough new orders, or once the model is old enough (nightly by default).
// The merchandiser console shows it; the relearning schedule reads it.
// Also: stock age counts from the source system's time of each count (inventory.updated_at, as
// the stock feed gives it), so this store's newest count is found by index.
export const up = /* sql */ `
CREATE INDEX inventory_location_updated ON inventory(location_id, updated_at);

CREATE TABLE learn_state (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  learned_at      TEXT,                                 -- NULL: never learned on this device
  orders_learned  INTEGER NOT NULL DEFAULT 0 CHECK (orders_learned >= 0),
  links_learned   INTEGER NOT NULL DEFAULT 0 CHECK (links_learned >= 0),
  -- orders that arrived (pulled or sold here) since the model was learned
  new_orders      INTEGER NOT NULL DEFAULT 0 CHECK (new_orders >= 0),
  min_new_orders  INTEGER NOT NULL DEFAULT 5000 CHECK (min_new_orders >= 1),
  max_age_hours   INTEGER NOT NULL DEFAULT 24 CHECK (max_age_hours >= 1)
);
-- A replica that learned before this migration keeps what it learned, on its orders so far.
INSERT INTO learn_state (id, learned_at, orders_learned, links_learned)
  SELECT 1, (SELECT max(computed_at) FROM copurchase_links), (SELECT count(*) FROM orders WHERE status = 'completed'), (SELECT count(*) FROM copurchase_links);
`;
