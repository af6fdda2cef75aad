// The hub token in sync.json is sealed with the device's config key: a copied data folder (or a
// backup of it) does not hand out the register's credentials. A token an installer wrote in
// clear is sealed in place the first time the register reads it.
import fs from 'node:fs';
import { isSealed, seal, SealError, unseal } from '../../core/keys/seal.js';


/**
 * Returns the config with its token in clear (in memory only). When the file held it in clear
 * and a key is at hand, the file is rewritten with the token sealed (write beside, then rename).
 */
export function openHubToken(raw: unknown, file: string, configKey: Buffer | undefined): unknown {
  if (typeof raw !== 'object' || raw === null || typeof (raw as { token?: unknown }).token !== 'string') return raw;
  const record = raw as Record<string, unknown> & { token: string };
  if (isSealed(record.token)) {
    if (!configKey) throw new SealError(`The hub token in ${file} is sealed, and this host has no device key to open it.`);
    return { ...record, token: unseal(configKey, record.token) };
  }
  if (configKey) {
    const sealed = { ...record, token: seal(configKey, record.token) };
    const tmp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, `${JSON.stringify(sealed, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, file);
  }
  return record;
}

/**
 * What enrolment, a token rotation or an installer writes: the token sealed from the start when
 * the host has a device key (tests without one write it in clear; it is sealed on first read).
 */
export function writeHubConfigFile(file: string, config: object & { token: string }, configKey: Buffer | undefined): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const token = configKey ? seal(configKey, config.token) : config.token;
  fs.writeFileSync(tmp, `${JSON.stringify({ ...config, token }, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
