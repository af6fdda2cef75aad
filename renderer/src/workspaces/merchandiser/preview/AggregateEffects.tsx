// What the draft would change over a few thousand customers: reach, starters per kind,
// categories promoted, items the guardrails block, and how much stays as it is.
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PreviewAggregate, PreviewSide, StarterKind } from '../../../../../core/contract/index';
import { kindLook } from '../../associate/starters/kinds';

const count = new Intl.NumberFormat('en-US');
const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

function Delta({ before, after, format, testId, lowerIsBetter = false }: { before: number; after: number; format: (x: number) => string; testId: string; lowerIsBetter?: boolean }) {
  // Equal as shown is equal: a change below the shown precision is not coloured as one.
  const tone = format(after) === format(before) ? 'same' : after > before !== lowerIsBetter ? 'up' : 'down';
  return (
    <span className="effect-values" data-testid={testId}>
      <span className="effect-before">{format(before)}</span>
      <span className="effect-arrow" aria-hidden="true">
        →
      </span>
      <span className={`effect-after is-${tone}`}>{format(after)}</span>
    </span>
  );
}

export function AggregateEffects({ aggregate, publishedVersion }: { aggregate: PreviewAggregate; publishedVersion: number }) {
  const { published: p, draft: d } = aggregate;
  const kinds = [...new Set([...Object.keys(p.startersPerKind), ...Object.keys(d.startersPerKind)])] as StarterKind[];
  const kindData = kinds
    .map((k) => ({ kind: kindLook[k]?.label ?? k, published: p.startersPerKind[k] ?? 0, draft: d.startersPerKind[k] ?? 0 }))
    .sort((a, b) => b.draft + b.published - (a.draft + a.published));

  return (
    <section className="panel effects" aria-labelledby="effects-title" data-testid="preview-aggregate">
      <div className="chart-head">
        <h2 id="effects-title" className="panel-title">
          Effect over {count.format(aggregate.customers)} customers
        </h2>
        <span className="chart-legend">
          <span className="legend-swatch is-published" /> Published v{publishedVersion} <span className="legend-swatch is-draft" /> Draft
        </span>
      </div>
      <dl className="effect-tiles">
        <div className="effect-tile">
          <dt>With at least one starter</dt>
          <dd>
            <Delta before={p.shareWithStarter} after={d.shareWithStarter} format={pct} testId="effect-share" />
          </dd>
        </div>
        <div className="effect-tile">
          <dt>Starters per customer</dt>
          <dd>
            <Delta before={p.startersPerCustomer} after={d.startersPerCustomer} format={(x) => x.toFixed(2)} testId="effect-per-customer" />
          </dd>
        </div>
        <div className="effect-tile">
          <dt>Same as published</dt>
          <dd className="effect-single" data-testid="effect-overlap">
            {pct(aggregate.overlap)}
          </dd>
        </div>
        <div className="effect-tile">
          <dt>Customers whose starters change</dt>
          <dd className="effect-single" data-testid="effect-changed">
            {count.format(aggregate.changedCustomers)} <span className="muted">of {count.format(aggregate.customers)}</span>
          </dd>
        </div>
        <div className="effect-tile" title={d.topProduct ? `Draft: ${d.topProduct.title}` : undefined}>
          <dt>Most shown product (goal ≤ 5% of customers)</dt>
          <dd>
            <Delta before={p.topProduct?.customerShare ?? 0} after={d.topProduct?.customerShare ?? 0} format={pct} testId="effect-top-product" lowerIsBetter />
            <span className="effect-note muted">{d.topProduct ? shortTitle(d.topProduct.title) : 'none'}</span>
          </dd>
        </div>
        <div className="effect-tile">
          <dt>Most common kind (goal ≤ half of starters)</dt>
          <dd>
            <Delta before={p.topKind?.share ?? 0} after={d.topKind?.share ?? 0} format={pct} testId="effect-top-kind" lowerIsBetter />
            <span className="effect-note muted">{d.topKind ? (kindLook[d.topKind.kind]?.label ?? d.topKind.kind) : 'none'}</span>
          </dd>
        </div>
      </dl>
      <div className="effects-grid">
        <div className="effects-chart">
          <h3 className="effects-subtitle">Starters per kind</h3>
          <div className="chart-box is-short">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={kindData} layout="vertical" margin={{ top: 0, right: 44, bottom: 0, left: 0 }} barGap={2}>
                <CartesianGrid stroke="#eaeef1" horizontal={false} />
                <XAxis type="number" tick={{ fontSize: 12, fill: '#6e7b87' }} tickLine={false} axisLine={false} tickFormatter={(v: number) => count.format(v)} />
                <YAxis type="category" dataKey="kind" width={150} tick={{ fontSize: 12, fill: '#3c4853' }} tickLine={false} axisLine={false} />
                <Tooltip formatter={(v, name) => [count.format(Number(v)), name === 'draft' ? 'Draft' : `Published v${publishedVersion}`]} />
                <Bar dataKey="published" fill="#c6cfd6" radius={[0, 3, 3, 0]} maxBarSize={12} isAnimationActive={false} />
                <Bar dataKey="draft" fill="#126b78" radius={[0, 3, 3, 0]} maxBarSize={12} isAnimationActive={false}>
                  <LabelList dataKey="draft" position="right" formatter={(v) => count.format(Number(v))} style={{ fontSize: 11, fill: '#3c4853', fontWeight: 600 }} />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
        </div>
        <CategoriesPromoted published={p} draft={d} />
        <ItemsBlocked published={p} draft={d} />
      </div>
    </section>
  );
}

