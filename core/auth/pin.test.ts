import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkPin, hashPin, newPinProblem, SCRYPT_N, verifyPin, WeakPinHashError } from './pin.js';

const PEPPER = Buffer.alloc(32, 3);

/** A hash as an attacker with write access to a copied replica would plant it: cheap parameters. */
function plantedHash(pin: string, n: number): string {
  const salt = Buffer.alloc(16, 1);
  return `scrypt$${n}$${salt.toString('base64')}$${scryptSync(pin, salt, 32, { N: n }).toString('base64')}`;
}

describe('PIN hashes', () => {
  it('refuses stored parameters weaker than the fixed minimum instead of verifying them', () => {
    for (const n of [2, 1024, SCRYPT_N / 2]) {
      expect(() => checkPin('1234', plantedHash('1234', n))).toThrow(WeakPinHashError);
      expect(verifyPin('1234', plantedHash('1234', n))).toBe(false);
    }
    const short = `scrypt$${SCRYPT_N}$${Buffer.alloc(4).toString('base64')}$${Buffer.alloc(32).toString('base64')}`;
    expect(() => checkPin('1234', short)).toThrow(/short salt/);
    expect(() => checkPin('1234', 'md5$abc')).toThrow(WeakPinHashError);
    expect(() => checkPin('1234', `scrypt-p1$${SCRYPT_N}$1$1$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(32).toString('base64')}`, PEPPER)).toThrow(/r=1/);
  });

  it('peppers new hashes: the right PIN fails without the device key or with another one', () => {
    const stored = hashPin('482913', PEPPER);
    expect(checkPin('482913', stored, PEPPER)).toEqual({ match: true, rehash: false });
    expect(checkPin('482914', stored, PEPPER).match).toBe(false);
    expect(checkPin('482913', stored, Buffer.alloc(32, 4)).match).toBe(false);
    expect(() => checkPin('482913', stored)).toThrow(WeakPinHashError);
  });

  it('accepts an unpeppered hash at full cost (from the hub, or from before) and asks to rehash it', () => {
    const stored = hashPin('1111');
    expect(checkPin('1111', stored, PEPPER)).toEqual({ match: true, rehash: true });
    expect(checkPin('1112', stored, PEPPER)).toEqual({ match: false, rehash: false });
  });

  it('new PINs follow the chain length and are not the first guesses anyone makes', () => {
    expect(newPinProblem('4821', 6)).toBe('too_short');
    expect(newPinProblem('482913', 6)).toBeNull();
    expect(newPinProblem('4829', 4)).toBeNull();
    expect(newPinProblem('111111', 6)).toBe('too_simple');
    expect(newPinProblem('123456', 6)).toBe('too_simple');
    expect(newPinProblem('987654', 6)).toBe('too_simple');
    expect(newPinProblem('12a456', 6)).toBe('not_digits');
    expect(newPinProblem('123456789', 6)).toBe('too_long');
  });
});
