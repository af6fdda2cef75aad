// Conflicts and coverage of the draft: problems that block publishing, rules that can never
// fire, rules that shadow each other, cycles, and categories no affinity covers.
import { useEffect, useMemo, type ReactNode } from 'react';
import type { MerchCheck } from '../../../../../core/contract/index';
import { useMerchDraftStore } from '../../../stores/merchDraftStore';
import { useMerchInsightsStore } from '../../../stores/merchInsightsStore';
import { Icon } from '../../../ui/Icon';
import { Notice } from '../../../ui/Notice';
import { categoryName, indexCategories } from '../categories';
import { UncoveredTable } from './UncoveredTable';

export function ChecksTab({ onOpenAffinity }: { onOpenAffinity: (id: string) => void }) {
  const { check, loadCheck } = useMerchInsightsStore();
  const revision = useMerchDraftStore((s) => s.draft?.revision);
  const setup = useMerchDraftStore((s) => s.setup);
  const categories = useMemo(() => indexCategories(setup?.categories ?? []), [setup]);

  // Checked against the saved draft; again whenever it changed.
  useEffect(() => {
    if (check.status !== 'loading' && (check.status === 'idle' || check.revision !== revision)) void loadCheck();
  }, [check.status, check.revision, revision, loadCheck]);

  const c = check.value;
  const Affinity = ({ id }: { id: string }) => (
    <button type="button" className="link-button mono" onClick={() => onOpenAffinity(id)}>
      {id}
    </button>
  );

  return (
    <div className="checks-layout" data-testid="checks" data-state={check.status}>
      {check.status === 'error' && check.error ? <Notice tone="error" title={check.error.message} /> : null}
      {!c && check.status === 'loading' ? <p className="muted">Checking the draft…</p> : null}
      {c ? (
        <>
          <CheckSummary check={c} />
          <div className="checks-grid">
            <CheckSection title="Problems to fix before publishing" count={c.problems.length} tone="bad" testId="check-problems" empty="None: the draft can be published.">
              {c.problems.map((p) => (
                <li key={`${p.path}:${p.message}`} className="check-item">
                  <span className="check-path mono">{p.path}</span>
                  <span>{p.message}</span>
                </li>
              ))}
            </CheckSection>
            <CheckSection title="Rules that can never fire" count={c.neverFires.length} tone="warn" testId="check-never-fires" empty="Every active rule can fire.">
              {c.neverFires.map((n) => (
                <li key={`${n.affinityId}:${n.reason}`} className="check-item">
                  <Affinity id={n.affinityId} />
                  <span>{n.message}</span>
                </li>
              ))}
            </CheckSection>
            <CheckSection title="Rules shadowed by another" count={c.shadowed.length} tone="warn" testId="check-shadowed" empty="No rule hides another.">
              {c.shadowed.map((s) => (
                <li key={`${s.affinityId}>${s.byAffinityId}`} className="check-item">
                  <span className="check-pair">
                    <Affinity id={s.affinityId} /> <span className="muted">loses to</span> <Affinity id={s.byAffinityId} />
                    <span className={s.full ? 'badge badge-warn' : 'badge badge-quiet'}>{s.full ? 'Never shows' : 'Partly'}</span>
                  </span>
                  <span>{s.message}</span>
                </li>
              ))}
            </CheckSection>
            <CheckSection title="Cycles" count={c.cycles.length} tone="warn" testId="check-cycles" empty="No category leads back to itself.">
              {c.cycles.map((cy) => (
                <li key={cy.affinityIds.join('>')} className="check-item">
                  <span className="check-cycle">{[...cy.categoryIds, cy.categoryIds[0]!].map((id) => categoryName(categories, id)).join(' → ')}</span>
                  <span>{cy.message}</span>
                </li>
              ))}
            </CheckSection>
          </div>
          <section className="panel panel-flush coverage" aria-labelledby="coverage-title" data-testid="check-uncovered">
            <h2 id="coverage-title" className="panel-title">
              Categories with no affinity <span className="title-count">{c.uncovered.length}</span>
            </h2>
            <p className="panel-pad panel-lead">Leaf categories with products that no active affinity leads from or to, biggest sellers first.</p>
            {c.uncovered.length ? (
              <UncoveredTable rows={c.uncovered} />
            ) : (
              <p className="panel-pad muted">Every category with products is covered.</p>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}

function CheckSummary({ check }: { check: MerchCheck }) {
  const warnings = check.neverFires.length + check.shadowed.length + check.cycles.length;
  return (
    <div className={`check-summary ${check.problems.length ? 'is-bad' : warnings ? 'is-warn' : 'is-good'}`} data-testid="check-summary">
      <Icon name={check.problems.length ? 'alert' : warnings ? 'info' : 'check'} size={22} />
      <p>
        {check.problems.length
          ? `${check.problems.length} problem${check.problems.length === 1 ? '' : 's'} to fix before this draft can be published.`
          : warnings
            ? `Ready to publish, with ${warnings} thing${warnings === 1 ? '' : 's'} worth a look.`
            : 'Ready to publish: no conflicts found.'}
        <span className="muted"> Checked for {new Date(check.at).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' })}.</span>
      </p>
    </div>
  );
}

function CheckSection({
  title,
  count,
  tone,
  testId,
  empty,
  children,
}: {
  title: string;
  count: number;
  tone: 'bad' | 'warn';
  testId: string;
  empty: string;
  children: ReactNode;
}) {
  return (
    <section className="panel check-section" data-testid={testId}>
      <h2 className="panel-title">
        {title} <span className={count ? `title-count is-${tone}` : 'title-count'}>{count}</span>
      </h2>
      {count ? <ul className="check-list">{children}</ul> : <p className="muted">{empty}</p>}
    </section>
  );
}
