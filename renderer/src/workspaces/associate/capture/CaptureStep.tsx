// Checkout email capture (DESIGN §6): one screen, one hand. The address with a typo fix as one
// tap, who it may already be, consent per purpose, then save — or a decline with its reason.
import { useEffect, useId } from 'react';
import type { ApiErrorValue, ConsentPurpose } from '../../../../../core/contract/index';
import { useBasketStore } from '../../../stores/basketStore';
import { resubscribeApproved, useCaptureStore } from '../../../stores/captureStore';
import { useSessionStore } from '../../../stores/sessionStore';
import { useCardStore } from '../../../stores/cardStore';
import { useLookupStore } from '../../../stores/lookupStore';
import { useStartersStore } from '../../../stores/startersStore';
import { maskEmail } from '../../../format/mask';
import { Icon } from '../../../ui/Icon';
import { Notice } from '../../../ui/Notice';
import { CaptureDone } from './CaptureDone';
import { ConsentToggles } from './ConsentToggles';
import { DeclinePicker } from './DeclinePicker';
import { EmailField } from './EmailField';
import { MatchList } from './MatchList';
import { Resubscribe } from './Resubscribe';

const CHECK_DELAY_MS = 350;
const MARKETING: ReadonlySet<ConsentPurpose> = new Set(['marketing', 'personalization']);
const NOTHING: ReadonlySet<ConsentPurpose> = new Set();

