// Who this address may already belong to. The associate picks the profile (or a new one) and
// ticks any other profile that is the same person; nothing is merged without that tick.
import type { MatchCandidate, MatchReason, VisitingCustomer } from '../../../../../core/contract/index';
import { maskEmail, maskPhone } from '../../../format/mask';
import { Avatar } from '../../../ui/Avatar';
import { Icon } from '../../../ui/Icon';
import { RelativeTime } from '../../../ui/RelativeTime';
import { SegmentBadge } from '../../../ui/SegmentBadge';

const reasonLabel: Record<MatchReason, string> = {
  same_email: 'Same email',
  same_phone: 'Same phone',
  same_loyalty: 'Same loyalty ID',
  similar_email: 'Similar email',
  same_name: 'Same name',
};

type Choice = { kind: 'new' } | { kind: 'existing'; customerId: string } | { kind: 'visiting'; customerId: string } | null;

const visitingReason = { email: 'Same email', phone: 'Same phone', loyalty: 'Same loyalty ID' } as const;

interface MatchListProps {
  matches: MatchCandidate[];
  /** A customer of another store the hub found by exactly what was typed. */
  visiting: VisitingCustomer | null;
  choice: Choice;
  mergeIds: string[];
  onChoose: (choice: NonNullable<Choice>) => void;
  onToggleMerge: (customerId: string) => void;
}

export function MatchList({ matches, visiting, choice, mergeIds, onChoose, onToggleMerge }: MatchListProps) {
  const chosenId = choice?.kind === 'existing' ? choice.customerId : null;
  const exact = matches.filter((m) => m.confidence === 'exact').length + (visiting?.matchedBy === 'email' ? 1 : 0);
  return (
    <fieldset className="matches" data-testid="matches">
      <legend className="section-title">
        {exact > 1 ? `${exact} profiles already have this address` : exact === 1 ? 'This address is on file' : 'Someone like this is on file'}
      </legend>
      <p className="section-hint">Ask the customer which one is them. Tick any other profile that is the same person to merge it.</p>
      <ul className="match-list">
        {visiting ? (
          <li className={`match-row${choice?.kind === 'visiting' ? ' is-chosen' : ''}`} data-testid="match-visiting" data-customer-id={visiting.customerId}>
            <label className="match-pick">
              <input type="radio" name="capture-profile" checked={choice?.kind === 'visiting'} onChange={() => onChoose({ kind: 'visiting', customerId: visiting.customerId })} />
              <Avatar name={visiting.name || '?'} size="sm" />
              <span className="match-text">
                <span className="match-name">{visiting.name || 'No name on file'}</span>
                <span className="match-contact" title="Their home store keeps the profile; this sale and email are added to it.">Visiting from {visiting.homeStoreName}</span>
              </span>
              <span className="match-reasons">
                <span className={`badge ${visiting.matchedBy === 'email' ? 'badge-exact' : 'badge-quiet'}`}>{visitingReason[visiting.matchedBy]}</span>
              </span>
            </label>
          </li>
        ) : null}
        {matches.map((m) => {
          const chosen = m.id === chosenId;
          const merging = mergeIds.includes(m.id);
          return (
            <li key={m.id} className={`match-row${chosen ? ' is-chosen' : ''}${merging ? ' is-merging' : ''}`} data-testid="match-row" data-customer-id={m.id}>
              <label className="match-pick">
                <input type="radio" name="capture-profile" checked={chosen} onChange={() => onChoose({ kind: 'existing', customerId: m.id })} />
                <Avatar name={m.name || '?'} size="sm" />
                <span className="match-text">
                  <span className="match-name">{m.name || 'No name on file'}</span>
                  <span className="match-contact">
                    {[m.email ? maskEmail(m.email) : null, m.phone ? maskPhone(m.phone) : null, m.city].filter(Boolean).join(' · ')}
                  </span>
                </span>
                <span className="match-reasons">
                  {m.reasons.map((r) => (
                    <span key={r} className={`badge ${r === 'same_email' ? 'badge-exact' : 'badge-quiet'}`}>
                      {reasonLabel[r]}
                    </span>
                  ))}
                </span>
                <SegmentBadge segment={m.segment} />
                <span className="match-visit">
                  <RelativeTime iso={m.lastOrderAt} fallback="No visits" />
                </span>
              </label>
              {chosenId && !chosen ? (
                <label className="match-merge">
                  <input type="checkbox" checked={merging} onChange={() => onToggleMerge(m.id)} />
                  <span>Same person — merge into the chosen profile</span>
                </label>
              ) : null}
            </li>
          );
        })}
        <li className={`match-row match-new${choice?.kind === 'new' ? ' is-chosen' : ''}`}>
          <label className="match-pick">
            <input type="radio" name="capture-profile" checked={choice?.kind === 'new'} onChange={() => onChoose({ kind: 'new' })} />
            <span className="match-new-icon">
              <Icon name="plus" size={20} />
            </span>
            <span className="match-text">
              <span className="match-name">None of these — new profile</span>
              <span className="match-contact">A different person who shares a detail</span>
            </span>
          </label>
        </li>
      </ul>
    </fieldset>
  );
}
