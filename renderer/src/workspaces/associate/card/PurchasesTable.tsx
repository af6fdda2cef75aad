// Recent purchases as a sortable table (TanStack, like every table in the app).
import { useState } from 'react';
import { createColumnHelper, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import type { PurchasedItem } from '../../../../../core/contract/index';
import { formatMoney } from '../../../format/money';
import { RelativeTime } from '../../../ui/RelativeTime';
import { RowCells, SortableHead } from '../../../ui/dataTable';

const column = createColumnHelper<PurchasedItem>();

const columns = [
  column.accessor('title', {
    header: 'Item',
    cell: (info) => {
      const item = info.row.original;
      const detail = [item.brand, item.categoryPath?.split(' > ').pop()].filter(Boolean).join(' · ');
      return (
        <span className="item-cell">
          <span className="item-title">{item.title}</span>
          {detail ? <span className="item-detail">{detail}</span> : null}
        </span>
      );
    },
  }),
  column.accessor('quantity', { header: 'Qty', meta: { numeric: true } }),
  column.accessor('unitPriceCents', {
    header: 'Price',
    cell: (info) => formatMoney(info.getValue()),
    meta: { numeric: true },
  }),
  column.accessor('placedAt', {
    header: 'Bought',
    cell: (info) => <RelativeTime iso={info.getValue()} />,
    sortDescFirst: true,
    meta: { nowrap: true },
  }),
];

export function PurchasesTable({ purchases }: { purchases: PurchasedItem[] }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useReactTable({
    data: purchases,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (row, index) => `${row.orderId}:${row.sku}:${index}`,
  });

  return (
    <section className="panel panel-flush" aria-labelledby="purchases-title">
      <h2 id="purchases-title" className="panel-title">
        Recent purchases
      </h2>
      {purchases.length === 0 ? (
        <p className="muted panel-pad">Nothing bought yet.</p>
      ) : (
        <table className="data-table" data-testid="purchases">
          <SortableHead table={table} />
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id}>
                <RowCells row={row} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
