// The renderer's copy of core/text/csvSafety.ts's export rule (the renderer cannot import core
// code): a text cell starting with = + - @, tab or CR is exported with an apostrophe so a
// spreadsheet shows it as text instead of running it as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
