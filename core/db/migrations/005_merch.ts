// The merchandiser console (issue 8): one working draft per device, incentive rules per
// shopper type as part of each published version, and where versions came from.
export const up = /* sql */ `
-- The one shared working draft of this device: the whole policy as JSON, saved with who and when.
-- Every save raises the revision, so two people cannot silently overwrite each other.
CREATE TABLE merch_draft (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  policy            TEXT NOT NULL CHECK (json_valid(policy)),
  revision          INTEGER NOT NULL CHECK (revision >= 1),
  based_on_version  INTEGER NOT NULL CHECK (based_on_version >= 0),
  updated_by        TEXT,
  updated_by_name   TEXT,
  updated_at        TEXT NOT NULL
);

-- Which incentives each shopper type may be offered, per version. Every allowed pair is stored
-- (enabled or not); a version with no rows was published before these rules existed and keeps
-- the engine's built-in ones.
CREATE TABLE merch_incentive_rules (
  version       INTEGER NOT NULL REFERENCES merch_config(version) ON DELETE CASCADE,
  shopper_type  TEXT NOT NULL CHECK (shopper_type IN ('first_timer', 'regular', 'vip', 'lapsing', 'bargain_hunter', 'big_cart')),
  incentive     TEXT NOT NULL CHECK (incentive IN ('free_shipping', 'early_access', 'sample', 'scarcity', 'concierge')),
  enabled       INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  PRIMARY KEY (version, shopper_type, incentive)
) WITHOUT ROWID;

-- The draft's base when a version was published on this device (versions pulled from the hub have none).
CREATE TABLE merch_version_parents (
  version         INTEGER PRIMARY KEY REFERENCES merch_config(version) ON DELETE CASCADE,
  parent_version  INTEGER NOT NULL CHECK (parent_version >= 0)
);

-- Every time this device made a version active (publish or roll back), oldest first.
CREATE TABLE merch_activations (
  seq      INTEGER PRIMARY KEY,
  version  INTEGER NOT NULL,
  kind     TEXT NOT NULL CHECK (kind IN ('published', 'rolled_back')),
  at       TEXT NOT NULL,
  by_name  TEXT NOT NULL,
  note     TEXT NOT NULL DEFAULT ''
);
`;
