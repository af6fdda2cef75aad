// A CSV file's records with their line numbers. csv-parse reads every file; a file without a
// single quote character and with one kind of line break (what order and stock exports mostly
// are) is plain lines of comma-separated cells, which are split here as csv-parse would split
// them, one line at a time as the ingest asks: on a million-line feed csv-parse and its per-record
// info cost about as much as writing the rows, and the whole file's records would stay in memory.
import { CsvError, parse } from 'csv-parse/sync';

export interface CsvRecord {
  cells: string[];
  /** The line the record ends on (the header is line 1). */
  line: number;
}

export interface CsvRecords {
  /** The first record, undefined when the file has none. */
  header: string[] | undefined;
  /** The records after the header, in file order; read once. */
  rows: Iterable<CsvRecord>;
}

/** The options every file is read with: a header line, empty lines skipped, a short row reported by the ingest. */
const OPTIONS = { bom: true, skip_empty_lines: true, relax_column_count: true } as const;

/** A line break other than the first one's kind: a lone CR, or a lone LF in a CRLF file. */
const MIXED_BREAKS = /\r(?!\n)|(?<!\r)\n/;

export function readCsv(input: string): CsvRecords | { problem: string } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const plain = !text.includes('"') && (!text.includes('\r') || !MIXED_BREAKS.test(text));
  return plain ? plainRecords(text) : parsedRecords(input);
}

function plainRecords(text: string): CsvRecords {
  const crlf = text.includes('\r');
  let at = 0;
  let line = 0;
  /** The next non-empty line and its number, or undefined at the end of the text. */
  const next = (): CsvRecord | undefined => {
    while (at < text.length) {
      const end = text.indexOf('\n', at);
      const stop = end === -1 ? text.length : end;
      const cells = text.slice(at, crlf && end !== -1 ? stop - 1 : stop);
      at = stop + 1;
      line += 1;
      if (cells !== '') return { cells: cells.split(','), line };
    }
    return undefined;
  };
  const header = next()?.cells;
  return {
    header,
    rows: {
      *[Symbol.iterator]() {
        for (let r = next(); r; r = next()) yield r;
      },
    },
  };
}

function parsedRecords(text: string): CsvRecords | { problem: string } {
  try {
    // Only the line number is kept of each record's info: the rest would live as long as the file's records.
    const lines: number[] = [];
    const records = parse(text, {
      ...OPTIONS,
      on_record: (record, info) => {
        lines.push(info.lines);
        return record;
      },
    }) as string[][];
    return {
      header: records[0],
      rows: {
        *[Symbol.iterator]() {
          for (let r = 1; r < records.length; r++) yield { cells: records[r]!, line: lines[r]! };
        },
      },
    };
  } catch (err) {
    return { problem: err instanceof CsvError ? `not readable as CSV: ${err.message}` : String(err) };
  }
}
