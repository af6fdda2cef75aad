// What every TanStack table in the app shares: our column meta, cell classes, the
// sortable header row and the cells of a body row.
import { flexRender, type ColumnMeta, type Row, type RowData, type Table } from '@tanstack/react-table';

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Right-aligned, tabular figures. */
    numeric?: boolean;
    /** Never wrapped (short dates, codes). */
    nowrap?: boolean;
  }
}

export function cellClass<T>(meta: ColumnMeta<T, unknown> | undefined): string | undefined {
  const names = [meta?.numeric && 'num', meta?.nowrap && 'nowrap'].filter(Boolean);
  return names.length ? names.join(' ') : undefined;
}

/** Column headers as buttons that toggle sorting, with `aria-sort` for screen readers. */
export function SortableHead<T>({ table }: { table: Table<T> }) {
  return (
    <thead>
      {table.getHeaderGroups().map((group) => (
        <tr key={group.id}>
          {group.headers.map((header) => {
            const sorted = header.column.getIsSorted();
            return (
              <th
                key={header.id}
                scope="col"
                className={cellClass(header.column.columnDef.meta)}
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
              >
                {header.column.getCanSort() && header.column.columnDef.header ? (
                  <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                    {flexRender(header.column.columnDef.header, header.getContext())}
                    <span className="sort-mark" aria-hidden="true">
                      {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                    </span>
                  </button>
                ) : (
                  flexRender(header.column.columnDef.header, header.getContext())
                )}
              </th>
            );
          })}
        </tr>
      ))}
    </thead>
  );
}

/** The cells of one body row, each with its column's classes. */
export function RowCells<T>({ row }: { row: Row<T> }) {
  return (
    <>
      {row.getVisibleCells().map((cell) => (
        <td key={cell.id} className={cellClass(cell.column.columnDef.meta)} data-column={cell.column.id}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </td>
      ))}
    </>
  );
}
