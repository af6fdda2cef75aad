// The affinity table's columns: how each field reads in a cell, and how it sorts.
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { MerchAffinity, StoreRef } from '../../../../../core/contract/index';
import { Icon } from '../../../ui/Icon';
import { categoryName, categoryParentPath, type CategoryIndex } from '../categories';
import { formatSeason, formatWindow } from './affinityEdit';

/** Columns a person can edit in place; the others are selection and status. */
export const EDITABLE = ['fromCategoryId', 'toCategoryId', 'window', 'weight', 'season', 'storeIds', 'active', 'note'] as const;
export type EditableColumn = (typeof EDITABLE)[number];

export function isEditable(id: string): id is EditableColumn {
  return (EDITABLE as readonly string[]).includes(id);
}

/** Which problem paths (field after 'affinities.<id>.') belong to which column. */
export const COLUMN_FIELDS: Record<EditableColumn, string[]> = {
  fromCategoryId: ['fromCategoryId'],
  toCategoryId: ['toCategoryId', 'skus'],
  window: ['minDelayDays', 'maxDelayDays'],
  weight: ['weight'],
  season: ['seasonStart', 'seasonEnd'],
  storeIds: ['storeIds'],
  active: ['active'],
  note: ['note'],
};

export const COLUMN_LABEL: Record<EditableColumn, string> = {
  fromCategoryId: 'Bought',
  toCategoryId: 'Suggest',
  window: 'Window',
  weight: 'Weight',
  season: 'Season',
  storeIds: 'Stores',
  active: 'Active',
  note: 'Note',
};

interface ColumnContext {
  categories: CategoryIndex;
  stores: readonly StoreRef[];
  onToggleActive: (id: string, active: boolean) => void;
  problemCount: (id: string) => number;
}

const column = createColumnHelper<MerchAffinity>();

export function storesText(ids: readonly string[], stores: readonly StoreRef[]): string {
  if (ids.length === 0) return 'All stores';
  const names = ids.map((id) => stores.find((s) => s.id === id)?.name.replace(/^Endcap\s+/, '') ?? id);
  return names.length <= 2 ? names.join(', ') : `${names.length} stores`;
}

export function affinityColumns(ctx: ColumnContext): ColumnDef<MerchAffinity, never>[] {
  const cols = [
    column.display({
      id: 'select',
      // Each box sits in a label the size of a fingertip: the label is what gets pressed.
      header: ({ table }) => (
        <label className="check-hit">
        <input
          type="checkbox"
          className="row-check"
          aria-label="Select all shown"
          checked={table.getIsAllPageRowsSelected()}
          ref={(el) => {
            if (el) el.indeterminate = table.getIsSomePageRowsSelected();
          }}
          onChange={table.getToggleAllPageRowsSelectedHandler()}
          tabIndex={-1}
        />
        </label>
      ),
      cell: ({ row }) => (
        <label className="check-hit">
        <input
          type="checkbox"
          className="row-check"
          aria-label={`Select ${row.original.id}`}
          checked={row.getIsSelected()}
          onChange={row.getToggleSelectedHandler()}
          tabIndex={-1}
        />
        </label>
      ),
      enableSorting: false,
    }),
    column.accessor((a) => categoryName(ctx.categories, a.fromCategoryId), {
      id: 'fromCategoryId',
      header: 'Bought',
      cell: ({ row }) => <CategoryCell index={ctx.categories} id={row.original.fromCategoryId} />,
    }),
    column.accessor((a) => categoryName(ctx.categories, a.toCategoryId), {
      id: 'toCategoryId',
      header: 'Suggest',
      cell: ({ row }) => <CategoryCell index={ctx.categories} id={row.original.toCategoryId} skus={row.original.skus.length} />,
    }),
    column.accessor((a) => a.minDelayDays * 10_000 + a.maxDelayDays, {
      id: 'window',
      header: 'Window',
      cell: ({ row }) => <span className="nowrap">{formatWindow(row.original)}</span>,
      meta: { nowrap: true },
    }),
    column.accessor('weight', {
      header: 'Weight',
      cell: ({ row }) => <WeightCell weight={row.original.weight} />,
      meta: { numeric: true },
    }),
    column.accessor((a) => (a.seasonStart ? `${a.seasonStart}` : ''), {
      id: 'season',
      header: 'Season',
      cell: ({ row }) => <span className={row.original.seasonStart ? 'nowrap' : 'nowrap muted'}>{formatSeason(row.original)}</span>,
      meta: { nowrap: true },
    }),
    column.accessor((a) => storesText(a.storeIds, ctx.stores), {
      id: 'storeIds',
      header: 'Stores',
      cell: ({ row }) => (
        <span className={row.original.storeIds.length ? 'nowrap' : 'nowrap muted'} title={row.original.storeIds.join(', ') || undefined}>
          {storesText(row.original.storeIds, ctx.stores)}
        </span>
      ),
    }),
    column.accessor('active', {
      header: 'Active',
      cell: ({ row }) => (
        <button
          type="button"
          role="switch"
          className="toggle"
          aria-checked={row.original.active}
          aria-label={`${row.original.id} active`}
          tabIndex={-1}
          onClick={() => ctx.onToggleActive(row.original.id, !row.original.active)}
        >
          <span className="toggle-knob" />
        </button>
      ),
    }),
    column.accessor('note', {
      header: 'Note',
      cell: ({ row }) => (
        <span className="note-cell" title={row.original.note || undefined}>
          {row.original.note || <span className="muted">—</span>}
        </span>
      ),
    }),
    column.accessor((a) => ctx.problemCount(a.id), {
      id: 'issues',
      header: 'Check',
      cell: ({ row }) => {
        const n = ctx.problemCount(row.original.id);
        return n ? (
          <span className="row-issue" data-testid="row-problems">
            <Icon name="alert" size={16} /> {n}
          </span>
        ) : (
          <span className="row-ok" aria-label="No problems">
            <Icon name="check" size={16} />
          </span>
        );
      },
    }),
  ];
  return cols as ColumnDef<MerchAffinity, never>[];
}

function CategoryCell({ index, id, skus = 0 }: { index: CategoryIndex; id: string; skus?: number }) {
  const parent = categoryParentPath(index, id);
  return (
    <span className="category-cell">
      <span className="category-cell-name">
        {categoryName(index, id)}
        {skus ? <span className="sku-chip">{skus === 1 ? '1 SKU' : `${skus} SKUs`}</span> : null}
      </span>
      {parent ? (
        <span className="category-cell-path" title={parent}>
          {parent}
        </span>
      ) : null}
    </span>
  );
}

function WeightCell({ weight }: { weight: number }) {
  return (
    <span className="weight-cell">
      <span className="weight-bar" aria-hidden="true">
        <span className="weight-bar-fill" style={{ width: `${Math.min(1, Math.max(0, weight)) * 100}%` }} />
      </span>
      <span className="weight-text">{weight.toFixed(2).replace(/0$/, '')}</span>
    </span>
  );
}
