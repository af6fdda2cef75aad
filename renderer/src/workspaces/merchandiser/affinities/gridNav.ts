// Moving between the cells of an editable grid with the keyboard, as in a spreadsheet.
export interface CellPos {
  row: number;
  col: number;
}

const PAGE = 10;

/** Where `key` moves the focus from `at` in a rows × cols grid, or null when it is not a move. */
export function moveCell(at: CellPos, key: string, rows: number, cols: number, ctrl = false): CellPos | null {
  if (rows <= 0 || cols <= 0) return null;
  const clamp = (p: CellPos): CellPos => ({ row: Math.min(rows - 1, Math.max(0, p.row)), col: Math.min(cols - 1, Math.max(0, p.col)) });
  switch (key) {
    case 'ArrowUp':
      return clamp({ row: at.row - 1, col: at.col });
    case 'ArrowDown':
      return clamp({ row: at.row + 1, col: at.col });
    case 'ArrowLeft':
      return clamp({ row: at.row, col: at.col - 1 });
    case 'ArrowRight':
      return clamp({ row: at.row, col: at.col + 1 });
    case 'Home':
      return clamp(ctrl ? { row: 0, col: 0 } : { row: at.row, col: 0 });
    case 'End':
      return clamp(ctrl ? { row: rows - 1, col: cols - 1 } : { row: at.row, col: cols - 1 });
    case 'PageUp':
      return clamp({ row: at.row - PAGE, col: at.col });
    case 'PageDown':
      return clamp({ row: at.row + PAGE, col: at.col });
    default:
      return null;
  }
}

/** After committing an edit: Enter goes down, Tab right (Shift+Tab left), wrapping to the next row. */
export function nextAfterCommit(at: CellPos, how: 'enter' | 'tab' | 'shift-tab', rows: number, cols: number): CellPos {
  if (how === 'enter') return { row: Math.min(rows - 1, at.row + 1), col: at.col };
  const flat = at.row * cols + at.col + (how === 'tab' ? 1 : -1);
  const bounded = Math.min(rows * cols - 1, Math.max(0, flat));
  return { row: Math.floor(bounded / cols), col: bounded % cols };
}
