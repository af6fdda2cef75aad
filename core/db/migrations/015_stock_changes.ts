// Every change to a stock figure, in order, so the engine can keep the stock it has read between
// decisions and drop only what changed (core/engine/stockCache.ts). A decision looks at about
// 190 SKUs' stock at 250k products, most of it unchanged since the last customer; reading it
// again was a fifth of a decision's time. Triggers write the log, so no writer (the inventory
// pull, an order's hold and release, a product's removal) can forget to. The inventory pull
// trims it (`trimStockChanges`), not a trigger: a trimming trigger made every upsert 3× dearer.
export const up = /* sql */ `
CREATE TABLE inventory_changes (
  seq         INTEGER PRIMARY KEY,
  sku         TEXT NOT NULL,
  location_id TEXT NOT NULL,
  -- a rolled-back change's seq is given out again; the random tag tells the two apart
  tag         INTEGER NOT NULL DEFAULT (random())
);

CREATE TRIGGER inventory_changed_insert AFTER INSERT ON inventory BEGIN
  INSERT INTO inventory_changes (sku, location_id) VALUES (NEW.sku, NEW.location_id);
END;

CREATE TRIGGER inventory_changed_figures AFTER UPDATE OF on_hand, reserved, local_reserved ON inventory BEGIN
  INSERT INTO inventory_changes (sku, location_id) VALUES (NEW.sku, NEW.location_id);
END;

-- no writer changes a row's key today; if one ever does, both figures change
CREATE TRIGGER inventory_changed_key AFTER UPDATE OF sku, location_id ON inventory BEGIN
  INSERT INTO inventory_changes (sku, location_id) VALUES (OLD.sku, OLD.location_id), (NEW.sku, NEW.location_id);
END;

CREATE TRIGGER inventory_changed_delete AFTER DELETE ON inventory BEGIN
  INSERT INTO inventory_changes (sku, location_id) VALUES (OLD.sku, OLD.location_id);
END;
`;
