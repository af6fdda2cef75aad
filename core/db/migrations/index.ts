import * as m001 from './001_initial.js';
import * as m002 from './002_engine.js';
import * as m003 from './003_search.js';
import * as m004 from './004_capture.js';
import * as m005 from './005_merch.js';
import * as m006 from './006_aisle_order_sku.js';
import * as m010 from './010_device_trust.js';

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
  // Number 010 is reserved for this one; 007–009 land from other branches before it.
  { version: 10, name: 'device_trust', up: m010.up },
];
