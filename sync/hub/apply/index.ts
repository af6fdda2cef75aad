// Which applier turns which event kind into hub state. Analytics kinds (starter.shown,
// starter.feedback, checkout.outcome) are held and change no replicated rows.
import type { EventKind } from '../../protocol/index.js';
import type { EventApplier } from '../store.js';
import { applyAislePlaced } from './aisleOrders.js';
import { applyHeldForAnalytics } from './analytics.js';
import { applyConsentChanged, applyCustomerCreated, applyCustomerMerged, applyCustomerUpdated } from './customers.js';
import { applyMerchActivated, applyMerchPublished } from './merch.js';
import { applyResubscribed } from './resubscribe.js';
import { applySaleCompleted } from './sales.js';
import { applyStaffChanged, applyStaffPinSet } from './staff.js';
import { applyStaffLocked, applyStaffUnlocked } from './staffLock.js';

// Held for analytics, after checking that a customer it names is one the device's store may see.
const heldOnly: EventApplier = (e, d, reader, receivedAt) => applyHeldForAnalytics(e, reader, d.storeId, receivedAt);

const APPLIERS: Record<EventKind, EventApplier> = {
  'starter.shown': heldOnly,
  'starter.feedback': heldOnly,
  'checkout.outcome': heldOnly,
  'customer.created': (e, d, reader) => applyCustomerCreated(e, reader, d.storeId),
  'customer.updated': (e, d, reader, receivedAt) => applyCustomerUpdated(e, reader, d.storeId, receivedAt),
  'customer.merged': (e, d, reader) => applyCustomerMerged(e, reader, d.storeId),
  'consent.changed': (e, d, reader, receivedAt) => applyConsentChanged(e, reader, d.storeId, receivedAt),
  'consent.resubscribed': (e, device, reader) => applyResubscribed(e, device, reader),
  'aisle_order.placed': (e, d, reader, receivedAt) => applyAislePlaced(e, reader, receivedAt, d.storeId),
  'merch.published': (e, d, reader) => applyMerchPublished(e, reader, d.storeId),
  'merch.activated': (e, d, reader) => applyMerchActivated(e, reader, d.storeId),
  'sale.completed': (e, device, reader, receivedAt) => applySaleCompleted(e, device, reader, receivedAt),
  'staff.changed': (e, device, reader) => applyStaffChanged(e, device, reader),
  'staff.pin_set': (e, device, reader) => applyStaffPinSet(e, device, reader),
  'staff.locked': (e, device, reader, receivedAt) => applyStaffLocked(e, device, reader, receivedAt),
  'staff.unlocked': (e, device, reader, receivedAt) => applyStaffUnlocked(e, device, reader, receivedAt),
};

/** Applies one validated event; runs inside the ingest's transaction. */
export const applyEvent: EventApplier = (event, device, reader, receivedAt) => APPLIERS[event.kind](event, device, reader, receivedAt);
