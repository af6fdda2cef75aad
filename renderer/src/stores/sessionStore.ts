// Who is logged in on this register, the staff who could be, and how the last PIN attempt went.
import { create } from 'zustand';
import { api } from '../bridge';
import type { Session, StaffTile } from '../../../core/contract/index';

/** What the PIN pad tells the person after an attempt. */
export type LoginFeedback =
  | { kind: 'wrong_pin'; attemptsLeft: number }
  | { kind: 'locked'; lockedUntil: string | null }
  | { kind: 'error'; message: string }
  | { kind: 'choose_pin'; step: 'first' | 'again' | 'mismatch' };

interface SessionState {
  /** 'starting' until we know whether someone is already logged in. */
  phase: 'starting' | 'signed_out' | 'signed_in';
  session: Session | null;
  staff: StaffTile[];
  staffError: string | null;
  selectedStaffId: string | null;
  feedback: LoginFeedback | null;
  submitting: boolean;
  /** A person without a PIN is choosing one: the first entry, waiting to be typed again, and the chain's PIN length. */
  newPin: { first: string | null; length: number } | null;

  start(): Promise<void>;
  loadStaff(): Promise<void>;
  selectStaff(staffId: string | null): void;
  /** Resolves true when signed in, so the PIN pad knows whether to keep the digits. */
  login(pin: string): Promise<boolean>;
  /** The person without a PIN types their new one, then again; resolves true once signed in. */
  choosePin(pin: string): Promise<boolean>;
  logout(): Promise<void>;
  /** The device said the session changed (login/logout elsewhere, or ours confirmed). */
  sessionChanged(session: Session | null): void;
}

/** Work a screen must finish while the session still exists, such as a draft not yet saved. */
const beforeLogout = new Set<() => Promise<unknown>>();

export function onBeforeLogout(task: () => Promise<unknown>): () => void {
  beforeLogout.add(task);
  return () => beforeLogout.delete(task);
}

export const useSessionStore = create<SessionState>()((set, get) => ({
  phase: 'starting',
  session: null,
  staff: [],
  staffError: null,
  selectedStaffId: null,
  feedback: null,
  submitting: false,
  newPin: null,

  async start() {
    const current = await api.call('session.current', {});
    get().sessionChanged(current.ok ? current.value : null);
    if (!current.ok) set({ staffError: current.error.message });
    await get().loadStaff();
  },

  async loadStaff() {
    const result = await api.call('session.staff', {});
    if (result.ok) set({ staff: result.value, staffError: null });
    else set({ staffError: result.error.message });
  },

  selectStaff(staffId) {
    set({ selectedStaffId: staffId, feedback: null, newPin: null });
  },

  async login(pin) {
    const staffId = get().selectedStaffId;
    if (!staffId || get().submitting) return false;
    set({ submitting: true, feedback: null });
    const result = await api.call('session.login', { staffId, pin });
    set({ submitting: false });

    if (!result.ok) {
      set({ feedback: { kind: 'error', message: result.error.message } });
      return false;
    }
    const outcome = result.value;
    switch (outcome.status) {
      case 'signed_in':
        get().sessionChanged(outcome.session);
        return true;
      case 'wrong_pin':
        set({ feedback: { kind: 'wrong_pin', attemptsLeft: outcome.attemptsLeft } });
        return false;
      case 'locked':
        set({ feedback: { kind: 'locked', lockedUntil: outcome.lockedUntil } });
        // The tile must now show the lock too.
        await get().loadStaff();
        return false;
      case 'choose_pin': {
        // The chain sets how many digits a new PIN has; say it before the person types one.
        const settings = await api.call('security.settings', {});
        const length = settings.ok ? settings.value.pinLength : 6;
        set({ newPin: { first: null, length }, feedback: { kind: 'choose_pin', step: 'first' } });
        return false;
      }
    }
  },

  async choosePin(pin) {
    const staffId = get().selectedStaffId;
    const draft = get().newPin;
    if (!staffId || !draft || get().submitting) return false;
    if (draft.first === null) {
      set({ newPin: { ...draft, first: pin }, feedback: { kind: 'choose_pin', step: 'again' } });
      return false;
    }
    if (draft.first !== pin) {
      set({ newPin: { ...draft, first: null }, feedback: { kind: 'choose_pin', step: 'mismatch' } });
      return false;
    }
    set({ submitting: true });
    const result = await api.call('session.choosePin', { staffId, pin });
    set({ submitting: false });
    if (!result.ok) {
      set({ newPin: { ...draft, first: null }, feedback: { kind: 'error', message: result.error.message } });
      return false;
    }
    if (result.value.status === 'signed_in') {
      get().sessionChanged(result.value.session);
      return true;
    }
    return false;
  },

  async logout() {
    // After logout the device refuses every call, so pending saves go first.
    await Promise.allSettled([...beforeLogout].map((task) => task()));
    await api.call('session.logout', {});
    get().sessionChanged(null);
  },

  sessionChanged(session) {
    if (session) {
      set({ session, phase: 'signed_in', selectedStaffId: null, feedback: null, newPin: null });
    } else if (get().phase !== 'signed_out') {
      set({ session: null, phase: 'signed_out', selectedStaffId: null, feedback: null, newPin: null });
      void get().loadStaff(); // locks may have expired or been set meanwhile
    }
  },
}));
