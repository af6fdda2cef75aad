// Outbox event kinds in the words a store uses.
const LABELS: Record<string, string> = {
  'checkout.outcome': 'Checkout outcome',
  'customer.created': 'New customer',
  'customer.updated': 'Customer update',
  'customer.merged': 'Profiles merged',
  'consent.changed': 'Consent change',
  'consent.resubscribed': 'Re-subscribe approved',
  'aisle_order.placed': 'Ship-to-home order',
  'starter.shown': 'Starters shown',
  'starter.feedback': 'Starter feedback',
  'merch.published': 'Merch config published',
  'merch.activated': 'Merch version activated',
  'staff.locked': 'PIN lockout',
  'staff.unlocked': 'Manager unlock',
  'sale.completed': 'Sale',
  'staff.changed': 'Staff change',
  'staff.pin_set': 'PIN chosen or changed',
};

export function eventLabel(kind: string): string {
  return LABELS[kind] ?? kind;
}
