// The guardrails around every suggestion: each field says what it does and its valid range,
// and is checked as it is typed. Blocked categories and incentive rules per shopper type too.
import { useEffect, useMemo, useState } from 'react';
import type { GuardrailField, IncentiveKind, MerchPolicy, MerchSetup, ShopperType } from '../../../../../core/contract/index';
import { useMerchDraftStore } from '../../../stores/merchDraftStore';
import { Icon } from '../../../ui/Icon';
import { CategoryPicker } from '../CategoryPicker';
import { indexCategories } from '../categories';
import { parseGuardrail, rangeText, toDisplay, unitWord } from './guardrailFormat';
import { evidenceLines, evidenceSource } from './incentiveEvidenceText';

/** Fields in groups a merchandiser thinks in. */
const GROUPS: { title: string; keys: GuardrailField['key'][] }[] = [
  { title: 'Timing', keys: ['exclusionWindowDays', 'frequencyCapPerWeek'] },
  { title: 'Stock', keys: ['stockThreshold', 'safetyBuffer', 'inventoryMaxAgeMinutes'] },
  { title: 'Price and margin', keys: ['minPriceCents', 'marginFloor', 'clearancePenalty'] },
  { title: 'New arrivals', keys: ['newArrivalBoost', 'newArrivalWindowDays'] },
  { title: 'Incentives', keys: ['conciergeCartCents'] },
  { title: 'Measurement', keys: ['explorationShare', 'holdoutShare'] },
];

export function GuardrailsTab() {
  const { setup, policy, draft, edit, generation } = useMerchDraftStore();
  if (!setup || !policy || !draft) return null;
  const fields = new Map(setup.guardrailFields.map((f) => [f.key, f]));
  const grouped = new Set(GROUPS.flatMap((g) => g.keys));
  const rest = setup.guardrailFields.filter((f) => !grouped.has(f.key));
  const problemFor = (path: string) => draft.problems.filter((p) => p.path === path).map((p) => p.message);

  return (
    <div className="guardrails-layout" data-testid="guardrails">
      <section className="panel guardrails" aria-labelledby="guardrails-title">
        <h2 id="guardrails-title" className="panel-title">
          Guardrails
        </h2>
        {[...GROUPS, { title: 'Other', keys: rest.map((f) => f.key) }]
          .filter((g) => g.keys.some((k) => fields.has(k)))
          .map((g) => (
            <fieldset key={g.title} className="guardrail-group">
              <legend className="guardrail-group-title">{g.title}</legend>
              {g.keys.map((k) => {
                const field = fields.get(k);
                return field ? (
                  <GuardrailInput
                    // A replaced draft (discard, reload) starts every input from its value, typos gone.
                    key={`${k}@${generation}`}
                    field={field}
                    value={policy.guardrails[k]}
                    deviceProblems={problemFor(`guardrails.${k}`)}
                    onChange={(v) => edit((p) => ({ ...p, guardrails: { ...p.guardrails, [k]: v } }))}
                  />
                ) : null;
              })}
            </fieldset>
          ))}
      </section>
      <div className="guardrails-side">
        <BlockedCategories setup={setup} policy={policy} problems={draft.problems} onChange={(ids) => edit((p) => ({ ...p, blockedCategories: ids }))} />
        <IncentiveRules setup={setup} policy={policy} problems={draft.problems} onChange={(type, kinds) => edit((p) => ({ ...p, incentives: { ...p.incentives, [type]: kinds } }))} />
      </div>
    </div>
  );
}

