// The manager's staff list: who works at this store, their roles, whether they have a PIN,
// and the changes a manager makes (each one saved at once and sent to the hub by the device).
import { create } from 'zustand';
import { api } from '../bridge';
import type { ApiErrorValue, Role, StaffMember } from '../../../core/contract/index';
import { followSessionLoss } from './sessionGuard';

interface StaffAdminState {
  staff: StaffMember[] | null;
  /** The person whose change is being saved. */
  busyId: string | null;
  error: ApiErrorValue | null;
  /** What the last change did, in words (shown once). */
  done: string | null;
  load(): Promise<void>;
  add(displayName: string, role: Role): Promise<boolean>;
  update(member: StaffMember, change: Partial<Pick<StaffMember, 'role' | 'active'>>): Promise<void>;
  resetPin(member: StaffMember): Promise<void>;
}

export const useStaffAdminStore = create<StaffAdminState>()((set) => {
  const replace = (m: StaffMember) => set((s) => ({ staff: s.staff ? [...s.staff.filter((x) => x.id !== m.id), m].sort(byActiveThenName) : [m] }));
  const fail = (error: ApiErrorValue) => {
    set({ error, busyId: null, done: null });
    followSessionLoss(error);
  };
  return {
    staff: null,
    busyId: null,
    error: null,
    done: null,

    async load() {
      const result = await api.call('staff.list', {});
      if (result.ok) set({ staff: result.value, error: null });
      else fail(result.error);
    },

    async add(displayName, role) {
      set({ busyId: 'new', error: null, done: null });
      const result = await api.call('staff.save', { displayName, role, active: true });
      if (!result.ok) {
        fail(result.error);
        return false;
      }
      replace(result.value);
      set({ busyId: null, done: `${result.value.displayName} was added. They choose their PIN when they first sign in.` });
      return true;
    },

    async update(member, change) {
      set({ busyId: member.id, error: null, done: null });
      const next = { ...member, ...change };
      const result = await api.call('staff.save', { id: member.id, displayName: next.displayName, role: next.role, active: next.active });
      if (!result.ok) return fail(result.error);
      replace(result.value);
      const what = change.active === false ? 'deactivated' : change.active === true ? 'reactivated' : `now a ${result.value.role}`;
      set({ busyId: null, done: `${result.value.displayName} is ${what}.` });
    },

    async resetPin(member) {
      set({ busyId: member.id, error: null, done: null });
      const result = await api.call('staff.resetPin', { staffId: member.id });
      if (!result.ok) return fail(result.error);
      replace(result.value);
      set({ busyId: null, done: `${result.value.displayName} chooses a new PIN at their next sign-in.` });
    },
  };
});

function byActiveThenName(a: StaffMember, b: StaffMember): number {
  return Number(b.active) - Number(a.active) || a.displayName.localeCompare(b.displayName);
}
