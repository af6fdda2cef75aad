// Starting the draft over from the live version: every change since is dropped, after a confirm.
import { useState } from 'react';
import type { ApiErrorValue } from '../../../../core/contract/index';
import { useMerchDraftStore } from '../../stores/merchDraftStore';
import { Notice } from '../../ui/Notice';
import { Dialog } from './Dialog';

export function DiscardDraftDialog({ liveVersion, onClose }: { liveVersion: number | undefined; onClose: () => void }) {
  const resetTo = useMerchDraftStore((s) => s.resetTo);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorValue | null>(null);
  const confirm = async () => {
    setBusy(true);
    const failure = await resetTo(null);
    setBusy(false);
    if (failure) setError(failure);
    else onClose();
  };
  return (
    <Dialog
      title="Discard the draft?"
      subtitle={`The draft starts over from ${liveVersion ? `v${liveVersion}, the live version` : 'the live version'}. Every change not published is lost, for everyone editing it.`}
      onClose={onClose}
      testId="discard-dialog"
      footer={
        <>
          <button type="button" className="button button-secondary" onClick={onClose}>
            Keep editing
          </button>
          <button type="button" className="button button-danger" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Discarding…' : 'Discard changes'}
          </button>
        </>
      }
    >
      {error ? <Notice tone="error" title={`Nothing was discarded: ${error.message}`} /> : <p className="muted">Published versions are not affected.</p>}
    </Dialog>
  );
}
