// Manager approval at the register: a manager types their PIN on the associate's screen and
// gets a one-time approval for one action on one subject, used by the call that needs it.
// The PIN check is its own committed call (approval.grant) so wrong manager PINs count toward
// the manager's lock even when the approved action later fails.
import { randomBytes } from 'node:crypto';
import { approvalActions } from '../contract/areas/session.js';
import { ApiError } from '../contract/errors.js';

/** The actions a manager may approve at the register: the contract's list, the one source. */
export const APPROVAL_ACTIONS = approvalActions;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

const TTL_MS = 2 * 60_000;

interface Grant {
  managerId: string;
  action: ApprovalAction;
  subjectId: string;
  expiresAtMs: number;
}

/** One per app, in memory: an approval never outlives the process or its two minutes. */
export class ApprovalBook {
  private readonly grants = new Map<string, Grant>();
  constructor(private readonly monotonicMs: () => number = () => performance.now()) {}

  grant(managerId: string, action: ApprovalAction, subjectId: string): string {
    const id = randomBytes(16).toString('hex');
    this.grants.set(id, { managerId, action, subjectId, expiresAtMs: this.monotonicMs() + TTL_MS });
    return id;
  }

  /** The approving manager's id; throws `forbidden` unless the approval fits exactly, once. */
  consume(approvalId: string | undefined | null, action: ApprovalAction, subjectId: string): string {
    const g = approvalId ? this.grants.get(approvalId) : undefined;
    if (!g || g.action !== action || g.subjectId !== subjectId || g.expiresAtMs < this.monotonicMs()) {
      throw new ApiError('forbidden', 'A manager must approve this at the register.', { needsApproval: action, subjectId });
    }
    this.grants.delete(approvalId!);
    return g.managerId;
  }
}
