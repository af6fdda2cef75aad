// What the customer agreed to, purpose by channel. A blank is "not asked", never "yes".
import { useState } from 'react';
import type { ConsentState } from '../../../../../core/contract/index';
import { channelLabel, consentStatusLabel, purposeLabel } from '../../../format/labels';
import { formatAbsolute } from '../../../format/time';

const PURPOSES: ConsentState['purpose'][] = ['receipts', 'marketing', 'personalization'];
const CHANNELS: ConsentState['channel'][] = ['email', 'sms', 'in_store'];
const WITHDRAWABLE_CHANNELS: ConsentState['channel'][] = ['email', 'sms'];

interface ConsentGridProps {
  consents: ConsentState[];
  /** Withdrawing is as easy as giving: one tap per purpose the customer agreed to. */
  onWithdraw: (purpose: ConsentState['purpose']) => Promise<void>;
}

export function ConsentGrid({ consents, onWithdraw }: ConsentGridProps) {
  const [busy, setBusy] = useState<ConsentState['purpose'] | null>(null);
  const find = (p: ConsentState['purpose'], c: ConsentState['channel']) =>
    consents.find((x) => x.purpose === p && x.channel === c);
  /** Channels a register withdraws on (in-store consent comes from the store's own systems). */
  const grantedOn = (p: ConsentState['purpose']) => WITHDRAWABLE_CHANNELS.filter((c) => find(p, c)?.status === 'granted');
  const withdrawable = PURPOSES.filter((p) => grantedOn(p).length > 0);
  const withdraw = async (p: ConsentState['purpose']) => {
    setBusy(p);
    try {
      await onWithdraw(p);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="consent-title">
      <h2 id="consent-title" className="panel-title">
        Consent
      </h2>
      <table className="consent-grid" data-testid="consents">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Purpose</span>
            </th>
            {CHANNELS.map((c) => (
              <th key={c} scope="col">
                {channelLabel[c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PURPOSES.map((p) => (
            <tr key={p}>
              <th scope="row">{purposeLabel[p]}</th>
              {CHANNELS.map((c) => {
                const state = find(p, c);
                const status = state?.status ?? 'none';
                return (
                  <td key={c}>
                    <span
                      className={`consent-chip consent-${status}`}
                      title={state ? `${consentStatusLabel[status]} · recorded ${formatAbsolute(state.recordedAt)}` : 'Not asked yet'}
                    >
                      {consentStatusLabel[status]}
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {withdrawable.length > 0 ? (
        <div className="consent-withdraw">
          <span className="consent-withdraw-label">Withdraw</span>
          {withdrawable.map((p) => (
            <button
              key={p}
              type="button"
              className="button button-secondary button-sm"
              data-testid={`withdraw-${p}`}
              disabled={busy !== null}
              onClick={() => void withdraw(p)}
            >
              {/* Named with its channels, so "SMS only" is never read as email too. */}
              {busy === p ? 'Withdrawing…' : `${purposeLabel[p]} (${grantedOn(p).map((c) => channelLabel[c]).join(' and ')})`}
            </button>
          ))}
        </div>
      ) : null}
    </section>
  );
}
