// Editing one cell of the affinity table in place. Enter keeps, Tab keeps and moves right,
// Escape leaves the cell as it was. A value that cannot be read stays open with the reason.
import { useState, type KeyboardEvent } from 'react';
import type { CategoryNode, MerchAffinity, StoreRef } from '../../../../../core/contract/index';
import { CategoryPicker } from '../CategoryPicker';
import { formatMonthDay, parseSeason, parseSkus, parseWeight, parseWindow, type AffinityPatch, type ParseResult } from './affinityEdit';
import type { EditableColumn } from './affinityColumns';

export type CommitHow = 'enter' | 'tab' | 'shift-tab' | 'stay';

interface CellEditorProps {
  column: EditableColumn;
  affinity: MerchAffinity;
  categories: readonly CategoryNode[];
  stores: readonly StoreRef[];
  onCommit: (patch: AffinityPatch, how: CommitHow) => void;
  onCancel: () => void;
}

export function CellEditor({ column, affinity, categories, stores, onCommit, onCancel }: CellEditorProps) {
  switch (column) {
    case 'fromCategoryId':
      return (
        <div className="cell-popover is-wide">
          <CategoryPicker
            categories={categories}
            value={affinity.fromCategoryId}
            label="Bought category"
            autoFocus
            onPick={(c) => onCommit({ fromCategoryId: c.id }, 'enter')}
            onCancel={onCancel}
          />
        </div>
      );
    case 'toCategoryId':
      return <SuggestEditor affinity={affinity} categories={categories} onCommit={onCommit} onCancel={onCancel} />;
    case 'window':
      return (
        <TextEditor
          initial={`${affinity.minDelayDays}–${affinity.maxDelayDays}`}
          label="Window in days after the purchase"
          parse={parseWindow}
          onCommit={(v, how) => onCommit(v, how)}
          onCancel={onCancel}
        />
      );
    case 'weight':
      return <TextEditor initial={String(affinity.weight)} label="Weight" parse={parseWeight} onCommit={(weight, how) => onCommit({ weight }, how)} onCancel={onCancel} numeric />;
    case 'note':
      return (
        <TextEditor
          initial={affinity.note}
          label="Note"
          parse={(t) => ({ ok: true, value: t })}
          onCommit={(note, how) => onCommit({ note }, how)}
          onCancel={onCancel}
        />
      );
    case 'season':
      return <SeasonEditor affinity={affinity} onCommit={onCommit} onCancel={onCancel} />;
    case 'storeIds':
      return <StoresEditor affinity={affinity} stores={stores} onCommit={onCommit} onCancel={onCancel} />;
    case 'active':
      return null;
  }
}

function commitKey(e: KeyboardEvent): CommitHow | 'cancel' | null {
  if (e.key === 'Enter') return 'enter';
  if (e.key === 'Tab') return e.shiftKey ? 'shift-tab' : 'tab';
  if (e.key === 'Escape') return 'cancel';
  return null;
}

function TextEditor<T>({
  initial,
  label,
  parse,
  onCommit,
  onCancel,
  numeric,
}: {
  initial: string;
  label: string;
  parse: (text: string) => ParseResult<T>;
  onCommit: (value: T, how: CommitHow) => void;
  onCancel: () => void;
  numeric?: boolean;
}) {
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const commit = (how: CommitHow) => {
    const parsed = parse(text);
    if (!parsed.ok) {
      setError(parsed.message);
      return false;
    }
    onCommit(parsed.value, how);
    return true;
  };
  return (
    <div className="cell-editor">
      <input
        className={numeric ? 'cell-input num' : 'cell-input'}
        aria-label={label}
        aria-invalid={error ? true : undefined}
        value={text}
        autoFocus
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          const how = commitKey(e);
          if (!how) return;
          e.preventDefault();
          e.stopPropagation();
          if (how === 'cancel') onCancel();
          else commit(how);
        }}
        onBlur={() => {
          if (!commit('stay')) onCancel();
        }}
      />
      {error ? (
        <p className="cell-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function SuggestEditor({
  affinity,
  categories,
  onCommit,
  onCancel,
}: {
  affinity: MerchAffinity;
  categories: readonly CategoryNode[];
  onCommit: (patch: AffinityPatch, how: CommitHow) => void;
  onCancel: () => void;
}) {
  const [skus, setSkus] = useState(affinity.skus.join(', '));
  return (
    <div className="cell-popover is-wide" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onCancel())}>
      <CategoryPicker
        categories={categories}
        value={affinity.toCategoryId}
        label="Suggested category"
        autoFocus
        onPick={(c) => onCommit({ toCategoryId: c.id, skus: parseSkus(skus) }, 'enter')}
        onCancel={onCancel}
      />
      <label className="popover-field">
        <span className="popover-label">Only these SKUs (optional)</span>
        <input
          className="cell-input"
          value={skus}
          placeholder="Best sellers of the category when empty"
          onChange={(e) => setSkus(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onCommit({ skus: parseSkus(skus) }, 'enter');
            }
          }}
        />
      </label>
    </div>
  );
}

