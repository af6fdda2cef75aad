import { describe, expect, it } from 'vitest';
import { describeUnsaved } from './unsavedText';

const closed = { phase: 'closed', email: '', phone: '', firstName: '', lastName: '' };

describe('describeUnsaved', () => {
  it('nothing open, empty basket: nothing to lose', () => {
    expect(describeUnsaved({ capture: closed, basketLines: 0 })).toBeNull();
    expect(describeUnsaved({ capture: { ...closed, phase: 'done' }, basketLines: 0 })).toBeNull();
  });
  it('a half-filled capture form is named before the basket', () => {
    expect(describeUnsaved({ capture: { ...closed, phase: 'form', email: 'jo@' }, basketLines: 2 })).toBe('an email capture that is filled in but not saved');
  });
  it('a basket or an empty capture step is a sale in progress', () => {
    expect(describeUnsaved({ capture: closed, basketLines: 1 })).toBe('a sale in progress (1 item in the basket)');
    expect(describeUnsaved({ capture: { ...closed, phase: 'form' }, basketLines: 3 })).toBe('a sale in progress (3 items in the basket)');
    expect(describeUnsaved({ capture: { ...closed, phase: 'saving' }, basketLines: 3 })).toBe('a checkout being saved');
  });
});
