import { checkPolicy } from '../../merch/check.js';
import { exportAffinities, importAffinities } from '../../merch/csv.js';
import { diffPolicies, versionLabel } from '../../merch/diff.js';
import { getDraft, resetDraft, saveDraft } from '../../merch/draft.js';
import { activeVersion, loadMerchPolicy, versionExists } from '../../merch/policy.js';
import { previewDraft } from '../../merch/preview.js';
import { merchSetup } from '../../merch/setup.js';
import { suggestAffinities } from '../../merch/suggestions.js';
import { activateVersion, listVersions, publishDraft } from '../../merch/versions.js';
import type { Editor, MerchPolicy } from '../../contract/areas/merchTypes.js';
import { statement } from '../../db/statements.js';
import { setLearnSchedule } from '../../engine/relearn.js';
import { ApiError } from '../../contract/errors.js';
import type { HandlerContext, HandlerSet } from '../context.js';

type MerchName =
  | 'merch.setup'
  | 'merch.draft.get'
  | 'merch.draft.save'
  | 'merch.draft.reset'
  | 'merch.csv.export'
  | 'merch.csv.import'
  | 'merch.suggestions'
  | 'merch.learnSchedule'
  | 'merch.check'
  | 'merch.preview'
  | 'merch.versions'
  | 'merch.diff'
  | 'merch.publish'
  | 'merch.rollback';

export const merchHandlers: HandlerSet<MerchName> = {
  'merch.setup'(ctx) {
    return merchSetup(ctx.db);
  },
  'merch.draft.get'(ctx) {
    return getDraft(ctx.db);
  },
  'merch.draft.save'(ctx, { baseRevision, policy }) {
    return saveDraft(ctx.db, baseRevision, policy, editor(ctx), ctx.now());
  },
  'merch.draft.reset'(ctx, { fromVersion }) {
    return resetDraft(ctx.db, fromVersion, editor(ctx), ctx.now());
  },
  'merch.csv.export'(ctx, { source }) {
    return exportAffinities(policyOf(ctx, source), source === 'draft' ? 'draft' : `v${source}`, ctx.now());
  },
  'merch.csv.import'(ctx, { csv, mode, baseRevision }) {
    return importAffinities(ctx.db, csv, mode, baseRevision, editor(ctx), ctx.now());
  },
  'merch.suggestions'(ctx, input) {
    return suggestAffinities(ctx.db, getDraft(ctx.db).policy, input);
  },
  'merch.learnSchedule'(ctx, schedule) {
    return setLearnSchedule(ctx.db, schedule);
  },
  'merch.check'(ctx, { source }) {
    return checkPolicy(ctx.db, policyOf(ctx, source), ctx.now());
  },
  async 'merch.preview'(ctx, { sample, aggregateCustomers, storeId }) {
    const store = storeId ?? editorSession(ctx).storeId;
    if (!statement(ctx.db, `SELECT 1 FROM locations WHERE id = ? AND kind = 'store'`).get(store)) throw new ApiError('not_found', `There is no store ${store}.`);
    return previewDraft(ctx.db, ctx.engine, getDraft(ctx.db).policy, { sample, aggregateCustomers, storeId: store, now: ctx.now() });
  },
  'merch.versions'(ctx) {
    return listVersions(ctx.db);
  },
  'merch.diff'(ctx, { from, to }) {
    const fromVersion = from ?? activeVersion(ctx.db);
    return diffPolicies(policyOf(ctx, fromVersion), policyOf(ctx, to), versionLabel(ctx.db, fromVersion), to === 'draft' ? 'draft' : versionLabel(ctx.db, to));
  },
  'merch.publish'(ctx, { note, baseRevision }) {
    return publishDraft(ctx.db, baseRevision, note, editor(ctx), ctx.now());
  },
  'merch.rollback'(ctx, { version, note }) {
    return activateVersion(ctx.db, version, note, editor(ctx), ctx.now());
  },
};

/** The draft, or a published version (0: the built-in defaults). */
function policyOf(ctx: HandlerContext, source: number | 'draft'): MerchPolicy {
  if (source === 'draft') return getDraft(ctx.db).policy;
  if (source !== 0 && !versionExists(ctx.db, source)) throw new ApiError('not_found', `There is no version ${source} on this device.`);
  return loadMerchPolicy(ctx.db, source);
}

function editorSession(ctx: HandlerContext) {
  if (!ctx.session) throw new ApiError('unauthenticated', 'Please log in first.');
  return ctx.session;
}

function editor(ctx: HandlerContext): Editor {
  const s = editorSession(ctx);
  return { staffId: s.staffId, name: s.displayName };
}
