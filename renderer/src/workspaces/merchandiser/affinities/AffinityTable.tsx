// The affinity table: sortable, filterable, every field editable in place, rows selectable
// for bulk edits, and a spreadsheet's keyboard: arrows between cells, Enter or F2 to edit,
// Space to tick, Escape to leave a cell as it was.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type RowSelectionState,
  type SortingState,
} from '@tanstack/react-table';
import type { FieldProblem, MerchAffinity, StoreRef } from '../../../../../core/contract/index';
import { cellClass, SortableHead } from '../../../ui/dataTable';
import { categoryName, type CategoryIndex } from '../categories';
import { problemsByField, type AffinityPatch } from './affinityEdit';
import { affinityColumns, COLUMN_FIELDS, isEditable, type EditableColumn } from './affinityColumns';
import { CellEditor, type CommitHow } from './CellEditor';
import { moveCell, nextAfterCommit, type CellPos } from './gridNav';

export type RowFilter = 'all' | 'active' | 'inactive' | 'problems';

/** Bring this row into view and focus it; `n` tells a repeated request apart. */
export interface FocusRequest {
  id: string;
  n: number;
}

interface AffinityTableProps {
  affinities: MerchAffinity[];
  categories: CategoryIndex;
  stores: readonly StoreRef[];
  problems: readonly FieldProblem[];
  filter: string;
  show: RowFilter;
  selection: RowSelectionState;
  onSelectionChange: (s: RowSelectionState) => void;
  onPatch: (id: string, patch: AffinityPatch) => void;
  /** After adding a row, or jumping to one from the checks. */
  focusRequest: FocusRequest | null;
}

