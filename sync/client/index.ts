export { applyPage, CursorMismatchError, type PageResult } from './applyPage.js';
export { pull, type PullOptions, type PullResult } from './pull.js';
export { push, type PushOptions, type PushResult } from './push.js';
export { HttpTransport, HubUnreachableError, SyncHttpError, type SyncTransport } from './transport.js';
export { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
export { SyncScheduler, INVENTORY_MAX_INTERVAL_MS, type SchedulerOptions, type SyncRunner, type SyncTask } from './scheduler.js';
export { DeviceSync, hubSync, type DeviceSyncOptions } from './deviceSync.js';
export { HubConfigError, parseHubConfig, resolveHubConfig, SYNC_CONFIG_FILE, type HubConfig } from './hubConfig.js';
export { writeHubConfigFile } from './hubToken.js';
