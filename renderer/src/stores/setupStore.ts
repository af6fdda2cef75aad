// What this register runs on, asked of the device before anything else: a new register chooses
// the demo or its store hub; a register whose data was damaged says so and waits to be rebuilt.
import { create } from 'zustand';
import { api } from '../bridge';
import type { EnrolRefusal, SetupStatus } from '../../../core/contract/index';

/** A refusal from the hub (typed) or from the device (its message). */
export interface SetupProblem {
  reason: EnrolRefusal | 'device';
  message: string;
}

interface SetupState {
  status: SetupStatus | null;
  /** Set when the device could not be asked at all. */
  unreachable: string | null;
  busy: 'demo' | 'enrol' | 'rebuild' | null;
  problem: SetupProblem | null;
  load(): Promise<void>;
  chooseDemo(): Promise<void>;
  enrol(code: string): Promise<void>;
  rebuild(): Promise<void>;
  clearProblem(): void;
}

export const useSetupStore = create<SetupState>()((set, get) => {
  /** Runs one set-up call; a device error becomes the problem to show. */
  async function run(kind: 'demo' | 'rebuild', call: () => ReturnType<typeof api.call<'setup.chooseDemo'>>) {
    if (get().busy) return;
    set({ busy: kind, problem: null });
    const result = await call();
    if (result.ok) set({ busy: null, status: result.value });
    else set({ busy: null, problem: { reason: 'device', message: result.error.message } });
  }

  return {
    status: null,
    unreachable: null,
    busy: null,
    problem: null,

    async load() {
      const result = await api.call('setup.status', {});
      if (result.ok) set({ status: result.value, unreachable: null });
      else set({ unreachable: result.error.message });
    },

    chooseDemo: () => run('demo', () => api.call('setup.chooseDemo', {})),
    rebuild: () => run('rebuild', () => api.call('setup.rebuild', {})),

    async enrol(code) {
      if (get().busy) return;
      set({ busy: 'enrol', problem: null });
      const result = await api.call('setup.enrol', { code });
      if (!result.ok) set({ busy: null, problem: { reason: 'device', message: result.error.message } });
      else if (result.value.status === 'refused') set({ busy: null, problem: { reason: result.value.reason, message: result.value.message } });
      else set({ busy: null, status: result.value.setup });
    },

    clearProblem: () => set({ problem: null }),
  };
});
