// Errors cross process boundaries as plain values, never as thrown exceptions.
export type ApiErrorCode =
  | 'unknown_handler'
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'wrong_pin'
  | 'locked'
  | 'conflict'
  | 'transport'
  /** The register has not been set up yet (first start, or damaged data): only setup.* calls answer. */
  | 'not_set_up'
  // What a transport refuses before the API sees the call (the loopback HTTP host):
  | 'malformed_json'
  | 'empty_body'
  | 'body_too_large'
  | 'unsupported_media_type'
  // The web host does not know the tab's session id (made up, or the host restarted).
  | 'unknown_tab'
  | 'internal';

/** The largest CSV the affinity import takes, in characters (the API's own limit). */
export const MAX_CSV_CHARS = 2_000_000;
/**
 * The largest request body a transport must accept: a call carrying the largest CSV, JSON-encoded
 * (at worst 6 bytes per character, `\u001f`), plus room for the rest of the call.
 */
export const MAX_CALL_BODY_BYTES = 6 * MAX_CSV_CHARS + 64 * 1024;

export interface ApiErrorValue {
  code: ApiErrorCode;
  message: string;
  details?: unknown;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorValue };

/** Thrown inside core only; the registry turns it into an `ApiResult` error value. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toValue(): ApiErrorValue {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
