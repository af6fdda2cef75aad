// Offer engine state (DESIGN §4): learned follow-up links, and what was shown to whom
// (for the frequency cap, feedback and lift against the holdout).
export const up = /* sql */ `
-- Category-level "bought X, then Y within a window", learned from order history.
CREATE TABLE copurchase_links (
  from_category_id   TEXT NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
  to_category_id     TEXT NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
  support            INTEGER NOT NULL CHECK (support > 0),
  confidence         REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  lift               REAL NOT NULL CHECK (lift > 0),
  median_delay_days  REAL NOT NULL CHECK (median_delay_days >= 0),
  computed_at        TEXT NOT NULL,
  PRIMARY KEY (from_category_id, to_category_id)
) WITHOUT ROWID;

-- Categories people buy again and again (coffee beans, fuel), learned from order history:
-- only these can be "due for a refill".
CREATE TABLE repeat_categories (
  category_id      TEXT PRIMARY KEY REFERENCES categories(id) ON DELETE CASCADE,
  buyers           INTEGER NOT NULL CHECK (buyers > 0),
  repeat_share     REAL NOT NULL CHECK (repeat_share BETWEEN 0 AND 1),
  median_gap_days  REAL NOT NULL CHECK (median_gap_days >= 0),
  computed_at      TEXT NOT NULL
) WITHOUT ROWID;

-- One row per starter shown. The same facts travel to the hub through the outbox.
CREATE TABLE starter_events (
  decision_id     TEXT NOT NULL,
  position        INTEGER NOT NULL CHECK (position >= 0),
  customer_id     TEXT REFERENCES customers(id) ON DELETE CASCADE,
  store_id        TEXT NOT NULL,
  staff_id        TEXT,
  kind            TEXT NOT NULL,
  -- what the frequency cap counts: the idea, not the exact product (e.g. 'cross_sell:outdoor/camping/sleeping-bags')
  cap_key         TEXT NOT NULL,
  skus            TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(skus)),
  policy_version  INTEGER NOT NULL,
  arm             TEXT NOT NULL CHECK (arm IN ('personalized', 'holdout')),
  exploration     INTEGER NOT NULL DEFAULT 0 CHECK (exploration IN (0, 1)),
  propensity      REAL NOT NULL CHECK (propensity > 0 AND propensity <= 1),
  score           REAL NOT NULL,
  shown_at        TEXT NOT NULL,
  feedback        TEXT CHECK (feedback IN ('used', 'not_relevant')),
  feedback_at     TEXT,
  PRIMARY KEY (decision_id, position)
) WITHOUT ROWID;
CREATE INDEX starter_events_customer ON starter_events(customer_id, shown_at);

-- Starters walk a category's products best-selling first and stop at the first few that pass.
CREATE INDEX products_category_popularity ON products(category_id, popularity DESC);
-- New arrivals of a category: a range on launch date within the category.
CREATE INDEX products_category_launched ON products(category_id, launched_at);
`;
