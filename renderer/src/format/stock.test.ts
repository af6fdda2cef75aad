import { describe, expect, it } from 'vitest';
import { stockLabel } from './stock';

describe('stock as the associate says it', () => {
  it('counts what is on the shelf here', () => {
    expect(stockLabel({ availableHere: 12, elsewhere: null })).toEqual({ tone: 'good', text: '12 on the shelf' });
  });

  it('says where an item not here ships from, and how soon', () => {
    const elsewhere = { locationId: 'DC1', locationName: 'Endcap Distribution Center', kind: 'dc' as const, available: 40, leadTimeDays: 2 };
    expect(stockLabel({ availableHere: 0, elsewhere })).toEqual({ tone: 'warn', text: 'Ships from Endcap Distribution Center in 2 days' });
    expect(stockLabel({ availableHere: 0, elsewhere: { ...elsewhere, leadTimeDays: 1 } }).text).toBe('Ships from Endcap Distribution Center in 1 day');
  });

  it('is plain when nobody has it', () => {
    expect(stockLabel({ availableHere: 0, elsewhere: null })).toEqual({ tone: 'bad', text: 'Out of stock everywhere' });
  });
});
