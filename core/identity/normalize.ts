// The match forms are shared with the hub, which writes customer rows in the same forms.
import { emailMatchKey, loyaltyMatchKey, nameKey, phoneMatchKey } from '../../sync/protocol/matchKeys.js';

export { nameKey };
export const normalizeEmailForMatch = emailMatchKey;
export const normalizePhone = phoneMatchKey;
export const normalizeLoyaltyId = loyaltyMatchKey;

export function formatLoyaltyId(normalized: string): string {
  return `${normalized.slice(0, 2)}-${normalized.slice(2, 6)}-${normalized.slice(6)}`;
}
