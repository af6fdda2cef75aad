// Preview before publishing: a random sample of customers or one looked up, each with the
// starters under the published policy and under the draft, and the effect across many.
import { useEffect } from 'react';
import { useMerchDraftStore } from '../../../stores/merchDraftStore';
import { useSessionStore } from '../../../stores/sessionStore';
import { AGGREGATE_CUSTOMERS, useMerchPreviewStore } from '../../../stores/merchPreviewStore';
import { Icon } from '../../../ui/Icon';
import { Notice } from '../../../ui/Notice';
import { AggregateEffects } from './AggregateEffects';
import { SampleCard } from './SampleCard';

export function PreviewTab() {
  const { sample, status, result, aggregate, revision, error, lookup, runRandom, rerun, previewCustomer, setQuery, searchCustomers } = useMerchPreviewStore();
  const draftRevision = useMerchDraftStore((s) => s.draft?.revision);
  const save = useMerchDraftStore((s) => s.save);
  const session = useSessionStore((s) => s.session);

  useEffect(() => {
    if (status === 'idle') void runRandom();
  }, [status, runRandom]);

  const outdated = status === 'ready' && (save !== 'saved' || (revision !== null && draftRevision !== revision));
  const shownFor = sample.kind === 'customer' ? sample.name : `${result?.samples.length ?? sample.size} random customers`;

  return (
    <div className="preview-layout" data-testid="preview" data-state={status} data-revision={revision ?? ''} aria-busy={status === 'running'}>
      <section className="panel preview-controls" aria-label="Who to preview">
        <div className="preview-pick">
          <h2 className="panel-title">Sample</h2>
          <div className="preview-pick-row">
            <button type="button" className="button button-secondary button-sm" onClick={() => void runRandom()} disabled={status === 'running'}>
              <Icon name="users" size={16} /> New random sample
            </button>
            <button type="button" className="button button-ghost button-sm" onClick={() => void rerun()} disabled={status === 'running'}>
              <Icon name="sync" size={16} /> Run again
            </button>
          </div>
        </div>
        <form
          className="preview-lookup"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            void searchCustomers();
          }}
        >
          <h2 className="panel-title">Or one customer</h2>
          <div className="preview-lookup-row">
            <label className="leader-filter">
              <Icon name="search" size={18} />
              <span className="visually-hidden">Customer name, email or loyalty ID</span>
              <input type="search" placeholder="Name, email or loyalty ID" value={lookup.query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
            </label>
            <button type="submit" className="button button-secondary button-sm">
              Find
            </button>
          </div>
          {lookup.status === 'error' && lookup.error ? <p className="field-error">{lookup.error.message}</p> : null}
          {lookup.status === 'done' && lookup.result ? (
            lookup.result.matches.length ? (
              <ul className="preview-matches" data-testid="preview-matches">
                {lookup.result.matches.slice(0, 6).map((m) => (
                  <li key={m.id}>
                    <button type="button" className="preview-match" data-testid="preview-match" onClick={() => void previewCustomer(m.id, m.name)}>
                      <span className="preview-match-name">{m.name}</span>
                      <span className="preview-match-detail">{[m.email, m.loyaltyId, m.city].filter(Boolean).join(' · ')}</span>
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">Nobody matches “{lookup.query}”.</p>
            )
          ) : null}
        </form>
      </section>

      {status === 'error' && error ? <Notice tone="error" title={`Preview failed: ${error.message}`} testId="preview-error" /> : null}
      {outdated ? (
        <Notice tone="warning" title="The draft changed since this preview" testId="preview-outdated">
          <button type="button" className="link-button" onClick={() => void rerun()}>
            Run the preview again
          </button>{' '}
          to see the effect of the latest edits.
        </Notice>
      ) : null}

      {result ? (
        <p className="preview-caption">
          {status === 'running' ? 'Running… ' : null}
          Showing {shownFor} at {session?.storeId === result.storeId ? session.storeName : result.storeId}. Draft beside published v{result.publishedVersion}; nothing is recorded and no frequency cap is used.
        </p>
      ) : status === 'running' ? (
        <p className="preview-caption">Running the engine for the sample and {AGGREGATE_CUSTOMERS.toLocaleString('en-US')} customers…</p>
      ) : null}

      {aggregate && result ? <AggregateEffects aggregate={aggregate} publishedVersion={result.publishedVersion} /> : null}

      <div className="preview-samples">
        {/* Customers the draft changes first: they are what the merchandiser came to see. */}
        {[...(result?.samples ?? [])].sort((a, b) => Number(b.changed) - Number(a.changed)).map((s) => (
          <SampleCard key={s.customer.id} sample={s} />
        ))}
      </div>
    </div>
  );
}
