// Words the store uses for values the API returns as codes.
import type { ConsentState, MatchedBy, Role, Segment, Visit } from '../../../core/contract/index';

export const segmentLabel: Record<Segment, string> = {
  vip: 'VIP',
  regular: 'Regular',
  lapsing: 'Lapsing',
  first_timer: 'First-timer',
  bargain_hunter: 'Bargain hunter',
  prospect: 'Prospect',
};

/** One line an associate can act on, per segment. */
export const segmentHint: Record<Segment, string> = {
  vip: 'Top customer: thank them and offer concierge care.',
  regular: 'Shops often: ask how their last purchase worked out.',
  lapsing: 'Has not been in for a while: welcome them back.',
  first_timer: 'One purchase so far: make the second visit easy.',
  bargain_hunter: 'Buys mostly on promotion: mention what is on sale.',
  prospect: 'No purchases yet: a good moment to invite them to join.',
};

export const roleLabel: Record<Role, string> = {
  associate: 'Associate',
  merchandiser: 'Merchandiser',
  manager: 'Store manager',
};

export const matchedByLabel: Record<MatchedBy, string> = {
  email: 'Email',
  phone: 'Phone',
  loyalty: 'Loyalty ID',
  name: 'Name',
};

export const purposeLabel: Record<ConsentState['purpose'], string> = {
  receipts: 'Receipts',
  marketing: 'Marketing',
  personalization: 'Personalization',
};

export const channelLabel: Record<ConsentState['channel'], string> = {
  email: 'Email',
  sms: 'SMS',
  in_store: 'In store',
};

export const consentStatusLabel: Record<ConsentState['status'] | 'none', string> = {
  granted: 'Yes',
  withdrawn: 'Withdrawn',
  suppressed: 'Suppressed',
  none: '—',
};

export const visitChannelLabel: Record<Visit['channel'], string> = {
  store: 'In store',
  online: 'Online',
  endless_aisle: 'Endless aisle',
};

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}
