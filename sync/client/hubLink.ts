// The hub side of a register's set-up, as the set-up host (core/host/setupHost.ts) asks for it:
// which hub this register is enrolled with, enrolment by code (sync.json written, token sealed by
// the device key), and the sync client for that hub. The web host and Electron's database host
// both build theirs here, so the two behave alike.
import type Database from 'better-sqlite3';
import type { EnrolRefusal } from '../../core/contract/areas/setup.js';
import type { ReplicaLearner } from '../../core/contract/ports.js';
import { hubSync, type DeviceSync, type DeviceSyncOptions } from './deviceSync.js';
import { EnrolError, enrolWithCode, writeHubConfig } from './enrol.js';
import { HubConfigError, type HubConfig } from './hubConfig.js';

export interface HubLinkOptions {
  dataDir: string;
  /** The hub config found at start (flags or sync.json; resolveHubConfig), or null. */
  config: HubConfig | null;
  /** The device's config key: sync.json's token is sealed with it. */
  configKey?: Buffer;
  /** The register name a new enrolment gets (default R1). */
  register?: string;
  /** Extra sync settings (tests: faster cadence, a moving clock). */
  sync?: Omit<DeviceSyncOptions, 'config' | 'onTokenRotated'>;
}

export function hubLink(options: HubLinkOptions) {
  let config = options.config;
  const keep = (c: HubConfig) => {
    config = c;
    writeHubConfig(options.dataDir, c, options.configKey);
  };
  return {
    configured: () => (config ? { url: config.url, storeId: config.store ?? null } : null),

    async enrol(code: string): Promise<{ ok: true; url: string; storeId: string } | { ok: false; reason: EnrolRefusal; message: string }> {
      try {
        const enrolled = await enrolWithCode(code, options.register ? { register: options.register } : {});
        keep(enrolled);
        return { ok: true, url: enrolled.url, storeId: enrolled.store ?? '' };
      } catch (err) {
        if (err instanceof EnrolError) return { ok: false, reason: err.reason, message: err.message };
        if (err instanceof HubConfigError) return { ok: false, reason: 'refused', message: err.message };
        throw err;
      }
    },

    sync(): (db: Database.Database, learner: ReplicaLearner) => DeviceSync {
      if (!config) throw new HubConfigError('No hub is configured for this register.');
      // A rotated token is written back to sync.json (sealed), so the next start uses it.
      return hubSync({ ...options.sync, config, onTokenRotated: keep });
    },
  };
}
