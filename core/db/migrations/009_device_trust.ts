// Device trust: escalating PIN lockout counted in attempts and monotonic time, PINs flagged
// for change, the register's security settings, and refused events a manager dismissed.
export const up = /* sql */ `
-- failed_attempts now counts every wrong PIN since the last good one (5, 10, 15 escalate).
-- lock_ms: how long the current lock lasts (-1 = until a manager unlocks), NULL when none;
-- lock_elapsed_ms: how much of it has passed, measured on the register's monotonic clock, so
-- moving the wall clock forward never lifts a lock.
ALTER TABLE staff ADD COLUMN lock_ms INTEGER;
ALTER TABLE staff ADD COLUMN lock_elapsed_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN pin_change_due INTEGER NOT NULL DEFAULT 0 CHECK (pin_change_due IN (0, 1));

-- Chain-wide settings as this register knows them (defaults until the hub sends others).
CREATE TABLE security_settings (
  key    TEXT PRIMARY KEY CHECK (key IN ('pin_length', 'idle_logout_minutes', 'update_channel')),
  value  TEXT NOT NULL
);
-- A refused event a manager dismissed, with why: kept, never deleted (nothing the device
-- produced is lost), but no longer in the outbox.
CREATE TABLE outbox_dismissed (
  id               TEXT PRIMARY KEY,
  kind             TEXT NOT NULL,
  payload          TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  rejected_reason  TEXT NOT NULL,
  rejected_at      TEXT,
  dismissed_at     TEXT NOT NULL,
  dismissed_by     TEXT NOT NULL,
  dismiss_reason   TEXT NOT NULL
);

INSERT INTO security_settings (key, value) VALUES ('pin_length', '6'), ('idle_logout_minutes', '10'), ('update_channel', 'stable');
`;
