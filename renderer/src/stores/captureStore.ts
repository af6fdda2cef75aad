// The email capture step at the end of a sale: what was typed, what the device made of it,
// which profile it belongs to, what the customer agreed to, and the outcome once recorded.
import { create } from 'zustand';
import { api } from '../bridge';
import type {
  ApiErrorValue,
  ApiInput,
  CaptureCheck,
  CaptureReceipt,
  CaptureSetup,
  ConsentPurpose,
  DeclineReason,
} from '../../../core/contract/index';
import { cartOf, useBasketStore } from './basketStore';
import { followSessionLoss } from './sessionGuard';

/** visiting: a customer of another store the hub found by this address (their home store keeps them). */
type ProfileChoice = { kind: 'new' } | { kind: 'existing'; customerId: string } | { kind: 'visiting'; customerId: string };

/** A manager's approval, at this register, to re-subscribe the suppressed address of `subjectId`. */
export interface ResubscribeApproval {
  approvalId: string;
  subjectId: string;
  managerName: string;
}

interface CaptureState {
  phase: 'closed' | 'form' | 'saving' | 'done';
  /** The customer whose card was open when the step started, if any. */
  customerId: string | null;
  setup: CaptureSetup | null;
  email: string;
  phone: string;
  firstName: string;
  lastName: string;
  check: CaptureCheck | null;
  /** The input the shown check belongs to. */
  checkedKey: string;
  checking: boolean;
  /** A typo suggestion was shown for this sale, and whether the associate took it. */
  typo: { suggested: boolean; accepted: boolean };
  profile: ProfileChoice | null;
  mergeIds: string[];
  consents: Record<ConsentPurpose, boolean>;
  declining: boolean;
  resubscribe: ResubscribeApproval | null;
  receipt: CaptureReceipt | null;
  error: ApiErrorValue | null;

  open(customerId: string | null): Promise<void>;
  close(): void;
  setField(field: 'email' | 'phone' | 'firstName' | 'lastName', value: string): void;
  runCheck(): Promise<void>;
  acceptSuggestion(): void;
  chooseProfile(choice: ProfileChoice): void;
  toggleMerge(customerId: string): void;
  toggleConsent(purpose: ConsentPurpose): void;
  setDeclining(on: boolean): void;
  approveResubscribe(approval: ResubscribeApproval): void;
  save(): Promise<boolean>;
  useAddressOnFile(): Promise<boolean>;
  decline(reason: DeclineReason): Promise<boolean>;
  markInvalid(): Promise<boolean>;
  withdraw(purpose: ConsentPurpose): Promise<void>;
}

const NONE: Record<ConsentPurpose, boolean> = { receipts: false, marketing: false, personalization: false };

const blank = {
  phase: 'closed' as const,
  customerId: null,
  email: '',
  phone: '',
  firstName: '',
  lastName: '',
  check: null,
  checkedKey: '',
  checking: false,
  typo: { suggested: false, accepted: false },
  profile: null,
  mergeIds: [],
  consents: NONE,
  declining: false,
  resubscribe: null,
  receipt: null,
  error: null,
};

/** The approval still covers the address now checked (a different address needs its own). */
export function resubscribeApproved(s: { check: CaptureCheck | null; resubscribe: ResubscribeApproval | null }): boolean {
  return !!s.check?.suppressedBy && s.resubscribe?.subjectId === s.check.suppressedBy;
}

let latestCheck = 0;

