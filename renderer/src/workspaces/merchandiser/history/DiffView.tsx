// What changed between two versions of the policy, in the merchandiser's words.
import type { DiffValue, MerchAffinity, PolicyDiff } from '../../../../../core/contract/index';
import { categoryName, type CategoryIndex } from '../categories';
import { formatSeason, formatWindow } from '../affinities/affinityEdit';

const FIELD_LABEL: Record<string, string> = {
  fromCategoryId: 'bought',
  toCategoryId: 'suggest',
  minDelayDays: 'window from',
  maxDelayDays: 'window to',
  weight: 'weight',
  seasonStart: 'season from',
  seasonEnd: 'season until',
  storeIds: 'stores',
  skus: 'SKUs',
  active: 'active',
  note: 'note',
};

function value(v: DiffValue, field: string, categories: CategoryIndex): string {
  if (v === null) return field.startsWith('season') ? 'all year' : '—';
  if (Array.isArray(v)) return v.length ? v.join(', ') : field === 'storeIds' ? 'every store' : 'none';
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (field.endsWith('CategoryId') && typeof v === 'string') return categoryName(categories, v);
  return String(v);
}

function AffinityLine({ a, categories }: { a: MerchAffinity; categories: CategoryIndex }) {
  return (
    <>
      <strong>{categoryName(categories, a.fromCategoryId)}</strong> → <strong>{categoryName(categories, a.toCategoryId)}</strong>
      <span className="muted">
        {' '}
        · {formatWindow(a)} · weight {a.weight} · {formatSeason(a)}
        {a.active ? '' : ' · off'}
      </span>
    </>
  );
}

export function DiffView({ diff, categories }: { diff: PolicyDiff; categories: CategoryIndex }) {
  if (diff.unchanged) return <p className="diff-empty muted">No changes between {diff.fromLabel} and {diff.toLabel}.</p>;
  const { affinities: a } = diff;
  return (
    <div className="diff" data-testid="diff">
      <p className="diff-head">
        From <strong>{diff.fromLabel}</strong> to <strong>{diff.toLabel}</strong>
      </p>
      <ul className="diff-list">
        {a.added.map((x) => (
          <li key={`+${x.id}`} className="diff-item is-added" data-testid="diff-added">
            <span className="diff-sign">Added</span>
            <span>
              <AffinityLine a={x} categories={categories} />
            </span>
          </li>
        ))}
        {a.removed.map((x) => (
          <li key={`-${x.id}`} className="diff-item is-removed" data-testid="diff-removed">
            <span className="diff-sign">Removed</span>
            <span>
              <AffinityLine a={x} categories={categories} />
            </span>
          </li>
        ))}
        {a.changed.map((c) => (
          <li key={`~${c.id}`} className="diff-item is-changed" data-testid="diff-changed">
            <span className="diff-sign">Changed</span>
            <span>
              <strong>{categoryName(categories, c.after.fromCategoryId)}</strong> → <strong>{categoryName(categories, c.after.toCategoryId)}</strong>:{' '}
              {c.fields.map((f, i) => (
                <span key={f.field}>
                  {i ? '; ' : ''}
                  {FIELD_LABEL[f.field] ?? f.field} <s>{value(f.before, f.field, categories)}</s> → <ins>{value(f.after, f.field, categories)}</ins>
                </span>
              ))}
            </span>
          </li>
        ))}
        {diff.guardrails.map((g) => (
          <li key={`g:${g.field}`} className="diff-item is-changed">
            <span className="diff-sign">Guardrail</span>
            <span>
              {g.label} <s>{value(g.before, g.field, categories)}</s> → <ins>{value(g.after, g.field, categories)}</ins>
            </span>
          </li>
        ))}
        {diff.blockedCategories.added.map((id) => (
          <li key={`b+${id}`} className="diff-item is-added">
            <span className="diff-sign">Blocked</span>
            <span>{categories.byId.get(id)?.pathName ?? id}</span>
          </li>
        ))}
        {diff.blockedCategories.removed.map((id) => (
          <li key={`b-${id}`} className="diff-item is-removed">
            <span className="diff-sign">Unblocked</span>
            <span>{categories.byId.get(id)?.pathName ?? id}</span>
          </li>
        ))}
        {diff.incentives.map((i) => (
          <li key={`i:${i.shopperType}`} className="diff-item is-changed">
            <span className="diff-sign">Incentives</span>
            <span>
              {i.shopperType.replace('_', ' ')}: {i.added.length ? <ins>+ {i.added.join(', ')}</ins> : null} {i.removed.length ? <s>− {i.removed.join(', ')}</s> : null}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
