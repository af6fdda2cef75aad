// The web host's key store: the master key in `endcap.key` (hex, mode 0600) in the data folder.
// A browser host has no OS keystore to lean on; the file keeps the key out of the replica and
// out of reach of other local users.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MASTER_KEY_BYTES, type KeyStore } from './keyStore.js';

export const KEY_FILE = 'endcap.key';

export class KeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFileError';
  }
}

export function fileKeyStore(dataDir: string): KeyStore {
  const file = path.join(dataDir, KEY_FILE);
  let cached: Buffer | null = null;
  return {
    masterKey() {
      cached ??= readOrCreate(file);
      return cached;
    },
  };
}

function readOrCreate(file: string): Buffer {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const key = randomBytes(MASTER_KEY_BYTES);
    // 'wx': never overwrite a key another process just wrote (that would orphan its replica).
    try {
      fs.writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      return key;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  // A key file copied around with looser rights is tightened rather than trusted as is.
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text)) throw new KeyFileError(`${file} is not an Endcap device key (64 hex digits expected).`);
  return Buffer.from(text, 'hex');
}
