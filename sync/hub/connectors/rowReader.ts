// A feed's row check without zod's per-call machinery, for the rows that pass. A feed's schema
// is a zod object of cells (fields.ts); each cell's reader is the very function its zod step
// runs, so a row read here is the row zod would return. A row this reader cannot vouch for (a
// refused cell, a missing or non-text value) goes through zod, which says what is wrong with it.
import { z } from 'zod';
import type { Row } from '../store.js';
import { cellReader } from './fields.js';

export type RowReader = (values: Readonly<Record<string, unknown>>) => Row | undefined;

interface Column {
  name: string;
  optional: boolean;
  read: (raw: string) => unknown;
}

/** The fast reader of `schema`, or undefined when it is not a plain object of cells (that feed is checked by zod alone). */
export function rowReader(schema: z.ZodType): RowReader | undefined {
  if (!(schema instanceof z.ZodObject)) return undefined;
  const columns: Column[] = [];
  for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const optional = field instanceof z.ZodOptional;
    const read = cellReader(optional ? (field.unwrap() as z.ZodType) : field);
    if (!read) return undefined;
    columns.push({ name, optional, read });
  }
  return (values) => {
    const row: Row = {};
    for (const c of columns) {
      const raw = values[c.name];
      if (typeof raw !== 'string') {
        // zod leaves an absent optional column out of the row; anything else is its to explain.
        if (c.optional && !(c.name in values)) continue;
        return undefined;
      }
      const value = c.read(raw);
      if (value === undefined) return undefined;
      row[c.name] = value as Row[string];
    }
    return row;
  };
}

/** The checked row, or zod's reasons it is refused (one per refused cell, as the report lists them). */
export function checkRow(schema: z.ZodType<Row>, fast: RowReader | undefined, values: Readonly<Record<string, unknown>>): { row: Row } | { reason: string } {
  const row = fast?.(values);
  if (row) return { row };
  const checked = schema.safeParse(values);
  return checked.success ? { row: checked.data } : { reason: checked.error.issues.map((i) => i.message).join('; ') };
}
