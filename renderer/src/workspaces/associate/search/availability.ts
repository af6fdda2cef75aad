// Where an item can come from, in the words an associate says to a customer.
import type { SourceStock } from '../../../../../core/contract/index';

export type Tone = 'good' | 'warn' | 'info' | 'bad';

export interface AvailabilityBadge {
  key: string;
  tone: Tone;
  text: string;
}

const KIND_LABEL: Record<SourceStock['kind'], string> = { store: 'Store', dc: 'DC', partner: 'Partner' };

export function days(n: number): string {
  return `${n} ${n === 1 ? 'day' : 'days'}`;
}

/** Up to three badges: on the shelf here, then the fastest other source of each kind. */
export function availabilityBadges(availableHere: number, sources: readonly SourceStock[]): AvailabilityBadge[] {
  const badges: AvailabilityBadge[] = [];
  if (availableHere > 0) badges.push({ key: 'here', tone: 'good', text: `${availableHere} here` });
  const seen = new Set<SourceStock['kind']>();
  for (const s of sources) {
    if (s.isHere || s.available <= 0 || seen.has(s.kind)) continue;
    seen.add(s.kind);
    badges.push({ key: s.kind, tone: s.kind === 'partner' ? 'info' : 'warn', text: `${KIND_LABEL[s.kind]} · ${days(s.leadTimeDays)}` });
  }
  if (badges.length === 0) badges.push({ key: 'none', tone: 'bad', text: 'Out of stock everywhere' });
  return badges.slice(0, 3);
}

export function sourceLabel(s: SourceStock): string {
  if (s.isHere) return 'This store';
  return s.locationName;
}
