import { describe, expect, it } from 'vitest';
import { EMAIL_CORPUS } from './emailCorpus.js';
import { checkEmail } from './emailCheck.js';
import { checkPhone } from './phoneCheck.js';

describe('the validation corpus', () => {
  it('holds at least 300 distinct addresses', () => {
    expect(new Set(EMAIL_CORPUS.map(([a]) => a)).size).toBe(EMAIL_CORPUS.length);
    expect(EMAIL_CORPUS.length).toBeGreaterThanOrEqual(300);
  });

  it.each(EMAIL_CORPUS.map(([address, expected]) => [address.length > 80 ? `${address.slice(0, 40)}…(${address.length})` : address, address, expected] as const))(
    '%s',
    (_label, address, expected) => {
      const v = checkEmail(address);
      switch (expected.verdict) {
        case 'valid':
          expect(v, 'valid').toMatchObject({ valid: true, problem: null, suggestion: null, disposable: false });
          expect(v.matchKey).toBeTruthy();
          break;
        case 'invalid':
          expect(v.valid).toBe(false);
          expect(v.problem).toBeTruthy();
          expect(v.matchKey).toBeNull();
          break;
        case 'typo':
          expect(v.suggestion).toBe(expected.suggestion);
          expect(checkEmail(expected.suggestion)).toMatchObject({ valid: true, suggestion: null });
          break;
        case 'disposable':
          expect(v).toMatchObject({ valid: true, disposable: true, suggestion: null });
          break;
      }
    },
  );
});

describe('checkEmail', () => {
  it('keeps the local part as typed and lower-cases the domain', () => {
    expect(checkEmail('  Maya.Chen@ICloud.COM ')).toMatchObject({ valid: true, address: 'Maya.Chen@icloud.com', matchKey: 'maya.chen@icloud.com' });
  });

  it('gives the Gmail match key without dots, +tags or googlemail', () => {
    expect(checkEmail('John.Doe+receipts@googlemail.com').matchKey).toBe('johndoe@gmail.com');
    expect(checkEmail('john.doe@outlook.com').matchKey).not.toBe(checkEmail('johndoe@outlook.com').matchKey);
  });

  it('puts an internationalized domain in ASCII for matching', () => {
    expect(checkEmail('user@münchen.de').matchKey).toBe('user@xn--mnchen-3ya.de');
  });
});

describe('checkPhone', () => {
  it('parses US numbers typed any way into E.164', () => {
    for (const typed of ['(303) 555-0142', '303.555.0142', '303 555 0142', '+1 303 555 0142', '13035550142']) {
      expect(checkPhone(typed)).toMatchObject({ valid: true, e164: '+13035550142' });
    }
  });

  it('refuses what cannot be dialled', () => {
    for (const typed of ['', '12', 'call me', '<script>', "' OR 1=1", '555-CALL-NOW']) expect(checkPhone(typed).valid).toBe(false);
  });
});
