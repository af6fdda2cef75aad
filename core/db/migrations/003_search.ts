// Endless-aisle search and ship-to-home orders (DESIGN §5): the retailer's synonyms and units,
// a generation counter that tells the search's in-memory vocabulary when the catalog changed,
// orders placed on this device, and the stock they hold until the hub confirms them.
export const up = /* sql */ `
-- Words a retailer treats as the same: 'tee' = 't-shirt'; units: 'l' = 'litre' (so '2l' = '2 litre').
-- Both sides are stored as search words (lower case, no accents); a phrase is words split by spaces.
CREATE TABLE search_synonyms (
  term        TEXT NOT NULL CHECK (length(term) BETWEEN 1 AND 60),
  equivalent  TEXT NOT NULL CHECK (length(equivalent) BETWEEN 1 AND 60),
  kind        TEXT NOT NULL DEFAULT 'synonym' CHECK (kind IN ('synonym', 'unit')),
  PRIMARY KEY (term, equivalent)
) WITHOUT ROWID;

INSERT INTO search_synonyms (term, equivalent, kind) VALUES
  ('tee', 't shirt', 'synonym'), ('tshirt', 't shirt', 'synonym'), ('t shirt', 'tee', 'synonym'),
  ('hoody', 'hoodie', 'synonym'), ('sweatshirt', 'hoodie', 'synonym'), ('hoodie', 'sweatshirt', 'synonym'),
  ('sleepingbag', 'sleeping bag', 'synonym'), ('rucksack', 'backpack', 'synonym'), ('backpack', 'rucksack', 'synonym'),
  ('flashlight', 'headlamp', 'synonym'), ('torch', 'flashlight', 'synonym'), ('sneakers', 'shoes', 'synonym'),
  ('trainers', 'shoes', 'synonym'), ('beanie', 'hat', 'synonym'), ('grey', 'gray', 'synonym'), ('gray', 'grey', 'synonym'),
  ('colour', 'color', 'synonym'), ('mug', 'cup', 'synonym'), ('cup', 'mug', 'synonym'),
  ('l', 'litre', 'unit'), ('l', 'liter', 'unit'), ('litre', 'l', 'unit'), ('liter', 'l', 'unit'),
  ('ml', 'millilitre', 'unit'), ('qt', 'quart', 'unit'), ('quart', 'qt', 'unit'), ('oz', 'ounce', 'unit'),
  ('ounce', 'oz', 'unit'), ('lb', 'pound', 'unit'), ('pound', 'lb', 'unit'), ('g', 'gram', 'unit'), ('gram', 'g', 'unit'),
  ('kg', 'kilogram', 'unit'), ('p', 'person', 'unit'), ('person', 'p', 'unit'), ('in', 'inch', 'unit'), ('cm', 'centimetre', 'unit');

-- Relevance: bm25 with the title weighing most, then brand, category path and attributes.
INSERT INTO products_fts (products_fts, rank) VALUES ('rank', 'bm25(6.0, 3.0, 1.5, 1.0)');

-- Bumped whenever an indexed product field or a synonym changes; the search reloads its
-- vocabulary (for typo correction) only when this moves, never at app start.
CREATE TABLE search_state (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  generation  INTEGER NOT NULL
);
INSERT INTO search_state (id, generation) VALUES (1, 1);

CREATE TRIGGER search_generation_product_insert AFTER INSERT ON products BEGIN
  UPDATE search_state SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER search_generation_product_update AFTER UPDATE OF title, brand, category_id, color, size, material ON products BEGIN
  UPDATE search_state SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER search_generation_product_delete AFTER DELETE ON products BEGIN
  UPDATE search_state SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER search_generation_synonyms_insert AFTER INSERT ON search_synonyms BEGIN
  UPDATE search_state SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER search_generation_synonyms_delete AFTER DELETE ON search_synonyms BEGIN
  UPDATE search_state SET generation = generation + 1 WHERE id = 1;
END;

-- A renamed category re-indexes only its own products (the index is never rebuilt wholesale).
CREATE TRIGGER products_fts_category_rename AFTER UPDATE OF path_name ON categories BEGIN
  DELETE FROM products_fts WHERE rowid IN (SELECT id FROM products WHERE category_id = new.id);
  INSERT INTO products_fts (rowid, title, brand, category, attributes)
    SELECT id, title, brand, new.path_name, concat_ws(' ', color, size, material) FROM products WHERE category_id = new.id;
  UPDATE search_state SET generation = generation + 1 WHERE id = 1;
END;

-- Units held for ship-to-home orders placed here and not yet confirmed by the hub. The hub's
-- own 'reserved' covers an order once it confirms it; then this count goes down again.
ALTER TABLE inventory ADD COLUMN local_reserved INTEGER NOT NULL DEFAULT 0 CHECK (local_reserved >= 0);

-- Ship-to-home orders placed on this device (endless aisle). The id is client-generated (UUIDv7)
-- and is the id the hub deduplicates on. Product and customer facts are copied as they were
-- when the order was placed.
CREATE TABLE aisle_orders (
  id                   TEXT PRIMARY KEY,
  status               TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'rejected', 'cancelled')),
  sku                  TEXT NOT NULL REFERENCES products(sku),
  title                TEXT NOT NULL,
  quantity             INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
  unit_price_cents     INTEGER NOT NULL CHECK (unit_price_cents >= 0),
  source_location_id   TEXT NOT NULL REFERENCES locations(id),
  lead_time_days       INTEGER NOT NULL CHECK (lead_time_days >= 0),
  customer_id          TEXT REFERENCES customers(id),
  customer_name        TEXT NOT NULL,
  customer_email       TEXT,
  customer_phone       TEXT,
  address_line         TEXT NOT NULL,
  city                 TEXT NOT NULL,
  region               TEXT NOT NULL,
  postal_code          TEXT NOT NULL,
  store_id             TEXT NOT NULL REFERENCES locations(id),
  register_id          TEXT NOT NULL,
  associate_id         TEXT NOT NULL,
  placed_at            TEXT NOT NULL,
  outbox_id            TEXT NOT NULL,
  confirmed_at         TEXT,
  rejected_reason      TEXT
);
CREATE INDEX aisle_orders_associate ON aisle_orders(associate_id, placed_at);
CREATE INDEX aisle_orders_status ON aisle_orders(status, placed_at);
`;
