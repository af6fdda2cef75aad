// The whole replica of DESIGN §3. Later changes come as new numbered migrations;
// this file never changes once released.
export const up = /* sql */ `
CREATE TABLE locations (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('store', 'dc', 'partner')),
  name            TEXT NOT NULL,
  city            TEXT NOT NULL,
  region          TEXT NOT NULL,
  country         TEXT NOT NULL,
  timezone        TEXT NOT NULL,
  -- days for a home delivery shipped from here (stores and DC ship too)
  lead_time_days  INTEGER NOT NULL CHECK (lead_time_days >= 0),
  version         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE categories (
  id          TEXT PRIMARY KEY,            -- slash path: 'outdoor/camping/tents'
  parent_id   TEXT REFERENCES categories(id),
  name        TEXT NOT NULL,
  path_name   TEXT NOT NULL,               -- 'Outdoor > Camping > Tents'
  depth       INTEGER NOT NULL CHECK (depth >= 0),
  sensitive   INTEGER NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1)),
  version     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX categories_parent ON categories(parent_id);

-- integer rowid so the FTS index can point at a stable row
CREATE TABLE products (
  id                   INTEGER PRIMARY KEY,
  sku                  TEXT NOT NULL UNIQUE,
  title                TEXT NOT NULL,
  brand                TEXT NOT NULL,
  category_id          TEXT NOT NULL REFERENCES categories(id),
  price_cents          INTEGER NOT NULL CHECK (price_cents >= 0),
  cost_cents           INTEGER NOT NULL CHECK (cost_cents >= 0),
  compare_at_cents     INTEGER CHECK (compare_at_cents IS NULL OR compare_at_cents >= price_cents),
  color                TEXT,
  size                 TEXT,
  material             TEXT,
  is_partner           INTEGER NOT NULL DEFAULT 0 CHECK (is_partner IN (0, 1)),
  partner_location_id  TEXT REFERENCES locations(id),
  launched_at          TEXT NOT NULL,
  season               TEXT NOT NULL CHECK (season IN ('all', 'spring', 'summer', 'fall', 'winter')),
  status               TEXT NOT NULL CHECK (status IN ('active', 'clearance', 'discontinued')),
  popularity           REAL NOT NULL DEFAULT 0,
  updated_at           TEXT NOT NULL,
  version              INTEGER NOT NULL DEFAULT 0,
  CHECK (is_partner = 0 OR partner_location_id IS NOT NULL)
);
CREATE INDEX products_category ON products(category_id);
CREATE INDEX products_launched ON products(launched_at);

-- Search index, kept current by triggers so it is never rebuilt at app start.
CREATE VIRTUAL TABLE products_fts USING fts5(
  title, brand, category, attributes,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
  INSERT INTO products_fts(rowid, title, brand, category, attributes)
  VALUES (new.id, new.title, new.brand,
          (SELECT path_name FROM categories WHERE id = new.category_id),
          concat_ws(' ', new.color, new.size, new.material));
END;
CREATE TRIGGER products_fts_update AFTER UPDATE OF title, brand, category_id, color, size, material ON products BEGIN
  DELETE FROM products_fts WHERE rowid = old.id;
  INSERT INTO products_fts(rowid, title, brand, category, attributes)
  VALUES (new.id, new.title, new.brand,
          (SELECT path_name FROM categories WHERE id = new.category_id),
          concat_ws(' ', new.color, new.size, new.material));
END;
CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
  DELETE FROM products_fts WHERE rowid = old.id;
END;

CREATE TABLE inventory (
  sku          TEXT NOT NULL REFERENCES products(sku) ON DELETE CASCADE,
  location_id  TEXT NOT NULL REFERENCES locations(id),
  on_hand      INTEGER NOT NULL CHECK (on_hand >= 0),
  reserved     INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  updated_at   TEXT NOT NULL,
  version      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (sku, location_id)
) WITHOUT ROWID;
CREATE INDEX inventory_location ON inventory(location_id, sku);

CREATE TABLE customers (
  id              TEXT PRIMARY KEY,
  first_name      TEXT NOT NULL,
  last_name       TEXT NOT NULL,
  -- lower-cased, accent-free copies for lookup by name
  first_name_key  TEXT NOT NULL,
  last_name_key   TEXT NOT NULL,
  home_store_id   TEXT REFERENCES locations(id),
  address_line    TEXT,
  city            TEXT,
  region          TEXT,
  postal_code     TEXT,
  status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suppressed', 'erased')),
  merged_into     TEXT REFERENCES customers(id),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX customers_last_first ON customers(last_name_key, first_name_key);
CREATE INDEX customers_first_last ON customers(first_name_key, last_name_key);

-- value is normalized for matching (see core/identity); raw is what was entered.
-- Two profiles may share a normalized value (one person, two profiles): no UNIQUE on value.
CREATE TABLE customer_identifiers (
  kind         TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'loyalty')),
  value        TEXT NOT NULL,
  customer_id  TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  raw          TEXT NOT NULL,
  is_primary   INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
  created_at   TEXT NOT NULL,
  PRIMARY KEY (kind, value, customer_id)
) WITHOUT ROWID;
CREATE INDEX customer_identifiers_customer ON customer_identifiers(customer_id);

-- Current consent per purpose and channel; every change also goes to the outbox.
CREATE TABLE consents (
  customer_id   TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  purpose       TEXT NOT NULL CHECK (purpose IN ('receipts', 'marketing', 'personalization')),
  channel       TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'in_store')),
  status        TEXT NOT NULL CHECK (status IN ('granted', 'withdrawn', 'suppressed')),
  source        TEXT NOT NULL,
  text_version  TEXT NOT NULL,
  recorded_by   TEXT,
  store_id      TEXT,
  register_id   TEXT,
  recorded_at   TEXT NOT NULL,
  PRIMARY KEY (customer_id, purpose, channel)
) WITHOUT ROWID;

CREATE TABLE orders (
  id              TEXT PRIMARY KEY,
  customer_id     TEXT REFERENCES customers(id),
  channel         TEXT NOT NULL CHECK (channel IN ('store', 'online', 'endless_aisle')),
  location_id     TEXT REFERENCES locations(id),
  register_id     TEXT,
  associate_id    TEXT,
  placed_at       TEXT NOT NULL,
  subtotal_cents  INTEGER NOT NULL,
  discount_cents  INTEGER NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
  status          TEXT NOT NULL DEFAULT 'completed' CHECK (status IN ('pending', 'completed', 'cancelled', 'returned')),
  version         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX orders_customer_placed ON orders(customer_id, placed_at);
CREATE INDEX orders_placed ON orders(placed_at);

-- sku has no foreign key: history keeps lines for products since removed from the catalog
CREATE TABLE order_lines (
  order_id          TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  line_no           INTEGER NOT NULL,
  sku               TEXT NOT NULL,
  quantity          INTEGER NOT NULL,
  unit_price_cents  INTEGER NOT NULL,
  discount_cents    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (order_id, line_no)
) WITHOUT ROWID;
CREATE INDEX order_lines_sku ON order_lines(sku);

-- Derived from orders; recomputable at any time.
CREATE TABLE customer_features (
  customer_id           TEXT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
  first_order_at        TEXT,
  last_order_at         TEXT,
  order_count           INTEGER NOT NULL DEFAULT 0,
  orders_last_365d      INTEGER NOT NULL DEFAULT 0,
  monetary_cents        INTEGER NOT NULL DEFAULT 0,
  avg_order_cents       INTEGER NOT NULL DEFAULT 0,
  usual_gap_days        REAL,
  churn_risk            REAL NOT NULL DEFAULT 0 CHECK (churn_risk BETWEEN 0 AND 1),
  value_estimate_cents  INTEGER NOT NULL DEFAULT 0,
  discount_share        REAL NOT NULL DEFAULT 0 CHECK (discount_share BETWEEN 0 AND 1),
  segment               TEXT NOT NULL CHECK (segment IN ('prospect', 'first_timer', 'regular', 'vip', 'lapsing', 'bargain_hunter')),
  computed_at           TEXT NOT NULL
);
CREATE INDEX customer_features_segment ON customer_features(segment);

-- Merchandiser policy: immutable published versions, exactly one active.
CREATE TABLE merch_config (
  version       INTEGER PRIMARY KEY,
  status        TEXT NOT NULL CHECK (status IN ('published', 'rolled_back')),
  is_active     INTEGER NOT NULL DEFAULT 0 CHECK (is_active IN (0, 1)),
  author        TEXT NOT NULL,
  note          TEXT NOT NULL DEFAULT '',
  published_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX merch_config_one_active ON merch_config(is_active) WHERE is_active = 1;

CREATE TABLE merch_affinities (
  version          INTEGER NOT NULL REFERENCES merch_config(version) ON DELETE CASCADE,
  id               TEXT NOT NULL,
  from_category_id TEXT NOT NULL REFERENCES categories(id),
  to_category_id   TEXT NOT NULL REFERENCES categories(id),
  min_delay_days   INTEGER NOT NULL CHECK (min_delay_days >= 0),
  max_delay_days   INTEGER NOT NULL CHECK (max_delay_days >= min_delay_days),
  weight           REAL NOT NULL CHECK (weight > 0),
  season_start     TEXT,   -- 'MM-DD', inclusive; NULL = all year
  season_end       TEXT,
  active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  note             TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (version, id)
) WITHOUT ROWID;
CREATE INDEX merch_affinities_from ON merch_affinities(version, from_category_id);

-- affinity limited to some SKUs or some stores (none listed = all)
CREATE TABLE merch_affinity_skus (
  version      INTEGER NOT NULL,
  affinity_id  TEXT NOT NULL,
  sku          TEXT NOT NULL,
  PRIMARY KEY (version, affinity_id, sku),
  FOREIGN KEY (version, affinity_id) REFERENCES merch_affinities(version, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE merch_affinity_stores (
  version      INTEGER NOT NULL,
  affinity_id  TEXT NOT NULL,
  store_id     TEXT NOT NULL REFERENCES locations(id),
  PRIMARY KEY (version, affinity_id, store_id),
  FOREIGN KEY (version, affinity_id) REFERENCES merch_affinities(version, id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE merch_guardrails (
  version                    INTEGER PRIMARY KEY REFERENCES merch_config(version) ON DELETE CASCADE,
  exclusion_window_days      INTEGER NOT NULL CHECK (exclusion_window_days >= 0),
  stock_threshold            INTEGER NOT NULL CHECK (stock_threshold >= 0),
  safety_buffer              INTEGER NOT NULL CHECK (safety_buffer >= 0),
  inventory_max_age_minutes  INTEGER NOT NULL CHECK (inventory_max_age_minutes > 0),
  min_price_cents            INTEGER NOT NULL CHECK (min_price_cents >= 0),
  margin_floor               REAL NOT NULL CHECK (margin_floor BETWEEN 0 AND 1),
  new_arrival_boost          REAL NOT NULL CHECK (new_arrival_boost >= 0),
  new_arrival_window_days    INTEGER NOT NULL CHECK (new_arrival_window_days >= 0),
  clearance_penalty          REAL NOT NULL CHECK (clearance_penalty BETWEEN 0 AND 1),
  frequency_cap_per_week     INTEGER NOT NULL CHECK (frequency_cap_per_week >= 0),
  concierge_cart_cents       INTEGER NOT NULL CHECK (concierge_cart_cents >= 0),
  exploration_share          REAL NOT NULL CHECK (exploration_share BETWEEN 0 AND 0.5),
  holdout_share              REAL NOT NULL CHECK (holdout_share BETWEEN 0 AND 0.5)
);

CREATE TABLE merch_blocked_categories (
  version      INTEGER NOT NULL REFERENCES merch_config(version) ON DELETE CASCADE,
  category_id  TEXT NOT NULL REFERENCES categories(id),
  PRIMARY KEY (version, category_id)
) WITHOUT ROWID;

-- Everything this device produced, until the hub acknowledges it.
-- id is client-generated and time-sortable (UUIDv7), so id order is creation order.
CREATE TABLE outbox (
  id               TEXT PRIMARY KEY,
  kind             TEXT NOT NULL,
  payload          TEXT NOT NULL CHECK (json_valid(payload)),
  created_at       TEXT NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0,
  last_attempt_at  TEXT,
  rejected_reason  TEXT,
  rejected_at      TEXT
);
CREATE INDEX outbox_kind ON outbox(kind, id);

CREATE TABLE audit_log (
  id              TEXT PRIMARY KEY,
  at              TEXT NOT NULL,
  actor_id        TEXT,
  store_id        TEXT,
  action          TEXT NOT NULL,
  subject_type    TEXT,
  subject_id      TEXT,
  policy_version  INTEGER,
  inputs_summary  TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(inputs_summary)),
  rules_fired     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(rules_fired)),
  justification   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_subject ON audit_log(subject_type, subject_id, at);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE sync_state (
  stream            TEXT PRIMARY KEY CHECK (stream IN ('inventory', 'catalog', 'customers', 'orders', 'merch_config')),
  cursor            TEXT NOT NULL DEFAULT '0',
  last_success_at   TEXT,
  last_attempt_at   TEXT,
  last_error        TEXT,
  last_error_at     TEXT
);
INSERT INTO sync_state(stream) VALUES ('inventory'), ('catalog'), ('customers'), ('orders'), ('merch_config');

-- People who log in on this device. PINs are stored as scrypt hashes only.
CREATE TABLE staff (
  id               TEXT PRIMARY KEY,
  display_name     TEXT NOT NULL,
  role             TEXT NOT NULL CHECK (role IN ('associate', 'merchandiser', 'manager')),
  store_id         TEXT NOT NULL REFERENCES locations(id),
  pin_hash         TEXT NOT NULL,
  active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_attempts  INTEGER NOT NULL DEFAULT 0,
  locked_until     TEXT
);

-- This device's identity: one row.
CREATE TABLE device (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  device_id    TEXT NOT NULL,
  store_id     TEXT NOT NULL REFERENCES locations(id),
  register_id  TEXT NOT NULL,
  created_at   TEXT NOT NULL
);
`;
