// Connector credentials are sealed at rest (AES-256-GCM) with a key the hub keeps beside its
// database in a file only its user may read (0600). They are opened only to call the vendor, and
// never printed: list and status show `redacted`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** What list and status print in place of a credential. */
export const REDACTED = '[redacted]';

/**
 * The box for the key in `file`, read — or made (32 random bytes, mode 0600, its folder too) — on
 * first use: a hub that never seals or opens a credential (no connectors) never touches the file.
 */
export function keyFileBox(file: string): SecretBox {
  let box: SecretBox | undefined;
  const opened = () => (box ??= keyBox(readKey(file)));
  return { seal: (plain) => opened().seal(plain), open: (sealed) => opened().open(sealed) };
}

function readKey(file: string): Buffer {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process made it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const mode = fs.statSync(file).mode & 0o077;
  if (mode !== 0) throw new Error(`${file} is readable by other users; chmod 600 it (it seals the connectors' credentials).`);
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length !== 32) throw new Error(`${file} does not hold a 256-bit key.`);
  return key;
}

export function keyBox(key: Buffer): SecretBox {
  return {
    seal(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
    },
    open(sealed) {
      const [v, iv, tag, body] = sealed.split(':');
      if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('A connector credential is not in the sealed form the hub writes.');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('A connector credential cannot be opened with this hub\'s connector key (was the key file replaced?).');
      }
    },
  };
}
