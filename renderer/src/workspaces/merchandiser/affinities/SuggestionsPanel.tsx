// Affinities mined from the order history, beside the table: how strong each pair is, how long
// people wait between the two purchases, and one click to adopt it into the draft.
import { useEffect } from 'react';
import type { AffinitySuggestion, LearnedModelStatus } from '../../../../../core/contract/index';
import { formatAbsolute, formatRelative } from '../../../format/time';
import { useMerchDraftStore } from '../../../stores/merchDraftStore';
import { useMerchInsightsStore } from '../../../stores/merchInsightsStore';
import { Icon } from '../../../ui/Icon';
import { Notice } from '../../../ui/Notice';

const percent = (x: number) => `${Math.round(x * 100)}%`;

export function SuggestionsPanel({ onAdopt }: { onAdopt: (s: AffinitySuggestion) => void }) {
  const { suggestions, loadSuggestions } = useMerchInsightsStore();
  const affinities = useMerchDraftStore((s) => s.policy?.affinities);
  const revision = useMerchDraftStore((s) => s.draft?.revision);

  useEffect(() => {
    if (suggestions.status === 'idle') void loadSuggestions();
  }, [suggestions.status, loadSuggestions]);

  const list = suggestions.value;
  // Pairs adopted since the list was mined count as covered at once, before the device re-mines.
  const onScreen = new Set((affinities ?? []).map((a) => `${a.fromCategoryId}>${a.toCategoryId}`));
  const stale = suggestions.revision !== null && revision !== undefined && suggestions.revision !== revision;

  return (
    <aside className="panel panel-flush suggestions" aria-labelledby="suggestions-title" data-testid="suggestions" data-state={suggestions.status}>
      <div className="suggestions-head">
        <h2 id="suggestions-title" className="panel-title">
          Suggestions from data
        </h2>
        <button
          type="button"
          className={stale ? 'icon-button is-attention' : 'icon-button'}
          aria-label="Mine the order history again"
          title={stale ? 'The draft changed: mine again to update what is covered' : 'Mine the order history again'}
          onClick={() => void loadSuggestions()}
          disabled={suggestions.status === 'loading'}
        >
          <Icon name="sync" size={18} />
        </button>
      </div>
      {list ? (
        <p className="suggestions-sub">
          Mined from {list.ordersScanned.toLocaleString('en-US')} orders of {list.customersScanned.toLocaleString('en-US')} customers
        </p>
      ) : null}
      {list ? <LearnedModelLine model={list.model} /> : null}
      {suggestions.status === 'error' && suggestions.error ? (
        <div className="panel-pad">
          <Notice tone="error" title={suggestions.error.message} />
        </div>
      ) : null}
      {suggestions.status === 'loading' && !list ? <p className="panel-pad muted">Mining the order history…</p> : null}
      {list && list.items.length === 0 ? <p className="panel-pad muted">No pair is strong enough to suggest.</p> : null}
      <ul className="mined-list">
        {list?.items.map((s) => {
          const covered = s.coveredBy.length > 0 || onScreen.has(`${s.fromCategoryId}>${s.toCategoryId}`);
          return (
            <li key={`${s.fromCategoryId}>${s.toCategoryId}`} className={covered ? 'mined is-covered' : 'mined'} data-testid="suggestion" data-covered={covered}>
              <div className="mined-pair">
                <span className="mined-from">{s.fromName}</span>
                <Icon name="chevron" size={14} />
                <span className="mined-to">{s.toName}</span>
              </div>
              <dl className="mined-stats">
                <div>
                  <dt title="How much likelier than usual">Lift</dt>
                  <dd>{s.lift.toFixed(1)}×</dd>
                </div>
                <div>
                  <dt title="Share of buyers of the first category who then bought the second">Conf.</dt>
                  <dd>{percent(s.confidence)}</dd>
                </div>
                <div>
                  <dt title="Customers who bought both, in this order">Support</dt>
                  <dd>{s.support.toLocaleString('en-US')}</dd>
                </div>
                <div>
                  <dt title="Median days between the two purchases (middle half in brackets)">Delay</dt>
                  <dd>
                    {Math.round(s.delayDays.median)} d <span className="muted">({Math.round(s.delayDays.p25)}–{Math.round(s.delayDays.p75)})</span>
                  </dd>
                </div>
              </dl>
              {covered ? (
                <span className="mined-covered" title={s.coveredBy.join(', ') || undefined}>
                  <Icon name="check" size={16} /> Covered{s.coveredBy.length ? ` by ${s.coveredBy[0]}${s.coveredBy.length > 1 ? ` +${s.coveredBy.length - 1}` : ''}` : ''}
                </span>
              ) : (
                <button type="button" className="button button-secondary button-sm mined-adopt" onClick={() => onAdopt(s)}>
                  <Icon name="plus" size={16} /> Adopt {s.proposal.minDelayDays}–{s.proposal.maxDelayDays} d
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </aside>
  );
}

/** When the engine last learned its own follow-ups, on how many orders, and when it learns again. */
function LearnedModelLine({ model }: { model: LearnedModelStatus }) {
  const n = (x: number) => x.toLocaleString('en-US');
  const when = model.learnedAt ? `${formatRelative(model.learnedAt, Date.now())} (${formatAbsolute(model.learnedAt)})` : null;
  return (
    <p className="suggestions-sub" data-testid="learned-model" title={`Relearns after ${n(model.minNewOrders)} new orders, or every ${model.maxAgeHours} h when orders arrived`}>
      {when
        ? `The engine learned ${n(model.linksLearned)} follow-ups ${when} on ${n(model.ordersLearned)} orders; ${n(model.newOrders)} new since.`
        : 'The engine has not learned follow-ups on this register yet.'}
    </p>
  );
}
