// Shapes of the manager's capture-rate dashboard. Counts only: every rate the UI shows is
// captured / eligible (or opted-in / captured) of these, so a number can be checked by hand.
import type { CaptureCounts } from '../../../sync/protocol/reportShapes.js';
import type { DeclineReason } from './captureTypes.js';

/**
 * Eligible checkouts are those where an address could be captured: every outcome except
 * "already on file". Captured = new profile or address added to an existing one. The shape is
 * the hub report's (sync/protocol/reportShapes.ts), so the chain's dashboard is the same counts.
 */
export type { CaptureCounts } from '../../../sync/protocol/reportShapes.js';

export interface CaptureReport {
  from: string;
  to: string;
  /** The store's calendar day on the device clock, for the UI's presets. */
  today: string;
  storeId: string | null;
  stores: { id: string; name: string }[];
  totals: CaptureCounts;
  declineReasons: { reason: DeclineReason; count: number }[];
  /** Every day of the range, zero-filled. */
  byDay: (CaptureCounts & { day: string })[];
  /** Only hours that had checkouts. weekday 0 = Sunday. */
  byHour: { weekday: number; hour: number; eligible: number; captured: number }[];
  byStore: (CaptureCounts & { storeId: string; storeName: string })[];
  byRegister: (CaptureCounts & { storeId: string; registerId: string })[];
  byAssociate: (CaptureCounts & { associateId: string; name: string; storeId: string })[];
}
