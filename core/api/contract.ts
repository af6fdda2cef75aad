// The whole app API: every call the UI can make, its input schema and its output type,
// assembled from one file per area in contracts/. The renderer imports types from here only;
// both transports serve exactly this set.
import type { z } from 'zod';
import type { ApiResult } from './errors.js';
import type { DeviceStatus, Session } from './types.js';
import { customersContract } from './contracts/customers.js';
import { sessionContract } from './contracts/session.js';
import { startersContract } from './contracts/starters.js';
import { captureContract } from './contracts/capture.js';
import { analyticsContract } from './contracts/analytics.js';
import { searchContract } from './contracts/search.js';
import { syncContract } from './contracts/sync.js';
import { merchContract } from './contracts/merch.js';

export type * from './types.js';
export type * from './contracts/captureTypes.js';
export type * from './contracts/analyticsTypes.js';
export type * from './contracts/search.types.js';
export type { OutboxEntry, SyncOutbox } from './contracts/sync.js';
export type * from './contracts/merchTypes.js';
export type { ApiErrorCode, ApiErrorValue, ApiResult } from './errors.js';
export type { Access } from './define.js';
export { lookupKinds } from './contracts/customers.js';

export const contract = {
  ...sessionContract,
  ...customersContract,
  ...startersContract,
  ...captureContract,
  ...analyticsContract,
  ...searchContract,
  ...syncContract,
  ...merchContract,
} as const;

export type Contract = typeof contract;
export type ApiName = keyof Contract;
/** What a caller passes (before defaults are applied). */
export type ApiInput<K extends ApiName> = z.input<Contract[K]['input']>;
/** What a handler receives (validated, defaults applied). */
export type ApiParsedInput<K extends ApiName> = z.output<Contract[K]['input']>;
export type ApiOutput<K extends ApiName> = Exclude<Contract[K]['output'], undefined>;

/** Events the device pushes to the UI; listeners receive only the payload. */
export interface ApiEvents {
  'session.changed': Session | null;
  'device.status': DeviceStatus;
}
export type ApiEventName = keyof ApiEvents;

/** What `window.endcap` is, whichever transport carries it. */
export interface EndcapBridge {
  call<K extends ApiName>(name: K, input: ApiInput<K>): Promise<ApiResult<ApiOutput<K>>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

export const apiNames = Object.keys(contract) as ApiName[];
