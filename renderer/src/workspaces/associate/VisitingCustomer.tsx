// A customer of another store found through the hub: shown read-only, marked with their home
// store. Nothing here changes them; their home store keeps their profile.
import type { VisitingLookupResult } from '../../../../core/contract/index';
import { formatPhone } from '../../format/phone';
import { Avatar } from '../../ui/Avatar';
import { Notice } from '../../ui/Notice';

const PURPOSES: Record<string, string> = { receipts: 'Email receipts', marketing: 'Marketing', personalization: 'Personalized suggestions' };
const CHANNELS: Record<string, string> = { email: 'email', sms: 'SMS', in_store: 'in store' };
const MATCHED = { email: 'email', phone: 'phone', loyalty: 'loyalty ID' } as const;

export function VisitingCustomer({ visiting }: { visiting: VisitingLookupResult }) {
  if (visiting.status === 'not_searched') {
    return <Notice tone="info" title="Other stores not searched" testId="visiting-not-searched">{visiting.reason.replace(/^Other stores not searched: /, '')}</Notice>;
  }
  if (visiting.status === 'not_found') {
    // A phone is searched as E.164 (+18015550199) and read back as people write it.
    const shown = visiting.normalized.startsWith('+') ? formatPhone(visiting.normalized) : visiting.normalized;
    return <p className="visiting-none" data-testid="visiting-none">Other stores were searched too: none has a customer with {`“${shown}”`}.</p>;
  }
  const c = visiting.customer;
  // Each grant with its channel: an SMS-only marketing consent is not an email one.
  const granted = c.consents.filter((x) => x.status === 'granted').map((x) => `${PURPOSES[x.purpose] ?? x.purpose} (${CHANNELS[x.channel] ?? x.channel})`);
  return (
    <article className="visiting-card" aria-label={`${c.name}, visiting from ${c.homeStoreName}`} data-testid="visiting-card" data-customer-id={c.customerId}>
      <Avatar name={c.name} size="md" />
      <div className="visiting-main">
        <header className="visiting-head">
          <h2 className="visiting-name">{c.name}</h2>
          <span className="visiting-badge" data-testid="visiting-badge">
            Visiting from {c.homeStoreName}
          </span>
        </header>
        <p className="visiting-meta">
          Found through the hub by {MATCHED[c.matchedBy]}. Their profile stays with their home store: view only here.
        </p>
        <p className="visiting-meta">{granted.length ? `Agreed to: ${granted.join(', ')}.` : 'No consents on file.'}</p>
      </div>
    </article>
  );
}
