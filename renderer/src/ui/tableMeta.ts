// What our column definitions may say beyond TanStack's own fields.
import type { RowData } from '@tanstack/react-table';

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Right-aligned, tabular figures. */
    numeric?: boolean;
    /** Never wrapped (short dates, codes). */
    nowrap?: boolean;
  }
}

export {};
