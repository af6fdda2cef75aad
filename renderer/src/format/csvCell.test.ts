import { describe, expect, it } from 'vitest';
import { neutralizeCell } from './csvCell';

describe('leaderboard CSV cells', () => {
  it('exports formula-looking names as text', () => {
    for (const v of ['=HYPERLINK("http://x.example","x")', '+1', '-1+2', '@A1', '\t=1', '\r=1']) expect(neutralizeCell(v)).toBe(`'${v}`);
    expect(neutralizeCell('Ava Martinez')).toBe('Ava Martinez');
  });
});