export function AffinityTable({ affinities, categories, stores, problems, filter, show, selection, onSelectionChange, onPatch, focusRequest }: AffinityTableProps) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [focus, setFocus] = useState<CellPos>({ row: 0, col: 1 });
  const [editing, setEditing] = useState<{ rowId: string; column: EditableColumn } | null>(null);
  const gridRef = useRef<HTMLTableElement>(null);
  /** Move DOM focus with the cursor only while the person is working in the grid. */
  const inGrid = useRef(false);

  const problemCounts = useMemo(() => {
    const n = new Map<string, number>();
    for (const p of problems) {
      const m = /^affinities\.([^.]+)/.exec(p.path);
      if (m) n.set(m[1]!, (n.get(m[1]!) ?? 0) + 1);
    }
    return n;
  }, [problems]);

  const columns = useMemo(
    () =>
      affinityColumns({
        categories,
        stores,
        onToggleActive: (id, active) => onPatch(id, { active }),
        problemCount: (id) => problemCounts.get(id) ?? 0,
      }),
    [categories, stores, onPatch, problemCounts],
  );

  const data = useMemo(
    () =>
      affinities.filter((a) =>
        show === 'active' ? a.active : show === 'inactive' ? !a.active : show === 'problems' ? (problemCounts.get(a.id) ?? 0) > 0 : true,
      ),
    [affinities, show, problemCounts],
  );

  const table = useReactTable({
    data,
    columns,
    state: { sorting, globalFilter: filter, rowSelection: selection },
    onSortingChange: setSorting,
    onRowSelectionChange: (updater) => onSelectionChange(typeof updater === 'function' ? updater(selection) : updater),
    globalFilterFn: (row, _id, value: string) => {
      const a = row.original;
      const hay = `${a.id} ${categoryName(categories, a.fromCategoryId)} ${categoryName(categories, a.toCategoryId)} ${a.note} ${a.skus.join(' ')}`.toLowerCase();
      return value
        .toLowerCase()
        .split(/\s+/)
        .filter(Boolean)
        .every((w) => hay.includes(w));
    },
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getRowId: (a) => a.id,
    enableRowSelection: true,
  });

  const rows = table.getRowModel().rows;
  const columnIds = table.getVisibleLeafColumns().map((c) => c.id);

  // Keep the cursor inside the grid when rows are filtered away.
  useEffect(() => {
    if (rows.length && focus.row >= rows.length) setFocus({ row: rows.length - 1, col: focus.col });
  }, [rows.length, focus]);

  useEffect(() => {
    if (!focusRequest) return;
    const index = rows.findIndex((r) => r.id === focusRequest.id);
    if (index < 0) return;
    inGrid.current = true;
    setFocus({ row: index, col: 1 });
    // Only a new request moves the cursor, not every change of the rows.
  }, [focusRequest]);

  useEffect(() => {
    if (!inGrid.current || editing) return;
    const cell = gridRef.current?.querySelector<HTMLElement>(`td[data-row="${focus.row}"][data-col="${focus.col}"]`);
    if (cell && document.activeElement !== cell) cell.focus({ preventScroll: false });
  }, [focus, editing, rows]);

  const commit = (rowId: string, patch: AffinityPatch, how: CommitHow) => {
    onPatch(rowId, patch);
    setEditing(null);
    // 'stay' is a click elsewhere: the focus goes where the person clicked.
    if (how === 'stay') return;
    inGrid.current = true;
    setFocus((at) => nextAfterCommit(at, how, rows.length, columnIds.length));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    if (editing) return;
    const row = rows[focus.row];
    const colId = columnIds[focus.col];
    if (!row || !colId) return;
    const move = moveCell(focus, e.key, rows.length, columnIds.length, e.ctrlKey || e.metaKey);
    if (move) {
      e.preventDefault();
      inGrid.current = true;
      setFocus(move);
      return;
    }
    if (e.key === ' ' && colId === 'select') {
      e.preventDefault();
      row.toggleSelected();
    } else if ((e.key === ' ' || e.key === 'Enter') && colId === 'active') {
      e.preventDefault();
      onPatch(row.id, { active: !row.original.active });
    } else if ((e.key === 'Enter' || e.key === 'F2') && isEditable(colId)) {
      e.preventDefault();
      setEditing({ rowId: row.id, column: colId });
    } else if (e.key === ' ' && e.shiftKey) {
      e.preventDefault();
      row.toggleSelected();
    }
  };

  return (
    <div className="affinity-grid-wrap">
      <table
        ref={gridRef}
        className="data-table affinity-table"
        role="grid"
        aria-label="Affinities"
        aria-rowcount={rows.length}
        data-testid="affinity-table"
        onKeyDown={onKeyDown}
      >
        <SortableHead table={table} />
        <tbody>
          {rows.map((row, r) => {
            const fieldProblems = problemsByField(problems, row.id);
            return (
              <tr
                key={row.id}
                data-testid="affinity-row"
                data-affinity-id={row.id}
                aria-selected={row.getIsSelected()}
                className={`${row.getIsSelected() ? 'is-selected' : ''}${row.original.active ? '' : ' is-inactive'}`}
              >
                {row.getVisibleCells().map((cell, c) => {
                  const colId = cell.column.id;
                  const isEditing = editing?.rowId === row.id && editing.column === colId;
                  const cellProblems = isEditable(colId) ? COLUMN_FIELDS[colId].flatMap((f) => fieldProblems.get(f) ?? []) : colId === 'issues' ? [...fieldProblems.values()].flat() : [];
                  const classes = [cellClass(cell.column.columnDef.meta), `col-${colId}`, isEditable(colId) && 'is-editable', isEditing && 'is-editing', cellProblems.length && 'has-problem']
                    .filter(Boolean)
                    .join(' ');
                  return (
                    <td
                      key={cell.id}
                      className={classes}
                      data-column={colId}
                      data-row={r}
                      data-col={c}
                      tabIndex={focus.row === r && focus.col === c ? 0 : -1}
                      title={cellProblems.length ? cellProblems.join('\n') : undefined}
                      aria-invalid={cellProblems.length ? true : undefined}
                      onFocus={() => {
                        inGrid.current = true;
                        if (focus.row !== r || focus.col !== c) setFocus({ row: r, col: c });
                      }}
                      onBlur={(e) => {
                        if (!gridRef.current?.contains(e.relatedTarget as Node | null)) inGrid.current = false;
                      }}
                      onDoubleClick={() => isEditable(colId) && colId !== 'active' && setEditing({ rowId: row.id, column: colId })}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      {isEditing ? (
                        <CellEditor
                          column={colId as EditableColumn}
                          affinity={row.original}
                          categories={categories.list}
                          stores={stores}
                          onCommit={(patch, how) => commit(row.id, patch, how)}
                          onCancel={() => {
                            setEditing(null);
                            inGrid.current = true;
                            setFocus((at) => ({ ...at }));
                          }}
                        />
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 ? (
        <p className="affinity-empty" data-testid="affinity-empty">
          {affinities.length === 0 ? 'No affinities yet. Add one, adopt a suggestion, or import a CSV.' : 'No affinity matches this filter.'}
        </p>
      ) : null}
    </div>
  );
}
