// POST /v1/reports: the hub's chain reports, asked for by a signed-in staff member through
// their register's device token. What comes back is plain data the manager screen renders.
import { z } from 'zod';
import { PROTOCOL_VERSION } from './messages.js';
import type { HubReport } from './reportShapes.js';

export const reportRequestSchema = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    /** Who is asking: the hub checks the role and the store against its staff rows. */
    staffId: z.string().min(1).max(64),
    /** A store id, or '*' for the whole chain (chain-level roles only). Default: the device's store. */
    store: z.string().min(1).max(64).optional(),
    /** First and last day (inclusive) of the range, in each store's own calendar. */
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  })
  .strict();
export type ReportRequest = z.infer<typeof reportRequestSchema>;

// The answer's shapes live in the leaf both sides import; the wire's version is its protocol.
export * from './reportShapes.js';
const sameProtocol: HubReport['protocol'] = PROTOCOL_VERSION;
void sameProtocol;
