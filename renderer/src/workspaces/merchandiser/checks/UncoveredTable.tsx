// Leaf categories no active affinity covers, biggest sellers first; sortable like every table.
import { useState } from 'react';
import { createColumnHelper, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import type { UncoveredCategory } from '../../../../../core/contract/index';
import { RowCells, SortableHead } from '../../../ui/dataTable';

const percent = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
/** Bars are scaled so a category with 5 % of sales fills one. */
const FULL_BAR_SHARE = 0.05;

const column = createColumnHelper<UncoveredCategory>();
const COLUMNS = [
  column.accessor('pathName', { header: 'Category' }),
  column.accessor('products', { header: 'Products', cell: (i) => i.getValue().toLocaleString('en-US'), meta: { numeric: true } }),
  column.accessor('salesShare', {
    header: 'Share of sales (365 days)',
    cell: (i) => (
      <span className="rate-cell">
        <span className="rate-bar" aria-hidden="true">
          <span className="rate-bar-fill" style={{ width: `${Math.min(1, i.getValue() / FULL_BAR_SHARE) * 100}%` }} />
        </span>
        <span className="rate-text">{percent(i.getValue())}</span>
      </span>
    ),
    meta: { numeric: true },
  }),
];

export function UncoveredTable({ rows }: { rows: UncoveredCategory[] }) {
  const [sorting, setSorting] = useState<SortingState>([{ id: 'salesShare', desc: true }]);
  const table = useReactTable({
    data: rows,
    columns: COLUMNS,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (u) => u.categoryId,
  });
  return (
    <table className="data-table">
      <SortableHead table={table} />
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} data-testid="uncovered-row" data-category-id={row.id}>
            <RowCells row={row} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
