// A PIN pad sized for a thumb on a counter tablet, that also takes a physical keyboard.
// Digits never appear on screen: only dots, so a shopper across the counter sees nothing.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Icon } from '../ui/Icon';

export const PIN_MIN = 4;
export const PIN_MAX = 8;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

interface PinPadProps {
  /** Resolves true when the PIN was accepted; otherwise the pad clears for another try. */
  onSubmit: (pin: string) => Promise<boolean>;
  busy: boolean;
  /** Changes on every refused attempt, to replay the shake. */
  refusals: number;
  /** Shown between the dots and the keys: the answer to the last attempt. */
  message?: ReactNode;
  /** What the big button says: "Log in" at sign-in, "Approve" for a manager's approval. */
  submitLabel?: string;
}

export function PinPad({ onSubmit, busy, refusals, message, submitLabel = 'Log in' }: PinPadProps) {
  const [pin, setPin] = useState('');

  const press = useCallback((digit: string) => setPin((p) => (p.length < PIN_MAX ? p + digit : p)), []);
  const backspace = useCallback(() => setPin((p) => p.slice(0, -1)), []);
  const clear = useCallback(() => setPin(''), []);
  const submit = useCallback(async () => {
    if (busy || pin.length < PIN_MIN) return;
    const accepted = await onSubmit(pin);
    if (!accepted) setPin('');
  }, [busy, pin, onSubmit]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (/^\d$/.test(e.key)) press(e.key);
      else if (e.key === 'Backspace') backspace();
      else if (e.key === 'Escape' || e.key === 'Delete') clear();
      else if (e.key === 'Enter') {
        // Enter on a focused pad key would also "click" it; submitting is what was meant.
        e.preventDefault();
        void submit();
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [press, backspace, clear, submit]);

  const slots = Math.max(PIN_MIN, pin.length);
  return (
    <div className="pinpad">
      <div
        key={refusals}
        className={refusals > 0 ? 'pin-dots shake' : 'pin-dots'}
        role="status"
        aria-label={`${pin.length} digit${pin.length === 1 ? '' : 's'} entered`}
        data-testid="pin-dots"
        data-count={pin.length}
      >
        {Array.from({ length: slots }, (_, i) => (
          <span key={i} className={i < pin.length ? 'pin-dot is-filled' : 'pin-dot'} />
        ))}
      </div>

      <div className="pin-message">
        {message ?? <p className="pin-help">Tap the keys or type on the keyboard.</p>}
      </div>

      <div className="pin-keys" role="group" aria-label="PIN pad">
        {KEYS.map((k) => (
          <button key={k} type="button" className="pin-key" onClick={() => press(k)} disabled={busy}>
            {k}
          </button>
        ))}
        <button type="button" className="pin-key pin-key-quiet" onClick={clear} disabled={busy || !pin}>
          Clear
        </button>
        <button type="button" className="pin-key" onClick={() => press('0')} disabled={busy}>
          0
        </button>
        <button type="button" className="pin-key pin-key-quiet" onClick={backspace} disabled={busy || !pin} aria-label="Delete last digit">
          <Icon name="backspace" size={26} />
        </button>
      </div>

      <button
        type="button"
        className="button button-primary button-xl pin-submit"
        onClick={() => void submit()}
        disabled={busy || pin.length < PIN_MIN}
      >
        {busy ? 'Checking…' : submitLabel}
      </button>
    </div>
  );
}
