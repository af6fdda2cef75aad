// The address field: the email keyboard, the device's verdict, and a typo fix as one tap.
import { useEffect, useRef } from 'react';
import type { EmailVerdict } from '../../../../../core/contract/index';
import { Icon } from '../../../ui/Icon';

interface EmailFieldProps {
  value: string;
  verdict: EmailVerdict | null;
  /** The verdict belongs to what is in the field now. */
  current: boolean;
  suppressed: boolean;
  onChange: (value: string) => void;
  onSettle: () => void;
  onAcceptSuggestion: () => void;
}

export function EmailField({ value, verdict, current, suppressed, onChange, onSettle, onAcceptSuggestion }: EmailFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const state = !value.trim() || !verdict || !current ? 'idle' : verdict.valid ? 'valid' : 'invalid';

  return (
    <div className="email-field" data-state={state}>
      <label className="field-label" htmlFor="capture-email">
        Email address
      </label>
      <div className="email-box">
        <Icon name="mail" size={24} className="email-icon" />
        <input
          ref={input}
          id="capture-email"
          className="email-input"
          type="email"
          inputMode="email"
          name="capture-email"
          placeholder="name@example.com"
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          enterKeyHint="done"
          maxLength={254}
          value={value}
          aria-invalid={state === 'invalid'}
          aria-describedby="capture-email-help"
          onChange={(e) => onChange(e.target.value)}
          onBlur={onSettle}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onSettle();
            }
          }}
        />
        {state === 'valid' ? <Icon name="check" size={24} className="email-ok" /> : null}
      </div>

      <div id="capture-email-help" className="email-help" aria-live="polite">
        {current && verdict?.suggestion ? (
          <button type="button" className="suggestion" data-testid="typo-suggestion" onClick={onAcceptSuggestion}>
            <Icon name="sparkle" size={18} />
            <span>
              Did you mean <strong>{verdict.suggestion}</strong>?
            </span>
            <span className="suggestion-action">Use it</span>
          </button>
        ) : null}
        {state === 'invalid' && verdict?.problem ? (
          <p className="field-error" data-testid="email-problem">
            <Icon name="alert" size={16} /> {verdict.problem}
          </p>
        ) : null}
        {state === 'valid' && verdict?.disposable ? (
          <p className="field-warning">
            <Icon name="alert" size={16} /> A throwaway mailbox: receipts may not reach the customer for long.
          </p>
        ) : null}
        {state === 'valid' && suppressed ? (
          <p className="field-warning" data-testid="suppressed-note">
            <Icon name="shield" size={16} /> This address asked not to get marketing. Receipts only.
          </p>
        ) : null}
      </div>
    </div>
  );
}
