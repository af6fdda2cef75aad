// The whole app API: every call the UI can make, its input schema and its output type,
// assembled from one file per area in contracts/. The renderer imports types from here only;
// both transports serve exactly this set.
import type { z } from 'zod';
import type { ApiResult } from './errors.js';
import type { DeviceStatus, Session } from './types.js';
import { customersContract } from './areas/customers.js';
import { sessionContract } from './areas/session.js';
import { startersContract } from './areas/starters.js';
import { captureContract } from './areas/capture.js';
import { analyticsContract } from './areas/analytics.js';
import { searchContract } from './areas/search.js';
import { syncContract } from './areas/sync.js';
import { merchContract } from './areas/merch.js';
import { hubReportContract } from './areas/hubReports.js';
import { staffContract } from './areas/staff.js';
import { fieldsContract } from './areas/fields.js';
import { setupContract } from './areas/setup.js';
import { shellContract, type ShellState } from './areas/shell.js';

export type * from './types.js';
export type * from './areas/captureTypes.js';
export type * from './areas/analyticsTypes.js';
export type * from './areas/search.types.js';
export type { OutboxEntry, SyncOutbox } from './areas/sync.js';
export type * from './areas/merchTypes.js';
export type * from './areas/hubReportTypes.js';
export type { StaffMember } from './areas/staff.js';
export type { FieldCheck } from './areas/fields.js';
export type { EnrolOutcome, EnrolRefusal, ReplicaRecovery, SetupCallName, SetupStatus } from './areas/setup.js';
export type { ShellState } from './areas/shell.js';
export type { FieldName } from './fields.js';
export type { ApiErrorCode, ApiErrorValue, ApiResult } from './errors.js';
export type { Access } from './define.js';
export { lookupKinds } from './areas/customers.js';

export const contract = {
  ...sessionContract,
  ...customersContract,
  ...startersContract,
  ...captureContract,
  ...analyticsContract,
  ...searchContract,
  ...syncContract,
  ...merchContract,
  ...hubReportContract,
  ...staffContract,
  ...fieldsContract,
  ...setupContract,
  ...shellContract,
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
  /** The desktop shell's state changed (an update is ready). */
  'app.state': ShellState;
  /** The window is being closed: the UI warns about unsaved work, then calls app.close. */
  'app.closeRequested': null;
}
export type ApiEventName = keyof ApiEvents;

/** What `window.endcap` is, whichever transport carries it. */
export interface EndcapBridge {
  call<K extends ApiName>(name: K, input: ApiInput<K>): Promise<ApiResult<ApiOutput<K>>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

export const apiNames = Object.keys(contract) as ApiName[];
