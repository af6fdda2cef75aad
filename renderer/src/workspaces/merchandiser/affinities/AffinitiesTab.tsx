// The affinities of the draft: the table with its toolbar and bulk edits, suggestions beside it.
import { useCallback, useMemo, useState } from 'react';
import type { RowSelectionState } from '@tanstack/react-table';
import type { ApiErrorValue, AffinitySuggestion, MerchAffinity } from '../../../../../core/contract/index';
import { useMerchDraftStore } from '../../../stores/merchDraftStore';
import { Icon } from '../../../ui/Icon';
import { Notice } from '../../../ui/Notice';
import { indexCategories } from '../categories';
import { AddAffinityDialog } from './AddAffinityDialog';
import { addAffinity, removeAffinities, updateAffinities, type AffinityPatch } from './affinityEdit';
import { AffinityTable, type FocusRequest, type RowFilter } from './AffinityTable';
import { BulkBar } from './BulkBar';
import { CsvImportDialog } from './CsvImportDialog';
import { SuggestionsPanel } from './SuggestionsPanel';

const SHOW: { id: RowFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'active', label: 'Active' },
  { id: 'inactive', label: 'Off' },
  { id: 'problems', label: 'With problems' },
];

export function AffinitiesTab({ focusRequest }: { focusRequest: FocusRequest | null }) {
  const { setup, policy, draft, edit, exportCsv } = useMerchDraftStore();
  const [filter, setFilter] = useState('');
  const [show, setShow] = useState<RowFilter>('all');
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [dialog, setDialog] = useState<'add' | 'import' | null>(null);
  const [added, setAdded] = useState<FocusRequest | null>(null);
  const [exportError, setExportError] = useState<ApiErrorValue | null>(null);

  const categories = useMemo(() => indexCategories(setup?.categories ?? []), [setup]);
  const onPatch = useCallback((id: string, patch: AffinityPatch) => edit((p) => updateAffinities(p, new Set([id]), patch)), [edit]);

  if (!setup || !policy || !draft) return null;
  const affinities = policy.affinities;
  const selectedIds = new Set(Object.keys(selection).filter((id) => selection[id] && affinities.some((a) => a.id === id)));

  const add = (affinity: MerchAffinity) => {
    let id = affinity.id;
    edit((p) => {
      const out = addAffinity(p, affinity);
      id = out.id;
      return out.policy;
    });
    setAdded({ id, n: Date.now() });
    setFilter('');
    setShow('all');
  };

  const adopt = (s: AffinitySuggestion) => add({ ...s.proposal, active: true });

  const download = async () => {
    setExportError(null);
    const out = await exportCsv();
    if ('error' in out) {
      setExportError(out.error);
      return;
    }
    const url = URL.createObjectURL(new Blob([out.csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = out.fileName;
    a.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div className="affinities-layout">
      <section className="panel panel-flush affinities" aria-labelledby="affinities-title">
        <div className="table-toolbar">
          <h2 id="affinities-title" className="panel-title">
            Affinities <span className="title-count">{affinities.length}</span>
          </h2>
          <div className="segmented segmented-sm" role="radiogroup" aria-label="Show">
            {SHOW.map((s) => (
              <button key={s.id} type="button" role="radio" aria-checked={show === s.id} className={show === s.id ? 'segment is-selected' : 'segment'} onClick={() => setShow(s.id)}>
                {s.label}
              </button>
            ))}
          </div>
          <label className="leader-filter table-filter">
            <Icon name="search" size={18} />
            <span className="visually-hidden">Filter affinities</span>
            <input type="search" placeholder="Category or note" value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" />
          </label>
          <span className="toolbar-spacer" />
          <button type="button" className="button button-secondary button-sm" onClick={() => setDialog('import')}>
            <Icon name="download" size={16} className="icon-flip" /> Import CSV
          </button>
          <button type="button" className="button button-secondary button-sm" onClick={() => void download()}>
            <Icon name="download" size={16} /> Export CSV
          </button>
          <button type="button" className="button button-primary button-sm" onClick={() => setDialog('add')}>
            <Icon name="plus" size={16} /> Add affinity
          </button>
        </div>
        {exportError ? (
          <div className="panel-pad">
            <Notice tone="error" title={`Export failed: ${exportError.message}`} />
          </div>
        ) : null}
        {selectedIds.size ? (
          <BulkBar
            count={selectedIds.size}
            onApply={(patch) => edit((p) => updateAffinities(p, selectedIds, patch))}
            onRemove={() => {
              edit((p) => removeAffinities(p, selectedIds));
              setSelection({});
            }}
            onClear={() => setSelection({})}
          />
        ) : null}
        <AffinityTable
          affinities={affinities}
          categories={categories}
          stores={setup.stores}
          problems={draft.problems}
          filter={filter}
          show={show}
          selection={selection}
          onSelectionChange={setSelection}
          onPatch={onPatch}
          focusRequest={latest(focusRequest, added)}
        />
        <p className="table-hint">
          <kbd>↑</kbd> <kbd>↓</kbd> <kbd>←</kbd> <kbd>→</kbd> move · <kbd>Enter</kbd> edit · <kbd>Space</kbd> tick · <kbd>Esc</kbd> cancel · double-click a cell to edit
        </p>
      </section>
      <SuggestionsPanel onAdopt={adopt} />
      {dialog === 'add' ? (
        <AddAffinityDialog
          categories={categories}
          takenIds={new Set(affinities.map((a) => a.id))}
          onClose={() => setDialog(null)}
          onAdd={(a) => {
            add(a);
            setDialog(null);
          }}
        />
      ) : null}
      {dialog === 'import' ? <CsvImportDialog columns={setup.csvColumns} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}

function latest(a: FocusRequest | null, b: FocusRequest | null): FocusRequest | null {
  if (!a || !b) return a ?? b;
  return a.n >= b.n ? a : b;
}
