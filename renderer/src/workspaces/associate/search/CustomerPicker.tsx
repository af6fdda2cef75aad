// Who the order is for: the customer already open at the counter, one looked up here, or
// someone entered on the spot.
import { useId, useState } from 'react';
import { api } from '../../../bridge';
import type { CustomerSummary, FieldName } from '../../../../../core/contract/index';
import { useCardStore } from '../../../stores/cardStore';

export type PickedCustomer =
  | { kind: 'existing'; customerId: string; name: string; detail: string | null }
  | { kind: 'new'; name: string; email: string; phone: string };

/** The device's plain-words problem per field (see OrderForm). */
export type FieldProblems = Partial<Record<FieldName, string>>;

export function CustomerPicker({ value, onChange, problems = {} }: { value: PickedCustomer | null; onChange: (c: PickedCustomer | null) => void; problems?: FieldProblems }) {
  const card = useCardStore((s) => s.card);
  const [mode, setMode] = useState<'find' | 'new'>(value?.kind === 'new' ? 'new' : 'find');
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<CustomerSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const find = async () => {
    if (!query.trim()) return;
    const r = await api.call('customers.lookup', { query, kind: 'auto' });
    if (r.ok) {
      setMatches(r.value.matches);
      setError(null);
    } else setError(r.error.message);
  };

  if (value?.kind === 'existing') {
    return (
      <div className="picked-customer" data-testid="picked-customer">
        <span className="picked-name">{value.name}</span>
        {value.detail ? <span className="picked-detail">{value.detail}</span> : null}
        <button type="button" className="button button-ghost" onClick={() => onChange(null)}>
          Change
        </button>
      </div>
    );
  }

  return (
    <div className="customer-picker">
      <div className="segmented" role="tablist" aria-label="Customer">
        <button type="button" role="tab" aria-selected={mode === 'find'} className={mode === 'find' ? 'is-selected' : ''} onClick={() => { setMode('find'); onChange(null); }}>
          Customer on file
        </button>
        <button type="button" role="tab" aria-selected={mode === 'new'} className={mode === 'new' ? 'is-selected' : ''} onClick={() => { setMode('new'); onChange({ kind: 'new', name: '', email: '', phone: '' }); }}>
          New customer
        </button>
      </div>
      {mode === 'find' ? (
        <>
          {card ? (
            <button type="button" className="counter-customer" onClick={() => onChange({ kind: 'existing', customerId: card.id, name: card.name, detail: 'At the counter' })}>
              Use {card.name} (at the counter)
            </button>
          ) : null}
          <div className="inline-search">
            <input
              className="field-input"
              type="search"
              aria-label="Find a customer by email, phone, loyalty ID or name"
              placeholder="Email, phone, loyalty ID or name"
              value={query}
              maxLength={120}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void find();
                }
              }}
            />
            <button type="button" className="button button-secondary" onClick={() => void find()} disabled={!query.trim()}>
              Find
            </button>
          </div>
          {error ? <p className="field-error">{error}</p> : null}
          {matches ? (
            matches.length === 0 ? (
              <p className="sheet-hint">No customer found. Check the spelling, or add them as a new customer.</p>
            ) : (
              <ul className="customer-matches" aria-label="Matching customers">
                {matches.slice(0, 5).map((c) => (
                  <li key={c.id}>
                    <button type="button" className="customer-match" onClick={() => onChange({ kind: 'existing', customerId: c.id, name: c.name, detail: c.email ?? c.phone ?? c.city })}>
                      <span className="picked-name">{c.name}</span>
                      <span className="picked-detail">{c.email ?? c.phone ?? c.city ?? ''}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </>
      ) : value?.kind === 'new' ? (
        <div className="field-grid">
          <Field label="Full name" value={value.name} onChange={(name) => onChange({ ...value, name })} autoComplete="name" wide error={problems.name} />
          <Field label="Email" value={value.email} onChange={(email) => onChange({ ...value, email })} type="email" autoComplete="email" error={problems.email} />
          <Field label="Phone" value={value.phone} onChange={(phone) => onChange({ ...value, phone })} type="tel" autoComplete="tel" error={problems.phone} />
        </div>
      ) : null}
    </div>
  );
}

export function Field({
  label,
  value,
  onChange,
  type = 'text',
  autoComplete,
  wide,
  error,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: string;
  autoComplete?: string;
  wide?: boolean;
  /** What is wrong with it, in plain words, shown right under it. */
  error?: string;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  // Named by its label only: the message under it is its description, not part of its name.
  return (
    <label className={wide ? 'field is-wide' : 'field'}>
      <span className="field-label" id={`${id}-label`}>
        {label}
      </span>
      <input
        className="field-input"
        type={type}
        value={value}
        autoComplete={autoComplete}
        maxLength={120}
        aria-labelledby={`${id}-label`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <span className="field-error" id={errorId} data-testid="field-error">
          {error}
        </span>
      ) : null}
    </label>
  );
}