export function CaptureStep() {
  const s = useCaptureStore();
  const card = useCardStore((c) => c.card);
  const isManager = useSessionStore((x) => x.session?.role === 'manager');
  const key = JSON.stringify([s.email.trim(), s.phone.trim(), s.firstName.trim(), s.lastName.trim()]);
  const current = key === s.checkedKey && !s.checking;

  // Check as the associate types, once they pause.
  useEffect(() => {
    if (s.phase !== 'form' || key === s.checkedKey) return;
    const timer = window.setTimeout(() => void useCaptureStore.getState().runCheck(), CHECK_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [key, s.phase, s.checkedKey]);

  const nextCustomer = () => {
    s.close();
    useBasketStore.getState().clear();
    useCardStore.getState().close();
    useLookupStore.getState().reset();
    useStartersStore.getState().reset();
  };

  if (s.phase === 'done' && s.receipt) {
    return (
      <section className="page capture" data-testid="capture-step">
        <CaptureDone receipt={s.receipt} setup={s.setup} onWithdraw={(p) => void s.withdraw(p)} onNext={nextCustomer} />
        {s.error ? <Notice tone="error" title={s.error.message} testId="capture-error" /> : null}
      </section>
    );
  }

  const verdict = s.check?.email ?? null;
  // The address verdict stays up while only a name or phone is being re-checked.
  const emailCurrent = !!verdict && verdict.input === s.email.normalize('NFC').trim();
  const matches = current ? (s.check?.matches ?? []) : [];
  const visiting = current ? (s.check?.visiting ?? null) : null;
  const emailOk = current && !!verdict?.valid;
  const phoneOk = !s.phone.trim() || (current && !!s.check?.phone?.valid);
  const needsChoice = (matches.length > 0 || !!visiting) && !s.profile;
  const busy = s.phase === 'saving';
  // Marketing stays off for a suppressed address unless a manager approved it (or is the one signed in).
  const marketingBlocked = !!s.check?.suppressed && !isManager && !resubscribeApproved(s);
  const onFile = card?.identifiers.find((i) => i.kind === 'email' && i.primary) ?? card?.identifiers.find((i) => i.kind === 'email');

  return (
    <section className="page capture" data-testid="capture-step" aria-busy={busy}>
      <div className="capture-card">
        {/* The way back sits in the card's head: a row of its own costs a short screen the consent wording. */}
        <header className="capture-head">
          <span className="capture-head-icon">
            <Icon name="mail" size={24} />
          </span>
          <div className="capture-head-text">
            <h1 className="capture-title">Email receipt</h1>
            <p className="capture-subtitle">
              {card ? `For ${card.name}. ` : ''}Ask: “Would you like your receipt by email?”
            </p>
          </div>
          <button type="button" className="button button-ghost capture-back" onClick={s.close}>
            <Icon name="back" /> Back to checkout
          </button>
        </header>

        {/* Two columns on a tablet: what is typed on the left, which profile on the right. */}
        <div className="capture-columns">
        <div className="capture-fields">
        {card && onFile ? (
          <div className="on-file" data-testid="on-file">
            <Icon name="check" size={20} />
            <span className="on-file-text">
              On file: <strong>{maskEmail(onFile.value)}</strong> — still right?
            </span>
            <button type="button" className="button button-secondary" disabled={busy} onClick={() => void s.useAddressOnFile()}>
              Yes, use it
            </button>
          </div>
        ) : null}

        <EmailField
          value={s.email}
          verdict={verdict}
          current={emailCurrent}
          suppressed={!!s.check?.suppressed}
          onChange={(v) => s.setField('email', v)}
          onSettle={() => void s.runCheck()}
          onAcceptSuggestion={s.acceptSuggestion}
        />
        {emailCurrent && verdict?.valid && s.check?.suppressed ? <Resubscribe /> : null}

        <div className="capture-extra">
          <label className="field">
            <span className="field-label">Phone (optional)</span>
            <input
              className="text-input"
              type="tel"
              inputMode="tel"
              autoComplete="off"
              maxLength={40}
              value={s.phone}
              aria-invalid={!phoneOk && current}
              onChange={(e) => s.setField('phone', e.target.value)}
            />
            {current && s.check?.phone && !s.check.phone.valid ? <span className="field-error">{s.check.phone.problem}</span> : null}
          </label>
          {!card ? (
            <>
              <NameField label="First name" value={s.firstName} problem={fieldProblem(s.error, 'firstName')} onChange={(v) => s.setField('firstName', v)} />
              <NameField label="Last name" value={s.lastName} problem={fieldProblem(s.error, 'lastName')} onChange={(v) => s.setField('lastName', v)} />
            </>
          ) : null}
        </div>
        </div>
        <div className="capture-choices">
        {matches.length > 0 || visiting ? (
          <MatchList matches={matches} visiting={visiting} choice={s.profile} mergeIds={s.mergeIds} onChoose={s.chooseProfile} onToggleMerge={s.toggleMerge} />
        ) : null}
        </div>
        </div>

        {s.setup ? (
          <ConsentToggles
            prompts={s.setup.consents}
            value={s.consents}
            blocked={marketingBlocked ? MARKETING : NOTHING}
            version={s.setup.consentTextVersion}
            onToggle={s.toggleConsent}
          />
        ) : null}

        {s.error && !fieldProblem(s.error, 'firstName') && !fieldProblem(s.error, 'lastName') ? <Notice tone="error" title={s.error.message} testId="capture-error" /> : null}

        {/* Sticky at the bottom: the thumb finds save, decline and the reasons in one place. */}
        <footer className="capture-actions">
          {s.declining && s.setup ? (
            <DeclinePicker reasons={s.setup.declineReasons} busy={busy} onPick={(r) => void s.decline(r)} onCancel={() => s.setDeclining(false)} />
          ) : (
            <>
              <button
                type="button"
                className="button button-primary button-xl"
                disabled={!emailOk || !phoneOk || needsChoice || busy || !s.setup}
                onClick={() => {
                  if (!s.profile) s.chooseProfile({ kind: 'new' });
                  void useCaptureStore.getState().save();
                }}
              >
                <Icon name="check" size={22} /> {needsChoice && emailOk ? 'Choose a profile first' : 'Save email'}
              </button>
              <button type="button" className="button button-secondary button-xl" disabled={busy} onClick={() => s.setDeclining(true)}>
                Customer declined
              </button>
              {emailCurrent && verdict && !verdict.valid && s.email.trim() ? (
                <button type="button" className="button button-ghost" disabled={busy} onClick={() => void s.markInvalid()}>
                  Address won’t validate
                </button>
              ) : null}
            </>
          )}
        </footer>
      </div>
    </section>
  );
}

/** The device's plain-words problem with one field, from an `invalid_input` refusal. */
function fieldProblem(error: ApiErrorValue | null, field: string): string | undefined {
  if (error?.code !== 'invalid_input') return undefined;
  const issues = (error.details as { issues?: { path: string[]; message: string }[] } | undefined)?.issues ?? [];
  return issues.find((i) => i.path[0] === field)?.message;
}

/** A name field with its problem right under it (named by its label alone). */
function NameField({ label, value, problem, onChange }: { label: string; value: string; problem: string | undefined; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <label className="field">
      <span className="field-label" id={`${id}-label`}>
        {label}
      </span>
      <input
        className="text-input"
        autoComplete="off"
        maxLength={60}
        value={value}
        aria-labelledby={`${id}-label`}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {problem ? (
        <span className="field-error" id={`${id}-problem`} data-testid="field-error">
          {problem}
        </span>
      ) : null}
    </label>
  );
}
