// The messages between the main process and the database host (utility process).
// Both sides import this file; it holds only types and small pure helpers.
import type { ApiResult } from '../core/contract/index.js';

/** Main → database host. */
export type ToDbHost =
  | { kind: 'call'; id: number; name: unknown; input: unknown }
  | { kind: 'shutdown' }
  /** First message: the device's master key (hex) from the OS keystore, or why there is none. */
  | { kind: 'key'; masterKey: string }
  | { kind: 'key'; error: string }
  | ShellNoticeMessage;

/** Main → database host: the desktop shell's news for core (see ShellPort). */
export type ShellNoticeMessage = { kind: 'shell'; notice: 'state'; update: { version: string } | null } | { kind: 'shell'; notice: 'close-requested' };

/** Database host → main: what the UI asked the shell to do, through the app API. */
export type ShellRequestMessage = { kind: 'shell'; request: 'restart' | 'close' } | { kind: 'shell'; request: 'channel'; channel: 'stable' | 'beta' };

/** Database host → main. */
export type FromDbHost =
  | { kind: 'ready' }
  | { kind: 'result'; id: number; result: ApiResult<unknown> }
  | { kind: 'event'; event: string; payload: unknown }
  /** The replica could not be opened; restarting would fail the same way. */
  | { kind: 'failed'; message: string }
  | ShellRequestMessage;

/** The command-line switch carrying the data folder to the utility process. */
export const DATA_DIR_ARG = '--endcap-data-dir=';

export function transportError(message: string): ApiResult<never> {
  return { ok: false, error: { code: 'transport', message } };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A well-formed ApiResult, as far as the transport needs to know. */
export function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (!isRecord(value)) return false;
  if (value.ok === true) return 'value' in value;
  return value.ok === false && isRecord(value.error) && typeof value.error.code === 'string' && typeof value.error.message === 'string';
}
