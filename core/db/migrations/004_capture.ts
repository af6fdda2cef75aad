// Checkout email capture (DESIGN §6): one outcome per checkout, append-only, and roll-ups kept
// by a trigger in the same transaction, so the manager's dashboard reads per-day and per-hour
// buckets instead of every checkout.
export const up = /* sql */ `
-- customer_id has no foreign key: an outcome outlives the profile it touched (erasure,
-- a merge, a tombstone from the hub) and must still count in the capture rate.
CREATE TABLE checkout_outcomes (
  id                      TEXT PRIMARY KEY,          -- UUIDv7, minted on this device
  occurred_at             TEXT NOT NULL,             -- ISO UTC
  -- the store's own calendar, fixed when recorded so reports never re-derive time zones
  local_day               TEXT NOT NULL CHECK (local_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  local_hour              INTEGER NOT NULL CHECK (local_hour BETWEEN 0 AND 23),
  weekday                 INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),   -- 0 = Sunday
  store_id                TEXT NOT NULL,
  register_id             TEXT NOT NULL,
  associate_id            TEXT NOT NULL,
  outcome                 TEXT NOT NULL CHECK (outcome IN ('captured_new', 'captured_updated', 'already_on_file', 'declined', 'invalid')),
  decline_reason          TEXT CHECK (decline_reason IN ('no_email', 'privacy', 'too_many_emails', 'in_a_hurry', 'not_asked')),
  customer_id             TEXT,
  typo_suggested          INTEGER NOT NULL DEFAULT 0 CHECK (typo_suggested IN (0, 1)),
  typo_accepted           INTEGER NOT NULL DEFAULT 0 CHECK (typo_accepted IN (0, 1)),
  receipts_opt_in         INTEGER NOT NULL DEFAULT 0 CHECK (receipts_opt_in IN (0, 1)),
  marketing_opt_in        INTEGER NOT NULL DEFAULT 0 CHECK (marketing_opt_in IN (0, 1)),
  personalization_opt_in  INTEGER NOT NULL DEFAULT 0 CHECK (personalization_opt_in IN (0, 1)),
  consent_text_version    TEXT,
  CHECK ((outcome = 'declined') = (decline_reason IS NOT NULL)),
  CHECK (typo_accepted <= typo_suggested),
  -- consent is asked only when an address was captured
  CHECK (outcome IN ('captured_new', 'captured_updated') OR receipts_opt_in + marketing_opt_in + personalization_opt_in = 0)
);
CREATE INDEX checkout_outcomes_store_day ON checkout_outcomes(store_id, local_day);
CREATE INDEX checkout_outcomes_customer ON checkout_outcomes(customer_id) WHERE customer_id IS NOT NULL;

CREATE TRIGGER checkout_outcomes_no_update BEFORE UPDATE ON checkout_outcomes BEGIN
  SELECT RAISE(ABORT, 'checkout outcomes are append-only');
END;
CREATE TRIGGER checkout_outcomes_no_delete BEFORE DELETE ON checkout_outcomes BEGIN
  SELECT RAISE(ABORT, 'checkout outcomes are append-only');
END;

-- Derived counts, rebuildable from checkout_outcomes. Keyed store first, then day, so one store's
-- range is one seek and the whole chain is one seek per store. Per day and till (register ×
-- associate) for everything but the hour; per hour for the heat map.
CREATE TABLE checkout_daily (
  store_id                TEXT NOT NULL,
  local_day               TEXT NOT NULL,
  register_id             TEXT NOT NULL,
  associate_id            TEXT NOT NULL,
  checkouts               INTEGER NOT NULL,
  captured_new            INTEGER NOT NULL,
  captured_updated        INTEGER NOT NULL,
  already_on_file         INTEGER NOT NULL,
  declined                INTEGER NOT NULL,
  invalid                 INTEGER NOT NULL,
  declined_no_email       INTEGER NOT NULL,
  declined_privacy        INTEGER NOT NULL,
  declined_too_many       INTEGER NOT NULL,
  declined_in_a_hurry     INTEGER NOT NULL,
  declined_not_asked      INTEGER NOT NULL,
  receipts_opt_in         INTEGER NOT NULL,
  marketing_opt_in        INTEGER NOT NULL,
  personalization_opt_in  INTEGER NOT NULL,
  typo_suggested          INTEGER NOT NULL,
  typo_accepted           INTEGER NOT NULL,
  PRIMARY KEY (store_id, local_day, register_id, associate_id)
) WITHOUT ROWID;

CREATE TABLE checkout_hourly (
  store_id    TEXT NOT NULL,
  local_day   TEXT NOT NULL,
  local_hour  INTEGER NOT NULL,
  weekday     INTEGER NOT NULL,
  eligible    INTEGER NOT NULL,
  captured    INTEGER NOT NULL,
  PRIMARY KEY (store_id, local_day, local_hour)
) WITHOUT ROWID;

CREATE TRIGGER checkout_outcomes_rollup AFTER INSERT ON checkout_outcomes BEGIN
  INSERT INTO checkout_daily VALUES (
    new.store_id, new.local_day, new.register_id, new.associate_id, 1,
    new.outcome = 'captured_new', new.outcome = 'captured_updated', new.outcome = 'already_on_file',
    new.outcome = 'declined', new.outcome = 'invalid',
    new.decline_reason IS 'no_email', new.decline_reason IS 'privacy', new.decline_reason IS 'too_many_emails',
    new.decline_reason IS 'in_a_hurry', new.decline_reason IS 'not_asked',
    new.receipts_opt_in, new.marketing_opt_in, new.personalization_opt_in, new.typo_suggested, new.typo_accepted)
  ON CONFLICT (store_id, local_day, register_id, associate_id) DO UPDATE SET
    checkouts = checkouts + 1,
    captured_new = captured_new + excluded.captured_new,
    captured_updated = captured_updated + excluded.captured_updated,
    already_on_file = already_on_file + excluded.already_on_file,
    declined = declined + excluded.declined,
    invalid = invalid + excluded.invalid,
    declined_no_email = declined_no_email + excluded.declined_no_email,
    declined_privacy = declined_privacy + excluded.declined_privacy,
    declined_too_many = declined_too_many + excluded.declined_too_many,
    declined_in_a_hurry = declined_in_a_hurry + excluded.declined_in_a_hurry,
    declined_not_asked = declined_not_asked + excluded.declined_not_asked,
    receipts_opt_in = receipts_opt_in + excluded.receipts_opt_in,
    marketing_opt_in = marketing_opt_in + excluded.marketing_opt_in,
    personalization_opt_in = personalization_opt_in + excluded.personalization_opt_in,
    typo_suggested = typo_suggested + excluded.typo_suggested,
    typo_accepted = typo_accepted + excluded.typo_accepted;
  INSERT INTO checkout_hourly VALUES (
    new.store_id, new.local_day, new.local_hour, new.weekday,
    new.outcome != 'already_on_file', new.outcome IN ('captured_new', 'captured_updated'))
  ON CONFLICT (store_id, local_day, local_hour) DO UPDATE SET
    eligible = eligible + excluded.eligible,
    captured = captured + excluded.captured;
END;

-- Likely matches by a near-identical email compare local parts within one domain.
CREATE INDEX customer_identifiers_email_domain
  ON customer_identifiers(substr(value, instr(value, '@') + 1)) WHERE kind = 'email';
`;
