import { describe, expect, it } from 'vitest';
import { moveCell, nextAfterCommit } from './gridNav';

describe('moving between cells', () => {
  it('moves one cell with the arrows and stops at the edges', () => {
    expect(moveCell({ row: 1, col: 1 }, 'ArrowUp', 3, 4)).toEqual({ row: 0, col: 1 });
    expect(moveCell({ row: 1, col: 1 }, 'ArrowDown', 3, 4)).toEqual({ row: 2, col: 1 });
    expect(moveCell({ row: 1, col: 1 }, 'ArrowLeft', 3, 4)).toEqual({ row: 1, col: 0 });
    expect(moveCell({ row: 1, col: 1 }, 'ArrowRight', 3, 4)).toEqual({ row: 1, col: 2 });
    expect(moveCell({ row: 0, col: 0 }, 'ArrowUp', 3, 4)).toEqual({ row: 0, col: 0 });
    expect(moveCell({ row: 2, col: 3 }, 'ArrowRight', 3, 4)).toEqual({ row: 2, col: 3 });
  });

  it('jumps with Home, End and the page keys', () => {
    expect(moveCell({ row: 1, col: 2 }, 'Home', 30, 4)).toEqual({ row: 1, col: 0 });
    expect(moveCell({ row: 1, col: 2 }, 'End', 30, 4)).toEqual({ row: 1, col: 3 });
    expect(moveCell({ row: 5, col: 2 }, 'Home', 30, 4, true)).toEqual({ row: 0, col: 0 });
    expect(moveCell({ row: 5, col: 2 }, 'End', 30, 4, true)).toEqual({ row: 29, col: 3 });
    expect(moveCell({ row: 5, col: 2 }, 'PageDown', 30, 4)).toEqual({ row: 15, col: 2 });
    expect(moveCell({ row: 5, col: 2 }, 'PageUp', 30, 4)).toEqual({ row: 0, col: 2 });
  });

  it('ignores other keys and empty grids', () => {
    expect(moveCell({ row: 0, col: 0 }, 'a', 3, 4)).toBeNull();
    expect(moveCell({ row: 0, col: 0 }, 'ArrowDown', 0, 4)).toBeNull();
  });

  it('goes down after Enter and across (wrapping) after Tab', () => {
    expect(nextAfterCommit({ row: 1, col: 2 }, 'enter', 3, 4)).toEqual({ row: 2, col: 2 });
    expect(nextAfterCommit({ row: 2, col: 2 }, 'enter', 3, 4)).toEqual({ row: 2, col: 2 });
    expect(nextAfterCommit({ row: 1, col: 3 }, 'tab', 3, 4)).toEqual({ row: 2, col: 0 });
    expect(nextAfterCommit({ row: 1, col: 0 }, 'shift-tab', 3, 4)).toEqual({ row: 0, col: 3 });
    expect(nextAfterCommit({ row: 2, col: 3 }, 'tab', 3, 4)).toEqual({ row: 2, col: 3 });
  });
});
