// A binary file chosen by mistake is refused by what it contains, in plain words, and imports nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../testing/app.js';
import { openMerchStore, ok } from '../testing/merchStore.js';
import { looksBinary } from './csv.js';

let app: App;
beforeEach(() => ({ app } = openMerchStore()));

// What a browser's File.text() makes of a PNG: the magic bytes, replacement characters, NULs.
const PNG_AS_TEXT = new TextDecoder().decode(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xd8, 0xfe, 0x9c]));
const XLSX_AS_TEXT = 'PK\u0003\u0004' + '\uFFFD'.repeat(40) + 'xl/workbook.xml';

describe('CSV import of a binary file', () => {
  it('sniffs binary content, not the name', () => {
    expect(looksBinary(PNG_AS_TEXT)).toBe(true);
    expect(looksBinary(XLSX_AS_TEXT)).toBe(true);
    expect(looksBinary('id,from_category\nx,Café › Crème brûlée\n')).toBe(false);
    expect(looksBinary('a,b\nRésumé,\uFFFD one odd character in a long line of ordinary text that is mostly fine\n'.repeat(3))).toBe(false);
  });

  it('refuses it with a plain message, no garbage, and changes nothing', () => {
    const r = ok(app.call('merch.csv.import', { csv: PNG_AS_TEXT, baseRevision: 0 }));
    expect(r.imported).toBe(false);
    expect(r.fileErrors).toEqual([expect.stringMatching(/^This is not a CSV file/)]);
    expect(r.fileErrors.join(' ')).not.toMatch(/[\u0000\uFFFD]/);
    expect(r.draft.revision).toBe(0);
  });
});
