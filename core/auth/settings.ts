// The register's security settings (chain-wide values as this register knows them).
import type Database from 'better-sqlite3';
import { DEFAULT_PIN_LENGTH, MAX_PIN_LENGTH, MIN_PIN_LENGTH } from './pin.js';

export interface SecuritySettings {
  /** Digits a new PIN must have. */
  pinLength: number;
  /** Minutes without activity before a session ends. */
  idleLogoutMinutes: number;
  updateChannel: 'stable' | 'beta';
}

export const DEFAULT_SECURITY: SecuritySettings = { pinLength: DEFAULT_PIN_LENGTH, idleLogoutMinutes: 10, updateChannel: 'stable' };

/** Reads the settings; missing or out-of-range values fall back to the safe defaults. */
export function readSecuritySettings(db: Database.Database): SecuritySettings {
  const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'security_settings'`).get();
  if (!hasTable) return DEFAULT_SECURITY;
  const rows = new Map((db.prepare(`SELECT key, value FROM security_settings`).all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
  const int = (key: string, min: number, max: number, fallback: number) => {
    const n = Number(rows.get(key));
    return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
  };
  const channel = rows.get('update_channel');
  return {
    pinLength: int('pin_length', MIN_PIN_LENGTH, MAX_PIN_LENGTH, DEFAULT_SECURITY.pinLength),
    idleLogoutMinutes: int('idle_logout_minutes', 1, 240, DEFAULT_SECURITY.idleLogoutMinutes),
    updateChannel: channel === 'beta' ? 'beta' : 'stable',
  };
}

export function writeSecuritySetting(db: Database.Database, key: 'pin_length' | 'idle_logout_minutes' | 'update_channel', value: string): void {
  db.prepare(`INSERT INTO security_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(key, value);
}
