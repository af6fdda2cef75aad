// Force how the search text is read when Auto guesses wrong (e.g. a name that is all digits).
import type { LookupKind } from '../../stores/lookupStore';

const KINDS: Array<{ kind: LookupKind; label: string }> = [
  { kind: 'auto', label: 'Auto' },
  { kind: 'email', label: 'Email' },
  { kind: 'phone', label: 'Phone' },
  { kind: 'loyalty', label: 'Loyalty ID' },
  { kind: 'name', label: 'Name' },
];

export function KindChips({ value, onChange }: { value: LookupKind; onChange: (kind: LookupKind) => void }) {
  return (
    <div className="chips" role="radiogroup" aria-label="Search by">
      {KINDS.map(({ kind, label }) => (
        <button
          key={kind}
          type="button"
          role="radio"
          aria-checked={value === kind}
          className={value === kind ? 'chip is-selected' : 'chip'}
          onClick={() => onChange(kind)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
