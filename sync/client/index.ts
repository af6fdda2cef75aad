export { applyPage, CursorMismatchError, type PageResult } from './applyPage.js';
export { pull, type PullOptions, type PullResult } from './pull.js';
export { push, type PushOptions, type PushResult } from './push.js';
export { HttpTransport, SyncHttpError, type SyncTransport } from './transport.js';
export { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
export { SyncScheduler, INVENTORY_MAX_INTERVAL_MS, type SchedulerOptions, type SyncRunner, type SyncTask } from './scheduler.js';
