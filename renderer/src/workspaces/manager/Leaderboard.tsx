// Who captures, by associate, register or store: a TanStack table with sorting, a filter and CSV export.
import { useMemo, useState } from 'react';
import { createColumnHelper, getCoreRowModel, getFilteredRowModel, getSortedRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import { stringify } from 'csv-stringify/browser/esm/sync';
import { neutralizeCell } from '../../format/csvCell';
import type { CaptureCounts, CaptureReport } from '../../../../core/contract/index';
import { Icon } from '../../ui/Icon';
import { captureRate, count, formatRate, optInRate } from './rates';
import { RowCells, SortableHead } from '../../ui/dataTable';

export type Grouping = 'associate' | 'register' | 'store';

export interface LeaderRow extends CaptureCounts {
  id: string;
  name: string;
  store: string;
  rate: number | null;
  marketingRate: number | null;
}

/** The rows of one grouping, with the rates the table sorts by. */
export function leaderRows(report: CaptureReport, grouping: Grouping): LeaderRow[] {
  const storeName = new Map(report.stores.map((s) => [s.id, s.name]));
  const withRates = (c: CaptureCounts) => ({ rate: captureRate(c), marketingRate: optInRate(c.marketingOptIn, c) });
  switch (grouping) {
    case 'associate':
      return report.byAssociate.map((a) => ({ ...a, ...withRates(a), id: a.associateId, name: a.name, store: storeName.get(a.storeId) ?? a.storeId }));
    case 'register':
      return report.byRegister.map((r) => ({
        ...r,
        ...withRates(r),
        id: `${r.storeId}/${r.registerId}`,
        name: `Register ${r.registerId}`,
        store: storeName.get(r.storeId) ?? r.storeId,
      }));
    case 'store':
      return report.byStore.map((s) => ({ ...s, ...withRates(s), id: s.storeId, name: s.storeName, store: s.storeName }));
  }
}

const column = createColumnHelper<LeaderRow>();
const sortNullsLast = (a: number | null, b: number | null) => (a ?? -1) - (b ?? -1);

const COLUMNS = [
  column.accessor('name', { header: 'Name', cell: (i) => <span className="leader-name">{i.getValue()}</span> }),
  column.accessor('store', { header: 'Store', meta: { nowrap: true } }),
  column.accessor('checkouts', { header: 'Checkouts', cell: (i) => count.format(i.getValue()), meta: { numeric: true } }),
  column.accessor('eligible', { header: 'Eligible', cell: (i) => count.format(i.getValue()), meta: { numeric: true } }),
  column.accessor('captured', { header: 'Captured', cell: (i) => count.format(i.getValue()), meta: { numeric: true } }),
  column.accessor('rate', {
    header: 'Capture rate',
    sortingFn: (a, b) => sortNullsLast(a.original.rate, b.original.rate),
    cell: (i) => <RateCell rate={i.getValue()} />,
    meta: { numeric: true },
  }),
  column.accessor('marketingRate', {
    header: 'Marketing opt-in',
    sortingFn: (a, b) => sortNullsLast(a.original.marketingRate, b.original.marketingRate),
    cell: (i) => formatRate(i.getValue()),
    meta: { numeric: true },
  }),
  column.accessor('declined', { header: 'Declined', cell: (i) => count.format(i.getValue()), meta: { numeric: true } }),
  column.accessor('typoAccepted', { header: 'Typo fixes', cell: (i) => count.format(i.getValue()), meta: { numeric: true } }),
];

function RateCell({ rate }: { rate: number | null }) {
  return (
    <span className="rate-cell">
      <span className="rate-bar" aria-hidden="true">
        <span className="rate-bar-fill" style={{ width: `${(rate ?? 0) * 100}%` }} />
      </span>
      <span className="rate-text">{formatRate(rate)}</span>
    </span>
  );
}

const GROUPINGS: { id: Grouping; label: string }[] = [
  { id: 'associate', label: 'Associates' },
  { id: 'register', label: 'Registers' },
  { id: 'store', label: 'Stores' },
];

export function Leaderboard({ report }: { report: CaptureReport }) {
  const [grouping, setGrouping] = useState<Grouping>('associate');
  const [sorting, setSorting] = useState<SortingState>([{ id: 'rate', desc: true }]);
  const [filter, setFilter] = useState('');
  const data = useMemo(() => leaderRows(report, grouping), [report, grouping]);
  const table = useReactTable({
    data,
    columns: COLUMNS,
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    globalFilterFn: (row, _id, value: string) => `${row.original.name} ${row.original.store}`.toLowerCase().includes(value.trim().toLowerCase()),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getRowId: (row) => row.id,
  });

  const exportCsv = () => {
    const rows = table.getRowModel().rows.map((r) => r.original);
    const csv = stringify(
      rows.map((r) => [r.name, r.store, r.checkouts, r.eligible, r.captured, rateCsv(r.rate), rateCsv(r.marketingRate), r.declined, r.invalid, r.alreadyOnFile, r.typoSuggested, r.typoAccepted]),
      {
        header: true,
        cast: { string: neutralizeCell },
        columns: ['Name', 'Store', 'Checkouts', 'Eligible', 'Captured', 'Capture rate %', 'Marketing opt-in %', 'Declined', 'Invalid', 'Already on file', 'Typo suggested', 'Typo accepted'],
      },
    );
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `capture-${grouping}s-${report.from}-to-${report.to}.csv`;
    a.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section className="panel panel-flush leaderboard" aria-labelledby="leader-title" data-testid="leaderboard">
      <div className="leader-head">
        <h2 id="leader-title" className="panel-title">
          Leaderboard
        </h2>
        <div className="segmented segmented-sm" role="radiogroup" aria-label="Group by">
          {GROUPINGS.map((g) => (
            <button
              key={g.id}
              type="button"
              role="radio"
              aria-checked={g.id === grouping}
              className={g.id === grouping ? 'segment is-selected' : 'segment'}
              onClick={() => setGrouping(g.id)}
            >
              {g.label}
            </button>
          ))}
        </div>
        <label className="leader-filter">
          <Icon name="search" size={18} />
          <span className="visually-hidden">Filter by name or store</span>
          <input type="search" placeholder="Name or store" value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" />
        </label>
        <button type="button" className="button button-secondary" onClick={exportCsv}>
          <Icon name="download" size={18} /> Export CSV
        </button>
      </div>
      <table className="data-table" data-testid="leaderboard-table">
        <SortableHead table={table} />
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} data-testid="leader-row" data-row-id={row.id}>
              <RowCells row={row} />
            </tr>
          ))}
        </tbody>
      </table>
      {table.getRowModel().rows.length === 0 ? <p className="muted panel-pad">Nobody matches that filter.</p> : null}
    </section>
  );
}

function rateCsv(rate: number | null): string {
  return rate === null ? '' : (Math.round(rate * 1000) / 10).toFixed(1);
}
