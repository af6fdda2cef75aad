import { describe, expect, it } from 'vitest';
import { describeWaiting } from './waiting';

describe('what logout names as waiting', () => {
  it('counts each kind in the store\'s words, and says how many more were not listed', () => {
    expect(describeWaiting([], 0)).toBeNull();
    expect(describeWaiting(['checkout.outcome', 'aisle_order.placed', 'checkout.outcome'], 3)).toBe('2 × Checkout outcome, 1 × Ship-to-home order');
    expect(describeWaiting(['consent.changed'], 40)).toBe('1 × Consent change and 39 more');
  });
});