function GuardrailInput({ field, value, deviceProblems, onChange }: { field: GuardrailField; value: number; deviceProblems: string[]; onChange: (v: number) => void }) {
  // The text is the person's; the value changes only when the text reads as a valid value.
  const [text, setText] = useState(() => toDisplay(field, value));
  const [shownFor, setShownFor] = useState(value);
  if (shownFor !== value) {
    // Changed elsewhere (reset, import, a rollback): show the new value.
    setShownFor(value);
    setText(toDisplay(field, value));
  }
  const parsed = parseGuardrail(field, text);
  const message = !parsed.ok ? parsed.message : deviceProblems[0] ?? null;
  const markInvalid = useMerchDraftStore((s) => s.markInvalid);
  const path = `guardrails.${field.key}`;
  const typedError = parsed.ok ? null : parsed.message;
  useEffect(() => markInvalid(path, typedError), [markInvalid, path, typedError]);
  // Text that leaves the screen (another tab) is gone, and so is its claim on the save state.
  useEffect(() => () => markInvalid(path, null), [markInvalid, path]);
  const id = `guardrail-${field.key}`;
  const unit = unitWord(field);
  return (
    <div className={message ? 'guardrail is-invalid' : 'guardrail'} data-testid="guardrail" data-key={field.key}>
      <div className="guardrail-text">
        <label htmlFor={id} className="guardrail-label">
          {field.label}
        </label>
        <p className="guardrail-description" id={`${id}-desc`}>
          {field.description}
        </p>
      </div>
      <div className="guardrail-control">
        <div className={`unit-input${field.unit === 'cents' ? ' is-prefix' : ''}`}>
          {field.unit === 'cents' ? <span className="unit">$</span> : null}
          <input
            id={id}
            inputMode="decimal"
            value={text}
            aria-invalid={message ? true : undefined}
            aria-describedby={`${id}-desc ${id}-range`}
            onChange={(e) => {
              setText(e.target.value);
              const next = parseGuardrail(field, e.target.value);
              if (next.ok) {
                setShownFor(next.value);
                onChange(next.value);
              }
            }}
          />
          {field.unit !== 'cents' ? <span className="unit">{unit}</span> : null}
        </div>
        <p className="guardrail-range" id={`${id}-range`}>
          {rangeText(field)} · default {toDisplay(field, field.defaultValue)}
          {field.unit === 'share' ? '%' : ''}
        </p>
        {message ? (
          <p className="field-error" role="alert" data-testid="guardrail-error">
            {message}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function BlockedCategories({
  setup,
  policy,
  problems,
  onChange,
}: {
  setup: MerchSetup;
  policy: MerchPolicy;
  problems: readonly { path: string; message: string }[];
  onChange: (ids: string[]) => void;
}) {
  const [picking, setPicking] = useState(false);
  const index = useMemo(() => indexCategories(setup.categories), [setup]);
  const blocked = new Set(policy.blockedCategories);
  return (
    <section className="panel blocked" aria-labelledby="blocked-title" data-testid="blocked-categories">
      <h2 id="blocked-title" className="panel-title">
        Blocked categories
      </h2>
      <p className="panel-lead">Never suggested, and purchases in them never lead to a suggestion.</p>
      <ul className="blocked-list">
        {policy.blockedCategories.map((id) => {
          const problem = problems.find((p) => p.path === `blockedCategories.${id}`);
          return (
            <li key={id} className={problem ? 'blocked-chip is-invalid' : 'blocked-chip'} title={problem?.message}>
              <span>{index.byId.get(id)?.pathName ?? id}</span>
              <button type="button" className="chip-remove" aria-label={`Unblock ${index.byId.get(id)?.name ?? id}`} onClick={() => onChange(policy.blockedCategories.filter((b) => b !== id))}>
                <Icon name="close" size={14} />
              </button>
            </li>
          );
        })}
        {policy.blockedCategories.length === 0 ? <li className="muted">Nothing is blocked.</li> : null}
      </ul>
      {picking ? (
        <div className="blocked-picker">
          <CategoryPicker
            categories={setup.categories}
            value={null}
            exclude={blocked}
            label="Category to block"
            autoFocus
            onPick={(c) => {
              onChange([...policy.blockedCategories, c.id]);
              setPicking(false);
            }}
            onCancel={() => setPicking(false)}
          />
          <button type="button" className="button button-ghost button-sm" onClick={() => setPicking(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="button button-secondary button-sm" onClick={() => setPicking(true)}>
          <Icon name="plus" size={16} /> Block a category
        </button>
      )}
    </section>
  );
}

function IncentiveRules({
  setup,
  policy,
  problems,
  onChange,
}: {
  setup: MerchSetup;
  policy: MerchPolicy;
  problems: readonly { path: string; message: string }[];
  onChange: (type: ShopperType, kinds: IncentiveKind[]) => void;
}) {
  return (
    <section className="panel incentives" aria-labelledby="incentives-title" data-testid="incentive-rules">
      <h2 id="incentives-title" className="panel-title">
        Incentives by shopper type
      </h2>
      <p className="panel-lead">What each kind of shopper may be offered. Never a cash discount.</p>
      <table className="incentive-matrix">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Shopper type</span>
            </th>
            {setup.incentives.map((i) => (
              <th key={i.kind} scope="col" title={i.description}>
                {i.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {setup.shopperTypes.map((t) => {
            const chosen = policy.incentives[t.type];
            const problem = problems.find((p) => p.path === `incentives.${t.type}`);
            return (
              <tr key={t.type} className={problem ? 'is-invalid' : undefined}>
                <th scope="row" title={t.description}>
                  {t.label}
                  {problem ? <span className="field-error">{problem.message}</span> : null}
                </th>
                {setup.incentives.map((i) => {
                  const allowed = t.allowed.includes(i.kind);
                  return (
                    <td key={i.kind}>
                      <label className="check-hit">
                      <input
                        type="checkbox"
                        aria-label={`${i.label} for ${t.label}`}
                        checked={chosen.includes(i.kind)}
                        disabled={!allowed && !chosen.includes(i.kind)}
                        title={allowed ? undefined : `Not offered to ${t.label.toLowerCase()}s`}
                        onChange={(e) =>
                          onChange(
                            t.type,
                            setup.incentives.map((x) => x.kind).filter((k) => (k === i.kind ? e.target.checked : chosen.includes(k))),
                          )
                        }
                      />
                      </label>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      <IncentiveEvidenceList setup={setup} />
    </section>
  );
}

/** What the seed rules rest on, per shopper type (the device's copy of `eval:incentives`). */
function IncentiveEvidenceList({ setup }: { setup: MerchSetup }) {
  const lines = evidenceLines(setup.incentiveEvidence, setup.shopperTypes, setup.incentives);
  return (
    <div className="incentive-evidence" data-testid="incentive-evidence">
      <h3 className="incentive-evidence-title">Why these are the starting rules</h3>
      <ul className="incentive-evidence-list">
        {lines.map((l) => (
          <li key={l.type} data-type={l.type} data-kept={l.kept ? 'yes' : 'no'}>
            <span className="incentive-evidence-type">{l.label}</span> {l.measured} <span className="incentive-evidence-verdict">{l.verdict}</span>
          </li>
        ))}
      </ul>
      <p className="incentive-evidence-source">{evidenceSource(setup.incentiveEvidence)}</p>
    </div>
  );
}
