// The one shared working draft of this device: saved durably with who and when; a save based
// on an older revision is refused, so nobody overwrites changes they have not seen.
import type Database from 'better-sqlite3';
import type { Editor, MerchDraft, MerchPolicy } from '../contract/areas/merchTypes.js';
import { ApiError } from '../contract/errors.js';
import { statement } from '../db/statements.js';
import { activeVersion, canonicalPolicy, loadMerchPolicy, samePolicy, versionExists } from './policy.js';
import { loadReferences, validateDraft } from './validate.js';

interface DraftRow {
  policy: string;
  revision: number;
  basedOnVersion: number;
  updatedBy: string | null;
  updatedByName: string | null;
  updatedAt: string;
}

function readRow(db: Database.Database): DraftRow | undefined {
  return statement(
    db,
    `SELECT policy, revision, based_on_version AS basedOnVersion, updated_by AS updatedBy, updated_by_name AS updatedByName, updated_at AS updatedAt
     FROM merch_draft WHERE id = 1`,
  ).get() as DraftRow | undefined;
}

/** The saved draft; before anyone saved one, the active version as a fresh draft (revision 0). */
export function getDraft(db: Database.Database): MerchDraft {
  const row = readRow(db);
  const active = activeVersion(db);
  if (!row) return describe(db, loadMerchPolicy(db, active), 0, active, null, null, active);
  const updatedBy = row.updatedBy ? { staffId: row.updatedBy, name: row.updatedByName ?? row.updatedBy } : null;
  return describe(db, JSON.parse(row.policy) as MerchPolicy, row.revision, row.basedOnVersion, updatedBy, row.updatedAt, active);
}

export function saveDraft(db: Database.Database, baseRevision: number, policy: MerchPolicy, editor: Editor, now: Date): MerchDraft {
  const current = getDraft(db);
  assertRevision(current, baseRevision);
  write(db, canonicalPolicy(policy), current.revision + 1, current.basedOnVersion, editor, now);
  return getDraft(db);
}

/** Starts over from a published version (null: the active one). */
export function resetDraft(db: Database.Database, fromVersion: number | null, editor: Editor, now: Date): MerchDraft {
  const version = fromVersion ?? activeVersion(db);
  if (version !== 0 && !versionExists(db, version)) throw new ApiError('not_found', `There is no version ${version} on this device.`);
  write(db, loadMerchPolicy(db, version), getDraft(db).revision + 1, version, editor, now);
  return getDraft(db);
}

/** After publishing, the draft stays as it is but is now based on the new version. */
export function rebaseDraft(db: Database.Database, version: number): void {
  statement(db, `UPDATE merch_draft SET based_on_version = ? WHERE id = 1`).run(version);
}

export function assertRevision(current: MerchDraft, baseRevision: number): void {
  if (current.revision !== baseRevision) {
    const who = current.updatedBy ? ` by ${current.updatedBy.name}` : '';
    throw new ApiError('conflict', `The draft was changed${who} since you opened it. Reload it to see their changes.`, { revision: current.revision });
  }
}

function write(db: Database.Database, policy: MerchPolicy, revision: number, basedOnVersion: number, editor: Editor, now: Date): void {
  statement(
    db,
    `INSERT INTO merch_draft (id, policy, revision, based_on_version, updated_by, updated_by_name, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET policy = excluded.policy, revision = excluded.revision, based_on_version = excluded.based_on_version,
       updated_by = excluded.updated_by, updated_by_name = excluded.updated_by_name, updated_at = excluded.updated_at`,
  ).run(JSON.stringify(canonicalPolicy(policy)), revision, basedOnVersion, editor.staffId, editor.name, now.toISOString());
}

function describe(
  db: Database.Database,
  policy: MerchPolicy,
  revision: number,
  basedOnVersion: number,
  updatedBy: Editor | null,
  updatedAt: string | null,
  active: number,
): MerchDraft {
  return {
    policy,
    revision,
    basedOnVersion,
    updatedBy,
    updatedAt,
    problems: validateDraft(policy, loadReferences(db)),
    changed: !samePolicy(policy, loadMerchPolicy(db, active)),
  };
}
