// Spreadsheet safety for CSV files. A cell that starts with = + - @, a tab or a carriage return
// is run as a formula by Excel, LibreOffice and Sheets (=HYPERLINK(...) phoning home): exports
// prefix such cells with an apostrophe, which spreadsheets show as text. Imports refuse control
// and bidirectional-override characters, which break the editor and can disguise a value.
// (The renderer's leaderboard export has the same three-line rule in renderer/src/format/csvCell.ts:
// the renderer cannot import core code.)

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes neutralizeCell on import, so an exported file imports back to the same values. */
export function restoreCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

// C0 controls (tab, CR and LF included), DEL, C1 controls, and the bidi marks, embeddings,
// overrides and isolates.
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** A description of the first unsafe character, or null. */
export function unsafeCharacter(value: string): string | null {
  const m = UNSAFE.exec(value);
  if (!m) return null;
  const code = m[0].codePointAt(0)!;
  const kind = code >= 0x200e ? 'a text-direction character' : 'a control character';
  return `${kind} (U+${code.toString(16).toUpperCase().padStart(4, '0')}) at position ${m.index + 1}`;
}
