import type Database from 'better-sqlite3';
import { newId } from '../ids.js';
import { statement } from '../db/statements.js';

export interface AuditEntry {
  at: Date;
  actorId: string | null;
  storeId: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  policyVersion?: number;
  inputsSummary?: Record<string, unknown>;
  rulesFired?: string[];
  justification: string;
}

/** Appends to the audit log inside the caller's transaction. */
export function writeAudit(db: Database.Database, e: AuditEntry): string {
  const id = newId();
  statement(db, 
    `INSERT INTO audit_log (id, at, actor_id, store_id, action, subject_type, subject_id, policy_version,
                            inputs_summary, rules_fired, justification)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    e.at.toISOString(),
    e.actorId,
    e.storeId,
    e.action,
    e.subjectType ?? null,
    e.subjectId ?? null,
    e.policyVersion ?? null,
    JSON.stringify(e.inputsSummary ?? {}),
    JSON.stringify(e.rulesFired ?? []),
    e.justification,
  );
  return id;
}
