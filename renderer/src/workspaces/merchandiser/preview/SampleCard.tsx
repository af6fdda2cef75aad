// One customer of the preview: the starters they would get under the published policy and
// under the draft, side by side, with what is new or gone marked.
import type { PreviewDecision, PreviewSample, PreviewStarter } from '../../../../../core/contract/index';
import { Avatar } from '../../../ui/Avatar';
import { Icon } from '../../../ui/Icon';
import { RelativeTime } from '../../../ui/RelativeTime';
import { SegmentBadge } from '../../../ui/SegmentBadge';
import { lookOf } from '../../associate/starters/kinds';

export function SampleCard({ sample }: { sample: PreviewSample }) {
  const c = sample.customer;
  return (
    <article className="preview-sample" data-testid="preview-sample" data-customer-id={c.id} data-changed={sample.changed}>
      <header className="preview-sample-head">
        <Avatar name={c.name} size="md" />
        <div className="preview-who">
          <h3 className="preview-name">{c.name}</h3>
          <p className="preview-meta">
            <SegmentBadge segment={c.segment} />
            {c.homeStoreName ? <span>{c.homeStoreName}</span> : null}
            <span>
              Last order <RelativeTime iso={c.lastOrderAt} fallback="never" />
            </span>
          </p>
        </div>
        {sample.changed ? <span className="badge change-badge is-changed">Changes</span> : <span className="badge badge-quiet">No change</span>}
      </header>
      <div className="preview-columns">
        <DecisionColumn side="published" title={`Published · v${sample.published.policyVersion}`} decision={sample.published} />
        <DecisionColumn side="draft" title="Draft" decision={sample.draft} />
      </div>
    </article>
  );
}

function DecisionColumn({ side, title, decision }: { side: 'published' | 'draft'; title: string; decision: PreviewDecision }) {
  const note =
    decision.arm === 'holdout'
      ? 'In the holdout: gets the default experience'
      : decision.personalization === 'cart_only'
        ? 'No personalization consent: basket only'
        : null;
  return (
    <div className={`preview-col is-${side}`} data-testid={`preview-${side}`} data-side={side}>
      <h4 className="preview-col-title">{title}</h4>
      {note ? <p className="preview-col-note">{note}</p> : null}
      {decision.starters.length === 0 ? <p className="preview-none">No starter passes the rules.</p> : null}
      <ol className="preview-starters">
        {decision.starters.map((s) => (
          <PreviewStarterRow key={`${s.position}-${s.key}`} starter={s} side={side} />
        ))}
      </ol>
    </div>
  );
}

function PreviewStarterRow({ starter, side }: { starter: PreviewStarter; side: 'published' | 'draft' }) {
  const look = lookOf(starter);
  const mark = starter.onlyHere ? (side === 'draft' ? 'new' : 'removed') : null;
  return (
    <li
      className={`preview-starter tone-${look.tone}${mark ? ` is-${mark}` : ''}`}
      data-testid="preview-starter"
      data-kind={starter.kind}
      data-key={starter.key}
      data-mark={mark ?? 'same'}
    >
      <div className="preview-starter-top">
        <span className="starter-kind">
          <span className="starter-kind-icon">
            <Icon name={look.icon} size={15} />
          </span>
          {look.label}
        </span>
        {mark === 'new' ? <span className="badge mark-new">New in draft</span> : null}
        {mark === 'removed' ? <span className="badge mark-removed">Not in draft</span> : null}
      </div>
      <p className="preview-starter-text" data-testid="preview-starter-text">
        {starter.text}
      </p>
      <p className="preview-starter-reason" data-testid="preview-starter-reason">
        <span className="starter-why-label">Why</span> {starter.reason}
      </p>
      {starter.products[0] ? (
        <p className="preview-starter-product">
          {starter.products[0].title}
          {starter.products.length > 1 ? <span className="muted"> +{starter.products.length - 1} more</span> : null}
        </p>
      ) : null}
      {starter.rules.length ? (
        <p className="preview-rules" title="Rules behind this starter">
          {starter.rules.map((r) => (
            <code key={r}>{r}</code>
          ))}
        </p>
      ) : null}
    </li>
  );
}
