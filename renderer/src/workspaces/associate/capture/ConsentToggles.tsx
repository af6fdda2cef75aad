// Consent per purpose, read out as worded, each one off until the customer says yes.
import type { ConsentPrompt, ConsentPurpose } from '../../../../../core/contract/index';

interface ConsentTogglesProps {
  prompts: ConsentPrompt[];
  value: Record<ConsentPurpose, boolean>;
  /** Purposes the address can never be subscribed to (suppressed). */
  blocked: ReadonlySet<ConsentPurpose>;
  version: string;
  onToggle: (purpose: ConsentPurpose) => void;
}

export function ConsentToggles({ prompts, value, blocked, version, onToggle }: ConsentTogglesProps) {
  return (
    <fieldset className="consents" data-testid="consent-toggles">
      {/* The wording's version on the legend's line: under the switches it would sit behind the sticky Save bar. */}
      <legend className="section-title consent-legend">
        <span>What would they like?</span>
        <span className="consent-version">Consent wording {version}</span>
      </legend>
      <p className="section-hint">Read each line to the customer. Switch on only what they say yes to.</p>
      <ul className="consent-list">
        {prompts.map((p) => {
          const off = blocked.has(p.purpose);
          return (
            <li key={p.purpose}>
              <label className={`consent-toggle${value[p.purpose] ? ' is-on' : ''}${off ? ' is-blocked' : ''}`}>
                <span className="consent-copy">
                  <span className="consent-label">{p.label}</span>
                  <span className="consent-text">{off ? 'Not available: this address asked not to be marketed to.' : p.text}</span>
                </span>
                <input
                  type="checkbox"
                  role="switch"
                  className="switch"
                  aria-label={p.label}
                  checked={value[p.purpose]}
                  disabled={off}
                  onChange={() => onToggle(p.purpose)}
                />
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
