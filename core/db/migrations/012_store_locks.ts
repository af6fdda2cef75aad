// PIN locks and PIN changes shared with the store's other registers through the hub.
export const up = /* sql */ `
-- lock_at: when this register last decided the person's lock (a lock, a manager's unlock, a
-- good PIN). store_lock_*: the lock as the hub decided it from every register of the store
-- (replicated; ms -1 = until a manager unlocks, NULL = unlocked). The newer decision wins,
-- so a pulled row never wipes a lock this register made offline after it.
ALTER TABLE staff ADD COLUMN lock_at TEXT;
ALTER TABLE staff ADD COLUMN store_lock_ms INTEGER;
ALTER TABLE staff ADD COLUMN store_lock_failed INTEGER;
ALTER TABLE staff ADD COLUMN store_lock_at TEXT;
-- 'scrypt$N$salt' of the PIN hash the hub holds (never its key), kept when this register
-- re-hashes a PIN with its own pepper: a PIN change proves the old PIN to the hub with it.
ALTER TABLE staff ADD COLUMN hub_pin_params TEXT;
`;
