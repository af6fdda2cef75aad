// The item model (core/engine/rank.ts) as the last relearn left it, so no decision learns it:
// per-SKU popularity and repeat rate, the learned SKU follow-up links, and the model's few
// global numbers. Replaced whole by each relearn (learn.ts), read by key by decisions.
// A replica that learned before this migration relearns once, in the background, to fill it.
export const up = /* sql */ `
CREATE TABLE item_model_state (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  learned_at        TEXT NOT NULL,
  mean_repeat_rate  REAL NOT NULL CHECK (mean_repeat_rate >= 0),
  popular           TEXT NOT NULL CHECK (json_valid(popular))   -- SKUs, most popular first
);
CREATE TABLE item_stats (
  sku          TEXT PRIMARY KEY,
  popularity   REAL NOT NULL CHECK (popularity >= 0),             -- share of all baskets holding it
  repeat_rate  REAL                                               -- NULL: never seen with a next basket
) WITHOUT ROWID;
CREATE TABLE item_links (
  from_sku           TEXT NOT NULL,
  rank               INTEGER NOT NULL,                            -- best lift × confidence first
  to_sku             TEXT NOT NULL,
  support            INTEGER NOT NULL,
  confidence         REAL NOT NULL,
  lift               REAL NOT NULL,
  median_delay_days  REAL NOT NULL,
  PRIMARY KEY (from_sku, rank)
) WITHOUT ROWID;
UPDATE learn_state SET learned_at = NULL WHERE learned_at IS NOT NULL;
`;
