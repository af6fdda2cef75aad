import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from './csvRecords.js';

/** What csv-parse makes of the text, with each record's line: the reference the plain reader must match. */
function reference(text: string): { records: string[][]; lines: number[] } | 'problem' {
  try {
    const lines: number[] = [];
    const records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      on_record: (r, info) => {
        lines.push(info.lines);
        return r;
      },
    }) as string[][];
    return { records, lines };
  } catch {
    return 'problem';
  }
}

function read(text: string): { records: string[][]; lines: number[] } | 'problem' {
  const got = readCsv(text);
  if ('problem' in got) return 'problem';
  if (!got.header) return { records: [], lines: [] };
  const rows = [...got.rows];
  return { records: [got.header, ...rows.map((r) => r.cells)], lines: [1, ...rows.map((r) => r.line)].slice(0, rows.length + 1) };
}

describe('readCsv', () => {
  it('reads every text as csv-parse does, quote-free ones without it', () => {
    const piece = fc.constantFrom('a', 'b7', ',', ' ', '\t', 'é', '\n', '\r\n', '\r', '\uFEFF', '"', '');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const want = reference(text);
        const got = read(text);
        if (want === 'problem' || got === 'problem') {
          expect(got).toEqual(want);
          return;
        }
        expect(got.records).toEqual(want.records);
        // The header's line is not reported; every row's is.
        expect(got.lines.slice(1)).toEqual(want.lines.slice(1));
      }),
      { numRuns: 3000 },
    );
  });

  it('splits a plain CRLF export with empty lines and a BOM as csv-parse does', () => {
    const text = '\uFEFForder_id,sku\r\nA,1\r\n\r\nB, 2 \r\nC,\r\n';
    expect(read(text)).toEqual(reference(text));
    expect(read(text)).not.toBe('problem');
  });

  it('leaves a quoted file to csv-parse: a quoted comma and a line break in a cell', () => {
    const got = readCsv('a,b\n"x,y","two\nlines"\nz,w\n');
    expect('problem' in got).toBe(false);
    if ('problem' in got) return;
    expect([...got.rows]).toEqual([
      { cells: ['x,y', 'two\nlines'], line: 3 },
      { cells: ['z', 'w'], line: 4 },
    ]);
  });
});
