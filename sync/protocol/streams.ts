// Which replica tables travel in which pull stream, with their key and replicated columns.
// Shared by both sides: the hub reads these columns from a device-format file when seeding,
// the client writes exactly these columns (device-only columns such as inventory.local_reserved
// are never touched by a pull). Tables are listed parent first, so key-ordered upserts in this
// order satisfy foreign keys.

export const STREAMS = ['catalog', 'inventory', 'customers', 'orders', 'merch_config'] as const;
export type Stream = (typeof STREAMS)[number];

export interface ReplicatedTable {
  table: string;
  stream: Stream;
  key: readonly string[];
  /** Every replicated column, key columns included. */
  columns: readonly string[];
  /** Columns set when a row is first written and never updated (products.id: the search index points at it). */
  fixed?: readonly string[];
  /**
   * Columns (among `columns`) added to the protocol later: a row may leave them out (a hub or
   * a feed that does not know them yet), and the device then writes NULL.
   */
  optional?: readonly string[];
}

const t = (stream: Stream, table: string, key: string[], columns: string[], fixed?: string[], optional?: string[]): ReplicatedTable => ({
  table,
  stream,
  key,
  columns,
  ...(fixed ? { fixed } : {}),
  ...(optional ? { optional } : {}),
});

export const REPLICATED_TABLES: readonly ReplicatedTable[] = [
  t('catalog', 'locations', ['id'], ['id', 'kind', 'name', 'city', 'region', 'country', 'timezone', 'lead_time_days']),
  t('catalog', 'categories', ['id'], ['id', 'parent_id', 'name', 'path_name', 'depth', 'sensitive']),
  t('catalog', 'products', ['sku'], [
    'id', 'sku', 'title', 'brand', 'category_id', 'price_cents', 'cost_cents', 'compare_at_cents', 'color', 'size', 'material',
    'is_partner', 'partner_location_id', 'launched_at', 'season', 'status', 'popularity', 'updated_at', 'barcode', 'supplier_code',
  ], ['id'], ['barcode', 'supplier_code']),
  // Who may sign in at the store's registers; failed_attempts and locked_until stay on the device.
  // store_lock_*: the PIN lock as the hub decided it from the store's registers (ms -1 = until a
  // manager unlocks, NULL = unlocked; at = when that was decided), so the next register knows.
  t('catalog', 'staff', ['id'], ['id', 'display_name', 'role', 'store_id', 'pin_hash', 'active', 'store_lock_ms', 'store_lock_failed', 'store_lock_at'], undefined, [
    'store_lock_ms', 'store_lock_failed', 'store_lock_at',
  ]),
  t('inventory', 'inventory', ['sku', 'location_id'], ['sku', 'location_id', 'on_hand', 'reserved', 'updated_at']),
  t('customers', 'customers', ['id'], [
    'id', 'first_name', 'last_name', 'first_name_key', 'last_name_key', 'home_store_id', 'address_line', 'city', 'region',
    'postal_code', 'status', 'merged_into', 'created_at', 'updated_at',
  ]),
  t('customers', 'customer_identifiers', ['kind', 'value', 'customer_id'], ['kind', 'value', 'customer_id', 'raw', 'is_primary', 'created_at']),
  t('customers', 'consents', ['customer_id', 'purpose', 'channel'], [
    'customer_id', 'purpose', 'channel', 'status', 'source', 'text_version', 'recorded_by', 'store_id', 'register_id', 'recorded_at',
  ]),
  t('orders', 'orders', ['id'], [
    'id', 'customer_id', 'channel', 'location_id', 'register_id', 'associate_id', 'placed_at', 'subtotal_cents', 'discount_cents', 'status',
  ]),
  t('orders', 'order_lines', ['order_id', 'line_no'], ['order_id', 'line_no', 'sku', 'quantity', 'unit_price_cents', 'discount_cents']),
  t('merch_config', 'merch_config', ['version'], ['version', 'status', 'is_active', 'author', 'note', 'published_at']),
  t('merch_config', 'merch_affinities', ['version', 'id'], [
    'version', 'id', 'from_category_id', 'to_category_id', 'min_delay_days', 'max_delay_days', 'weight', 'season_start', 'season_end', 'active', 'note',
  ]),
  t('merch_config', 'merch_affinity_skus', ['version', 'affinity_id', 'sku'], ['version', 'affinity_id', 'sku']),
  t('merch_config', 'merch_affinity_stores', ['version', 'affinity_id', 'store_id'], ['version', 'affinity_id', 'store_id']),
  t('merch_config', 'merch_guardrails', ['version'], [
    'version', 'exclusion_window_days', 'stock_threshold', 'safety_buffer', 'inventory_max_age_minutes', 'min_price_cents', 'margin_floor',
    'new_arrival_boost', 'new_arrival_window_days', 'clearance_penalty', 'frequency_cap_per_week', 'concierge_cart_cents', 'exploration_share', 'holdout_share',
  ]),
  t('merch_config', 'merch_blocked_categories', ['version', 'category_id'], ['version', 'category_id']),
  t('merch_config', 'merch_incentive_rules', ['version', 'shopper_type', 'incentive'], ['version', 'shopper_type', 'incentive', 'enabled']),
];

const byName = new Map(REPLICATED_TABLES.map((r) => [r.table, r]));

/** The replicated table called `name`, or undefined when the protocol does not know it. */
export function replicatedTable(name: string): ReplicatedTable | undefined {
  return byName.get(name);
}

export function tablesOf(stream: Stream): ReplicatedTable[] {
  return REPLICATED_TABLES.filter((r) => r.stream === stream);
}
