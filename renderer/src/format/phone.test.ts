import { describe, expect, it } from 'vitest';
import { formatPhone } from './phone';

describe('formatPhone', () => {
  it('shows a home-country number as dialled there, another with its country code, and leaves anything else alone', () => {
    expect(formatPhone('+13035550101')).toBe('(303) 555-0101');
    expect(formatPhone('+442079460958')).toBe('+44 20 7946 0958');
    expect(formatPhone('+1555')).toBe('+1555');
    expect(formatPhone('owen@example.com')).toBe('owen@example.com');
  });
});
