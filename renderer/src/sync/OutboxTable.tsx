// Events waiting for the hub, or refused by it: one TanStack table for both lists.
import { useMemo, useState } from 'react';
import { createColumnHelper, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import type { OutboxEntry } from '../../../core/contract/index';
import { formatAbsolute, formatRelative } from '../format/time';
import { RowCells, SortableHead } from '../ui/dataTable';
import { eventLabel } from './eventLabels';

const column = createColumnHelper<OutboxEntry>();

/** What can be done with a refused event. */
export interface RefusedActions {
  onRetry(entry: OutboxEntry): void;
  onDismiss(entry: OutboxEntry): void;
}

function columnsFor(kind: 'pending' | 'rejected', now: number, actions?: RefusedActions) {
  const actionColumn = actions
    ? [
        column.display({
          id: 'actions',
          header: () => <span className="visually-hidden">Actions</span>,
          cell: (i) => (
            <span className="outbox-actions">
              <button type="button" className="button button-secondary button-sm" onClick={() => actions.onRetry(i.row.original)} data-testid="refused-retry">
                Send again
              </button>
              <button type="button" className="button button-ghost button-sm" onClick={() => actions.onDismiss(i.row.original)} data-testid="refused-dismiss">
                Set aside…
              </button>
            </span>
          ),
        }),
      ]
    : [];
  return [
    column.accessor((e) => eventLabel(e.kind), {
      id: 'event',
      header: 'Event',
      cell: (i) => (
        <span className="outbox-event">
          <span className="outbox-kind">{i.getValue()}</span>
          {i.row.original.summary ? <span className="outbox-summary">{i.row.original.summary}</span> : null}
        </span>
      ),
    }),
    kind === 'rejected'
      ? column.accessor('rejectedReason', { header: 'Hub’s reason', cell: (i) => <span className="outbox-reason">{i.getValue()}</span> })
      : column.accessor('lastAttemptAt', {
          header: 'Last try',
          cell: (i) => (i.getValue() ? <span title={formatAbsolute(i.getValue()!)}>{formatRelative(i.getValue()!, now)}</span> : 'Not yet'),
          meta: { nowrap: true },
        }),
    column.accessor('createdAt', {
      header: 'Created',
      cell: (i) => <span title={formatAbsolute(i.getValue())}>{formatRelative(i.getValue(), now)}</span>,
      meta: { nowrap: true },
    }),
    column.accessor('attempts', { header: 'Attempts', meta: { numeric: true } }),
    ...actionColumn,
  ];
}

export function OutboxTable({ entries, kind, now, testId, actions }: { entries: OutboxEntry[]; kind: 'pending' | 'rejected'; now: number; testId: string; actions?: RefusedActions }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = useMemo(() => columnsFor(kind, now, actions), [kind, now, actions]);
  const table = useReactTable({
    data: entries,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (e) => e.id,
  });
  return (
    <table className="data-table outbox-table" data-testid={testId}>
      <SortableHead table={table} />
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} data-kind={row.original.kind}>
            <RowCells row={row} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