/** "Ridgeline 2 Tent, 2-Person, Olive" → "Ridgeline 2 Tent". */
function shortTitle(title: string): string {
  return title.split(',')[0]!.trim();
}

function CategoriesPromoted({ published, draft }: { published: PreviewSide; draft: PreviewSide }) {
  const before = new Map(published.categoriesPromoted.map((c) => [c.categoryId, c.starters]));
  const rows = draft.categoriesPromoted.slice(0, 8);
  const max = Math.max(1, ...rows.map((r) => r.starters), ...rows.map((r) => before.get(r.categoryId) ?? 0));
  return (
    <div className="effects-categories" data-testid="effect-categories">
      <h3 className="effects-subtitle">Categories promoted (draft)</h3>
      <ul className="bars compact-bars">
        {rows.map((c) => {
          const was = before.get(c.categoryId) ?? 0;
          return (
            <li key={c.categoryId} className="bar-row" title={`${c.pathName}: ${count.format(c.starters)} (published ${count.format(was)})`}>
              <span className="bar-label">{c.pathName.split(' > ').slice(-1)[0]}</span>
              <span className="bar-track dual">
                <span className="bar-fill is-ghost" style={{ width: `${(was / max) * 100}%` }} />
                <span className="bar-fill is-brand" style={{ width: `${(c.starters / max) * 100}%` }} />
              </span>
              <span className="bar-value">{count.format(c.starters)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

const BLOCK_LABEL: Record<keyof PreviewSide['itemsBlocked'], string> = {
  stock: 'Low or no stock',
  margin: 'Below margin floor',
  price: 'Below price gate',
  blockedCategory: 'Blocked category',
};

function ItemsBlocked({ published, draft }: { published: PreviewSide; draft: PreviewSide }) {
  const keys = Object.keys(BLOCK_LABEL) as (keyof PreviewSide['itemsBlocked'])[];
  return (
    <div className="effects-blocked" data-testid="effect-blocked">
      <h3 className="effects-subtitle">Items blocked by guardrails</h3>
      <table className="mini-table">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Reason</span>
            </th>
            <th scope="col" className="num">
              Published
            </th>
            <th scope="col" className="num">
              Draft
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k}>
              <th scope="row">{BLOCK_LABEL[k]}</th>
              <td className="num">{count.format(published.itemsBlocked[k])}</td>
              <td className="num strong">{count.format(draft.itemsBlocked[k])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