function SeasonEditor({ affinity, onCommit, onCancel }: { affinity: MerchAffinity; onCommit: (patch: AffinityPatch, how: CommitHow) => void; onCancel: () => void }) {
  const [start, setStart] = useState(affinity.seasonStart ? formatMonthDay(affinity.seasonStart) : '');
  const [end, setEnd] = useState(affinity.seasonEnd ? formatMonthDay(affinity.seasonEnd) : '');
  const [error, setError] = useState<string | null>(null);
  const commit = (how: CommitHow) => {
    const parsed = parseSeason(start, end);
    if (!parsed.ok) setError(parsed.message);
    else onCommit(parsed.value, how);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit('enter');
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    }
  };
  return (
    <div className="cell-popover" onKeyDown={onKeyDown}>
      <div className="season-fields">
        <label className="popover-field">
          <span className="popover-label">From</span>
          <input className="cell-input" value={start} placeholder="Apr 1" autoFocus onChange={(e) => (setStart(e.target.value), setError(null))} />
        </label>
        <label className="popover-field">
          <span className="popover-label">Until</span>
          <input className="cell-input" value={end} placeholder="Sep 30" onChange={(e) => (setEnd(e.target.value), setError(null))} />
        </label>
      </div>
      {error ? (
        <p className="cell-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="popover-actions">
        <button type="button" className="button button-ghost button-sm" onClick={() => onCommit({ seasonStart: null, seasonEnd: null }, 'enter')}>
          All year
        </button>
        <button type="button" className="button button-primary button-sm" onClick={() => commit('enter')}>
          Apply
        </button>
      </div>
    </div>
  );
}

function StoresEditor({
  affinity,
  stores,
  onCommit,
  onCancel,
}: {
  affinity: MerchAffinity;
  stores: readonly StoreRef[];
  onCommit: (patch: AffinityPatch, how: CommitHow) => void;
  onCancel: () => void;
}) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set(affinity.storeIds));
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  // Every store ticked is the same as none: "all stores", including ones opened later.
  const apply = () => onCommit({ storeIds: chosen.size === stores.length ? [] : stores.filter((s) => chosen.has(s.id)).map((s) => s.id) }, 'enter');
  return (
    <div
      className="cell-popover"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        } else if (e.key === 'Enter') {
          e.preventDefault();
          apply();
        }
      }}
    >
      <fieldset className="store-checks">
        <legend className="popover-label">Stores (none ticked = every store)</legend>
        {stores.map((s, i) => (
          <label key={s.id} className="check-row">
            <input type="checkbox" checked={chosen.has(s.id)} autoFocus={i === 0} onChange={() => toggle(s.id)} />
            {s.name}
          </label>
        ))}
      </fieldset>
      <div className="popover-actions">
        <button type="button" className="button button-ghost button-sm" onClick={() => setChosen(new Set())}>
          Every store
        </button>
        <button type="button" className="button button-primary button-sm" onClick={apply}>
          Apply
        </button>
      </div>
    </div>
  );
}
