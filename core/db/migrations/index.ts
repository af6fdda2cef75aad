import * as m001 from './001_initial.js';
import * as m002 from './002_engine.js';
import * as m003 from './003_search.js';
import * as m004 from './004_capture.js';
import * as m005 from './005_merch.js';
import * as m006 from './006_aisle_order_sku.js';
import * as m007 from './007_learn_state.js';
import * as m008 from './008_skip_reasons.js';
import * as m009 from './009_device_trust.js';
import * as m010 from './010_item_model.js';
import * as m011 from './011_product_codes.js';
import * as m012 from './012_store_locks.js';
import * as m013 from './013_search_log.js';
import * as m014 from './014_orders_by_store.js';
import * as m015 from './015_stock_changes.js';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

// One ordered list; a migration's number is its position. Append only.
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', up: m001.up },
  { version: 2, name: 'engine', up: m002.up },
  { version: 3, name: 'search', up: m003.up },
  { version: 4, name: 'capture', up: m004.up },
  { version: 5, name: 'merch', up: m005.up },
  { version: 6, name: 'aisle_order_sku', up: m006.up },
  { version: 7, name: 'learn_state', up: m007.up },
  { version: 8, name: 'skip_reasons', up: m008.up },
  { version: 9, name: 'device_trust', up: m009.up },
  { version: 10, name: 'item_model', up: m010.up },
  { version: 11, name: 'product_codes', up: m011.up },
  { version: 12, name: 'store_locks', up: m012.up },
  { version: 13, name: 'search_log', up: m013.up },
  { version: 14, name: 'orders_by_store', up: m014.up },
  { version: 15, name: 'stock_changes', up: m015.up },
];
