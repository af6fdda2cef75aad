// The merchandiser's back-office workspace (DESIGN §1, issue 8): the offer rules the engine
// follows. One shared draft, edited in tabs, previewed on real customers, published as an
// immutable version and rolled back in one step.
import { useEffect, useState } from 'react';
import { useMerchDraftStore } from '../../stores/merchDraftStore';
import { useMerchInsightsStore } from '../../stores/merchInsightsStore';
import { useMerchPreviewStore } from '../../stores/merchPreviewStore';
import { useMerchVersionsStore } from '../../stores/merchVersionsStore';
import { Icon } from '../../ui/Icon';
import { Notice } from '../../ui/Notice';
import { AffinitiesTab } from './affinities/AffinitiesTab';
import type { FocusRequest } from './affinities/AffinityTable';
import { ChecksTab } from './checks/ChecksTab';
import { DiscardDraftDialog } from './DiscardDraftDialog';
import { GuardrailsTab } from './guardrails/GuardrailsTab';
import { HistoryTab } from './history/HistoryTab';
import { PublishDialog } from './history/PublishDialog';
import { PreviewTab } from './preview/PreviewTab';
import { SaveStatus } from './SaveStatus';

type Tab = 'affinities' | 'guardrails' | 'preview' | 'checks' | 'history';

const TABS: { id: Tab; label: string }[] = [
  { id: 'affinities', label: 'Affinities' },
  { id: 'guardrails', label: 'Guardrails' },
  { id: 'preview', label: 'Preview' },
  { id: 'checks', label: 'Conflicts & coverage' },
  { id: 'history', label: 'Versions' },
];

export function MerchWorkspace() {
  const { status, loadError, draft, policy, save, saveError, invalid, load, flush, reloadDraft } = useMerchDraftStore();
  const activeVersion = useMerchVersionsStore((s) => s.list?.activeVersion);
  const loadVersions = useMerchVersionsStore((s) => s.load);
  const [tab, setTab] = useState<Tab>('affinities');
  const [publishing, setPublishing] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const [historyNotice, setHistoryNotice] = useState<string | null>(null);

  useEffect(() => {
    void load();
    void loadVersions();
    // A new visit previews and checks afresh (customers in a preview are not kept for the next person).
    useMerchPreviewStore.getState().reset();
    useMerchInsightsStore.getState().reset();
    // Leaving the workspace (or logging out) saves what is typed.
    return () => void useMerchDraftStore.getState().flush();
  }, [load, loadVersions]);

  const problems = draft?.problems.length ?? 0;

  return (
    <section className="page merch" data-testid="merch-workspace" data-state={status}>
      <header className="merch-head">
        <div>
          <h1 className="page-title">Offer rules</h1>
          <p className="page-subtitle">
            {draft
              ? `Draft based on ${draft.basedOnVersion ? `v${draft.basedOnVersion}` : 'the defaults'}${activeVersion ? ` · v${activeVersion} is live` : ''}${draft.changed || save !== 'saved' ? '' : ' · no changes yet'}`
              : 'Loading…'}
          </p>
        </div>
        <div className="merch-head-actions">
          {draft?.changed ? (
            <button type="button" className="button button-ghost button-sm" onClick={() => setDiscarding(true)}>
              Discard changes…
            </button>
          ) : null}
          {draft ? <SaveStatus state={save} invalidFields={Object.keys(invalid).length} updatedAt={draft.updatedAt} updatedBy={draft.updatedBy?.name ?? null} /> : null}
          <button
            type="button"
            className="button button-primary"
            disabled={!draft}
            onClick={() => {
              void flush();
              setPublishing(true);
            }}
          >
            <Icon name="cloud" size={18} /> Publish…
          </button>
        </div>
      </header>

      {status === 'error' && loadError ? (
        <Notice tone="error" title={`The offer rules could not be loaded: ${loadError.message}`} testId="merch-load-error">
          <button type="button" className="link-button" onClick={() => void load()}>
            Try again
          </button>
        </Notice>
      ) : null}

      {save === 'error' && saveError ? (
        <Notice tone="error" title={`Your last change is not saved: ${saveError.message}`} testId="save-error">
          Your edits are still on screen.{' '}
          <button type="button" className="link-button" onClick={() => void flush()}>
            Try saving again
          </button>
        </Notice>
      ) : null}
      {save === 'conflict' ? (
        <Notice tone="warning" title="Someone else saved the draft since you opened it" testId="save-conflict">
          Your latest edits were not saved.{' '}
          <button type="button" className="link-button" onClick={() => void reloadDraft()}>
            Load their draft
          </button>{' '}
          (your unsaved edits are dropped).
        </Notice>
      ) : null}

      {policy && draft ? (
        <>
          <nav className="merch-tabs" role="tablist" aria-label="Offer rules">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`merch-tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls="merch-panel"
                className={tab === t.id ? 'merch-tab is-active' : 'merch-tab'}
                onClick={() => setTab(t.id)}
              >
                {t.label}
                {t.id === 'affinities' ? <span className="tab-count">{policy.affinities.length}</span> : null}
                {t.id === 'checks' && problems ? <span className="tab-count is-bad">{problems}</span> : null}
              </button>
            ))}
          </nav>
          <div className="merch-panel" id="merch-panel" role="tabpanel" aria-labelledby={`merch-tab-${tab}`}>
            {tab === 'affinities' ? <AffinitiesTab focusRequest={focusRequest} /> : null}
            {tab === 'guardrails' ? <GuardrailsTab /> : null}
            {tab === 'preview' ? <PreviewTab /> : null}
            {tab === 'checks' ? (
              <ChecksTab
                onOpenAffinity={(id) => {
                  setFocusRequest({ id, n: Date.now() });
                  setTab('affinities');
                }}
              />
            ) : null}
            {tab === 'history' ? <HistoryTab key={historyNotice ?? ''} notice={historyNotice} /> : null}
          </div>
        </>
      ) : null}

      {discarding ? <DiscardDraftDialog liveVersion={activeVersion} onClose={() => setDiscarding(false)} /> : null}
      {publishing ? (
        <PublishDialog
          onClose={() => setPublishing(false)}
          onPublished={(version) => {
            setPublishing(false);
            setHistoryNotice(`Version ${version} is published and active. Stores pick it up at their next sync.`);
            setTab('history');
          }}
        />
      ) : null}
    </section>
  );
}