export const useCaptureStore = create<CaptureState>()((set, get) => {
  async function record(input: ApiInput<'capture.record'>): Promise<boolean> {
    set({ phase: 'saving', error: null });
    // The basket goes with the outcome: the device records the sale in the same transaction.
    const result = await api.call('capture.record', { ...input, basket: cartOf(useBasketStore.getState().lines) });
    if (result.ok) {
      set({ phase: 'done', receipt: result.value, declining: false });
      return true;
    }
    // A spent or expired re-subscribe approval: the button comes back for a new one.
    const spent = (result.error.details as { needsApproval?: string } | undefined)?.needsApproval === 'consent.resubscribe';
    set({ phase: 'form', error: result.error, ...(spent ? { resubscribe: null } : {}) });
    followSessionLoss(result.error);
    return false;
  }

  return {
    ...blank,
    setup: null,

    async open(customerId) {
      set({ ...blank, phase: 'form', customerId, profile: customerId ? { kind: 'existing', customerId } : null });
      if (!get().setup) {
        const result = await api.call('capture.setup', {});
        if (result.ok) set({ setup: result.value });
        else {
          set({ error: result.error });
          followSessionLoss(result.error);
        }
      }
      if (customerId) await get().runCheck();
    },

    close() {
      latestCheck++;
      set({ ...blank });
    },

    setField(field, value) {
      set({ [field]: value, error: null } as unknown as Partial<CaptureState>);
    },

    async runCheck() {
      const { email, phone, firstName, lastName, customerId } = get();
      const key = JSON.stringify([email.trim(), phone.trim(), firstName.trim(), lastName.trim()]);
      if (key === get().checkedKey && get().check) return;
      const request = ++latestCheck;
      set({ checking: true });
      const result = await api.call('capture.check', {
        ...(email.trim() ? { email } : {}),
        ...(phone.trim() ? { phone } : {}),
        ...(firstName.trim() ? { firstName } : {}),
        ...(lastName.trim() ? { lastName } : {}),
        customerId,
      });
      if (request !== latestCheck) return;
      if (!result.ok) {
        set({ checking: false, check: null, checkedKey: key, error: result.error });
        followSessionLoss(result.error);
        return;
      }
      const check = result.value;
      const s = get();
      // Keep the associate's choice while it is still on the list; never pick for them,
      // except the customer whose card is open (they chose that profile already).
      const stillListed =
        (s.profile?.kind === 'existing' && check.matches.some((m) => m.id === (s.profile as { customerId: string }).customerId)) ||
        (s.profile?.kind === 'visiting' && check.visiting?.customerId === s.profile.customerId);
      const profile = s.profile?.kind === 'new' || stillListed ? s.profile : s.customerId ? { kind: 'existing' as const, customerId: s.customerId } : null;
      set({
        checking: false,
        check,
        checkedKey: key,
        error: null,
        profile,
        mergeIds: s.mergeIds.filter((id) => check.matches.some((m) => m.id === id)),
        typo: check.email?.suggestion ? { ...s.typo, suggested: true } : s.typo,
        consents: check.suppressed && !resubscribeApproved({ check, resubscribe: s.resubscribe }) ? { ...s.consents, marketing: false, personalization: false } : s.consents,
      });
    },

    acceptSuggestion() {
      const suggestion = get().check?.email?.suggestion;
      if (!suggestion) return;
      set({ email: suggestion, typo: { suggested: true, accepted: true } });
      void get().runCheck();
    },

    chooseProfile(choice) {
      const id = choice.kind === 'existing' ? choice.customerId : null;
      set((s) => ({ profile: choice, mergeIds: s.mergeIds.filter((m) => m !== id) }));
    },

    toggleMerge(customerId) {
      set((s) => ({ mergeIds: s.mergeIds.includes(customerId) ? s.mergeIds.filter((m) => m !== customerId) : [...s.mergeIds, customerId] }));
    },

    toggleConsent(purpose) {
      set((s) => ({ consents: { ...s.consents, [purpose]: !s.consents[purpose] } }));
    },

    setDeclining(on) {
      set({ declining: on, error: null });
    },

    approveResubscribe(approval) {
      set({ resubscribe: approval, error: null });
    },

    save() {
      const s = get();
      if (!s.setup || !s.profile) return Promise.resolve(false);
      return record({
        outcome: 'captured',
        email: s.email,
        phone: s.phone,
        firstName: s.firstName,
        lastName: s.lastName,
        profile:
          s.profile.kind === 'existing' ? { kind: 'existing', customerId: s.profile.customerId, mergeIds: s.mergeIds } : s.profile.kind === 'visiting' ? s.profile : { kind: 'new' },
        consents: s.consents,
        consentTextVersion: s.setup.consentTextVersion,
        typo: s.typo,
        ...(resubscribeApproved(s) ? { resubscribeApprovalId: s.resubscribe!.approvalId } : {}),
      });
    },

    useAddressOnFile() {
      const id = get().customerId;
      return id ? record({ outcome: 'already_on_file', customerId: id }) : Promise.resolve(false);
    },

    decline(reason) {
      return record({ outcome: 'declined', reason, customerId: get().customerId });
    },

    markInvalid() {
      return record({ outcome: 'invalid', customerId: get().customerId });
    },

    async withdraw(purpose) {
      const receipt = get().receipt;
      if (!receipt?.customerId) return;
      const result = await api.call('consent.withdraw', { customerId: receipt.customerId, purpose });
      if (result.ok) set({ receipt: { ...receipt, consents: result.value }, error: null });
      else {
        set({ error: result.error });
        followSessionLoss(result.error);
      }
    },
  };
});
