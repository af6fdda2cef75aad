// Where this device's hub is and how it proves who it is: from command-line flags, or from
// `sync.json` in the data folder (what an installer or IT drops next to the replica).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { describeIssues, isLoopbackUrl } from '../protocol/index.js';
import { openHubToken } from './hubToken.js';
import { INVENTORY_MAX_INTERVAL_MS } from './scheduler.js';

export const SYNC_CONFIG_FILE = 'sync.json';

const storeOrRegister = z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash or underscore');

export const hubConfigSchema = z
  .object({
    /** http(s) base URL of the store hub. */
    url: z.url({ protocol: /^https?$/ }),
    /** The device token printed once by `npm run hub -- device add`. */
    token: z.string().min(16).max(512),
    /** The store this device belongs to: a new (empty) device needs it to set itself up. */
    store: storeOrRegister.optional(),
    /** This register's name at the store (default R1). */
    register: storeOrRegister.optional(),
    /** Device id as the hub issued it (shown in `device list`); informational on the device. */
    deviceId: storeOrRegister.optional(),
    /** PEM of the hub's CA, pinned at enrolment (sync/client/enrol.ts): the only CA trusted for this hub. */
    ca: z.string().min(1).max(20_000).optional(),
    /** When the token expires (from enrolment or rotation); the device rotates it well before. */
    tokenExpiresAt: z.string().nullable().optional(),
    /** Inventory pull cadence, at most 5 minutes. */
    inventoryEverySeconds: z.number().int().min(5).max(INVENTORY_MAX_INTERVAL_MS / 1000).optional(),
  })
  .strict()
  // The token and customers' data never cross the store network in clear text.
  .refine((c) => c.url.startsWith('https:') || isLoopbackUrl(c.url), { message: 'a hub on another machine is reached over https:// only', path: ['url'] });

export type HubConfig = z.infer<typeof hubConfigSchema>;

export class HubConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HubConfigError';
  }
}

/** Validates a config from any source, naming the source in the error. */
export function parseHubConfig(raw: unknown, source: string): HubConfig {
  const parsed = hubConfigSchema.safeParse(raw);
  if (!parsed.success) throw new HubConfigError(`Invalid hub config in ${source}: ${describeIssues(parsed.error).join('; ')}`);
  return parsed.data;
}

/**
 * Flags win over the file; neither = a standalone device (null). `--hub` without a token is a
 * mistake, not a standalone device.
 */
export function resolveHubConfig(
  dataDir: string,
  flags: { hub?: string; token?: string; store?: string; register?: string },
  /** The device's config key: sync.json's token is sealed with it (see hubToken.ts). */
  configKey?: Buffer,
): HubConfig | null {
  if (flags.hub !== undefined || flags.token !== undefined) {
    if (!flags.hub || !flags.token) throw new HubConfigError('Give both --hub URL and --hub-token TOKEN.');
    const raw: Record<string, unknown> = { url: flags.hub, token: flags.token };
    if (flags.store) raw.store = flags.store;
    if (flags.register) raw.register = flags.register;
    return parseHubConfig(raw, 'the command line');
  }
  const file = path.join(dataDir, SYNC_CONFIG_FILE);
  if (!fs.existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new HubConfigError(`${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    raw = openHubToken(raw, file, configKey);
  } catch (err) {
    throw new HubConfigError(err instanceof Error ? err.message : String(err));
  }
  return parseHubConfig(raw, file);
}
