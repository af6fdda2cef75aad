// Where this device's secrets come from. Core only knows this interface: the web host keeps the
// master key in a 0600 file in the data folder (fileKeyStore.ts), the desktop app seals it with
// the OS keystore through Electron's safeStorage (electron/safeStorageKeyStore.ts).
import { hkdfSync } from 'node:crypto';

export const MASTER_KEY_BYTES = 32;

export interface KeyStore {
  /** This device's random master key, created on first use; never written in clear outside the store. */
  masterKey(): Buffer;
}

/** The keys each job uses, derived from the master key so that one secret is stored, not three. */
export interface DeviceKeys {
  /** The SQLCipher key of the replica (and so of its WAL and migration backups). */
  replica: Buffer;
  /** Mixed into every PIN hash, so a copied replica alone cannot be brute-forced offline. */
  pinPepper: Buffer;
  /** Seals secrets kept in config files (the hub token in sync.json). */
  config: Buffer;
}

export function deriveKeys(master: Buffer): DeviceKeys {
  if (master.length !== MASTER_KEY_BYTES) throw new Error(`A device master key is ${MASTER_KEY_BYTES} bytes; this one is ${master.length}.`);
  const derive = (label: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `endcap/${label}/v1`, 32));
  return { replica: derive('replica'), pinPepper: derive('pin-pepper'), config: derive('config') };
}
