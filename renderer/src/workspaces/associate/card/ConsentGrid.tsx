// What the customer agreed to, purpose by channel. A blank is "not asked", never "yes".
import type { ConsentState } from '../../../../../core/api/contract';
import { channelLabel, consentStatusLabel, purposeLabel } from '../../../format/labels';
import { formatAbsolute } from '../../../format/time';

const PURPOSES: ConsentState['purpose'][] = ['receipts', 'marketing', 'personalization'];
const CHANNELS: ConsentState['channel'][] = ['email', 'sms', 'in_store'];

export function ConsentGrid({ consents }: { consents: ConsentState[] }) {
  const find = (p: ConsentState['purpose'], c: ConsentState['channel']) =>
    consents.find((x) => x.purpose === p && x.channel === c);

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
    </section>
  );
}
