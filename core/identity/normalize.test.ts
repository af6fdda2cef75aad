import { describe, expect, it } from 'vitest';
import { formatLoyaltyId, nameKey, normalizeEmailForMatch, normalizeLoyaltyId, normalizePhone } from './normalize.js';

describe('normalizeEmailForMatch', () => {
  it.each([
    ['john.doe@gmail.com', 'johndoe@gmail.com'],
    ['JOHN.DOE@Gmail.com', 'johndoe@gmail.com'],
    ['john.doe+shoes@googlemail.com', 'johndoe@gmail.com'],
    ['  j.o.h.n.doe@gmail.com ', 'johndoe@gmail.com'],
    ['john.doe@outlook.com', 'john.doe@outlook.com'],
    ['John.Doe+tag@outlook.com', 'john.doe+tag@outlook.com'], // only Gmail ignores dots and tags
    ['anna@bücher.de', 'anna@xn--bcher-kva.de'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeEmailForMatch(input)).toBe(expected);
  });

  it('keeps different Outlook addresses apart', () => {
    expect(normalizeEmailForMatch('john.doe@outlook.com')).not.toBe(normalizeEmailForMatch('johndoe@outlook.com'));
  });

  it.each(['', '@', 'john', 'john@', '@gmail.com', 'john@localhost', '+@gmail.com', 'a@b c.com'])('rejects %j', (input) => {
    expect(normalizeEmailForMatch(input)).toBeNull();
  });
});

describe('normalizePhone', () => {
  it.each(['(303) 555-0142', '303.555.0142', '303-555-0142', '+1 303 555 0142', '1-303-555-0142', '3035550142'])(
    '%s is +13035550142',
    (input) => {
      expect(normalizePhone(input)).toBe('+13035550142');
    },
  );
  it('keeps international numbers international', () => {
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
  });
  it.each(['12', 'call me', '555'])('rejects %j', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});

describe('loyalty ids', () => {
  it.each(['EC-1000-0001', 'ec10000001', 'EC 1000 0001', '10000001'])('%s → EC10000001', (input) => {
    expect(normalizeLoyaltyId(input)).toBe('EC10000001');
  });
  it('rejects other shapes', () => {
    expect(normalizeLoyaltyId('EC-123')).toBeNull();
    expect(normalizeLoyaltyId('XX-1000-0001')).toBeNull();
  });
  it('prints as it is on the card', () => {
    expect(formatLoyaltyId('EC10000001')).toBe('EC-1000-0001');
  });
});

describe('nameKey', () => {
  it('folds case and accents so "zoe" finds "Zoë"', () => {
    expect(nameKey('Zoë')).toBe('zoe');
    expect(nameKey('ÅNGSTRÖM')).toBe('angstrom');
    expect(nameKey("O'Brien-Smith")).toBe("o'brien-smith");
  });
});
