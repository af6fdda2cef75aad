// An endless-aisle order copies its product's title and price when placed, so it needs the
// product row no longer; a foreign key to it made a product removed at the hub fail every
// catalog page that deleted it, forever. SQLite cannot drop a constraint: rebuild the table.
export const up = /* sql */ `
CREATE TABLE aisle_orders_rebuilt (
  id                   TEXT PRIMARY KEY,
  status               TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'rejected', 'cancelled')),
  sku                  TEXT NOT NULL,
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
INSERT INTO aisle_orders_rebuilt SELECT * FROM aisle_orders;
DROP TABLE aisle_orders;
ALTER TABLE aisle_orders_rebuilt RENAME TO aisle_orders;
CREATE INDEX aisle_orders_associate ON aisle_orders(associate_id, placed_at);
CREATE INDEX aisle_orders_status ON aisle_orders(status, placed_at);
`;
