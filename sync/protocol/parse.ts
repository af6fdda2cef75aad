import type { z } from 'zod';
import { PROTOCOL_VERSION } from './messages.js';

/** The other side speaks a protocol version this build does not. */
export class ProtocolVersionError extends Error {
  readonly code = 'unsupported_protocol_version';
  constructor(readonly received: unknown) {
    super(`Unsupported sync protocol version ${JSON.stringify(received)}; this side speaks version ${PROTOCOL_VERSION}.`);
    this.name = 'ProtocolVersionError';
  }
}

/** A message of a known version that does not match its schema. */
export class ProtocolMessageError extends Error {
  readonly code = 'invalid_message';
  constructor(readonly what: string, readonly issues: string[]) {
    super(`Invalid ${what}: ${issues.slice(0, 5).join('; ')}`);
    this.name = 'ProtocolMessageError';
  }
}

/** Describes zod issues as "path: message" lines. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(message)'}: ${i.message}`);
}

/**
 * Parses a wire message: the version is checked first, so a newer peer gets a version error
 * rather than a list of schema complaints.
 */
export function parseMessage<T extends z.ZodType>(schema: T, what: string, data: unknown): z.infer<T> {
  const version = typeof data === 'object' && data !== null ? (data as { protocol?: unknown }).protocol : undefined;
  if (version !== PROTOCOL_VERSION) throw new ProtocolVersionError(version);
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ProtocolMessageError(what, describeIssues(parsed.error));
  return parsed.data;
}
