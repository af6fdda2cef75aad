// A device token expires (365 days by default); the device trades it for a new one over the
// sync channel a month before, so a register that syncs never meets an expired token.
import { rotateResponseSchema } from '../protocol/index.js';
import type { HubConfig } from './hubConfig.js';
import type { HttpTransport } from './transport.js';

export const ROTATE_BEFORE_MS = 30 * 86_400_000;

/** The config with the new token when it was due and the hub gave one; null when not due yet. */
export async function rotateTokenIfDue(transport: HttpTransport, config: HubConfig, now: Date): Promise<HubConfig | null> {
  if (!config.tokenExpiresAt || Date.parse(config.tokenExpiresAt) - now.getTime() > ROTATE_BEFORE_MS) return null;
  const answer = rotateResponseSchema.parse(await transport.rotateToken());
  await transport.setToken(answer.token);
  return { ...config, token: answer.token, tokenExpiresAt: answer.expiresAt };
}
