// The device's verdict on every line of an imported CSV, rejected lines first.
import { useState } from 'react';
import { createColumnHelper, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import type { CsvRowReport } from '../../../../../core/contract/index';
import { RowCells, SortableHead } from '../../../ui/dataTable';

const STATUS_LABEL: Record<CsvRowReport['status'], string> = { added: 'Added', updated: 'Updated', unchanged: 'Unchanged', rejected: 'Rejected' };
/** When the file was refused, the good rows were not applied either: say what they would have done. */
const WOULD_LABEL: Record<CsvRowReport['status'], string> = { added: 'Would add', updated: 'Would update', unchanged: 'No change', rejected: 'Rejected' };
const STATUS_ORDER: Record<CsvRowReport['status'], number> = { rejected: 0, added: 1, updated: 2, unchanged: 3 };

const column = createColumnHelper<CsvRowReport>();

export function ImportReportTable({ rows, imported }: { rows: CsvRowReport[]; imported: boolean }) {
  const [sorting, setSorting] = useState<SortingState>([{ id: 'status', desc: false }]);
  const columns = [
    column.accessor('line', { header: 'Line', meta: { numeric: true } }),
    column.accessor('affinityId', { header: 'Affinity', cell: (i) => <span className="mono">{i.getValue() ?? '—'}</span> }),
    column.accessor('status', {
      header: 'Result',
      sortingFn: (a, b) => STATUS_ORDER[a.original.status] - STATUS_ORDER[b.original.status] || a.original.line - b.original.line,
      cell: ({ row }) => {
        const s = row.original.status;
        const tone = imported || s === 'rejected' ? s : 'unchanged';
        return <span className={`badge import-status is-${tone}`}>{(imported ? STATUS_LABEL : WOULD_LABEL)[s]}</span>;
      },
    }),
    column.accessor((r) => r.errors.join(' '), {
      id: 'errors',
      header: 'Problems',
      enableSorting: false,
      cell: ({ row }) =>
        row.original.errors.length ? (
          <ul className="import-errors">
            {row.original.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : (
          <span className="muted">—</span>
        ),
    }),
  ];
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (r) => String(r.line),
  });
  return (
    <table className="data-table import-table">
      <SortableHead table={table} />
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} data-testid="csv-row" data-line={row.original.line} data-status={row.original.status}>
            <RowCells row={row} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
