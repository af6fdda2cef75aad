// Which days and which store the dashboard shows.
import type { CaptureReport } from '../../../../core/contract/index';
import type { RangePreset } from '../../stores/dashboardStore';

const PRESETS: { id: RangePreset; label: string }[] = [
  { id: 'today', label: 'Today' },
  { id: '7d', label: '7 days' },
  { id: '30d', label: '30 days' },
  { id: '90d', label: '90 days' },
];

interface RangeBarProps {
  preset: RangePreset;
  storeId: string | null;
  stores: CaptureReport['stores'];
  /** The store picker: not for a manager's hub report, which is their store by rule. */
  showStores?: boolean;
  onPreset: (p: RangePreset) => void;
  onStore: (storeId: string | null) => void;
}

export function RangeBar({ preset, storeId, stores, showStores = true, onPreset, onStore }: RangeBarProps) {
  return (
    <div className="range-bar">
      <div className="segmented" role="radiogroup" aria-label="Date range">
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            role="radio"
            aria-checked={p.id === preset}
            className={p.id === preset ? 'segment is-selected' : 'segment'}
            onClick={() => onPreset(p.id)}
          >
            {p.label}
          </button>
        ))}
      </div>
      {showStores ? (
      <label className="store-select">
        <span className="visually-hidden">Store</span>
        <select value={storeId ?? ''} onChange={(e) => onStore(e.target.value || null)} aria-label="Store">
          <option value="">All stores</option>
          {stores.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      ) : null}
    </div>
  );
}
