// Every published version: who, when, why, what changed, which one is active; and rolling
// back to any earlier version in one confirmed step.
import { Fragment, useEffect, useMemo, useState } from 'react';
import { createColumnHelper, getCoreRowModel, getSortedRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import type { ApiErrorValue, VersionSummary } from '../../../../../core/contract/index';
import { useMerchDraftStore } from '../../../stores/merchDraftStore';
import { diffKey, useMerchVersionsStore } from '../../../stores/merchVersionsStore';
import { formatAbsolute } from '../../../format/time';
import { RowCells, SortableHead } from '../../../ui/dataTable';
import { Icon } from '../../../ui/Icon';
import { Notice } from '../../../ui/Notice';
import { RelativeTime } from '../../../ui/RelativeTime';
import { Dialog } from '../Dialog';
import { indexCategories, type CategoryIndex } from '../categories';
import { DiffView } from './DiffView';

const column = createColumnHelper<VersionSummary>();

export function HistoryTab({ notice }: { notice: string | null }) {
  const { status, list, error, load } = useMerchVersionsStore();
  const setup = useMerchDraftStore((s) => s.setup);
  const categories = useMemo(() => indexCategories(setup?.categories ?? []), [setup]);
  const [open, setOpen] = useState<number | null>(null);
  const [rollingBack, setRollingBack] = useState<VersionSummary | null>(null);
  const [done, setDone] = useState<string | null>(notice);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'version', desc: true }]);

  useEffect(() => {
    void load();
  }, [load]);

  const columns = useMemo(
    () => [
      column.accessor('version', {
        header: 'Version',
        cell: ({ row }) => (
          <span className="version-cell">
            <span className="version-number">v{row.original.version}</span>
            {row.original.active ? (
              <span className="badge badge-active" data-testid="active-badge">
                Active
              </span>
            ) : null}
          </span>
        ),
        meta: { nowrap: true },
      }),
      column.accessor('publishedAt', {
        header: 'Published',
        cell: ({ row }) => (
          <span className="nowrap" title={formatAbsolute(row.original.publishedAt)}>
            <RelativeTime iso={row.original.publishedAt} />
          </span>
        ),
      }),
      column.accessor('author', { header: 'Author', meta: { nowrap: true } }),
      column.accessor('note', { header: 'Note', cell: ({ row }) => <span className="history-note">{row.original.note || <span className="muted">—</span>}</span> }),
      column.accessor((v) => v.counts.activeAffinities, {
        id: 'affinities',
        header: 'Affinities',
        cell: ({ row }) => (
          <span className="nowrap">
            {row.original.counts.activeAffinities}
            <span className="muted"> of {row.original.counts.affinities}</span>
          </span>
        ),
        meta: { numeric: true },
      }),
      column.accessor((v) => v.counts.blockedCategories, { id: 'blocked', header: 'Blocked', meta: { numeric: true } }),
      column.display({
        id: 'actions',
        header: '',
        cell: ({ row }) => (
          <span className="history-actions">
            <button
              type="button"
              className="button button-ghost button-sm"
              aria-expanded={open === row.original.version}
              onClick={() => setOpen(open === row.original.version ? null : row.original.version)}
            >
              {open === row.original.version ? 'Hide changes' : 'Changes'}
            </button>
            {row.original.active ? null : (
              <button type="button" className="button button-secondary button-sm" onClick={() => setRollingBack(row.original)}>
                Roll back to this version
              </button>
            )}
          </span>
        ),
      }),
    ],
    [open],
  );

  const table = useReactTable({
    data: list?.versions ?? [],
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (v) => String(v.version),
  });

  return (
    <div className="history-layout" data-testid="history" data-state={status} data-active-version={list?.activeVersion ?? ''}>
      {done ? (
        <Notice tone="info" title={done} testId="history-notice">
          <button type="button" className="link-button" onClick={() => setDone(null)}>
            Dismiss
          </button>
        </Notice>
      ) : null}
      {status === 'error' && error ? <Notice tone="error" title={error.message} /> : null}
      <section className="panel panel-flush" aria-labelledby="versions-title">
        <h2 id="versions-title" className="panel-title">
          Versions
        </h2>
        <table className="data-table history-table" data-testid="versions-table">
          <SortableHead table={table} />
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <Fragment key={row.id}>
                <tr data-testid="version-row" data-version={row.original.version} data-active={row.original.active} className={row.original.active ? 'is-active' : undefined}>
                  <RowCells row={row} />
                </tr>
                {open === row.original.version ? (
                  <tr className="history-diff-row">
                    <td colSpan={row.getVisibleCells().length}>
                      <VersionDiff version={row.original} categories={categories} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
        {list && list.versions.length === 0 ? <p className="panel-pad muted">Nothing was published yet: the engine uses its built-in defaults.</p> : null}
      </section>

      {list?.activations.length ? (
        <section className="panel activations" aria-labelledby="activations-title" data-testid="activations">
          <h2 id="activations-title" className="panel-title">
            Activity
          </h2>
          <ol className="activation-list">
            {list.activations.slice(0, 12).map((a) => (
              <li key={`${a.version}@${a.at}`} className="activation">
                <span className={`activation-dot is-${a.kind}`} aria-hidden="true" />
                <span className="activation-text">
                  <strong>{a.by}</strong> {a.kind === 'published' ? 'published' : 'rolled back to'} <strong>v{a.version}</strong>
                  {a.note ? <span className="muted"> — {a.note}</span> : null}
                </span>
                <span className="activation-time" title={formatAbsolute(a.at)}>
                  <RelativeTime iso={a.at} />
                </span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {rollingBack ? (
        <RollbackDialog
          target={rollingBack}
          activeVersion={list?.activeVersion ?? 0}
          categories={categories}
          onClose={() => setRollingBack(null)}
          onDone={(v) => {
            setRollingBack(null);
            setDone(`Version ${v} is active again. Stores pick it up at their next sync.`);
          }}
        />
      ) : null}
    </div>
  );
}

function VersionDiff({ version, categories }: { version: VersionSummary; categories: CategoryIndex }) {
  const { diffs, loadDiff } = useMerchVersionsStore();
  const from = version.parentVersion ?? (version.version > 1 ? version.version - 1 : 0);
  useEffect(() => {
    void loadDiff(from, version.version);
  }, [from, version.version, loadDiff]);
  const entry = diffs[diffKey(from, version.version)];
  if (!entry || entry.status === 'loading') return <p className="muted">Comparing…</p>;
  if (entry.status === 'error') return <Notice tone="error" title={entry.error.message} />;
  return <DiffView diff={entry.diff} categories={categories} />;
}

function RollbackDialog({
  target,
  activeVersion,
  categories,
  onClose,
  onDone,
}: {
  target: VersionSummary;
  activeVersion: number;
  categories: CategoryIndex;
  onClose: () => void;
  onDone: (version: number) => void;
}) {
  const { diffs, loadDiff, rollback } = useMerchVersionsStore();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorValue | null>(null);
  useEffect(() => {
    void loadDiff(null, target.version, true);
  }, [target.version, loadDiff]);
  const entry = diffs[diffKey(null, target.version)];

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const outcome = await rollback(target.version, note.trim());
    setBusy(false);
    if ('error' in outcome) setError(outcome.error);
    else onDone(outcome.version.version);
  };

  return (
    <Dialog
      title={`Roll back to version ${target.version}?`}
      subtitle={`v${target.version} replaces v${activeVersion} as the active policy on this device and, through sync, in every store. Nothing is deleted: you can switch back any time.`}
      onClose={onClose}
      wide
      testId="rollback-dialog"
      footer={
        <>
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button-danger" onClick={() => void confirm()} disabled={busy}>
            <Icon name="repeat" size={18} /> {busy ? 'Rolling back…' : `Roll back to v${target.version}`}
          </button>
        </>
      }
    >
      <h3 className="field-label">What changes for customers</h3>
      <div className="diff-box">
        {!entry || entry.status === 'loading' ? <p className="muted">Comparing…</p> : null}
        {entry?.status === 'error' ? <Notice tone="error" title={entry.error.message} /> : null}
        {entry?.status === 'ready' ? <DiffView diff={entry.diff} categories={categories} /> : null}
      </div>
      <label className="form-field">
        <span className="field-label">Reason (optional)</span>
        <input className="text-field" value={note} maxLength={500} placeholder="e.g. socks promotion ended early" onChange={(e) => setNote(e.target.value)} />
      </label>
      {error ? <Notice tone="error" title={`Not rolled back: ${error.message}`} testId="rollback-error" /> : null}
    </Dialog>
  );
}
