// Publishing the draft: the diff against the active version first, a change note, then one
// confirm. The new version is active on this device at once and goes to the stores through sync.
import { useEffect, useMemo, useState } from 'react';
import type { ApiErrorValue } from '../../../../../core/contract/index';
import { useMerchDraftStore } from '../../../stores/merchDraftStore';
import { diffKey, useMerchVersionsStore } from '../../../stores/merchVersionsStore';
import { Notice } from '../../../ui/Notice';
import { Dialog } from '../Dialog';
import { indexCategories } from '../categories';
import { DiffView } from './DiffView';

export function PublishDialog({ onClose, onPublished }: { onClose: () => void; onPublished: (version: number) => void }) {
  const { setup, draft, flush, invalid } = useMerchDraftStore();
  const unsavedFields = Object.keys(invalid);
  const { diffs, loadDiff, publish } = useMerchVersionsStore();
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorValue | null>(null);
  const categories = useMemo(() => indexCategories(setup?.categories ?? []), [setup]);

  // The diff is of the saved draft, so save first.
  useEffect(() => {
    void flush().then(() => loadDiff(null, 'draft', true));
  }, [flush, loadDiff]);

  const entry = diffs[diffKey(null, 'draft')];
  const problems = draft?.problems ?? [];
  const unchanged = entry?.status === 'ready' && entry.diff.unchanged;
  const noteMissing = note.trim().length === 0;

  const confirm = async () => {
    setTried(true);
    if (noteMissing || problems.length || unsavedFields.length || unchanged || busy) return;
    setBusy(true);
    setError(null);
    const outcome = await publish(note.trim());
    setBusy(false);
    if ('error' in outcome) setError(outcome.error);
    else onPublished(outcome.receipt.version.version);
  };

  return (
    <Dialog
      title="Publish the draft"
      subtitle="It becomes a new version, active at once on this device and sent to every store."
      onClose={onClose}
      wide
      testId="publish-dialog"
      footer={
        <>
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button-primary" onClick={() => void confirm()} disabled={busy || problems.length > 0 || unsavedFields.length > 0 || unchanged}>
            {busy ? 'Publishing…' : 'Publish new version'}
          </button>
        </>
      }
    >
      {problems.length ? (
        <Notice tone="error" title={`${problems.length} problem${problems.length === 1 ? '' : 's'} must be fixed first`}>
          <ul className="problem-list">
            {problems.slice(0, 6).map((p) => (
              <li key={`${p.path}:${p.message}`}>
                <span className="mono">{p.path}</span>: {p.message}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {unsavedFields.length ? (
        <Notice tone="warning" title="Some typed values are not valid, so they are not in the draft">
          Fix {unsavedFields.length === 1 ? 'this field' : 'these fields'} first: {unsavedFields.join(', ')}.
        </Notice>
      ) : null}
      <h3 className="field-label">Changes against the active version</h3>
      <div className="diff-box">
        {!entry || entry.status === 'loading' ? <p className="muted">Comparing…</p> : null}
        {entry?.status === 'error' ? <Notice tone="error" title={entry.error.message} /> : null}
        {entry?.status === 'ready' ? <DiffView diff={entry.diff} categories={categories} /> : null}
      </div>
      <label className="form-field">
        <span className="field-label">Change note (required)</span>
        <textarea
          className="text-field note-field"
          value={note}
          maxLength={500}
          rows={3}
          placeholder="What changed and why, for whoever reads the history"
          aria-invalid={tried && noteMissing ? true : undefined}
          onChange={(e) => setNote(e.target.value)}
        />
        {tried && noteMissing ? <span className="field-error">Write a short note: the history shows it next to this version.</span> : null}
      </label>
      {error ? <Notice tone="error" title={`Not published: ${error.message}`} testId="publish-error" /> : null}
    </Dialog>
  );
}
