// The short enrolment code: typed on a tablet, so forgiving of spaces, dashes, case and look-alike
// letters, but a typing slip is caught by its check characters before anything is sent.
import { describe, expect, it } from 'vitest';
import { decodeEnrolmentCode, encodeEnrolmentCode, enrolmentLookup, enrolmentProof, enrolmentSecretHash, newEnrolmentSecret } from './enrolment.js';

const secret = newEnrolmentSecret();

describe('enrolment code', () => {
  it('is 7 groups of 4 and the hub address, and reads back however it is typed', () => {
    const code = encodeEnrolmentCode({ secret, url: 'https://192.168.1.20:4870' });
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}@192\.168\.1\.20$/);
    expect(code.length).toBe(47);
    const [groups, address] = code.split('@') as [string, string];
    for (const typed of [code, code.toLowerCase(), `  ${groups.replace(/-/g, ' ')} @ ${address} `, `${groups.replace(/-/g, '')}@https://${address}:4870`]) {
      expect(decodeEnrolmentCode(typed)).toEqual({ ok: true, url: 'https://192.168.1.20:4870', secret });
    }
    // Look-alike letters are read as the digits they resemble.
    const zeroOne = `0000-1111-2222-3333-4444-5555-66${'X'}`;
    expect(decodeEnrolmentCode(`${zeroOne.replace(/0/g, 'o').replace(/1/g, 'l')}@h`).ok).toBe(decodeEnrolmentCode(`${zeroOne}@h`).ok);
  });

  it('keeps a port other than 4870 and allows plain http only to this machine', () => {
    expect(decodeEnrolmentCode(encodeEnrolmentCode({ secret, url: 'https://hub.store12.local:9443' }))).toMatchObject({ ok: true, url: 'https://hub.store12.local:9443' });
    expect(decodeEnrolmentCode(encodeEnrolmentCode({ secret, url: 'http://127.0.0.1:4870' }))).toMatchObject({ ok: true, url: 'http://127.0.0.1:4870' });
    const groups = encodeEnrolmentCode({ secret, url: 'https://h' }).split('@')[0];
    expect(decodeEnrolmentCode(`${groups}@http://192.168.1.20:4870`)).toMatchObject({ ok: false, reason: 'not_a_code' });
  });

  it('says what is wrong: no address, wrong length, a character codes never use, a typing slip', () => {
    const code = encodeEnrolmentCode({ secret, url: 'https://10.0.0.5:4870' });
    expect(decodeEnrolmentCode(code.split('@')[0]!)).toMatchObject({ ok: false, reason: 'not_a_code', message: expect.stringMatching(/@ and the hub/) });
    expect(decodeEnrolmentCode(code.slice(5))).toMatchObject({ ok: false, reason: 'not_a_code', message: expect.stringMatching(/this one has 24/) });
    expect(decodeEnrolmentCode(`U${code.slice(1)}`)).toMatchObject({ ok: false, reason: 'not_a_code', message: expect.stringMatching(/“U”/) });
    // Every single-character slip in the secret is caught (10 check bits: 1 in 1,024 slips would pass).
    let caught = 0;
    for (let i = 0; i < 26; i++) {
      const at = i + Math.floor(i / 4); // skip the dashes
      const slipped = code.slice(0, at) + (code[at] === 'A' ? 'B' : 'A') + code.slice(at + 1);
      if (decodeEnrolmentCode(slipped).ok === false) caught++;
    }
    expect(caught).toBeGreaterThanOrEqual(25);
    expect(decodeEnrolmentCode(`${code.split('@')[0]}@not a host`)).toMatchObject({ ok: false, reason: 'not_a_code' });
  });

  it('the proof names the CA and the store, keyed by the secret; the lookup is not the key', () => {
    const key = enrolmentSecretHash(secret);
    expect(enrolmentLookup(secret)).not.toBe(key);
    const proof = enrolmentProof(key, 'AA:BB', 'S1');
    expect(enrolmentProof(key, 'AA:BC', 'S1')).not.toBe(proof);
    expect(enrolmentProof(key, 'AA:BB', 'S2')).not.toBe(proof);
    expect(enrolmentProof(enrolmentSecretHash(newEnrolmentSecret()), 'AA:BB', 'S1')).not.toBe(proof);
  });
});
