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
  | 'internal';

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
