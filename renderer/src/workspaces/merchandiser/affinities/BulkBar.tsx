// One change to every selected affinity: weight, window, on or off, or removal.
import { useState } from 'react';
import { Icon } from '../../../ui/Icon';
import { parseWeight, parseWindow, type AffinityPatch } from './affinityEdit';

interface BulkBarProps {
  count: number;
  onApply: (patch: AffinityPatch) => void;
  onRemove: () => void;
  onClear: () => void;
}

export function BulkBar({ count, onApply, onRemove, onClear }: BulkBarProps) {
  const [weight, setWeight] = useState('');
  const [window, setWindow] = useState('');
  const [error, setError] = useState<string | null>(null);

  const apply = (what: 'weight' | 'window') => {
    const parsed = what === 'weight' ? parseWeight(weight) : parseWindow(window);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    onApply(what === 'weight' ? { weight: parsed.value as number } : (parsed.value as AffinityPatch));
  };

  return (
    <div className="bulk-bar" role="toolbar" aria-label="Change the selected affinities" data-testid="bulk-bar">
      <span className="bulk-count">{count} selected</span>
      <form
        className="bulk-field"
        onSubmit={(e) => {
          e.preventDefault();
          apply('weight');
        }}
      >
        <label>
          <span className="bulk-label">Weight</span>
          <input className="cell-input bulk-input" aria-label="Weight for the selected" value={weight} placeholder="0.8" onChange={(e) => setWeight(e.target.value)} />
        </label>
        <button type="submit" className="button button-secondary button-sm">
          Set
        </button>
      </form>
      <form
        className="bulk-field"
        onSubmit={(e) => {
          e.preventDefault();
          apply('window');
        }}
      >
        <label>
          <span className="bulk-label">Window</span>
          <input className="cell-input bulk-input" aria-label="Window for the selected" value={window} placeholder="7–30" onChange={(e) => setWindow(e.target.value)} />
        </label>
        <button type="submit" className="button button-secondary button-sm">
          Set
        </button>
      </form>
      <button type="button" className="button button-secondary button-sm" onClick={() => onApply({ active: true })}>
        Turn on
      </button>
      <button type="button" className="button button-secondary button-sm" onClick={() => onApply({ active: false })}>
        Turn off
      </button>
      <button type="button" className="button button-danger button-sm" onClick={onRemove}>
        <Icon name="trash" size={16} /> Remove
      </button>
      <span className="bulk-spacer" />
      {error ? (
        <span className="bulk-error" role="alert">
          {error}
        </span>
      ) : null}
      <button type="button" className="button button-ghost button-sm" onClick={onClear}>
        Clear selection
      </button>
    </div>
  );
}
