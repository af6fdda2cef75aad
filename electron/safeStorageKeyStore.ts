// The desktop app's key store: the device's master key sealed by the OS keystore (Keychain,
// DPAPI, libsecret/kwallet) through Electron's safeStorage, in `endcap.key.sealed` beside the
// replica. Runs in the main process (safeStorage exists only there); the key reaches the
// database host over its private message port, never on a command line or in the environment.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MASTER_KEY_BYTES, type KeyStore } from '../core/keys/keyStore.js';

export const SEALED_KEY_FILE = 'endcap.key.sealed';

/** What we use of Electron's safeStorage (a fake in tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  /** Linux only: 'basic_text' means no real keystore (a hard-coded password). */
  getSelectedStorageBackend?(): string;
}

export class KeystoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeystoreUnavailableError';
  }
}

export function safeStorageKeyStore(dataDir: string, safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): KeyStore {
  const file = path.join(dataDir, SEALED_KEY_FILE);
  let cached: Buffer | null = null;
  return {
    masterKey() {
      if (cached) return cached;
      if (!safeStorage.isEncryptionAvailable()) {
        throw new KeystoreUnavailableError('This computer offers no keystore to protect the register\'s data key (safeStorage unavailable).');
      }
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
        throw new KeystoreUnavailableError('No desktop keyring (gnome-keyring or kwallet) is running: install or unlock one so the register\'s data key is protected.');
      }
      if (fs.existsSync(file)) {
        const hex = safeStorage.decryptString(fs.readFileSync(file));
        if (!/^[0-9a-f]{64}$/.test(hex)) throw new KeystoreUnavailableError(`${file} does not hold an Endcap device key.`);
        cached = Buffer.from(hex, 'hex');
        return cached;
      }
      fs.mkdirSync(dataDir, { recursive: true });
      const key = randomBytes(MASTER_KEY_BYTES);
      fs.writeFileSync(file, safeStorage.encryptString(key.toString('hex')), { mode: 0o600, flag: 'wx' });
      cached = key;
      return key;
    },
  };
}
