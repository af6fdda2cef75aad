// One big field for anything the customer can tell you: email, phone, loyalty id or name.
import { useEffect, useRef } from 'react';
import type { LookupKind } from '../../stores/lookupStore';
import { Icon } from '../../ui/Icon';

// Bring up the on-screen keyboard that fits what is being typed.
const inputMode: Record<LookupKind, 'text' | 'email' | 'tel'> = {
  auto: 'text',
  email: 'email',
  phone: 'tel',
  loyalty: 'text',
  name: 'text',
};

interface SearchFieldProps {
  value: string;
  kind: LookupKind;
  busy: boolean;
  onChange: (value: string) => void;
  onSubmit: () => void;
  onClear: () => void;
}

export function SearchField({ value, kind, busy, onChange, onSubmit, onClear }: SearchFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  return (
    <form
      className="search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <label className="search-box">
        <Icon name="search" size={26} className="search-icon" />
        <span className="visually-hidden">Email, phone, loyalty ID or name</span>
        <input
          ref={input}
          className="search-input"
          type="search"
          name="customer-query"
          placeholder="Email, phone, loyalty ID or name"
          value={value}
          inputMode={inputMode[kind]}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={120}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && value) {
              e.preventDefault();
              onClear();
            }
          }}
        />
        {value ? (
          <button
            type="button"
            className="search-clear"
            aria-label="Clear search"
            onClick={() => {
              onClear();
              input.current?.focus();
            }}
          >
            <Icon name="close" size={22} />
          </button>
        ) : null}
      </label>
      <button type="submit" className="button button-primary button-lg search-submit" disabled={busy || !value.trim()}>
        {busy ? 'Searching…' : 'Search'}
      </button>
    </form>
  );
}
