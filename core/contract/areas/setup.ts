// First start and recovery: what a register runs on (the demo store, or the store hub it enrols
// with by code), and what happened when its data was found damaged. Served by the set-up host
// (core/host/setupHost.ts) before any replica exists, so these calls never touch one.
import { z } from 'zod';
import { define } from '../define.js';
import { empty } from '../schemas.js';

/** Why a hub refused (or could not be asked about) an enrolment code, for the set-up screen to say in plain words. */
export type EnrolRefusal =
  /** Not shaped like a code (missing the hub address, wrong characters). */
  | 'not_a_code'
  /** Shaped like a code, but its check characters do not match: a typing slip. */
  | 'mistyped'
  | 'expired'
  | 'used'
  /** The hub at the code's address does not know the code: it was made by another hub. */
  | 'wrong_hub'
  /** The certificate the hub presented is not one the code vouches for: someone may be in the middle. */
  | 'fingerprint_mismatch'
  | 'unreachable'
  /** Any other refusal by the hub (too many tries, an unknown store). */
  | 'refused';

/** What became of a damaged replica (core/db/recovery.ts). */
export interface ReplicaRecovery {
  /** Where the damaged file now is, untouched. */
  movedTo: string;
  reason: string;
  /** Unsent events read from the damaged file and kept in the new one. */
  outboxCarried: number;
  outboxUnreadable: boolean;
}

export interface SetupStatus {
  /**
   * choose: a new register (no data, no hub): the demo or a hub, by choice.
   * recovery: its data was damaged and moved aside; waiting for a person to say how to rebuild.
   * ready: the app runs (a new hub register may still be copying its data: device.status says).
   */
  phase: 'choose' | 'recovery' | 'ready';
  /** The hub this register is enrolled with. */
  hub: { url: string; storeId: string | null } | null;
  /** The register runs on the built-in demo chain. */
  demo: boolean;
  /** Set when damaged data was moved aside at this start. */
  recovery: ReplicaRecovery | null;
}

export type EnrolOutcome =
  | { status: 'connected'; hubUrl: string; storeId: string; setup: SetupStatus }
  | { status: 'refused'; reason: EnrolRefusal; message: string };

export const setupContract = {
  'setup.status': define<SetupStatus>()({ input: empty, access: 'public', write: false }),
  /** Only on a register with no data and no hub (or after damage, without a hub). */
  'setup.chooseDemo': define<SetupStatus>()({ input: empty, access: 'public', write: true }),
  /** Trades the code IT typed for this register's hub token (CA pinned); then the register fills itself from the hub. */
  'setup.enrol': define<EnrolOutcome>()({ input: z.object({ code: z.string().max(400) }).strict(), access: 'public', write: true }),
  /** After damage on an enrolled register: start filling the new replica from the hub. */
  'setup.rebuild': define<SetupStatus>()({ input: empty, access: 'public', write: true }),
} as const;

export type SetupCallName = keyof typeof setupContract;
export const SETUP_CALLS: ReadonlySet<string> = new Set(Object.keys(setupContract));
