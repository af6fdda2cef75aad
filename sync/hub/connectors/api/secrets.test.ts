import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFileBox } from './secrets.js';

describe('connector credentials at rest', () => {
  it('seals with a key file made 0600 (and its folder) on first use, opens with the same key, and refuses a key others can read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-secrets-'));
    try {
      // A hub that never seals nor opens a credential never makes the file (nor its folder).
      const file = path.join(dir, 'hub', 'connector.key');
      const unused = keyFileBox(file);
      expect(fs.existsSync(path.dirname(file))).toBe(false);
      const sealed = unused.seal('shpat_very_secret');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(sealed).not.toContain('shpat_very_secret');
      expect(keyFileBox(file).open(sealed)).toBe('shpat_very_secret');
      // Tampered text fails to open rather than decrypting to garbage.
      const parts = sealed.split(':');
      parts[3] = Buffer.from('tampered').toString('base64');
      expect(() => keyFileBox(file).open(parts.join(':'))).toThrow(/cannot be opened/);
      fs.chmodSync(file, 0o644);
      expect(() => keyFileBox(file).open(sealed)).toThrow(/readable by other users/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
